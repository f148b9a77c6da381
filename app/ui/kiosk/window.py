"""The waiting-room kiosk: one finger and one flow. "Touch where it hurts" → the body with the spot
and the lit sources → a few plain cards → "Start again". "When to get help now" and "This is
education, not a diagnosis" are always on screen.

The window applies a `ModeSpec` (app/modes/spec.py) and asks it what exists; it never looks at the
mode's name. Untouched for the spec's idle time it asks "Still there?", counts down, then resets
everything the visitor did and shows the attract screen (the body turning slowly, drawn by a
low-rate `Frames` animation). No key, menu, link or close event leads out; staff hold a corner
and give the PIN.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QListWidgetItem,
    QWidget,
)

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
from app.ui.kiosk.staff import PinPad, StaffMenu
from app.ui.kiosk.staff_access import KioskStaffAccess
from app.ui.kiosk.style import kiosk_style
from app.ui.theme import chosen_contrast

log = logging.getLogger(__name__)
IDLE_TICK_MS = 250


class KioskWindow(KioskPages, KioskIdle, KioskLockDown, KioskStaffAccess, QWidget):
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
        self.spec = spec
        self.clock = clock
        self._quit = quit_app
        self.languages = languages
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
        self.printer = KioskPrinter(spec.printer)
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

        self._shown_card: str | None = None
        self._shown_title = ""
        self.attracting = False
        self._attract_last: float | None = None
        self._leaving = False
        self.pin_pad: PinPad | None = None
        self.staff_menu: StaffMenu | None = None

        self._build()
        self._connections = [
            (self.explorer.changed, self._on_explorer_change),
            (self.explorer.selection_changed, self._on_selection_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

        self._last_input = clock()
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_TICK_MS)
        self._idle_timer.timeout.connect(self.idle_tick)
        if spec.idle is not None:
            self._idle_timer.start()
        self._hold_timer = QTimer(self)
        self._hold_timer.setSingleShot(True)
        self._hold_timer.timeout.connect(self._on_corner_held)
        QCoreApplication.instance().installEventFilter(self)
        self.guard = KioskGuard(self, self.bring_to_front, self.spec.fullscreen)

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
        if not self.body.touchable or self.attracting:
            return
        if not self.body.touch_at(x, y):
            self.instruction.setText(self.tr("Touch the skin of the body where it hurts."))

    def _on_explorer_change(self) -> None:
        explorer = self.explorer
        with QSignalBlocker(self.candidate_list):
            self.candidate_list.clear()
            for candidate in self._shown_candidates():
                item = QListWidgetItem(f"{self._title(candidate)}\n{self.words.kind(candidate, plain=True)}")
                item.setData(Qt.ItemDataRole.UserRole, candidate.id)
                self.candidate_list.addItem(item)
        with QSignalBlocker(self.flag_list):
            for row in range(self.flag_list.count()):
                item = self.flag_list.item(row)
                item.setSelected(item.data(Qt.ItemDataRole.UserRole) in explorer.answers.red_flags)
        if explorer.touches:
            self.where.setText(
                self.tr("You touched {0}.").format(self.words.marked(explorer.place(explorer.touches[-1])))
            )
            self.instruction.setText(self.tr("Tap a name to read more."))
            if self.side.currentWidget() is self.start_page:
                self.side.setCurrentWidget(self.result_page)

    def start_again(self) -> None:
        """Everything the visitor did goes: touches, answers, selection, cards, view, scroll positions."""
        self.body.drop_pending()
        self.reader.stop()
        self.body.poses.offer(None)  # a pose playing stops, the body stands straight
        self.explorer.clear()
        self.camera.request_reset()
        for view in (self.card_view, self.urgent_view):
            view.clear()
        for scroller in (self.card_view, self.urgent_view, self.candidate_list, self.flag_list):
            scroller.verticalScrollBar().setValue(0)
        with QSignalBlocker(self.flag_list):
            self.flag_list.clearSelection()
        self.where.clear()
        self._shown_card = None
        self._return_page = None
        self.prompt.hide()
        for dialog in (self.pin_pad, self.staff_menu):
            if dialog is not None:
                dialog.reject()
        self._show_start()
        self._last_input = self.clock()

    def is_blank(self) -> bool:
        """Nothing of a visitor on screen (so an idle kiosk goes to its attract screen without asking)."""
        explorer = self.explorer
        return (
            not explorer.touches
            and explorer.answers == Answers()
            and not self.body.pending
            and self.side.currentWidget() is self.start_page
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

    def _shut_down(self) -> None:
        self._leaving = True
        self.guard.stop()
        QCoreApplication.instance().removeEventFilter(self)
        self.reader.stop()
        for timer in (self._idle_timer, self._hold_timer):
            timer.stop()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()
        self.body.close()

    def make_way(self) -> None:
        """Stop guarding the screen: a new kiosk window (another language) is about to take it."""
        self.guard.stop()

    def hand_over(self) -> None:
        """Close for a new kiosk window (another language) without ending the program."""
        self._leaving = True
        self.close()
