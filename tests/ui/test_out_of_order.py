"""The supervisor's "out of order" screen: full screen, frameless, and no way to close it from it."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent

from app.ui.kiosk.out_of_order import OutOfOrderWindow


@pytest.fixture
def screen(qtbot):
    window = OutOfOrderWindow()
    qtbot.addWidget(window)
    window.showFullScreen()
    qtbot.waitExposed(window)
    return window


def test_fills_the_screen_without_a_frame(screen):
    assert screen.isFullScreen()
    assert screen.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert "Out of order" in screen.title.text()


@pytest.mark.parametrize(
    "key, modifier",
    [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
     (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)],
)  # fmt: skip
def test_keys_and_close_events_leave_it_open(qtbot, screen, key, modifier):
    qtbot.keyClick(screen, key, modifier)
    event = QCloseEvent()
    screen.closeEvent(event)
    assert not event.isAccepted()
    screen.close()
    assert screen.isVisible()
