"""The desk window's controls as data: a registry from a mode-spec id to the builder of its control
(as napari maps a layer type to its control widgets). The window walks it in order and builds what
its spec allows; an id missing from the spec means the control is never made (tests/ui/test_modes.py).
"""

from __future__ import annotations

from collections.abc import Callable
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
    from app.domain.search import Hit
    from app.ui.main_window import MainWindow

Builder = Callable[["MainWindow"], None]
VIEW_ACTIONS = (  # (id, view, words, key); QT_TRANSLATE_NOOP marks the words for pyside6-lupdate
    (ids.VIEW_ANTERIOR, "anterior", QT_TRANSLATE_NOOP("MainWindow", "Front"), "1"),
    (ids.VIEW_POSTERIOR, "posterior", QT_TRANSLATE_NOOP("MainWindow", "Back"), "2"),
    (ids.VIEW_LEFT, "left", QT_TRANSLATE_NOOP("MainWindow", "Left side"), "3"),
    (ids.VIEW_RIGHT, "right", QT_TRANSLATE_NOOP("MainWindow", "Right side"), "4"),
    (ids.VIEW_PLANTAR, "plantar", QT_TRANSLATE_NOOP("MainWindow", "Soles"), "5"),
)
VIEW_NAMES = {view: words for _id, view, words, _key in VIEW_ACTIONS}


def _layers_dock(window: MainWindow) -> None:
    dock = LayersDock(window.state, window.overlays, window.words, window.spec, window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.layers_dock = dock
    layers = QAction(tr("Layers and maps"), window)
    layers.setCheckable(True)
    layers.setChecked(True)
    layers.setToolTip(tr("Show or hide the layers, skin maps and tools on the left"))
    layers.setShortcut(QKeySequence("L"))
    layers.triggered.connect(window.on_layers_dock_chosen)
    window.toolbar.addAction(layers)
    window.layers_action = layers


def _view(view: str, words: object, key: str) -> Builder:
    def build(window: MainWindow) -> None:
        action = QAction(tr(words), window)
        action.setShortcut(QKeySequence(key))
        action.setToolTip(tr("{0} view").format(tr(words)))
        action.triggered.connect(lambda _checked=False: window.camera.request_view(view))
        window.toolbar.addAction(action)
        window.view_actions[view] = action

    return build


def _reset(window: MainWindow) -> None:
    reset = QAction(tr("Reset"), window)
    reset.setShortcuts([QKeySequence("0"), QKeySequence(Qt.Key.Key_Home)])
    reset.setToolTip(tr("Reset the view"))
    reset.triggered.connect(window.camera.request_reset)
    window.toolbar.addAction(reset)
    window.view_actions["reset"] = reset


def _language(window: MainWindow) -> None:
    language = QAction(tr("Language"), window)
    language.setToolTip(tr("Interface language: English or Spanish"))
    language.setShortcut(QKeySequence("Ctrl+Shift+L"))
    language.triggered.connect(window.show_language_menu)
    menu = window.language_menu
    current = current_language()
    for code, name in LANGUAGES.items():
        choice = menu.addAction(name)
        choice.setCheckable(True)
        choice.setChecked(code == current)
        choice.triggered.connect(lambda _on=False, c=code: window.language_chosen.emit(c))
    language.setMenu(menu)
    window.toolbar.addAction(language)
    button = window.toolbar.widgetForAction(language)
    assert isinstance(button, QToolButton)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    window.language_action = language


def _handout(window: MainWindow) -> None:
    handout = QAction(tr("Handout…"), window)
    handout.setToolTip(tr("A sheet for the patient: this view, the possible sources, what helps (PDF or print)"))
    handout.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    handout.triggered.connect(window.open_handout)
    window.toolbar.addAction(handout)
    window.handout_action = handout


def _contrast(window: MainWindow) -> None:
    window.toolbar.addAction(window.theme.action)


def _urgent(window: MainWindow) -> None:
    urgent = QAction(tr("Urgent signs"), window)
    urgent.setToolTip(tr("Numbness in the saddle area, bladder or bowel changes, fever …"))
    urgent.setShortcut(QKeySequence("U"))
    urgent.setCheckable(True)  # pressed while the urgent signs show; pressed again (or U) goes back
    urgent.triggered.connect(window.explorer.set_urgent_signs)
    window.urgent_action = urgent
    window.toolbar.addSeparator()
    window.toolbar.addAction(urgent)
    window.toolbar.widgetForAction(urgent).setObjectName("urgent")


def _search(window: MainWindow) -> None:
    """The search box starts the second toolbar; Ctrl+F or / puts the cursor in it. A chosen hit's
    title stays in the box while it is shown, and goes when the person moves on."""
    explorer = window.explorer

    def shows(hit: Hit) -> bool:
        if hit.action == "source":
            return explorer.source is not None and explorer.source.source == hit.id
        if hit.action == "card":
            return window.panel.sources.card_on_show == hit.id
        touches = explorer.touches
        return window.body.pending or (bool(touches) and f"region_{touches[-1].spot.region}" == hit.id)

    box = SearchBox(
        window.search_index,
        {"source": explorer.show_source, "card": window.panel.show_card, "region": window.touch_region},
        shows,
    )
    box.follow([explorer.changed, explorer.selection_changed, explorer.source_changed])
    window.panel.card_shown.connect(box.on_shown_change)
    box.setEnabled(window.body.touchable)
    window.find_bar.addWidget(box)
    find = QAction(tr("Search"), window)
    find.setShortcuts(search_keys())
    find.triggered.connect(box.focus_search)
    window.addAction(find)
    window.search_box, window.search_action = box, find


def _history(window: MainWindow) -> None:
    window.find_bar.addSeparator()
    window.history = HistoryControl(window.explorer, window.panel, window.find_bar)  # Alt+← / Alt+→


def _quit(window: MainWindow) -> None:
    """Ctrl+Q (the platform's Quit key) closes the window, as its close button does."""
    quit_action = QAction(tr("Quit"), window)
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    quit_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    quit_action.triggered.connect(QApplication.closeAllWindows)  # not window.close: that kept the window alive
    window.addAction(quit_action)
    window.quit_action = quit_action  # File → Quit too


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


def build_controls(window: MainWindow, spec: ModeSpec) -> None:
    for control, build in CONTROLS:
        if wanted(spec, control):
            build(window)
