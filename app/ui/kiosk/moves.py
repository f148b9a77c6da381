"""The kiosk's "See how it moves" (issue 24): the pose of the chosen card's source played on the
body, and the step moving now in plain words."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSignalBlocker
from PySide6.QtWidgets import QLabel, QPushButton

from app.domain.knowledge import InLanguage
from app.domain.poses import Pose, moving_steps
from app.ui.pose_control import PosePlayer


class MoveControls(QObject):
    """The button (pressed while the body moves; hidden without a pose or where not `allowed`) and
    the words under it, for the page to lay out."""

    def __init__(self, poses: PosePlayer, words: InLanguage, allowed: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self.poses, self.words, self.allowed = poses, words, allowed
        self.button = QPushButton(self.tr("See how it moves"))
        self.button.setCheckable(True)
        self.button.toggled.connect(self._on_button)
        self.step_words = QLabel()
        self.step_words.setWordWrap(True)
        poses.offered.connect(self._on_pose_offered)
        poses.playing_changed.connect(self._on_pose_playing)
        poses.moved.connect(self._on_pose_moved)
        self._on_pose_offered(None)

    def _on_pose_offered(self, pose: Pose | None) -> None:
        self.button.setVisible(pose is not None and self.allowed())
        self._on_pose_playing(False)

    def _on_button(self, on: bool) -> None:
        if on:
            self.poses.play()
        else:
            self.poses.neutral()  # a visitor's "stop": the body stands straight again

    def _on_pose_playing(self, playing: bool) -> None:
        with QSignalBlocker(self.button):
            self.button.setChecked(playing)
        self.button.setText(self.tr("Stop moving") if playing else self.tr("See how it moves"))
        self.step_words.setVisible(playing)
        if not playing:
            self.step_words.clear()

    def _on_pose_moved(self, phase: float) -> None:
        pose = self.poses.pose
        if pose is None or not self.poses.playing:
            return
        steps = moving_steps(pose, phase)
        said = steps[-1].caption(self.words.language) if steps else pose.summary(self.words.language)
        if said != self.step_words.text():
            self.step_words.setText(said)
