"""The desk window's controls as data: a registry from a mode-spec id to the builder of its control
(as napari maps a layer type to its control widgets). The window walks it in order and builds what
its spec allows; an id missing from the spec means the control is never made (tests/ui/test_modes.py).
The builders see the window only through the host API (`DeskHost`, app/ui/host.py) and hand what
they made back in `DeskControls`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QToolButton

from app.modes import ids
from app.modes.spec import ModeSpec
from app.ui.desk.layers_dock import LayersDock
from app.ui.history import HistoryControl
from app.ui.i18n import LANGUAGES, current_language, tr
from app.ui.search import SearchBox, search_keys

if TYPE_CHECKING:
    from app.ui.host import DeskHost


@dataclass
class DeskControls:
    """What the registry made (None: the mode has no such control)."""

    view_actions: dict[str, QAction] = field(default_factory=dict)
    layers_dock: LayersDock | None = None
    layers_action: QAction | None = None
    language_action: QAction | None = None
    urgent_action: QAction | None = None
    handout_action: QAction | None = None
    search_box: SearchBox | None = None
    search_action: QAction | None = None
    history: HistoryControl | None = None


Builder = Callable[["DeskHost", DeskControls], None]
VIEW_ACTIONS = (  # (id, view, words, key); QT_TRANSLATE_NOOP marks the words for pyside6-lupdate
    (ids.VIEW_ANTERIOR, "anterior", QT_TRANSLATE_NOOP("MainWindow", "Front"), "1"),
    (ids.VIEW_POSTERIOR, "posterior", QT_TRANSLATE_NOOP("MainWindow", "Back"), "2"),
    (ids.VIEW_LEFT, "left", QT_TRANSLATE_NOOP("MainWindow", "Left side"), "3"),
    (ids.VIEW_RIGHT, "right", QT_TRANSLATE_NOOP("MainWindow", "Right side"), "4"),
    (ids.VIEW_PLANTAR, "plantar", QT_TRANSLATE_NOOP("MainWindow", "Soles"), "5"),
)
VIEW_NAMES = {view: words for _id, view, words, _key in VIEW_ACTIONS}


def _layers_dock(host: DeskHost, made: DeskControls) -> None:
    window = host.dialog_parent()
    dock = LayersDock(host.state, host.overlays, host.words, host.spec, window)
    host.add_dock(dock, Qt.DockWidgetArea.LeftDockWidgetArea)
    made.layers_dock = dock
    layers = QAction(tr("Layers and maps"), window)
    layers.setCheckable(True)
    layers.setChecked(True)
    layers.setToolTip(tr("Show or hide the layers, skin maps and tools on the left"))
    layers.setShortcut(QKeySequence("L"))
    layers.triggered.connect(host.on_layers_dock_chosen)
    host.toolbar.addAction(layers)
    made.layers_action = layers


def _view(view: str, words: object, key: str) -> Builder:
    def build(host: DeskHost, made: DeskControls) -> None:
        action = QAction(tr(words), host.dialog_parent())
        action.setShortcut(QKeySequence(key))
        action.setToolTip(tr("{0} view").format(tr(words)))
        action.triggered.connect(lambda _checked=False: host.camera.request_view(view))
        host.toolbar.addAction(action)
        made.view_actions[view] = action

    return build


def _reset(host: DeskHost, made: DeskControls) -> None:
    reset = QAction(tr("Reset"), host.dialog_parent())
    reset.setShortcuts([QKeySequence("0"), QKeySequence(Qt.Key.Key_Home)])
    reset.setToolTip(tr("Reset the view"))
    reset.triggered.connect(host.camera.request_reset)
    host.toolbar.addAction(reset)
    made.view_actions["reset"] = reset


def _language(host: DeskHost, made: DeskControls) -> None:
    language = QAction(tr("Language"), host.dialog_parent())
    language.setToolTip(tr("Interface language: English or Spanish"))
    language.setShortcut(QKeySequence("Ctrl+Shift+L"))
    language.triggered.connect(host.show_language_menu)
    menu = host.language_menu
    current = current_language()
    for code, name in LANGUAGES.items():
        choice = menu.addAction(name)
        choice.setCheckable(True)
        choice.setChecked(code == current)
        choice.triggered.connect(lambda _on=False, c=code: host.choose_language(c))
    language.setMenu(menu)
    host.toolbar.addAction(language)
    button = host.toolbar.widgetForAction(language)
    assert isinstance(button, QToolButton)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    made.language_action = language


def _handout(host: DeskHost, made: DeskControls) -> None:
    handout = QAction(tr("Handout…"), host.dialog_parent())
    handout.setToolTip(tr("A sheet for the patient: this view, the possible sources, what helps (PDF or print)"))
    handout.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    handout.triggered.connect(host.open_handout)
    host.toolbar.addAction(handout)
    made.handout_action = handout


def _contrast(host: DeskHost, _made: DeskControls) -> None:
    host.toolbar.addAction(host.contrast_action)


def _urgent(host: DeskHost, made: DeskControls) -> None:
    urgent = QAction(tr("Urgent signs"), host.dialog_parent())
    urgent.setToolTip(tr("Numbness in the saddle area, bladder or bowel changes, fever …"))
    urgent.setShortcut(QKeySequence("U"))
    urgent.setCheckable(True)  # pressed while the urgent signs show; pressed again (or U) goes back
    urgent.triggered.connect(host.explorer.set_urgent_signs)
    made.urgent_action = urgent
    host.toolbar.addSeparator()
    host.toolbar.addAction(urgent)
    host.toolbar.widgetForAction(urgent).setObjectName("urgent")


def _search(host: DeskHost, made: DeskControls) -> None:
    """The search box starts the second toolbar; Ctrl+F or / puts the cursor in it."""
    box = SearchBox(
        host.search_index,
        {"source": host.explorer.show_source, "card": host.show_card, "region": host.touch_region},
    )
    box.setEnabled(host.body.touchable)
    host.find_bar.addWidget(box)
    window = host.dialog_parent()
    find = QAction(tr("Search"), window)
    find.setShortcuts(search_keys())
    find.triggered.connect(box.focus_search)
    window.addAction(find)
    made.search_box, made.search_action = box, find


def _history(host: DeskHost, made: DeskControls) -> None:
    host.find_bar.addSeparator()
    made.history = HistoryControl(host.explorer, host.card_shown, host.show_card, host.find_bar)  # Alt+← / Alt+→


def _quit(host: DeskHost, _made: DeskControls) -> None:
    """Ctrl+Q (the platform's Quit key) closes the window, as its close button does."""
    window = host.dialog_parent()
    quit_action = QAction(tr("Quit"), window)
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    quit_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    quit_action.triggered.connect(QApplication.closeAllWindows)  # not window.close: that kept the window alive
    window.addAction(quit_action)


# In the order they appear: the toolbar left to right, then the second toolbar. `None`: every mode.
CONTROLS: tuple[tuple[str | None, Builder], ...] = (
    (ids.LAYERS_DOCK, _layers_dock),
    *((view_id, _view(view, words, key)) for view_id, view, words, key in VIEW_ACTIONS),
    (ids.VIEW_RESET, _reset),
    (None, _language),
    (ids.URGENT_SIGNS, _urgent),
    (ids.PRINT_HANDOUT, _handout),
    (None, _contrast),
    (ids.SEARCH, _search),
    (ids.BACK, _history),
    (ids.QUIT, _quit),
)


def wanted(spec: ModeSpec, control: str | None) -> bool:
    return control is None or spec.allows(control) or spec.shows(control)


def build_controls(host: DeskHost, spec: ModeSpec) -> DeskControls:
    made = DeskControls()
    for control, build in CONTROLS:
        if wanted(spec, control):
            build(host, made)
    return made
