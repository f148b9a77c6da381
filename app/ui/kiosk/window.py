"""The waiting-room kiosk: one finger and one flow. "Touch where it hurts" → the body with the spot
and the lit sources → a few plain cards → "Start again". "When to get help now" and "This is
education, not a diagnosis" are always on screen.

The window applies a `ModeSpec` (app/modes/spec.py) and asks it what exists; it never looks at the
mode's name. Untouched for the spec's idle time it asks "Still there?", counts down, then resets
everything the visitor did and shows the attract screen (the body turning slowly, drawn by a
low-rate `Frames` animation). No key, menu, link or close event leads out; staff hold a corner
and give the PIN.
"""

from __future__ import annotations

import app.ui.qt_env  # noqa: F401  (sets QT_API before pyvistaqt loads)

import html
import logging
import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSignalBlocker, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence, QMouseEvent, QTouchEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.content.handout import care_now
from app.content.markdown import render_markdown
from app.domain.errors import AssetError
from app.domain.explorer import Answers, Explorer
from app.domain.knowledge import Knowledge
from app.domain.ranking import Candidate
from app.domain.urgency import cards_by_level
from app.domain.view_state import CameraRequests, ViewState
from app.modes import ids
from app.modes.keeps_nothing import report_content_error
from app.modes.pin import PinGate
from app.modes.spec import ModeSpec
from app.scene.assets import Model
from app.scene.explorer_view import ExplorerView
from app.scene.scene import AnatomyScene
from app.scene.skin_labels import SkinLabels
from app.ui.i18n import current_language
from app.ui.kiosk.cards import card_sections, plain_cards_html
from app.ui.theme import chosen_contrast
from app.ui.kiosk.gestures import TouchGestures
from app.ui.kiosk.guard import KioskGuard
from app.ui.kiosk.printing import KioskPrinter
from app.ui.kiosk.read_aloud import ReadAloud
from app.ui.kiosk.staff import PinPad, StaffMenu
from app.ui.scene_widget import SceneWidget
from app.ui.touch_input import TouchInput

log = logging.getLogger(__name__)
URGENT_SECTION = "Get care now"  # a red-flag card's section (app/content/schema.py SECTIONS)
SHOWN_CANDIDATES = 3  # "what it may be": a few, not a ranked list
IDLE_TICK_MS = 250
BASE_FONT_PX = 16  # times the spec's font scale
KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
PRESS_EVENTS = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick, QEvent.Type.TouchBegin)
RELEASE_EVENTS = (QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel)
ACTIVITY_EVENTS = (*PRESS_EVENTS, *RELEASE_EVENTS, QEvent.Type.TouchUpdate, QEvent.Type.Wheel, QEvent.Type.MouseMove)


# The kiosk's two themes (app/ui/theme.py chooses: `--contrast`, else the platform's preference);
# (text, background) pairs are checked for WCAG contrast in tests/ui/kiosk/test_kiosk_window.py.
KIOSK_COLOURS = {
    "normal": {
        "text": "#1b1b1b", "background": "#f4f1ea", "accent": "#2c5d8f", "muted": "#333333", "bar": "#e6e0d4",
        "panel": "#ffffff", "button": "#2c5d8f", "button_text": "#ffffff", "button_border": "#2c5d8f",
        "checked": "#173a5e", "checked_text": "#ffffff", "disabled": "#9aa7b4", "urgent": "#b00020",
        "selected": "#2c5d8f", "selected_text": "#ffffff", "focus": "#173a5e", "border": "3px",
    },
    "high": {
        "text": "#ffffff", "background": "#000000", "accent": "#ffff00", "muted": "#ffffff", "bar": "#000000",
        "panel": "#000000", "button": "#000000", "button_text": "#ffffff", "button_border": "#ffffff",
        "checked": "#ffff00", "checked_text": "#000000", "disabled": "#4d4d4d", "urgent": "#8b0000",
        "selected": "#ffff00", "selected_text": "#000000", "focus": "#ffff00", "border": "4px",
    },
}
KIOSK_TEXT_PAIRS = (
    ("text", "background"), ("text", "panel"), ("accent", "background"), ("muted", "background"), ("text", "bar"),
    ("button_text", "button"), ("checked_text", "checked"), ("button_text", "urgent"), ("selected_text", "selected"),
)


def _style(spec: ModeSpec, contrast: str = "normal") -> str:
    base = round(BASE_FONT_PX * spec.font_scale)
    target = max(spec.touch_target_px, 24)
    c = KIOSK_COLOURS[contrast]
    return f"""
    QWidget {{ color: {c["text"]}; font-size: {base}px; }}
    QWidget#kiosk, QDialog {{ background: {c["background"]}; }}
    QLabel#heading {{ font-size: {round(base * 1.5)}px; font-weight: bold; }}
    QLabel#attract {{ font-size: {round(base * 2.6)}px; font-weight: bold; color: {c["accent"]}; }}
    QLabel#disclaimer {{ font-size: {base}px; color: {c["muted"]}; }}
    QFrame#bar {{ background: {c["bar"]}; }}
    QDialog {{ border: 3px solid {c["accent"]}; border-radius: 16px; }}
    QFrame#prompt {{ background: {c["panel"]}; border: 3px solid {c["accent"]}; border-radius: 16px; }}
    QPushButton {{ min-height: {target}px; min-width: {target}px; padding: 6px 18px; border-radius: 10px;
                  background: {c["button"]}; color: {c["button_text"]}; font-size: {base}px;
                  border: {c["border"]} solid {c["button_border"]}; }}
    QPushButton:checked {{ background: {c["checked"]}; color: {c["checked_text"]}; }}
    QPushButton:disabled {{ background: {c["disabled"]}; }}
    QPushButton:focus {{ border: {c["border"]} solid {c["focus"]}; }}
    QDialog#pin_pad QPushButton {{ min-height: {target * 2}px; min-width: {target * 2}px; }}
    QComboBox {{ min-height: {target}px; }}
    QPushButton#urgent {{ background: {c["urgent"]}; font-weight: bold; }}
    QListWidget {{ background: {c["background"]}; border: none; font-size: {base}px; }}
    QListWidget::item {{ min-height: {target}px; padding: 8px; margin: 3px; background: {c["panel"]}; border-radius: 8px;
                         border: 2px solid {c["button_border"] if contrast == "high" else c["panel"]}; }}
    QListWidget::item:selected {{ background: {c["selected"]}; color: {c["selected_text"]}; }}
    QListWidget#flags::item:selected {{ background: {c["urgent"]}; color: {c["button_text"]}; }}
    QTextBrowser {{ background: {c["background"]}; border: none; font-size: {base}px; }}
    QScrollBar:vertical {{ width: {target // 2}px; }}
    """


class KioskWindow(QWidget):
    language_chosen = Signal(str)  # the staff chose another interface language: rebuild the kiosk in it

    def __init__(
        self,
        model: Model,
        knowledge: Knowledge,
        spec: ModeSpec,
        *,
        clock: Callable[[], float] = time.monotonic,
        quit_app: Callable[[int], None] = QCoreApplication.exit,
        languages: tuple[str, ...] = ("en",),
    ) -> None:
        super().__init__()
        self.spec = spec
        self.clock = clock
        self._quit = quit_app
        self.languages = languages
        self.language = spec.language or languages[0]
        self.setObjectName("kiosk")
        self.setWindowTitle(self.tr("Referral Atlas"))
        if spec.frameless:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint)
        self.contrast = chosen_contrast()  # `--contrast`, else the platform's (a kiosk saves no choice)
        self.setStyleSheet(_style(spec, self.contrast))
        if not spec.context_menus:
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)

        self.state = ViewState(high_contrast=self.contrast == "high")
        self.camera = CameraRequests()
        self.explorer = Explorer(knowledge)
        self.words = knowledge.in_language(current_language())  # the cards and titles in the interface's language
        self.gate = PinGate(spec.staff_exit.pin if spec.staff_exit else None, clock=clock)
        self.reader = ReadAloud(self.language, parent=self)
        self.printer = KioskPrinter(spec.printer)
        self.interactor = SceneWidget(self)
        self.scene = AnatomyScene(self.interactor, model, self.state, self.camera)
        self.interactor.show_scene(self.scene)
        try:
            labels: SkinLabels | None = SkinLabels.from_skin(model.skin)
        except AssetError as error:
            log.error("touch is off: %s", error)
            labels = None
        self.explorer_view = ExplorerView(self.scene, self.explorer, labels) if labels else None
        self.mouse_input = TouchInput(self.interactor, lambda x, y, _add: self.touch_at(x, y),
                                      lambda x, y: self.touch_at(x, y))  # fmt: skip
        self.gestures = TouchGestures(
            self.interactor, self.scene, spec.gestures, self.touch_at, self.camera.request_reset, clock
        )

        self._pending_touch: int | None = None
        self._answer_timer = QTimer(self)
        self._answer_timer.setSingleShot(True)
        self._answer_timer.setInterval(0)
        self._answer_timer.timeout.connect(self._answer_touch)
        self._shown_card: str | None = None
        self.attracting = False
        self._attract_last: float | None = None
        self._leaving = False
        self.pin_pad: PinPad | None = None
        self.staff_menu: StaffMenu | None = None

        self._build()
        self._connections = [
            (self.explorer.changed, self._on_explorer_change),
            (self.explorer.selection_changed, self._on_selection_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

        self._last_input = clock()
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_TICK_MS)
        self._idle_timer.timeout.connect(self.idle_tick)
        if spec.idle is not None:
            self._idle_timer.start()
        self._hold_timer = QTimer(self)
        self._hold_timer.setSingleShot(True)
        self._hold_timer.timeout.connect(self._on_corner_held)
        QCoreApplication.instance().installEventFilter(self)
        self.guard = KioskGuard(self, self.bring_to_front)

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        spec = self.spec
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)

        top = QFrame(objectName="bar")
        top_row = QHBoxLayout(top)
        self.instruction = QLabel(objectName="heading")
        self.instruction.setWordWrap(True)
        self.instruction.setMinimumWidth(0)
        self.urgent_button = QPushButton(self.tr("When to get help now"), objectName="urgent")
        self.urgent_button.clicked.connect(self.show_urgent)
        self.urgent_button.setVisible(spec.allows(ids.URGENT_SIGNS) and spec.shows(ids.URGENT_BANNER))
        self.urgent_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # never squeezed
        top_row.addWidget(self.instruction, 1)
        top_row.addWidget(self.urgent_button)

        middle = QHBoxLayout()
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
        middle.addWidget(self.interactor, 5)
        middle.addWidget(self.side, 4)

        bottom = QFrame(objectName="bar")
        bottom_row = QHBoxLayout(bottom)
        self.disclaimer = QLabel(self.tr("This is education, not a diagnosis. A clinician can examine you and tell."),
                                 objectName="disclaimer")  # fmt: skip
        self.disclaimer.setWordWrap(True)
        self.disclaimer.setVisible(spec.shows(ids.DISCLAIMER))
        bottom_row.addWidget(self.disclaimer, 1)
        self.view_buttons: dict[str, QPushButton] = {}
        for action, view, label in ((ids.VIEW_ANTERIOR, "anterior", self.tr("Front view")),
                                    (ids.VIEW_POSTERIOR, "posterior", self.tr("Back view"))):  # fmt: skip
            if spec.allows(action):
                button = QPushButton(label)
                button.clicked.connect(lambda _checked=False, v=view: self.camera.request_view(v))
                bottom_row.addWidget(button)
                self.view_buttons[view] = button
        self.start_again_button = QPushButton(self.tr("Start again"))
        self.start_again_button.clicked.connect(self.start_again)
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
        self._build_prompt()
        self._show_start()

    def _message_page(self, heading: str, text: str) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        title = QLabel(heading, objectName="attract")
        title.setWordWrap(True)
        body = QLabel(text)
        body.setWordWrap(True)
        for label in (title, body):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(2)
        return page

    def _browser(self) -> QTextBrowser:
        """A card view: in-app card links only, and no selecting, dragging or menus unless the spec allows."""
        view = QTextBrowser()
        view.setOpenLinks(False)
        view.setOpenExternalLinks(self.spec.external_links)
        view.anchorClicked.connect(self._on_link)
        if not self.spec.text_selection:
            view.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)  # nothing to drag out
        self._touch_scroll(view)
        return view

    def _touch_scroll(self, view: QAbstractScrollArea) -> None:
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(view.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        if not self.spec.context_menus:
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)

    def _build_result_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.where = QLabel(objectName="heading")
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        layout.addWidget(QLabel(self.tr("What it may be (tap one):")))
        self.candidate_list = QListWidget()
        self.candidate_list.setWordWrap(True)
        self.candidate_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.candidate_list.setDragEnabled(False)
        self.candidate_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.candidate_list.currentItemChanged.connect(self._on_candidate_item)
        self._touch_scroll(self.candidate_list)
        layout.addWidget(self.candidate_list, 2)
        self.card_view = self._browser()
        layout.addWidget(self.card_view, 3)
        self.read_button = QPushButton(self.tr("Read it to me"))
        self.read_button.setCheckable(True)  # pressed while it speaks
        self.read_button.clicked.connect(self._on_read_aloud)
        self.reader.speaking_changed.connect(self._on_speaking_change)
        self.read_button.setVisible(self.spec.allows(ids.READ_ALOUD) and self.reader.available)
        layout.addWidget(self.read_button)
        self.print_button = QPushButton(self.tr("Print this page"))
        self.print_button.clicked.connect(self._print)
        self.print_button.setVisible(self._can_print())
        layout.addWidget(self.print_button)
        return page

    def _build_urgent_page(self) -> QWidget:
        knowledge = self.explorer.knowledge
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("When to get help now"), objectName="heading"))
        self.urgent_view = self._browser()
        layout.addWidget(self.urgent_view, 3)
        layout.addWidget(QLabel(self.tr("Do you have one of these now? Tap it:")))
        self.flag_list = QListWidget(objectName="flags")
        self.flag_list.setWordWrap(True)
        self.flag_list.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.flag_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for flag_id, _label in knowledge.answers("red_flags"):
            item = QListWidgetItem(self.words.title(flag_id))
            item.setData(Qt.ItemDataRole.UserRole, flag_id)
            self.flag_list.addItem(item)
        self.flag_list.itemClicked.connect(self._on_flag_item)
        self._touch_scroll(self.flag_list)
        layout.addWidget(self.flag_list, 2)
        back = QPushButton(self.tr("Close"))
        back.clicked.connect(self._on_back)
        layout.addWidget(back)
        return page

    def _urgent_html(self) -> str:
        """The signs under what to do for each (emergency apart from a doctor today), then every
        red-flag card's "Get care now", once each, most urgent first, straight from the content."""
        signs = "".join(f"<p><b>{html.escape(says)}</b></p><ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in group)
                        + "</ul>" for says, group in care_now(self.words))  # fmt: skip
        parts = [signs]
        for _level, card_ids in cards_by_level(self.explorer.knowledge):
            for card in filter(None, map(self.words.card, card_ids)):
                now = card_sections(card).get(URGENT_SECTION, card.summary)
                parts.append(f"<h2>{html.escape(card.title)}</h2>{render_markdown(now)}")
        return "".join(parts)

    def _build_prompt(self) -> None:
        self.prompt = QFrame(self, objectName="prompt")
        layout = QVBoxLayout(self.prompt)
        title = QLabel(self.tr("Still there?"), objectName="attract")
        self.countdown = QLabel()
        self.still_here = QPushButton(self.tr("Yes, I am still here"))
        self.still_here.clicked.connect(self._on_still_here)
        for widget in (title, self.countdown):
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(widget)
        layout.addWidget(self.still_here)
        self.prompt.hide()

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._place_dialogs()

    def _place_dialogs(self) -> None:
        for box in (self.prompt, self.pin_pad, self.staff_menu):
            if box is not None:
                box.adjustSize()
                box.move(self.rect().center() - box.rect().center())

    def show_kiosk(self) -> None:
        """Fullscreen (as the spec says) on the spec's screen, or the first one if it has no such screen."""
        screens = QGuiApplication.screens()
        index = self.spec.screen
        screen = screens[index] if index is not None and index < len(screens) else QGuiApplication.primaryScreen()
        if index is not None and index >= len(screens):
            log.warning("kiosk screen %d does not exist (%d screen(s)); using the first", index, len(screens))
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.bring_to_front()
        self.guard.keep_in_front()

    def bring_to_front(self, afresh: bool = False) -> None:
        """Shown, in front and filling its screen as the spec says (KioskGuard calls this when it is
        not); `afresh` hides the window first, so that the window manager maps it again."""
        if self._leaving:
            return
        if afresh:
            self.hide()
        if self.spec.fullscreen:
            self.showFullScreen()
        else:
            self.showNormal()
        self.raise_()
        self.activateWindow()

    # -- the visitor's flow ---------------------------------------------------------------------
    def touch_at(self, x: float, y: float) -> None:
        """A touch of the body at VTK display pixels: picked now, answered from the event loop."""
        if self.explorer_view is None or self.attracting:
            return
        point_id = self.explorer_view.pick(x, y)
        if point_id is None:
            self.instruction.setText(self.tr("Touch the skin of the body where it hurts."))
            return
        self._pending_touch = point_id
        self._answer_timer.start()

    def _answer_touch(self) -> None:
        point_id, self._pending_touch = self._pending_touch, None
        if point_id is not None and self.explorer_view is not None:
            self.explorer_view.touch_vertex(point_id)

    def _on_explorer_change(self) -> None:
        explorer = self.explorer
        with QSignalBlocker(self.candidate_list):
            self.candidate_list.clear()
            for candidate in explorer.candidates[:SHOWN_CANDIDATES]:
                item = QListWidgetItem(f"{self._title(candidate)}\n{self.words.kind(candidate)}")
                item.setData(Qt.ItemDataRole.UserRole, candidate.id)
                self.candidate_list.addItem(item)
        with QSignalBlocker(self.flag_list):
            for row in range(self.flag_list.count()):
                item = self.flag_list.item(row)
                item.setSelected(item.data(Qt.ItemDataRole.UserRole) in explorer.answers.red_flags)
        if explorer.touches:
            self.where.setText(self.tr("You touched {0}.").format(self.words.marked(explorer.place(explorer.touches[-1]))))
            self.instruction.setText(self.tr("Tap a name to read more."))
            if self.side.currentWidget() is self.start_page:
                self.side.setCurrentWidget(self.result_page)

    def _on_selection_change(self, candidate: Candidate | None) -> None:
        with QSignalBlocker(self.candidate_list):
            for row in range(self.candidate_list.count()):
                item = self.candidate_list.item(row)
                if candidate is not None and item.data(Qt.ItemDataRole.UserRole) == candidate.id:
                    self.candidate_list.setCurrentRow(row)
        card = self.words.card(candidate.card) if candidate is not None else None
        self._show_card(self.card_view, card.id if card else None, self._title(candidate) if candidate else None)

    def _title(self, candidate: Candidate) -> str:
        """A source's title in the interface's language; an English fallback says so."""
        title, language = self.words.candidate_title(candidate)
        return title if language == self.words.language else self.tr("{0} (in English)").format(title)

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
            self._shown_card = None
            return
        view.setHtml(plain_cards_html(card, self.spec.card_hidden_sections, title, KIOSK_COLOURS[self.contrast]["panel"]))
        view.verticalScrollBar().setValue(0)
        self._shown_card = card.id

    def _on_candidate_item(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.explorer.select(item.data(Qt.ItemDataRole.UserRole))

    def _on_link(self, url: QUrl) -> None:
        """Card links open in the kiosk; any other link does nothing (no browser, no other program)."""
        if url.scheme() == "card" and self.spec.allows(ids.CARD_LINKS):
            view = self.urgent_view if self.side.currentWidget() is self.urgent_page else self.card_view
            self._show_card(view, url.path())

    def show_urgent(self) -> None:
        """One tap: the red flags and where to get help now."""
        if self.attracting:
            self.leave_attract()
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
        page = getattr(self, "_return_page", None)
        self.side.setCurrentWidget(page if page in (self.start_page, self.result_page) else self.start_page)
        if self.side.currentWidget() is self.start_page and (self.explorer.touches or self.explorer.candidates):
            self.side.setCurrentWidget(self.result_page)

    def _show_start(self) -> None:
        self.instruction.setText(self.tr("Touch where it hurts"))
        self.side.setCurrentWidget(self.start_page)

    def start_again(self) -> None:
        """Everything the visitor did goes: touches, answers, selection, cards, view, scroll positions."""
        self._answer_timer.stop()
        self._pending_touch = None
        self.reader.stop()
        self.explorer.clear()
        self.camera.request_reset()
        for view in (self.card_view, self.urgent_view):
            view.clear()
        for scroller in (self.card_view, self.urgent_view, self.candidate_list, self.flag_list):
            scroller.verticalScrollBar().setValue(0)
        with QSignalBlocker(self.flag_list):
            self.flag_list.clearSelection()
        self.where.clear()
        self._shown_card = None
        self._return_page = None
        self.prompt.hide()
        for dialog in (self.pin_pad, self.staff_menu):
            if dialog is not None:
                dialog.reject()
        self._show_start()
        self._last_input = self.clock()

    def is_blank(self) -> bool:
        """Nothing of a visitor on screen (so an idle kiosk goes to its attract screen without asking)."""
        explorer = self.explorer
        return (not explorer.touches and explorer.answers == Answers() and self._pending_touch is None
                and self.side.currentWidget() is self.start_page)  # fmt: skip

    # -- idle, prompt, attract ------------------------------------------------------------------
    def idle_tick(self) -> None:
        idle = self.spec.idle
        if idle is None or self.attracting or self._leaving:
            return
        if self.pin_pad is not None:  # a member of staff is at the pad: no "Still there?", no reset under it
            self._last_input = self.clock()
        idle_for = self.clock() - self._last_input
        phase = idle.phase(idle_for)
        if phase == "active":
            self.prompt.hide()
        elif phase == "prompt" and not self.is_blank() and self.spec.shows(ids.IDLE_PROMPT):
            self.countdown.setText(self.tr("The screen starts again in {0} s.").format(idle.seconds_left(idle_for)))
            if not self.prompt.isVisible():
                self.prompt.show()
                self.prompt.raise_()
                self._place_dialogs()
        elif phase == "reset" or self.is_blank():
            self.start_again()
            self.enter_attract()

    def _on_still_here(self) -> None:
        self._last_input = self.clock()
        self.prompt.hide()

    def enter_attract(self) -> None:
        if self.attracting or not self.spec.shows(ids.ATTRACT_SCREEN):
            return
        self.attracting = True
        self.instruction.setText(self.tr("Touch where it hurts"))
        self.side.setCurrentWidget(self.attract_page)
        attract = self.spec.attract
        if attract is not None:
            self._attract_last = None
            self.scene.frames.animate(self._attract_step, interval_s=1.0 / attract.frames_per_s)

    def _attract_step(self, now: float) -> bool:
        attract = self.spec.attract
        if not self.attracting or attract is None:
            return False
        step = 0.0 if self._attract_last is None else now - self._attract_last
        self._attract_last = now
        self.scene.plotter.renderer.GetActiveCamera().Azimuth(attract.degrees_per_s * step)
        self.scene.plotter.renderer.ResetCameraClippingRange()
        return True

    def leave_attract(self) -> None:
        if not self.attracting:
            return
        self.attracting = False
        self.scene.frames.stop(self._attract_step)
        self.start_again()

    def animating(self) -> bool:
        """Anything still to draw (the attract loop draws until it is left)."""
        return self._pending_touch is not None or not self.scene.frames.idle

    # -- no way out -------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        kind = event.type()
        if kind in KEY_EVENTS:
            return self._filter_key(watched, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.ContextMenu and not self.spec.context_menus:
            return True
        if kind not in ACTIVITY_EVENTS or not isinstance(watched, QWidget) or self._leaving:
            return False
        if kind == QEvent.Type.MouseMove and not event.buttons():  # type: ignore[attr-defined]
            return False
        self._last_input = self.clock()
        if kind in PRESS_EVENTS and self._outside_staff_box(watched):
            event.accept()  # the PIN pad and the staff menu are modal: nothing behind them reacts
            return True
        if kind in PRESS_EVENTS:
            self._start_corner_hold(event)
            if self.attracting:  # the first touch only wakes the kiosk
                self.leave_attract()
                event.accept()
                return True
        elif kind in RELEASE_EVENTS:
            self._hold_timer.stop()
        elif self._hold_timer.isActive() and not self._in_staff_corner(event):
            self._hold_timer.stop()
        return False

    def _outside_staff_box(self, watched: QWidget) -> bool:
        box = self.staff_menu or self.pin_pad
        return box is not None and box.isVisible() and not (watched is box or box.isAncestorOf(watched))

    def _filter_key(self, watched: QObject, event: QKeyEvent) -> bool:
        """Every key the spec does not allow is eaten, and VTK's own keys always are."""
        keys = QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.PortableText)
        view = self.interactor
        inside_view = isinstance(watched, QWidget) and (watched is view or view.isAncestorOf(watched))
        if inside_view or not self.spec.key_allowed(keys):
            event.accept()
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        if not (self._leaving or self.spec.closable):
            event.ignore()  # Alt+F4, the window manager's close button, a close event: the kiosk stays
            return
        self._shut_down()
        super().closeEvent(event)

    def leave(self, code: int = 0) -> None:
        """The staff's way out (after the PIN): close and end the program with `code`."""
        log.info("kiosk left by staff")
        self._leaving = True
        self.close()
        self._quit(code)

    def _shut_down(self) -> None:
        self._leaving = True
        self.guard.stop()
        QCoreApplication.instance().removeEventFilter(self)
        self.reader.stop()
        for timer in (self._idle_timer, self._hold_timer, self._answer_timer):
            timer.stop()
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()
        if self.explorer_view is not None:
            self.explorer_view.close()
        self.scene.close()
        self.interactor.close()

    # -- staff ------------------------------------------------------------------------------------
    def _event_position(self, event: QEvent) -> QPoint | None:
        if isinstance(event, QTouchEvent) and event.points():
            return self.mapFromGlobal(event.points()[0].globalPosition().toPoint())
        if isinstance(event, QMouseEvent):
            return self.mapFromGlobal(event.globalPosition().toPoint())
        return None

    def _in_staff_corner(self, event: QEvent) -> bool:
        exit_spot = self.spec.staff_exit
        position = self._event_position(event)
        if exit_spot is None or position is None:
            return False
        size = exit_spot.corner_px
        near_x = position.x() < size if exit_spot.corner.endswith("left") else position.x() >= self.width() - size
        near_y = position.y() < size if exit_spot.corner.startswith("top") else position.y() >= self.height() - size
        return near_x and near_y and self.rect().contains(position)

    def _start_corner_hold(self, event: QEvent) -> None:
        exit_spot = self.spec.staff_exit
        if (exit_spot is not None and self.spec.allows(ids.STAFF_EXIT) and ids.STAFF_CORNER_HOLD in self.spec.gestures
                and self.pin_pad is None and self._in_staff_corner(event)):  # fmt: skip
            self._hold_timer.start(round(exit_spot.hold_s * 1000))

    def _on_corner_held(self) -> None:
        if not self.gate.has_pin:
            log.info("staff corner held, but the kiosk config has no PIN (set one with `referral-atlas kiosk-pin`)")
            return
        self.pin_pad = PinPad(self.gate, self)
        self.pin_pad.accepted.connect(self._open_staff_menu)
        self.pin_pad.finished.connect(self._on_pin_pad_closed)
        self.pin_pad.open()
        self.pin_pad.raise_()
        self._place_dialogs()

    def _on_pin_pad_closed(self, _result: int) -> None:
        self.pin_pad = None

    def _open_staff_menu(self) -> None:
        log.info("staff PIN accepted")
        if not self.spec.allows(ids.STAFF_MENU):
            self.leave(0)
            return
        idle = self.spec.idle
        card = self.words.card(self._shown_card) if self._shown_card else None
        menu = StaffMenu(idle.prompt_after_s if idle else 0.0, self.language, list(self.languages),
                         self.spec.printing, card.title if card else None, self)  # fmt: skip
        menu.show_printer(self.printer.available() if self.spec.printing else None)
        menu.leave_requested.connect(lambda: self.leave(0))
        menu.idle_changed.connect(self._set_idle_s)
        menu.language_changed.connect(self._set_language)
        menu.printing_changed.connect(self._set_printing)
        menu.report_requested.connect(self._report_content_error)
        menu.finished.connect(self._on_staff_menu_closed)
        menu.report_button.setVisible(self.spec.allows(ids.REPORT_CONTENT_ERROR))
        self.staff_menu = menu
        menu.open()
        menu.raise_()
        self._place_dialogs()

    def _on_staff_menu_closed(self, _result: int) -> None:
        self.staff_menu = None
        self._last_input = self.clock()

    def _set_idle_s(self, seconds: float) -> None:
        if self.spec.idle is not None:
            self.spec = replace(self.spec, idle=replace(self.spec.idle, prompt_after_s=seconds))
            log.info("staff set the idle time to %d s for this session", round(seconds))

    def _set_language(self, language: str) -> None:
        self.language = language
        self.spec = replace(self.spec, language=language)
        log.info("staff set the default language to %s for this session", language)
        if language != current_language():
            self.language_chosen.emit(language)

    def make_way(self) -> None:
        """Stop guarding the screen: a new kiosk window (another language) is about to take it."""
        self.guard.stop()

    def hand_over(self) -> None:
        """Close for a new kiosk window (another language) without ending the program."""
        self._leaving = True
        self.close()

    def _set_printing(self, on: bool) -> None:
        actions = self.spec.actions | {ids.PRINT_HANDOUT} if on else self.spec.actions - {ids.PRINT_HANDOUT}
        self.spec = replace(self.spec, actions=actions)
        log.info("staff turned printing %s for this session", "on" if on else "off")
        self.print_button.setVisible(self._can_print())
        if self.staff_menu is not None:
            self.staff_menu.show_printer(self.printer.available() if on else None)

    def _report_content_error(self) -> None:
        card = self.explorer.knowledge.card(self._shown_card) if self._shown_card else None
        if card is not None:
            report_content_error(card.id, str(card.content_version))

    def _can_print(self) -> bool:
        return self.spec.printing and self.printer.available() is not None

    def _print(self) -> None:
        """The card on screen straight to the printer: no dialog, no file."""
        if self.spec.printing and self.printer.print_document(self.card_view.document()):
            self.instruction.setText(self.tr("Your page is printing. Ask at the front desk for it."))
