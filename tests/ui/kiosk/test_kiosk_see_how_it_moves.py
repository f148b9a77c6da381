"""The kiosk offers a biomechanical source's pose as "See how it moves" (issue 24): a touch-sized
button beside its card; it plays the pose with the step's words; another card or the idle reset
stops it and stands the body straight with the skin as it was."""

from __future__ import annotations

import numpy as np
from kiosk_setup import IDLE
from PySide6.QtCore import Qt


def _touch(kiosk, region: str) -> None:
    labels = kiosk.explorer_view.labels
    kiosk.body.touch_vertex(labels.centre_vertex(region, "left"))


def test_see_how_it_moves_plays_the_pose_and_the_idle_reset_stands_the_body_straight(qtbot, kiosk, clock) -> None:
    opacity = kiosk.state.skin_opacity
    rest = np.asarray(kiosk.scene.meshes["bones"].points).copy()
    _touch(kiosk, "region_groin")  # hip arthritis first
    qtbot.waitUntil(lambda: kiosk.explorer.selected is not None)
    assert kiosk.explorer.selected.condition == "hip_osteoarthritis"
    button = kiosk.pages.moves.button
    qtbot.waitUntil(lambda: button.isVisibleTo(kiosk))
    assert button.text() == "See how it moves"
    assert button.height() >= kiosk.spec.touch_target_px and button.width() >= kiosk.spec.touch_target_px
    drawn = kiosk.scene.frames.count
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    player = kiosk.body.poses
    assert player.playing and button.isChecked() and button.text() == "Stop moving"
    qtbot.waitUntil(lambda: player.phase > 0.3 and kiosk.scene.frames.count > drawn + 3, timeout=20000)
    assert kiosk.pages.moves.step_words.text() and kiosk.state.skin_opacity < opacity
    clock.advance(IDLE.prompt_after_s + IDLE.countdown_s + 1)
    kiosk.idle.tick()  # nobody there: everything of the visitor goes
    assert not player.playing and player.pose is None and not button.isVisibleTo(kiosk)
    qtbot.waitUntil(lambda: not kiosk.body.animating() or kiosk.idle.attracting)
    assert np.allclose(np.asarray(kiosk.scene.meshes["bones"].points), rest)
    assert kiosk.state.skin_opacity == opacity


def test_the_button_comes_only_with_a_source_that_moves_and_goes_with_it(qtbot, kiosk) -> None:
    _touch(kiosk, "region_lateral_hip")  # trochanteric bursitis first: no pose
    qtbot.waitUntil(lambda: kiosk.pages.candidate_list.count() > 0)
    assert kiosk.explorer.selected.condition == "trochanteric_bursitis"
    assert not kiosk.pages.moves.button.isVisibleTo(kiosk)
    row = next(
        i
        for i in range(kiosk.pages.candidate_list.count())
        if kiosk.pages.candidate_list.item(i).data(Qt.ItemDataRole.UserRole).startswith("hip_osteoarthritis")
    )
    kiosk.pages.candidate_list.setCurrentRow(row)
    assert kiosk.pages.moves.button.isVisibleTo(kiosk)
    kiosk.pages.moves.button.click()
    assert kiosk.body.poses.playing
    kiosk.pages.candidate_list.setCurrentRow(0)  # another card: the movement stops
    assert not kiosk.body.poses.playing and not kiosk.pages.moves.button.isVisibleTo(kiosk)
