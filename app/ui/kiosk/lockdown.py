"""No way out of the kiosk: every key the spec does not allow is eaten (VTK's own keys always), no
context menu, no close; activity is noted for the idle policy and the staff corner's hold."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QWidget,
)

KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
PRESS_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin)
RELEASE_EVENTS = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)
ACTIVITY_EVENTS = (*PRESS_EVENTS, *RELEASE_EVENTS, QEvent.Type.TouchUpdate, QEvent.Type.Wheel, QEvent.Type.MouseMove)


class KioskLockDown:
    """Part of KioskWindow (app/ui/kiosk/window.py): lockdown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in KEY_EVENTS:
            return self._filter_key(watched, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.ContextMenu and not self.spec.context_menus:
            return True
        if kind not in ACTIVITY_EVENTS or not isinstance(watched, QWidget) or self._leaving:
            return False
        if kind == QEvent.Type.MouseMove and not event.buttons():  # type: ignore[attr-defined]
            return False
        self._last_input = self.clock()
        if kind in PRESS_EVENTS and self._outside_staff_box(watched):
            event.accept()  # the PIN pad and the staff menu are modal: nothing behind them reacts
            return True
        if kind in PRESS_EVENTS:
            self._start_corner_hold(event)
            if self.attracting:  # the first touch only wakes the kiosk
                self.leave_attract()
                event.accept()
                return True
        elif kind in RELEASE_EVENTS or (self._hold_timer.isActive() and not self._in_staff_corner(event)):
            self._hold_timer.stop()
        return False

    def _outside_staff_box(self, watched: QWidget) -> bool:
        box = self.staff_menu or self.pin_pad
        return box is not None and box.isVisible() and not (watched is box or box.isAncestorOf(watched))

    def _filter_key(self, watched: QObject, event: QKeyEvent) -> bool:
        """Every key the spec does not allow is eaten, and VTK's own keys always are."""
        keys = QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.PortableText)
        view = self.interactor
        inside_view = isinstance(watched, QWidget) and (watched is view or view.isAncestorOf(watched))
        if inside_view or not self.spec.key_allowed(keys):
            event.accept()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not (self._leaving or self.spec.closable):
            event.ignore()  # Alt+F4, the window manager's close button, a close event: the kiosk stays
            return
        self._shut_down()
        super().closeEvent(event)
