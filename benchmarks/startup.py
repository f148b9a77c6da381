"""Start-up and frame time of the viewer, each against a baseline measured in the same run.

1. Process start → first rendered frame of the full model in a 1280×800 window, median of 5,
   against a bare pyvistaqt window showing one sphere. Target: ratio ≤ 1.3. The first app run
   after a change to content/ also validates it and keeps a copy (app/content/cache.py); the
   median is of starts like a clinic's, from the kept copy.
2. Median frame time over a 36-step rotation: the full model against the skin alone.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _xvfb import display

RUNS = 5

CHILD_PRELUDE = """
import os, sys, time
os.environ.setdefault("QT_API", "pyside6")
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
def first_frame(*_):
    print("FRAME", flush=True)
    os._exit(0)
"""

BASELINE_CHILD = (
    CHILD_PRELUDE
    + """
import pyvista as pv
from pyvistaqt import QtInteractor
w = QtInteractor(auto_update=False)
w.add_mesh(pv.Sphere())
w.ren_win.AddObserver("EndEvent", first_frame)
w.resize(1280, 800)
w.show()
app.exec()
"""
)

APP_CHILD = (
    CHILD_PRELUDE
    + """
from app.main import load_content_and_report, load_model_or_report
from app.ui.main_window import MainWindow
w = MainWindow(load_model_or_report(), load_content_and_report()[0])
w.interactor.ren_win.AddObserver("EndEvent", first_frame)
w.resize(1280, 800)
w.show()
app.exec()
"""
)

ROTATION_CHILD = (
    CHILD_PRELUDE
    + """
import statistics, time
from app.main import load_content_and_report, load_model_or_report
from app.ui.main_window import MainWindow
w = MainWindow(load_model_or_report(), load_content_and_report()[0])
w.resize(1280, 800)
w.show()
app.processEvents()
def median_frame():
    w.interactor.ren_win.Render()
    times = []
    for _ in range(36):
        w.interactor.camera.azimuth += 10
        t0 = time.perf_counter()
        w.interactor.ren_win.Render()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000
full = median_frame()
w.state.show_bones = w.state.show_muscles = False
w.state.skin_opacity = 1.0
skin = median_frame()
size = w.interactor.ren_win.GetSize()
print(f"ROTATION {full:.1f} {skin:.1f} {size[0]}x{size[1]}", flush=True)
os._exit(0)
"""
)


def time_to_first_frame(code: str) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False)
    elapsed = time.perf_counter() - start
    if "FRAME" not in result.stdout:
        raise SystemExit(f"child failed:\n{result.stderr}")
    return elapsed


def main() -> None:
    with display():
        baseline, full = [], []
        for _ in range(RUNS):  # interleaved, so drift on a noisy machine hits both alike
            baseline.append(time_to_first_frame(BASELINE_CHILD))
            full.append(time_to_first_frame(APP_CHILD))
        b, f = statistics.median(baseline), statistics.median(full)
        print(
            f"startup to first frame (median of {RUNS}): app {f * 1000:.0f} ms, "
            f"bare pyvistaqt sphere {b * 1000:.0f} ms, ratio {f / b:.2f} (target <= 1.3)"
        )
        rotation = subprocess.run(
            [sys.executable, "-c", ROTATION_CHILD], capture_output=True, text=True, timeout=600, check=False
        )
        line = next((ln for ln in rotation.stdout.splitlines() if ln.startswith("ROTATION")), None)
        if line is None:
            raise SystemExit(f"rotation child failed:\n{rotation.stderr}")
        _, full_ms, skin_ms, size = line.split()
        print(
            f"rotation, median frame over 36 steps at {size}: full model {full_ms} ms, "
            f"skin alone {skin_ms} ms, ratio {float(full_ms) / float(skin_ms):.2f}"
        )


if __name__ == "__main__":
    main()
