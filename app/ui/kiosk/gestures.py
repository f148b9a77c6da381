"""Touch on the 3D view: one finger turns, two fingers pinch to zoom and move together to pan, a
double tap resets the view, a tap is a touch of the body.

VTK's Qt widget has no touch code of its own (pyvistaqt grabs gestures only in its
BackgroundPlotter), so the raw QTouchEvents are read here. They are accepted, so Qt makes no mouse
events of them; the camera is moved through the scene and each step only asks for a frame. Which gestures
exist comes from the mode spec (`ids.TAP_TOUCH`, `ids.DRAG_ROTATE`, …).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QEventPoint, QTouchEvent
from PySide6.QtWidgets import QWidget

from app.modes import ids
from app.scene.scene import AnatomyScene
from app.ui.scene_widget import to_display

TAP_SLOP_PX = 12  # a finger that moves less than this is still a tap (fingers are not mice)
TAP_MAX_S = 0.6  # longer than this is a press, not a tap
DOUBLE_TAP_S = 0.4  # a second tap this soon after the first, near it, resets the view
DOUBLE_TAP_PX = 40
TURN_DEGREES_PER_WIDTH = 200.0  # a drag across the whole view turns the body this far (VTK's trackball)


class TouchGestures(QObject):
    def __init__(
        self,
        view: QWidget,
        scene: AnatomyScene,
        gestures: frozenset[str],
        on_tap: Callable[[float, float], None],
        on_reset: Callable[[], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.scene = scene
        self.gestures = gestures
        self.on_tap = on_tap  # (x, y) in VTK display pixels
        self.on_reset = on_reset
        self.clock = clock
        self._last: dict[int, QPointF] = {}
        self._start: QPointF | None = None
        self._began_at = 0.0
        self._most_fingers = 0
        self._moved = False
        self._last_tap: tuple[float, QPointF] | None = None
        view.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.TouchBegin:
            assert isinstance(event, QTouchEvent)
            self._begin(event)
        elif kind == QEvent.Type.TouchUpdate:
            assert isinstance(event, QTouchEvent)
            self._update(event)
        elif kind == QEvent.Type.TouchEnd:
            assert isinstance(event, QTouchEvent)
            self._update(event)
            self._end(event)
        elif kind == QEvent.Type.TouchCancel:
            self._finish_motion()
            self._last.clear()
        else:
            return False
        event.accept()
        return True

    # -- the touch sequence ---------------------------------------------------------------------
    def _begin(self, event: QTouchEvent) -> None:
        self._last = {p.id(): p.position() for p in event.points()}
        self._start = event.points()[0].position()
        self._began_at = self.clock()
        self._most_fingers = len(self._last)
        self._moved = False

    def _update(self, event: QTouchEvent) -> None:
        down = [p for p in event.points() if p.state() != QEventPoint.State.Released]
        self._most_fingers = max(self._most_fingers, len(down))
        now = {p.id(): p.position() for p in down}
        if len(now) == 1 and len(self._last) == 1 and now.keys() == self._last.keys():
            [(finger, position)] = now.items()
            if self._start is not None and (position - self._start).manhattanLength() >= TAP_SLOP_PX:
                self._motion()
            if self._moved and ids.DRAG_ROTATE in self.gestures:
                self._turn(position - self._last[finger])
        elif len(now) >= 2:
            self._motion()
            shared = [i for i in now if i in self._last][:2]
            if len(shared) == 2:
                before = [self._last[i] for i in shared]
                after = [now[i] for i in shared]
                if ids.PINCH_ZOOM in self.gestures:
                    self._zoom(_distance(*after) / max(1.0, _distance(*before)))
                if ids.TWO_FINGER_PAN in self.gestures:
                    self._pan((after[0] + after[1]) / 2 - (before[0] + before[1]) / 2)
        self._last = now

    def _end(self, event: QTouchEvent) -> None:
        position = event.points()[0].position()
        was_tap = not self._moved and self._most_fingers == 1 and self.clock() - self._began_at <= TAP_MAX_S
        self._finish_motion()
        self._last.clear()
        if not was_tap:
            return
        last, now = self._last_tap, self.clock()
        if (
            ids.DOUBLE_TAP_RESET in self.gestures
            and last is not None
            and now - last[0] <= DOUBLE_TAP_S
            and (position - last[1]).manhattanLength() <= DOUBLE_TAP_PX
        ):
            self._last_tap = None
            self.on_reset()
            return
        self._last_tap = (now, position)
        if ids.TAP_TOUCH in self.gestures:
            self.on_tap(*self._display(position))

    def _motion(self) -> None:
        if not self._moved:
            self._moved = True
            self.scene.frames.motion_started()

    def _finish_motion(self) -> None:
        if self._moved:
            self.scene.frames.motion_ended()
        self._moved = False

    # -- the camera (moved through the scene) -----------------------------------------------
    def _display(self, position: QPointF) -> tuple[float, float]:
        return to_display(self.view, position)

    def _turn(self, delta: QPointF) -> None:
        degrees_per_px = TURN_DEGREES_PER_WIDTH / max(1, self.view.width())
        self.scene.turn(-delta.x() * degrees_per_px, delta.y() * degrees_per_px)

    def _zoom(self, factor: float) -> None:
        if abs(factor - 1.0) >= 1e-3:
            self.scene.dolly(factor)

    def _pan(self, delta: QPointF) -> None:
        """The body follows the fingers."""
        if not delta.isNull():
            ratio = self.view.devicePixelRatioF()
            self.scene.pan(delta.x() * ratio, -delta.y() * ratio)


def _distance(a: QPointF, b: QPointF) -> float:
    return float(np.hypot(a.x() - b.x(), a.y() - b.y()))
