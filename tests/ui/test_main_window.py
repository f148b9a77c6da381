"""The real window under Xvfb: drawn pixels, real clicks on the view buttons and layer boxes."""

import numpy as np
import pytest
from pixels import grab, shaft_points, share_changed
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QToolBar

from app.scene.camera_moves import VIEW_DIRECTIONS


def test_window_draws_the_body(window, model):
    image = grab(window)
    background = np.broadcast_to(image[2, 2], image.shape)
    assert share_changed(window.interactor, background, image, shaft_points(model.bones, "femur_right"), 60) > 0.8
    assert "View: Front" in window.statusBar().currentMessage()


def test_unchecking_bones_changes_bone_pixels(qtbot, window, model):
    before = grab(window)
    box = window.controls.layers_dock.layer_boxes["show_bones"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert window.state.show_bones is False
    after = grab(window)
    assert share_changed(window.interactor, before, after, shaft_points(model.bones, "femur_left")) > 0.6


@pytest.mark.parametrize("view", list(VIEW_DIRECTIONS))
def test_view_buttons_move_the_camera(qtbot, window, view):
    toolbar = window.findChild(QToolBar, "views")
    button = toolbar.widgetForAction(window.controls.view_actions[view])
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    direction, _up = VIEW_DIRECTIONS[view]
    assert np.dot(window.scene.camera_direction(), direction) > 0.99


def test_keyboard_shortcut_and_reset(qtbot, window):
    qtbot.keyClick(window.interactor, Qt.Key.Key_2)
    assert np.dot(window.scene.camera_direction(), VIEW_DIRECTIONS["posterior"][0]) > 0.99
    qtbot.keyClick(window.interactor, Qt.Key.Key_Home)
    assert np.dot(window.scene.camera_direction(), VIEW_DIRECTIONS["anterior"][0]) > 0.99


def test_vtk_keys_cannot_quit_or_wireframe(qtbot, window):
    for key in (Qt.Key.Key_Q, Qt.Key.Key_E, Qt.Key.Key_W):
        qtbot.keyClick(window.interactor, key)
    assert window.isVisible()
    assert window.scene.skin_actor.prop.style.lower() == "surface"


def test_opacity_slider_writes_the_state(qtbot, window):
    window.controls.layers_dock.opacity_slider.setValue(100)
    assert window.state.skin_opacity == pytest.approx(1.0)
    assert window.scene.skin_actor.prop.opacity == pytest.approx(1.0)
    window.state.skin_opacity = 0.2
    assert window.controls.layers_dock.opacity_slider.value() == 20


def test_nothing_renders_when_nothing_changes(qtbot, window):
    frames = []
    window.interactor.ren_win.AddObserver("EndEvent", lambda *_: frames.append(1))
    assert window.scene.frames.idle, "nothing is due"
    QCoreApplication.processEvents()
    assert frames == []
    window.state.show_muscles = False  # a change draws exactly one frame, from the event loop
    window.state.show_nerves = False  # and a second change in the same turn joins it
    assert frames == []
    qtbot.waitUntil(lambda: bool(frames) and window.scene.frames.idle)
    QCoreApplication.processEvents()
    assert len(frames) == 1


def test_moving_drops_anti_aliasing_and_rest_restores_it(qtbot, window):
    renderer = window.interactor.renderer
    assert renderer.GetUseFXAA() and window.interactor.ren_win.GetMultiSamples() == 0
    drawn_with_fxaa = []
    window.interactor.ren_win.AddObserver("EndEvent", lambda *_: drawn_with_fxaa.append(renderer.GetUseFXAA()))
    centre = window.interactor.rect().center()
    qtbot.mousePress(window.interactor, Qt.MouseButton.LeftButton, pos=centre)
    for step in (40, 80, 120):
        qtbot.mouseMove(window.interactor, centre + QPoint(step, 0))
        qtbot.waitUntil(lambda: len(drawn_with_fxaa) > 0)
    qtbot.mouseRelease(window.interactor, Qt.MouseButton.LeftButton, pos=centre + QPoint(120, 0))
    assert drawn_with_fxaa and not any(drawn_with_fxaa), "frames while moving are drawn without FXAA"
    qtbot.waitUntil(lambda: window.scene.frames.idle, timeout=2000)
    assert drawn_with_fxaa[-1], "the last frame, at rest, is drawn with FXAA"
    assert not np.allclose(window.scene.camera_direction(), VIEW_DIRECTIONS["anterior"][0])
