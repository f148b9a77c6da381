"""A card link and the list (issue 19, defect 6): after a link shows another card, no item of the
list looks chosen, and a tap on the item that was chosen shows its card again."""

from PySide6.QtCore import Qt, QUrl
from test_kiosk_window import touch_left_foot


def tap_item(qtbot, kiosk, row):
    rect = kiosk.candidate_list.visualItemRect(kiosk.candidate_list.item(row))
    qtbot.mouseClick(kiosk.candidate_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_after_a_card_link_a_tap_on_the_chosen_item_shows_its_card_again(qtbot, kiosk):
    touch_left_foot(qtbot, kiosk)
    tap_item(qtbot, kiosk, 0)
    chosen = kiosk._shown_card
    assert chosen is not None and kiosk.candidate_list.currentRow() == 0
    other = "plantar_fasciitis" if chosen != "plantar_fasciitis" else "hip_osteoarthritis"
    kiosk.card_view.anchorClicked.emit(QUrl(f"card:{other}"))
    assert kiosk._shown_card == other
    assert kiosk.candidate_list.selectedItems() == [], "the list no longer says its item is shown"
    tap_item(qtbot, kiosk, 0)
    assert kiosk._shown_card == chosen and kiosk.candidate_list.currentRow() == 0
    assert kiosk.candidate_list.item(0).isSelected()
