"""Pixel probes for rendering tests."""

import numpy as np


def world_to_pixel(plotter, point) -> tuple[int, int]:
    """(row, column) of a model point in `plotter.screenshot()` images (row 0 at the top)."""
    renderer = plotter.renderer
    renderer.SetWorldPoint(*point, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    height = plotter.window_size[1]
    return int(round(height - 1 - y)), int(round(x))


def colour_distance(a, b) -> float:
    return float(np.abs(np.asarray(a, dtype=int)[:3] - np.asarray(b, dtype=int)[:3]).sum())


def grab(window):
    window.interactor.render()
    return window.interactor.screenshot(return_img=True)
