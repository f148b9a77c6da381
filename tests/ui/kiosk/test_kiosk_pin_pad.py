"""The PIN pad during a lockout (issue 19, defect 4): keys typed while locked out do not count, the
countdown does not move the keys, no "Still there?" or reset comes over the pad, and every wrong
try is logged without its digits."""

import logging

from kiosk_setup import IDLE, PIN
from PySide6.QtCore import QCoreApplication, QPoint, Qt

from app.modes.pin import PinResult


def hold_staff_corner(qtbot, kiosk):
    corner = QPoint(kiosk.width() - 10, 10)
    qtbot.mousePress(kiosk, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.waitUntil(
        lambda: kiosk.staff_access.pin_pad is not None and kiosk.staff_access.pin_pad.isVisible(), timeout=3000
    )
    qtbot.mouseRelease(kiosk, Qt.MouseButton.LeftButton, pos=corner)
    return kiosk.staff_access.pin_pad


def tap(qtbot, pad, keys):
    for key in keys:
        qtbot.mouseClick(pad.keys[key], Qt.MouseButton.LeftButton)


def test_keys_typed_while_locked_out_do_not_count(qtbot, kiosk, clock):
    pad = hold_staff_corner(qtbot, kiosk)
    for _ in range(3):
        assert pad.enter("000000") is PinResult.REFUSED
        clock.advance(kiosk.gate.wait_s())
    assert pad.enter("000000") is PinResult.REFUSED
    waited = kiosk.gate.wait_s()
    tap(qtbot, pad, "4829")  # a finger on the pad while it waits
    assert pad.digits == "" and pad.dots.text() == ""
    assert not any(key.isEnabled() for key in pad.keys.values()), "the keys look off while locked out"
    clock.advance(waited)
    pad._show_wait()  # the pad's own countdown tick
    assert all(key.isEnabled() for key in pad.keys.values())
    tap(qtbot, pad, PIN)
    qtbot.mouseClick(pad.ok_key, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kiosk.staff_access.staff_menu is not None)
    assert kiosk.gate.failures == 0, "the right PIN after the wait is heard: the wait did not double"


def test_the_countdown_does_not_move_the_keys(qtbot, kiosk, clock):
    pad = hold_staff_corner(qtbot, kiosk)
    before = {key: button.mapTo(kiosk, QPoint(0, 0)) for key, button in pad.keys.items()}
    size = pad.size()
    for _ in range(5):  # the wait grows to 16 s: a longer message
        assert pad.enter("000000") is PinResult.REFUSED
        QCoreApplication.processEvents()  # the longer message is laid out
        assert {key: button.mapTo(kiosk, QPoint(0, 0)) for key, button in pad.keys.items()} == before
        assert pad.size() == size
        assert "\n" in pad.message.text() and "s." in pad.message.text().splitlines()[-1]
        clock.advance(kiosk.gate.wait_s())
    assert pad.message.text().splitlines()[-1].startswith("Try again in 16")


def test_the_wrong_pin_message_shows_both_its_lines_whole(qtbot, kiosk):
    """The message's room is measured in the kiosk's own (larger) font, not the default one the
    pad had before the kiosk's style reached it: at full HD its two lines were cut top and bottom."""
    pad = hold_staff_corner(qtbot, kiosk)
    assert pad.enter("000000") is PinResult.REFUSED
    QCoreApplication.processEvents()
    label = pad.message
    needed = label.fontMetrics().boundingRect(label.contentsRect(), int(label.alignment()), label.text()).height()
    assert label.contentsRect().height() >= needed, (label.contentsRect().height(), needed)


def test_no_idle_prompt_or_reset_comes_over_the_pin_pad(qtbot, kiosk, clock):
    pad = hold_staff_corner(qtbot, kiosk)
    assert pad.enter("000000") is PinResult.REFUSED
    clock.advance(IDLE.prompt_after_s + IDLE.countdown_s + 60)
    kiosk.idle.tick()
    clock.advance(IDLE.prompt_after_s + IDLE.countdown_s + 60)
    kiosk.idle.tick()
    assert (
        kiosk.staff_access.pin_pad is pad
        and pad.isVisible()
        and not kiosk.pages.prompt.isVisible()
        and not kiosk.idle.attracting
    )
    assert pad.enter(PIN) is PinResult.ACCEPTED


def test_every_wrong_try_is_logged_without_its_digits(qtbot, kiosk, clock, caplog):
    pad = hold_staff_corner(qtbot, kiosk)
    with caplog.at_level(logging.WARNING, logger="app"):
        for _ in range(2):
            assert pad.enter("135790") is PinResult.REFUSED
            clock.advance(kiosk.gate.wait_s())
    lines = [r.getMessage() for r in caplog.records if "wrong staff PIN" in r.getMessage()]
    assert lines == [
        "a wrong staff PIN (1 in a row); the next try waits 1 s",
        "a wrong staff PIN (2 in a row); the next try waits 2 s",
    ]
    assert not any("135790" in r.getMessage() for r in caplog.records)


def test_staff_visits_leave_no_pin_pad_or_staff_menu_behind(qtbot, kiosk):
    """Issue 25 (the soak): each staff visit kept its PIN pad and staff menu inside the kiosk."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from app.ui.kiosk.staff import PinPad, StaffMenu

    staff = kiosk.staff_access
    for _ in range(3):
        staff._on_corner_held()
        assert staff.pin_pad.enter(PIN) is PinResult.ACCEPTED
        staff.staff_menu.back_button.click()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert staff.pin_pad is None and staff.staff_menu is None
    assert not kiosk.findChildren(PinPad) and not kiosk.findChildren(StaffMenu)
