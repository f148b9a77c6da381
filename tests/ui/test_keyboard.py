"""The app without a pointer: first focus, Tab order, shortcuts in tooltips, arrow keys, the place
picker, screen-reader names and announcements."""

import numpy as np
import pytest
from keys import focusable, tab_round
from pixels import click, colour_distance, grab
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QToolBar

from app.ui.keyboard import key_names


def touch_the_heel(qtbot, window) -> None:
    window.touch_region("region_heel", "right")
    qtbot.waitUntil(lambda: window.panel.sources.candidate_list.count() > 0 and not window.animating())


def test_the_first_focus_is_the_place_picker(window):
    assert QApplication.focusWidget() is window.panel.pick_button


def test_tab_reaches_every_control_in_reading_order_and_comes_back(qtbot, window):
    touch_the_heel(qtbot, window)  # a card with links, the compare button enabled
    window.panel.pick_button.setFocus()
    visited = tab_round(qtbot, window)
    missing = [w for w in focusable(window) if w not in visited]
    assert not missing, [(type(w).__name__, w.accessibleName() or getattr(w, "text", str)()) for w in missing]
    order = list(dict.fromkeys(visited))
    first = order.index(window.toolbar.widgetForAction(window.toolbar.actions()[0]))
    order = order[first:] + order[:first]  # read from the top left
    toolbar_buttons = [window.toolbar.widgetForAction(a) for a in window.toolbar.actions()]
    positions = [order.index(b) for b in toolbar_buttons if b in order]
    assert positions == sorted(positions), "the toolbar is visited left to right"
    assert order.index(window.controls.search_box) > max(positions)
    assert (
        order.index(window.controls.layers_dock.layer_boxes["show_skin"])
        < order.index(window.interactor)
        < order.index(window.panel.sources.candidate_list)
    )
    back = tab_round(qtbot, window, Qt.Key.Key_Backtab)
    assert set(back) == set(visited), "Shift+Tab goes through the same controls"


def test_every_toolbar_action_and_button_with_a_key_shows_it_in_its_tooltip(window):
    actions = [
        a
        for a in (*window.toolbar.actions(), *window.find_bar.actions(), *window.actions())
        if a.text() and not a.isSeparator() and a.isVisible()
    ]
    buttons = [b for b in window.findChildren(QAbstractButton) if not b.shortcut().isEmpty()]
    for control in (*actions, *buttons):
        assert key_names(control), f"{control.text()!r} has no shortcut"
        assert key_names(control) in control.toolTip(), (control.text(), control.toolTip())
    assert "Ctrl+F" in window.controls.search_box.toolTip()


def test_arrow_keys_turn_the_body_and_plus_zooms(qtbot, window):
    window.interactor.setFocus()
    before_direction = window.scene.camera_direction()
    before = grab(window)
    qtbot.keyClick(window.interactor, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: not window.animating())
    turned = window.scene.camera_direction()
    assert np.degrees(np.arccos(np.clip(before_direction @ turned, -1, 1))) == pytest.approx(15, abs=0.5)
    after = grab(window)
    assert (
        np.mean(
            [
                colour_distance(a, b) > 30
                for a, b in zip(before.reshape(-1, 3)[::97], after.reshape(-1, 3)[::97], strict=False)
            ]
        )
        > 0.02
    )
    distance = window.scene.plotter.camera.distance
    view_angle = window.scene.plotter.camera.view_angle
    qtbot.keyClick(window.interactor, Qt.Key.Key_Plus)
    assert (window.scene.plotter.camera.distance, window.scene.plotter.camera.view_angle) != (distance, view_angle)
    qtbot.keyClick(window.interactor, Qt.Key.Key_W)  # VTK's wireframe key does nothing here
    assert window.isVisible()


def test_the_place_picker_gives_the_answer_a_touch_there_gives(qtbot, window):
    heel = window.explorer_view.labels.centre_vertex("region_heel", "left")
    window.camera.request_view("posterior")
    qtbot.waitUntil(lambda: not window.animating())
    click(qtbot, window, window.explorer_view.labels.points[heel])
    qtbot.waitUntil(lambda: window.panel.sources.candidate_list.count() > 0 and not window.animating())
    by_touch = [c.id for c in window.explorer.candidates]
    assert window.explorer.touches[-1].spot.region == "heel"
    window.explorer.clear()

    qtbot.keyClick(window.panel.pick_button, Qt.Key.Key_P)  # a button's key clicks it 100 ms later
    qtbot.waitUntil(lambda: window.spot_picker is not None and window.spot_picker.isVisible())
    picker = window.spot_picker
    qtbot.waitUntil(picker.isActiveWindow)  # a mnemonic (Alt+L) only works in the active window, which comes later
    qtbot.keyClicks(picker.filter, "heell")  # a typo still finds it
    assert picker.list.currentItem().data(Qt.ItemDataRole.UserRole) == "region_heel"
    qtbot.keyClick(picker.filter, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # &Left
    qtbot.waitUntil(picker.side_buttons["left"].isChecked)
    qtbot.keyClick(picker.side_buttons["left"], Qt.Key.Key_Return)  # Enter takes the default: Show
    qtbot.waitUntil(lambda: window.panel.sources.candidate_list.count() > 0)
    assert [c.id for c in window.explorer.candidates] == by_touch
    assert window.explorer.touches[-1].spot.side == "left"


def test_the_place_picker_can_add_a_place_as_shift_click_does(qtbot, window):
    touch_the_heel(qtbot, window)
    window.panel.pick_button.click()
    window.spot_picker.choose("region_sole", "right", add=True)
    qtbot.waitUntil(lambda: len(window.explorer.touches) == 2)


def test_every_control_has_a_name_for_a_screen_reader(qtbot, window):
    touch_the_heel(qtbot, window)
    nameless = []
    for widget in focusable(window):
        interface = QAccessible.queryAccessibleInterface(widget)
        if not interface.text(QAccessible.Text.Name).strip():
            nameless.append(type(widget).__name__)
    assert not nameless
    assert window.interactor.accessibleDescription()
    item = window.panel.sources.candidate_list.item(0)
    assert window.panel.title_of(window.explorer.candidates[0]) in item.data(Qt.ItemDataRole.AccessibleTextRole)


def test_a_touch_and_a_choice_are_announced(qtbot, window):
    said = []
    window.announcer.announced.connect(said.append)
    QAccessible.setActive(True)  # as with a screen reader listening: the event must go out cleanly
    try:
        touch_the_heel(qtbot, window)
        assert any("heel" in s and "possible sources" in s for s in said), said
        second = window.explorer.candidates[1]
        window.panel.sources.candidate_list.setCurrentRow(1)
        assert said[-1].startswith("Chosen: ") and window.panel.title_of(second) in said[-1]
    finally:
        QAccessible.setActive(False)


@pytest.mark.parametrize("width", [1024, 1280])
def test_no_toolbar_control_is_cut_off(qtbot, window, width):
    window.resize(width, 768)
    qtbot.waitUntil(lambda: window.width() == width)
    QApplication.processEvents()
    for bar in window.findChildren(QToolBar):
        for action in bar.actions():
            widget = bar.widgetForAction(action)
            if widget is not None and action.isVisible() and not action.isSeparator():
                assert widget.isVisible(), action.text() or widget.accessibleName()
                right = widget.mapTo(window, widget.rect().topRight()).x()
                assert right <= window.width(), (action.text(), right)


def test_f1_lists_every_key_including_the_text_size_and_the_3d_view(qtbot, window):
    qtbot.keyClick(window.panel.pick_button, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_box is not None and window.help_box.isVisible())
    text = window.help_box.text()
    for words in ("Larger text", "Urgent signs", "Choose the place from a list", "Turn the body", "Ctrl+F"):
        assert words in text, words
    window.help_box.close()


def test_drop_downs_are_named_by_what_they_control(qtbot, window):
    """Issue 22, defect 8: Qt names a combo box by its current entry ("No map", "Every layer"); the
    words saying what it controls are on screen beside it, and a screen reader gets them as the
    box's label (the "labelled by" relation)."""
    from PySide6.QtWidgets import QComboBox, QLabel

    boxes = [b for b in window.findChildren(QComboBox) if b.isVisible()]
    assert len(boxes) >= 3
    labels = {label.buddy(): label for label in window.findChildren(QLabel) if label.buddy() is not None}
    for box in boxes:
        label = labels.get(box)
        assert label is not None and label.isVisible() and label.text().strip(), box.currentText()
        assert box.currentText() not in label.text()
        interface = QAccessible.queryAccessibleInterface(box)
        named_by = [other.text(QAccessible.Text.Name) for other, _ in interface.relations(QAccessible.Relation.Label)]
        assert label.text() in named_by, (box.currentText(), named_by)


def test_f1_says_in_words_what_the_arrow_buttons_do(qtbot, window):
    """Issue 22, defect 8: the F1 list showed ◀ ▶ with no words."""
    qtbot.keyClick(window.panel.pick_button, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_box is not None and window.help_box.isVisible())
    text = window.help_box.text()
    window.help_box.close()
    assert "◀ Go back" in text and "▶ Go forward" in text
