"""The panel's first tab: the ranked sources as cards in a list, and the chosen one's card below.

The list writes the choice to the `Explorer` and refreshes from its signals; the HTML comes from
app/content/card_html.py.
"""

from __future__ import annotations

from collections.abc import Callable

from psygnal import SignalInstance
from PySide6.QtCore import QEvent, QObject, QSignalBlocker, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QListWidgetItem, QTextBrowser, QVBoxLayout, QWidget

from app.content.card_html import candidate_html as make_candidate_html
from app.content.card_html import card_body_html, card_lines, titled_card_html
from app.domain.explorer import Explorer
from app.domain.knowledge import InLanguage
from app.domain.ranking import Candidate
from app.scene.highlight import MECHANISM_COLOURS
from app.ui.card_words import card_words

CARD_SLACK_PX = 8  # wrapped labels ask for a little less height than they draw with
# The first few source cards are made with the answer; the rest (below the fold, about 1 ms each)
# once the 3D frame that shows the answer is drawn (words, then picture, then the rest).
CARDS_AT_ONCE, CARDS_LATER_MS = 4, 30
CARD_GUESS_PX = 90  # a card not made yet holds this much room


class SourceCard(QFrame):
    """One ranked source as a card: its colour and how it causes pain, why it fits here, evidence."""

    def __init__(self, mechanism: str, lines: tuple[str, str, str]) -> None:
        super().__init__()
        self.setObjectName("sourceCard")
        self.setProperty("mechanism", mechanism)  # the theme's sheet colours its edge (app/ui/theme.py)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(2)
        for text, name in zip(lines, ("sourceTitle", "sourceFacts", "sourceWhy"), strict=False):
            if not text:
                continue
            label = QLabel(text)
            label.setObjectName(name)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)

    def set_selected(self, selected: bool) -> None:
        self.setProperty("selected", selected)
        self.style().unpolish(self)
        self.style().polish(self)


class SourcesTab(QWidget):
    focus_requested = Signal(object)  # Candidate: turn the camera to it
    card_shown = Signal(str)  # a card opened on its own (a link, search, going back)

    def __init__(self, explorer: Explorer, words: InLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explorer = explorer
        self.words = words
        self.first_section: str | None = None  # a card heading shown first (the mode's spec)
        layout = QVBoxLayout(self)
        self.candidate_list = QListWidget()
        self.candidate_list.setAccessibleName(self.tr("Possible sources"))
        self.candidate_list.setAccessibleDescription(
            self.tr("Best fit first. The arrow keys choose one; Enter turns the body toward it.")
        )
        self.candidate_list.setWordWrap(True)
        self.candidate_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.candidate_list.currentItemChanged.connect(self._on_item_change)
        self.candidate_list.itemActivated.connect(self._on_item_activated)
        self.candidate_list.viewport().installEventFilter(self)
        layout.addWidget(self.candidate_list, 2)
        self.card_view = QTextBrowser()
        self.card_view.setAccessibleName(self.tr("Card of the chosen source"))
        self.card_view.setOpenLinks(False)
        self.card_view.anchorClicked.connect(self.follow_link)
        layout.addWidget(self.card_view, 3)

        self._connections: list[tuple[SignalInstance, Callable[..., None]]] = [
            (explorer.changed, self._on_explorer_change),
            (explorer.selection_changed, self._on_selection_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self._cards_timer = QTimer(self)
        self._cards_timer.setSingleShot(True)
        self._cards_timer.setInterval(CARDS_LATER_MS)
        self._cards_timer.timeout.connect(self._make_the_other_cards)
        self._card_bodies: dict[tuple[str, str | None], str] = {}  # (card, first section) -> HTML

    def close_connections(self) -> None:
        self._cards_timer.stop()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()

    # -- widgets → explorer ------------------------------------------------------------------
    def _on_item_change(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.explorer.select(item.data(Qt.ItemDataRole.UserRole))

    def _on_item_activated(self, _item: QListWidgetItem) -> None:
        candidate = self.explorer.selected
        if candidate is not None:
            self.focus_requested.emit(candidate)

    def follow_link(self, url: QUrl) -> None:
        """A link in a card: another card, or a jump within this one."""
        if url.scheme() == "card":
            self.show_card(url.path())
        elif not url.scheme() and url.fragment():
            self.card_view.scrollToAnchor(url.fragment())

    # -- explorer → widgets ------------------------------------------------------------------
    def _on_explorer_change(self) -> None:
        explorer = self.explorer
        with QSignalBlocker(self.candidate_list):
            self.candidate_list.clear()
            for row, candidate in enumerate(explorer.candidates):
                self._add_item(candidate, card=row < CARDS_AT_ONCE)
        if len(explorer.candidates) > CARDS_AT_ONCE:
            self._cards_timer.start()
        # lay the list out now, not from Qt's delayed-layout timer: its paint must be pending
        # when the 3D frame lets the words paint first (app/ui/scene_widget.py)
        self.candidate_list.doItemsLayout()

    def _lines(self, candidate: Candidate) -> tuple[str, str, str]:
        explorer = self.explorer
        return card_lines(candidate, len(explorer.touches), self.words, card_words(), explorer.likely(candidate))

    def _add_item(self, candidate: Candidate, card: bool) -> None:
        lines = self._lines(candidate)
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, candidate.id)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, ". ".join(line for line in lines if line))
        item.setToolTip(self.tr("Match {0}").format(f"{candidate.score:.0%}"))
        item.setSizeHint(QSize(self.candidate_list.viewport().width() - 4, CARD_GUESS_PX))
        self.candidate_list.addItem(item)
        if card:
            self._make_card(item, candidate.mechanism, lines)

    def _make_card(self, item: QListWidgetItem, mechanism: str, lines: tuple[str, str, str]) -> None:
        card = SourceCard(mechanism, lines)
        selected = self.explorer.selected
        card.set_selected(selected is not None and selected.id == item.data(Qt.ItemDataRole.UserRole))
        self.candidate_list.setItemWidget(item, card)
        self._fit_item(item)

    def _make_the_other_cards(self) -> None:
        """The cards below the first few, after the frame (see CARDS_AT_ONCE)."""
        candidates = {c.id: c for c in self.explorer.candidates}
        for row in range(self.candidate_list.count()):
            item = self.candidate_list.item(row)
            candidate = candidates.get(item.data(Qt.ItemDataRole.UserRole))
            if candidate is not None and self.candidate_list.itemWidget(item) is None:
                self._make_card(item, candidate.mechanism, self._lines(candidate))

    def _fit_item(self, item: QListWidgetItem) -> None:
        widget = self.candidate_list.itemWidget(item)
        if widget is None:  # not set yet: the viewport resized while the list was filled
            return
        width = self.candidate_list.viewport().width() - 4
        item.setSizeHint(QSize(width, widget.heightForWidth(width) + CARD_SLACK_PX))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.candidate_list.viewport() and event.type() == QEvent.Type.Resize:
            for row in range(self.candidate_list.count()):
                self._fit_item(self.candidate_list.item(row))
        return False

    def _on_selection_change(self, candidate: Candidate | None) -> None:
        with QSignalBlocker(self.candidate_list):
            for row in range(self.candidate_list.count()):
                item = self.candidate_list.item(row)
                chosen = candidate is not None and item.data(Qt.ItemDataRole.UserRole) == candidate.id
                if chosen:
                    self.candidate_list.setCurrentRow(row)
                card = self.candidate_list.itemWidget(item)
                if isinstance(card, SourceCard):
                    card.set_selected(chosen)
        if candidate is None:
            self.card_view.clear()
            return
        self.card_view.setHtml(self.candidate_html(candidate))

    def show_again(self) -> None:
        """The chosen source's card made again (Qt colours its links as it parses them)."""
        if self.explorer.selected is not None:
            self._on_selection_change(self.explorer.selected)

    def candidate_html(self, candidate: Candidate) -> str:
        body = self.card_body(candidate.card)
        return make_candidate_html(candidate, self.words, body, card_words(), MECHANISM_COLOURS)

    def card_body(self, card_id: str) -> str:
        """A card's HTML, made once per card (a touch shows the same cards again and again)."""
        key = (card_id, self.first_section)
        if key not in self._card_bodies:
            references = self.explorer.knowledge.references
            self._card_bodies[key] = card_body_html(self.words, card_id, references, self.first_section)
        return self._card_bodies[key]

    def show_card(self, card_id: str) -> None:
        html = titled_card_html(self.words, card_id, self.explorer.knowledge.references, self.first_section)
        if html:
            self.card_view.setHtml(html)
            self.card_shown.emit(card_id)
