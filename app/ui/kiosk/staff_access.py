"""Staff access to the kiosk: hold the spec's corner, give the PIN, then the staff menu (idle time,
language, printing, report a content error, leave) for this session."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QDialog

from app.modes import ids
from app.modes.keeps_nothing import report_content_error
from app.ui.i18n import current_language
from app.ui.kiosk.staff import PinPad, StaffMenu

log = logging.getLogger(__name__)


class KioskStaffAccess:
    """Part of KioskWindow (app/ui/kiosk/window.py): staff access."""

    def _event_position(self, event: QEvent) -> QPoint | None:
        if isinstance(event, QTouchEvent) and event.points():
            return self.mapFromGlobal(event.points()[0].globalPosition().toPoint())
        if isinstance(event, QMouseEvent):
            return self.mapFromGlobal(event.globalPosition().toPoint())
        return None

    def _in_staff_corner(self, event: QEvent) -> bool:
        exit_spot = self.spec.staff_exit
        position = self._event_position(event)
        if exit_spot is None or position is None:
            return False
        size = exit_spot.corner_px
        near_x = position.x() < size if exit_spot.corner.endswith("left") else position.x() >= self.width() - size
        near_y = position.y() < size if exit_spot.corner.startswith("top") else position.y() >= self.height() - size
        return near_x and near_y and self.rect().contains(position)

    def _start_corner_hold(self, event: QEvent) -> None:
        exit_spot = self.spec.staff_exit
        if (
            exit_spot is not None
            and self.spec.allows(ids.STAFF_EXIT)
            and ids.STAFF_CORNER_HOLD in self.spec.gestures
            and self.pin_pad is None
            and self._in_staff_corner(event)
        ):
            self._hold_timer.start(round(exit_spot.hold_s * 1000))

    def _on_corner_held(self) -> None:
        if not self.gate.has_pin:
            log.info("staff corner held, but the kiosk config has no PIN (set one with `referral-atlas kiosk-pin`)")
            return
        self.pin_pad = PinPad(self.gate, self)
        self.pin_pad.accepted.connect(self._on_pin_accepted)
        self.pin_pad.finished.connect(self._on_pin_pad_closed)
        self.pin_pad.open()
        self.pin_pad.raise_()
        self._place_dialogs()

    def _on_pin_pad_closed(self, _result: int) -> None:
        self._drop_dialog(self.pin_pad)
        self.pin_pad = None

    def _on_pin_accepted(self) -> None:
        log.info("staff PIN accepted")
        if not self.spec.allows(ids.STAFF_MENU):
            self.leave(0)
            return
        self.open_staff_menu()

    def open_staff_menu(self) -> None:
        """The staff menu (after the PIN; again after a language the staff chose rebuilt the kiosk)."""
        idle = self.spec.idle
        menu = StaffMenu(
            idle.prompt_after_s if idle else 0.0,
            idle.countdown_s if idle else 0.0,
            self.language,
            list(self.languages),
            self.spec.printing,
            self._shown_title if self._shown_card else None,
            self,
        )
        menu.show_printer(self.printer.available() if self.spec.printing else None)
        menu.leave_requested.connect(lambda: self.leave(0))
        menu.idle_changed.connect(self._set_idle_s)
        menu.language_changed.connect(self._set_language)
        menu.printing_changed.connect(self._set_printing)
        menu.report_requested.connect(self._report_content_error)
        menu.finished.connect(self._on_staff_menu_closed)
        menu.report_button.setVisible(self.spec.allows(ids.REPORT_CONTENT_ERROR))
        self.staff_menu = menu
        menu.open()
        menu.raise_()
        self._place_dialogs()

    def _on_staff_menu_closed(self, _result: int) -> None:
        self._drop_dialog(self.staff_menu)
        self.staff_menu = None
        self._last_input = self.clock()

    @staticmethod
    def _drop_dialog(dialog: QDialog | None) -> None:
        """A closed PIN pad or staff menu goes (each staff visit kept both inside the kiosk: issue 25)."""
        if dialog is not None:
            dialog.deleteLater()

    def _set_idle_s(self, seconds: float) -> None:
        if self.spec.idle is not None:
            self.spec = replace(self.spec, idle=replace(self.spec.idle, prompt_after_s=seconds))
            log.info("staff set the idle time to %d s for this session", round(seconds))

    def _set_language(self, language: str) -> None:
        self.language = language
        self.spec = replace(self.spec, language=language)
        log.info("staff set the default language to %s for this session", language)
        if language != current_language():
            self.language_chosen.emit(language)

    def _set_printing(self, on: bool) -> None:
        actions = self.spec.actions | {ids.PRINT_HANDOUT} if on else self.spec.actions - {ids.PRINT_HANDOUT}
        self.spec = replace(self.spec, actions=actions)
        log.info("staff turned printing %s for this session", "on" if on else "off")
        self.print_button.setVisible(self._can_print())
        if self.staff_menu is not None:
            self.staff_menu.show_printer(self.printer.available() if on else None)

    def _report_content_error(self) -> None:
        card = self.explorer.knowledge.card(self._shown_card) if self._shown_card else None
        if card is not None:
            report_content_error(card.id, str(card.content_version))
