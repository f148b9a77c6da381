"""The modes' policy, read from their specs (DESIGN.md §7; issues 9 and 10)."""

import argparse
import ast
from pathlib import Path

import pytest

from app.content.schema import SECTIONS
from app.modes import ids
from app.modes.config import KioskConfig
from app.modes.pin import hash_pin
from app.modes.spec import CLINICIAN, STUDENT, ModeError, ModeSpec, kiosk_spec, mode_for, normalize_keys

KIOSK = kiosk_spec(KioskConfig())
ALL_SPECS = (CLINICIAN, STUDENT, KIOSK)


def args(kiosk=False, student=False):
    return argparse.Namespace(kiosk=kiosk, student=student)


def test_mode_for_reads_the_flags():
    config = KioskConfig(idle_s=45)
    assert mode_for(args()) is CLINICIAN
    assert mode_for(args(student=True)) is STUDENT
    kiosk = mode_for(args(kiosk=True), load_config=lambda: config)
    assert kiosk.idle is not None and kiosk.idle.prompt_after_s == 45


def test_mode_for_refuses_two_modes():
    with pytest.raises(ModeError, match="--kiosk and --student"):
        mode_for(args(kiosk=True, student=True), load_config=KioskConfig)


def test_the_three_modes_differ():
    assert len({(s.actions, s.panels, s.gestures, s.writes) for s in ALL_SPECS}) == 3


@pytest.mark.parametrize("spec", ALL_SPECS, ids=lambda s: s.name)
def test_specs_use_known_ids(spec):
    assert spec.actions <= ids.ALL_ACTIONS
    assert spec.panels <= ids.ALL_PANELS
    assert spec.gestures <= ids.ALL_GESTURES
    assert spec.writes <= ids.ALL_WRITES
    assert ids.LOG in spec.writes  # the technical log holds no visitor data in any mode


def test_unknown_ids_are_refused():
    with pytest.raises(ValueError, match="unknown action"):
        ModeSpec(
            name="x",
            actions=frozenset({"launch_rockets"}),
            panels=frozenset(),
            gestures=frozenset(),
            writes=frozenset(),
        )


def test_kiosk_has_no_way_out_and_no_way_around():
    assert KIOSK.fullscreen and KIOSK.frameless
    assert not KIOSK.closable and not KIOSK.allows(ids.QUIT)
    assert not KIOSK.printing
    assert not KIOSK.allows(ids.MAPS) and not KIOSK.shows(ids.LAYERS_DOCK) and not KIOSK.shows(ids.EXPLORER_DOCK)
    assert not (KIOSK.context_menus or KIOSK.text_selection or KIOSK.external_links)
    for keys in sorted(ids.ESCAPE_KEYS | ids.VTK_KEYS):
        assert not KIOSK.key_allowed(keys), keys
    assert KIOSK.allows(ids.STAFF_EXIT) and ids.STAFF_CORNER_HOLD in KIOSK.gestures


def test_kiosk_keeps_nothing_but_the_log():
    assert KIOSK.writes == {ids.LOG}
    assert KIOSK.keeps_nothing
    assert not CLINICIAN.keeps_nothing and not STUDENT.keeps_nothing


def test_kiosk_is_touch_first_with_help_and_disclaimer_always_on_screen():
    assert KIOSK.touch_target_px >= 44 and KIOSK.font_scale > 1
    assert {ids.URGENT_BANNER, ids.DISCLAIMER, ids.KIOSK_FLOW} <= KIOSK.panels
    assert {ids.URGENT_SIGNS, ids.START_AGAIN} <= KIOSK.actions
    assert {ids.TAP_TOUCH, ids.DRAG_ROTATE, ids.PINCH_ZOOM, ids.TWO_FINGER_PAN, ids.DOUBLE_TAP_RESET} <= KIOSK.gestures
    assert KIOSK.idle is not None and KIOSK.attract is not None


def test_kiosk_options_come_from_its_config():
    pin = hash_pin("2468", n=2**10)
    spec = kiosk_spec(KioskConfig(printing=True, read_aloud=True, screen=1, language="fr", pin=pin, idle_s=30))
    assert spec.printing and spec.allows(ids.READ_ALOUD)
    assert spec.screen == 1 and spec.language == "fr"
    assert spec.staff_exit is not None and spec.staff_exit.pin == pin
    assert not KIOSK.allows(ids.READ_ALOUD) and KIOSK.staff_exit is not None and KIOSK.staff_exit.pin is None


def test_idle_policy_phases():
    idle = KIOSK.idle
    assert idle is not None
    assert [idle.phase(t) for t in (0, 89.9, 90, 104.9, 105, 500)] == [
        "active",
        "active",
        "prompt",
        "prompt",
        "reset",
        "reset",
    ]
    assert [idle.seconds_left(t) for t in (90, 90.5, 104.2, 105, 200)] == [15, 15, 1, 0, 0]


def test_student_gets_the_quiz_names_and_study_cards_first():
    assert {ids.QUIZ, ids.HOVER_NAMES, ids.RESET_PROGRESS} <= STUDENT.actions
    assert ids.QUIZ_PANEL in STUDENT.panels and ids.PROGRESS in STUDENT.writes
    assert not CLINICIAN.allows(ids.QUIZ) and ids.PROGRESS not in CLINICIAN.writes
    assert STUDENT.card_first_section is not None
    assert all(STUDENT.card_first_section in headings for headings in SECTIONS.values())
    assert KIOSK.card_hidden_sections <= {h for headings in SECTIONS.values() for h in headings}


def test_desk_modes_are_windows_that_close():
    for spec in (CLINICIAN, STUDENT):
        assert spec.closable and not spec.fullscreen and spec.idle is None
        assert spec.key_allowed("Ctrl+Q")


@pytest.mark.parametrize(
    ("given", "same"), [("Shift+Ctrl+Q", "Ctrl+Shift+Q"), ("ctrl+q", "Ctrl+Q"), ("Ctrl++", "ctrl++"), ("Esc", "ESC")]
)
def test_key_sequences_compare_in_one_spelling(given, same):
    assert normalize_keys(given) == normalize_keys(same)
    assert normalize_keys("Ctrl++") != normalize_keys("Ctrl+=")


def test_only_the_specs_name_the_modes():
    """Nothing outside app/modes branches on a mode's name (DESIGN.md §7)."""
    root = Path(__file__).parents[2] / "app"
    offenders = []
    for path in root.rglob("*.py"):
        if "modes" in path.relative_to(root).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Compare):
                names = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)]
                if {"kiosk", "student", "clinician"} & set(names):
                    offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []
