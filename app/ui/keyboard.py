"""The app without a pointer: the 3D view's keys, the toolbar in the Tab chain, and every
shortcut written in its control's tooltip."""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QPushButton, QToolBar, QToolButton, QWidget

from app.scene.scene import AnatomyScene

TURN_DEG = 15.0
ZOOM_STEP = 1.15
_TURNS = {
    Qt.Key.Key_Left: (-TURN_DEG, 0.0),
    Qt.Key.Key_Right: (TURN_DEG, 0.0),
    Qt.Key.Key_Up: (0.0, TURN_DEG),
    Qt.Key.Key_Down: (0.0, -TURN_DEG),
}
_ZOOMS = {Qt.Key.Key_Plus: ZOOM_STEP, Qt.Key.Key_Equal: ZOOM_STEP, Qt.Key.Key_Minus: 1 / ZOOM_STEP}
_FOCUS_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class SceneKeys(QObject):
    """Keys on the 3D view: arrows turn the body, + and − zoom, Tab moves on. VTK's own bindings
    (q quits, w wireframe, 3 stereo …) are not for patients: every other key is eaten."""

    def __init__(self, scene: AnatomyScene, parent: QObject) -> None:
        super().__init__(parent)
        self.scene = scene

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        assert isinstance(event, QKeyEvent)
        key = Qt.Key(event.key())
        if key in _FOCUS_KEYS:
            return False  # Qt moves the focus on
        if event.type() == QEvent.Type.KeyPress:
            if key in _TURNS:
                self.scene.turn(*_TURNS[key])
            elif key in _ZOOMS:
                self.scene.zoom(_ZOOMS[key])
        return True


class WindowKeys(QObject):
    """The window's keyboard help, an application event filter (key events go to the focused widget)
    that goes with the window (its parent): Enter (and Return) press the focused push or tool button as
    Space does (Qt does so only in dialogs, a button's autoDefault); a control that takes the focus
    in a dock tabbed behind another brings its dock to the front (Tab went on through the hidden one)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()  # every event of the application passes here: the cheap test first
        if kind not in (QEvent.Type.FocusIn, QEvent.Type.KeyPress):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self.parent():
            return False
        if kind == QEvent.Type.FocusIn:
            _dock_to_front(watched)
            return False
        if not isinstance(watched, (QPushButton, QToolButton)):
            return False
        assert isinstance(event, QKeyEvent)
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or not plain:
            return False
        if not watched.isEnabled() or event.isAutoRepeat():
            return False
        watched.click()
        return True


def _dock_to_front(widget: QWidget) -> None:
    dock: QWidget | None = widget
    while dock is not None and not isinstance(dock, QDockWidget):
        dock = dock.parentWidget()
    if dock is not None and dock.isVisible() and dock.visibleRegion().isEmpty():
        dock.raise_()  # a tabbed dock behind its neighbour: Qt keeps it shown, off the screen


def key_names(control: QAction | QAbstractButton) -> str:
    """The control's keys as the platform writes them ("Ctrl+F or /"); empty without a shortcut."""
    keys = control.shortcuts() if isinstance(control, QAction) else [control.shortcut()]
    names = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys if not k.isEmpty()]
    return QCoreApplication.translate("Keyboard", " or ").join(names) if names else ""


def show_keys(controls: Iterable[QAction | QAbstractButton]) -> None:
    """Write each control's shortcut after its tooltip, from the shortcut itself (never by hand)."""
    for control in controls:
        keys = key_names(control)
        tip = control.toolTip() or control.text()
        if keys and keys not in tip:
            control.setToolTip(f"{tip} ({keys})")


def reach_toolbar_by_tab(toolbar: QToolBar) -> None:
    """Toolbar buttons take no keyboard focus in Qt; here they are in the Tab chain, in order."""
    for action in toolbar.actions():
        widget = toolbar.widgetForAction(action)
        if widget is not None and isinstance(widget, QAbstractButton):
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)


def order_tab_chain(window: QWidget, blocks: Sequence[QWidget]) -> None:
    """Tab visits the blocks in the order given, each block's controls in their own order (a
    toolbar's in the order its actions show); controls outside every block keep their place."""
    ordered: list[QWidget] = []
    chain = focus_chain(window)
    for block in blocks:
        if isinstance(block, QToolBar):
            inside = [block.widgetForAction(action) for action in block.actions()]
        else:
            inside = [w for w in chain if w is block or block.isAncestorOf(w)]
        ordered += [w for w in inside if w is not None and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    for first, second in itertools.pairwise(ordered):
        QWidget.setTabOrder(first, second)


def focus_chain(window: QWidget) -> list[QWidget]:
    """The window's widgets in focus-chain order. Read backwards from the last one: in PySide6 a
    nextInFocusChain() that returns the window keeps a reference to it (the window would leak)."""
    first, widget = window.nextInFocusChain(), window.previousInFocusChain()
    backwards: list[QWidget] = []
    while widget is not None:
        backwards.append(widget)
        if widget is first or widget is window:
            break
        widget = widget.previousInFocusChain()
    return backwards[::-1]


VIEW_KEYS = (  # keys of the 3D view itself (SceneKeys), not actions
    (QT_TRANSLATE_NOOP("Keyboard", "Turn the body"), "←  →  ↑  ↓"),
    (QT_TRANSLATE_NOOP("Keyboard", "Zoom in and out"), "+  −"),
    (QT_TRANSLATE_NOOP("Keyboard", "Next and previous control"), "Tab  Shift+Tab"),
)


def _words(control: QAction | QAbstractButton) -> str:
    """A control's words for the key list: a symbol alone (◀) gets its status or tooltip words too."""
    text = control.text().replace("&", "")
    if any(character.isalpha() for character in text):
        return text
    return f"{text} {control.statusTip() or control.toolTip()}".strip()


def shortcut_table(controls: Iterable[QAction | QAbstractButton]) -> str:
    """Every control with a key, and the 3D view's own keys, as an HTML table (the F1 list)."""
    rows = [(_words(c), key_names(c)) for c in controls if key_names(c)]
    rows += [(QCoreApplication.translate("Keyboard", str(words)), keys) for words, keys in VIEW_KEYS]
    cells = "".join(
        f"<tr><td>{html.escape(words)}</td><td><b>{html.escape(keys)}</b></td></tr>"
        for words, keys in dict.fromkeys(rows)
    )
    return f"<table cellpadding='4'>{cells}</table>"
