"""Soak: thousands of a user's actions on the real window of each mode under Xvfb at 1280×800, with
language switches and every dialog the mode has (issues 19 and 25; not part of the test suite).

Each mode runs in a process of its own (a fresh RSS), one after another:
- clinician: touches (mouse clicks at visible skin points through the window's touch path), drags that
  turn the body, areas, questions ticked, cards opened and their links followed, views, urgent
  signs, search, back and forward, the place picker, the reverse view, text size, contrast and layers,
  the handout dialog with its print preview, About, the keys list, Compare, and the language menu
  (which rebuilds the window);
- student: the same touches and options, quiz answers (a choice, a touch, every area then Finish),
  next question, new round, my progress, reset progress (its confirmation answered), the study tools
  (one system alone, isolate a picked structure, follow a nerve, all labels, step back), the language;
- kiosk: taps (touch events at visible skin points), one-finger turns, cards, card links and
  scrolling, the urgent signs ticked, "Print this page" (printing on, to an in-memory PDF printer:
  the kiosk never shows a dialog), "Still there?" answered, idle resets, and staff visits (the PIN
  pad, a wrong PIN now and then, the staff menu: idle time, printing, report, language).

The run starts with every action the mode has, once each (a short run tries them all), then picks at
random by weight. Between actions the event loop runs until the action's words and first frame are done.

Counted as a failure: an exception raised by an action, reaching `sys.excepthook` (a Qt slot or event
handler), `threading.excepthook` or `sys.unraisablehook`; a Qt critical or fatal message; an error in
the app's log; a window the kiosk guard had to close; a dialog an action left open; an idle reset
that left the visitor's state. Qt's and the app's warnings are counted and listed, not failed.

Memory: RSS is read after every action. "After the warm-up" is the median over the `RSS_SPAN` (500)
actions that follow a warm-up of the first `--warm-up` actions (default 1,000: the window has been
rebuilt, every dialog made and every cache filled); "at the end" is the median over the last 500
(a single reading moves ±10 % with a language switch's two windows and glibc's arenas). The run
passes with 0 failures and end / warm-up ≤ 1.05. Both figures, their ratio, the start, the single
readings at both points and the highest after the warm-up are printed, with top-level widgets and
VTK objects alive at both points; a progress line every 500 actions gives the median of those 500.

    python benchmarks/soak.py                                 # every mode, 10,000 actions each
    python benchmarks/soak.py --mode kiosk --actions 2000     # one mode, a shorter run

Figures: see README, "Drawing without a graphics card" (soak).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _xvfb import display

MODES = ("clinician", "student", "kiosk")
WINDOW = (1280, 800)
WARM_UP = 1000
RSS_BUDGET = 1.05
RSS_SPAN = 500  # actions whose RSS readings give one median
SETTLE_TIMEOUT_S = 5.0
PIN = "482916"
# action → weight: touches most, a language switch (a whole new window) about once in 70 actions
DESK_ACTIONS = {
    "touch": 8, "turn": 2, "area": 1, "question": 3, "card": 3, "link": 1, "view": 2, "urgent": 1,
    "search": 1, "history": 1, "picker": 1, "source": 1, "options": 1, "clear": 1, "handout": 1,
    "about": 1, "keys": 1, "compare": 1, "language": 0.5,
}  # fmt: skip
STUDENT_ACTIONS = {**DESK_ACTIONS, "quiz": 8, "quiz_more": 1, "reset": 0.3, "tools": 2}
KIOSK_ACTIONS = {
    "touch": 8, "turn": 2, "answer": 2, "card": 3, "link": 1, "print": 2, "still_there": 1, "idle": 1.5,
    "staff": 1.5,
}  # fmt: skip


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def vtk_objects() -> int:
    from vtkmodules.vtkCommonCore import vtkObjectBase

    gc.unfreeze()  # what app.ui.qt_env froze is counted too, then frozen again as a language switch does
    gc.collect()
    count = sum(isinstance(o, vtkObjectBase) for o in gc.get_objects())
    gc.freeze()
    return count


class Failures(logging.Handler):
    """Every failure of the run, wherever it is raised or reported, and the warnings seen."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: Counter[str] = Counter()

    def install(self) -> None:
        from PySide6.QtCore import QtMsgType, qInstallMessageHandler

        sys.excepthook = lambda kind, value, tb: self.fail(
            "uncaught (a Qt slot or handler):\n" + "".join(traceback.format_exception(kind, value, tb))
        )
        threading.excepthook = lambda args: self.fail(
            "in a thread:\n" + "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        )
        sys.unraisablehook = lambda u: self.fail(f"unraisable in {u.object!r}: {u.exc_type.__name__}: {u.exc_value}")

        def qt_message(kind: QtMsgType, _context: object, text: str) -> None:
            if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
                self.fail(f"Qt: {text}")
            elif kind == QtMsgType.QtWarningMsg:
                self.warnings[f"Qt: {text[:120]}"] += 1

        qInstallMessageHandler(qt_message)
        logging.getLogger("app").addHandler(self)
        logging.getLogger("app").setLevel(logging.INFO)

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR or "was opened" in message:  # the kiosk guard closed a window
            self.fail(f"log {record.levelname} {record.name}: {message}")
        else:
            self.warnings[f"{record.name}: {re.sub(r'[0-9]+', 'N', message)[:120]}"] += 1

    def fail(self, text: str) -> None:
        self.errors.append(text)
        if len(self.errors) <= 10:  # at once too: a long run's first failures show while it runs
            print(f"failure {len(self.errors)}: {text.rstrip()}", flush=True)


class Soak:
    """What every mode's run shares: the event loop, touches at visible skin, memory figures."""

    actions: dict[str, float]

    def __init__(self, app, failures: Failures, rng: random.Random) -> None:
        self.app, self.failures, self.rng = app, failures, rng
        self.counts: Counter[str] = Counter()
        self.window = None
        self.switches = 0

    # -- helpers -----------------------------------------------------------------------------------
    def settle(self, still: bool = False) -> None:
        """Run the loop until the action is answered and drawn (with `still`, until nothing moves)."""
        from PySide6.QtCore import QCoreApplication, QEvent

        window = self.window
        end = time.perf_counter() + SETTLE_TIMEOUT_S
        self.app.processEvents()
        while time.perf_counter() < end:
            self.app.processEvents()
            # what a running event loop does between events (this loop is not `exec`): objects
            # given to deleteLater (an old window, a closed dialog) go
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            frames = window.scene.frames
            if not window.body.pending and (frames.idle if still else not frames._dirty):
                return
            time.sleep(0.002)

    def skin_point(self):
        """A point of the view where the skin shows (the window's own picker says so), in Qt pixels."""
        from PySide6.QtCore import QPoint

        window = self.window
        view, labels = window.interactor, window.explorer_view.labels
        renderer = view.renderer
        ratio = view.devicePixelRatioF()
        at = view.rect().center()
        for _ in range(30):
            renderer.SetWorldPoint(*labels.points[self.rng.randrange(len(labels.points))], 1.0)
            renderer.WorldToDisplay()
            x, y, _ = renderer.GetDisplayPoint()
            at = QPoint(round(x / ratio), round(view.height() - 1 - y / ratio))
            if view.rect().adjusted(4, 4, -4, -4).contains(at) and window.body.pick(x, y) is not None:
                return at
        return at

    def drag(self, press, move, release) -> None:
        from PySide6.QtCore import QPoint

        start = self.window.interactor.rect().center()
        step = QPoint(self.rng.randint(-25, 25), self.rng.randint(-12, 12))
        press(start)
        for i in range(1, 6):
            move(start + step * i)
        release(start + step * 5)

    def strays(self) -> list:
        """Windows left on screen besides the mode's own (an action must close its dialogs)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        return [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible()
            and w is not self.window
            and w.windowType() not in (Qt.WindowType.ToolTip, Qt.WindowType.Popup)
        ]

    def close_strays(self, number: int, action: str) -> None:
        for stray in self.strays():
            self.failures.fail(f"action {number} ({action}) left {type(stray).__name__} {stray.windowTitle()!r} open")
            stray.close()

    def do(self, action: str) -> None:
        getattr(self, f"do_{action}")()

    def available(self) -> list[str]:
        return [a for a in self.actions if getattr(self, f"can_{a}", lambda: True)()]

    def alive(self) -> str:
        from PySide6.QtWidgets import QApplication

        tops = Counter(type(w).__name__ for w in QApplication.topLevelWidgets())
        listed = ", ".join(f"{name} {count}" for name, count in sorted(tops.items()))
        from PySide6.QtCore import QObject

        inside = len(self.window.findChildren(QObject))
        return (
            f"{sum(tops.values())} top-level widgets ({listed}), {inside} objects in the window, "
            f"{vtk_objects()} VTK objects"
        )


class DeskSoak(Soak):
    """The clinician's or the student's window (`app.main.Windows`), driven by mouse and its controls."""

    def __init__(self, app, failures, rng, spec, model, knowledge, translation) -> None:
        super().__init__(app, failures, rng)
        from app.main import Windows

        self.spec = spec
        self.actions = STUDENT_ACTIONS if spec.name == "student" else DESK_ACTIONS
        self.host = Windows(model, knowledge, translation, spec)
        self.host.window.resize(*WINDOW)
        self.host.window.show()
        self.attach()

    def attach(self) -> None:
        window = self.window = self.host.window
        quiz = window.study.quiz if window.study is not None else None
        if quiz is not None:
            quiz.confirm = self.confirm_in_dialog
        end = time.perf_counter() + 300
        while quiz is not None and quiz.session is None and time.perf_counter() < end:
            self.app.processEvents()  # a student waits for the first question (a new window's too)
            time.sleep(0.01)

    def confirm_in_dialog(self, text: str) -> bool:
        """The study's "are you sure" question in its real message box, answered by a click."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox

        from app.ui.study.quiz import _ask_yes

        def answer() -> None:
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                yes = self.rng.random() < 0.5
                box.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No).click()
            else:
                QTimer.singleShot(20, answer)

        QTimer.singleShot(20, answer)
        return _ask_yes(self.window.dialog_parent(), text)

    # -- the body ------------------------------------------------------------------------------------
    def click(self, at, modifier=None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        modifiers = modifier or Qt.KeyboardModifier.NoModifier
        view = self.window.interactor
        QTest.mousePress(view, Qt.MouseButton.LeftButton, modifiers, at)
        QTest.mouseRelease(view, Qt.MouseButton.LeftButton, modifiers, at)

    def do_touch(self) -> None:
        from PySide6.QtCore import Qt

        ctrl = self.rng.random() < 0.1  # Ctrl+click names the structure under the skin
        self.click(self.skin_point(), Qt.KeyboardModifier.ControlModifier if ctrl else None)
        self.settle()

    def do_turn(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        view, left = self.window.interactor, Qt.MouseButton.LeftButton
        none = Qt.KeyboardModifier.NoModifier
        self.drag(
            lambda at: QTest.mousePress(view, left, none, at),
            lambda at: QTest.mouseMove(view, at),
            lambda at: QTest.mouseRelease(view, left, none, at),
        )
        self.settle()

    def do_area(self) -> None:
        button = self.window.panel.area_button
        button.click()
        for _ in range(self.rng.randint(2, 4)):
            self.click(self.skin_point())
            self.settle()
        button.click()
        self.settle()

    # -- the panel -----------------------------------------------------------------------------------
    def can_question(self) -> bool:
        return bool(self.window.panel.questions.answer_boxes)

    def do_question(self) -> None:
        boxes = list(self.window.panel.questions.answer_boxes.values())
        self.rng.choice(boxes).click()
        self.settle()

    def do_card(self) -> None:
        sources = self.window.panel.sources
        rows = sources.candidate_list.count()
        if rows:
            sources.candidate_list.setCurrentRow(self.rng.randrange(rows))
            self.settle()
            bar = sources.card_view.verticalScrollBar()
            bar.setValue(self.rng.randrange(bar.maximum() + 1))
        self.settle()

    def do_link(self) -> None:
        from PySide6.QtCore import QUrl

        view = self.window.panel.sources.card_view
        links = re.findall(r'href="(card:[^"]+)"', view.toHtml())
        if links:
            view.anchorClicked.emit(QUrl(self.rng.choice(links)))
        self.settle()

    def can_view(self) -> bool:
        return bool(self.window.controls.view_actions)

    def do_view(self) -> None:
        self.rng.choice(list(self.window.controls.view_actions.values())).trigger()
        self.settle(still=True)

    def can_urgent(self) -> bool:
        return self.window.controls.urgent_action is not None

    def do_urgent(self) -> None:
        self.window.controls.urgent_action.trigger()
        self.settle()

    def can_search(self) -> bool:
        return self.window.controls.search_box is not None

    def do_search(self) -> None:
        box = self.window.controls.search_box
        box.focus_search()
        box.setText(self.rng.choice(("sciatic", "L5", "hip", "knee", "flat", "disc", "foot", "rodilla", "xq")))
        if box.hits:
            box.choose(self.rng.choice(box.hits))
        box.clear()
        self.settle()

    def can_history(self) -> bool:
        return self.window.controls.history is not None

    def do_history(self) -> None:
        history = self.window.controls.history
        history.back() if self.rng.random() < 0.6 else history.forward()
        self.settle()

    def do_picker(self) -> None:
        window = self.window
        window.panel.pick_button.click()
        picker = window.spot_picker
        if picker.regions and self.rng.random() < 0.7:
            picker.choose(self.rng.choice(picker.regions), self.rng.choice(("left", "right")))
        else:
            picker.reject()
        self.settle()

    def do_source(self) -> None:
        box = self.window.panel.from_source.source_box
        box.setCurrentIndex(self.rng.randrange(box.count()))
        self.settle()

    def do_options(self) -> None:
        window = self.window
        choice = self.rng.randrange(4)
        if choice == 0:
            size = window.text_size
            self.rng.choice((size.larger, size.smaller, size.normal))()
        elif choice == 1:
            window.theme.action.trigger()  # high contrast on or off
        elif choice == 2 and window.controls.layers_action is not None:
            window.controls.layers_action.trigger()
        else:
            state = window.state
            layer = self.rng.choice(("show_bones", "show_nerves", "show_muscles", "show_structures", "show_skin"))
            setattr(state, layer, not getattr(state, layer))
        self.settle()

    def do_clear(self) -> None:
        self.window.panel.clear_button.click()
        self.settle()

    # -- dialogs -------------------------------------------------------------------------------------
    def can_handout(self) -> bool:
        return self.window.controls.handout_action is not None

    def do_handout(self) -> None:
        window = self.window
        window.controls.handout_action.trigger()
        dialog = window.handout_dialog
        dialog.note.setPlainText(self.rng.choice(("", "Walk a little every day.", "Caminar un poco cada día.")))
        if self.rng.random() < 0.5:
            dialog.preview_button.click()  # Qt's print preview paints the sheet
            self.settle()
            dialog.preview.reject()
        dialog.reject()
        self.settle()

    def do_about(self) -> None:
        from app.ui.about import AboutDialog

        window = self.window
        window.about_action.trigger()
        self.settle()
        for dialog in window.findChildren(AboutDialog):
            if dialog.isVisible():
                dialog.reject()
        self.settle()

    def do_keys(self) -> None:
        self.window.help_action.trigger()  # F1: how to use the app and its keys
        self.settle()
        self.window.help_box.close()
        self.settle()

    def can_compare(self) -> bool:
        return self.window.panel.compare_button.isVisibleTo(self.window)

    def do_compare(self) -> None:
        window = self.window
        panel = window.panel
        if not panel.compare_button.isEnabled():
            return
        panel.compare_menu.aboutToShow.emit()
        choices = panel.compare_menu.actions()
        if choices:
            self.rng.choice(choices).trigger()
            self.settle()
            window.compare_view.close_button.click()
        self.settle()

    def do_language(self) -> None:
        other = [a for a in self.window.language_menu.actions() if not a.isChecked()]
        self.rng.choice(other).trigger()  # `Windows` makes the window again in that language
        del other  # nothing here holds the old window while it goes
        self.switches += 1
        self.attach()
        self.settle(still=True)

    # -- the student's own ---------------------------------------------------------------------------
    def can_quiz(self) -> bool:
        study = self.window.study
        return study is not None and study.quiz is not None and study.quiz.session is not None

    def do_quiz(self) -> None:
        study = self.window.study
        quiz, question = study.quiz.panel, study.quiz.current
        if question is None:  # the answer is shown, or the round is over
            (quiz.next_button if quiz.next_button.isVisible() else quiz.new_round_button).click()
        elif question.answer_with == "choice":
            self.rng.choice(list(quiz.choice_buttons.values())).click()
        elif question.answer_with == "touch":
            self.click(self.skin_point())
        else:  # every area, then Finish
            for _ in range(self.rng.randint(1, 3)):
                self.click(self.skin_point())
                self.settle()
            quiz.finish_button.click()
        self.settle()

    can_quiz_more = can_quiz

    def do_quiz_more(self) -> None:
        quiz = self.window.study.quiz.panel
        self.rng.choice((quiz.progress_button, quiz.new_round_button)).click()
        self.settle()

    def can_reset(self) -> bool:
        return self.can_quiz() and self.window.study.quiz.panel.reset_button.isVisibleTo(self.window)

    def do_reset(self) -> None:
        self.window.study.quiz.panel.reset_button.click()  # its message box, answered Yes or No
        self.settle()

    def can_tools(self) -> bool:
        return self.window.study is not None and self.window.study.tools is not None

    def do_tools(self) -> None:
        tools = self.window.study.tools.panel
        choice = self.rng.randrange(5)
        if choice == 0:
            tools.system_box.setCurrentIndex(self.rng.randrange(tools.system_box.count()))
        elif choice == 1:
            tools.isolate_button.setChecked(True)
            self.click(self.skin_point())  # picks what lies there
            self.settle()
            tools.isolate_button.setChecked(False)
        elif choice == 2:
            tools.nerve_box.setCurrentIndex(self.rng.randrange(tools.nerve_box.count()))
        elif choice == 3:
            tools.labels_box.toggle()
        else:
            tools.back_button.click()
        self.settle()

    def reset_visitor(self) -> None:
        pass

    def close(self) -> None:
        self.window.close()


class KioskSoak(Soak):
    """The waiting-room kiosk (`app.main.Kiosk`), driven by touch events, with printing on."""

    actions = KIOSK_ACTIONS

    def __init__(self, app, failures, rng, model, knowledge, translation) -> None:
        super().__init__(app, failures, rng)
        from dataclasses import replace

        from PySide6.QtCore import QTimer
        from PySide6.QtTest import QTest

        import app.ui.kiosk.window as kiosk_window
        from app.domain.knowledge import LANGUAGES
        from app.main import Kiosk
        from app.modes.config import KioskConfig
        from app.modes.pin import hash_pin
        from app.modes.spec import IdlePolicy, kiosk_spec
        from app.ui.kiosk.printing import KioskPrinter

        self.pages = 0
        kiosk_window.KioskPrinter = lambda name: KioskPrinter(name, find=lambda _n: "soak PDF", send=self.print_pdf)
        self.clock = Clock()
        spec = kiosk_spec(KioskConfig(pin=hash_pin(PIN, n=2**10), printing=True))
        spec = replace(spec, idle=IdlePolicy(prompt_after_s=20.0, countdown_s=20.0))
        clock = self.clock

        class SoakKiosk(Kiosk):
            """`app.main.Kiosk` with the soak's clock, and no exit."""

            def _open(self, spec):
                made = kiosk_window.KioskWindow(
                    self.model,
                    self.knowledge,
                    spec,
                    languages=("en", *LANGUAGES),
                    clock=clock,
                    quit_app=lambda _c: None,
                )
                made.language_chosen.connect(lambda lang: QTimer.singleShot(0, lambda: self.switch_language(lang)))
                return made

        self.host = SoakKiosk(model, knowledge, translation, spec)
        self.host.window.show_kiosk()
        self.device = QTest.createTouchDevice()
        self.attach()

    def attach(self) -> None:
        self.window = self.host.window

    def print_pdf(self, document, _printer: str) -> bool:
        """The kiosk's page printed as a PDF in memory (this machine has no printer; nothing on disk)."""
        from PySide6.QtCore import QBuffer, QIODevice
        from PySide6.QtGui import QPdfWriter

        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        document.print_(writer)
        del writer  # ends the PDF
        if buffer.size() < 500:
            self.failures.fail(f"a printed page came out {buffer.size()} bytes long")
        self.pages += 1
        return True

    def touch(self, kind: str, at) -> None:
        from PySide6.QtTest import QTest

        sequence = QTest.touchEvent(self.window.interactor, self.device)
        getattr(sequence, kind)(0, at, self.window.interactor)
        sequence.commit()

    def tap(self, at) -> None:
        self.touch("press", at)
        self.touch("release", at)

    def wake(self) -> None:
        if self.window.idle.attracting:  # the next visitor's first tap wakes it (and answers as a touch)
            self.tap(self.skin_point())
            self.settle()

    def do_touch(self) -> None:
        self.tap(self.skin_point())
        self.settle()

    def do_turn(self) -> None:
        self.drag(
            lambda at: self.touch("press", at), lambda at: self.touch("move", at), lambda at: self.touch("release", at)
        )
        self.settle()

    def do_answer(self) -> None:
        window = self.window
        window.pages.show_urgent()
        item = window.pages.flag_list.item(self.rng.randrange(window.pages.flag_list.count()))
        item.setSelected(not item.isSelected())
        window.pages.flag_list.itemClicked.emit(item)
        self.settle()
        if self.rng.random() < 0.5:
            window.pages._on_back()
        self.settle()

    def do_card(self) -> None:
        window = self.window
        rows = window.pages.candidate_list.count()
        if rows:
            item = window.pages.candidate_list.item(self.rng.randrange(rows))
            window.pages.candidate_list.setCurrentItem(item)
            window.pages.candidate_list.itemClicked.emit(item)
            bar = window.pages.card_view.verticalScrollBar()
            bar.setValue(self.rng.randrange(bar.maximum() + 1))
        self.settle()

    def do_link(self) -> None:
        from PySide6.QtCore import QUrl

        view = self.window.pages.card_view
        links = re.findall(r'href="(card:[^"]+)"', view.toHtml())
        if links:
            view.anchorClicked.emit(QUrl(self.rng.choice(links)))
        self.settle()

    def do_print(self) -> None:
        button = self.window.pages.print_button
        if button.isVisibleTo(self.window) and self.window.pages.shown_card:
            button.click()
        self.settle()

    def do_still_there(self) -> None:
        window = self.window
        self.clock.skipped += window.spec.idle.prompt_after_s + 1
        window.idle.tick()
        if window.pages.prompt.isVisible():
            window.pages.prompt.still_here.click()
        self.settle()

    def do_idle(self) -> None:
        window = self.window
        idle = window.spec.idle
        self.clock.skipped += idle.prompt_after_s + 1
        window.idle.tick()
        self.clock.skipped += idle.countdown_s + 1
        window.idle.tick()
        if window.explorer.touches or window.explorer.answers.red_flags:
            self.failures.fail("the idle reset left the visitor's state")
        self.settle()

    def do_staff(self) -> None:
        window = self.window
        window.staff_access._on_corner_held()  # the corner held for its time
        pad = window.staff_access.pin_pad
        if self.rng.random() < 0.15:
            pad.enter("000000")  # a wrong PIN: the next try waits
            self.clock.skipped += window.gate.wait_s() + 0.1
            pad._show_wait()
        for digit in PIN:
            pad.keys[digit].click()
        pad.ok_key.click()
        menu = window.staff_access.staff_menu
        if menu is None:
            self.failures.fail("the right PIN did not open the staff menu")
            return
        choice = self.rng.randrange(6)
        if choice == 0:
            self.rng.choice((menu.idle_less, menu.idle_more)).click()
        elif choice == 1:
            menu.printing_button.toggle()
        elif choice == 2 and menu.report_button.isEnabled():
            menu.report_button.click()
        elif choice >= 3:
            menu.language_box.setCurrentIndex(1 - menu.language_box.currentIndex())
            end = time.perf_counter() + SETTLE_TIMEOUT_S * 4
            while self.host.window is window and time.perf_counter() < end:
                self.app.processEvents()
            del window, pad, menu  # nothing here holds the old kiosk while it goes
            self.attach()
            self.switches += 1
            menu = self.window.staff_access.staff_menu  # the new window opens it again for the staff still there
        if menu is not None:
            menu.back_button.click()
        self.settle()
        if not self.window.pages.print_button.isVisibleTo(self.window) and not self.window.spec.printing:
            self.window.staff_access.set_printing(True)  # printing stays on for the soak (the staff turned it off)

    def close(self) -> None:
        self.window.leave(0)


class Clock:
    """The kiosk's clock: real time plus whatever the soak skips ahead (idle resets, PIN waits)."""

    def __init__(self) -> None:
        self.skipped = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.skipped


def soak(mode: str, actions: int, seed: int, warm_up: int) -> int:
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings
    from PySide6.QtWidgets import QApplication

    scratch = tempfile.mkdtemp(prefix="soak-")  # settings, study progress and logs: never the user's
    os.environ["REFERRAL_ATLAS_LOG_DIR"] = scratch
    from app.modes.keeps_nothing import prepare_process
    from app.modes.spec import CLINICIAN, STUDENT, kiosk_spec

    if mode == "kiosk":
        from app.modes.config import KioskConfig

        prepare_process(kiosk_spec(KioskConfig()))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("referral-atlas-soak")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    from app.main import load_content_and_report, load_model_or_report
    from app.study.store import DATA_ENV
    from app.ui.i18n import Translation
    from app.ui.qt_env import keep_for_the_session

    os.environ[DATA_ENV] = scratch
    failures = Failures()
    failures.install()
    rng = random.Random(seed)
    translation = Translation()
    translation.install("en")
    model, knowledge = load_model_or_report(), load_content_and_report(cached=False)[0]
    if mode == "kiosk":
        run: Soak = KioskSoak(app, failures, rng, model, knowledge, translation)
    else:
        run = DeskSoak(app, failures, rng, STUDENT if mode == "student" else CLINICIAN, model, knowledge, translation)
    keep_for_the_session()  # as app.main does once the window is up
    run.settle(still=True)

    rss = {0: rss_mb()}
    alive: dict[int, str] = {}
    peak = 0.0
    series: list[float] = []  # RSS after each action
    untried = set(run.actions)
    started = time.perf_counter()
    print(f"soak {mode}: {actions} actions, seed {seed}, RSS {rss[0]:.0f} MB at the start", flush=True)
    for number in range(1, actions + 1):
        if isinstance(run, KioskSoak):
            run.wake()
        action = "choose"
        try:
            chosen = run.available()
            fresh = [a for a in chosen if a in untried]  # every action once first, then at random
            action = fresh[0] if fresh else rng.choices(chosen, [run.actions[a] for a in chosen])[0]
            untried.discard(action)
            run.do(action)
            run.counts[action] += 1
        except Exception:  # noqa: BLE001 (count every failure, keep soaking)
            failures.fail(f"action {number} ({action}):\n{traceback.format_exc()}")
        run.close_strays(number, action)
        if number in (warm_up, actions):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            rss[number] = rss_mb()
            alive[number] = run.alive()
        series.append(rss_mb())
        if number > warm_up:
            peak = max(peak, series[-1])
        if number % RSS_SPAN == 0:
            took = time.perf_counter() - started
            print(
                f"  {number} actions, {took:.0f} s, RSS median {statistics.median(series[-RSS_SPAN:]):.0f} MB, "
                f"{run.switches} language switches, "
                f"{len(failures.errors)} failures",
                flush=True,
            )
    took = time.perf_counter() - started
    span = max(1, min(RSS_SPAN, (actions - warm_up) // 2))
    first = statistics.median(series[warm_up : warm_up + span] or series[-1:])
    last = statistics.median(series[-span:])
    ratio = last / first
    print(
        f"soak {mode}: {actions} actions in {took:.0f} s ({took / actions * 1000:.0f} ms per action), "
        f"{run.switches} language switches"
        + (f", {run.pages} pages printed (PDF, in memory)" if isinstance(run, KioskSoak) else "")
    )
    print("  actions: " + ", ".join(f"{name} {count}" for name, count in run.counts.most_common()))
    if untried:  # the run lost some of its reach: an action the mode has could never be taken
        failures.fail("never tried: " + ", ".join(sorted(untried)))
    print(f"failures: {len(failures.errors)}")
    for error in failures.errors[:5]:
        print("  " + error.rstrip().replace("\n", "\n  "))
    warm = min(warm_up, actions)
    print(
        f"RSS: start {rss[0]:.0f} MB; after the warm-up (median of actions {warm + 1}–{warm + span}) {first:.0f} MB; "
        f"at the end (median of the last {span}) {last:.0f} MB; end / warm-up {ratio:.3f} "
        f"({(ratio - 1) * 100:+.1f} %, budget ≤ {RSS_BUDGET:.2f}); single readings {rss.get(warm_up, rss[0]):.0f} "
        f"and {rss[actions]:.0f} MB; highest after the warm-up {max(peak, series[-1]):.0f} MB"
    )
    for number, text in alive.items():
        print(f"  action {number}: {text}")
    if failures.warnings:
        print("warnings (counted, not failed):")
        for text, count in failures.warnings.most_common(8):
            print(f"  {count}× {text}")
    passed = not failures.errors and ratio <= RSS_BUDGET
    print(f"soak {mode}: {'PASS' if passed else 'FAIL'}", flush=True)
    run.close()
    return 0 if passed else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=(*MODES, "all"), default="all")
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--warm-up", type=int, default=WARM_UP, help="RSS is compared from this action on")
    args = parser.parse_args()
    if args.mode == "all":  # each mode in a fresh process, one after another
        codes = []
        for mode in MODES:
            command = [sys.executable, __file__, "--mode", mode, "--actions", str(args.actions)]
            command += ["--seed", str(args.seed), "--warm-up", str(args.warm_up)]
            codes.append(subprocess.run(command, check=False).returncode)
        return max(codes)
    with display():
        code = soak(args.mode, args.actions, args.seed, min(args.warm_up, args.actions))
    sys.stdout.flush()
    os._exit(code)  # no Qt or VTK teardown against the X server that has just gone


if __name__ == "__main__":
    raise SystemExit(main())
