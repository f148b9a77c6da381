"""The 3D body every mode shows, built once: the view widget with the Qt-free stage on it (scene,
skin labels, skin maps, the explorer's view: app/scene/stage.py), mouse and touch input, and the
"latest touch wins" queue.

A window hands it the model, the explorer and the view state, and says what a touch and a
structure pick mean there (`on_touch`, `on_structure`); tools (the study quiz) take touches
first through `intercept_touches`. Touches are answered from the event loop, after every click
already queued, so the latest wins and the ones before it are never worked out (DESIGN.md §6).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.domain.explorer import Explorer
from app.domain.knowledge import Knowledge
from app.domain.poses import Pose
from app.domain.view_state import CameraRequests, ViewState
from app.scene.assets import Model
from app.scene.stage import build_stage
from app.ui.i18n import current_language
from app.ui.pose_control import PosePlayer
from app.ui.scene_widget import SceneWidget
from app.ui.touch_input import TouchInput

TouchHandler = Callable[[float, float, bool], None]  # (x, y, add) in VTK display pixels
Interceptor = Callable[[float, float, bool], bool]  # True: the touch was taken


class BodyView(QObject):
    answered = Signal(object)  # the domain `Touch` of the last queued touch, once answered

    def __init__(
        self,
        parent: QWidget,
        model: Model,
        explorer: Explorer,
        state: ViewState,
        camera: CameraRequests,
        on_touch: TouchHandler,
        on_structure: Callable[[float, float], None],
        *,
        maps: bool = False,
    ) -> None:
        super().__init__(parent)
        self.explorer, self.state, self.camera = explorer, state, camera
        self.widget = SceneWidget(parent)
        self.stage = build_stage(self.widget, model, explorer, state, camera, maps=maps)
        self.widget.show_scene(self.stage.scene)
        self.scene, self.labels, self.explorer_view = self.stage.scene, self.stage.labels, self.stage.explorer_view
        if self.explorer_view is not None:
            self.explorer_view.words = explorer.knowledge.in_language(current_language())
        self.overlays = self.stage.overlays
        self.problem = self.stage.problem  # why touch is off, when it is
        self._on_touch, self._on_structure = on_touch, on_structure
        self._interceptors: list[Interceptor] = []
        self.touch_input = (
            TouchInput(self.widget, self._on_input_touch, self._on_input_structure)
            if self.explorer_view is not None
            else None
        )
        self._pending: list[tuple[int, bool]] = []
        self._answer_timer = QTimer(self)
        self._answer_timer.setSingleShot(True)
        self._answer_timer.setInterval(0)
        self._answer_timer.timeout.connect(self._answer)
        knowledge = explorer.knowledge
        self.poses = PosePlayer(  # the pose of the source shown (issue 24), played on this body
            self.scene, model, lambda: _poses(knowledge), knowledge.in_language(current_language()), self,
        )  # fmt: skip
        if self.explorer_view is not None:
            self.intercept_touches(self._on_chain_touch)

    def _on_chain_touch(self, x: float, y: float, _add: bool) -> bool:
        """A click on the kinetic chain's arrows plays the pose of the source shown."""
        if self.poses.pose is None or self.explorer_view is None or not self.explorer_view.chain_at(x, y):
            return False
        self.poses.play()
        return True

    @property
    def touchable(self) -> bool:
        return self.explorer_view is not None

    def intercept_touches(self, interceptor: Interceptor) -> None:
        """`interceptor` sees every touch first (a quiz takes touches as answers)."""
        self._interceptors.append(interceptor)

    def release_touches(self, interceptor: Interceptor) -> None:
        self._interceptors.remove(interceptor)

    def _on_input_touch(self, x: float, y: float, add: bool) -> None:
        if any(take(x, y, add) for take in self._interceptors):
            return
        self.poses.pause()  # what is touched is what is seen: the bones stay where they are shown
        self._on_touch(x, y, add)

    def _on_input_structure(self, x: float, y: float) -> None:
        self.poses.pause()
        self._on_structure(x, y)

    def pick(self, x: float, y: float) -> int | None:
        """The skin vertex under display pixels (x, y), with the camera as it is now."""
        return self.explorer_view.picker.pick(x, y) if self.explorer_view is not None else None

    def touch_at(self, x: float, y: float, add: bool = False) -> bool:
        """Pick the skin at (x, y) now and queue the touch; False when no skin is there."""
        point_id = self.pick(x, y)
        if point_id is None:
            return False
        self.touch_vertex(point_id, add)
        return True

    def touch_vertex(self, point_id: int, add: bool = False) -> None:
        """Queue a touch of one skin vertex; a touch that does not add drops the ones queued before it."""
        if not add:
            self._pending.clear()
        self._pending.append((point_id, add))
        self._answer_timer.start()

    def drop_pending(self) -> None:
        self._answer_timer.stop()
        self._pending.clear()

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def _answer(self) -> None:
        pending, self._pending = self._pending, []
        if self.explorer_view is None or not pending:
            return
        for point_id, add in pending:
            touch = self.explorer_view.touch_vertex(point_id, add=add)
        self.answered.emit(touch)

    def animating(self) -> bool:
        """Anything still to draw: a pending touch, a frame, the pulse, the return to full quality."""
        return bool(self._pending) or not self.scene.frames.idle

    def close(self) -> None:
        self.poses.close()
        self.drop_pending()
        self._interceptors.clear()
        self.stage.close()
        self.widget.close()


def _poses(knowledge: Knowledge) -> dict[str, Pose]:
    """The content's poses by source, read when a source is first shown (pydantic stays out of the start-up)."""
    from app.content.poses import poses_by_source

    return poses_by_source(set(knowledge.references), set(knowledge.conditions))
