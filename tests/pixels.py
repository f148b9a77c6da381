"""Pixel probes for rendering tests, and clicks at model points on the real window."""

import itertools

import numpy as np


def world_to_pixel(plotter, point) -> tuple[int, int]:
    """(row, column) of a model point in `plotter.screenshot()` images (row 0 at the top)."""
    renderer = plotter.renderer
    renderer.SetWorldPoint(*point, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    height = plotter.window_size[1]
    return round(height - 1 - y), round(x)


def colour_distance(a, b) -> float:
    return float(np.abs(np.asarray(a, dtype=int)[:3] - np.asarray(b, dtype=int)[:3]).sum())


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two '#rrggbb' colours."""

    def luminance(hex_colour: str) -> float:
        channels = np.array([int(hex_colour.lstrip("#")[i : i + 2], 16) / 255.0 for i in (0, 2, 4)])
        linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
        return float(linear @ [0.2126, 0.7152, 0.0722])

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def grab(window):
    """The window's 3D view as it shows now (the last frame; a pending one is drawn first)."""
    return window.interactor.picture()


def structure_points(mesh, name) -> np.ndarray:
    """The vertices of one named structure of a model mesh (bones, nerves, structures)."""
    from app.scene.assets import structure_names

    cells = mesh.regular_faces[np.asarray(mesh.cell_data["structure_index"]) == structure_names(mesh).index(name)]
    return np.asarray(mesh.points)[np.unique(cells)]


def shaft_points(mesh, name, count: int = 12) -> np.ndarray:
    """Points on the axis of a long bone's middle third (by height): they project onto the middle
    of the shaft, where no joint capsule or bursa covers it."""
    points = structure_points(mesh, name)
    low, high = np.percentile(points[:, 2], [0, 100])
    third = (high - low) / 3
    levels = np.linspace(low + third, high - third, count + 1)
    slabs = [points[(points[:, 2] >= a) & (points[:, 2] < b)] for a, b in itertools.pairwise(levels)]
    return np.array([slab.mean(axis=0) for slab in slabs if len(slab)])


def structure_centre(mesh, name) -> np.ndarray:
    return structure_points(mesh, name).mean(axis=0)


def share_changed(plotter, before, after, points, threshold: float = 40.0) -> float:
    """Share of the pixels under `points` whose colour changed by more than `threshold`
    (a structure drawn behind a nerve or muscle keeps a few pixels unchanged)."""
    pixels = {world_to_pixel(plotter, p) for p in points}
    height, width = before.shape[:2]
    inside = [(r, c) for r, c in pixels if 0 <= r < height and 0 <= c < width]
    changed = [colour_distance(before[r, c], after[r, c]) > threshold for r, c in inside]
    return float(np.mean(changed)) if changed else 0.0


def widget_point(window, world):
    """Where a model point appears inside the interactor widget, in Qt's logical pixels."""
    from PySide6.QtCore import QPoint

    row, col = world_to_pixel(window.interactor, world)
    ratio = window.interactor.devicePixelRatioF()
    return QPoint(round(col / ratio), round(row / ratio))


def skin_point_near(window, landmark: str, toward: tuple[float, float, float]) -> np.ndarray:
    """The skin vertex nearest a bony landmark pushed outward in `toward`, i.e. the skin over it."""
    labels = window.explorer_view.labels
    start = np.asarray(window.explorer_view.scene.model.landmarks[landmark]) + 0.05 * np.asarray(toward)
    return labels.points[labels.nearest_point(tuple(start))]


def click(qtbot, window, world) -> None:
    from PySide6.QtCore import Qt

    qtbot.mouseClick(window.interactor, Qt.MouseButton.LeftButton, pos=widget_point(window, world))
