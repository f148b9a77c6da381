"""Smaller scene faults of issue 21 (defect 10), each failing on the old window."""

import numpy as np
from pixels import widget_point
from PySide6.QtCore import Qt


def settle(qtbot, window) -> None:
    qtbot.wait(10)
    qtbot.waitUntil(lambda: not window.animating(), timeout=10000)


def side_skin(window, region: str, side: int, facing: tuple[float, float, float]) -> np.ndarray:
    """Skin vertices of a region on one side (1 right, -1 left) facing about one way, top first."""
    labels = window.explorer_view.labels
    normals = np.asarray(window.scene.skin_surface.point_normals)
    ids = np.flatnonzero(
        (labels.labels["region"] == labels.names["region_names"].index(region))
        & (labels.side == side)
        & (normals @ np.asarray(facing) > 0.8)
    )
    return ids[np.argsort(-labels.points[ids, 2])]


def test_a_stroke_down_the_outer_thigh_is_said_to_be_the_outer_thigh(qtbot, window):
    """It was said to be where its last spot was (the front of the knee or of the thigh)."""
    window.camera.request_view("left")
    settle(qtbot, window)
    qtbot.mouseClick(window.panel.area_button, Qt.MouseButton.LeftButton)
    labels = window.explorer_view.labels
    outer = side_skin(window, "lateral_thigh", -1, (-1, 0, 0))
    knee = side_skin(window, "knee_front", -1, (-0.7, 0.7, 0))
    path = [labels.points[i] for i in outer[np.linspace(0, len(outer) - 1, 6).astype(int)]]
    path.append(labels.points[knee[len(knee) // 2]])
    points = [widget_point(window, p) for p in path]
    qtbot.mousePress(window.interactor, Qt.MouseButton.LeftButton, pos=points[0])
    for point in points[1:]:
        qtbot.mouseMove(window.interactor, point)
    qtbot.mouseRelease(window.interactor, Qt.MouseButton.LeftButton, pos=points[-1])
    settle(qtbot, window)
    regions = [t.spot.region for t in window.explorer.touches]
    assert "lateral_thigh" in regions and regions[-1] == "knee_front", regions
    message = window.statusBar().currentMessage()
    assert "outer thigh" in message and "front of the knee" in message, message
