"""A window that fits every screen (issue 21, defects 1 and 6): the default size where it fits,
else maximised; the size and place come back; larger text scrolls the panels instead of growing
the window; a narrow toolbar shows its overflow button, which reaches the buttons that do not fit."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QToolButton

from app.ui.window_fit import DEFAULT_SIZE, EXTENSION_NAME, opening_geometry


@pytest.mark.parametrize(
    ("screen", "fits"),
    [((1024, 768 - 30), False), ((1280, 800 - 30), False), ((1920, 1080 - 40), True)],
)
def test_the_default_size_opens_only_where_it_fits_with_its_frame(screen, fits):
    available = QRect(0, 30, *screen)  # a panel along the top
    geometry = opening_geometry(available)
    assert (geometry is not None) == fits
    if geometry is not None:
        assert geometry.size() == DEFAULT_SIZE and available.contains(geometry)
        assert geometry.center() == available.center()


def test_the_window_opens_on_the_screen(window):
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry()), (available, window.frameGeometry())


def test_larger_text_scrolls_the_panels_and_never_grows_the_window(qtbot, window):
    window.resize(1008, 700)  # a 1024×768 screen less its frame and panel
    qtbot.waitUntil(lambda: window.size() == QSize(1008, 700))
    for _ in range(3):  # Ctrl+= ×3: 150 %, the "larger text for the patient" moment
        qtbot.keyClick(window.interactor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.text_size.scale == pytest.approx(1.5)
    QApplication.sendPostedEvents()  # the layout grows a window from posted events: let them run
    QApplication.processEvents()
    assert window.size() == QSize(1008, 700), window.size()
    assert window.minimumSizeHint().height() <= 700
    qtbot.waitUntil(lambda: window.toolBarBreak(window.find_bar))  # the search moves to a row of its own
    assert window.controls.search_box.isVisible()
    # the disclaimer under the cards is still reachable: the panel scrolls to it
    disclaimer = window.panel.findChild(type(window.panel.where), "disclaimer")
    scroller = window.explorer_dock.widget()
    qtbot.waitUntil(lambda: scroller.viewport().width() >= window.panel.minimumSizeHint().width())  # never cut
    scroller.ensureWidgetVisible(disclaimer)
    top_left = disclaimer.mapTo(scroller.viewport(), disclaimer.rect().topLeft())
    assert scroller.viewport().rect().contains(top_left)


def test_the_size_and_place_come_back_at_the_next_start(qtbot, window, model, knowledge):
    from app.ui.main_window import MainWindow

    window.setGeometry(120, 90, 1100, 700)
    qtbot.waitUntil(lambda: window.size() == QSize(1100, 700))
    window.close()
    again = MainWindow(model, knowledge)
    qtbot.addWidget(again)
    try:
        assert again.size() == QSize(1100, 700) and again.pos().x() == window.pos().x()
    finally:
        again.close()


def test_a_narrow_toolbar_shows_its_overflow_and_it_reaches_every_button(qtbot, window):
    window.resize(700, 600)
    toolbar = window.toolbar
    extension = toolbar.findChild(QToolButton, EXTENSION_NAME)
    qtbot.waitUntil(extension.isVisible)
    hidden = [a for a in toolbar.actions() if not a.isSeparator() and not toolbar.widgetForAction(a).isVisible()]
    assert window.controls.handout_action in hidden, "700 px is too narrow for the whole toolbar"
    assert extension.accessibleName() and extension.toolTip()
    picture = extension.grab().toImage()
    pixels = np.array(
        [[picture.pixelColor(x, y).lightness() for x in range(picture.width())] for y in range(picture.height())]
    )
    assert (pixels > 150).sum() > 10, "a light » on the dark toolbar"
    qtbot.mouseClick(extension, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(toolbar.widgetForAction(a).isVisible() for a in hidden))


def test_ctrl_q_closes_the_window(qtbot, window):
    """Issue 21, build item 4: Ctrl+Q quits, as a desktop user expects."""
    qtbot.keyClick(window.interactor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
