"""The main window: the 3D view in the middle, layers and maps on the left, sources and cards on
the right, views and urgent signs in the toolbar, a status line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QIcon, QKeySequence, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSlider,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.content.handout import build_handout
from app.domain.explorer import Explorer, Touch
from app.domain.knowledge import InLanguage, Knowledge
from app.domain.ranking import Candidate
from app.domain.search import SearchIndex
from app.domain.view_state import CameraRequests, ViewState
from app.modes import ids
from app.modes.spec import CLINICIAN, ModeSpec
from app.scene.assets import Model
from app.scene.highlight import domain_id
from app.scene.skin_overlays import OVERLAY_TITLES, SkinOverlays
from app.ui.accessibility import Announcer
from app.ui.body_view import BodyView
from app.ui.compare import CompareView
from app.ui.explorer_panel import ExplorerPanel, labelled, narrow_combo
from app.ui.handout import HandoutDialog, image_from_rgb
from app.ui.history import HistoryControl
from app.ui.host import HostEvents
from app.ui.i18n import LANGUAGES, current_language
from app.ui.keyboard import SceneKeys, key_names, order_tab_chain, reach_toolbar_by_tab, shortcut_table, show_keys
from app.ui.scene_widget import ViewFrame
from app.ui.search import SearchBox, search_keys
from app.ui.spot_picker import SpotPicker
from app.ui.text_size import TextSize
from app.ui.theme import Theme

if TYPE_CHECKING:
    from app.domain.query import Side
    from app.study.questions import QuestionBank
    from app.ui.study.mode import StudyMode

VIEW_ACTIONS = (  # QT_TRANSLATE_NOOP marks the words for pyside6-lupdate; self.tr() shows them
    ("anterior", QT_TRANSLATE_NOOP("MainWindow", "Front"), "1"),
    ("posterior", QT_TRANSLATE_NOOP("MainWindow", "Back"), "2"),
    ("left", QT_TRANSLATE_NOOP("MainWindow", "Left side"), "3"),
    ("right", QT_TRANSLATE_NOOP("MainWindow", "Right side"), "4"),
    ("plantar", QT_TRANSLATE_NOOP("MainWindow", "Soles"), "5"),
)
LAYER_LABELS = (
    ("show_skin", QT_TRANSLATE_NOOP("MainWindow", "Skin")),
    ("show_bones", QT_TRANSLATE_NOOP("MainWindow", "Bones")),
    ("show_muscles", QT_TRANSLATE_NOOP("MainWindow", "Muscles")),
    ("show_nerves", QT_TRANSLATE_NOOP("MainWindow", "Nerves")),
    ("show_structures", QT_TRANSLATE_NOOP("MainWindow", "Discs, joints, bursa")),
)
OVERLAY_CHOICES = (("none", QT_TRANSLATE_NOOP("MainWindow", "No map")), *OVERLAY_TITLES.items())
LAYERS_DOCK_PX = 220
PANEL_SHARE, PANEL_MIN_PX, PANEL_MAX_PX = 0.31, 340, 600  # the sources panel's share of the width
NARROW_PX = 1100  # narrower windows tuck the layers dock away (a toolbar button brings it back)


class MainWindow(QMainWindow):
    language_chosen = Signal(str)  # the person chose another interface language

    def __init__(
        self,
        model: Model,
        knowledge: Knowledge,
        state: ViewState | None = None,
        spec: ModeSpec = CLINICIAN,
        question_bank: QuestionBank | None = None,
    ) -> None:
        super().__init__()
        self.spec = spec
        self.setWindowTitle(self.tr("Referral Atlas"))
        self.text_size = TextSize(self)  # Ctrl+= / Ctrl+- / Ctrl+0, remembered; larger in a tall window
        self.resize(1280, 800)
        self.state = state or ViewState()
        self.state.text_scale = self.text_size.drawn_scale  # labels in 3D follow the presenter's text size
        self.text_size.changed.connect(self._on_text_scale)
        self.camera = CameraRequests()
        self.explorer = Explorer(knowledge)
        self.events = HostEvents()

        self.body = BodyView(self, model, self.explorer, self.state, self.camera, self._on_touch, self._on_structure)
        self.body.answered.connect(self._on_touch_answered)
        self.interactor, self.scene, self.explorer_view = self.body.widget, self.body.scene, self.body.explorer_view
        self.touch_input = self.body.touch_input
        self.interactor.setAccessibleName(self.tr("The body in 3D"))
        self.interactor.setAccessibleDescription(
            self.tr(
                "Click where it hurts; drag to turn, scroll to zoom. Keys: the arrows turn the body, + and − zoom,"
                " P chooses the place from a list."
            )
        )
        self.view_frame = ViewFrame(self.interactor)  # its edge shows the view's keyboard focus
        self.setCentralWidget(self.view_frame)
        self._scene_keys = SceneKeys(self.scene, self)
        self.interactor.installEventFilter(self._scene_keys)
        self._touch_note = self.tr("click where it hurts")
        if self.body.problem is not None:
            self._touch_note = self.tr("touch is off: {0}").format(self.body.problem)
        self.overlays = SkinOverlays(self.scene, self.body.labels) if self.body.labels else None
        if self.explorer_view is not None:
            self.explorer_view.pulse_skipped.connect(self._on_pulse_skipped)

        self._build_view_toolbar()
        self._build_layers_dock()
        self._build_explorer_dock()
        self._build_handout_action()
        self._build_search()
        self.theme = Theme(self)  # the style sheet, normal or high contrast (Ctrl+Shift+H), remembered
        self.toolbar.addAction(self.theme.action)
        self.find_bar.addSeparator()
        self.history = HistoryControl(self.explorer, self.panel, self.find_bar)  # Alt+← / Alt+→
        self.camera.view_requested.connect(self._on_view_change)
        self.camera.reset_requested.connect(self._on_view_reset)
        self.explorer.changed.connect(self._on_explorer_change)
        self._on_view_change("anterior")
        self.panel.card_first_section = spec.card_first_section
        self.study = self._build_study(spec, question_bank)
        self._build_keyboard()

    def _build_keyboard(self) -> None:
        """Tab reaches every control in reading order (toolbars, the left column, the body, the
        panel), each shortcut is written in its tooltip, and the first focus is the place picker:
        the keyboard's way to do what a touch does."""
        keys = QAction(self.tr("Keyboard keys"), self)
        keys.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        keys.triggered.connect(self._show_keys)
        self.addAction(keys)  # F1 lists every key
        self.keys_action = keys
        self.keys_box: QMessageBox | None = None
        for toolbar in (self.toolbar, self.find_bar):
            reach_toolbar_by_tab(toolbar)
        docks = self.findChildren(QDockWidget)
        left = [d for d in docks if self.dockWidgetArea(d) == Qt.DockWidgetArea.LeftDockWidgetArea]
        others = [d for d in docks if d not in left]
        order_tab_chain(self, [self.toolbar, self.find_bar, *left, self.interactor, *others])
        show_keys(self._keyed_controls())
        self.search_box.setToolTip(f"{self.search_action.text()} ({key_names(self.search_action)})")
        if self.panel.isEnabled():
            self.panel.pick_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_study(self, spec: ModeSpec, bank: QuestionBank | None) -> StudyMode | None:
        """Names on demand, the study tools and the quiz, as far as the mode allows (app/ui/study)."""
        wanted = (ids.QUIZ, ids.HOVER_NAMES, ids.LABELS_ALL, ids.ISOLATE, ids.FOLLOW_NERVE)
        if not any(spec.allows(action) for action in wanted):
            return None
        from app.ui.study.mode import StudyMode

        return StudyMode(self, spec, bank=bank)

    # -- building ---------------------------------------------------------------------------
    def _build_view_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Views"), self)
        toolbar.setObjectName("views")
        toolbar.setMovable(False)
        self.view_actions: dict[str, QAction] = {}
        for view, label, key in VIEW_ACTIONS:
            action = QAction(self.tr(label), self)
            action.setShortcut(QKeySequence(key))
            action.setToolTip(self.tr("{0} view").format(self.tr(label)))
            action.triggered.connect(lambda _checked=False, v=view: self.camera.request_view(v))
            toolbar.addAction(action)
            self.view_actions[view] = action
        reset = QAction(self.tr("Reset"), self)
        reset.setShortcuts([QKeySequence("0"), QKeySequence(Qt.Key.Key_Home)])
        reset.setToolTip(self.tr("Reset the view"))
        reset.triggered.connect(self.camera.request_reset)
        toolbar.addAction(reset)
        self.view_actions["reset"] = reset
        language = QAction(self.tr("Language"), self)
        language.setToolTip(self.tr("Interface language: English or Spanish"))
        language.setShortcut(QKeySequence("Ctrl+Shift+L"))
        language.triggered.connect(self._show_language_menu)
        menu = QMenu(self)
        current = current_language()
        for code, name in LANGUAGES.items():
            choice = menu.addAction(name)
            choice.setCheckable(True)
            choice.setChecked(code == current)
            choice.triggered.connect(lambda _on=False, c=code: self.language_chosen.emit(c))
        language.setMenu(menu)
        toolbar.addAction(language)
        toolbar.widgetForAction(language).setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.language_action = language
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _keyed_controls(self) -> list[QAction | QAbstractButton]:
        """The toolbars' and the window's actions, and every button with a key of its own."""
        buttons = [b for b in self.findChildren(QAbstractButton) if not b.shortcut().isEmpty()]
        return [*self.toolbar.actions(), *self.find_bar.actions(), *self.actions(), *buttons]

    def _show_keys(self) -> None:
        """F1: every key of the window in one list (the text size keys have no button to show them)."""
        table = shortcut_table(self._keyed_controls())
        box = QMessageBox(
            QMessageBox.Icon.NoIcon, self.tr("Keyboard keys"), table, QMessageBox.StandardButton.Close, self
        )
        box.setTextFormat(Qt.TextFormat.RichText)
        self.keys_box = box
        box.open()

    def _on_text_scale(self, scale: float) -> None:
        self.state.text_scale = scale

    def _show_language_menu(self) -> None:
        self.toolbar.widgetForAction(self.language_action).showMenu()

    def _build_layers_dock(self) -> None:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layers = QGroupBox(self.tr("Layers"))
        layers_layout = QVBoxLayout(layers)
        self.layer_boxes: dict[str, QCheckBox] = {}
        for field, label in LAYER_LABELS:
            box = QCheckBox(self.tr(label))
            box.setChecked(getattr(self.state, field))
            box.toggled.connect(lambda checked, f=field: setattr(self.state, f, checked))
            getattr(self.state.events, field).connect(self._on_layers_change)
            layers_layout.addWidget(box)
            self.layer_boxes[field] = box
        layout.addWidget(layers)

        skin = QGroupBox(self.tr("Skin"))
        skin_layout = QVBoxLayout(skin)
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setValue(round(self.state.skin_opacity * 100))
        self.opacity_slider.setAccessibleName(self.tr("Skin opacity"))
        self.opacity_slider.valueChanged.connect(lambda v: setattr(self.state, "skin_opacity", v / 100))
        self.state.events.skin_opacity.connect(self._on_skin_opacity_change)
        ends = QWidget()
        ends_layout = QVBoxLayout(ends)
        ends_layout.setContentsMargins(0, 0, 0, 0)
        ends_layout.addWidget(QLabel(self.tr("see-through  ←→  solid")))
        skin_layout.addWidget(self.opacity_slider)
        skin_layout.addWidget(ends)
        layout.addWidget(skin)

        maps = QGroupBox(self.tr("Skin maps"))
        maps_layout = QVBoxLayout(maps)
        self.overlay_box = QComboBox()
        narrow_combo(self.overlay_box)
        words = self.explorer.knowledge.in_language(current_language())
        for key, title in OVERLAY_CHOICES:
            self.overlay_box.addItem(self.tr(title) if key == "none" else words.phrase(f"overlay.{key}"), key)
        self.overlay_box.setAccessibleName(self.tr("Skin map"))
        self.overlay_box.currentIndexChanged.connect(self._on_overlay_chosen)
        self.differences_box = QCheckBox(self.tr("Hatch where maps differ"))
        self.differences_box.setToolTip(
            self.tr("Hatch where the Lee 2008 and Keegan & Garrett 1948 dermatome maps disagree")
        )
        self.differences_box.toggled.connect(lambda on: setattr(self.state, "show_map_differences", on))
        self.labels_box = QCheckBox(self.tr("Labels"))
        self.labels_box.toggled.connect(lambda on: setattr(self.state, "show_labels", on))
        self.legend_list = QListWidget()
        self.legend_list.setAccessibleName(self.tr("Map legend"))
        self.state.events.overlay.connect(self._on_overlay_change)
        for widget in (self.overlay_box, self.differences_box, self.labels_box, self.legend_list):
            widget.setEnabled(self.overlays is not None)
        maps_layout.addWidget(labelled(self.tr("Map:"), self.overlay_box))
        for widget in (self.differences_box, self.labels_box, self.legend_list):
            maps_layout.addWidget(widget)
        layout.addWidget(maps, 1)

        dock = QDockWidget(self.tr("Show"), self)
        dock.setObjectName("layers")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        self.layers_dock = dock

    def _build_explorer_dock(self) -> None:
        self.panel = ExplorerPanel(self.explorer)
        self.compare_view = CompareView(self.explorer, self.panel.candidate_html, self.panel.card_body, self)
        self.panel.focus_requested.connect(self._on_focus_request)
        self.panel.area_button.toggled.connect(self._on_area_mode)
        self.panel.pick_button.clicked.connect(self._on_pick_spot)
        self.spot_picker: SpotPicker | None = None
        self.announcer = Announcer(self.explorer, self.panel)  # what a screen reader says of a change
        self.panel.setEnabled(self.explorer_view is not None)
        dock = QDockWidget(self.tr("What could it be?"), self)
        dock.setObjectName("explorer")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(self.panel)
        dock.setMinimumWidth(PANEL_MIN_PX)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.explorer_dock = dock
        layers = QAction(self.tr("Layers and maps"), self)
        layers.setCheckable(True)
        layers.setChecked(True)
        layers.setToolTip(self.tr("Show or hide the layers, skin maps and tools on the left"))
        layers.setShortcut(QKeySequence("L"))
        layers.triggered.connect(self._on_layers_dock_chosen)
        self.toolbar.insertAction(self.toolbar.actions()[0], layers)
        self.layers_action = layers
        self._layers_dock_auto = True  # follows the window width until the user chooses

        urgent = QAction(self.tr("Urgent signs"), self)
        urgent.setToolTip(self.tr("Numbness in the saddle area, bladder or bowel changes, fever …"))
        urgent.setShortcut(QKeySequence("U"))
        urgent.triggered.connect(self._on_urgent)
        self.urgent_action = urgent
        self.toolbar.addSeparator()
        self.toolbar.addAction(urgent)
        self.toolbar.widgetForAction(urgent).setObjectName("urgent")

    def _on_layers_dock_chosen(self, shown: bool) -> None:
        self._layers_dock_auto = False
        self._show_left_column(shown)

    def _show_left_column(self, shown: bool) -> None:
        """The layers, maps and study tools come and go together (narrow windows tuck them away)."""
        for dock in self.findChildren(QDockWidget):
            if self.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea:
                dock.setVisible(shown)
        with QSignalBlocker(self.layers_action):
            self.layers_action.setChecked(shown)

    def event(self, event: QEvent) -> bool:
        """A new application font (presenter text size) reaches the widgets the style sheet polished."""
        if event.type() == QEvent.Type.ApplicationFontChange:
            QTimer.singleShot(0, self._restyle)  # once every widget has had the new font
        return super().event(event)

    def _restyle(self) -> None:
        self.theme.apply()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The body gets the middle and most of the width at every window size."""
        super().resizeEvent(event)
        width = event.size().width()
        self.text_size.fit_window(event.size().height())
        if self._layers_dock_auto:
            self._show_left_column(width >= NARROW_PX)
        self._fit_toolbars(width)
        panel = round(min(PANEL_MAX_PX, max(PANEL_MIN_PX, PANEL_SHARE * width)))
        self.resizeDocks([self.layers_dock, self.explorer_dock], [LAYERS_DOCK_PX, panel], Qt.Orientation.Horizontal)

    def _fit_toolbars(self, width: int) -> None:
        """The search and back/forward share the top row when it has room (English at 1280 px), and
        move to a second row when not (Spanish words, narrow windows): nothing is ever cut off."""
        needed = self.toolbar.sizeHint().width() + self.find_bar.sizeHint().width()
        wraps = self.toolBarBreak(self.find_bar)
        if needed > width and not wraps:
            self.insertToolBarBreak(self.find_bar)
        elif needed <= width and wraps:
            self.removeToolBarBreak(self.find_bar)

    def _build_search(self) -> None:
        """The search box starts the second toolbar; Ctrl+F or / puts the cursor in it."""
        self.search_box = SearchBox(
            SearchIndex(self.explorer.knowledge),
            {
                "source": self.explorer.show_source,
                "card": self.panel.show_card,
                "region": self.touch_region,
            },
        )
        self.search_box.setEnabled(self.explorer_view is not None)
        self.find_bar = QToolBar(self.tr("Search and go back"), self)
        self.find_bar.setObjectName("find")
        self.find_bar.setMovable(False)
        self.find_bar.addWidget(self.search_box)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.find_bar)
        find = QAction(self.tr("Search"), self)
        find.setShortcuts(search_keys())
        find.triggered.connect(self.search_box.focus_search)
        self.addAction(find)
        self.search_action = find

    def _build_handout_action(self) -> None:
        handout = QAction(self.tr("Handout…"), self)
        handout.setToolTip(
            self.tr("A sheet for the patient: this view, the possible sources, what helps (PDF or print)")
        )
        handout.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        handout.triggered.connect(self._on_handout)
        self.toolbar.addAction(handout)
        self.handout_action = handout
        self.handout_dialog: HandoutDialog | None = None

    def _on_handout(self) -> None:
        picture = image_from_rgb(self.interactor.picture())
        self.handout_dialog = HandoutDialog(
            lambda note: build_handout(self.explorer, note, language=self.panel.words.language), picture, self
        )
        self.handout_dialog.open()

    # -- widgets → model ----------------------------------------------------------------------
    def touch_region(self, region: str, side: Side = "right", add: bool = False) -> None:
        """Touch the middle of a named region on one side, as a click there would."""
        point_id = self.explorer_view.labels.centre_vertex(region, side) if self.explorer_view else None
        if point_id is not None:
            self.touch_vertex(point_id, add)

    def _on_pick_spot(self) -> None:
        """The place from a list, for a keyboard or a screen reader: what a touch there does."""
        picker = SpotPicker(self.search_box.index, self.panel.words, self)
        self.spot_picker = picker
        picker.accepted.connect(self._on_spot_chosen)  # a method, not a lambda holding the window
        picker.open()

    def _on_spot_chosen(self) -> None:
        spot = self.spot_picker.chosen if self.spot_picker is not None else None
        if spot is not None:
            self.touch_region(spot.region, spot.side, spot.add)

    def touch_vertex(self, point_id: int, add: bool = False) -> None:
        """Queue a touch of one skin vertex; touches are answered after every one already queued."""
        self.body.touch_vertex(point_id, add)

    def _on_touch(self, x: float, y: float, add: bool) -> None:
        if not self.state.show_skin:  # with the skin hidden a click picks what lies beneath
            self._on_structure(x, y)
            return
        if not self.body.touch_at(x, y, add):  # picked with the camera as it is now, not when answered
            self.show_status(self.tr("Touch the skin of the body to ask what could hurt there."))

    def _on_touch_answered(self, touch: Touch) -> None:
        self.show_status(self.tr("You touched {0}.").format(self.panel.words.marked(self.explorer.place(touch))))

    def animating(self) -> bool:
        """Anything still to draw: a pending touch, a frame, the pulse, the return to full quality."""
        return self.body.animating()

    # -- the host API the study tools use (app/ui/host.py) ---------------------------------------
    @property
    def words(self) -> InLanguage:
        return self.panel.words

    def add_dock(self, dock: QDockWidget, area: Qt.DockWidgetArea, tab_with: str | None = None) -> None:
        """Add a tool's dock; `tab_with`: the object name of a dock to share a place with as a tab."""
        self.addDockWidget(area, dock)
        beside = self.findChild(QDockWidget, tab_with) if tab_with else None
        if beside is not None:
            self.tabifyDockWidget(beside, dock)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text)

    def dialog_parent(self) -> QWidget:
        return self

    def _on_structure(self, x: float, y: float) -> None:
        """The reverse view from a structure picked on the body; the status line names the pick."""
        if self.explorer_view is None:
            return
        name = self.explorer_view.pick_structure(x, y)
        if name is None:
            self.statusBar().showMessage(self.tr("Nothing there to pick: point at a bone, disc, joint or nerve."))
            return
        knowledge = self.explorer.knowledge
        picked = self.tr("You picked {0}").format(self.explorer_view.describe_structure(name, self.panel.words))
        source = domain_id(name, (s for s, _title in knowledge.sources()))
        if source is None:
            self.statusBar().showMessage(picked + self.tr("; the atlas has no pain pathways that start there."))
            return
        self.explorer.show_source(source)
        self.statusBar().showMessage(
            picked + self.tr(": where {0} can send pain or strain.").format(self.panel.words.title(source))
        )

    def _on_overlay_chosen(self, _index: int) -> None:
        """A map is drawn on the skin as it is: see-through stays see-through (the lit spine and
        the paths stay in sight); the opacity slider makes it solid when wanted."""
        self.state.overlay = self.overlay_box.currentData()

    def _on_area_mode(self, on: bool) -> None:
        if self.touch_input is not None:
            self.touch_input.area_mode = on
        self.statusBar().showMessage(
            self.tr("Area mode: touch or stroke over every place that hurts.")
            if on
            else self.tr("Touch one spot at a time.")
        )

    def _on_urgent(self) -> None:
        self.explorer.show_urgent_signs()

    def _on_focus_request(self, candidate: Candidate) -> None:
        if self.explorer_view is not None:
            self.explorer_view.focus(candidate)

    def _on_pulse_skipped(self, frame_s: float) -> None:
        """Say once why the path does not pulse (frames too slow here to animate smoothly)."""
        assert self.explorer_view is not None
        self.explorer_view.pulse_skipped.disconnect(self._on_pulse_skipped)
        note = self.tr("The path does not pulse: this computer takes {0} ms to draw a frame.")
        status = self.statusBar()
        status.showMessage(" · ".join(m for m in (status.currentMessage(), note.format(round(frame_s * 1000))) if m))

    # -- model → widgets ----------------------------------------------------------------------
    def _on_layers_change(self, _value: bool) -> None:
        for field, box in self.layer_boxes.items():
            with QSignalBlocker(box):
                box.setChecked(getattr(self.state, field))

    def _on_skin_opacity_change(self, value: float) -> None:
        with QSignalBlocker(self.opacity_slider):
            self.opacity_slider.setValue(round(value * 100))

    def _on_overlay_change(self, overlay: str) -> None:
        with QSignalBlocker(self.overlay_box):
            self.overlay_box.setCurrentIndex(max(0, self.overlay_box.findData(overlay)))
        self.legend_list.clear()
        for name, colour in self.overlays.legend if self.overlays else []:
            swatch = QPixmap(14, 14)  # the colour as a swatch; the text stays dark and readable
            swatch.fill(QColor(colour))
            self.legend_list.addItem(QListWidgetItem(QIcon(swatch), self.panel.words.map_name(overlay, name)))

    def _on_view_reset(self) -> None:
        self._on_view_change("anterior")

    def _on_explorer_change(self) -> None:
        if not self.explorer.touches and not self.explorer.urgent_shown:  # Start again: no stale "You touched …"
            self._on_view_change(self._view)

    def _on_view_change(self, view: str) -> None:
        self._view = view
        label = self.tr({v: lbl for v, lbl, _ in VIEW_ACTIONS}[view])
        note = self.tr("View: {0} · {1} · drag to turn, scroll to zoom")
        self.statusBar().showMessage(note.format(label, self._touch_note))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.events.closing.emit()  # the tools it hosts let go first
        self.interactor.removeEventFilter(self._scene_keys)
        self.camera.view_requested.disconnect(self._on_view_change)
        self.camera.reset_requested.disconnect(self._on_view_reset)
        self.explorer.changed.disconnect(self._on_explorer_change)
        if self.explorer_view is not None and self._on_pulse_skipped in self.explorer_view.pulse_skipped:
            self.explorer_view.pulse_skipped.disconnect(self._on_pulse_skipped)
        self.state.events.overlay.disconnect(self._on_overlay_change)
        self.panel.close_connections()
        self.announcer.close()
        self.compare_view.close_connections()
        if self.overlays is not None:
            self.overlays.close()
        for field, _label in LAYER_LABELS:
            getattr(self.state.events, field).disconnect(self._on_layers_change)
        self.state.events.skin_opacity.disconnect(self._on_skin_opacity_change)
        self.text_size.close()
        self.theme.close()
        self.history.close()
        self.body.close()
        super().closeEvent(event)
