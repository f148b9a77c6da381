"""Render the model to a PNG without a window (VTK picks X, EGL or OSMesa by itself)."""

from __future__ import annotations

import os
from pathlib import Path

import pyvista as pv
from PIL import Image

from app.domain.errors import AtlasError
from app.domain.explorer import Explorer, Touch
from app.domain.knowledge import InLanguage, Knowledge
from app.domain.view_state import OVERLAYS, ViewState
from app.scene.assets import load_model
from app.scene.explorer_view import MAX_PATHS
from app.scene.highlight import MECHANISM_COLOURS
from app.scene.legend_panel import LegendSection, panel_width, with_legend
from app.scene.stage import build_stage

MAP_OPACITY = 1.0
MIN_BODY_WIDTH = 64  # px of the picture left for the body beside a legend


def render_screenshot(
    *,
    view: str,
    overlay: str,
    point: tuple[float, float, float] | None,
    out: str | Path,
    size: tuple[int, int],
    skin_opacity: float | None,
    knowledge: Knowledge | None = None,
    language: str = "en",
) -> Path:
    """Draw one view; with `overlay` a territory map, with `point` (needs `knowledge`) the touch
    at the nearest skin point with its lit sources and paths; either adds a legend column, in
    `language` (the legend of a map without `knowledge` stays in English)."""
    out = Path(out)
    if out.parent and not out.parent.is_dir():
        raise AtlasError(f"{out.parent}: folder does not exist; create it or choose another --out")
    if overlay not in OVERLAYS:
        raise AtlasError(f"unknown overlay {overlay!r}; expected one of {', '.join(OVERLAYS)}")
    if skin_opacity is None:
        skin_opacity = MAP_OPACITY if overlay != "none" else ViewState().skin_opacity
    if not 0.0 <= skin_opacity <= 1.0:
        raise AtlasError(f"--skin-opacity must be between 0 and 1, got {skin_opacity}")
    if point is not None and knowledge is None:
        raise AtlasError("screenshot --point needs the content (cards and links)")
    legend_width = panel_width(size[1]) if overlay != "none" or point is not None else 0
    if size[0] - legend_width < MIN_BODY_WIDTH:  # VTK would be asked for a window of no width at all
        raise AtlasError(
            f"--size {size[0]}x{size[1]} leaves no room for the body beside the legend; "
            f"give it at least {legend_width + MIN_BODY_WIDTH} px of width"
        )
    if not os.environ.get("DISPLAY"):
        # Without an X server go straight to EGL (VTK would try X first and warn).
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    model = load_model()
    plotter = pv.Plotter(off_screen=True, window_size=[size[0] - legend_width, size[1]])
    plotter.enable_anti_aliasing("ssaa")  # time does not matter here; FXAA comes out black off-screen
    sections: list[LegendSection] = []
    explorer = Explorer(knowledge) if point is not None and knowledge is not None else None
    state = ViewState(skin_opacity=skin_opacity, overlay=overlay)
    stage = None
    try:
        stage = build_stage(plotter, model, explorer, state, maps=True, labelled=bool(legend_width))
        if stage.problem is not None:
            raise stage.problem
        scene, overlays, labels = stage.scene, stage.overlays, stage.labels
        if explorer is not None and stage.explorer_view is not None and labels is not None and point is not None:
            touch = stage.explorer_view.touch_vertex(labels.nearest_point(point))
            sections += _touch_legend(explorer, touch, explorer.knowledge.in_language(language))
        scene.set_view(view)
        scene.frames.prepare()
        image = plotter.screenshot(return_img=True)
        if overlays is not None and overlay != "none":
            words = (knowledge or Knowledge()).in_language(language)
            shown = [(words.map_name(overlay, name), colour) for name, colour in overlays.legend_in_view()]
            sections.insert(
                0, LegendSection(words.phrase(f"overlay.{overlay}"), shown, words.phrase(f"overlay_note.{overlay}"))
            )
    finally:
        if stage is not None:
            stage.close()
        plotter.close()
    picture = with_legend(image, sections, legend_width) if legend_width else Image.fromarray(image)
    picture.save(out)
    return out


def _touch_legend(explorer: Explorer, touch: Touch, words: InLanguage) -> list[LegendSection]:
    """The urgent cards and the lit sources, best first, then what their colours mean."""
    urgent = [c for c in explorer.candidates if c.mechanism == "urgent"]
    shown = [*urgent, *explorer.lit(MAX_PATHS)]
    mechanisms = list(dict.fromkeys(c.mechanism for c in shown))
    where = explorer.place(touch)
    return [
        LegendSection(
            words.phrase("pain_in", where=where),
            [(words.candidate_title(c)[0], MECHANISM_COLOURS[c.mechanism]) for c in shown],
        ),
        LegendSection(
            words.phrase("colours"),
            [(words.mechanism(m), MECHANISM_COLOURS[m]) for m in mechanisms],
            words.phrase("touch_note"),
        ),
    ]
