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
    ("key", "modifier"),
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ],
)
def test_keys_and_close_events_leave_it_open(qtbot, screen, key, modifier):
    qtbot.keyClick(screen, key, modifier)
    event = QCloseEvent()
    screen.closeEvent(event)
    assert not event.isAccepted()
    screen.close()
    assert screen.isVisible()


def test_the_supervisor_command_shows_it_until_stopped():
    """kiosk-run starts the screen as `python -m app.ui.kiosk.out_of_order`: it runs until the process is stopped."""
    import signal
    import subprocess

    from app.modes.supervisor import OUT_OF_ORDER_COMMAND

    screen = subprocess.Popen(OUT_OF_ORDER_COMMAND, stderr=subprocess.PIPE)
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            screen.wait(timeout=3)
    finally:
        screen.send_signal(signal.SIGTERM)
        _, err = screen.communicate(timeout=10)
    assert screen.returncode == -signal.SIGTERM, err.decode()


def test_it_speaks_the_kiosks_language_and_fills_its_screen_without_a_window_manager(qtbot):
    """Issue 19, defect 8: it stayed English with `language = "es"`, and was a small box in a corner."""
    from PySide6.QtGui import QGuiApplication

    from app.modes.config import KioskConfig
    from app.ui.i18n import Translation
    from app.ui.kiosk.out_of_order import open_out_of_order

    try:
        window = open_out_of_order(KioskConfig(language="es"))
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        assert window.title.text() == "Fuera de servicio"
        assert "recepción" in window.message.text()
        qtbot.waitUntil(lambda: window.geometry() == QGuiApplication.primaryScreen().geometry())
    finally:
        Translation().install("en")
