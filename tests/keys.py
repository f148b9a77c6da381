"""The Tab chain as a keyboard user walks it (tests/ui/test_keyboard*.py)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

ROUND_TRIP_LIMIT = 400  # Tab presses: the controls plus the links of a card (QTextBrowser visits them)


def focusable(window) -> list[QWidget]:
    widgets = [w.focusProxy() or w for w in window.findChildren(QWidget)]  # a tab widget's is its bar
    return list(
        dict.fromkeys(
            w for w in widgets if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        )
    )


def tab_round(qtbot, window, key=Qt.Key.Key_Tab) -> list[QWidget]:
    """Press Tab until the focus comes back to where it started; the widgets it went through."""
    start = QApplication.focusWidget()
    visited = [start]
    for _ in range(ROUND_TRIP_LIMIT):
        qtbot.keyClick(QApplication.focusWidget(), key)
        visited.append(QApplication.focusWidget())
        if visited[-1] is start and len(visited) > 2:
            return visited
    raise AssertionError(f"Tab never came back to {start!r}; stuck at {visited[-1]!r}")
