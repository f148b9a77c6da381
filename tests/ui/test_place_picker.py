"""The place picker (P) for keyboard users (issue 22, defect 7): near-miss words find the place or
say that nothing matches, Down goes into the list, the chosen place stays lit when Side has focus."""

import pytest
from pixels import colour_distance
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from app.ui.theme import THEMES


@pytest.fixture
def picker(qtbot, window):
    qtbot.keyClick(window.panel.pick_button, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: window.spot_picker is not None and window.spot_picker.isVisible())
    picker = window.spot_picker
    qtbot.waitUntil(picker.isActiveWindow)
    yield picker
    picker.reject()


def _region(picker):
    item = picker.list.currentItem()
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


@pytest.mark.parametrize("typed", ["heal", "hel", "heeel", "buttok"])
def test_near_miss_words_find_the_place(qtbot, picker, typed):
    qtbot.keyClicks(picker.filter, typed)
    expected = "region_buttock" if typed == "buttok" else "region_heel"
    assert _region(picker) == expected, [picker.list.item(i).text() for i in range(picker.list.count())]
    assert not picker.nothing.isVisible()


def test_no_match_says_so(qtbot, picker):
    qtbot.keyClicks(picker.filter, "xylophone")
    assert picker.list.count() == 0
    assert picker.nothing.isVisible() and "xylophone" in picker.nothing.text()
    picker.filter.clear()
    assert picker.list.count() > 10 and not picker.nothing.isVisible()


def test_down_goes_into_the_list_and_up_comes_back(qtbot, picker):
    qtbot.keyClicks(picker.filter, "heel")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Down)
    assert picker.focusWidget() is picker.list and _region(picker) == "region_heel"
    picker.filter.clear()
    qtbot.keyClick(picker.list, Qt.Key.Key_Down)
    assert picker.list.currentRow() == 1, "Down in the list moves through it"
    qtbot.keyClick(picker.list, Qt.Key.Key_Up)
    qtbot.keyClick(picker.list, Qt.Key.Key_Up)
    assert picker.focusWidget() is picker.filter


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_the_chosen_place_stays_lit_when_side_has_the_focus(qtbot, window, contrast):
    window.theme.set_contrast(contrast, remember=False)
    window.panel.pick_button.click()
    picker = window.spot_picker
    qtbot.waitUntil(picker.isVisible)
    picker.list.setCurrentRow(3)
    picker.side_buttons["left"].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: picker.focusWidget() is picker.side_buttons["left"])
    image = picker.list.grab().toImage()
    rect = picker.list.visualItemRect(picker.list.item(3))
    other = picker.list.visualItemRect(picker.list.item(5))
    at = QPoint(rect.center().x() + rect.width() // 3, rect.center().y())
    chosen = image.pixelColor(picker.list.viewport().mapTo(picker.list, at))
    plain = image.pixelColor(picker.list.viewport().mapTo(picker.list, QPoint(at.x(), other.center().y())))
    selected = QColor(THEMES[contrast].selected)
    rgb = lambda c: (c.red(), c.green(), c.blue())  # noqa: E731
    assert colour_distance(rgb(chosen), rgb(selected)) < 30, chosen.name()
    assert colour_distance(rgb(chosen), rgb(plain)) > 30
    picker.reject()
