"""Play one quiz round through the real student window, as a student would, and keep a screenshot of
each question and of its feedback (issue 22's walk-through).

    python tools/play_quiz.py --out DIR [--size 1280x800] [--seed 1] [--count 10] [--lang en|es]

Touch questions are answered by real clicks on the body (on the answer's skin when it is in view for
every other question, elsewhere otherwise), choice questions by clicking a button (the right one every
other question). Prints one JSON line per question: id, the view, how much of its spot faces the
camera, what was answered and the feedback.
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


def wait_until(app, condition, timeout_s: float = 60.0) -> bool:
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return False


def visible_pixel(window, vertices):
    """A widget position where one of `vertices` is picked as it shows now, or None."""
    import numpy as np
    from PySide6.QtCore import QPoint

    view = window.explorer_view
    plotter = window.interactor
    height = plotter.window_size[1]
    ratio = window.interactor.devicePixelRatioF()
    wanted = {int(v) for v in vertices}
    rng = np.random.default_rng(0)
    for vertex in rng.permutation(np.asarray(sorted(wanted)))[:200]:
        renderer = plotter.renderer
        renderer.SetWorldPoint(*view.labels.points[vertex], 1.0)
        renderer.WorldToDisplay()
        x, y, _ = renderer.GetDisplayPoint()
        if window.body.pick(x, y) in wanted:
            return QPoint(round(x / ratio), round((height - 1 - y) / ratio))
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=10)
    parser.add_argument("--lang", default="en")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("REFERRAL_ATLAS_DATA_DIR", tempfile.mkdtemp(prefix="play_quiz_"))
    with display(width + 100, height + 100):
        import numpy as np
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        from app.content import load
        from app.modes.spec import STUDENT
        from app.resources import content_dir
        from app.scene.assets import load_model
        from app.ui.i18n import Translation
        from app.ui.main_window import MainWindow

        app = QApplication.instance() or QApplication([])
        if args.lang != "en":
            Translation().install(args.lang)
        knowledge = load(content_dir())[0]
        window = MainWindow(load_model(), knowledge, spec=STUDENT)
        window.study.quiz.seed = args.seed
        window.resize(width, height)
        window.show()
        assert wait_until(app, lambda: window.study.quiz.session is not None and not window.animating())
        study = window.study
        labels = window.explorer_view.labels
        normals = np.asarray(window.scene.skin_surface.point_normals)
        for n in range(1, args.count + 1):
            question = study.quiz.current
            if question is None:
                break
            assert wait_until(app, lambda: not window.animating())
            window.grab().save(str(args.out / f"q{n:02d}_question.png"))
            facing = None
            if question.shown is not None and question.shown.point is not None:
                normal = normals[question.shown.point]
                facing = round(float(normal @ window.scene.camera_direction()), 2)
            right_now = n % 2 == 1
            record = {"n": n, "id": question.id, "prompt": study.quiz.panel.prompt.text(), "facing": facing}
            if question.answer_with == "choice":
                pick = (
                    question.right_choice
                    if right_now
                    else next(c.id for c in question.choices if c.id != question.right_choice)
                )
                QTest.mouseClick(study.quiz.panel.choice_buttons[pick], Qt.MouseButton.LeftButton)
                record["answered"] = pick
            else:
                targets = [t for t in question.answer if t.startswith(("dermatome_", "field_", "region_"))]
                mask = np.zeros(len(labels.points), dtype=bool)
                for territory in targets[:3] if question.answer_with == "touch_all" else targets:
                    part = labels.territory_mask(territory, None)
                    if question.answer_with == "touch_all":  # turn the body to each area, as a student drags
                        direction = study.view.facing(np.flatnonzero(part))
                        if direction is not None:
                            window.camera.request_facing(direction)
                            wait_until(app, lambda: not window.animating())
                        point = visible_pixel(window, np.flatnonzero(part))
                        if point is not None:
                            QTest.mouseClick(window.interactor, Qt.MouseButton.LeftButton, pos=point)
                            wait_until(app, lambda: not window.body.pending)
                    mask |= part
                if question.answer_with == "touch":
                    where = np.flatnonzero(mask if right_now else ~mask)
                    point = visible_pixel(window, where)
                    if point is None:
                        point = window.interactor.rect().center()
                    QTest.mouseClick(window.interactor, Qt.MouseButton.LeftButton, pos=point)
                else:
                    wait_until(app, lambda: len(study.quiz.touches) > 0, 5)
                    QTest.mouseClick(study.quiz.panel.finish_button, Qt.MouseButton.LeftButton)
                record["touches"] = len(study.quiz.touches)
            if not wait_until(app, lambda: study.quiz.feedback is not None, 10):
                record["feedback"] = None
                print(json.dumps(record, ensure_ascii=False), flush=True)
                window.grab().save(str(args.out / f"q{n:02d}_feedback.png"))
                break
            assert wait_until(app, lambda: not window.animating())
            window.grab().save(str(args.out / f"q{n:02d}_feedback.png"))
            record["right"] = study.quiz.feedback.right
            record["feedback"] = study.quiz.panel.feedback.text()
            print(json.dumps(record, ensure_ascii=False), flush=True)
            QTest.mouseClick(study.quiz.panel.next_button, Qt.MouseButton.LeftButton)
        assert wait_until(app, lambda: not window.animating())
        window.grab().save(str(args.out / "end.png"))
        window.close()
        app.shutdown()  # before the display goes (Qt talking to a gone X server at exit: I/O error)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
