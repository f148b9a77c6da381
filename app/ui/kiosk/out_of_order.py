"""The plain "out of order" screen `referral-atlas kiosk-run` shows when the kiosk keeps failing
(app/modes/supervisor.py). It fills the screen, cannot be closed from it, and ends only when the
process is stopped (the kiosk's service or the machine). Run: `python -m app.ui.kiosk.out_of_order`."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.modes.config import KioskConfig, load_kiosk_config
from app.ui.i18n import Translation
from app.ui.qt_env import widget_app


class OutOfOrderWindow(QWidget):
    translation: Translation | None = None

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Referral Atlas")
        self.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setStyleSheet("background: #f4f4f4; color: #222;")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(self.tr("Out of order"))
        self.title.setFont(QFont(self.font().family(), 40, QFont.Weight.Bold))
        self.message = QLabel(self.tr("Sorry, this screen is not working right now. Please tell the front desk."))
        self.message.setFont(QFont(self.font().family(), 22))
        self.message.setWordWrap(True)
        for label in (self.title, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            layout.addWidget(label)
        layout.addStretch(1)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # Alt+F4, the window manager's close: the screen stays

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            return True  # no key does anything here
        return super().event(event)


def open_out_of_order(config: KioskConfig) -> OutOfOrderWindow:
    """The screen in the kiosk's language, filling the kiosk's screen (with a window manager or without)."""
    translation = Translation()  # kept with the window: its translators live as long as it does
    translation.install(config.language)
    window = OutOfOrderWindow()
    window.translation = translation
    screens = QGuiApplication.screens()
    screen = screens[config.screen] if config.screen < len(screens) else QGuiApplication.primaryScreen()
    window.setScreen(screen)
    window.setGeometry(screen.geometry())  # without a window manager showFullScreen alone keeps its own size
    window.showFullScreen()
    return window


def main() -> int:
    app = widget_app()
    app.setQuitOnLastWindowClosed(False)
    window = open_out_of_order(load_kiosk_config())
    code = app.exec()
    del window
    return code


if __name__ == "__main__":
    raise SystemExit(main())
