"""What a visitor reads and scrolls with a finger: the card views, the lists, and the result page
whose names take at most a share of its height."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractScrollArea, QListWidget, QScroller, QTextBrowser, QWidget

from app.modes.spec import ModeSpec

NAMES_SHARE = 0.3  # the names take at most this share of the result page's height; they scroll beyond


class ResultPage(QWidget):
    """The names above the card: as tall as they are, up to NAMES_SHARE of the page (a short
    screen gives the card the rest; the names scroll, the next one peeking out)."""

    def __init__(self, names: QListWidget) -> None:
        super().__init__()
        self.names = names

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.names.setMaximumHeight(round(NAMES_SHARE * event.size().height()))
        super().resizeEvent(event)


def card_browser(spec: ModeSpec, on_link: Callable[[QUrl], None]) -> QTextBrowser:
    """A card view: in-app card links only, and no selecting, dragging or menus unless the spec allows."""
    view = QTextBrowser()
    view.setOpenLinks(False)
    view.setOpenExternalLinks(spec.external_links)
    view.anchorClicked.connect(on_link)
    if not spec.text_selection:
        view.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)  # nothing to drag out
    touch_scroll(view, spec)
    return view


def touch_scroll(view: QAbstractScrollArea, spec: ModeSpec) -> None:
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # a finger or a pointer dragging the text scrolls it, as on a phone (a touch screen that sends
    # plain pointer events too; real touch points reach it as the pointer events Qt makes of them)
    QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    if not spec.context_menus:
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
