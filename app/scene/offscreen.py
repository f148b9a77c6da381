"""Render the model to a PNG without a window (VTK picks X, EGL or OSMesa by itself)."""

from __future__ import annotations

import os
from pathlib import Path

import pyvista as pv

from app.domain.errors import AtlasError
from app.domain.explorer import Explorer
from app.domain.knowledge import Knowledge
from app.domain.view_state import OVERLAYS, ViewState
from app.scene.assets import load_model
from app.scene.explorer_view import ExplorerView
from app.scene.scene import AnatomyScene
from app.scene.skin_labels import SkinLabels
from app.scene.skin_overlays import SkinOverlays

MAP_OPACITY = 1.0


def render_screenshot(
    *,
    view: str,
    overlay: str,
    point: tuple[float, float, float] | None,
    out: str | Path,
    size: tuple[int, int],
    skin_opacity: float | None,
    knowledge: Knowledge | None = None,
) -> Path:
    """Draw one view; with `overlay` a territory map and legend, with `point` (needs `knowledge`)
    the touch at the nearest skin point with its lit sources and paths."""
    out = Path(out)
    if out.parent and not out.parent.is_dir():
        raise AtlasError(f"{out.parent}: folder does not exist; create it or choose another --out")
    if overlay not in OVERLAYS:
        raise AtlasError(f"unknown overlay {overlay!r}; expected one of {', '.join(OVERLAYS)}")
    if skin_opacity is None:
        skin_opacity = MAP_OPACITY if overlay != "none" else ViewState().skin_opacity
    if not 0.0 <= skin_opacity <= 1.0:
        raise AtlasError(f"--skin-opacity must be between 0 and 1, got {skin_opacity}")
    if not os.environ.get("DISPLAY"):
        # Without an X server go straight to EGL (VTK would try X first and warn).
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    model = load_model()
    labels = SkinLabels.from_skin(model.skin) if overlay != "none" or point is not None else None
    plotter = pv.Plotter(off_screen=True, window_size=list(size))
    parts: list[AnatomyScene | SkinOverlays | ExplorerView] = []
    try:
        scene = AnatomyScene(plotter, model, ViewState(skin_opacity=skin_opacity, overlay=overlay))
        parts.append(scene)
        if labels is not None:
            parts.append(SkinOverlays(scene, labels, legend_in_scene=True))
        if point is not None and labels is not None:
            if knowledge is None:
                raise AtlasError("screenshot --point needs the content (cards and links)")
            explorer_view = ExplorerView(scene, Explorer(knowledge), labels)
            parts.append(explorer_view)
            explorer_view.touch_vertex(labels.nearest_point(point))
        scene.set_view(view, render=False)
        plotter.screenshot(str(out))
    finally:
        for part in reversed(parts):
            part.close()
        plotter.close()
    return out
