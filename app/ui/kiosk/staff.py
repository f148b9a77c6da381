"""The staff's way out of the kiosk: a touch PIN pad checked by `PinGate` (wrong PINs refused,
each retry slowed), then the staff menu: idle time, default language, printing for this session,
report a content error, leave the kiosk."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QVBoxLayout,
    QWidget,
)

from app.modes.config import IDLE_S_RANGE
from app.modes.pin import PinGate, PinResult

log = logging.getLogger(__name__)
PAD_KEY_PX = 88  # PIN pad keys: twice the least touch target
IDLE_STEP_S = 30.0
LANGUAGE_NAMES = {"en": "English", "es": "Español"}  # each as it calls itself, with no country


class PinPad(QDialog):
    """Digits only, shown as dots; OK asks the gate. `accepted` on the right PIN."""

    def __init__(self, gate: PinGate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.setWindowFlags(Qt.WindowType.Widget)  # drawn inside the kiosk window: no second window to manage
        self.setObjectName("pin_pad")
        self.setModal(True)
        self.digits = ""
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Staff PIN"))
        title.setObjectName("heading")
        self.dots = QLabel()
        self.dots.setObjectName("heading")
        self.message = QLabel()
        for label in (title, self.dots, self.message):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        grid = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for index, key in enumerate("123456789"):
            self._add_key(grid, key, index // 3, index % 3)
        self.clear_key = self._add_key(grid, "⌫", 3, 0)
        self._add_key(grid, "0", 3, 1)
        self.ok_key = self._add_key(grid, self.tr("OK"), 3, 2)
        layout.addLayout(grid)
        self.cancel_key = QPushButton(self.tr("Cancel"))
        self.cancel_key.clicked.connect(self.reject)
        layout.addWidget(self.cancel_key)
        self._wait_timer = QTimer(self)
        self._wait_timer.setSingleShot(True)
        self._wait_timer.timeout.connect(self._show_wait)
        self._show_wait()

    def showEvent(self, event: QShowEvent) -> None:
        """The two message lines and the dots keep their room, so the keys never move under a finger;
        measured once shown, in the kiosk's own font (the pad's default one is smaller)."""
        lines = self.message.fontMetrics().lineSpacing()
        margins = self.message.contentsMargins()
        self.message.setFixedHeight(2 * lines + margins.top() + margins.bottom() + 4)
        self.dots.setMinimumHeight(self.dots.fontMetrics().lineSpacing() + 4)
        super().showEvent(event)

    def _add_key(self, grid: QGridLayout, key: str, row: int, column: int) -> QPushButton:
        button = QPushButton(key)
        button.setMinimumSize(PAD_KEY_PX, PAD_KEY_PX)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _checked=False, k=key: self.press(k))
        grid.addWidget(button, row, column)
        self.keys[key] = button
        return button

    def press(self, key: str) -> None:
        if self.gate.wait_s() > 0:
            return  # locked out: nothing typed now counts towards the next try
        if key.isdigit():
            self.digits = (self.digits + key)[:12]
        elif key == "⌫":
            self.digits = self.digits[:-1]
        else:
            self._check()
        self.dots.setText("●" * len(self.digits))

    def enter(self, pin: str) -> PinResult:
        """Type `pin` and press OK (what a finger does, for tests and the soak)."""
        self.digits = ""
        for digit in pin:
            self.press(digit)
        return self._check()

    def _check(self) -> PinResult:
        result = self.gate.try_pin(self.digits)
        self.digits = ""
        self.dots.clear()
        if result is PinResult.ACCEPTED:
            self.accept()
        elif result is PinResult.REFUSED:
            log.warning(
                "a wrong staff PIN (%d in a row); the next try waits %d s",
                self.gate.failures,
                round(self.gate.wait_s()),
            )
        self._show_wait()
        return result

    def _show_wait(self) -> None:
        """While the gate makes the next try wait, OK is off and says how long."""
        wait = self.gate.wait_s()
        for key in self.keys.values():
            key.setEnabled(wait <= 0)
        if wait > 0:
            self.digits = ""
            self.dots.clear()
            seconds = int(-(-wait // 1))
            self.message.setText(self.tr("That PIN is wrong.") + "\n" + self.tr("Try again in {0} s.").format(seconds))
            self._wait_timer.start(min(1000, max(50, round(wait * 1000))))
        elif self.gate.failures:
            self.message.setText(self.tr("That PIN is wrong.") + "\n" + self.tr("Try again now."))


class StaffMenu(QDialog):
    """Settings for this session only: the kiosk never writes its config."""

    leave_requested = Signal()
    idle_changed = Signal(float)
    language_changed = Signal(str)
    printing_changed = Signal(bool)
    report_requested = Signal()

    def __init__(
        self,
        idle_s: float,
        answer_s: float,
        language: str,
        languages: list[str],
        printing: bool,
        card_title: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlags(Qt.WindowType.Widget)  # drawn inside the kiosk window: no second window to manage
        self.setObjectName("staff_menu")
        self.setModal(True)
        self.idle_s, self.answer_s = idle_s, answer_s  # the figures the kiosk uses now
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Staff menu (this session only)"))
        title.setObjectName("heading")
        layout.addWidget(title)

        idle = QHBoxLayout()
        self.idle_label = QLabel()
        self.idle_less = QPushButton("−")
        self.idle_more = QPushButton("+")
        self.idle_less.clicked.connect(lambda: self._change_idle(-IDLE_STEP_S))
        self.idle_more.clicked.connect(lambda: self._change_idle(IDLE_STEP_S))
        for widget in (self.idle_label, self.idle_less, self.idle_more):
            idle.addWidget(widget)
        layout.addLayout(idle)
        self._change_idle(0.0)

        self.language_box = QComboBox()
        self.language_box.setItemDelegate(QStyledItemDelegate(self.language_box))  # rows sized by the style sheet
        for code in languages:
            self.language_box.addItem(LANGUAGE_NAMES.get(code) or QLocale(code).nativeLanguageName() or code, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.language_box.currentIndexChanged.connect(
            lambda _i: self.language_changed.emit(self.language_box.currentData())
        )
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Language")))
        row.addWidget(self.language_box, 1)
        layout.addLayout(row)

        self.printing_button = QPushButton()
        self.printing_button.setCheckable(True)
        self.printing_button.setChecked(printing)
        self.printing_button.toggled.connect(self._on_printing)
        self._on_printing(printing, announce=False)
        layout.addWidget(self.printing_button)

        self.report_button = QPushButton(
            self.tr("Report a content error in “{0}”").format(card_title) if card_title else self.tr("No card shown")
        )
        self.report_button.setEnabled(card_title is not None)
        self.report_button.clicked.connect(self._report)
        layout.addWidget(self.report_button)

        self.leave_button = QPushButton(self.tr("Leave the kiosk"))
        self.leave_button.clicked.connect(self.leave_requested)
        self.back_button = QPushButton(self.tr("Back to the kiosk"))
        self.back_button.clicked.connect(self.accept)
        layout.addWidget(self.leave_button)
        layout.addWidget(self.back_button)

    def _on_printing(self, on: bool, announce: bool = True) -> None:
        self.printing_button.setText(self.tr("Printing: on") if on else self.tr("Printing: off"))
        if announce:
            self.printing_changed.emit(on)

    def show_printer(self, name: str | None) -> None:
        """Which printer the pages go to, or that there is none (then no print button is offered)."""
        if self.printing_button.isChecked():
            self.printing_button.setText(
                self.tr("Printing: on, to {0}").format(name) if name else self.tr("Printing: on, but no printer found")
            )

    def _change_idle(self, step_s: float) -> None:
        self.idle_s = min(IDLE_S_RANGE[1], max(IDLE_S_RANGE[0], self.idle_s + step_s))
        self.idle_label.setText(
            self.tr("“Still there?” after {0} s untouched, then {1} s to answer").format(
                round(self.idle_s), round(self.answer_s)
            )
        )
        if step_s:
            self.idle_changed.emit(self.idle_s)

    def _report(self) -> None:
        self.report_requested.emit()
        self.report_button.setEnabled(False)
        self.report_button.setText(self.tr("Reported. Thank you."))
