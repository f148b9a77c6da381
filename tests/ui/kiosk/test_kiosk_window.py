"""The kiosk window: fullscreen and frameless with its own controls, one flow, no way out but the
staff corner and the PIN."""

import logging

import pytest
from kiosk_setup import PIN
from pixels import click, skin_point_near
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QPushButton, QToolBar

from app.modes import ids
from app.modes.pin import PinResult
from app.modes.spec import CLINICIAN_SECTION
from app.ui.kiosk.printing import KioskPrinter


def touch_left_foot(qtbot, kiosk):
    kiosk.camera.request_view("anterior")
    click(qtbot, kiosk, skin_point_near(kiosk, "metatarsal_head_3_left", (0, 0, 1)))
    qtbot.waitUntil(lambda: bool(kiosk.explorer.touches))


def test_the_kiosk_opens_fullscreen_and_frameless_with_its_own_controls(qtbot, make_kiosk):
    kiosk = make_kiosk()
    kiosk.show_kiosk()
    qtbot.waitUntil(kiosk.isFullScreen)
    assert kiosk.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert kiosk.screen() is QApplication.screens()[0]
    assert kiosk.pages.urgent_button.isVisible() and kiosk.pages.disclaimer.isVisible()
    assert "not a diagnosis" in kiosk.pages.disclaimer.text()
    assert kiosk.pages.start_again_button.isVisible()
    assert not kiosk.findChildren(QDockWidget), "no clinician panels"
    assert not kiosk.findChildren(QToolBar), "no toolbars"
    for button in kiosk.findChildren(QPushButton):
        if button.isVisible():
            assert min(button.width(), button.height()) >= kiosk.spec.touch_target_px, button.text()
    assert kiosk.pages.disclaimer.fontInfo().pixelSize() >= 16
    assert kiosk.pages.instruction.fontInfo().pixelSize() >= 24


def test_touch_shows_the_spot_a_few_plain_cards_and_start_again_clears_them(qtbot, kiosk):
    touch_left_foot(qtbot, kiosk)
    assert kiosk.pages.side.currentWidget() is kiosk.pages.result_page
    assert "left" in kiosk.pages.where.text()
    assert 1 <= kiosk.pages.candidate_list.count() <= 3
    text = kiosk.pages.card_view.toPlainText()
    assert "What it may be" in text and "What helps" in text and "When to get help" in text
    assert CLINICIAN_SECTION not in text, "the clinicians' section is hidden in the kiosk"
    qtbot.waitUntil(lambda: not kiosk.animating())
    assert kiosk.explorer_view.path_points, "the lit sources and their paths are drawn"
    kiosk.pages.candidate_list.setCurrentRow(kiosk.pages.candidate_list.count() - 1)
    assert kiosk.explorer.selected.id == kiosk.pages.candidate_list.currentItem().data(Qt.ItemDataRole.UserRole)
    kiosk.pages.start_again_button.click()
    assert kiosk.explorer.touches == () and kiosk.explorer.candidates == []
    assert kiosk.pages.side.currentWidget() is kiosk.pages.start_page and not kiosk.pages.card_view.toPlainText()


def test_when_to_get_help_now_is_one_tap_and_a_red_flag_shows_its_card(qtbot, kiosk):
    kiosk.pages.urgent_button.click()
    assert kiosk.pages.side.currentWidget() is kiosk.pages.urgent_page
    assert "emergency" in kiosk.pages.urgent_view.toPlainText().lower()
    item = kiosk.pages.flag_list.item(0)
    rect = kiosk.pages.flag_list.visualItemRect(item)
    qtbot.mouseClick(kiosk.pages.flag_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert item.data(Qt.ItemDataRole.UserRole) in kiosk.explorer.answers.red_flags
    assert kiosk.explorer.candidates[0].mechanism == "urgent"
    assert (
        kiosk.explorer.knowledge.red_flags[item.data(Qt.ItemDataRole.UserRole)].title
        in kiosk.pages.urgent_view.toPlainText()
    )


@pytest.mark.parametrize("keys", sorted(ids.ESCAPE_KEYS | ids.VTK_KEYS))
def test_no_key_leads_out_or_changes_the_view(qtbot, kiosk, keys):
    sequence = QKeySequence(keys)[0]
    camera = kiosk.scene.plotter.camera.position
    for target in (kiosk, kiosk.interactor):
        QTest.keyClick(target, sequence.key(), sequence.keyboardModifiers())
    QCoreApplication.processEvents()  # whatever the key posted (a close, a view change) is handled
    assert kiosk.isVisible() and not kiosk.exit_codes
    assert kiosk.scene.plotter.camera.position == camera
    assert not kiosk.scene.plotter.iren.interactor.GetRenderWindow().GetStereoRender()


def test_a_close_event_leaves_the_window_open(qtbot, kiosk):
    assert kiosk.close() is False
    assert kiosk.isVisible() and not kiosk.exit_codes


def test_no_context_menu_no_text_selection_no_external_links(qtbot, kiosk):
    touch_left_foot(qtbot, kiosk)
    view = kiosk.pages.card_view
    assert not view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert not view.openExternalLinks() and not view.openLinks()
    seen = []
    view.customContextMenuRequested.connect(seen.append)
    at = QPoint(20, 20)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.viewport().mapToGlobal(at))
    assert QApplication.sendEvent(view.viewport(), event) is True  # eaten before the browser's menu
    assert not seen and QApplication.activePopupWidget() is None
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(60, 30))
    assert not view.textCursor().hasSelection()
    shown = view.toPlainText()
    view.anchorClicked.emit("https://example.org/")
    assert view.toPlainText() == shown


def hold_staff_corner(qtbot, kiosk):
    corner = QPoint(kiosk.width() - 10, 10)
    qtbot.mousePress(kiosk, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.waitUntil(
        lambda: kiosk.staff_access.pin_pad is not None and kiosk.staff_access.pin_pad.isVisible(), timeout=3000
    )
    qtbot.mouseRelease(kiosk, Qt.MouseButton.LeftButton, pos=corner)
    return kiosk.staff_access.pin_pad


def test_a_short_press_in_the_corner_opens_nothing(qtbot, kiosk):
    corner = QPoint(kiosk.width() - 10, 10)
    qtbot.mousePress(kiosk, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.mouseRelease(kiosk, Qt.MouseButton.LeftButton, pos=corner, delay=50)
    assert not kiosk.staff_access.hold_timer.isActive(), "the hold is over: the PIN pad can no longer come"
    assert kiosk.staff_access.pin_pad is None


def test_nothing_behind_the_pin_pad_reacts(qtbot, kiosk):
    pad = hold_staff_corner(qtbot, kiosk)
    kiosk.camera.request_view("anterior")
    click(qtbot, kiosk, skin_point_near(kiosk, "metatarsal_head_3_left", (0, 0, 1)))
    assert not kiosk.body.pending, "no touch is queued to be answered later"
    assert kiosk.explorer.touches == () and kiosk.staff_access.pin_pad is pad
    pad.cancel_key.click()
    assert kiosk.staff_access.pin_pad is None and kiosk.staff_access.staff_menu is None


def test_the_right_pin_opens_the_staff_menu_and_leaves_with_code_0(qtbot, kiosk):
    pad = hold_staff_corner(qtbot, kiosk)
    for digit in PIN:
        pad.keys[digit].click()
    pad.ok_key.click()
    assert kiosk.staff_access.staff_menu is not None and kiosk.staff_access.staff_menu.isVisible()
    kiosk.staff_access.staff_menu.leave_button.click()
    assert kiosk.exit_codes == [0] and not kiosk.isVisible()


def test_a_wrong_pin_is_refused_and_the_next_try_waits(qtbot, kiosk):
    pad = hold_staff_corner(qtbot, kiosk)
    assert pad.enter("000000") is PinResult.REFUSED
    assert kiosk.staff_access.staff_menu is None and kiosk.isVisible() and not kiosk.exit_codes
    assert not pad.ok_key.isEnabled() and "wrong" in pad.message.text()
    assert pad.enter(PIN) is PinResult.WAIT, "too soon after a wrong PIN: not even checked"
    assert kiosk.gate.wait_s() > 0 and kiosk.staff_access.staff_menu is None


def test_the_staff_menu_sets_idle_printing_and_reports_a_content_error(qtbot, kiosk, caplog):
    touch_left_foot(qtbot, kiosk)
    shown = kiosk.pages.shown_card
    pad = hold_staff_corner(qtbot, kiosk)
    assert pad.enter(PIN) is PinResult.ACCEPTED
    menu = kiosk.staff_access.staff_menu
    menu.idle_more.click()
    assert kiosk.spec.idle.prompt_after_s == 120.0
    assert not kiosk.pages.print_button.isVisibleTo(kiosk)
    menu.printing_button.click()
    assert kiosk.spec.printing and not kiosk.pages.print_button.isVisibleTo(kiosk), "this machine has no printer"
    assert menu.printing_button.text() == "Printing: on, but no printer found"
    menu.printing_button.click()
    kiosk.printer = KioskPrinter(None, find=lambda _name: "Front desk")
    menu.printing_button.click()
    assert kiosk.spec.printing and kiosk.pages.print_button.isVisibleTo(kiosk)
    assert menu.printing_button.text() == "Printing: on, to Front desk"
    with caplog.at_level(logging.WARNING, logger="app"):
        menu.report_button.click()
    [record] = [r for r in caplog.records if "content error reported" in r.getMessage()]
    card = kiosk.explorer.knowledge.card(shown)
    assert record.getMessage() == f"content error reported: card {card.id}, content version {card.content_version}"
    menu.back_button.click()
    assert kiosk.staff_access.staff_menu is None and kiosk.isVisible()


def test_a_screen_that_does_not_exist_gives_the_first_one_and_a_log_line(qtbot, make_kiosk, caplog):
    from dataclasses import replace

    from kiosk_setup import short_spec

    kiosk = make_kiosk(replace(short_spec(), screen=5))
    with caplog.at_level(logging.WARNING, logger="app"):
        kiosk.show_kiosk()
    qtbot.waitUntil(kiosk.isFullScreen)
    assert kiosk.screen() is QApplication.screens()[0]
    assert any("screen 5 does not exist" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(
    "where",
    [(0.0, 0.083, 0.775), (-0.032, 0.108, 0.748)],
    ids=["perineum", "upper inner thigh beside the perineum"],
)
def test_a_saddle_touch_shows_the_cauda_equina_check_first(qtbot, kiosk, where):
    """Issue 18: the kiosk leads with the check at the perineum and at the upper inner thigh beside it,
    and its help page puts emergency signs apart from today's."""
    labels = kiosk.explorer_view.labels
    kiosk.explorer_view.touch_vertex(labels.nearest_point(where))
    qtbot.waitUntil(lambda: kiosk.pages.candidate_list.count() > 0)
    first = kiosk.pages.candidate_list.item(0)
    assert first.data(Qt.ItemDataRole.UserRole) == "ask_first:red_flag_cauda_equina"
    assert "Check first." in first.text() and "emergency: go now" in first.text()
    assert "Go to an emergency department now" in kiosk.pages.card_view.toPlainText()
    kiosk.pages.urgent_button.click()
    text = kiosk.pages.urgent_view.toPlainText()
    emergency = text.index("Go to an emergency department now, or call an ambulance, if you have any of these:")
    today = text.index("See a doctor today")
    assert emergency < text.index("Numbness between the legs") < today < text.index("Fever or feeling very unwell")
    assert "call your doctor today, or go to emergency care" not in text


def test_the_staff_menus_language_list_opens_with_finger_sized_rows(qtbot, kiosk):
    """On a touch screen the language list's rows are as tall as any other touch target (they were
    the desktop's ~36 px at full HD, the buttons around them 44 px and more)."""
    pad = hold_staff_corner(qtbot, kiosk)
    assert pad.enter(PIN) is PinResult.ACCEPTED
    box = kiosk.staff_access.staff_menu.language_box
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible)
    assert min(view.visualRect(box.model().index(row, 0)).height() for row in range(box.count())) >= (
        kiosk.spec.touch_target_px
    )
    box.hidePopup()
