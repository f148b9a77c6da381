"""No way out of the kiosk: every key the spec does not allow is eaten (VTK's own keys always), no
context menu; activity is noted for the idle policy and the staff corner's hold. An app-wide
event filter (the window's close is refused by the window itself)."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QWidget

from app.modes.spec import ModeSpec
from app.ui.kiosk.idle import KioskIdle
from app.ui.kiosk.staff_access import KioskStaffAccess
from app.ui.qt_env import running_app

KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
PRESS_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin)
RELEASE_EVENTS = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)
ACTIVITY_EVENTS = (*PRESS_EVENTS, *RELEASE_EVENTS, QEvent.Type.TouchUpdate, QEvent.Type.Wheel, QEvent.Type.MouseMove)


class KioskLockDown(QObject):
    def __init__(
        self, spec: ModeSpec, view: QWidget, idle: KioskIdle, staff: KioskStaffAccess, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec  # the window's, as the staff change it for the session
        self.view = view  # the 3D view: VTK's keys never reach it
        self.idle = idle
        self.staff = staff
        running_app().installEventFilter(self)

    def stop(self) -> None:
        running_app().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in KEY_EVENTS:
            return self._filter_key(watched, cast("QKeyEvent", event))
        if kind == QEvent.Type.ContextMenu and not self.spec.context_menus:
            return True
        if kind not in ACTIVITY_EVENTS or not isinstance(watched, QWidget):
            return False
        if kind == QEvent.Type.MouseMove and not cast("QMouseEvent", event).buttons():
            return False
        self.idle.note_input()
        if kind in PRESS_EVENTS and self.staff.blocks(watched):
            event.accept()  # the PIN pad and the staff menu are modal: nothing behind them reacts
            return True
        if kind in PRESS_EVENTS:
            self.staff.pressed(event)
            self.idle.leave_attract()  # and the touch goes on: the first one is answered like any other
        else:
            self.staff.moved_or_released(event, released=kind in RELEASE_EVENTS)
        return False

    def _filter_key(self, watched: QObject, event: QKeyEvent) -> bool:
        """Every key the spec does not allow is eaten, and VTK's own keys always are."""
        keys = QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.PortableText)
        inside_view = isinstance(watched, QWidget) and (watched is self.view or self.view.isAncestorOf(watched))
        if inside_view or not self.spec.key_allowed(keys):
            event.accept()
            return True
        return False
