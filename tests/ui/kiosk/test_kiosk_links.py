"""A card link and the list (issue 19, defect 6): after a link shows another card, no item of the
list looks chosen, and a tap on the item that was chosen shows its card again."""

from PySide6.QtCore import Qt, QUrl
from test_kiosk_window import touch_left_foot


def tap_item(qtbot, kiosk, row):
    rect = kiosk.pages.candidate_list.visualItemRect(kiosk.pages.candidate_list.item(row))
    qtbot.mouseClick(kiosk.pages.candidate_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_after_a_card_link_a_tap_on_the_chosen_item_shows_its_card_again(qtbot, kiosk):
    touch_left_foot(qtbot, kiosk)
    tap_item(qtbot, kiosk, 0)
    chosen = kiosk.pages.shown_card
    assert chosen is not None and kiosk.pages.candidate_list.currentRow() == 0
    other = "plantar_fasciitis" if chosen != "plantar_fasciitis" else "hip_osteoarthritis"
    kiosk.pages.card_view.anchorClicked.emit(QUrl(f"card:{other}"))
    assert kiosk.pages.shown_card == other
    assert kiosk.pages.candidate_list.selectedItems() == [], "the list no longer says its item is shown"
    tap_item(qtbot, kiosk, 0)
    assert kiosk.pages.shown_card == chosen and kiosk.pages.candidate_list.currentRow() == 0
    assert kiosk.pages.candidate_list.item(0).isSelected()
