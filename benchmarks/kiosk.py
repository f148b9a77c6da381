"""The kiosk at full HD: touch, drag and memory on the real kiosk window, against a bare pyvistaqt
window of the same view size in the same run (issue 19).

The real `KioskWindow` fullscreen on a 1920×1080 Xvfb screen, real Qt mouse events on its 3D view:
1. touches at visible skin points in the front and back views: click → the words shown (the list of
   what it may be painted), click → the first frame with the highlight (p50/p95; goal p95 ≤ 2 × the
   bare frame);
2. a drag that turns the body: frames per second by the wall clock over the whole drag (goal ≥ 30),
   and the time of one step against the same drag in the bare window;
3. RSS after start and after `--touches` quick touches (default 1,000), each superseding the last.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _xvfb import display
from interaction import (
    DRAG_STEPS,
    Frames,
    bare_window,
    drag_step_ms,
    pct,
    rest_frame_ms,
    rss_mb,
    visible_points,
    wait_idle,
    widget_pos,
)

SCREEN = (1920, 1080)
TOUCHES = 40


def drag_fps(app, widget, frames: Frames, steps: int = DRAG_STEPS) -> float:
    """Frames drawn per second of wall clock over a whole drag (the first move to the last frame)."""
    start, count = time.perf_counter(), len(frames.times)
    drag_step_ms(app, widget, frames, steps)
    drawn = [t for t in frames.times[count:] if t >= start]
    return len(drawn) / (drawn[-1] - start) if drawn else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--touches", type=int, default=1000, help="quick touches for the memory figure")
    parser.add_argument("--timed", type=int, default=TOUCHES, help="timed touches")
    args = parser.parse_args()

    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app.main import load_content_and_report, load_model_or_report
    from app.modes.config import KioskConfig
    from app.modes.spec import kiosk_spec
    from app.ui.kiosk.window import KioskWindow
    from app.ui.qt_env import keep_for_the_session

    kiosk = KioskWindow(load_model_or_report(), load_content_and_report(cached=False)[0], kiosk_spec(KioskConfig()))
    kiosk.show_kiosk()
    keep_for_the_session()
    shown = time.perf_counter()
    while (time.perf_counter() - shown < 1.0 or kiosk.scene.frames.spare_work) and time.perf_counter() - shown < 30:
        app.processEvents()
        time.sleep(0.002)
    view = kiosk.interactor
    view_size = view.ren_win.GetSize()
    pulse = view.renderer.actors["pulse"]
    frames = Frames(view.ren_win, lambda: bool(pulse.GetVisibility()))
    wait_idle(app, frames, kiosk.animating)
    rss_start = rss_mb()

    painted: list[float] = []
    lit_at: list[float] = []

    class PaintWatch(QObject):
        def eventFilter(self, _watched, event):
            if event.type() == QEvent.Type.Paint:
                painted.append(time.perf_counter())
            return False

    watch = PaintWatch()
    kiosk.pages.candidate_list.viewport().installEventFilter(watch)
    scene_light = kiosk.scene.light

    def light(lit):
        scene_light(lit)
        if lit:
            lit_at.append(time.perf_counter())

    kiosk.scene.light = light
    rng = np.random.default_rng(19)
    words_ms, frame_ms = [], []
    for side in ("anterior", "posterior"):
        kiosk.camera.request_view(side)
        wait_idle(app, frames, kiosk.animating)
        for point in visible_points(kiosk, side, args.timed // 2, rng):
            painted.clear()
            lit_at.clear()
            t0 = time.perf_counter()
            QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=widget_pos(kiosk, point))
            wait_idle(app, frames, kiosk.animating)
            words = [t for t in painted if t >= t0]
            words_ms.append(((words[0] if words else float("nan")) - t0) * 1000)
            if lit_at:
                after = [t for t in frames.times if t >= lit_at[0]]
                frame_ms.append(((after[0] if after else float("nan")) - t0) * 1000)

    kiosk.start_again()
    kiosk.camera.request_view("anterior")
    wait_idle(app, frames, kiosk.animating)
    fps = drag_fps(app, view, frames)
    wait_idle(app, frames, kiosk.animating)
    app_drag, _ = drag_step_ms(app, view, frames)
    wait_idle(app, frames, kiosk.animating)
    app_rest = rest_frame_ms(app, view, ask=kiosk.scene.frames.request)

    memory_points = visible_points(kiosk, "anterior", 200, rng)
    for i in range(args.touches):
        QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=widget_pos(kiosk, memory_points[i % len(memory_points)]))
        for _ in range(3):
            app.processEvents()
    wait_idle(app, frames, kiosk.animating)
    rss_end = rss_mb()
    kiosk.leave(0)
    app.processEvents()

    bare = bare_window(app, view_size)
    bare_frames = Frames(bare.ren_win)
    bare_fps = drag_fps(app, bare, bare_frames)
    bare_drag, _ = drag_step_ms(app, bare, bare_frames)
    bare_rest = rest_frame_ms(app, bare)
    bare.close()
    app.processEvents()

    print(f"kiosk view {view_size[0]}×{view_size[1]} on a {SCREEN[0]}×{SCREEN[1]} screen; {len(words_ms)} touches")
    print(f"touch → words (list painted): p50 {pct(words_ms, 50):.0f} ms, p95 {pct(words_ms, 95):.0f} ms")
    print(
        f"touch → first lit frame: p50 {pct(frame_ms, 50):.0f} ms, p95 {pct(frame_ms, 95):.0f} ms against a bare "
        f"frame of {bare_rest:.1f} ms: ratio {pct(frame_ms, 95) / bare_rest:.2f} (goal ≤ 2)"
    )
    print(
        f"drag: {fps:.0f} frames/s by the wall clock (goal ≥ 30) vs bare {bare_fps:.0f}; a step {app_drag:.1f} ms vs "
        f"bare {bare_drag:.1f} ms, ratio {app_drag / bare_drag:.2f}"
    )
    print(f"rest frame: kiosk {app_rest:.1f} ms vs bare {bare_rest:.1f} ms, ratio {app_rest / bare_rest:.2f}")
    print(
        f"RSS: {rss_start:.0f} MB after start, {rss_end:.0f} MB after {args.touches} touches "
        f"({(rss_end - rss_start) / rss_start * 100:+.1f}%); median touch → words {statistics.median(words_ms):.0f} ms"
    )


if __name__ == "__main__":
    with display(*SCREEN):
        main()
