"""Render the model to a PNG without a window (VTK picks X, EGL or OSMesa by itself)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import numpy as np
import pyvista as pv
from PIL import Image

from app.domain.errors import AtlasError
from app.domain.explorer import Explorer, Touch
from app.domain.knowledge import InLanguage, Knowledge
from app.domain.poses import Pose
from app.domain.view_state import OVERLAYS, ViewState
from app.scene.assets import load_model
from app.scene.explorer_view import MAX_PATHS
from app.scene.highlight import MECHANISM_COLOURS
from app.scene.legend_panel import LegendSection, panel_width, with_legend
from app.scene.posing import EVIDENCE_COLOURS, PoseView, Skeleton
from app.scene.stage import build_stage

MAP_OPACITY = 1.0
MIN_BODY_WIDTH = 64  # px of the picture left for the body beside a legend
POSE_LEGEND_SHARE = 40  # % of the picture's width for a pose's steps and captions


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
    pose: Pose | None = None,
    phase: float = 1.0,
    focus: str | None = None,
    zoom: float = 1.0,
) -> Path:
    """Draw one view; with `overlay` a territory map, with `point` (needs `knowledge`) the touch
    at the nearest skin point with its lit sources and paths; either adds a legend column, in
    `language` (the legend of a map without `knowledge` stays in English). With `pose` the
    skeleton is posed at `phase` on the left leg (the skin see-through) and the legend lists its
    steps with their evidence and says how much the angles are exaggerated. `focus` (a landmark)
    centres the view on that point, `zoom` enlarges it (a foot's push-off, a knee)."""
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
    if pose is not None and not 0.0 <= phase <= 1.0:
        raise AtlasError(f"--phase must be between 0 and 1, got {phase}")
    legend_width = panel_width(size[1]) if overlay != "none" or point is not None else 0
    if pose is not None:
        legend_width = max(legend_width, size[0] * POSE_LEGEND_SHARE // 100)
    if size[0] - legend_width < MIN_BODY_WIDTH:  # VTK would be asked for a window of no width at all
        raise AtlasError(
            f"--size {size[0]}x{size[1]} leaves no room for the body beside the legend; "
            f"give it at least {legend_width + MIN_BODY_WIDTH} px of width"
        )
    if not os.environ.get("DISPLAY"):
        # Without an X server go straight to EGL (VTK would try X first and warn).
        os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    model = load_model()
    if focus is not None and focus not in model.landmarks:
        close = difflib.get_close_matches(focus, model.landmarks, n=3)
        hint = f"did you mean {' or '.join(close)}?" if close else "`referral-atlas landmarks` lists them"
        raise AtlasError(f"--focus: unknown landmark {focus!r}; {hint}")
    plotter = pv.Plotter(off_screen=True, window_size=[size[0] - legend_width, size[1]])
    plotter.enable_anti_aliasing("ssaa")  # time does not matter here; FXAA comes out black off-screen
    sections: list[LegendSection] = []
    explorer = Explorer(knowledge) if point is not None and knowledge is not None else None
    state = ViewState(skin_opacity=skin_opacity, overlay=overlay)
    stage = None
    posed: PoseView | None = None
    try:
        stage = build_stage(plotter, model, explorer, state, maps=True, labelled=bool(legend_width))
        if stage.problem is not None:
            raise stage.problem
        scene, overlays, labels = stage.scene, stage.overlays, stage.labels
        if explorer is not None and stage.explorer_view is not None and labels is not None and point is not None:
            touch = stage.explorer_view.touch_vertex(labels.nearest_point(point))
            sections += _touch_legend(explorer, touch, explorer.knowledge.in_language(language))
        if pose is not None:
            posed = PoseView(scene, Skeleton(model))
            posed.show(pose, phase)
            sections += pose_legend(pose, phase, (knowledge or Knowledge()).in_language(language))
        scene.set_view(view)
        if focus is not None or zoom != 1.0:
            _look_closer(plotter, model.landmarks.get(focus or ""), zoom)
        scene.frames.prepare()
        image = plotter.screenshot(return_img=True)
        assert image is not None, "an off-screen plotter returns its picture"
        if overlays is not None and overlay != "none":
            words = (knowledge or Knowledge()).in_language(language)
            shown = [(words.map_name(overlay, name), colour) for name, colour in overlays.legend_in_view()]
            sections.insert(
                0, LegendSection(words.phrase(f"overlay.{overlay}"), shown, words.phrase(f"overlay_note.{overlay}"))
            )
    finally:
        if posed is not None:
            posed.close()
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


def pose_legend(pose: Pose, phase: float, words: InLanguage) -> list[LegendSection]:
    """The pose's source and summary, each step begun by `phase` with its caption and evidence,
    and how the picture is drawn (which leg, how exaggerated)."""
    shown = [step for step in pose.steps if step.amount(phase) > 0] or list(pose.steps)
    how = (
        words.phrase("pose.true_size")
        if pose.exaggeration == 1
        else words.phrase("pose.exaggerated", times=pose.exaggeration)
    )
    steps = []
    for step in shown:
        evidence = words.phrase(f"evidence.{step.evidence}")
        steps.append((f"{step.caption(words.language)} ({evidence})", EVIDENCE_COLOURS[step.evidence]))
    summary = (pose.summary(words.language), "")
    return [LegendSection(words.title(pose.source), [summary, *steps], f"{words.phrase('pose.side_by_side')} {how}")]


def _look_closer(plotter: pv.Plotter, point: tuple[float, float, float] | None, zoom: float) -> None:
    """Slide the camera (same direction and distance) to look at `point`, then zoom."""
    camera = plotter.camera
    if point is not None:
        shift = np.asarray(point) - np.asarray(camera.focal_point)
        camera.focal_point = point
        camera.position = np.asarray(camera.position) + shift
    camera.Zoom(zoom)
    plotter.renderer.ResetCameraClippingRange()
