"""A window that fits every screen: it opens at its default size where that fits the screen's
available area (else maximised), comes back where the user left it (QSettings), and its side
panels scroll instead of making the window taller when the text grows (Ctrl+=)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QScrollArea,
    QToolBar,
    QToolButton,
    QWidget,
)

from app.ui.text_size import settings

DEFAULT_SIZE = QSize(1280, 800)
# Title bar and borders a window manager adds around the window (not known before it is shown)
FRAME_ALLOWANCE = QSize(16, 48)
GEOMETRY_KEY = "window/geometry"
EXTENSION_NAME = "qt_toolbar_ext_button"  # Qt's overflow button at the end of a toolbar too narrow for it


def opening_geometry(available: QRect, size: QSize = DEFAULT_SIZE) -> QRect | None:
    """Where a window opens on a screen with `available` room: `size` centred when it fits with
    its frame, None when it does not (then the window opens maximised)."""
    if size.width() + FRAME_ALLOWANCE.width() > available.width():
        return None
    if size.height() + FRAME_ALLOWANCE.height() > available.height():
        return None
    frame = QRect(QPoint(0, 0), size)
    frame.moveCenter(available.center())
    return frame


def place(window: QMainWindow, remembered: bool) -> None:
    """Size and place `window` before it is shown: as the user left it (`remembered`, Qt moves it
    back onto a screen that has shrunk or gone), else by `opening_geometry`."""
    saved = settings().value(GEOMETRY_KEY) if remembered else None
    if isinstance(saved, QByteArray) and window.restoreGeometry(saved):
        return
    screen = window.screen()
    available = screen.availableGeometry() if screen is not None else QRect(QPoint(0, 0), DEFAULT_SIZE)
    geometry = opening_geometry(available)
    if geometry is None:
        window.resize(available.size() - FRAME_ALLOWANCE)  # the size it comes back to from maximised
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    else:
        window.setGeometry(geometry)


def remember(window: QMainWindow) -> None:
    settings().setValue(GEOMETRY_KEY, window.saveGeometry())


def scrolling(panel: QWidget, name: str) -> QScrollArea:
    """`panel` in a vertical scroll area: a dock asks no more height than its first lines, so
    larger text scrolls the panel instead of growing the window past the screen."""
    scroller = QScrollArea()
    scroller.setObjectName("dockScroller")
    scroller.setAccessibleName(name)  # the dock's title, for a screen reader
    scroller.setWidget(panel)
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    fit_width(scroller)
    return scroller


def fit_width(scroller: QScrollArea) -> None:
    """Up and down only: the scroll area is as wide as its panel needs (after a text size change
    too), the panel's text wraps."""
    panel = scroller.widget()
    if panel is not None:
        scroller.setMinimumWidth(panel.minimumSizeHint().width() + scroller.verticalScrollBar().sizeHint().width())


def fit_panels(window: QMainWindow) -> None:
    for scroller in window.findChildren(QScrollArea, "dockScroller"):
        fit_width(scroller)


def show_overflow(toolbar: QToolBar, colour: str) -> None:
    """Qt's overflow button (the actions that no longer fit) drawn as a "»" in the toolbar's text
    colour (its own arrow is dark on the dark toolbar), named for a screen reader."""
    button = toolbar.findChild(QToolButton, EXTENSION_NAME)
    if button is None:
        return
    size = QSize(button.sizeHint().width(), QFontMetrics(button.font()).height() * 2)  # Qt's: 12 px wide
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    font = QFont(button.font())
    font.setBold(True)
    font.setPixelSize(size.height() // 2)
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "»")
    painter.end()
    button.setIcon(QIcon(pixmap))
    button.setIconSize(size)
    more = QCoreApplication.translate("WindowFit", "More: the buttons that do not fit")
    button.setToolTip(more)
    button.setAccessibleName(more)
    toolbar.updateGeometry()
