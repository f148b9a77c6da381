"""Modes are data (DESIGN.md §7): each mode's window has the controls its spec lists and no other,
found in Qt's widget tree by their words; taking an id out of a spec takes its control away."""

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QGroupBox, QLineEdit, QToolBar

from app.modes import ids
from app.modes.spec import CLINICIAN, STUDENT

DESK_CONTROLS = {  # id → the words of its control (a toolbar action, a button or a dock)
    ids.VIEW_ANTERIOR: "Front",
    ids.VIEW_POSTERIOR: "Back",
    ids.VIEW_LEFT: "Left side",
    ids.VIEW_RIGHT: "Right side",
    ids.VIEW_PLANTAR: "Soles",
    ids.VIEW_RESET: "Reset",
    ids.URGENT_SIGNS: "Urgent signs",
    ids.PRINT_HANDOUT: "Handout…",
    ids.LAYERS_DOCK: "Show",
    ids.AREA_MODE: "Mark an area",
    ids.COMPARE: "Compare…",
    ids.QUESTIONS: "Questions",
    ids.FROM_SOURCE: "From a source",
    ids.QUIZ_PANEL: "Quiz",
}


def shown(window) -> set[str]:
    """Every visible control's words: toolbar actions, buttons, docks, tabs and the search box."""
    words = {a.text() for bar in window.findChildren(QToolBar) for a in bar.actions() if a.isVisible()}
    words |= {b.text() for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)}
    words |= {d.windowTitle() for d in window.findChildren(QDockWidget) if d.isVisibleTo(window)}
    tabs = window.panel.tabs if hasattr(window, "panel") else None
    words |= {tabs.tabText(i) for i in range(tabs.count())} if tabs is not None else set()
    words |= {"search box"} if any(e.isVisibleTo(window) for e in window.findChildren(QLineEdit)) else set()
    return words


def control_ids(spec) -> set[str]:
    return {i for i in DESK_CONTROLS if spec.allows(i) or spec.shows(i)}


@pytest.fixture
def open_desk(qtbot, model, knowledge, tmp_path, monkeypatch, question_bank):
    from app.study.store import DATA_ENV
    from app.ui.main_window import MainWindow

    monkeypatch.setenv(DATA_ENV, str(tmp_path))

    def open_window(spec):
        window = MainWindow(model, knowledge, spec=spec, question_bank=question_bank)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_window


@pytest.mark.parametrize("spec", [CLINICIAN, STUDENT], ids=["clinician", "student"])
def test_a_desk_window_has_every_control_its_spec_lists_and_no_other(open_desk, spec):
    window = open_desk(spec)
    words = shown(window)
    for control, text in DESK_CONTROLS.items():
        assert (text in words) == (control in control_ids(spec)), (spec.name, control, text)
    assert ("search box" in words) == spec.allows(ids.SEARCH)
    assert window.statusBar().isVisible() == spec.shows(ids.STATUS_BAR)
    window.close()


@pytest.mark.parametrize(
    "control",
    [ids.VIEW_PLANTAR, ids.PRINT_HANDOUT, ids.URGENT_SIGNS, ids.AREA_MODE, ids.COMPARE, ids.QUESTIONS, ids.SEARCH],
)
def test_taking_an_id_out_of_a_spec_takes_its_control_away(open_desk, control):
    window = open_desk(replace(CLINICIAN, actions=CLINICIAN.actions - {control}))
    words = shown(window)
    assert DESK_CONTROLS.get(control, "search box") not in words
    assert shown_all_but(words, control), "the other controls stay"
    window.close()


def shown_all_but(words: set[str], control: str) -> bool:
    return all(text in words for i, text in DESK_CONTROLS.items() if i != control and i in control_ids(CLINICIAN))


def test_without_the_layers_dock_the_window_has_no_layers_and_maps(open_desk):
    window = open_desk(replace(CLINICIAN, panels=CLINICIAN.panels - {ids.LAYERS_DOCK}))
    words = shown(window)
    assert "Show" not in words
    assert "Layers and maps" not in words
    assert "Skin maps" not in {g.title() for g in window.findChildren(QGroupBox)}
    window.close()
