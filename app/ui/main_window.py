"""The main window: the 3D view in the middle, layers and maps on the left, sources and cards on
the right, views and urgent signs in the toolbar, a status line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDockWidget,
    QMainWindow,
    QMenu,
    QScrollArea,
    QToolBar,
    QToolButton,
    QWidget,
)

from app.content.handout import build_handout
from app.domain.effects import Effects
from app.domain.explorer import Explorer
from app.domain.knowledge import InLanguage, Knowledge
from app.domain.ranking import Candidate
from app.domain.search import SearchIndex
from app.domain.view_state import CameraRequests, ViewState
from app.modes import ids
from app.modes.spec import CLINICIAN, ModeSpec
from app.scene.assets import Model
from app.ui.about import add_about_action
from app.ui.accessibility import Announcer
from app.ui.body_view import BodyView
from app.ui.compare import CompareView
from app.ui.desk.controls import build_controls
from app.ui.desk.file_menu import ImageSaver, SavedViews
from app.ui.desk.status import DeskStatus
from app.ui.explorer.panel import ExplorerPanel
from app.ui.handout import HandoutDialog, image_from_rgb
from app.ui.help import HelpDialog
from app.ui.host import HostEvents
from app.ui.keyboard import (
    SceneKeys,
    WindowKeys,
    key_names,
    order_tab_chain,
    reach_toolbar_by_tab,
    shortcut_table,
    show_keys,
)
from app.ui.later import soon
from app.ui.pose_control import PoseControl
from app.ui.scene_widget import ViewFrame
from app.ui.spot_picker import SpotPicker
from app.ui.text_size import TextSize
from app.ui.theme import Theme
from app.ui.widgets import fixed_dock
from app.ui.window_fit import fit_panels, place, remember, scrolling

if TYPE_CHECKING:
    from app.domain.query import Side
    from app.study.questions import QuestionBank
    from app.ui.study.mode import StudyMode

LAYERS_DOCK_PX = 220
PANEL_SHARE, PANEL_MIN_PX, PANEL_MAX_PX = 0.31, 340, 600  # the sources panel's share of the width
NARROW_PX = 1100  # narrower windows tuck the layers dock away (a toolbar button brings it back)


def _drop(dialog: QWidget | None) -> None:
    """The last dialog of a kind goes when the next is opened (each one opened stayed: issue 25)."""
    if dialog is not None:
        dialog.deleteLater()


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
        self.setObjectName("desk")
        self.setWindowTitle(self.tr("Referral Atlas"))
        self.text_size = TextSize(self)  # Ctrl+= / Ctrl+- / Ctrl+0, remembered; larger in a tall window
        self.state = state or ViewState()
        self.state.text_scale = self.text_size.drawn_scale  # labels in 3D follow the presenter's text size
        self.text_size.changed.connect(self._on_text_scale)
        self.camera = CameraRequests()
        self.explorer = Explorer(knowledge)
        self.events = HostEvents()

        self.body = BodyView(
            self, model, self.explorer, self.state, self.camera, self._on_touch, self._on_structure, maps=True
        )
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
        self.overlays = self.body.overlays

        self.search_index = SearchIndex(knowledge)
        self._build_explorer_dock()
        if self.overlays is not None:
            self.overlays.set_namer(self.panel.words.map_name)  # the maps' labels in the panel's words
        self.pose_control: PoseControl | None = None  # the source's pose, played
        if spec.allows(ids.SHOW_MOVEMENT):
            self.pose_control = PoseControl(self.body.poses, self.panel.words)
            self.panel.from_source.add_pose_control(self.pose_control)
            self.explorer.source_changed.connect(self._on_source_shown)
        self.theme = Theme(self)  # the style sheet, normal or high contrast (Ctrl+Shift+H), remembered
        self.theme.applied.connect(self.panel.show_again)  # its cards parsed again with the new link colour
        self.toolbar = self._toolbar(self.tr("Views"), "views")
        self.find_bar = self._toolbar(self.tr("Search and go back"), "find")
        self.language_menu = QMenu(self)
        self._layers_dock_auto = True  # follows the window width until the user chooses
        self.handout_dialog: HandoutDialog | None = None
        self.image_saver: ImageSaver | None = None
        self.saved_views: SavedViews | None = None
        self.controls = build_controls(self, spec)  # what the mode allows (the registry in app/ui/desk/controls.py)
        self.panel.apply(spec)
        self.statusBar().setVisible(spec.shows(ids.STATUS_BAR))
        self.toolbar.setVisible(spec.shows(ids.VIEW_TOOLBAR))
        self.explorer_dock.setVisible(spec.shows(ids.EXPLORER_DOCK))
        for action in self.text_size.actions.values():
            action.setEnabled(spec.allows(ids.TEXT_SIZE))
        self.explorer.changed.connect(self._on_explorer_change)
        self.status = DeskStatus(self, self.statusBar())  # the view, where a touch landed (app/ui/desk/status.py)
        self.study = self._build_study(spec, question_bank)
        self.about_action = add_about_action(self, knowledge)  # About, Ctrl+F1 (app/ui/about.py)
        self.help_action = QAction(self.tr("How to use and keys"), self)
        self.help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))  # F1
        self.help_action.triggered.connect(self._show_help)
        self.addAction(self.help_action)
        self.help_box: HelpDialog | None = None
        self._build_menus()
        self._build_keyboard()
        place(self, remembered=ids.SETTINGS in spec.writes)  # the default size where it fits, else maximised

    def _build_keyboard(self) -> None:
        """Tab reaches every control in reading order (toolbars, the left column, the body, the
        panel), each shortcut is written in its tooltip, and the first focus is the place picker:
        the keyboard's way to do what a touch does."""
        for toolbar in (self.toolbar, self.find_bar):
            reach_toolbar_by_tab(toolbar)
        docks = self.findChildren(QDockWidget)
        left = [d for d in docks if self.dockWidgetArea(d) == Qt.DockWidgetArea.LeftDockWidgetArea]
        others = [d for d in docks if d not in left]
        order_tab_chain(self, [self.toolbar, self.find_bar, *left, self.interactor, *others])
        show_keys(self._keyed_controls())
        self._window_keys = WindowKeys(self)  # the application's filter while the window lives
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self._window_keys)
        box, find = self.controls.search_box, self.controls.search_action
        if box is not None and find is not None:
            box.setToolTip(f"{find.text()} ({key_names(find)})")
        if self.panel.isEnabled():
            self.panel.pick_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_menus(self) -> None:
        """File (the image and the saved views as the spec allows, the handout, quit) and Help."""
        spec = self.spec
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.image_saver = ImageSaver(self, file_menu) if spec.allows(ids.SAVE_IMAGE) else None
        if spec.allows(ids.SAVED_VIEWS) and ids.SETTINGS in spec.writes:
            file_menu.addSeparator()
            self.saved_views = SavedViews(self, file_menu)
            soon(self, self.saved_views.read_and_tell)  # once the window shows
        for action in (self.controls.handout_action, self.controls.quit_action):
            if action is not None:
                file_menu.addSeparator()
                file_menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.about_action)

    def _build_study(self, spec: ModeSpec, bank: QuestionBank | None) -> StudyMode | None:
        """Names on demand, the study tools and the quiz, as far as the mode allows (app/ui/study)."""
        wanted = (ids.QUIZ, ids.HOVER_NAMES, ids.LABELS_ALL, ids.ISOLATE, ids.FOLLOW_NERVE)
        if not any(spec.allows(action) for action in wanted):
            return None
        from app.ui.study.mode import StudyMode

        return StudyMode(self, spec, bank=bank)

    # -- building ---------------------------------------------------------------------------
    def _toolbar(self, title: str, name: str) -> QToolBar:
        toolbar = QToolBar(title, self)
        toolbar.setObjectName(name)
        toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.theme.show_overflow(toolbar)
        return toolbar

    def _keyed_controls(self) -> list[QAction | QAbstractButton]:
        """The toolbars' and the window's actions, and every button with a key of its own."""
        buttons = [b for b in self.findChildren(QAbstractButton) if not b.shortcut().isEmpty()]
        return [*self.toolbar.actions(), *self.find_bar.actions(), *self.actions(), *buttons]

    def _show_help(self) -> None:
        """F1: how to use the app, beside every key of the window (the text size keys have no
        button to show them)."""
        box = HelpDialog(shortcut_table(self._keyed_controls()), self)
        _drop(self.help_box)
        self.help_box = box
        box.open()

    def _on_text_scale(self, scale: float) -> None:
        self.state.text_scale = scale

    def show_language_menu(self) -> None:
        action = self.controls.language_action
        button = self.toolbar.widgetForAction(action) if action is not None else None
        assert isinstance(button, QToolButton)
        button.showMenu()

    def _build_explorer_dock(self) -> None:
        self.panel = ExplorerPanel(self.explorer)
        self.compare_view = CompareView(self, self.spec.card_first_section)
        if self.spec.allows(ids.FOCUS_SOURCE):
            self.panel.focus_requested.connect(self._on_focus_request)
        self.panel.area_button.toggled.connect(self._on_area_mode)
        self.panel.pick_button.clicked.connect(self._on_pick_spot)
        self.spot_picker: SpotPicker | None = None
        self.announcer = Announcer(self, self.panel)  # what a screen reader says of a change
        self.panel.setEnabled(self.explorer_view is not None)
        title = self.tr("What could it be?")
        dock = fixed_dock(title, "explorer", scrolling(self.panel, title), self)
        dock.setMinimumWidth(PANEL_MIN_PX)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.explorer_dock = dock

    def on_layers_dock_chosen(self, shown: bool) -> None:
        self._layers_dock_auto = False
        self._show_left_column(shown)

    def _show_left_column(self, shown: bool) -> None:
        """The layers, maps and study tools come and go together (narrow windows tuck them away)."""
        for dock in self.findChildren(QDockWidget):
            if self.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea:
                dock.setVisible(shown)
        if self.controls.layers_action is not None:
            with QSignalBlocker(self.controls.layers_action):
                self.controls.layers_action.setChecked(shown)

    def event(self, event: QEvent) -> bool:
        """A new application font (presenter text size) reaches the widgets the style sheet polished."""
        if event.type() == QEvent.Type.ApplicationFontChange:
            soon(self, self._restyle)  # once every widget has had the new font
        return super().event(event)

    def _restyle(self) -> None:
        self.theme.apply()
        fit_panels(self)
        self._fit_toolbars(self.width())  # larger words may need the second row now

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The body gets the middle and most of the width at every window size."""
        super().resizeEvent(event)
        width = event.size().width()
        self.text_size.fit_window(event.size().height())
        if self._layers_dock_auto:
            self._show_left_column(width >= NARROW_PX)
        self._fit_toolbars(width)
        panel = round(min(PANEL_MAX_PX, max(PANEL_MIN_PX, PANEL_SHARE * width)))
        docks, widths = [self.explorer_dock], [panel]
        if self.controls.layers_dock is not None:
            docks, widths = [self.controls.layers_dock, *docks], [LAYERS_DOCK_PX, *widths]
        self.resizeDocks(docks, widths, Qt.Orientation.Horizontal)

    def _fit_toolbars(self, width: int) -> None:
        """The search and back/forward share the top row when it has room (English at 1280 px), and
        move to a second row when not (Spanish words, narrow windows): nothing is ever cut off."""
        needed = self.toolbar.sizeHint().width() + self.find_bar.sizeHint().width()
        wraps = self.toolBarBreak(self.find_bar)
        if needed > width and not wraps:
            self.insertToolBarBreak(self.find_bar)
        elif needed <= width and wraps:
            self.removeToolBarBreak(self.find_bar)

    def open_handout(self) -> None:
        picture = image_from_rgb(self.interactor.picture())
        _drop(self.handout_dialog)
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
        sides = [t.spot.side for t in self.explorer.touches if t.spot.side in ("left", "right")]
        picker = SpotPicker(self.search_index, self.panel.words, self, side=sides[-1] if sides else "right")
        _drop(self.spot_picker)
        self.spot_picker = picker
        picker.accepted.connect(self._on_spot_chosen)  # a method, not a lambda holding the window
        picker.open()

    def _on_spot_chosen(self) -> None:
        spot = self.spot_picker.chosen if self.spot_picker is not None else None
        if spot is not None:
            self.touch_region(spot.region, cast("Side", spot.side), spot.add)

    def touch_vertex(self, point_id: int, add: bool = False) -> None:
        """Queue a touch of one skin vertex; touches are answered after every one already queued."""
        self.body.touch_vertex(point_id, add)

    def _on_touch(self, x: float, y: float, add: bool) -> None:
        if not self.state.show_skin:  # with the skin hidden a click picks what lies beneath
            self._on_structure(x, y)
            return
        if not self.body.touch_at(x, y, add):  # picked with the camera as it is now, not when answered
            self.show_status(self.tr("Touch the skin of the body to ask what could hurt there."))

    def animating(self) -> bool:
        """Anything still to draw: a pending touch, a frame, the pulse, the return to full quality."""
        return self.body.animating()

    # -- the host API the study tools use (app/ui/host.py) ---------------------------------------
    @property
    def words(self) -> InLanguage:
        return self.panel.words

    def add_dock(self, dock: QDockWidget, area: Qt.DockWidgetArea, tab_with: str | None = None) -> None:
        """Add a tool's dock; `tab_with`: the object name of a dock to share a place with as a tab.
        Its panel scrolls when the window is short (larger text never makes the window taller)."""
        panel = dock.widget()
        if panel is not None and not isinstance(panel, QScrollArea):
            dock.setWidget(scrolling(panel, dock.windowTitle()))
        self.addDockWidget(area, dock)
        beside = self.findChild(QDockWidget, tab_with) if tab_with else None
        if beside is not None:
            self.tabifyDockWidget(beside, dock)

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text)

    # -- what the desk's control registry uses besides (DeskHost, app/ui/host.py) ----------------
    @property
    def contrast_action(self) -> QAction:
        return self.theme.action

    @property
    def card_shown(self) -> SignalInstance:
        return self.panel.card_shown

    @property
    def card_on_show(self) -> str | None:
        return self.panel.sources.card_on_show

    def show_card(self, card_id: str) -> None:
        self.panel.show_card(card_id)

    def show_card_aside(self, card_id: str, back_text: str, back: Callable[[], None]) -> None:
        """A card in the explorer's sources tab, brought to the front, with a button back (`back`)."""
        self.panel.show_card(card_id)
        self.explorer_dock.raise_()
        self.panel.offer_way_back(back_text, back)

    def choose_language(self, language: str) -> None:
        self.language_chosen.emit(language)

    def dialog_parent(self) -> QWidget:
        return self

    def _on_structure(self, x: float, y: float) -> None:
        """The reverse view from a structure picked on the body; the status line names the pick."""
        if self.explorer_view is None:
            return
        picker = self.explorer_view.picker
        name = picker.pick_structure(x, y)
        if name is None:
            self.statusBar().showMessage(self.tr("Nothing there to pick: point at a bone, disc, joint or nerve."))
            return
        picked = self.tr("You picked {0}").format(picker.describe_structure(name, self.panel.words))
        source = picker.source_of(name)
        if source is None:
            self.statusBar().showMessage(picked + self.tr("; the atlas has no pain pathways that start there."))
            return
        self.explorer.show_source(source)
        self.statusBar().showMessage(
            picked + self.tr(": where {0} can send pain or strain.").format(self.panel.words.title(source))
        )

    def _on_area_mode(self, on: bool) -> None:
        if self.touch_input is not None:
            self.touch_input.area_mode = on
        self.statusBar().showMessage(
            self.tr("Area mode: touch or stroke over every place that hurts.")
            if on
            else self.tr("Touch one spot at a time.")
        )

    def _on_focus_request(self, candidate: Candidate) -> None:
        if self.explorer_view is not None:
            self.explorer_view.focus(candidate)

    # -- model → widgets ----------------------------------------------------------------------
    def _on_explorer_change(self) -> None:
        if self.controls.urgent_action is not None:
            with QSignalBlocker(self.controls.urgent_action):
                self.controls.urgent_action.setChecked(self.explorer.urgent_shown)

    def _on_source_shown(self, shown: Effects | None) -> None:
        """A source with a pose offers it; leaving the source stops it and stands the body straight."""
        self.body.poses.offer(shown.source if shown is not None else None)

    def closeEvent(self, event: QCloseEvent) -> None:
        if ids.SETTINGS in self.spec.writes:
            remember(self)
        self.events.closing.emit()  # the tools it hosts let go first
        self.interactor.removeEventFilter(self._scene_keys)
        self.explorer.changed.disconnect(self._on_explorer_change)
        if self.pose_control is not None:
            self.explorer.source_changed.disconnect(self._on_source_shown)
            self.pose_control.close_connections()
        if self.controls.layers_dock is not None:
            self.controls.layers_dock.close_connections()
        self.panel.close_connections()
        self.text_size.close()
        if self.controls.history is not None:
            self.controls.history.close()
        if self.controls.search_box is not None:
            self.controls.search_box.close_connections()
        self.body.close()
        super().closeEvent(event)
