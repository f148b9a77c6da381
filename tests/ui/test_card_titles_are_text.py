"""HTML in a card's title is shown as text (issue 25, defect 7): an `<img src=file:///…>` title
loaded a local picture in the clinician panel and the compare dialog."""

from dataclasses import replace

import pytest
from test_spanish_everywhere import touch_top_of_right_foot

HOSTILE = '<img src="file:///etc/hostile.png">'


@pytest.fixture
def hostile_window(qtbot, model, knowledge):
    from app.ui.main_window import MainWindow

    cards = {key: replace(card, title=HOSTILE + card.title) for key, card in knowledge.cards.items()}
    window = MainWindow(model, replace(knowledge, cards=cards))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # Xvfb has no window manager: the window before may still be active
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.scene.frames.count > 0 and not window.animating())
    yield window
    window.close()


def _images(view) -> int:
    return view.toHtml().count("<img")


def test_a_card_title_with_html_is_text_in_the_panel_and_the_compare_dialog(qtbot, hostile_window):
    window = hostile_window
    window.panel.show_card("flat_feet")
    assert HOSTILE in window.panel.sources.card_view.toPlainText() and _images(window.panel.sources.card_view) == 0
    touch_top_of_right_foot(qtbot, window)
    first, second = [c for c in window.explorer.candidates if c.mechanism != "urgent"][:2]
    window.explorer.compare(first.id, second.id)
    qtbot.waitUntil(window.compare_view.isVisible)
    checks = window.compare_view.checks
    assert HOSTILE in checks.toPlainText() and _images(checks) == 0
    window.compare_view.close()
