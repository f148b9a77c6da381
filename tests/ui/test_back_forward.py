"""Back and forward with real keys: back returns to the previous card, and across a new touch."""

from __future__ import annotations

from pixels import click, skin_point_near
from PySide6.QtCore import Qt


def _alt(qtbot, window, key) -> None:
    qtbot.keyClick(window.interactor, key, Qt.KeyboardModifier.AltModifier)


def test_back_returns_to_the_previous_card_and_forward_comes_again(qtbot, window):
    window.camera.request_view("anterior")
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1)))
    qtbot.waitUntil(lambda: window.panel.sources.candidate_list.count() > 1)
    first, second = window.explorer.candidates[:2]
    rect = window.panel.sources.candidate_list.visualItemRect(window.panel.sources.candidate_list.item(1))
    qtbot.mouseClick(window.panel.sources.candidate_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.explorer.selected == second
    window.panel.show_card("diff_l5_root_vs_fibular_nerve")  # as "open the card" does
    assert "Foot drop" in window.panel.sources.card_view.toPlainText()

    _alt(qtbot, window, Qt.Key.Key_Left)
    assert window.explorer.selected == second
    assert window.panel.sources.card_view.toPlainText().startswith(second.title), "the previous card is back"
    _alt(qtbot, window, Qt.Key.Key_Left)
    assert window.explorer.selected == first
    _alt(qtbot, window, Qt.Key.Key_Right)
    _alt(qtbot, window, Qt.Key.Key_Right)
    assert "Foot drop" in window.panel.sources.card_view.toPlainText()
    assert not window.controls.history.forward_action.isEnabled() and window.controls.history.back_action.isEnabled()


def test_back_across_a_new_touch_and_a_reverse_view(qtbot, window):
    window.camera.request_view("anterior")
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1)))
    qtbot.waitUntil(lambda: bool(window.explorer.candidates))
    foot = window.explorer.touches
    window.explorer.show_source("flat_feet")
    assert window.explorer.touches == ()
    qtbot.mouseClick(window.find_bar.widgetForAction(window.controls.history.back_action), Qt.MouseButton.LeftButton)
    assert window.explorer.touches == foot and window.explorer.source is None
    assert window.panel.sources.candidate_list.count() > 0
    _alt(qtbot, window, Qt.Key.Key_Right)
    assert window.explorer.source is not None and window.explorer.source.source == "flat_feet"
