"""Mouse and touch on the 3D view: a click touches the skin, a Ctrl+click picks the bone, nerve or
joint under it, a drag turns the body.

In area mode a press or a stroke marks several spots and the body stays still. Positions are
handed to the scene in VTK display pixels; the scene turns them into skin points.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from app.ui.scene_widget import to_display

CLICK_SLOP_PX = 6  # a press and release closer than this is a touch, not a drag
STROKE_STEP_PX = 18  # spacing of the spots a stroke leaves


class TouchInput(QObject):
    def __init__(
        self,
        view: QWidget,
        on_touch: Callable[[float, float, bool], None],
        on_structure: Callable[[float, float], None],
    ) -> None:
        super().__init__(view)
        self.view = view
        self.on_touch = on_touch  # (x, y, add) in VTK display pixels
        self.on_structure = on_structure  # (x, y): a Ctrl+click picks what lies under the skin
        self.area_mode = False
        self._pressed_at: QPointF | None = None
        self._last_mark: QPointF | None = None
        view.installEventFilter(self)

    def _display(self, pos: QPointF) -> tuple[float, float]:
        return to_display(self.view, pos)

    def _mark(self, pos: QPointF, add: bool) -> None:
        self._last_mark = pos
        self.on_touch(*self._display(pos), add)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.MouseButtonRelease):
            return False
        assert isinstance(event, QMouseEvent)
        pos = event.position()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
            self._pressed_at = pos
            if self.area_mode:
                self._mark(pos, add=True)
                return True
            return False
        if kind == QEvent.Type.MouseMove and self._pressed_at is not None and self.area_mode:
            if self._last_mark is None or (pos - self._last_mark).manhattanLength() >= STROKE_STEP_PX:
                self._mark(pos, add=True)
            return True
        if kind == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            pressed, self._pressed_at, self._last_mark = self._pressed_at, None, None
            if self.area_mode:
                return True
            if pressed is not None and (pos - pressed).manhattanLength() < CLICK_SLOP_PX:
                if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                    self.on_structure(*self._display(pos))
                else:
                    self._mark(pos, add=False)
        return False
