"""Staff access to the kiosk: hold the spec's corner, give the PIN, then the staff menu (idle time,
language, printing, report a content error, leave) for this session.

`KioskStaffAccess` owns the corner's hold, the PIN pad and the menu; what the staff change it
announces (`spec_changed`, `language_chosen`, `leave_requested`), and the window applies."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QDialog, QWidget

from app.domain.knowledge import Knowledge
from app.modes import ids
from app.modes.keeps_nothing import report_content_error
from app.modes.pin import PinGate
from app.modes.spec import ModeSpec
from app.ui.i18n import current_language
from app.ui.kiosk.printing import KioskPrinter
from app.ui.kiosk.staff import PinPad, StaffMenu

log = logging.getLogger(__name__)


class KioskStaffAccess(QObject):
    spec_changed = Signal(object)  # ModeSpec: the staff changed this session's spec
    language_chosen = Signal(str)  # the staff chose another interface language
    leave_requested = Signal(int)  # leave the kiosk with this exit code
    dialog_opened = Signal()  # the PIN pad or the menu: place it
    menu_closed = Signal()

    def __init__(
        self,
        window: QWidget,
        spec: ModeSpec,
        gate: PinGate,
        printer: KioskPrinter,
        languages: tuple[str, ...],
        knowledge: Knowledge,
        shown_card: Callable[[], tuple[str | None, str]],
    ) -> None:
        super().__init__(window)
        self.window = window  # where the corner is, and the dialogs' parent
        self.spec = spec
        self.gate = gate
        self.printer = printer
        self.languages = languages
        self.knowledge = knowledge
        self.language = spec.language or languages[0]
        self.shown_card = shown_card  # the card on screen and its heading, for a report
        self.pin_pad: PinPad | None = None
        self.staff_menu: StaffMenu | None = None
        self.hold_timer = QTimer(self)
        self.hold_timer.setSingleShot(True)
        self.hold_timer.timeout.connect(self._on_corner_held)

    # -- the corner --------------------------------------------------------------------------
    def blocks(self, watched: QWidget) -> bool:
        """A press outside the open PIN pad or menu (both modal): nothing behind them reacts."""
        box = self.staff_menu or self.pin_pad
        return box is not None and box.isVisible() and not (watched is box or box.isAncestorOf(watched))

    def pressed(self, event: QEvent) -> None:
        exit_spot = self.spec.staff_exit
        if (
            exit_spot is not None
            and self.spec.allows(ids.STAFF_EXIT)
            and ids.STAFF_CORNER_HOLD in self.spec.gestures
            and self.pin_pad is None
            and self.in_corner(event)
        ):
            self.hold_timer.start(round(exit_spot.hold_s * 1000))

    def moved_or_released(self, event: QEvent, released: bool) -> None:
        """A release, or a move out of the corner, ends the hold."""
        if released or (self.hold_timer.isActive() and not self.in_corner(event)):
            self.hold_timer.stop()

    def _position(self, event: QEvent) -> QPoint | None:
        if isinstance(event, QTouchEvent) and event.points():
            return self.window.mapFromGlobal(event.points()[0].globalPosition().toPoint())
        if isinstance(event, QMouseEvent):
            return self.window.mapFromGlobal(event.globalPosition().toPoint())
        return None

    def in_corner(self, event: QEvent) -> bool:
        exit_spot = self.spec.staff_exit
        position = self._position(event)
        if exit_spot is None or position is None:
            return False
        size, window = exit_spot.corner_px, self.window
        near_x = position.x() < size if exit_spot.corner.endswith("left") else position.x() >= window.width() - size
        near_y = position.y() < size if exit_spot.corner.startswith("top") else position.y() >= window.height() - size
        return near_x and near_y and window.rect().contains(position)

    # -- the PIN and the menu ----------------------------------------------------------------
    def _on_corner_held(self) -> None:
        if not self.gate.has_pin:
            log.info("staff corner held, but the kiosk config has no PIN (set one with `referral-atlas kiosk-pin`)")
            return
        self.pin_pad = PinPad(self.gate, self.window)
        self.pin_pad.accepted.connect(self._on_pin_accepted)
        self.pin_pad.finished.connect(self._on_pin_pad_closed)
        self.pin_pad.open()
        self.pin_pad.raise_()
        self.dialog_opened.emit()

    def _on_pin_pad_closed(self, _result: int) -> None:
        self._drop_dialog(self.pin_pad)
        self.pin_pad = None

    def _on_pin_accepted(self) -> None:
        log.info("staff PIN accepted")
        if not self.spec.allows(ids.STAFF_MENU):
            self.leave_requested.emit(0)
            return
        self.open_staff_menu()

    def open_staff_menu(self) -> None:
        """The staff menu (after the PIN; again after a language the staff chose rebuilt the kiosk)."""
        idle = self.spec.idle
        card, title = self.shown_card()
        menu = StaffMenu(
            idle.prompt_after_s if idle else 0.0,
            idle.countdown_s if idle else 0.0,
            self.language,
            list(self.languages),
            self.spec.printing,
            title if card else None,
            self.window,
        )
        menu.show_printer(self.printer.available() if self.spec.printing else None)
        menu.leave_requested.connect(lambda: self.leave_requested.emit(0))
        menu.idle_changed.connect(self._set_idle_s)
        menu.language_changed.connect(self._set_language)
        menu.printing_changed.connect(self.set_printing)
        menu.report_requested.connect(self._report_content_error)
        menu.finished.connect(self._on_staff_menu_closed)
        menu.report_button.setVisible(self.spec.allows(ids.REPORT_CONTENT_ERROR))
        self.staff_menu = menu
        menu.open()
        menu.raise_()
        self.dialog_opened.emit()

    def _on_staff_menu_closed(self, _result: int) -> None:
        self._drop_dialog(self.staff_menu)
        self.staff_menu = None
        self.menu_closed.emit()

    def close_dialogs(self) -> None:
        for dialog in (self.pin_pad, self.staff_menu):
            if dialog is not None:
                dialog.reject()

    def stop(self) -> None:
        self.hold_timer.stop()

    # -- what the staff change for the session -----------------------------------------------
    def _change(self, spec: ModeSpec) -> None:
        self.spec = spec
        self.spec_changed.emit(spec)

    @staticmethod
    def _drop_dialog(dialog: QDialog | None) -> None:
        """A closed PIN pad or staff menu goes (each staff visit kept both inside the kiosk: issue 25)."""
        if dialog is not None:
            dialog.deleteLater()

    def _set_idle_s(self, seconds: float) -> None:
        if self.spec.idle is not None:
            self._change(replace(self.spec, idle=replace(self.spec.idle, prompt_after_s=seconds)))
            log.info("staff set the idle time to %d s for this session", round(seconds))

    def _set_language(self, language: str) -> None:
        self.language = language
        self._change(replace(self.spec, language=language))
        log.info("staff set the default language to %s for this session", language)
        if language != current_language():
            self.language_chosen.emit(language)

    def set_printing(self, on: bool) -> None:
        actions = self.spec.actions | {ids.PRINT_HANDOUT} if on else self.spec.actions - {ids.PRINT_HANDOUT}
        self._change(replace(self.spec, actions=actions))
        log.info("staff turned printing %s for this session", "on" if on else "off")
        if self.staff_menu is not None:
            self.staff_menu.show_printer(self.printer.available() if on else None)

    def _report_content_error(self) -> None:
        card_id, _title = self.shown_card()
        card = self.knowledge.card(card_id) if card_id else None
        if card is not None:
            report_content_error(card.id, str(card.content_version))
