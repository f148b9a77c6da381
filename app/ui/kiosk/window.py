"""The waiting-room kiosk: one finger and one flow. "Touch where it hurts" → the body with the spot
and the lit sources → a few plain cards → "Start again". "When to get help now" and "This is
education, not a diagnosis" are always on screen.

The window applies a `ModeSpec` (app/modes/spec.py) and asks it what exists; it never looks at the
mode's name. Untouched for the spec's idle time it asks "Still there?", counts down, then resets
everything the visitor did and shows the attract screen (the body turning slowly, drawn by a
low-rate `Frames` animation). No key, menu, link or close event leads out; staff hold a corner
and give the PIN.

The window composes rooms of one purpose each and wires their signals: `KioskPages` (what is
beside the body), `KioskIdle` (the idle policy and attract loop), `KioskLockDown` (the app-wide
filter), `KioskStaffAccess` (corner, PIN, staff menu), with `KioskGuard` keeping it in front.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import QWidget

from app.domain.explorer import Answers, Explorer
from app.domain.knowledge import Knowledge
from app.domain.view_state import CameraRequests, ViewState
from app.modes.pin import PinGate
from app.modes.spec import ModeSpec
from app.scene.assets import Model
from app.ui.body_view import BodyView
from app.ui.i18n import current_language
from app.ui.kiosk.gestures import TouchGestures
from app.ui.kiosk.guard import KioskGuard
from app.ui.kiosk.idle import KioskIdle
from app.ui.kiosk.lockdown import KioskLockDown
from app.ui.kiosk.pages import KioskPages
from app.ui.kiosk.printing import KioskPrinter
from app.ui.kiosk.read_aloud import ReadAloud
from app.ui.kiosk.staff_access import KioskStaffAccess
from app.ui.kiosk.style import kiosk_style
from app.ui.theme import chosen_contrast

log = logging.getLogger(__name__)


class KioskWindow(QWidget):
    language_chosen = Signal(str)  # the staff chose another interface language: rebuild the kiosk in it

    def __init__(
        self,
        model: Model,
        knowledge: Knowledge,
        spec: ModeSpec,
        *,
        clock: Callable[[], float] = time.monotonic,
        quit_app: Callable[[int], None] = QCoreApplication.exit,
        languages: tuple[str, ...] = ("en",),
    ) -> None:
        super().__init__()
        self._spec = spec
        self.clock = clock
        self._quit = quit_app
        self.language = spec.language or languages[0]
        self.setObjectName("kiosk")
        self.setWindowTitle(self.tr("Referral Atlas"))
        if spec.frameless:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        self.contrast = chosen_contrast()  # `--contrast`, else the platform's (a kiosk saves no choice)
        self.setStyleSheet(kiosk_style(spec, self.contrast))
        if not spec.context_menus:
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)

        self.state = ViewState(high_contrast=self.contrast == "high")
        self.camera = CameraRequests()
        self.explorer = Explorer(knowledge)
        self.words = knowledge.in_language(current_language())  # the cards and titles in the interface's language
        self.gate = PinGate(spec.staff_exit.pin if spec.staff_exit else None, clock=clock)
        self.reader = ReadAloud(self.language, parent=self)
        printer = KioskPrinter(spec.printer)
        self.body = BodyView(
            self, model, self.explorer, self.state, self.camera, lambda x, y, _add: self.touch_at(x, y), self.touch_at
        )
        if self.body.problem is not None:
            log.error("touch is off: %s", self.body.problem)
        self.interactor, self.scene, self.explorer_view = self.body.widget, self.body.scene, self.body.explorer_view
        self.interactor.setAccessibleName(self.tr("The body in 3D"))
        self.interactor.setAccessibleDescription(self.tr("Touch where it hurts. Turn it with one finger."))
        self.gestures = TouchGestures(
            self.interactor, self.scene, spec.gestures, self.touch_at, self.camera.request_reset, clock
        )
        self._leaving = False

        self.pages = KioskPages(
            self,
            spec,
            self.explorer,
            self.words,
            self.interactor,
            self.camera,
            self.reader,
            printer,
            self.contrast,
            self.body.poses,
        )
        self.staff_access = KioskStaffAccess(self, spec, self.gate, printer, languages, knowledge, self._shown_card)
        self.idle = KioskIdle(
            spec, self.scene, clock, self.is_blank, lambda: self.staff_access.pin_pad is not None, self
        )
        self.lockdown = KioskLockDown(spec, self.interactor, self.idle, self.staff_access, self)

        pages, idle, staff = self.pages, self.idle, self.staff_access
        pages.start_again_requested.connect(self.start_again)
        pages.still_here_pressed.connect(self._on_still_here)
        pages.visitor_came.connect(idle.leave_attract)
        idle.prompt_due.connect(self._on_prompt_due)
        idle.active.connect(pages.prompt.hide)
        idle.reset_due.connect(self.start_again)
        idle.attract_changed.connect(pages.show_attract)
        staff.spec_changed.connect(self._on_spec_change)
        staff.language_chosen.connect(self.language_chosen)
        staff.leave_requested.connect(self.leave)
        staff.dialog_opened.connect(self._place_dialogs)
        staff.menu_closed.connect(idle.note_input)
        self.guard = KioskGuard(self, self.bring_to_front, self.spec.fullscreen)

    @property
    def printer(self) -> KioskPrinter:
        return self.pages.printer

    @printer.setter
    def printer(self, printer: KioskPrinter) -> None:
        """Another printer (the staff's machine changed; tests): the pages and the staff menu use it."""
        self.pages.printer = self.staff_access.printer = printer

    def _shown_card(self) -> tuple[str | None, str]:
        return self.pages.shown_card, self.pages.shown_title

    def show_kiosk(self) -> None:
        """Fullscreen (as the spec says) on the spec's screen, or the first one if it has no such screen."""
        screens = QGuiApplication.screens()
        index = self.spec.screen
        screen = screens[index] if index is not None and index < len(screens) else QGuiApplication.primaryScreen()
        if index is not None and index >= len(screens):
            log.warning("kiosk screen %d does not exist (%d screen(s)); using the first", index, len(screens))
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.bring_to_front()
        self.guard.keep_in_front()

    def bring_to_front(self, afresh: bool = False) -> None:
        """Shown, in front and filling its screen as the spec says (KioskGuard calls this when it is
        not); `afresh` hides the window first, so that the window manager maps it again."""
        if self._leaving:
            return
        if afresh:
            self.hide()
        if self.spec.fullscreen:
            self.showFullScreen()
        else:
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def touch_at(self, x: float, y: float) -> None:
        """A touch of the body at VTK display pixels: picked now, answered from the event loop."""
        if not self.body.touchable or self.idle.attracting:
            return
        if not self.body.touch_at(x, y):
            self.pages.say_touch_missed()

    @property
    def spec(self) -> ModeSpec:
        return self._spec

    @spec.setter
    def spec(self, spec: ModeSpec) -> None:
        """This session's spec (the staff menu changes it): every room follows."""
        self._spec = self.idle.spec = self.lockdown.spec = self.staff_access.spec = spec
        self.pages.set_spec(spec)

    def _on_spec_change(self, spec: ModeSpec) -> None:
        self.spec = spec
        self.language = self.staff_access.language

    def _on_prompt_due(self, seconds_left: int) -> None:
        if self.pages.prompt.show_countdown(seconds_left):
            self._place_dialogs()

    def _on_still_here(self) -> None:
        self.idle.note_input()
        self.pages.prompt.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_dialogs()

    def _place_dialogs(self) -> None:
        for box in (self.pages.prompt, self.staff_access.pin_pad, self.staff_access.staff_menu):
            if box is not None:
                box.adjustSize()
                box.move(self.rect().center() - box.rect().center())

    def start_again(self) -> None:
        """Everything the visitor did goes: touches, answers, selection, cards, view, scroll positions."""
        self.body.drop_pending()
        self.reader.stop()
        self.body.poses.offer(None)  # a pose playing stops, the body stands straight
        self.explorer.clear()
        self.camera.request_reset()
        self.pages.clear()
        self.staff_access.close_dialogs()
        self.idle.note_input()

    def is_blank(self) -> bool:
        """Nothing of a visitor on screen (so an idle kiosk goes to its attract screen without asking)."""
        explorer = self.explorer
        return (
            not explorer.touches
            and explorer.answers == Answers()
            and not self.body.pending
            and self.pages.showing_start()
        )

    def animating(self) -> bool:
        """Anything still to draw (the attract loop draws until it is left)."""
        return self.body.animating()

    def leave(self, code: int = 0) -> None:
        """The staff's way out (after the PIN): close and end the program with `code`."""
        log.info("kiosk left by staff")
        self._leaving = True
        self.close()
        self._quit(code)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not (self._leaving or self.spec.closable):
            event.ignore()  # Alt+F4, the window manager's close button, a close event: the kiosk stays
            return
        self._shut_down()
        super().closeEvent(event)

    def _shut_down(self) -> None:
        self._leaving = True
        self.guard.stop()
        self.lockdown.stop()
        self.reader.stop()
        self.idle.stop()
        self.staff_access.stop()
        self.pages.close_connections()
        self.body.close()

    def make_way(self) -> None:
        """Stop guarding the screen: a new kiosk window (another language) is about to take it."""
        self.guard.stop()

    def hand_over(self) -> None:
        """Close for a new kiosk window (another language) without ending the program."""
        self._leaving = True
        self.close()
