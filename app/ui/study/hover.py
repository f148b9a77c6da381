"""Names on demand: the pointer resting over the body (or a finger held still on it) names what is
under it, in a label next to the pointer that follows it (`NameTag`) and in the status line.

Moves are coalesced: one pick per HOVER_DELAY_MS of rest, through the scene's cell locators, and no
frame is drawn (the name is text, the picture does not change).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from app.ui.scene_widget import to_display

HOVER_DELAY_MS = 60
TAG_OFFSET = QPoint(16, 18)  # the name sits below and right of the pointer's tip, clear of the arrow
HOLD_MS = 600  # press and hold this long, without moving, to name instead of touching
HOLD_SLOP_PX = 6


class NameTag(QLabel):
    """The name next to the pointer: a small window of its own (the 3D view is a native OpenGL
    window that would paint over a child), never focused or clicked, styled by the theme."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.view = view
        self.setObjectName("hover_name")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(self.tr("Name under the pointer"))

    def follow(self, at: QPointF) -> None:
        """Keep beside the pointer (in view coordinates), inside the view's window."""
        window = self.view.window()
        bounds = window.geometry()
        spot = self.view.mapToGlobal(QPoint(round(at.x()), round(at.y()))) + TAG_OFFSET
        if spot.x() + self.width() > bounds.right():  # flip to the pointer's left near the right edge
            spot.setX(spot.x() - self.width() - 2 * TAG_OFFSET.x())
        if spot.y() + self.height() > bounds.bottom():
            spot.setY(spot.y() - self.height() - 2 * TAG_OFFSET.y())
        self.move(spot)

    def say(self, name: str, at: QPointF) -> None:
        self.setText(name)
        self.adjustSize()
        self.follow(at)
        self.show()
        self.raise_()


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
        self.tag = NameTag(view)
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
            self.tag.say(name, self._at)
        else:
            self.tag.hide()

    def _on_held(self) -> None:
        self._held = True
        self._at = self._pressed_at
        self._name_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Leave, QEvent.Type.Hide, QEvent.Type.WindowDeactivate):
            self._hover_timer.stop()
            self._at = None
            self.tag.hide()
            return False
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease):
            return False
        assert isinstance(event, QMouseEvent)
        pos = event.position()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._pressed_at, self._held = pos, False
            self._hover_timer.stop()
            self.tag.hide()
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
                if self.tag.isVisible():  # the last name follows the pointer until the new one is known
                    self.tag.follow(pos)
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
