"""Touch, burst, drag and idle on the real window, against a bare pyvistaqt window in the same run.

The real `MainWindow` under Xvfb at 1280×800 with real Qt mouse events on the 3D view (DESIGN.md §6):

1. 50 touches at visible skin points in the front and back views: click → ranked list painted,
   click → first frame showing the highlight (and, by stage, when the list was painted and the
   highlight worked out), frames per touch (pulse frames apart), pulse length.
2. 20 clicks posted at once (as a busy event loop receives them): time until the app is idle
   again, frames drawn, how many answers were worked out, whether the last touch is the one shown.
3. A 36-step drag rotation: time per step against the same drag in a bare pyvistaqt window with one
   sphere at the same view size; the rest frame against the bare frame.
4. 5 s untouched: frames drawn. When the coarse copies (app/scene/coarse.py) were ready, and the
   longest spare-time job until then (what a click that early waits for at worst). RSS
   after start, after the touches and after `--touches` more (default 1,000) quick touches, each
   superseding the last.
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

WINDOW = (1280, 800)
TOUCHES = 50
BURST = 20
DRAG_STEPS = 36
IDLE_S = 5.0
QUIET_S = 0.5  # no frame for this long (and no animation running) = idle


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def pct(values: list[float], q: float) -> float:
    return float(np.nanpercentile(np.asarray(values), q)) if values else float("nan")


class Frames:
    """Times of every frame a render window finishes (its EndEvent)."""

    def __init__(self, ren_win, is_pulse=lambda: False) -> None:
        self.times: list[float] = []
        self.pulse: list[bool] = []
        self._is_pulse = is_pulse
        ren_win.AddObserver("EndEvent", self._on_end)

    def _on_end(self, *_args) -> None:
        self.times.append(time.perf_counter())
        self.pulse.append(self._is_pulse())

    def since(self, t0: float) -> list[int]:
        return [i for i, t in enumerate(self.times) if t >= t0]


def wait_idle(app, frames: Frames, busy=lambda: False, limit_s: float = 10.0) -> float:
    """Spin the event loop until no frame has come for QUIET_S and nothing animates; the time
    of the last frame (or of the start when none came)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit_s:
        app.processEvents()
        last = frames.times[-1] if frames.times else start
        now = time.perf_counter()
        if not busy() and now - max(last, start) >= QUIET_S:
            break
        time.sleep(0.002)
    return frames.times[-1] if frames.times and frames.times[-1] >= start else start


def visible_points(window, view: str, count: int, rng) -> list[np.ndarray]:
    """Skin vertices facing the camera in a view whose pick lands within 1 cm of them."""
    from app.scene.camera_moves import VIEW_DIRECTIONS

    labels = window.explorer_view.labels
    normals = np.asarray(window.scene.skin_surface.point_normals)
    direction = np.asarray(VIEW_DIRECTIONS[view][0])
    chosen: list[np.ndarray] = []
    for point_id in rng.permutation(np.flatnonzero(normals @ direction > 0.6)):
        point = labels.points[point_id]
        x, y = display_xy(window, point)
        picked = window.explorer_view.picker.pick(x, y)
        if picked is not None and np.linalg.norm(labels.points[picked] - point) < 0.01:
            chosen.append(point)
        if len(chosen) == count:
            break
    return chosen


def display_xy(window, point) -> tuple[float, float]:
    renderer = window.interactor.renderer
    renderer.SetWorldPoint(*point, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    return x, y


def widget_pos(window, point):
    from PySide6.QtCore import QPoint

    x, y = display_xy(window, point)
    ratio = window.interactor.devicePixelRatioF()
    return QPoint(round(x / ratio), round(window.interactor.height() - 1 - y / ratio))


def drag_step_ms(app, widget, frames: Frames, steps: int = DRAG_STEPS) -> tuple[float, float]:
    """Median time of one step of a left-button drag, from the mouse move until the window has
    drawn it (its frame done and the paints it queued delivered), and frames per step."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    centre = QPoint(widget.width() // 2, widget.height() // 2)
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=centre)
    times, start_count = [], len(frames.times)
    for i in range(1, steps + 1):
        count = len(frames.times)
        start = time.perf_counter()
        QTest.mouseMove(widget, centre + QPoint(8 * i if i <= steps // 2 else 8 * (steps - i), 0))
        while len(frames.times) == count and time.perf_counter() - start < 5:
            app.processEvents()
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    per_step = (len(frames.times) - start_count) / steps
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=centre)
    app.processEvents()
    return statistics.median(times), per_step


def rest_frame_ms(app, widget, runs: int = 12, ask=lambda: None) -> float:
    """Median time of a frame at rest, drawn by the widget's paint handler and read back
    (`grabFramebuffer`, the same way for both windows); `ask` asks the app for a new frame
    (its view shows the last one again when nothing changed)."""
    times = []
    for _ in range(runs):
        ask()
        start = time.perf_counter()
        widget.grabFramebuffer()
        times.append((time.perf_counter() - start) * 1000)
        app.processEvents()
    return statistics.median(times)


def bare_window(app, size):
    import pyvista as pv
    from pyvistaqt import QtInteractor

    bare = QtInteractor(auto_update=False)
    bare.add_mesh(pv.Sphere())
    bare.resize(*size)
    bare.show()
    for _ in range(20):
        app.processEvents()
    bare.ren_win.Render()
    return bare


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--touches", type=int, default=1000, help="quick touches for the memory figure")
    parser.add_argument("--timed", type=int, default=TOUCHES, help="timed touches")
    args = parser.parse_args()

    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app.main import load_content_and_report, load_model_or_report
    from app.ui.main_window import MainWindow
    from app.ui.qt_env import keep_for_the_session

    window = MainWindow(load_model_or_report(), load_content_and_report()[0])
    window.resize(*WINDOW)
    shown = time.perf_counter()
    window.show()
    keep_for_the_session()  # as the app does once its window is up (app/main.py)
    window.activateWindow()
    scene_frames = window.scene.frames
    wake_up, longest_job = scene_frames.wake_up, [0.0]  # a wake-up runs one spare-time job, or asks for a frame

    def timed_wake_up() -> None:
        start = time.perf_counter()
        wake_up()
        longest_job[0] = max(longest_job[0], time.perf_counter() - start)

    scene_frames.wake_up = timed_wake_up
    turns = 0
    while (turns < 50 or scene_frames.spare_work) and time.perf_counter() - shown < 30:
        turns += 1
        app.processEvents()
        time.sleep(0.002)
    del scene_frames.wake_up
    coarse_s = time.perf_counter() - shown
    view_size = window.interactor.ren_win.GetSize()
    pulse = window.interactor.renderer.actors["pulse"]
    frames = Frames(window.interactor.ren_win, lambda: bool(pulse.GetVisibility()))
    animating = getattr(window, "animating", lambda: False)
    wait_idle(app, frames, animating)
    rss_start = rss_mb()

    # when the list is painted and when the highlight is applied, per touch
    painted: list[float] = []
    lit_at: list[float] = []
    answers = [0]

    class PaintWatch(QObject):
        def eventFilter(self, _watched, event):
            if event.type() == QEvent.Type.Paint:
                painted.append(time.perf_counter())
            return False

    watch = PaintWatch()
    window.panel.sources.candidate_list.viewport().installEventFilter(watch)
    scene_light = window.scene.light

    def light(lit):
        scene_light(lit)
        if lit:
            lit_at.append(time.perf_counter())

    window.scene.light = light
    window.explorer.changed.connect(lambda: answers.__setitem__(0, answers[0] + 1))

    rng = np.random.default_rng(11)
    list_ms, frame_ms, frames_per_touch, pulse_frames, pulse_ms = [], [], [], [], []
    lit_ms = []  # click → the highlight worked out, in the frame's preparation
    for view in ("anterior", "posterior"):
        window.camera.request_view(view)
        wait_idle(app, frames, animating)
        for point in visible_points(window, view, args.timed // 2, rng):
            pos = widget_pos(window, point)
            painted.clear()
            lit_at.clear()
            t0 = time.perf_counter()
            QTest.mouseClick(window.interactor, Qt.MouseButton.LeftButton, pos=pos)
            wait_idle(app, frames, animating)
            mine = frames.since(t0)
            shown = [t for t in painted if t >= t0]
            list_ms.append(((shown[0] if shown else float("nan")) - t0) * 1000)
            if lit_at:
                lit_ms.append((lit_at[0] - t0) * 1000)
                after = [frames.times[i] for i in mine if frames.times[i] >= lit_at[0]]
                frame_ms.append(((after[0] if after else float("nan")) - t0) * 1000)
            pulses = [i for i in mine if frames.pulse[i]]
            frames_per_touch.append(len(mine) - len(pulses))
            pulse_frames.append(len(pulses))
            if pulses:
                pulse_ms.append((frames.times[pulses[-1]] - frames.times[pulses[0]]) * 1000)

    # a burst: 20 clicks already queued when the loop gets to them
    window.camera.request_view("anterior")
    wait_idle(app, frames, animating)
    burst_points = visible_points(window, "anterior", BURST, rng)
    answers[0] = 0
    t0 = time.perf_counter()
    for point in burst_points:
        pos = QPointF(widget_pos(window, point))
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            buttons = Qt.MouseButton.LeftButton if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
            event = QMouseEvent(
                kind,
                pos,
                window.interactor.mapToGlobal(pos),
                Qt.MouseButton.LeftButton,
                buttons,
                Qt.KeyboardModifier.NoModifier,
            )
            QCoreApplication.postEvent(window.interactor, event)
    last_frame = wait_idle(app, frames, animating, limit_s=30)
    burst_frames = frames.since(t0)
    burst_pulse = [i for i in burst_frames if frames.pulse[i]]
    shown_last = (
        bool(window.explorer.touches)
        and np.linalg.norm(np.asarray(window.explorer.touches[-1].point) - burst_points[-1]) < 0.02
    )
    burst_s = last_frame - t0
    pulse_end = frames.times[burst_pulse[-1]] if burst_pulse else t0
    burst_answers = answers[0]

    # idle: nothing changes, nothing is drawn
    window.explorer.clear()
    wait_idle(app, frames, animating)
    before = len(frames.times)
    end = time.perf_counter() + IDLE_S
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)
    idle_frames = len(frames.times) - before

    # drag and rest, against the bare window of the same view size
    window.camera.request_view("anterior")
    wait_idle(app, frames, animating)
    app_drag, app_drag_frames = drag_step_ms(app, window.interactor, frames)
    wait_idle(app, frames, animating)
    app_rest = rest_frame_ms(app, window.interactor, ask=window.scene.frames.request)
    rss_touches = rss_mb()

    # memory over many quick touches, each superseding the last
    memory_points = visible_points(window, "anterior", 200, rng)
    rss_100 = rss_touches
    for i in range(args.touches):
        QTest.mouseClick(
            window.interactor, Qt.MouseButton.LeftButton, pos=widget_pos(window, memory_points[i % len(memory_points)])
        )
        for _ in range(3):
            app.processEvents()
        if i == 99:
            rss_100 = rss_mb()
    wait_idle(app, frames, animating)
    rss_end = rss_mb()
    actors = len(window.interactor.renderer.actors)
    window.close()
    app.processEvents()

    bare = bare_window(app, view_size)
    bare_frames = Frames(bare.ren_win)
    bare_drag, bare_drag_frames = drag_step_ms(app, bare, bare_frames)
    bare_rest = rest_frame_ms(app, bare)
    bare.close()
    app.processEvents()

    print(f"view {view_size[0]}×{view_size[1]} in a {WINDOW[0]}×{WINDOW[1]} window; {len(list_ms)} touches")
    print(
        f"click → ranked list painted: p50 {pct(list_ms, 50):.0f} ms, p95 {pct(list_ms, 95):.0f} ms (target p95 ≤ 100)"
    )
    target = 2 * bare_rest + 50
    print(
        f"click → first frame with the highlight: p50 {pct(frame_ms, 50):.0f} ms, p95 {pct(frame_ms, 95):.0f} ms "
        f"(target p95 ≤ 2 × bare frame + 50 = {target:.0f}); p50 by stage: list painted {pct(list_ms, 50):.0f}, "
        f"highlight worked out {pct(lit_ms, 50):.0f}, frame drawn {pct(frame_ms, 50):.0f}"
    )
    print(
        f"frames per touch without the pulse: median {statistics.median(frames_per_touch):.0f}, "
        f"max {max(frames_per_touch)} (target ≤ 3); pulse: median {statistics.median(pulse_frames):.0f} frames "
        f"over {pct(pulse_ms, 50):.0f} ms (max {max(pulse_ms, default=0):.0f} ms; target ≤ 1500)"
    )
    print(
        f"burst of {BURST} clicks: idle {burst_s:.2f} s after the first, {(last_frame - pulse_end):.2f} s after "
        f"its pulse ended (target ≤ 0.5, ≤ 2 s in all); {len(burst_frames)} frames "
        f"({len(burst_pulse)} pulse), {burst_answers} answers, last touch shown: {shown_last}"
    )
    print(
        f"drag step: app {app_drag:.1f} ms ({app_drag_frames:.1f} frames) vs bare {bare_drag:.1f} ms "
        f"({bare_drag_frames:.1f} frames), ratio {app_drag / bare_drag:.2f} (target ≤ 1.3; {1000 / app_drag:.0f} fps)"
    )
    print(
        f"rest frame: app {app_rest:.1f} ms vs bare {bare_rest:.1f} ms, ratio {app_rest / bare_rest:.2f} (target ≤ 2)"
    )
    print(
        f"frames in {IDLE_S:.0f} s idle: {idle_frames} (target 0); coarse copies for moving frames ready "
        f"{coarse_s:.2f} s after show(), longest spare-time "
        f"job {longest_job[0] * 1000:.0f} ms (what a click then waits for at worst)"
    )
    growth = (rss_end - rss_100) / rss_100 * 100
    print(
        f"RSS: {rss_start:.0f} MB after start, {rss_touches:.0f} MB after the touches, {rss_100:.0f} MB after 100 "
        f"quick touches, {rss_end:.0f} MB after {args.touches} ({growth:+.1f}% from the 100th; target < 5%); "
        f"{actors} actors"
    )


if __name__ == "__main__":
    with display():
        main()
