"""The search box in the toolbar (Ctrl+F or /): type a few words, choose a result, see it.

The matching is `app.domain.search`; this is only the line edit, its popup list and the hand-over of
the chosen hit to what shows it (a registry: action name → callable taking the hit's id).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from psygnal import SignalInstance
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from app.domain.search import Hit, SearchIndex
from app.ui.i18n import current_language

RESULTS_SHOWN = 8
HIT_ROLE = Qt.ItemDataRole.UserRole + 1


def search_keys() -> list[QKeySequence]:
    """Ctrl+F (the platform's Find) and /; made on demand, as a standard key needs the application."""
    return [QKeySequence(QKeySequence.StandardKey.Find), QKeySequence("/")]


class SearchBox(QLineEdit):
    """A line edit whose popup lists the best hits as you type; Enter takes the first one."""

    chosen = Signal(object)  # Hit

    def __init__(
        self,
        index: SearchIndex,
        handlers: Mapping[str, Callable[[str], None]],
        shows: Callable[[Hit], bool] = lambda _hit: True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.index = index
        self.handlers = dict(handlers)  # a hit's action → what opens it
        self.shows = shows  # whether the window still shows a chosen hit
        self.hits: list[Hit] = []
        self.shown: Hit | None = None  # the hit whose title the box holds
        self._followed: list[SignalInstance] = []
        self.setObjectName("search")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(self.tr("Search: sciatica, heel, slipped disc … (Ctrl+F)"))
        self.setAccessibleName(self.tr("Search"))
        self.setMinimumWidth(220)
        self.setMaximumWidth(260)  # the toolbar must keep room for back and forward at 1280 px
        self.model = QStandardItemModel(self)
        completer = QCompleter(self.model, self)
        # the domain ranks and forgives typos; the completer must show its list as it is
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(RESULTS_SHOWN)
        # PySide6's stub has no SignalInstance.__getitem__ (the overload chosen by argument type)
        completer.activated[QModelIndex].connect(self._on_activated)  # type: ignore[index]
        self.setCompleter(completer)
        self._popup().installEventFilter(self)  # kept on the screen (eventFilter)
        self.textEdited.connect(self._on_text_edit)
        self.returnPressed.connect(self._on_return)
        self.kind_words = {
            "condition": self.tr("condition"),
            "region": self.tr("place on the body"),
            "nerve": self.tr("nerve"),
            "structure": self.tr("body part"),
            "card": self.tr("card"),
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The popup, wider than the box, is moved left where it would run off the screen: Qt
        places it at the box's left edge and keeps only a popup as wide as the box on the screen."""
        popup = self._popup()
        if watched is popup and event.type() in (QEvent.Type.Show, QEvent.Type.Move, QEvent.Type.Resize):
            screen = self.screen().availableGeometry()
            shape = popup.geometry()
            if shape.right() > screen.right():
                popup.move(max(screen.left(), screen.right() - shape.width() + 1), shape.top())
        return False

    def _popup(self) -> QAbstractItemView:
        """The completer's list (made with the completer, in __init__)."""
        popup = self.completer().popup()
        assert popup is not None
        return popup

    def follow(self, signals: list[SignalInstance]) -> None:
        """The model's signals that may change what is shown (let go in `close_connections`)."""
        self._followed = signals
        for signal in signals:
            signal.connect(self.on_shown_change)

    def close_connections(self) -> None:
        for signal in self._followed:
            signal.disconnect(self.on_shown_change)
        self._followed = []

    def on_shown_change(self, *_args: object) -> None:
        """What the window shows changed: a chosen hit's title goes once it is no longer shown."""
        if self.shown is not None and not self.shows(self.shown):
            self.shown = None
            self.clear()

    def focus_search(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def _on_text_edit(self, text: str) -> None:
        self.hits = self.index.search(text, RESULTS_SHOWN)
        self.model.clear()
        for hit in self.hits:
            item = QStandardItem(f"{self._title(hit)} — {self.kind_words.get(hit.kind, hit.kind)}")
            item.setData(hit, HIT_ROLE)
            self.model.appendRow(item)
        if self.hits:
            popup = self._popup()  # as wide as its longest entry: nothing cut off
            frame = 2 * popup.frameWidth() + popup.verticalScrollBar().sizeHint().width()
            popup.setMinimumWidth(max(self.width(), popup.sizeHintForColumn(0) + frame))
            self.completer().complete()
        else:
            self._popup().hide()

    def _title(self, hit: Hit) -> str:
        """A hit's title in the interface's language (the search itself reads the English words)."""
        words = self.index.knowledge.in_language(current_language())
        card = words.card(hit.id) if hit.action == "card" else None
        return card.title if card is not None else words.title(hit.id) if words.is_translated(hit.id) else hit.title

    def _on_activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, Hit):
            self.choose(hit)

    def _on_return(self) -> None:
        if self._popup().isVisible():
            return  # the popup's own Enter chooses its current row
        if self.hits:
            self.choose(self.hits[0])

    def choose(self, hit: Hit) -> None:
        """Show the hit (the reverse view of a source, a card, a touch on a region) and say so."""
        self._popup().hide()
        action = self.handlers.get(hit.action)
        if action is not None:
            action(hit.id)
        self.setText(hit.title)
        self.setCursorPosition(0)  # a long title shows its start
        self.shown = hit
        self.chosen.emit(hit)
