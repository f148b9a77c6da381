"""The side panel: where you touched, the ranked sources, the card, and the questions that re-rank.

Widgets write to the `Explorer`, never to each other, and refresh from its signals.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from PySide6.QtCore import QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.content.markdown import render_card, sections_first
from app.domain.effects import Effects
from app.domain.explorer import ANSWER_KINDS, Explorer
from app.domain.knowledge import MECHANISM_WORDS, Card
from app.domain.ranking import Candidate
from app.scene.highlight import MECHANISM_COLOURS

ANSWER_TITLES = {
    "features": "What does it feel like?",
    "triggers": "What makes it worse?",
    "checks": "Can you …? (weakness)",
    "red_flags": "Urgent signs",
}
WHO_CAN_HELP = {
    "family_doctor": "family doctor",
    "physical_therapist": "physical therapist",
    "podiatrist": "podiatrist",
    "spine_specialist": "spine specialist",
    "orthopaedic_specialist": "orthopaedic specialist",
    "rheumatologist": "rheumatologist",
    "emergency_care": "emergency care",
}
DISCLAIMER = "This explains possible causes. It is not a diagnosis. A clinician can examine you and tell."


_CARD_REFERENCE = re.compile(r"\(card:([a-z0-9_]+)\)")


def _reason_html(reason: str) -> str:
    """A ranking reason as HTML: escaped, its `(card:id)` pointers turned into links."""
    return _CARD_REFERENCE.sub(r'(<a href="card:\1">open the card</a>)', html.escape(reason, quote=False))


def narrow_combo(box: QComboBox, characters: int = 18) -> None:
    """Let a combo box with long entries shrink to a narrow panel (the list still shows them whole)."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(characters)


class ExplorerPanel(QWidget):
    focus_requested = Signal(object)  # Candidate: turn the camera to it

    def __init__(self, explorer: Explorer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explorer = explorer
        self.card_first_section: str | None = None  # a card heading shown first (the mode's spec)
        knowledge = explorer.knowledge
        layout = QVBoxLayout(self)

        self.where = QLabel("Touch the body where it hurts.")
        self.where.setWordWrap(True)
        self.where.setObjectName("where")
        layout.addWidget(self.where)

        buttons = QHBoxLayout()
        self.area_button = QPushButton("Mark an area")
        self.area_button.setCheckable(True)
        self.area_button.setToolTip("Touch or stroke several spots; the ranking uses them all")
        self.clear_button = QPushButton("Start again")
        self.clear_button.clicked.connect(explorer.clear)
        buttons.addWidget(self.area_button)
        buttons.addWidget(self.clear_button)
        layout.addLayout(buttons)

        tabs = QTabWidget()
        self.tabs = tabs
        results = QWidget()
        results_layout = QVBoxLayout(results)
        self.candidate_list = QListWidget()
        self.candidate_list.setAccessibleName("Possible sources")
        self.candidate_list.setWordWrap(True)
        self.candidate_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.candidate_list.currentItemChanged.connect(self._on_item_change)
        self.candidate_list.itemActivated.connect(self._on_item_activated)
        results_layout.addWidget(self.candidate_list, 1)
        self.card_view = QTextBrowser()
        self.card_view.setOpenLinks(False)
        self.card_view.anchorClicked.connect(self._on_link)
        results_layout.addWidget(self.card_view, 3)
        tabs.addTab(results, "Possible sources")

        questions = QWidget()
        questions_layout = QVBoxLayout(questions)
        self.answer_boxes: dict[tuple[str, str], QCheckBox] = {}
        for kind in ANSWER_KINDS:
            group = QGroupBox(ANSWER_TITLES[kind])
            group_layout = QVBoxLayout(group)
            for answer_id, label in knowledge.answers(kind):
                box = QCheckBox(label)
                box.toggled.connect(lambda on, k=kind, a=answer_id: explorer.set_answer(k, a, on))
                group_layout.addWidget(box)
                self.answer_boxes[(kind, answer_id)] = box
            questions_layout.addWidget(group)
        questions_layout.addStretch(1)
        scroller = QScrollArea()  # two dozen questions must not make the window taller than the screen
        scroller.setWidget(questions)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        tabs.addTab(scroller, "Questions")

        reverse = self.reverse_tab = QWidget()
        reverse_layout = QVBoxLayout(reverse)
        hint = QLabel("Pick a source here, or Ctrl+click it on the body, to see every place it can send pain or strain:")
        hint.setWordWrap(True)
        reverse_layout.addWidget(hint)
        self.source_box = QComboBox()
        narrow_combo(self.source_box)
        self.source_box.addItem("—", None)
        for source_id, title in knowledge.sources():
            self.source_box.addItem(title, source_id)
        self.source_box.currentIndexChanged.connect(
            lambda _i: explorer.show_source(self.source_box.currentData())
        )
        reverse_layout.addWidget(self.source_box)
        self.reach_view = QTextBrowser()
        self.reach_view.setOpenLinks(False)
        self.reach_view.anchorClicked.connect(self._on_link)
        reverse_layout.addWidget(self.reach_view, 1)
        tabs.addTab(reverse, "From a source")
        layout.addWidget(tabs, 1)

        disclaimer = QLabel(DISCLAIMER)
        disclaimer.setWordWrap(True)
        disclaimer.setStyleSheet("color: #666; font-size: 11px;")
        layout.addWidget(disclaimer)

        self._connections = [
            (explorer.changed, self._on_explorer_change),
            (explorer.selection_changed, self._on_selection_change),
            (explorer.source_changed, self._on_source_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

    def close_connections(self) -> None:
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

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "card":
            self.show_card(url.path())

    # -- explorer → widgets ------------------------------------------------------------------
    def _on_explorer_change(self) -> None:
        explorer = self.explorer
        touches = explorer.touches
        if touches:
            places = list(dict.fromkeys(explorer.describe(t) for t in touches))
            where = places[0] if len(places) == 1 else "; ".join(places[:3]) + ("…" if len(places) > 3 else "")
            self.where.setText(f"You touched <b>{where}</b>.")
        elif explorer.answers.red_flags:
            self.where.setText("<b>You marked an urgent sign.</b>")
        else:
            self.where.setText("Touch the body where it hurts.")
        with QSignalBlocker(self.candidate_list):
            self.candidate_list.clear()
            for candidate in explorer.candidates:
                self.candidate_list.addItem(self._item(candidate))
        for (kind, answer_id), box in self.answer_boxes.items():
            with QSignalBlocker(box):
                box.setChecked(answer_id in getattr(explorer.answers, kind))
        if touches or explorer.candidates:
            self.tabs.setCurrentIndex(0)

    def _item(self, candidate: Candidate) -> QListWidgetItem:
        share = f" · explains {round(candidate.explains * 100)}% of the area" if len(self.explorer.touches) > 1 else ""
        text = f"{candidate.title}\n{MECHANISM_WORDS.get(candidate.mechanism, candidate.mechanism)}{share}"
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, candidate.id)
        item.setForeground(QColor("#111"))
        colour = QColor(MECHANISM_COLOURS.get(candidate.mechanism, "#888888"))
        colour.setAlpha(70)
        item.setBackground(colour)
        item.setToolTip(f"Match {candidate.score:.0%}")
        return item

    def _on_selection_change(self, candidate: Candidate | None) -> None:
        with QSignalBlocker(self.candidate_list):
            for row in range(self.candidate_list.count()):
                item = self.candidate_list.item(row)
                if candidate is not None and item.data(Qt.ItemDataRole.UserRole) == candidate.id:
                    self.candidate_list.setCurrentRow(row)
        if candidate is None:
            self.card_view.clear()
            return
        self.card_view.setHtml(self._candidate_html(candidate))

    def _candidate_html(self, candidate: Candidate) -> str:
        knowledge = self.explorer.knowledge
        reasons = "".join(f"<li>{_reason_html(reason)}</li>" for reason in candidate.reasons)
        helpers = ", ".join(WHO_CAN_HELP.get(w, w) for w in candidate.who_can_help)
        colour = MECHANISM_COLOURS.get(candidate.mechanism, "#888888")
        path = " → ".join(knowledge.title(i) for i in candidate.path)
        card = knowledge.card(candidate.card)
        body = self._card_body(card) if card is not None else ""
        return (
            f"<h2 style='color:{colour}'>{candidate.title}</h2>"
            f"<p><b>How it can reach this spot:</b> {path}</p>"
            f"<p><b>Why it is on the list:</b></p><ul>{reasons}</ul>"
            f"<p><b>How sure the science is:</b> {candidate.evidence} · <b>Who can help:</b> {helpers}</p>"
            f"<hr/>{body}"
        )

    def _card_body(self, card: Card) -> str:
        """The card as HTML, the mode's first section (spec.card_first_section) on top."""
        if self.card_first_section:
            card = replace(card, body=sections_first(card.body, self.card_first_section))
        return render_card(card)

    def show_urgent_signs(self) -> None:
        self.tabs.setCurrentIndex(1)
        first = next((box for (kind, _), box in self.answer_boxes.items() if kind == "red_flags"), None)
        if first is not None:
            first.setFocus()

    def show_card(self, card_id: str) -> None:
        card = self.explorer.knowledge.card(card_id)
        if card is not None:
            self.card_view.setHtml(f"<h2>{card.title}</h2>{self._card_body(card)}")
            self.tabs.setCurrentIndex(0)

    def _on_source_change(self, shown: Effects | None) -> None:
        if shown is None:
            with QSignalBlocker(self.source_box):
                self.source_box.setCurrentIndex(0)
            self.reach_view.clear()
            return
        with QSignalBlocker(self.source_box):  # shown from the model, or from this list
            self.source_box.setCurrentIndex(max(0, self.source_box.findData(shown.source)))
        self.tabs.setCurrentWidget(self.reverse_tab)
        knowledge = self.explorer.knowledge
        places = sorted({knowledge.title(t) for t in (*shown.territories, *(f"region_{r}" for r in shown.regions))})
        parts = sorted({knowledge.title(s) for s in shown.structures})
        links = "".join(
            f"<li>{knowledge.title(link.target)} — {link.mechanism}, evidence {link.evidence}</li>" for link in shown.links
        )
        self.reach_view.setHtml(
            f"<h2>{shown.title}</h2>"
            f"<p><b>Can send pain or strain to:</b> {', '.join(places) or '—'}</p>"
            f"<p><b>Through:</b> {', '.join(parts) or '—'}</p><ul>{links}</ul>"
        )
