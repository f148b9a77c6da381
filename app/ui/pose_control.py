"""The kinetic chain in motion on a body view (issue 24): the pose of the source shown, played.

`PosePlayer` belongs to a `BodyView`: it is offered the source shown (the desk's reverse view,
the kiosk's chosen card), plays its pose 0 → 1 → 0 by the clock (frames through the scene's
requests, coarse copies while it moves: app/scene/posing.py), and puts the skeleton and the skin
back the moment the source goes or the window closes. `PoseControl` is its panel: play, a slider
from neutral to the full pose, what the view exaggerates, and each step's caption and evidence,
the moving ones marked.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from app.domain.knowledge import InLanguage
from app.domain.poses import Pose, moving_steps
from app.scene.assets import Model
from app.scene.posing import EVIDENCE_COLOURS, PoseView, Skeleton
from app.scene.scene import AnatomyScene

SLIDER_STEPS = 100


def pose_note(pose: Pose, words: InLanguage) -> str:
    """What the picture of a pose shows: which leg, and how much the angles are drawn larger."""
    how = (
        words.phrase("pose.true_size")
        if pose.exaggeration == 1
        else words.phrase("pose.exaggerated", times=f"{pose.exaggeration:g}")
    )
    return f"{words.phrase('pose.side_by_side')}\n{how}"  # two lines: one would run off a narrow view


class PosePlayer(QObject):
    offered = Signal(object)  # Pose | None: the pose of the source shown, if it has one
    playing_changed = Signal(bool)
    moved = Signal(float)  # the phase shown

    def __init__(
        self,
        scene: AnatomyScene,
        model: Model,
        poses: Callable[[], dict[str, Pose]],  # by source; read on the first offer
        words: InLanguage,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.scene, self.model, self.words = scene, model, words
        self._read_poses = poses
        self._poses: dict[str, Pose] | None = None
        self.pose: Pose | None = None
        self._view: PoseView | None = None  # made on the first pose (each soft-tissue point finds its bone)
        self.note_on_view = True  # which leg is posed, how much larger: on the 3D view, or shown elsewhere

    @property
    def poses(self) -> dict[str, Pose]:
        if self._poses is None:
            self._poses = self._read_poses()
        return self._poses

    @property
    def playing(self) -> bool:
        return self._view is not None and self._view.playing

    @property
    def phase(self) -> float:
        return self._view.phase if self._view is not None else 0.0

    def _posed(self) -> PoseView:
        if self._view is None:
            self._view = PoseView(self.scene, Skeleton(self.model))
            self._view.moved.connect(self.moved.emit)
        return self._view

    def offer(self, source: str | None) -> None:
        """The source shown now: its pose offered (none: nothing to play); the last one stops at neutral."""
        pose = self.poses.get(source) if source is not None else None  # no source: nothing read
        if pose is self.pose:
            return
        self.neutral()
        self.pose = pose
        self.offered.emit(pose)

    def play(self) -> None:
        if self.pose is None or self.playing:
            return
        view = self._posed()
        view.note = pose_note(self.pose, self.words) if self.note_on_view else ""
        view.play(self.pose)
        self.playing_changed.emit(True)

    def pause(self) -> None:
        """Stop where it is (the full meshes take that phase)."""
        if self.playing:
            self._posed().stop()
            self.playing_changed.emit(False)

    def show_phase(self, phase: float, moving: bool = False) -> None:
        """The pose at `phase`, paused; `moving`: the slider is being dragged (coarse copies)."""
        if self.pose is None:
            return
        self.pause()
        view = self._posed()
        view.note = pose_note(self.pose, self.words) if self.note_on_view else ""
        view.show(self.pose, phase, coarse=moving)

    def slide_started(self) -> None:
        self.pause()
        self.scene.frames.motion_started()  # cheap frames while the slider moves, as a drag has

    def slide_ended(self, phase: float) -> None:
        self.scene.frames.motion_ended()
        self.show_phase(phase)

    def neutral(self) -> None:
        """Stop, and the skeleton at rest with the skin as it was."""
        if self._view is None:
            return
        was_playing = self.playing
        self._view.close()
        if was_playing:
            self.playing_changed.emit(False)

    def close(self) -> None:
        self.neutral()
        if self._view is not None:
            self._view.moved.disconnect(self.moved.emit)


class PoseControl(QWidget):
    """Play, a slider from neutral to the full pose, the exaggeration, the steps; hidden without a pose."""

    def __init__(self, player: PosePlayer, words: InLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pose_control")
        self.player, self.words = player, words
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setObjectName("pose_heading")
        layout.addWidget(self.heading)
        row = QHBoxLayout()
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setCheckable(True)
        self.play_button.setToolTip(self.tr("See the skeleton move: from standing normally to the pose and back"))
        self.play_button.toggled.connect(self._on_play)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setAccessibleName(self.tr("How far into the pose: standing normally to the full pose"))
        self.slider.valueChanged.connect(self._on_slider)
        self.slider.sliderPressed.connect(player.slide_started)
        self.slider.sliderReleased.connect(lambda: player.slide_ended(self.slider.value() / SLIDER_STEPS))
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        layout.addLayout(row)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.steps = QLabel()
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.steps.setAccessibleName(self.tr("The steps of the movement"))
        layout.addWidget(self.steps)
        self._moving: tuple[str, ...] | None = None
        self._connections = [
            (player.offered, self._on_offered),
            (player.playing_changed, self._on_playing),
            (player.moved, self._on_moved),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self._on_offered(player.pose)

    def close_connections(self) -> None:
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()

    def _on_offered(self, pose: Pose | None) -> None:
        self.setVisible(pose is not None)
        if pose is None:
            return
        self.heading.setText(self.tr("How it moves: {0}").format(pose.summary(self.words.language)))
        self.note.setText(pose_note(pose, self.words))
        with QSignalBlocker(self.slider):
            self.slider.setValue(0)
        self._moving = None
        self._show_steps(0.0)

    def _on_play(self, on: bool) -> None:
        if on:
            self.player.play()
        else:
            self.player.pause()

    def _on_playing(self, playing: bool) -> None:
        with QSignalBlocker(self.play_button):
            self.play_button.setChecked(playing)
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))

    def _on_slider(self, value: int) -> None:
        self.player.show_phase(value / SLIDER_STEPS, moving=self.slider.isSliderDown())

    def _on_moved(self, phase: float) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setValue(round(phase * SLIDER_STEPS))
        self._show_steps(phase)

    def _show_steps(self, phase: float) -> None:
        """Each step's caption and evidence, the ones moving now in bold (words change only when they do)."""
        pose = self.player.pose
        if pose is None:
            return
        moving = tuple(s.id for s in moving_steps(pose, phase)) if phase > 0 else ()
        if moving == self._moving:
            return
        self._moving = moving
        language = self.words.language
        lines = []
        for step in pose.steps:
            evidence = self.words.phrase(f"evidence.{step.evidence}")
            text = f"{html.escape(step.caption(language))} ({html.escape(evidence)})"
            mark = f'<span style="color:{EVIDENCE_COLOURS[step.evidence]}">&#9632;</span>'
            lines.append(f"{mark} <b>▶ {text}</b>" if step.id in moving else f"{mark} {text}")
        self.steps.setText("<br>".join(lines))

    @property
    def moving_steps(self) -> tuple[str, ...]:
        """The steps marked as moving now."""
        return self._moving or ()
