"""Render the model to a PNG without a window (VTK picks X, EGL or OSMesa by itself)."""

from __future__ import annotations

import os
from pathlib import Path

import pyvista as pv

from app.domain.errors import AtlasError
from app.domain.view_state import ViewState
from app.scene.assets import load_model
from app.scene.scene import AnatomyScene


def render_screenshot(
    *,
    view: str,
    overlay: str,
    point: tuple[float, float, float] | None,
    out: str | Path,
    size: tuple[int, int],
    skin_opacity: float,
) -> Path:
    out = Path(out)
    if out.parent and not out.parent.is_dir():
        raise AtlasError(f"{out.parent}: folder does not exist; create it or choose another --out")
    if overlay != "none" or point is not None:
        raise AtlasError("screenshot: --overlay and --point need the territory maps, which are not built yet")
    if not 0.0 <= skin_opacity <= 1.0:
        raise AtlasError(f"--skin-opacity must be between 0 and 1, got {skin_opacity}")
    if not os.environ.get("DISPLAY"):
        # Without an X server go straight to EGL (VTK would try X first and warn).
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    model = load_model()
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    try:
        scene = AnatomyScene(plotter, model, ViewState(skin_opacity=skin_opacity))
        scene.set_view(view, render=False)
        plotter.screenshot(str(out))
        scene.close()
    finally:
        plotter.close()
    return out
