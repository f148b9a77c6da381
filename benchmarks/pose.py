"""A pose playing (issue 24) against a drag of the same window in the same run.

The real `MainWindow` under Xvfb at 1280×800. After the coarse copies are made:
for each pose of content/poses.yaml:
1. a 36-step left-button drag (benchmarks/interaction.py `drag_step_ms`): time per step, and the
   frames' own cost (`Frames.drawn`) while it moves;
2. the pose played as its Play button plays it (the body view's `PosePlayer`, 0 → 1 → 0 by the
   clock) for 3 s: the frames' cost, the time to move the bones and soft tissue and light the
   joints per frame (done as the frame starts), frames per second.
Prints the figures and the ratio of the pose frame (drawing it and moving the meshes before it,
which the drawing's own time leaves out) to the drag frame just before it (within the budget:
about 1 or less; the machine's load drifts, so each pose has its own drag), and the drawing alone's.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's app, not an installed one
from _xvfb import display
from interaction import DRAG_STEPS, Frames, drag_step_ms, pct

WINDOW = (1280, 800)
PLAY_S = 3.0


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app.main import load_content_and_report, load_model_or_report
    from app.ui.main_window import MainWindow
    from app.ui.qt_env import keep_for_the_session

    model = load_model_or_report()
    knowledge = load_content_and_report()[0]
    window = MainWindow(model, knowledge)
    window.resize(*WINDOW)
    shown = time.perf_counter()
    window.show()
    keep_for_the_session()
    frames_of = window.scene.frames
    while (frames_of.spare_work or time.perf_counter() - shown < 1.0) and time.perf_counter() - shown < 30:
        app.processEvents()
        time.sleep(0.002)
    drawn: list[float] = []
    frames_of.drawn.connect(drawn.append)
    frames = Frames(window.interactor.ren_win)

    def drag() -> tuple[float, float, list[float]]:
        """A drag's step time, frames per step and its frames' costs, then a moment at rest."""
        drawn.clear()
        step_ms, per_step = drag_step_ms(app, window.interactor, frames, DRAG_STEPS)
        costs = [s * 1000 for s in drawn]
        settle = time.perf_counter()
        while time.perf_counter() - settle < 0.5:
            app.processEvents()
        return step_ms, per_step, costs

    player = window.body.poses
    player.offer(next(iter(player.poses)))
    started = time.perf_counter()
    posed = player._posed()  # made on the first pose; timed here
    setup_ms = (time.perf_counter() - started) * 1000
    moves: list[float] = []
    show = posed.show

    def timed_show(*args, **kwargs) -> None:
        start = time.perf_counter()
        show(*args, **kwargs)
        moves.append((time.perf_counter() - start) * 1000)

    posed.show = timed_show  # type: ignore[method-assign]
    rows = []
    drags = []
    for pose in player.poses.values():
        player.offer(pose.source)
        drags.append(drag())  # the same window's drag just before, as the machine's load drifts
        drawn.clear()
        moves.clear()
        player.play()
        start = time.perf_counter()
        while time.perf_counter() - start < PLAY_S:
            app.processEvents()
        player.pause()
        played = [s * 1000 for s in drawn]
        rows.append(
            (pose.id, statistics.median(played), pct(played, 95), statistics.median(moves), len(played) / PLAY_S)
        )
    player.neutral()

    print(f"window {WINDOW[0]}x{WINDOW[1]} (Xvfb, llvmpipe when no GPU)")
    print(f"pose view set up once: {setup_ms:.0f} ms (each soft-tissue point finds its bone)")
    for (pose_id, median, p95, move, fps), (step_ms, per_step, costs) in zip(rows, drags, strict=True):
        drag_median = statistics.median(costs)
        print(
            f"{pose_id:22s} frame {median:5.1f} ms median, {p95:5.1f} ms p95, + moving the meshes {move:4.1f} ms, "
            f"{fps:4.1f} frames/s | drag just before: frame {drag_median:5.1f} ms median, "
            f"{pct(costs, 95):5.1f} ms p95, {step_ms:5.1f} ms a step, {per_step:.2f} frames a step | "
            f"ratio {(median + move) / drag_median:.2f} (drawing alone {median / drag_median:.2f})"
        )
    window.close()


if __name__ == "__main__":
    with display():
        main()
