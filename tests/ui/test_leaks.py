"""No VTK object outlives the window that made it (pyvistaqt's check_gc pattern), however many
touches it answered: the touch markers, paths and pulse are made once and reused."""

import gc

import pytest
import shiboken6
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
    qtbot.waitUntil(lambda: window.study.quiz.making_questions)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window = None
    left = {i: name for i, name in vtk_objects().items() if i not in before}
    assert not left, sorted(set(left.values()))


def owned_by(window, widget) -> bool:
    """`widget` is inside `window`, or the pop-up list of one of its completers (it has no parent)."""
    from PySide6.QtWidgets import QCompleter

    if any(completer.popup() is widget for completer in window.findChildren(QCompleter)):
        return True
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
        host.window.staff_access.open_staff_menu()  # where staff change the language; it stays open after a switch
    else:
        host = Windows(model, knowledge, translation)
        host.window.show()
    qtbot.waitExposed(host.window)
    tops, vtk = len(QApplication.topLevelWidgets()), len(vtk_objects())
    # what earlier tests left (closed, not yet deleted) is not this test's to judge
    earlier = {shiboken6.getCppPointer(w)[0] for w in QApplication.topLevelWidgets() if not owned_by(host.window, w)}
    old = []
    try:
        for language in ("es", "en", "es", "en"):
            old.append(weakref.ref(host.window))
            host.switch_language(language)
            qtbot.waitExposed(host.window)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qtbot.waitUntil(lambda: all(ref() is None for ref in old))
        assert len(QApplication.topLevelWidgets()) == tops
        strays = [
            w
            for w in QApplication.topLevelWidgets()
            if not owned_by(host.window, w) and shiboken6.getCppPointer(w)[0] not in earlier
        ]
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


def test_dialogs_opened_again_and_again_do_not_pile_up(qtbot, window):
    """Issue 25 (the soak): each handout, place picker and keys list opened stayed inside the window
    after it was closed (student soak: 3 handouts, 4 pickers, 4 key lists in 150 actions)."""
    from app.ui.handout import HandoutDialog
    from app.ui.help import HelpDialog
    from app.ui.spot_picker import SpotPicker

    for _ in range(3):
        window.controls.handout_action.trigger()
        window.handout_dialog.reject()
        window.panel.pick_button.click()
        window.spot_picker.reject()
        window.help_action.trigger()
        window.help_box.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    kept = {kind.__name__: len(window.findChildren(kind)) for kind in (HandoutDialog, SpotPicker, HelpDialog)}
    assert kept == {"HandoutDialog": 1, "SpotPicker": 1, "HelpDialog": 1}


@pytest.mark.parametrize("spec", [CLINICIAN, STUDENT], ids=lambda s: s.name)
def test_a_language_switch_releases_the_old_window_frozen_as_the_app_freezes(
    qtbot, model, knowledge, spec, monkeypatch, tmp_path
):
    """Issue 25, defect 2, found again by the soak (student RSS 545 → 780 MB in 500 actions, 7
    switches): a window's children hold it in reference cycles that only the collector ends, and
    the collection after a switch ran (then froze what was left for good) before Qt had deleted the
    old window; and a student window switched while it made its questions was held by its pending
    QTimer.singleShot(0, study, step) for good."""
    import weakref

    from app.main import Windows
    from app.study.store import DATA_ENV
    from app.ui.i18n import Translation
    from app.ui.qt_env import keep_for_the_session

    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    translation = Translation()
    host = Windows(model, knowledge, translation, spec)
    host.window.show()
    qtbot.waitExposed(host.window)
    keep_for_the_session()  # as app.main does once the window is up
    old = []
    try:
        for language in ("es", "en"):
            old.append(weakref.ref(host.window))
            host.switch_language(language)
            qtbot.waitExposed(host.window)
        qtbot.waitUntil(lambda: all(ref() is None for ref in old), timeout=10_000)
    finally:
        gc.unfreeze()
        translation.install("en")
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
