"""Composition root: technical log, mode, process, QApplication, language, model, content, window.

The mode's process settings come before Qt, VTK and pyvista are imported: pyvista imports
matplotlib, which writes its font cache on import, so a kiosk that keeps nothing must have its
private cache folders in place first (app/modes/keeps_nothing.py).
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from typing import TYPE_CHECKING

from app.ui.qt_env import collection_paused, keep_for_the_session, widget_app, window_replaced

with collection_paused():
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from app.content.cache import load_cached
    from app.domain.errors import AtlasError
    from app.install_desktop import APP_ID, window_icon
    from app.modes import ids
    from app.modes.keeps_nothing import prepare_process, start_technical_log
    from app.modes.spec import CLINICIAN, ModeSpec, mode_for
    from app.modes.supervisor import HEARTBEAT_S, Heartbeat
    from app.resources import content_dir
    from app.ui.crash import install_crash_reports
    from app.ui.i18n import Translation, choose_language, remember_language
    from app.version import version_line

if TYPE_CHECKING:
    from app.domain.knowledge import Knowledge
    from app.scene.assets import Model
    from app.ui.kiosk.window import KioskWindow
    from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def load_model_or_report() -> Model | None:
    """Load the model; on failure, say what is wrong and how to fix it (stderr and a dialog)."""
    with collection_paused():
        from app.scene.assets import load_model
    try:
        return load_model()
    except AtlasError as error:
        print(f"referral-atlas: {error}", file=sys.stderr)
        QMessageBox.critical(None, "Referral Atlas cannot start", str(error))
        return None


def load_content_and_report(cached: bool = True) -> tuple[Knowledge, list[str]]:
    """Load content/ (through the copy kept from the last start when nothing changed, if `cached`);
    broken files are left out and listed, the rest is used. The reading grade is an authoring
    check, left to `referral-atlas check-content`."""
    if cached:
        knowledge, issues = load_cached(content_dir(), check_reading=False)
    else:  # the full loader (pydantic, YAML, Markdown) only where the kept copy may not be used
        from app.content.loader import load

        knowledge, issues = load(content_dir(), check_reading=False)
    problems = [f"{issue.file}:{issue.line}: {issue.problem}" for issue in issues]
    for problem in problems:
        print(f"referral-atlas: {problem}", file=sys.stderr)
    return knowledge, problems


class Windows:
    """The window on screen; a new language rebuilds it in that language (Qt translates as
    widgets are made), in the same place."""

    def __init__(
        self, model: Model, knowledge: Knowledge, translation: Translation, spec: ModeSpec = CLINICIAN
    ) -> None:
        self.model, self.knowledge, self.translation, self.spec = model, knowledge, translation, spec
        self.window = self._open()

    def _open(self) -> MainWindow:
        from app.ui.main_window import MainWindow

        window = MainWindow(self.model, self.knowledge, spec=self.spec)
        window.language_chosen.connect(self.switch_language)
        return window

    def switch_language(self, language: str) -> None:
        remember_language(language)
        self.translation.install(language)
        old = self.window
        with window_replaced(old):
            self.window = self._open()
            self.window.setGeometry(old.geometry())
            self.window.show()
            old.close()
            old.deleteLater()  # its children's slots hold it: only Qt's delete ends that cycle


class Kiosk:
    """The kiosk on screen; a language the staff choose rebuilds it in that language (Qt translates
    as widgets are made), keeping the session's settings."""

    def __init__(self, model: Model, knowledge: Knowledge, translation: Translation, spec: ModeSpec) -> None:
        self.model, self.knowledge, self.translation = model, knowledge, translation
        self.window = self._open(spec)

    def _open(self, spec: ModeSpec) -> KioskWindow:
        from app.domain.knowledge import LANGUAGES
        from app.ui.kiosk.window import KioskWindow

        window = KioskWindow(self.model, self.knowledge, spec, languages=("en", *LANGUAGES))
        # after the staff menu's own slot has returned: the old window and its menu then go
        window.language_chosen.connect(lambda language: QTimer.singleShot(0, lambda: self.switch_language(language)))
        return window

    def switch_language(self, language: str) -> None:
        self.translation.install(language)
        self.window.make_way()
        old = self.window
        with window_replaced(old):
            self.window = self._open(old.spec)
            self.window.show_kiosk()
            old.hand_over()
            old.deleteLater()  # its children's slots hold it: only Qt's delete ends that cycle
        self.window.staff_access.open_staff_menu()  # the staff who chose the language are still there


def start_kiosk(translation: Translation, spec: ModeSpec, started: float) -> Kiosk | QWidget:
    """The kiosk on screen, or, when it cannot start (a damaged model, missing content, anything),
    the out-of-order screen: the cause goes to the technical log, nothing technical to the visitor."""
    try:
        with collection_paused():
            from app.scene.assets import load_model
        model = load_model()
        knowledge, problems = load_content_and_report(cached=not spec.keeps_nothing)
        log.info("started in %s mode; %s", spec.name, version_line())
        for problem in problems:  # staff read the technical log, not stderr
            log.warning("content problem: %s", problem)
        kiosk = Kiosk(model, knowledge, translation, spec)
        log_first_frame(kiosk.window, started)
        kiosk.window.show_kiosk()
    except AtlasError as error:
        log.error("the kiosk cannot start: %s; showing the out-of-order screen", error)
    except Exception:
        log.exception("the kiosk cannot start; showing the out-of-order screen")
    else:
        return kiosk
    from app.ui.kiosk.out_of_order import OutOfOrderWindow

    widget_app().setQuitOnLastWindowClosed(False)
    screen = OutOfOrderWindow()
    screen.showFullScreen()
    return screen


def log_first_frame(window: MainWindow | KioskWindow, started: float) -> None:
    """One line in the technical log when the window's first frame is drawn: how long a start
    takes on this machine (IT reads it; benchmarks/bundle.py waits for it)."""
    frames = window.scene.frames

    def drawn(_seconds: float) -> None:
        frames.drawn.disconnect(drawn)
        log.info("first frame drawn %.2f s after start", time.perf_counter() - started)

    frames.drawn.connect(drawn)


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def exit_on_stop_signals(qt_app: QApplication) -> None:
    """A service stop (SIGTERM, SIGINT, SIGHUP) ends the event loop cleanly, so a kiosk's scratch
    folder goes. Exit, not quit: quit asks the windows first, and the kiosk refuses to close. Put off
    to the loop: a signal that comes before `exec()` starts (the first frame is drawn before it) would
    be lost, as `exec()` forgets an earlier `exit()`."""
    for stop in STOP_SIGNALS:
        signal.signal(stop, lambda *_: QTimer.singleShot(0, lambda: qt_app.exit(0)))


def run_app(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    start_technical_log()
    try:
        spec = mode_for(args)
    except AtlasError as error:
        print(f"referral-atlas: {error}", file=sys.stderr)
        return 2
    prepare_process(spec)  # a kiosk's caches go to a private folder or nowhere, before anything writes one
    with collection_paused():
        import app.ui.kiosk.window  # noqa: F401  (its Qt and VTK imports, with collection paused)
    qt_app = widget_app()
    qt_app.setApplicationName("Referral Atlas")
    qt_app.setOrganizationName("referral-atlas")  # where QSettings keeps the language and text size
    qt_app.setDesktopFileName(APP_ID)  # the launcher and icon the desktop shows for the window
    qt_app.setWindowIcon(QIcon(str(window_icon())))
    translation = Translation()
    translation.install(choose_language(getattr(args, "lang", None) or spec.language))
    from app.ui.theme import ask

    ask(getattr(args, "contrast", None))  # `--contrast high|normal` for this run
    if spec.shows(ids.KIOSK_FLOW):
        heartbeat, timer = Heartbeat(), QTimer()  # kiosk-run's watchdog hears the event loop turn
        timer.timeout.connect(heartbeat.beat)  # (a bound method: Qt keeps no reference to `heartbeat`)
        timer.start(int(HEARTBEAT_S * 1000))
        exit_on_stop_signals(qt_app)  # the heartbeat's timer lets Python see the signal
        on_screen = start_kiosk(translation, spec, started)
        install_crash_reports(lambda _text: None)  # logged; the visitor's screen carries on as it is
        keep_for_the_session()
        code = qt_app.exec()
        del on_screen  # kept alive while the event loop runs
        return code
    model = load_model_or_report()
    if model is None:
        return 1
    knowledge, problems = load_content_and_report(cached=not spec.keeps_nothing)
    log.info("started in %s mode; %s", spec.name, version_line())
    windows = Windows(model, knowledge, translation, spec)
    # from here on an unexpected error is logged and shown in the status bar; the window stays up
    install_crash_reports(lambda text: windows.window.statusBar().showMessage(text))
    if problems:
        windows.window.statusBar().showMessage(
            f"{len(problems)} content problem(s); those cards are left out. Run `referral-atlas check-content`."
        )
    log_first_frame(windows.window, started)
    windows.window.show()
    keep_for_the_session()
    return qt_app.exec()
