"""The 3D view widget: pyvistaqt's OpenGL widget whose frames are decided by the scene's `Frames`.

pyvista calls `render()` from `add_mesh`, `reset_camera` and more, and VTK's camera style renders
on every mouse move of a drag; drawn as they come, one click or drag step cost two or more
frames. Here each of those only asks for a frame. The widget's timer wakes the scene from the
event loop, the text widgets paint first (words before pictures), then the view paints once:
its paint handler is the only place a frame is drawn.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QImage
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget
from pyvistaqt import QtInteractor

from app.scene.scene import AnatomyScene


class SceneWidget(QtInteractor):
    focus_changed = Signal(bool)  # keyboard focus came (True) or went
    _scene: AnatomyScene | None = None  # class defaults: pyvistaqt renders from its __init__
    _painting = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, auto_update=False)
        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.timeout.connect(self._on_frame_due)
        self._render_observer: int | None = None

    def show_scene(self, scene: AnatomyScene) -> None:
        """Let `scene` decide this widget's frames from now on."""
        self._scene = scene
        interactor = self.iren.interactor
        interactor.EnableRenderOff()  # VTK's own renders become requests (see _on_render_event)
        self._render_observer = interactor.AddObserver("RenderEvent", self._on_render_event)
        scene.draw_from_event_loop(self._wake, self.update)

    def render(self) -> None:  # type: ignore[override]  # pyvista's render(), not QWidget.render(target)
        """A request, not a frame (see the module docstring); before a scene, nothing to draw."""
        if self._scene is not None:
            self._scene.frames.request()

    def picture(self) -> np.ndarray:
        """The view as it shows now, as RGB rows top down (a pending frame is drawn first)."""
        image = self.grabFramebuffer().convertToFormat(QImage.Format.Format_RGB888)
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
        return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()

    def initializeGL(self) -> None:
        super().initializeGL()  # type: ignore[no-untyped-call]  # pyvistaqt's rwi.py is unannotated
        if self._scene is not None:  # a new GL context holds no frame yet
            self._scene.frames.request()

    def paintGL(self) -> None:
        self._painting = True
        try:
            super().paintGL()  # type: ignore[no-untyped-call]  # pyvistaqt's rwi.py is unannotated
        finally:
            self._painting = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        """QWidget repaints on focus; the picture is the same, so no frame (a click would pay one):
        the frame round the view shows the focus (`ViewFrame`)."""
        event.accept()
        self.focus_changed.emit(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        event.accept()
        self.focus_changed.emit(False)

    def _on_render_event(self, *_args: object) -> None:
        if self._scene is None:
            return
        if self._painting:
            if not self._scene.frames.up_to_date():  # else Qt's own repaint shows the last frame again
                self._scene.frames.paint()
        else:
            self._scene.frames.request()

    def _wake(self, delay_s: float) -> None:
        delay_ms = max(0, round(delay_s * 1000))
        if self._frame_timer.isActive() and self._frame_timer.remainingTime() <= delay_ms:
            return
        self._frame_timer.start(delay_ms)

    def _on_frame_due(self) -> None:
        if self._scene is None:
            return
        # paint the words changed in this turn (ranked list, card, status) before the picture
        QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateRequest)
        self._scene.frames.wake_up()

    def close(self) -> None:  # type: ignore[override]  # as pyvistaqt's own close(): returns None, not bool
        self._frame_timer.stop()
        if self._render_observer is not None:
            self.iren.interactor.RemoveObserver(self._render_observer)
            self._render_observer = None
        self._scene = None
        super().close()


class ViewFrame(QFrame):
    """The 3D view in a frame whose edge is the view's focus ring (themed: `QFrame#view_frame`),
    drawn by Qt round the OpenGL view, so showing the focus costs no 3D frame."""

    def __init__(self, view: SceneWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("view_frame")
        self.setProperty("focused", "false")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(view)
        view.focus_changed.connect(self._on_focus_change)

    def _on_focus_change(self, focused: bool) -> None:
        self.setProperty("focused", "true" if focused else "false")
        self.style().unpolish(self)
        self.style().polish(self)
        self.update()


def to_display(view: QWidget, pos: QPointF) -> tuple[float, float]:
    """A widget position as VTK display pixels (device pixels, origin bottom left): the one
    conversion every input on the 3D view uses."""
    ratio = view.devicePixelRatioF()
    return pos.x() * ratio, (view.height() - pos.y() - 1) * ratio
