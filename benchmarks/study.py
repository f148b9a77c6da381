"""Student mode on the 3D view: what naming the structure under the pointer and placing "all
labels" cost, each against a baseline measured in the same run.

1. Hover names: 500 display positions over the body (anterior view, see-through skin), timed from
   the position to the words (the structure seen through the skin, else the skin spot, and its
   name). Baseline: the skin pick alone, the explorer's ray cast per touch. A hover costs one such
   name per rest of the pointer (moves are coalesced) and never a frame.
2. All labels: one placement per view (anterior, posterior, left, right), median of 5, against
   the median frame at 1280×800 (each frame waited for). Placement runs once the camera rests.
3. The student window's start: the longest event-loop turn while the quiz's questions are made
   (what a touch then waits for), against the window's rest frame; when the first question shows.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _xvfb import display
from interaction import rest_frame_ms

POSITIONS = 500
REPEATS = 5
SIZE = (1280, 800)


def main() -> None:
    import pyvista as pv

    from app.content import load
    from app.domain.explorer import Explorer
    from app.resources import content_dir
    from app.scene.assets import load_model
    from app.scene.stage import build_stage
    from app.scene.structure_labels import StructureLabels
    from app.study.names import spot_name, structure_name

    model = load_model()
    knowledge, _issues = load(content_dir())
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    stage = build_stage(plotter, model, Explorer(knowledge))
    plotter.ren_win.SetMultiSamples(0)  # as the window draws (app/scene/scene.py draw_from_event_loop)
    scene, labels, view = stage.scene, stage.labels, stage.explorer_view
    assert labels is not None, stage.problem
    assert view is not None
    placer = StructureLabels(scene, lambda name: structure_name(knowledge, name, short=True))

    def name_at(x: float, y: float) -> str | None:
        name = view.picker.pick_structure(x, y)
        if name is not None:
            return structure_name(knowledge, name)
        vertex = view.picker.pick(x, y)
        return spot_name(knowledge, labels.spot(vertex)) if vertex is not None else None

    scene.set_view("anterior")
    rng = np.random.default_rng(3)
    renderer = plotter.renderer
    xs, ys = [], []
    for point_id in rng.choice(len(labels.points), POSITIONS, replace=False):
        renderer.SetWorldPoint(*labels.points[point_id], 1.0)
        renderer.WorldToDisplay()
        x, y, _ = renderer.GetDisplayPoint()
        xs.append(x)
        ys.append(y)
    name_at(xs[0], ys[0])  # the structure locators are built on the first pick
    naming, skin_only, named = [], [], 0
    for x, y in zip(xs, ys, strict=False):
        start = time.perf_counter()
        named += name_at(x, y) is not None
        naming.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        view.picker.pick(x, y)
        skin_only.append((time.perf_counter() - start) * 1000)

    def frame_ms() -> float:
        times = []
        for _ in range(REPEATS * 2):
            plotter.camera.azimuth += 1
            start = time.perf_counter()
            plotter.ren_win.Render()
            plotter.ren_win.GetPixelData(0, 0, 0, 0, 1, 0)
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times)

    placing, counts = [], []
    for view_name in ("anterior", "posterior", "left", "right"):
        scene.set_view(view_name)
        placer.place()  # the label anchors' locators are built on the first placement
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            counts.append(len(placer.place()))
            times.append((time.perf_counter() - start) * 1000)
        placing.append(statistics.median(times))
    scene.set_view("anterior")
    frame = frame_ms()

    p = lambda values, q: float(np.percentile(values, q))  # noqa: E731
    print(
        f"hover name: p50 {p(naming, 50):.2f} ms, p95 {p(naming, 95):.2f} ms over {POSITIONS} positions ({named} named)"
    )
    print(
        f"baseline, skin pick alone: p50 {p(skin_only, 50):.2f} ms, p95 {p(skin_only, 95):.2f} ms; "
        f"ratio p95 {p(naming, 95) / p(skin_only, 95):.1f}"
    )
    print(
        f"all labels: placement {min(placing):.0f}–{max(placing):.0f} ms per view ({min(counts)}–{max(counts)} labels) "
        f"vs a frame at {SIZE[0]}×{SIZE[1]} {frame:.0f} ms"
    )
    placer.close()
    stage.close()
    plotter.close()


def student_start() -> None:
    from PySide6.QtWidgets import QApplication

    from app.study.store import DATA_ENV

    os.environ[DATA_ENV] = tempfile.mkdtemp()  # the progress file: not the user's
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app.main import load_content_and_report, load_model_or_report
    from app.modes.spec import STUDENT
    from app.ui.main_window import MainWindow

    window = MainWindow(load_model_or_report(), load_content_and_report()[0], spec=STUDENT)
    window.resize(*SIZE)
    shown = time.perf_counter()
    window.show()
    while not window.study.quiz.making_questions and time.perf_counter() - shown < 30:
        app.processEvents()
    longest = 0.0
    while window.study.quiz.session is None and time.perf_counter() - shown < 60:
        start = time.perf_counter()
        app.processEvents()
        longest = max(longest, time.perf_counter() - start)
        time.sleep(0.001)
    ready = time.perf_counter() - shown
    rest = rest_frame_ms(app, window.interactor, runs=REPEATS, ask=window.scene.frames.request)
    print(
        f"student start: longest event-loop turn while the questions are made {longest * 1000:.0f} ms vs the "
        f"rest frame {rest:.0f} ms; first question {ready:.2f} s after show()"
    )


if __name__ == "__main__":
    with display():
        main()
        student_start()
