"""Words a waiting-room visitor and the staff understand (issue 19, defect 7): conditions without
disc levels or roots and their mechanism in everyday words; the staff menu names the card on screen,
shows the idle figures the kiosk uses, and the languages by their own names."""

import re

from kiosk_setup import IDLE, PIN
from PySide6.QtCore import Qt
from test_kiosk_pin_pad import hold_staff_corner
from test_kiosk_window import touch_left_foot

from app.modes.pin import PinResult

JARGON = re.compile(r"\b(L[1-5]|S[1-5]|referred pain|nerve root)\b")


def test_what_it_may_be_names_conditions_in_everyday_words(qtbot, kiosk):
    touch_left_foot(qtbot, kiosk)
    items = [kiosk.pages.candidate_list.item(row).text() for row in range(kiosk.pages.candidate_list.count())]
    assert len(items) == 3
    assert not [item for item in items if JARGON.search(item)], items
    by_id = {candidate.id: candidate for candidate in kiosk.explorer.candidates}
    conditions = [by_id[kiosk.pages.candidate_list.item(r).data(Qt.ItemDataRole.UserRole)].condition for r in range(3)]
    assert len(set(conditions)) == 3, "one item per condition, not one per disc level"
    assert "Slipped disc" in items[0] and "pinched where it leaves the spine" in items[0]


def test_the_staff_menu_names_the_card_on_screen_and_the_figures_in_use(qtbot, kiosk):
    touch_left_foot(qtbot, kiosk)
    heading = kiosk.pages.shown_title
    pad = hold_staff_corner(qtbot, kiosk)
    assert pad.enter(PIN) is PinResult.ACCEPTED
    menu = kiosk.staff_access.staff_menu
    assert heading in menu.report_button.text()
    assert menu.idle_label.text() == (
        f"“Still there?” after {round(IDLE.prompt_after_s)} s untouched, then {round(IDLE.countdown_s)} s to answer"
    )


def test_the_languages_are_named_as_they_call_themselves(qtbot, kiosk):
    from app.ui.kiosk.staff import StaffMenu

    box = StaffMenu(90.0, 20.0, "es", ["en", "es"], False, None, kiosk).language_box
    assert [box.itemText(i) for i in range(box.count())] == ["English", "Español"], "no country for neutral Spanish"


def test_a_short_idle_time_in_the_config_shows_as_it_is(qtbot, make_kiosk):
    from dataclasses import replace

    from kiosk_setup import short_spec

    from app.modes.spec import IdlePolicy

    kiosk = make_kiosk(replace(short_spec(), idle=IdlePolicy(prompt_after_s=15.0, countdown_s=20.0)))
    pad = hold_staff_corner(qtbot, kiosk)
    assert pad.enter(PIN) is PinResult.ACCEPTED
    assert kiosk.staff_access.staff_menu.idle_label.text().startswith("“Still there?” after 15 s untouched")


def test_the_3d_view_has_an_accessible_name(kiosk):
    assert kiosk.interactor.accessibleName() == "The body in 3D"
    assert "Touch where it hurts" in kiosk.interactor.accessibleDescription()


def test_still_there_keeps_clear_of_its_frame(qtbot, kiosk, clock):
    touch_left_foot(qtbot, kiosk)
    clock.advance(IDLE.prompt_after_s + 1)
    kiosk.idle.tick()
    assert kiosk.pages.prompt.isVisible()
    inside = kiosk.pages.prompt.rect()
    for child in (kiosk.pages.prompt.countdown, kiosk.pages.prompt.still_here):
        box = child.geometry()
        assert box.left() - inside.left() >= 16 and inside.right() - box.right() >= 16, (box, inside)
        assert box.top() - inside.top() >= 16 or child is kiosk.pages.prompt.still_here
    assert inside.bottom() - kiosk.pages.prompt.still_here.geometry().bottom() >= 16
