"""No VTK object outlives the window that made it (pyvistaqt's check_gc pattern), however many
touches it answered: the touch markers, paths and pulse are made once and reused."""

import gc

import pytest
from pixels import click, skin_point_near
from PySide6.QtCore import QCoreApplication, QEvent

from app.modes.spec import CLINICIAN, STUDENT


def vtk_objects() -> dict[int, str]:
    """Every VTK object Python holds (pyvista's meshes and actors are VTK objects too)."""
    from vtkmodules.vtkCommonCore import vtkObjectBase

    gc.collect()
    return {id(o): type(o).__name__ for o in gc.get_objects() if isinstance(o, vtkObjectBase)}


@pytest.mark.parametrize("spec", [CLINICIAN, STUDENT], ids=lambda s: s.name)
def test_touches_reuse_their_actors_and_a_closed_window_leaves_no_vtk_object(
    qtbot, model, knowledge, spec, tmp_path, monkeypatch
):
    from app.study.store import DATA_ENV
    from app.ui.main_window import MainWindow

    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    before = vtk_objects()
    window = MainWindow(model, knowledge, spec=spec)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.scene.frames.count > 0 and not window.animating())
    actors = len(window.interactor.renderer.actors)
    for landmark in ("metatarsal_head_3_left", "patella_right", "metatarsal_head_1_right", "patella_left"):
        click(qtbot, window, skin_point_near(window, landmark, (0, 0.5, 1)))
        qtbot.waitUntil(lambda: not window.animating(), timeout=5000)
    assert len(window.interactor.renderer.actors) == actors, "touches add no actors"
    made = {i for i in vtk_objects() if i not in before}
    assert len(made) > 10, "the check sees the window's VTK objects while it is open"
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window = None  # the last reference goes
    left = {i: name for i, name in vtk_objects().items() if i not in before}
    assert not left, sorted(set(left.values()))


def test_a_student_window_closed_while_it_makes_its_questions_leaves_no_vtk_object(
    qtbot, model, knowledge, tmp_path, monkeypatch
):
    """The questions are made a slice per event-loop turn; the next slice, put off with
    QTimer.singleShot(0, mode, ...), kept the whole closed window (PySide6 6.11 keeps the call)."""
    from app.study.store import DATA_ENV
    from app.ui.main_window import MainWindow

    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    before = vtk_objects()
    window = MainWindow(model, knowledge, spec=STUDENT)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.study.making_questions)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window = None
    left = {i: name for i, name in vtk_objects().items() if i not in before}
    assert not left, sorted(set(left.values()))


def owned_by(window, widget) -> bool:
    while widget is not None and widget is not window:
        widget = widget.parent()
    return widget is window


@pytest.mark.parametrize("mode", ["clinician", "kiosk"])
def test_a_language_switch_releases_the_old_window(qtbot, model, knowledge, mode, monkeypatch, tmp_path):
    """Issue 25, defect 2: each switch kept the whole old window (top-level widgets 16 → 72 in 8
    switches, RSS +45 MB a switch)."""
    import weakref

    from PySide6.QtWidgets import QApplication

    from app.main import Kiosk, Windows
    from app.ui.i18n import Translation

    monkeypatch.setenv("REFERRAL_ATLAS_LOG_DIR", str(tmp_path))
    translation = Translation()
    if mode == "kiosk":
        from kiosk_setup import short_spec

        host = Kiosk(model, knowledge, translation, short_spec())
        host.window.show_kiosk()
        host.window.open_staff_menu()  # where staff change the language; it stays open after a switch
    else:
        host = Windows(model, knowledge, translation)
        host.window.show()
    qtbot.waitExposed(host.window)
    tops, vtk = len(QApplication.topLevelWidgets()), len(vtk_objects())
    old = []
    try:
        for language in ("es", "en", "es", "en"):
            old.append(weakref.ref(host.window))
            host.switch_language(language)
            qtbot.waitExposed(host.window)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qtbot.waitUntil(lambda: all(ref() is None for ref in old))
        assert len(QApplication.topLevelWidgets()) == tops
        strays = [w for w in QApplication.topLevelWidgets() if not owned_by(host.window, w)]
        assert not strays, "every window left (a pop-up's too) is the new window's"
        assert len(vtk_objects()) <= vtk
    finally:
        translation.install("en")
        if mode == "kiosk":
            host.window.hand_over()  # closes without ending the program (leave() would quit the loop)
        else:
            host.window.close()
        host.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("close_early", [True, False], ids=["unfinished", "finished"])
def test_a_window_stops_its_unfinished_coarse_worker_and_a_finished_one_is_reaped(qtbot, model, knowledge, close_early):
    """No `python` child is left running or defunct: a window closed while its coarse shapes are
    made stops the worker; a worker that has made them is reaped while the window stays open."""
    import dataclasses
    import os

    from app.scene import coarse
    from app.ui.main_window import MainWindow

    def reaped(pid: int) -> bool:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return True
        return False

    fresh = dataclasses.replace(model)  # a model whose shapes are not made yet
    window = MainWindow(fresh, knowledge)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.scene._coarse_shapes is not None)
    maker = window.scene._coarse_shapes
    pid = maker._worker.pid
    try:
        if close_early:
            assert not maker.done
        else:
            qtbot.waitUntil(lambda: maker.done, timeout=60_000)
            assert maker._worker.returncode == 0 and reaped(pid), "reaped once it ended, the window open"
    finally:
        window.close()
    assert reaped(pid)
    assert (id(fresh) in coarse._kept) != close_early, "unfinished shapes are forgotten, finished ones kept"
