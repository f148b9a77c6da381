"""Names on demand: the pointer resting over the body (or a finger held still on it) names what is
under it, in a tooltip and the status line.

Moves are coalesced: one pick per HOVER_DELAY_MS of rest, through the scene's cell locators, and no
frame is drawn (the name is text, the picture does not change).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QToolTip, QWidget

from app.ui.scene_widget import to_display

HOVER_DELAY_MS = 60
HOLD_MS = 600  # press and hold this long, without moving, to name instead of touching
HOLD_SLOP_PX = 6


class HoverNames(QObject):
    def __init__(
        self,
        view: QWidget,
        name_at: Callable[[float, float], str | None],
        show: Callable[[str], None],
        hover: bool,
        hold: bool,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.name_at = name_at  # (x, y) in VTK display pixels -> the name, or None over nothing
        self.show = show
        self.hover, self.hold = hover, hold
        self.last_name: str | None = None
        self.picks = 0
        self._at: QPointF | None = None
        self._pressed_at: QPointF | None = None
        self._held = False
        self._hover_timer = QTimer(self, singleShot=True, interval=HOVER_DELAY_MS)
        self._hover_timer.timeout.connect(self._name_now)
        self._hold_timer = QTimer(self, singleShot=True, interval=HOLD_MS)
        self._hold_timer.timeout.connect(self._on_held)
        view.setMouseTracking(True)
        view.installEventFilter(self)  # installed after TouchInput: sees events first

    def _display(self, pos: QPointF) -> tuple[float, float]:
        return to_display(self.view, pos)

    def _name_now(self) -> None:
        if self._at is None:
            return
        self.picks += 1
        name = self.name_at(*self._display(self._at))
        if name != self.last_name:
            self.last_name = name
            if name:
                self.show(name)
        if name:
            QToolTip.showText(
                self.view.mapToGlobal(QPoint(round(self._at.x()), round(self._at.y()))) + QPoint(14, 14),
                name,
                self.view,
            )
        else:
            QToolTip.hideText()

    def _on_held(self) -> None:
        self._held = True
        self._at = self._pressed_at
        self._name_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Leave:
            self._hover_timer.stop()
            self._at = None
            QToolTip.hideText()
            return False
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease):
            return False
        assert isinstance(event, QMouseEvent)
        pos = event.position()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._pressed_at, self._held = pos, False
            self._hover_timer.stop()
            if self.hold:
                self._hold_timer.start()
            return False
        if kind == QEvent.Type.MouseMove:
            if self._pressed_at is not None:
                if (pos - self._pressed_at).manhattanLength() >= HOLD_SLOP_PX:
                    self._hold_timer.stop()  # a drag turns the body
                return False
            if self.hover:
                self._at = pos
                self._hover_timer.start()
            return False
        if kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            self._hold_timer.stop()
            self._pressed_at = None
        return False

    def took_touch(self) -> bool:
        """Whether the touch now ending was a press-and-hold that named something (then it is not
        a touch; the release itself still reaches VTK, so its camera style ends cleanly)."""
        held, self._held = self._held, False
        return held
