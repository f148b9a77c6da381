"""Touch → answer: how fast a pick becomes ranked sources and highlight state, and what the
highlight costs per frame, each against a baseline measured in the same run.

1. 1,000 picks at random visible skin points (anterior and posterior views), timed from the
   display position to the domain answer and the highlight state being ready (lit structures,
   paths, skin layers), drawing excluded. Target: p95 ≤ 5 ms. Baseline: the ray cast into the
   skin alone.
2. Median frame time with the highlights and the paths of the lit sources (up to four), against
   the plain scene, each frame waited for. Target ≤ 1.5.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _xvfb import display

PICKS = 1000
FRAMES = 30
SIZE = (1280, 800)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def main() -> None:
    import pyvista as pv

    from app.content import load
    from app.domain.explorer import Explorer
    from app.resources import content_dir
    from app.scene.assets import load_model
    from app.scene.camera_moves import VIEW_DIRECTIONS
    from app.scene.stage import build_stage

    model = load_model()
    knowledge, _issues = load(content_dir())
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    explorer = Explorer(knowledge)
    stage = build_stage(plotter, model, explorer)
    scene, labels, view = stage.scene, stage.labels, stage.explorer_view
    assert labels is not None, stage.problem
    assert view is not None
    rng = np.random.default_rng(7)
    normals = np.asarray(scene.skin_surface.point_normals)

    pick_only: list[float] = []
    full: list[float] = []
    for view_name in ("anterior", "posterior"):
        scene.set_view(view_name)
        direction = np.asarray(VIEW_DIRECTIONS[view_name][0])
        visible = np.flatnonzero(normals @ direction > 0.5)
        renderer = plotter.renderer
        for point_id in rng.choice(visible, PICKS // 2, replace=False):
            renderer.SetWorldPoint(*labels.points[point_id], 1.0)
            renderer.WorldToDisplay()
            x, y, _ = renderer.GetDisplayPoint()
            start = time.perf_counter()
            view.picker.pick(x, y)
            pick_only.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            picked = view.picker.pick(x, y)
            if picked is not None:
                view.touch_vertex(picked)
                scene.frames.prepare()  # the highlight and actors the next frame will show
            full.append((time.perf_counter() - start) * 1000)

    def frame_ms() -> float:
        times = []
        for _ in range(FRAMES):
            plotter.camera.azimuth += 10
            start = time.perf_counter()
            plotter.ren_win.Render()
            plotter.ren_win.GetPixelData(0, 0, 0, 0, 1, 0)  # wait until the frame is really drawn
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)

    scene.set_view("anterior")
    # the skin over the third metatarsal head, on the top of the foot
    foot = labels.nearest_point(tuple(np.asarray(model.landmarks["metatarsal_head_3_left"]) + (0.0, 0.0, 0.05)))
    explorer.clear()
    scene.frames.prepare()
    plain = frame_ms()
    view.touch_vertex(foot)
    scene.frames.prepare()
    lit = frame_ms()
    print(f"candidates for the left dorsum of the foot: {[c.id for c in explorer.candidates[:4]]}")
    print(f"paths drawn: {len(view.path_points)}")

    print(
        f"pick → answer + highlight state: p50 {percentile(full, 50):.2f} ms, p95 {percentile(full, 95):.2f} ms "
        f"(target p95 ≤ 5 ms) over {len(full)} picks"
    )
    print(
        f"baseline, ray cast alone:       p50 {percentile(pick_only, 50):.2f} ms, "
        f"p95 {percentile(pick_only, 95):.2f} ms; ratio p95 {percentile(full, 95) / percentile(pick_only, 95):.2f}"
    )
    print(
        f"frame at {SIZE[0]}×{SIZE[1]}: highlighted {lit:.1f} ms vs plain {plain:.1f} ms, "
        f"ratio {lit / plain:.2f} (target ≤ 1.5)"
    )
    stage.close()
    plotter.close()


if __name__ == "__main__":
    with display():
        main()
