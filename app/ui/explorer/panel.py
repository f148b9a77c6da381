"""The side panel: the buttons, where you touched, and three tabs (the ranked sources and the
card, the questions that re-rank, the reverse view from one source).

Widgets write to the `Explorer`, never to each other, and refresh from its signals.
"""

from __future__ import annotations

from collections.abc import Callable

from psygnal import SignalInstance
from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.content.answer_text import where_html
from app.domain.explorer import Explorer
from app.domain.ranking import Candidate
from app.modes import ids
from app.modes.spec import ModeSpec
from app.ui.card_words import answer_words
from app.ui.explorer.from_source_tab import FromSourceTab
from app.ui.explorer.questions_tab import QuestionsTab
from app.ui.explorer.sources_tab import SourcesTab
from app.ui.i18n import current_language, tr

DISCLAIMER = QT_TRANSLATE_NOOP(
    "ExplorerPanel", "This explains possible causes. It is not a diagnosis. A clinician can examine you and tell."
)


class ExplorerPanel(QWidget):
    focus_requested = Signal(object)  # Candidate: turn the camera to it
    card_shown = Signal(str)  # a card opened on its own (a link, search, going back)

    def __init__(self, explorer: Explorer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explorer = explorer
        self.words = explorer.knowledge.in_language(current_language())  # titles and cards in the interface's language
        layout = QVBoxLayout(self)
        self.way_back = QPushButton()  # back to where a card was opened from (the quiz), while offered
        self.way_back.setObjectName("way_back")
        self.way_back.clicked.connect(self._go_back)
        self.way_back.hide()
        self._back: Callable[[], None] | None = None
        layout.addWidget(self.way_back)

        self.where = QLabel(self.tr("Touch the body where it hurts."))
        self.where.setWordWrap(True)
        self.where.setObjectName("where")
        self.gaps = QLabel()  # what the atlas cannot answer here, because content was left out
        self.gaps.setWordWrap(True)
        self.gaps.setObjectName("gaps")
        self.gaps.hide()

        self.pick_button = QPushButton(self.tr("Choose the place from a list…"))
        self.pick_button.setObjectName("pick")
        self.pick_button.setToolTip(self.tr("Without touching the body: a place and a side, as a touch there would"))
        self.pick_button.setShortcut(QKeySequence("P"))
        layout.addWidget(self.pick_button)

        buttons = QHBoxLayout()
        self.area_button = QPushButton(self.tr("Mark an area"))
        self.area_button.setCheckable(True)
        self.area_button.setToolTip(self.tr("Touch or stroke several spots; the ranking uses them all"))
        self.area_button.setShortcut(QKeySequence("M"))
        self.clear_button = QPushButton(self.tr("Start again"))
        self.clear_button.setToolTip(self.tr("Forget the places and answers: a new person can start"))
        self.clear_button.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.clear_button.clicked.connect(explorer.clear)
        self.compare_button = QPushButton(self.tr("Compare…"))
        self.compare_button.setToolTip(self.tr("Put the chosen source beside another one: both paths, both cards"))
        self.compare_button.setShortcut(QKeySequence("C"))
        self.compare_menu = QMenu(self.compare_button)
        self.compare_menu.aboutToShow.connect(self._fill_compare_menu)
        self.compare_button.setMenu(self.compare_menu)
        self.compare_button.setEnabled(False)
        buttons.addWidget(self.area_button)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.clear_button)
        layout.addLayout(buttons)
        # what was touched, and the maps' note, below the buttons: a longer answer never moves
        # them under the pointer (the note on a buttock touch pushed them down 24 px)
        layout.addWidget(self.where)
        layout.addWidget(self.gaps)

        tabs = QTabWidget()
        tabs.setAccessibleName(self.tr("Sources, questions, or what one source can do"))
        self.tabs = tabs
        self.sources = SourcesTab(explorer, self.words)
        self.sources.focus_requested.connect(self.focus_requested)
        self.sources.card_shown.connect(self._on_card_shown)
        tabs.addTab(self.sources, self.tr("Sources"))
        self.questions = QuestionsTab(explorer, self.words)
        tabs.addTab(self.questions, self.tr("Questions"))
        self.from_source = FromSourceTab(explorer, self.words)
        self.from_source.card_requested.connect(self.show_card)
        self.from_source.shown.connect(lambda: self.tabs.setCurrentWidget(self.from_source))
        tabs.addTab(self.from_source, self.tr("From a source"))
        layout.addWidget(tabs, 1)

        disclaimer = self.disclaimer = QLabel(tr(DISCLAIMER, "ExplorerPanel"))
        disclaimer.setWordWrap(True)
        disclaimer.setObjectName("disclaimer")
        layout.addWidget(disclaimer)

        self._connections: list[tuple[SignalInstance, Callable[..., None]]] = [
            (explorer.changed, self._on_explorer_change),
            (explorer.selection_changed, self._on_selection_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self._shown_for: tuple[object, bool] = ((), False)  # the touches and urgent view last shown

    def apply(self, spec: ModeSpec) -> None:
        """Keep only what the mode's spec allows: each control by its id."""
        for control, button in ((ids.AREA_MODE, self.area_button), (ids.COMPARE, self.compare_button)):
            button.setVisible(spec.allows(control))
        for control, tab in ((ids.QUESTIONS, self.questions), (ids.FROM_SOURCE, self.from_source)):
            if not spec.allows(control):
                self.tabs.removeTab(self.tabs.indexOf(tab))
        self.disclaimer.setVisible(spec.shows(ids.DISCLAIMER))
        self.sources.first_section = spec.card_first_section

    def close_connections(self) -> None:
        for part in (self.sources, self.questions, self.from_source):
            part.close_connections()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()

    def _fill_compare_menu(self) -> None:
        self.compare_menu.clear()
        selected = self.explorer.selected
        if selected is None:
            return
        for candidate in self.explorer.candidates:
            if candidate.id != selected.id and candidate.mechanism != "urgent":
                action = self.compare_menu.addAction(self.tr("with {0}").format(self.title_of(candidate)))
                action.triggered.connect(lambda _on=False, c=candidate.id: self.explorer.compare(selected.id, c))

    def _on_explorer_change(self) -> None:
        explorer = self.explorer
        self.where.setText(where_html(explorer, self.words, answer_words()))
        self.gaps.setText("\n".join(self.words.marked(gap.said(explorer.knowledge)) for gap in explorer.gaps))
        self.gaps.setVisible(bool(explorer.gaps))
        shown_for = (explorer.touches, explorer.urgent_shown)
        if shown_for != self._shown_for and (explorer.touches or explorer.urgent_shown):
            self.tabs.setCurrentIndex(0)  # a new touch or the urgent signs; an answer keeps its tab
        self._shown_for = shown_for

    def _on_selection_change(self, candidate: Candidate | None) -> None:
        self.compare_button.setEnabled(
            candidate is not None and candidate.mechanism != "urgent" and len(self.explorer.candidates) > 1
        )

    def _on_card_shown(self, card_id: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.card_shown.emit(card_id)

    def show_again(self) -> None:
        """The chosen source's card and the reverse view made again (Qt colours their links as it
        parses them: after a theme change)."""
        self.sources.show_again()
        self.from_source.show_again()

    def title_of(self, candidate: Candidate) -> str:
        """A source's title in the interface's language; an English fallback says so."""
        return self.words.shown_title(candidate)

    def offer_way_back(self, text: str, back: Callable[[], None]) -> None:
        """A button at the top that calls `back` once (and goes): back to where a card was opened from."""
        self._back = back
        self.way_back.setText(text)
        self.way_back.show()
        self.way_back.setFocus()

    def _go_back(self) -> None:
        back, self._back = self._back, None
        self.way_back.hide()
        if back is not None:
            back()

    def show_card(self, card_id: str) -> None:
        """A card on its own (a link, search, going back); a reverse view of another source stops,
        so the body never stays lit for what the panel no longer shows."""
        shown = self.explorer.source
        if shown is not None and card_id != self.explorer.knowledge.source_card(shown.source):
            self.explorer.show_source(None)
        self.sources.show_card(card_id)
