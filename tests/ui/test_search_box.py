"""Search with real keys: Ctrl+F or / opens it, typing lists hits, choosing one shows it."""

from __future__ import annotations

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
