"""The kiosk's "Still there?": over the window, the seconds left before the screen starts again
and the button that keeps the visit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.widgets import named


class StillTherePrompt(QFrame):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("prompt")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)  # the words keep clear of the rounded frame
        title = named(QLabel(self.tr("Still there?")), "attract")
        self.countdown = QLabel()
        self.still_here = QPushButton(self.tr("Yes, I am still here"))
        for widget in (title, self.countdown):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addWidget(self.still_here)
        self.hide()

    def show_countdown(self, seconds_left: int) -> bool:
        """The seconds left; True when the prompt has just come up (to be placed)."""
        self.countdown.setText(self.tr("The screen starts again in {0} s.").format(seconds_left))
        if self.isVisible():
            return False
        self.show()
        self.raise_()
        return True
