"""Search with real keys: Ctrl+F or / opens it, typing lists hits, choosing one shows it."""

from __future__ import annotations

import os
import subprocess

from PySide6.QtCore import Qt


def _type(qtbot, window, text: str) -> None:
    box = window.controls.search_box
    qtbot.keyClicks(box, text)
    qtbot.waitUntil(lambda: box.completer().popup().isVisible())


def test_ctrl_f_then_sciatica_shows_the_disc_herniation_reverse_view(qtbot, window):
    qtbot.keyClick(window.interactor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.controls.search_box.hasFocus)
    _type(qtbot, window, "sciatica")
    popup = window.controls.search_box.completer().popup()
    rows = [popup.model().index(row, 0).data() for row in range(popup.model().rowCount())]
    assert rows[0].startswith("Slipped disc") and any(r.startswith("Sciatic nerve") for r in rows), rows
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert window.explorer.source is not None and window.explorer.source.source == "lumbar_disc_herniation"
    assert window.panel.tabs.currentWidget() is window.panel.from_source
    assert "Slipped disc" in window.panel.from_source.reach_view.toPlainText()


def test_slash_then_a_card_shows_the_card(qtbot, window):
    qtbot.keyClick(window.interactor, Qt.Key.Key_Slash)
    qtbot.waitUntil(window.controls.search_box.hasFocus)
    _type(qtbot, window, "foot drop")
    qtbot.keyClick(window.controls.search_box.completer().popup(), Qt.Key.Key_Escape)
    qtbot.keyClick(window.controls.search_box, Qt.Key.Key_Return)  # Enter takes the best hit
    assert "Foot drop: L5 nerve root" in window.panel.sources.card_view.toPlainText()
    assert window.controls.search_box.text().startswith("Foot drop")


def test_a_region_is_touched_in_its_middle_like_a_click(qtbot, window):
    qtbot.keyClick(window.interactor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    _type(qtbot, window, "buttok")  # a typo
    popup = window.controls.search_box.completer().popup()
    assert popup.model().index(0, 0).data().startswith("Buttock")
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(window.explorer.touches) == 1)
    assert window.explorer.touches[0].spot.region == "buttock"
    assert window.explorer.candidates and "buttock" in window.panel.where.text().lower()
    qtbot.waitUntil(lambda: not window.animating())
    assert window.explorer_view.path_points, "the touch draws its paths like a click"


def test_suggestions_are_never_cut_to_the_box(qtbot, window):
    """Issue 21, defect 7 (one of five): the suggestions were cut to the box's width
    ("Slipped disc (disc herniation) — condi…")."""
    qtbot.keyClick(window.interactor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.controls.search_box.hasFocus)
    _type(qtbot, window, "sciatica")
    popup = window.controls.search_box.completer().popup()
    assert popup.viewport().width() >= popup.sizeHintForColumn(0), (
        popup.viewport().width(),
        popup.sizeHintForColumn(0),
    )


def _choose(qtbot, window, text: str) -> None:
    """Type `text` in the search box and take its best hit with Enter."""
    qtbot.keyClick(window.interactor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.controls.search_box.hasFocus)
    _type(qtbot, window, text)
    qtbot.keyClick(window.controls.search_box.completer().popup(), Qt.Key.Key_Escape)
    qtbot.keyClick(window.controls.search_box, Qt.Key.Key_Return)


def test_a_card_result_leaves_no_other_source_lit(qtbot, window):
    """Issue 21, defect 7: a card opened from search left the previous reverse view lit on the
    body above an empty list."""
    _choose(qtbot, window, "sciatica")
    assert window.explorer.source is not None
    _choose(qtbot, window, "foot drop")
    assert "Foot drop" in window.panel.sources.card_view.toPlainText()
    assert window.explorer.source is None, "the body still shows the slipped disc's reach"
    qtbot.waitUntil(lambda: not window.animating())
    assert "reach" not in window.scene.skin_layers.layers


def test_a_card_from_search_stays_when_the_text_grows(qtbot, window):
    """Issue 21, defect 7: a text-size change swapped the card from search for the chosen source's."""
    window.touch_region("region_buttock")
    qtbot.waitUntil(lambda: window.explorer.selected is not None)
    _choose(qtbot, window, "foot drop")
    card_view = window.panel.sources.card_view
    assert "Foot drop" in card_view.toPlainText()
    with qtbot.waitSignal(card_view.textChanged):  # the card is parsed again in the new font
        qtbot.keyClick(window.interactor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert "Foot drop" in card_view.toPlainText()
    window.text_size.normal()


def test_back_and_forward_work_from_the_search_box(qtbot, window):
    """Issue 21, defect 7: Alt+← did nothing while the search box had the focus. Real X key
    events (xdotool), with the suggestions open: the popup has the keyboard then."""
    _choose(qtbot, window, "sciatica")
    first = window.explorer.source.source
    _choose(qtbot, window, "flat feet")
    box = window.controls.search_box
    box.selectAll()
    _type(qtbot, window, "heel")
    subprocess.run(["xdotool", "key", "--clearmodifiers", "alt+Left"], check=True, env=os.environ)
    qtbot.waitUntil(lambda: window.explorer.source is not None and window.explorer.source.source == first)
    box.completer().popup().hide()
    qtbot.waitUntil(box.hasFocus)
    subprocess.run(["xdotool", "key", "--clearmodifiers", "alt+Right"], check=True, env=os.environ)
    qtbot.waitUntil(lambda: window.explorer.source.source == "flat_feet")


def test_the_search_text_goes_when_the_view_moves_on(qtbot, window):
    """Issue 21, defect 7: the box kept saying "Flat feet" after going back to another view."""
    _choose(qtbot, window, "sciatica")
    _choose(qtbot, window, "flat feet")
    assert window.controls.search_box.text().startswith("Flat feet")
    window.controls.history.back()
    assert window.controls.search_box.text() == ""
    _choose(qtbot, window, "buttok")
    qtbot.waitUntil(lambda: len(window.explorer.touches) == 1)
    assert window.controls.search_box.text().startswith("Buttock"), "the touch it asked for keeps the words"
    window.explorer.clear()
    assert window.controls.search_box.text() == ""


def test_suggestions_stay_on_the_screen_beside_its_edge(qtbot, window):
    """Issue 21, defect 7: in a window at the screen's right edge (a maximised one) the wide
    suggestions ran off the screen ("Piriformis syndrome (sciatic nerve squeezed in the bu")."""
    screen = window.screen().availableGeometry()
    right = screen.right() - window.frameGeometry().width() + 1
    window.move(right, screen.top())
    qtbot.waitUntil(lambda: window.frameGeometry().right() >= screen.right() - 2)
    qtbot.keyClick(window.interactor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.controls.search_box.hasFocus)
    _type(qtbot, window, "piriformis syndrome")
    popup = window.controls.search_box.completer().popup()
    assert popup.viewport().width() >= popup.sizeHintForColumn(0)
    assert popup.geometry().right() <= screen.right() and popup.geometry().left() >= screen.left(), (
        popup.geometry(),
        screen,
    )
    box = window.controls.search_box
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.text().startswith("Piriformis") and box.cursorPosition() == 0
