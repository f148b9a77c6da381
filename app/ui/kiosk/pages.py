"""The kiosk's pages beside the body: start, attract, the result (where, what it may be, its card),
"When to get help now" with the red flags, the "Still there?" prompt; showing, reading aloud and
printing a card.

`KioskPages` builds them into the window around the 3D view and follows the explorer; what a
visitor asks of the kiosk as a whole it announces (`start_again_requested`, `still_here_pressed`,
`visitor_came`)."""

from __future__ import annotations

from collections.abc import Callable

from psygnal import SignalInstance
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.content.card_html import plain_cards_html, urgent_cards_html
from app.domain.explorer import Explorer
from app.domain.knowledge import InLanguage
from app.domain.ranking import Candidate
from app.domain.view_state import CameraRequests
from app.modes import ids
from app.modes.spec import ModeSpec
from app.ui.kiosk.moves import MoveControls
from app.ui.kiosk.printing import KioskPrinter
from app.ui.kiosk.prompt import StillTherePrompt
from app.ui.kiosk.read_aloud import ReadAloud
from app.ui.kiosk.style import KIOSK_COLOURS
from app.ui.kiosk.touch_views import ResultPage, card_browser, touch_scroll
from app.ui.pose_control import PosePlayer
from app.ui.widgets import named

# the kiosk's plain cards' headings (app/content/card_html.py PLAIN_CARDS)
PLAIN_HEADINGS = (
    QT_TRANSLATE_NOOP("KioskCards", "What it may be"),
    QT_TRANSLATE_NOOP("KioskCards", "What helps"),
    QT_TRANSLATE_NOOP("KioskCards", "When to get help"),
)
SHOWN_CANDIDATES = 3  # "what it may be": a few, not a ranked list
# the body and the side panel share the width; while cards are read the body gives way
BODY_STRETCH = {False: 5, True: 4}
SIDE_STRETCH = {False: 4, True: 5}


class KioskPages(QObject):
    start_again_requested = Signal()
    still_here_pressed = Signal()
    visitor_came = Signal()  # the urgent signs asked for (the attract screen, if on, goes)

    def __init__(
        self,
        window: QWidget,
        spec: ModeSpec,
        explorer: Explorer,
        words: InLanguage,
        view: QWidget,
        camera: CameraRequests,
        reader: ReadAloud,
        printer: KioskPrinter,
        contrast: str,
        poses: PosePlayer,
    ) -> None:
        super().__init__(window)
        self.poses = poses  # the pose of the card's source, played on the body (issue 24)
        self.window = window
        self.spec = spec  # the window's, as the staff change it for the session
        self.explorer = explorer
        self.words = words
        self.interactor = view
        self.camera = camera
        self.reader = reader
        self.printer = printer
        self.contrast = contrast
        self.shown_card: str | None = None
        self.shown_title = ""  # the heading on screen, which staff name in a report
        self._return_page: QWidget | None = None
        self._build()
        self._connections: list[tuple[SignalInstance, Callable[..., None]]] = [
            (explorer.changed, self._on_explorer_change),
            (explorer.selection_changed, self._on_selection_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

    def close_connections(self) -> None:
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()

    def _build(self) -> None:
        spec = self.spec
        root = QVBoxLayout(self.window)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)

        top = named(QFrame(), "bar")
        top_row = QHBoxLayout(top)
        self.instruction = named(QLabel(), "heading")
        self.instruction.setWordWrap(True)
        self.instruction.setMinimumWidth(0)
        self.urgent_button = named(QPushButton(self.tr("When to get help now")), "urgent")
        self.urgent_button.clicked.connect(self.show_urgent)
        self.urgent_button.setVisible(spec.allows(ids.URGENT_SIGNS) and spec.shows(ids.URGENT_BANNER))
        self.urgent_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # never squeezed
        top_row.addWidget(self.instruction, 1)
        top_row.addWidget(self.urgent_button)

        self.middle = middle = QHBoxLayout()
        middle.setContentsMargins(0, 0, 0, 0)
        self.side = QStackedWidget()
        self.start_page = self._message_page(
            self.tr("Touch where it hurts"),
            self.tr("Touch the body on the screen. Turn it with one finger. Pinch with two fingers to zoom."),
        )
        self.attract_page = self._message_page(self.tr("Touch where it hurts"), self.tr("Touch the screen to start."))
        self.result_page = self._build_result_page()
        self.urgent_page = self._build_urgent_page()
        for page in (self.start_page, self.result_page, self.urgent_page, self.attract_page):
            self.side.addWidget(page)
        middle.addWidget(self.interactor, BODY_STRETCH[False])
        middle.addWidget(self.side, SIDE_STRETCH[False])
        self.side.currentChanged.connect(self._on_page_change)

        bottom = named(QFrame(), "bar")
        bottom_row = QHBoxLayout(bottom)
        self.disclaimer = named(
            QLabel(self.tr("This is education, not a diagnosis. A clinician can examine you and tell.")), "disclaimer"
        )
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setVisible(spec.shows(ids.DISCLAIMER))
        bottom_row.addWidget(self.disclaimer, 1)
        self.view_buttons: dict[str, QPushButton] = {}
        for action, view, label in (
            (ids.VIEW_ANTERIOR, "anterior", self.tr("Front view")),
            (ids.VIEW_POSTERIOR, "posterior", self.tr("Back view")),
        ):
            if spec.allows(action):
                button = QPushButton(label)
                button.clicked.connect(lambda _checked=False, v=view: self.camera.request_view(v))
                bottom_row.addWidget(button)
                self.view_buttons[view] = button
        self.start_again_button = QPushButton(self.tr("Start again"))
        self.start_again_button.clicked.connect(self.start_again_requested)
        self.start_again_button.setVisible(spec.allows(ids.START_AGAIN))
        bottom_row.addWidget(self.start_again_button)

        exit_spot = spec.staff_exit
        if exit_spot is not None:  # keep the staff corner free of buttons
            bar = top_row if exit_spot.corner.startswith("top") else bottom_row
            corner = QWidget()
            corner.setFixedWidth(exit_spot.corner_px)
            bar.insertWidget(0 if exit_spot.corner.endswith("left") else bar.count(), corner)

        root.addWidget(top)
        root.addLayout(middle, 1)
        root.addWidget(bottom)
        self.prompt = StillTherePrompt(self.window)
        self.prompt.still_here.clicked.connect(self.still_here_pressed)
        self.show_start()

    def _message_page(self, heading: str, text: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        title = named(QLabel(heading), "attract")
        title.setWordWrap(True)
        body = QLabel(text)
        body.setWordWrap(True)
        for label in (title, body):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(2)
        return page

    def _build_result_page(self) -> QWidget:
        self.candidate_list = QListWidget()
        page = ResultPage(self.candidate_list)
        layout = QVBoxLayout(page)
        self.where = named(QLabel(), "heading")
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        layout.addWidget(QLabel(self.tr("What it may be (tap one):")))
        self.candidate_list.setWordWrap(True)
        self.candidate_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.candidate_list.setDragEnabled(False)
        self.candidate_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.candidate_list.currentItemChanged.connect(self._on_candidate_item)
        self.candidate_list.itemClicked.connect(self._on_candidate_clicked)
        touch_scroll(self.candidate_list, self.spec)
        self.candidate_list.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.candidate_list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.candidate_list)  # as tall as its few names: the card gets the rest
        self.card_view = card_browser(self.spec, self._on_link)
        layout.addWidget(self.card_view, 1)
        self.moves = MoveControls(self.poses, self.words, lambda: self.spec.allows(ids.SHOW_MOVEMENT), self)
        self.read_button = QPushButton(self.tr("Read it to me"))
        self.read_button.setCheckable(True)  # pressed while it speaks
        self.read_button.clicked.connect(self._on_read_aloud)
        self.reader.speaking_changed.connect(self._on_speaking_change)
        self.read_button.setVisible(self.spec.allows(ids.READ_ALOUD) and self.reader.available)
        self.print_button = QPushButton(self.tr("Print this page"))
        self.print_button.clicked.connect(self.print_card)
        self.print_button.setVisible(self._can_print())
        buttons = QHBoxLayout()  # one row: a stack of them took the card's room
        for button in (self.moves.button, self.read_button, self.print_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        layout.addWidget(self.moves.step_words)
        return page

    def _build_urgent_page(self) -> QWidget:
        knowledge = self.explorer.knowledge
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(named(QLabel(self.tr("When to get help now")), "heading"))
        self.urgent_view = card_browser(self.spec, self._on_link)
        layout.addWidget(self.urgent_view, 3)
        layout.addWidget(QLabel(self.tr("Do you have one of these now? Tap it:")))
        self.flag_list = named(QListWidget(), "flags")
        self.flag_list.setWordWrap(True)
        self.flag_list.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.flag_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for flag_id, _label in knowledge.answers("red_flags"):
            item = QListWidgetItem(self.words.title(flag_id))
            item.setData(Qt.ItemDataRole.UserRole, flag_id)
            self.flag_list.addItem(item)
        self.flag_list.itemClicked.connect(self._on_flag_item)
        touch_scroll(self.flag_list, self.spec)
        layout.addWidget(self.flag_list, 2)
        back = QPushButton(self.tr("Close"))
        back.clicked.connect(self._on_back)
        layout.addWidget(back)
        return page

    def _urgent_html(self) -> str:
        return urgent_cards_html(self.words)

    # -- the explorer → the pages ----------------------------------------------------------
    def _on_explorer_change(self) -> None:
        explorer = self.explorer
        with QSignalBlocker(self.candidate_list):
            self.candidate_list.clear()
            for candidate in self._shown_candidates():
                item = QListWidgetItem(f"{self._title(candidate)}\n{self.words.kind(candidate, plain=True)}")
                item.setData(Qt.ItemDataRole.UserRole, candidate.id)
                self.candidate_list.addItem(item)
        with QSignalBlocker(self.flag_list):
            for row in range(self.flag_list.count()):
                item = self.flag_list.item(row)
                item.setSelected(item.data(Qt.ItemDataRole.UserRole) in explorer.answers.red_flags)
        if explorer.touches:
            self.where.setText(
                self.tr("You touched {0}.").format(self.words.marked(explorer.place(explorer.touches[-1])))
            )
            self.instruction.setText(self.tr("Tap a name to read more."))
            if self.side.currentWidget() is self.start_page:
                self.side.setCurrentWidget(self.result_page)

    def _on_selection_change(self, candidate: Candidate | None) -> None:
        with QSignalBlocker(self.candidate_list):
            for row in range(self.candidate_list.count()):
                item = self.candidate_list.item(row)
                if candidate is not None and item.data(Qt.ItemDataRole.UserRole) == candidate.id:
                    self.candidate_list.setCurrentRow(row)
        shows = candidate is not None and candidate.mechanism != "urgent"
        self.poses.offer(candidate.condition if shows and candidate is not None else None)
        card = self.words.card(candidate.card) if candidate is not None else None
        self._show_card(self.card_view, card.id if card else None, self._title(candidate) if candidate else None)

    def _shown_candidates(self) -> list[Candidate]:
        """The first few sources, one per condition (a visitor reads "slipped disc", not each disc level)."""
        shown: dict[str, Candidate] = {}
        for candidate in self.explorer.candidates:
            shown.setdefault(candidate.condition, candidate)
            if len(shown) == SHOWN_CANDIDATES:
                break
        return list(shown.values())

    def _title(self, candidate: Candidate) -> str:
        """A source as a visitor reads it: the condition's name, without disc levels or roots (an
        urgent card keeps its own title), in the interface's language; an English fallback says so."""
        if candidate.mechanism == "urgent" or not self.words.is_translated(candidate.condition):
            return self.words.shown_title(candidate)
        return self.words.title(candidate.condition)

    def _on_read_aloud(self) -> None:
        if self.reader.speaking:
            self.reader.stop()
        else:
            self.reader.speak(self.card_view.toPlainText())

    def _on_speaking_change(self, speaking: bool) -> None:
        with QSignalBlocker(self.read_button):
            self.read_button.setChecked(speaking)
        self.read_button.setText(self.tr("Stop reading") if speaking else self.tr("Read it to me"))

    def _show_card(self, view: QTextBrowser, card_id: str | None, title: str | None = None) -> None:
        if view is self.card_view:
            self.reader.stop()  # it was reading the card that goes
        card = self.words.card(card_id) if card_id else None
        if card is None:
            view.clear()
            self.shown_card = None
            return
        view.setHtml(
            plain_cards_html(
                card,
                tuple(QCoreApplication.translate("KioskCards", str(h)) for h in PLAIN_HEADINGS),
                self.spec.card_hidden_sections,
                title,
                KIOSK_COLOURS[self.contrast]["panel"],
            )
        )
        view.verticalScrollBar().setValue(0)
        self.shown_card = card.id
        self.shown_title = title or card.title

    def _on_candidate_item(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.explorer.select(item.data(Qt.ItemDataRole.UserRole))

    def _on_page_change(self, _index: int) -> None:
        reading = self.side.currentWidget() in (self.result_page, self.urgent_page)
        self.middle.setStretch(0, BODY_STRETCH[reading])
        self.middle.setStretch(1, SIDE_STRETCH[reading])

    def _on_candidate_clicked(self, item: QListWidgetItem) -> None:
        """A tap on the item already chosen shows its card again (after a link showed another)."""
        selected = self.explorer.selected
        if selected is not None and item.data(Qt.ItemDataRole.UserRole) == selected.id:
            self._on_selection_change(selected)

    def _on_link(self, url: QUrl) -> None:
        """Card links open in the kiosk; any other link does nothing (no browser, no other program)."""
        if url.scheme() == "card" and self.spec.allows(ids.CARD_LINKS):
            on_urgent_page = self.side.currentWidget() is self.urgent_page
            self._show_card(self.urgent_view if on_urgent_page else self.card_view, url.path())
            if not on_urgent_page:  # the card shown is no longer the list's item: none looks chosen
                with QSignalBlocker(self.candidate_list):
                    self.candidate_list.setCurrentRow(-1)

    def show_urgent(self) -> None:
        """One tap: the red flags and where to get help now."""
        self.visitor_came.emit()
        self._return_page = self.side.currentWidget()
        self.urgent_view.setHtml(self._urgent_html())
        self.urgent_view.verticalScrollBar().setValue(0)
        self.side.setCurrentWidget(self.urgent_page)

    def _on_flag_item(self, item: QListWidgetItem) -> None:
        flag_id = item.data(Qt.ItemDataRole.UserRole)
        self.explorer.set_answer("red_flags", flag_id, item.isSelected())
        flag = self.explorer.knowledge.red_flags[flag_id]
        if item.isSelected():
            self._show_card(self.urgent_view, flag.card, self.words.red_flag_title(flag_id))

    def _on_back(self) -> None:
        page = self._return_page
        self.side.setCurrentWidget(page if page in (self.start_page, self.result_page) else self.start_page)
        if self.side.currentWidget() is self.start_page and (self.explorer.touches or self.explorer.candidates):
            self.side.setCurrentWidget(self.result_page)

    def show_start(self) -> None:
        self.instruction.setText(self.tr("Touch where it hurts"))
        self.side.setCurrentWidget(self.start_page)

    def show_attract(self, on: bool) -> None:
        """The attract screen (the idle kiosk), or the start page when a visitor wakes it."""
        if on:
            self.instruction.setText(self.tr("Touch where it hurts"))
            self.side.setCurrentWidget(self.attract_page)
        else:
            self.show_start()

    def say_touch_missed(self) -> None:
        self.instruction.setText(self.tr("Touch the skin of the body where it hurts."))

    def showing_start(self) -> bool:
        return self.side.currentWidget() is self.start_page

    def clear(self) -> None:
        """Every page as it was before the visitor: no card, no selection, scrolled to the top."""
        for view in (self.card_view, self.urgent_view):
            view.clear()
        for scroller in (self.card_view, self.urgent_view, self.candidate_list, self.flag_list):
            scroller.verticalScrollBar().setValue(0)
        with QSignalBlocker(self.flag_list):
            self.flag_list.clearSelection()
        self.where.clear()
        self.shown_card = None
        self._return_page = None
        self.prompt.hide()
        self.show_start()

    def set_spec(self, spec: ModeSpec) -> None:
        self.spec = spec
        self.print_button.setVisible(self._can_print())

    def _can_print(self) -> bool:
        return self.spec.printing and self.printer.available() is not None

    def print_card(self) -> None:
        """The card on screen straight to the printer: no dialog, no file."""
        if self.spec.printing and self.printer.print_document(self.card_view.document()):
            self.instruction.setText(self.tr("Your page is printing. Ask at the front desk for it."))
