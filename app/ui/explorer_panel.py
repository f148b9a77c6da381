"""The side panel: where you touched, the ranked sources, the card, and the questions that re-rank.

Widgets write to the `Explorer`, never to each other, and refresh from its signals.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.content.markdown import render_study_card
from app.content.sections import TRANSLATED_SECTIONS
from app.domain.effects import EffectLink, Effects, reach_tiers
from app.domain.explorer import ANSWER_KINDS, Explorer
from app.domain.knowledge import InLanguage
from app.domain.query import dermatome_maps
from app.domain.ranking import Candidate
from app.modes import ids
from app.modes.spec import ModeSpec
from app.scene.highlight import MECHANISM_COLOURS
from app.ui.i18n import current_language

# QT_TRANSLATE_NOOP marks the words for pyside6-lupdate; the panel's self.tr() shows them
ANSWER_TITLES = {
    "features": QT_TRANSLATE_NOOP("ExplorerPanel", "What does it feel like?"),
    "triggers": QT_TRANSLATE_NOOP("ExplorerPanel", "What makes it worse?"),
    "checks": QT_TRANSLATE_NOOP("ExplorerPanel", "Can you …? (weakness)"),
    "red_flags": QT_TRANSLATE_NOOP("ExplorerPanel", "Urgent signs"),
}
WHO_CAN_HELP = {
    "family_doctor": QT_TRANSLATE_NOOP("ExplorerPanel", "family doctor"),
    "physical_therapist": QT_TRANSLATE_NOOP("ExplorerPanel", "physical therapist"),
    "podiatrist": QT_TRANSLATE_NOOP("ExplorerPanel", "podiatrist"),
    "spine_specialist": QT_TRANSLATE_NOOP("ExplorerPanel", "spine specialist"),
    "orthopaedic_specialist": QT_TRANSLATE_NOOP("ExplorerPanel", "orthopaedic specialist"),
    "rheumatologist": QT_TRANSLATE_NOOP("ExplorerPanel", "rheumatologist"),
    "emergency_care": QT_TRANSLATE_NOOP("ExplorerPanel", "emergency care"),
}
DISCLAIMER = QT_TRANSLATE_NOOP(
    "ExplorerPanel", "This explains possible causes. It is not a diagnosis. A clinician can examine you and tell."
)


_CARD_REFERENCE = re.compile(r"\(card:([a-z0-9_]+)\)")


def _reason_html(reason: str) -> str:
    """A ranking reason as HTML: escaped, its `(card:id)` pointers turned into links."""
    link = QCoreApplication.translate("ExplorerPanel", "open the card")
    return _CARD_REFERENCE.sub(rf'(<a href="card:\1">{link}</a>)', html.escape(reason, quote=False))


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


_SECTION = re.compile(r"<h2>(.*?)</h2>")
JUMP_TO = ("What helps", "When to see a clinician", "Get care now if")  # the sections worth a jump
JUMP_TO_SHOWN = {*JUMP_TO, *(names[h] for names in TRANSLATED_SECTIONS.values() for h in JUMP_TO)}


def _with_section_anchors(body: str) -> tuple[str, str]:
    """The card's sections get anchors, and a line of links jumps to the ones people look for."""
    titles: list[str] = []

    def anchor(match: re.Match[str]) -> str:
        titles.append(match.group(1))
        return f'<h2><a name="section{len(titles)}"></a>{match.group(1)}</h2>'

    body = _SECTION.sub(anchor, body)
    links = [f'<a href="#section{i}">{t}</a>' for i, t in enumerate(titles, start=1) if t in JUMP_TO_SHOWN]
    jump = QCoreApplication.translate("ExplorerPanel", "<p><b>Jump to:</b> {0}</p>")
    return (jump.format(" · ".join(links)) if links else ""), body


def reach_line(words: InLanguage, link: EffectLink) -> str:
    """One place of the reverse view, by its strongest route; a route by way of other parts names
    them, and the weaker routes to the same place follow (flat feet → low back directly, and also
    by way of the knee and hip)."""

    def by_way(path: tuple[str, ...]) -> str:
        return " → ".join(words.title(step) for step in path[1:-1]).lower()

    route = QCoreApplication.translate("ExplorerPanel", " (by way of {0})").format(by_way(link.path))
    others = [by_way(path) for path in link.routes if len(path) > 2]
    also = QCoreApplication.translate("ExplorerPanel", "; also by way of {0}").format("; ".join(others))
    route, also = (route if len(link.path) > 2 else ""), (also if others else "")
    facts = f"{words.mechanism(link.mechanism)}, {words.phrase(f'evidence.{link.evidence}')}"
    return f"{words.title(link.target)}{route} — {facts}{also}"


def narrow_combo(box: QComboBox, characters: int = 18) -> None:
    """Let a combo box with long entries shrink to a narrow panel (the list still shows them whole)."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(characters)


LABELLED_CHARACTERS = 12


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


REACH_GROUPS = {  # the reverse view's places, by the tier the body is shaded with (app/domain/effects.py)
    3: QT_TRANSLATE_NOOP("ExplorerPanel", "Most strongly:"),
    2: QT_TRANSLATE_NOOP("ExplorerPanel", "Also:"),
    1: QT_TRANSLATE_NOOP("ExplorerPanel", "Less often:"),
    0: QT_TRANSLATE_NOOP("ExplorerPanel", "Areas those places lie in:"),
}
CARD_SLACK_PX = 8  # wrapped labels ask for a little less height than they draw with
# The first few source cards are made with the answer; the rest (below the fold, about 1 ms each)
# once the 3D frame that shows the answer is drawn (words, then picture, then the rest).
CARDS_AT_ONCE, CARDS_LATER_MS = 4, 30
CARD_GUESS_PX = 90  # a card not made yet holds this much room


def card_lines(
    candidate: Candidate, title: str, touches: tuple[object, ...], words: InLanguage, likely: bool = True
) -> tuple[str, str, str]:
    """A source card's three lines: its title, how it causes pain and how sure (and "less likely
    here" below the relevance floor the handout uses), why it fits here."""
    facts = [words.kind(candidate), words.phrase(f"evidence.{candidate.evidence}")]
    if not likely:
        facts.insert(0, QCoreApplication.translate("SourceCard", "less likely here"))
    if len(touches) > 1:
        facts.append(
            QCoreApplication.translate("SourceCard", "explains {0}% of the area").format(
                round(candidate.explains * 100)
            )
        )
    why = _CARD_REFERENCE.sub("", words.marked(candidate.why[0])).strip() if candidate.why else ""
    return title, " · ".join(facts), why


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


class ExplorerPanel(QWidget):
    focus_requested = Signal(object)  # Candidate: turn the camera to it
    card_shown = Signal(str)  # a card opened on its own (a link, search, going back)

    def __init__(self, explorer: Explorer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.explorer = explorer
        self.card_first_section: str | None = None  # a card heading shown first (the mode's spec)
        knowledge = explorer.knowledge
        self.words = knowledge.in_language(current_language())  # titles and cards in the interface's language
        layout = QVBoxLayout(self)

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
        results = QWidget()
        results_layout = QVBoxLayout(results)
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
        results_layout.addWidget(self.candidate_list, 2)
        self.card_view = QTextBrowser()
        self.card_view.setAccessibleName(self.tr("Card of the chosen source"))
        self.card_view.setOpenLinks(False)
        self.card_view.anchorClicked.connect(self._on_link)
        results_layout.addWidget(self.card_view, 3)
        tabs.addTab(results, self.tr("Sources"))

        questions = QWidget()
        questions_layout = QVBoxLayout(questions)
        self.top_now = QLabel()  # the ranking stays in sight while answering
        self.top_now.setWordWrap(True)
        self.top_now.setObjectName("top_now")
        self.top_now.setTextFormat(Qt.TextFormat.RichText)
        self.answer_boxes: dict[tuple[str, str], QCheckBox] = {}
        for kind in sorted(ANSWER_KINDS, key=lambda k: k != "red_flags"):  # urgent signs on top
            group = QGroupBox(self.tr(ANSWER_TITLES[kind]))
            group_layout = QVBoxLayout(group)
            for answer_id, _label in knowledge.answers(kind):
                row = WrappedCheckBox(self.words.title(answer_id))
                row.box.toggled.connect(lambda on, k=kind, a=answer_id: explorer.set_answer(k, a, on))
                group_layout.addWidget(row)
                self.answer_boxes[(kind, answer_id)] = row.box
            questions_layout.addWidget(group)
        questions_layout.addStretch(1)
        scroller = QScrollArea()  # two dozen questions must not make the window taller than the screen
        scroller.setWidget(questions)
        scroller.setWidgetResizable(True)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # answers wrap instead
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.questions_scroller = scroller
        page = self.questions_tab = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.top_now)  # outside the scroll: answering low down keeps it in sight
        page_layout.addWidget(scroller, 1)
        tabs.addTab(page, self.tr("Questions"))

        reverse = self.reverse_tab = QWidget()
        reverse_layout = QVBoxLayout(reverse)
        hint = QLabel(
            self.tr("Pick a source here, or Ctrl+click it on the body, to see every place it can send pain or strain:")
        )
        hint.setWordWrap(True)
        reverse_layout.addWidget(hint)
        self.source_box = QComboBox()
        hint.setBuddy(self.source_box)
        self.source_box.setAccessibleName(self.tr("Start from a source"))
        narrow_combo(self.source_box)
        self.source_box.addItem("—", None)
        for source_id, title in sorted(
            ((i, self.words.title(i)) for i, _ in knowledge.sources()),
            key=lambda pair: (pair[0] not in knowledge.conditions, pair[1].lower()),
        ):
            self.source_box.addItem(title, source_id)
        self.source_box.currentIndexChanged.connect(lambda _i: explorer.show_source(self.source_box.currentData()))
        reverse_layout.addWidget(self.source_box)
        self.reach_view = QTextBrowser()
        self.reach_view.setAccessibleName(self.tr("Where this source can send pain or strain"))
        self.reach_view.setOpenLinks(False)
        self.reach_view.anchorClicked.connect(self._on_link)
        reverse_layout.addWidget(self.reach_view, 1)
        tabs.addTab(reverse, self.tr("From a source"))
        layout.addWidget(tabs, 1)

        disclaimer = self.disclaimer = QLabel(self.tr(DISCLAIMER))
        disclaimer.setWordWrap(True)
        disclaimer.setObjectName("disclaimer")
        layout.addWidget(disclaimer)

        self._connections = [
            (explorer.changed, self._on_explorer_change),
            (explorer.selection_changed, self._on_selection_change),
            (explorer.source_changed, self._on_source_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self._shown_for: tuple[object, bool] = ((), False)  # the touches and urgent view last shown
        self._cards_timer = QTimer(self)
        self._cards_timer.setSingleShot(True)
        self._cards_timer.setInterval(CARDS_LATER_MS)
        self._cards_timer.timeout.connect(self._make_the_other_cards)
        self._card_bodies: dict[tuple[str, str | None], str] = {}  # (card, first section) -> HTML

    def apply(self, spec: ModeSpec) -> None:
        """Keep only what the mode's spec allows: each control by its id."""
        for control, button in ((ids.AREA_MODE, self.area_button), (ids.COMPARE, self.compare_button)):
            button.setVisible(spec.allows(control))
        for control, tab in ((ids.QUESTIONS, self.questions_tab), (ids.FROM_SOURCE, self.reverse_tab)):
            if not spec.allows(control):
                self.tabs.removeTab(self.tabs.indexOf(tab))
        self.disclaimer.setVisible(spec.shows(ids.DISCLAIMER))

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

    def _fill_compare_menu(self) -> None:
        self.compare_menu.clear()
        selected = self.explorer.selected
        if selected is None:
            return
        for candidate in self.explorer.candidates:
            if candidate.id != selected.id and candidate.mechanism != "urgent":
                action = self.compare_menu.addAction(self.tr("with {0}").format(self.title_of(candidate)))
                action.triggered.connect(lambda _on=False, c=candidate.id: self.explorer.compare(selected.id, c))

    def _on_link(self, url: QUrl) -> None:
        if url.scheme() == "card":
            self.show_card(url.path())
        elif not url.scheme() and url.fragment():  # a jump within the card
            self.card_view.scrollToAnchor(url.fragment())

    # -- explorer → widgets ------------------------------------------------------------------
    def _on_explorer_change(self) -> None:
        explorer = self.explorer
        touches = explorer.touches
        if touches:
            places = list(dict.fromkeys(self.words.marked(explorer.place(t)) for t in touches))
            where = places[0] if len(places) == 1 else "; ".join(places[:3]) + ("…" if len(places) > 3 else "")
            maps = dermatome_maps(touches[-1].spot)  # where the two maps disagree, the answer says so
            disagree = f"<br/><small>{html.escape(maps.note)}</small>" if maps is not None and not maps.agree else ""
            first = explorer.candidates[0] if explorer.candidates else None
            asks = (
                self.tr("<br/><b>Check the urgent signs at the top of the list first.</b>")
                if first and first.asks
                else ""
            )
            self.where.setText(self.tr("You touched <b>{0}</b>.").format(where) + disagree + asks)
        elif explorer.answers.red_flags:
            self.where.setText(self.tr("<b>You marked an urgent sign.</b>"))
        elif explorer.urgent_shown:
            self.where.setText(
                self.tr(
                    "<b>Signs that need care now.</b> Each card says where to go: some need an "
                    "emergency department now, others a doctor today."
                )
            )
        else:
            self.where.setText(self.tr("Touch the body where it hurts."))
        self.gaps.setText("\n".join(self.words.marked(gap.said(explorer.knowledge)) for gap in explorer.gaps))
        self.gaps.setVisible(bool(explorer.gaps))
        with QSignalBlocker(self.candidate_list):
            self.candidate_list.clear()
            for row, candidate in enumerate(explorer.candidates):
                self._add_item(candidate, card=row < CARDS_AT_ONCE)
        if len(explorer.candidates) > CARDS_AT_ONCE:
            self._cards_timer.start()
        # lay the list out now, not from Qt's delayed-layout timer: its paint must be pending
        # when the 3D frame lets the words paint first (app/ui/scene_widget.py)
        self.candidate_list.doItemsLayout()
        for (kind, answer_id), box in self.answer_boxes.items():
            with QSignalBlocker(box):
                box.setChecked(answer_id in getattr(explorer.answers, kind))
        urgent_first = explorer.urgent_shown or bool(explorer.answers.red_flags)
        top = [c for c in explorer.candidates if urgent_first or c.mechanism != "urgent"][:3]
        self.top_now.setText(
            self.tr("<b>Best fits now:</b> ")
            + " · ".join(
                f"<span style='color:{MECHANISM_COLOURS.get(c.mechanism, '#888')}'>■</span> "
                f"{html.escape(self.title_of(c))}"
                for c in top
            )
            if top
            else self.tr("Touch the body first: the answers re-rank the possible sources.")
        )
        shown_for = (touches, explorer.urgent_shown)
        if shown_for != self._shown_for and (touches or explorer.urgent_shown):
            self.tabs.setCurrentIndex(0)  # a new touch or the urgent signs; an answer keeps its tab
        self._shown_for = shown_for

    def _add_item(self, candidate: Candidate, card: bool) -> None:
        lines = card_lines(
            candidate, self.title_of(candidate), self.explorer.touches, self.words, self.explorer.likely(candidate)
        )
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
                lines = card_lines(
                    candidate,
                    self.title_of(candidate),
                    self.explorer.touches,
                    self.words,
                    self.explorer.likely(candidate),
                )
                self._make_card(item, candidate.mechanism, lines)

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
        self.compare_button.setEnabled(
            candidate is not None and candidate.mechanism != "urgent" and len(self.explorer.candidates) > 1
        )
        if candidate is None:
            self.card_view.clear()
            return
        self.card_view.setHtml(self.candidate_html(candidate))

    def show_again(self) -> None:
        """The chosen source's card and the reverse view made again (Qt colours their links as it
        parses them: after a theme change)."""
        if self.explorer.selected is not None:
            self._on_selection_change(self.explorer.selected)
        if self.explorer.source is not None:
            self._on_source_change(self.explorer.source)

    def candidate_html(self, candidate: Candidate) -> str:
        reasons = "".join(f"<li>{_reason_html(self.words.marked(reason))}</li>" for reason in candidate.why)
        helpers = ", ".join(self.tr(WHO_CAN_HELP[w]) if w in WHO_CAN_HELP else w for w in candidate.who_can_help)
        colour = MECHANISM_COLOURS.get(candidate.mechanism, "#888888")
        mechanism = self.words.mechanism(candidate.mechanism)  # the colour never alone
        path = " → ".join(self.words.title(i) for i in candidate.path)
        card = self.words.card(candidate.card)
        jumps, body = _with_section_anchors(self.card_body(card.id)) if card is not None else ("", "")
        summary = f"<p><i>{html.escape(card.summary)}</i></p>" if card is not None and card.summary else ""
        return (
            f"<h2>{html.escape(self.title_of(candidate))}</h2>"
            f"<p><span style='color:{colour}'>■</span> {html.escape(mechanism)}</p>{summary}{jumps}"
            + self.tr("<p><b>How it can reach this spot:</b> {0}</p>").format(path)
            + self.tr("<p><b>Why it is on the list:</b></p>")
            + f"<ul>{reasons}</ul>"
            + self.tr("<p><b>How sure the science is:</b> {0} · <b>Who can help:</b> {1}</p>").format(
                self.words.phrase(f"evidence.{candidate.evidence}"), helpers
            )
            + f"<hr/>{body}"
        )

    def title_of(self, candidate: Candidate) -> str:
        """A source's title in the interface's language; an English fallback says so."""
        return self.words.shown_title(candidate)

    def card_body(self, card_id: str) -> str:
        """A card's HTML, made once per card (a touch shows the same cards again and again), the
        mode's first section (spec.card_first_section) on top."""
        key = (card_id, self.card_first_section)
        if key not in self._card_bodies:
            card = self.words.card(card_id)
            references = self.explorer.knowledge.references
            self._card_bodies[key] = render_study_card(card, references, self.card_first_section) if card else ""
        return self._card_bodies[key]

    def show_card(self, card_id: str) -> None:
        card = self.words.card(card_id)
        if card is not None:
            self.card_view.setHtml(f"<h2>{html.escape(card.title)}</h2>{self.card_body(card_id)}")
            self.tabs.setCurrentIndex(0)
            self.card_shown.emit(card_id)

    def _on_source_change(self, shown: Effects | None) -> None:
        if shown is None:
            with QSignalBlocker(self.source_box):
                self.source_box.setCurrentIndex(0)
            self.reach_view.clear()
            return
        with QSignalBlocker(self.source_box):  # shown from the model, or from this list
            self.source_box.setCurrentIndex(max(0, self.source_box.findData(shown.source)))
        self.tabs.setCurrentWidget(self.reverse_tab)
        tiers = reach_tiers(shown)  # as the body is shaded: strongest first
        every = (*shown.territories, *(f"region_{r}" for r in shown.regions))
        groups = [(self.tr(REACH_GROUPS[tier]), [p for p in tiers if tiers[p] == tier]) for tier in (3, 2, 1)]
        groups.append((self.tr(REACH_GROUPS[0]), [p for p in every if p not in tiers]))
        places = "".join(
            f"<li><b>{heading}</b> {html.escape(', '.join(sorted({self.words.title(p) for p in group})))}</li>"
            for heading, group in groups
            if group
        )
        parts = sorted({self.words.title(s) for s in shown.structures})
        links = "".join(f"<li>{html.escape(reach_line(self.words, link))}</li>" for link in shown.links)
        self.reach_view.setHtml(
            f"<h2>{html.escape(self.words.title(shown.source))}</h2>"
            + self.tr("<p><b>Can send pain or strain to:</b></p>")
            + f"<ul>{places or '<li>—</li>'}</ul>"
            + self.tr("<p><b>Through:</b> {0}</p>").format(", ".join(parts) or "—")
            + f"<ul>{links}</ul>"
        )
