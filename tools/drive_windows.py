"""Drive the real windows through Qt's widget tree only, as an outside script would: the 3D view is
found as a pyvistaqt `QtInteractor`, buttons and actions by their text. Prints what it finds as
JSON, so a run before and after a change can be compared (`diff`).

    python tools/drive_windows.py [--out FILE]

For each mode (clinician, student, kiosk) it opens the window, lists the visible buttons, actions
and docks, clicks the middle of the 3D view and records what the window says back.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _xvfb import display

TIMEOUT_S = 30.0


def wait_until(app, condition, timeout_s: float = TIMEOUT_S) -> bool:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return False


def find_view(window):
    from pyvistaqt import QtInteractor

    views = window.findChildren(QtInteractor)
    assert len(views) == 1, f"{len(views)} 3D views"
    return views[0]


def visible_texts(window) -> dict[str, list[str]]:
    from PySide6.QtWidgets import QAbstractButton, QDockWidget, QToolBar

    buttons = sorted({b.text() for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window) and b.text()})
    actions = sorted({a.text() for bar in window.findChildren(QToolBar) for a in bar.actions() if a.text()})
    docks = sorted(d.windowTitle() for d in window.findChildren(QDockWidget) if d.isVisibleTo(window))
    return {"buttons": buttons, "toolbar_actions": actions, "docks": docks}


def click_middle(app, view) -> None:
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    QTest.mouseClick(
        view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(view.width() // 2, view.height() // 3)
    )
    wait_until(app, lambda: False, 1.5)  # the answer, its frame and the pulse's start


def texts_of_labels(window) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return sorted({w.text() for w in window.findChildren(QLabel) if w.isVisibleTo(window) and w.text()})


def drive(mode: str) -> dict[str, object]:
    from PySide6.QtWidgets import QAbstractButton, QApplication, QListWidget, QMainWindow

    from app.content import load
    from app.modes.spec import CLINICIAN, STUDENT
    from app.resources import content_dir
    from app.scene.assets import load_model

    app = QApplication.instance() or QApplication([])
    model = load_model()
    knowledge, _issues = load(content_dir())
    if mode == "kiosk":
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from kiosk_setup import short_spec

        from app.ui.kiosk.window import KioskWindow

        window = KioskWindow(model, knowledge, short_spec(), quit_app=lambda _code: None)
    else:
        from app.ui.main_window import MainWindow

        window = MainWindow(model, knowledge, spec=STUDENT if mode == "student" else CLINICIAN)
    window.resize(1280, 800)
    window.show()
    wait_until(app, window.isVisible)
    view = find_view(window)
    wait_until(app, lambda: view.isVisible() and view.width() > 100)
    wait_until(app, lambda: False, 3.0)  # start-up work (coarse copies)
    wait_until(app, lambda: not any("Making the questions" in t for t in texts_of_labels(window)), 120.0)
    found: dict[str, object] = {"mode": mode, "view_found": type(view).__mro__[1].__name__, **visible_texts(window)}
    found["labels_before"] = texts_of_labels(window)
    click_middle(app, view)
    lists = {
        w.accessibleName() or w.objectName(): w.count()
        for w in window.findChildren(QListWidget)
        if w.isVisibleTo(window)
    }
    found["lists_after_touch"] = dict(sorted(lists.items()))
    found["labels_after_touch"] = texts_of_labels(window)
    if isinstance(window, QMainWindow):
        found["status_after_touch"] = window.statusBar().currentMessage()
    urgent = [b for b in window.findChildren(QAbstractButton) if b.text() in ("Urgent signs", "When to get help now")]
    found["urgent_button"] = bool(urgent)
    if mode == "kiosk":
        window.leave(0)
    else:
        window.close()
    wait_until(app, lambda: False, 0.3)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--mode", choices=("clinician", "student", "kiosk"), action="append")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    scratch = tempfile.mkdtemp(prefix="drive-windows-")  # the student's progress and QSettings, not the user's
    os.environ["REFERRAL_ATLAS_DATA_DIR"] = scratch
    os.environ["XDG_CONFIG_HOME"] = scratch
    with display():
        report = [drive(mode) for mode in args.mode or ("clinician", "student", "kiosk")]
    text = json.dumps(report, indent=1, ensure_ascii=False)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
