"""Nothing but the kiosk on screen. Any other top-level window that appears in a kiosk session (a
print, file or message dialog, a stray tool window) is closed on the spot and logged; and the kiosk
comes back to the front, filling its screen, within a second of being hidden, minimised, covered or
shrunk (a window manager's "show desktop", which can map it again without its full-screen state)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.ui.qt_env import running_app

log = logging.getLogger(__name__)
FRONT_CHECK_MS = 300
AFRESH_EVERY_S = 3.0  # a window that cannot get in front is not hidden and shown in a tight loop


class KioskGuard(QObject):
    def __init__(self, kiosk: QWidget, bring_to_front: Callable[[bool], None], full_screen: bool = True) -> None:
        super().__init__(kiosk)
        self.kiosk = kiosk
        self._full_screen = full_screen
        self._bring_to_front = bring_to_front
        self._was_in_front = True
        self._afresh_at = -AFRESH_EVERY_S
        # every dialog is then a Qt widget this guard sees (no platform dialog behind its back)
        QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
        running_app().installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(FRONT_CHECK_MS)
        self._timer.timeout.connect(self.check_front)

    def keep_in_front(self) -> None:
        """From now on (the kiosk is on its screen) bring it back whenever it is not in front."""
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        running_app().removeEventFilter(self)

    def is_own(self, widget: QWidget) -> bool:
        """The kiosk, anything inside it, and the pop-ups of its own widgets (a combo box's list)."""
        window = widget.window()
        if window is self.kiosk or window.windowType() == Qt.WindowType.ToolTip:
            return True
        parent = window.parentWidget()
        return window.windowType() == Qt.WindowType.Popup and parent is not None and self.is_own(parent)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and not self.is_own(watched)
        ):
            log.warning(
                "a window that is not the kiosk's was opened (%s %r): closed",
                type(watched).__name__,
                watched.windowTitle(),
            )
            # after its show() has returned, so that a dialog's exec() loop ends too
            QTimer.singleShot(0, lambda: _close(watched))
        return False

    def check_front(self) -> None:
        active = QApplication.activeWindow()
        in_front = (
            self.kiosk.isVisible()
            and not self.kiosk.isMinimized()
            and (self.kiosk.isFullScreen() or not self._full_screen)
            and active is not None
            and self.is_own(active)
        )
        if not in_front:
            if self._was_in_front:
                log.warning("the kiosk was hidden, minimised or covered: brought back to the front")
            # raised first; still not in front a check later, shown afresh (a window manager's "show
            # desktop" hides windows without telling Qt, and ends only when a window is mapped again)
            afresh = not self._was_in_front and time.monotonic() - self._afresh_at >= AFRESH_EVERY_S
            if afresh:
                self._afresh_at = time.monotonic()
            self._bring_to_front(afresh)
        self._was_in_front = in_front


def _close(window: QWidget) -> None:
    if not shiboken6.isValid(window):
        return
    if isinstance(window, QDialog):
        window.reject()
    window.close()
    window.hide()  # even one that refuses to close
