"""The kinetic chain in motion in the desk window (issue 24): a source with a pose offers it in
"From a source"; play moves the skeleton in time (the picture changes, frames come and stop when
paused); leaving the source or closing the window stands the body straight with the skin as it was."""

from __future__ import annotations

import re

import numpy as np
import pytest
import pyvista as pv
from PySide6.QtCore import Qt

from app.scene.assets import structure_names
from app.scene.picking import built_locator, first_hit
from app.scene.posing import SEE_THROUGH_SKIN


def _offered(window, qtbot, source: str = "flat_feet"):
    window.explorer.show_source(source)
    control = window.pose_control
    qtbot.waitUntil(lambda: not control.isHidden() and not window.animating())
    return control


def _changed(a: np.ndarray, b: np.ndarray) -> int:
    return int((np.abs(a.astype(int) - b.astype(int)).sum(axis=2) > 30).sum())


def _left_leg_rest(window) -> np.ndarray:
    return np.asarray(window.scene.meshes["bones"].points).copy()


def test_play_moves_the_skeleton_in_time_and_pause_stops_the_frames(window, qtbot) -> None:
    control = _offered(window, qtbot)
    frames = window.scene.frames
    player = window.body.poses
    assert control.isVisible() and player.pose is not None and player.pose.source == "flat_feet"
    assert "3" in control.note.text()  # the view says the angles are drawn larger (×3)
    rest = window.interactor.picture()
    bones_at_rest = _left_leg_rest(window)
    drawn = frames.count
    qtbot.mouseClick(control.play_button, Qt.MouseButton.LeftButton)
    assert player.playing and control.play_button.text() == "Pause"
    assert window.state.skin_opacity == pytest.approx(SEE_THROUGH_SKIN)  # see-through, through the view state
    assert window.scene.skin_actor.prop.opacity == pytest.approx(SEE_THROUGH_SKIN)
    qtbot.waitUntil(lambda: player.phase > 0.4 and frames.count >= drawn + 4, timeout=20000)
    moving = window.interactor.picture()
    assert _changed(rest, moving) > 2000  # the skin cleared and the left leg moved
    note = window.scene.plotter.actors.get("pose_note")
    assert note is not None and "3×" in window.body.poses._posed().note  # "angles drawn 3×" on the view
    assert control.slider.value() > 0 and control.moving_steps  # the slider and the steps follow the play
    assert "<b>" in control.steps.text()
    qtbot.mouseClick(control.play_button, Qt.MouseButton.LeftButton)
    assert not player.playing and control.play_button.text() == "Play"
    qtbot.waitUntil(lambda: not window.animating())  # paused: no frame asked for, nothing animates
    assert player.phase > 0 and not frames.moving and frames.idle
    moved = np.linalg.norm(np.asarray(window.scene.meshes["bones"].points) - bones_at_rest, axis=1)
    assert moved.max() > 0.005  # the full meshes took the phase where it paused


def test_the_slider_poses_it_between_neutral_and_full(window, qtbot) -> None:
    control = _offered(window, qtbot)
    control.slider.setValue(0)
    qtbot.waitUntil(lambda: not window.animating())
    neutral = window.interactor.picture()
    rest = _left_leg_rest(window)
    control.slider.setValue(100)
    qtbot.waitUntil(lambda: not window.animating())
    full = window.interactor.picture()
    assert window.body.poses.phase == 1.0
    assert _changed(neutral, full) > 200  # the left knee drifts in, the heel tips
    right = window.scene.meshes["bones"]
    skeleton = window.body.poses._posed().skeleton
    right_shin = skeleton.bone_segment == skeleton.names.index("tibia_right")
    left_shin = skeleton.bone_segment == skeleton.names.index("tibia_left")
    assert np.allclose(np.asarray(right.points)[right_shin], rest[right_shin])  # the right leg stands as it was
    assert not np.allclose(np.asarray(right.points)[left_shin], rest[left_shin])


@pytest.mark.parametrize("leave", ["another_source", "touch", "start_again"])
def test_leaving_the_source_stops_it_and_stands_the_body_straight(window, qtbot, leave: str) -> None:
    opacity = window.state.skin_opacity
    control = _offered(window, qtbot)
    rest = _left_leg_rest(window)
    player = window.body.poses
    player.play()
    qtbot.waitUntil(lambda: player.phase > 0.2)
    if leave == "another_source":
        window.explorer.show_source("piriformis_syndrome")
    elif leave == "touch":
        window.touch_region("region_knee_front", "right")
    else:
        window.panel.clear_button.click()
    qtbot.waitUntil(lambda: not player.playing and control.isHidden())
    qtbot.waitUntil(lambda: not window.animating())
    assert np.allclose(np.asarray(window.scene.meshes["bones"].points), rest)
    assert window.state.skin_opacity == opacity and window.scene.skin_actor.prop.opacity == opacity
    assert "pose_note" not in window.scene.plotter.actors


def test_closing_the_window_while_it_plays_gives_the_skin_back(qtbot, model, knowledge) -> None:
    from app.domain.view_state import ViewState
    from app.ui.main_window import MainWindow

    state = ViewState()
    window = MainWindow(model, knowledge, state)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.scene.frames.count > 0 and not window.animating())
    window.explorer.show_source("hip_osteoarthritis")
    window.body.poses.play()
    qtbot.waitUntil(lambda: window.body.poses.phase > 0.1)
    window.close()
    assert state.skin_opacity == ViewState().skin_opacity
    assert not window.body.poses.playing


def test_a_click_on_the_chain_arrows_plays_it(window, qtbot) -> None:
    _offered(window, qtbot, "flat_feet")
    view = window.explorer_view
    assert view.chain, "flat feet draws its kinetic chain"
    renderer = window.scene.plotter.renderer
    arrows = view._chain_actor.mapper.GetInput()
    middle = np.asarray(arrows.GetPoints().GetData())  # a point on the first arrow's shaft
    point = middle[len(middle) // 4]
    renderer.SetWorldPoint(*point, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    assert view.chain_at(x, y) and not view.chain_at(5, 5)
    window.body._on_input_touch(x, y, False)
    assert window.body.poses.playing
    assert window.explorer.source is not None  # the click played it; it was not a touch of the skin
    window.body.poses.pause()


def test_a_source_without_a_pose_offers_none(window, qtbot) -> None:
    window.explorer.show_source("hip_joint")
    qtbot.waitUntil(lambda: not window.animating())
    assert window.pose_control.isHidden() and window.body.poses.pose is None


def test_in_spanish_the_pose_is_told_in_spanish(qtbot, spanish, window) -> None:
    from spanish_words import english_in

    control = _offered(window, qtbot)
    control.slider.setValue(50)
    qtbot.waitUntil(lambda: not window.animating())
    steps = re.sub(r"<[^>]+>", " ", control.steps.text())
    said = f"{control.heading.text()} {control.note.text()} {steps} {window.body.poses._posed().note}"
    assert "Cómo se mueve" in said and "3×" in said and "pruebas" in said
    assert control.play_button.text() == "Reproducir" and not english_in(said), said


def test_a_pick_on_the_posed_skeleton_lands_on_the_bone_where_it_is_drawn(window, qtbot) -> None:
    """With the bones posed, a pick at a bone as drawn names that bone, not what lay under that
    pixel at rest (the pickers' search structures were made at rest)."""
    for layer in ("show_skin", "show_muscles", "show_nerves", "show_structures"):
        setattr(window.state, layer, False)
    control = _offered(window, qtbot)
    picker = window.explorer_view.picker
    bones = window.scene.meshes["bones"]
    rest = pv.PolyData(np.asarray(bones.points).copy(), faces=bones.faces)
    picker.pick_structure(5, 5)  # the pickers' search structures made at rest, as by any pick before
    control.slider.setValue(100)
    qtbot.waitUntil(lambda: not window.animating())
    posed, rest_locator = np.asarray(bones.points), built_locator(rest)
    names, cells = structure_names(bones), np.asarray(bones.cell_data["structure_index"])
    moved = np.linalg.norm(posed - rest.points, axis=1)
    for vertex in np.argsort(-moved)[:400]:  # the points the pose moved furthest
        x, y = _display(window, posed[vertex])
        ray = picker.view_ray(x, y)
        seen, at_rest = first_hit(built_locator(bones), ray), first_hit(rest_locator, ray)
        if seen is None or np.linalg.norm(seen[1] - posed[vertex]) > 0.002:
            continue  # hidden behind another bone
        if at_rest is None or names[cells[at_rest[2]]] != names[cells[seen[2]]]:
            break
    else:
        pytest.fail("no posed bone point where the rest skeleton shows another bone")
    assert picker.pick_structure(x, y) == names[cells[seen[2]]]


def test_a_touch_while_it_plays_stops_it_where_it_is_seen(window, qtbot) -> None:
    """A touch picks what the frame shows: the play stops first and the full meshes take that phase."""
    _offered(window, qtbot, "hip_osteoarthritis")
    rest = _left_leg_rest(window)
    player = window.body.poses
    player.play()
    qtbot.waitUntil(lambda: player.phase > 0.3)
    window.body.touch_input.on_structure(2, 2)  # a Ctrl+click beside the body: nothing there
    assert not player.playing
    skeleton = player._posed().skeleton
    shin = skeleton.bone_segment == skeleton.names.index("tibia_left")
    expected = skeleton.transforms(player.pose, player.phase)["tibia_left"].apply(rest[shin])
    assert np.linalg.norm(expected - rest[shin], axis=1).max() > 0.005
    assert np.allclose(np.asarray(window.scene.meshes["bones"].points)[shin], expected, atol=1e-5)


def _display(window, point) -> tuple[float, float]:
    renderer = window.scene.plotter.renderer
    renderer.SetWorldPoint(*point, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    return x, y
