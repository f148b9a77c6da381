"""Small widgets the panels share: a check box whose text wraps, narrow and labelled drop-down lists,
the fixed docks the windows hold their panels in."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QMargins, QSize, Qt
from PySide6.QtGui import QMouseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

LABELLED_CHARACTERS = 12
W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str) -> W:
    """The widget with its object name (what the style sheets and tests find it by)."""
    widget.setObjectName(name)
    return widget


class _BoxLabel(QLabel):
    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)
        self.setBuddy(box)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.box.toggle()
        event.accept()


class WrappedCheckBox(QWidget):
    """A check box whose text wraps (QCheckBox cuts long text off); a click on the text ticks it."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox()
        self.box.setAccessibleName(text)
        self.label = _BoxLabel(text, self.box)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)


class WrappingButton(QPushButton):
    """A push button whose words wrap onto more lines in a narrow panel (a QPushButton keeps one line:
    a long quiz choice made the panel wider than its dock, cut at the right). The words are drawn by a
    label inside; `text()` keeps them for a screen reader and the tests."""

    MIN_WIDTH_PX = 120

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.label = QLabel(text.replace("&&", "&"))
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.margins = QMargins(8, 6, 8, 6)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(self.margins)
        layout.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_words(self, text: str) -> None:
        """New words (a mark before them once answered); '&' shows as itself, never a mnemonic."""
        self.setText(text.replace("&", "&&"))
        self.label.setText(text)
        self.updateGeometry()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""  # the label draws the words, wrapped
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        margins = self.margins
        inner = width - margins.left() - margins.right()
        return self.label.heightForWidth(inner) + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:
        width = super().sizeHint().width()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """Narrow and one line high: the panel's height comes from the height for its width (the
        height at the narrowest width would make a scroll area's panel taller than it needs)."""
        margins = self.margins
        return QSize(self.MIN_WIDTH_PX, self.label.fontMetrics().height() + margins.top() + margins.bottom())


def narrow_combo(box: QComboBox, characters: int = 18) -> None:
    """Let a combo box with long entries shrink to a narrow panel (the list still shows them whole)."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(characters)


def labelled(text: str, box: QComboBox) -> QWidget:
    """A drop-down list with a visible label saying what it controls, the label its buddy: Qt names
    a combo box by its current entry ("No map") and gives the label to a screen reader as the
    box's "labelled by" relation (AT-SPI), so the words must be on screen."""
    narrow_combo(box, LABELLED_CHARACTERS)  # the label takes the room of the rest
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(box)
    layout.addWidget(label)
    layout.addWidget(box, 1)
    return row


def fixed_dock(title: str, name: str, panel: QWidget, parent: QWidget) -> QDockWidget:
    """A dock that holds `panel` where the window puts it (no floating, moving or closing)."""
    dock = QDockWidget(title, parent)
    dock.setObjectName(name)
    dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
    dock.setWidget(panel)
    return dock
