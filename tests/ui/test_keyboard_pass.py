"""A keyboard-only pass through the desk window (issue 22, "done when"), in the clinician's and the
student's mode, in the normal and the high-contrast theme: Tab reaches every enabled, visible control
that takes focus, in reading order (the toolbars, the left column, the body, the panel on the right,
each block top to bottom), Shift+Tab the same ones; the focused control draws its focus (its pixels
differ from the same control unfocused, the 3D view's frame included); Enter and Space operate it."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from keys import focusable, tab_round
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtWidgets import QApplication, QDockWidget, QPushButton, QTabBar, QTextBrowser, QToolBar, QWidget

FOCUS_MARGIN_PX = 4  # a ring may be drawn just outside a control (the 3D view's frame is)


@pytest.fixture(params=["clinician", "student"])
def desk(request, qtbot, model, knowledge, question_bank, tmp_path, monkeypatch):
    from app.modes.spec import CLINICIAN, STUDENT
    from app.study.store import DATA_ENV
    from app.ui.main_window import MainWindow

    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    spec = {"clinician": CLINICIAN, "student": STUDENT}[request.param]
    window = MainWindow(model, knowledge, spec=spec, question_bank=question_bank)
    window.resize(1280, 800)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    if window.study is not None and window.study.quiz is not None:
        qtbot.waitUntil(lambda: window.study.quiz.session is not None, timeout=20000)
    qtbot.waitUntil(lambda: window.scene.frames.count > 0 and not window.animating())
    yield window
    window.close()


def _block(window, widget: QWidget, previous: tuple[int, int, str] | None) -> tuple[int, int, str]:
    """(rank, place, dock) of the part of the window a control sits in, read in this order: the
    toolbars (0), the docks on the left (1) top to bottom, the body (2), the docks on the right (3);
    the tabs of tabbed docks belong to the docks they switch (`previous`: the control before)."""
    if isinstance(widget.parentWidget(), QToolBar):
        bar = widget.parentWidget()
        corner = bar.mapTo(window, QPoint(0, 0))
        return (0, corner.y() * 10000 + corner.x(), bar.objectName())
    if isinstance(widget, QTabBar) and widget.parentWidget() is window:
        assert previous is not None
        return previous
    dock = widget
    while dock is not None and not isinstance(dock, QDockWidget):
        dock = dock.parentWidget()
    if dock is None:
        return (2, 0, "")  # the body
    left = window.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    return (1 if left else 3, dock.mapTo(window, QPoint(0, 0)).y(), dock.objectName())


def _reading_order_breaks(order: list[tuple[QWidget, tuple[int, int, str], int]]) -> list[str]:
    """Where Tab goes back to an earlier part of the window, or up inside one dock (each control with
    its block and its top, both as it showed when focused)."""
    breaks = []
    for (first, block_a, top_a), (second, block_b, top_b) in itertools.pairwise(order):
        back = block_b[:2] < block_a[:2] and block_b[0] != 3  # tabbed docks on the right share a place
        up = block_a == block_b and block_a[0] != 0 and top_b < top_a - first.height() // 2
        if back or up or block_b[0] < block_a[0]:
            breaks.append(f"{_name(first)} -> {_name(second)}")
    return breaks


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    words = text() if callable(text) else ""
    return f"{type(widget).__name__}({widget.accessibleName() or words or widget.objectName()})"


def _ring_area(window, widget: QWidget) -> QRect:
    corner = widget.mapTo(window, QPoint(0, 0))
    area = QRect(corner, widget.size()).adjusted(-FOCUS_MARGIN_PX, -FOCUS_MARGIN_PX, FOCUS_MARGIN_PX, FOCUS_MARGIN_PX)
    return area.intersected(window.rect())


def _pixels(window, area: QRect, inner: QRect | None = None) -> np.ndarray:
    """The window's pixels in `area` (the 3D view's own pixels, `inner`, left out: a native OpenGL
    window that grab() does not draw the same twice)."""
    image = window.grab(area).toImage().convertToFormat(QImage.Format.Format_RGB888)
    if image.isNull():
        return np.zeros((0, 0, 3), dtype=int)
    pixels = np.frombuffer(bytes(image.constBits()), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    pixels = pixels[:, : image.width() * 3].reshape(image.height(), image.width(), 3).astype(int).copy()
    if inner is not None:
        inner = inner.translated(-area.x(), -area.y())
        pixels[inner.top() : inner.bottom() + 1, inner.left() : inner.right() + 1] = 0
    return pixels


def _settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.animating())
    QApplication.processEvents()


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_tab_reaches_sees_and_leaves_every_control_in_reading_order(qtbot, desk, contrast):
    window = desk
    window.theme.set_contrast(contrast, remember=False)
    window.touch_region("region_heel", "right")  # a card with links, Compare enabled
    qtbot.waitUntil(lambda: window.panel.sources.candidate_list.count() > 0 and not window.animating())
    if (
        window.study is not None and window.study.quiz is not None
    ):  # a question with choices (wrapped buttons) in the chain
        quiz = window.study.quiz
        quiz.new_round([next(q for q in quiz.questions if q.kind == "entrapment_site")])
        qtbot.waitUntil(lambda: all(b.isVisible() for b in quiz.panel.choice_buttons.values()))
    toolbar_first = window.toolbar.widgetForAction(window.toolbar.actions()[0])
    toolbar_first.setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, window)

    shown, unfocused = {}, {}
    view_inner = None
    order: list[QWidget] = []
    placed: list[tuple[QWidget, tuple[int, int, str], int]] = []  # as each showed when focused
    offscreen: list[str] = []  # focused while not on the screen (a dock tabbed behind another)
    start = QApplication.focusWidget()
    for _ in range(400):
        widget = QApplication.focusWidget()
        if widget not in shown:
            order.append(widget)
            block = _block(window, widget, placed[-1][1] if placed else None)
            placed.append((widget, block, widget.mapTo(window, QPoint(0, 0)).y()))
            if not _on_screen(window, widget):
                offscreen.append(_name(widget))
            inner = None
            if widget is window.interactor:
                view_inner = inner = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
            shown[widget] = (_ring_area(window, widget), inner, _pixels(window, _ring_area(window, widget), inner))
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        _settle(qtbot, window)
        if QApplication.focusWidget() is not widget and widget not in unfocused:
            area, inner, _ = shown[widget]
            unfocused[widget] = _pixels(window, area, inner)
        if QApplication.focusWidget() is start and len(order) > 2:
            break
    else:
        raise AssertionError("Tab never came back to the first toolbar button")

    missing = [
        _name(w) for w in focusable(window) if w not in shown and w.isVisibleTo(window) and _on_screen(window, w)
    ]
    assert not missing, f"not reached by Tab: {missing}"
    assert not offscreen, f"Tab focused controls that are not on screen: {offscreen}"
    assert not _reading_order_breaks(placed), _reading_order_breaks(placed)
    assert view_inner is not None, "the 3D view is in the chain"
    if window.study is not None and window.study.quiz is not None:
        assert set(window.study.quiz.panel.choice_buttons.values()) <= set(order)
    no_ring = [
        _name(w)
        for w in order
        if w in unfocused and not isinstance(w, QTextBrowser) and _same(shown[w][2], unfocused[w])
    ]
    assert not no_ring, f"no visible focus on: {no_ring}"
    back = tab_round(qtbot, window, Qt.Key.Key_Backtab)
    assert set(back) == set(order), "Shift+Tab goes through the same controls"


def _on_screen(window, widget: QWidget) -> bool:
    return not widget.visibleRegion().isEmpty() and window.rect().intersects(_ring_area(window, widget))


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and int(np.abs(a - b).sum(axis=2).max()) < 60


def test_enter_and_space_press_the_focused_button(qtbot, desk):
    """Qt presses a focused push button on Enter only in a dialog: in the window Enter did nothing."""
    window = desk
    back = window.toolbar.widgetForAction(next(a for a in window.toolbar.actions() if a.text() == "Back"))
    back.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(back, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.scene.camera_direction()[1] < -0.9)
    pick = window.panel.pick_button
    assert isinstance(pick, QPushButton)
    for key in (Qt.Key.Key_Enter, Qt.Key.Key_Space):
        pick.setFocus(Qt.FocusReason.TabFocusReason)
        with qtbot.waitSignal(pick.clicked, timeout=2000):
            qtbot.keyClick(pick, key)
        qtbot.waitUntil(lambda: window.spot_picker is not None and window.spot_picker.isVisible())
        window.spot_picker.reject()


@pytest.mark.parametrize("desk", ["student"], indirect=True)
def test_the_quiz_choices_and_feedback_buttons_come_in_reading_order(qtbot, desk):
    """A question's choices are made when it is asked: Qt put them at the end of the window's Tab
    chain (after Reset my progress); they come after the question, top to bottom, before the card,
    and so do Next and the card's button after an answer."""
    window = desk
    quiz = window.study.quiz
    questions = [q for q in quiz.questions if q.kind == "entrapment_site"][:2]
    quiz.new_round(questions)
    panel = quiz.panel

    def walk() -> list[QWidget]:
        qtbot.waitUntil(lambda: all(b.isVisible() for b in panel.choice_buttons.values()))
        quiz.dock.widget().setFocus(Qt.FocusReason.TabFocusReason)
        seen = []
        while QApplication.focusWidget() is not panel.new_round_button and len(seen) < 40:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            seen.append(QApplication.focusWidget())
        return seen

    choices = list(panel.choice_buttons.values())
    seen = walk()
    assert [w for w in seen if w in choices] == choices, [_name(w) for w in seen]
    assert seen.index(choices[-1]) < seen.index(panel.card_view)
    qtbot.keyClick(choices[0], Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: quiz.feedback is not None)
    seen = walk()
    assert seen.index(panel.next_button) < seen.index(panel.card_button) < seen.index(panel.card_view)
    qtbot.keyClick(panel.next_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: quiz.feedback is None and quiz.current is not None)
    choices = list(panel.choice_buttons.values())
    seen = walk()
    assert [w for w in seen if w in choices] == choices, "the second question's choices as well"


def test_every_control_in_the_chain_has_a_name_for_a_screen_reader(qtbot, desk):
    """The clinician's controls were named (tests/ui/test_keyboard.py); the student's window has the
    quiz, its wrapped choices and the tabs between the panels as well."""
    window = desk
    if window.study is not None and window.study.quiz is not None:
        quiz = window.study.quiz
        quiz.new_round([next(q for q in quiz.questions if q.kind == "entrapment_site")])
        qtbot.waitUntil(lambda: all(b.isVisible() for b in quiz.panel.choice_buttons.values()))
    nameless = [
        _name(w)
        for w in focusable(window)
        if not QAccessible.queryAccessibleInterface(w).text(QAccessible.Text.Name).strip()
    ]
    assert not nameless
