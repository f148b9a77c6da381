"""The kiosk in Spanish: every string and card a visitor reads after a touch."""

from __future__ import annotations

from pixels import click, skin_point_near
from spanish_words import english_in

from app.ui.i18n import Translation


def test_the_spanish_kiosk_has_no_english_left(qtbot, spanish, make_kiosk):
    kiosk = make_kiosk()
    click(qtbot, kiosk, skin_point_near(kiosk, "metatarsal_head_3_right", (0, 0, 1)))
    qtbot.waitUntil(lambda: bool(kiosk.explorer.candidates) and not kiosk.animating())
    where = kiosk.pages.where.text()
    assert "su pie, lado derecho" in where and not english_in(where), where
    items = [kiosk.pages.candidate_list.item(i).text() for i in range(kiosk.pages.candidate_list.count())]
    assert items and not any(english_in(item) for item in items), items
    card = kiosk.pages.card_view.toPlainText()
    assert "Qué puede ser" in card and not english_in(card), card
    flags = [kiosk.pages.flag_list.item(i).text() for i in range(kiosk.pages.flag_list.count())]
    assert flags and not any(english_in(flag) for flag in flags), flags
    kiosk.pages.urgent_button.click()
    urgent = kiosk.pages.urgent_view.toPlainText()
    assert urgent and not english_in(urgent), urgent


def test_the_staff_menu_switches_the_kiosk_to_spanish(qtbot, qapp, model, knowledge):
    from kiosk_setup import short_spec

    from app.main import Kiosk

    translation = Translation()
    translation.install("en")
    kiosk = Kiosk(model, knowledge, translation, short_spec())
    first = kiosk.window
    first.show()
    qtbot.waitExposed(first)
    try:
        assert first.staff_access.languages == ("en", "es")
        first.staff_access._set_language("es")  # what the staff menu's language box does
        qtbot.waitUntil(lambda: kiosk.window is not first)
        window = kiosk.window
        qtbot.waitExposed(window)
        assert first._leaving and not first.isVisible() and window.spec.language == "es"
        menu = window.staff_access.staff_menu
        assert menu is not None and menu.isVisible(), "the staff menu stays open, now in Spanish"
        assert menu.language_box.currentText() == "Español" and not english_in(menu.back_button.text())
        menu.back_button.click()
        qtbot.waitUntil(lambda: window.scene.frames.count > 0 and not window.animating())
        click(qtbot, window, skin_point_near(window, "metatarsal_head_3_right", (0, 0, 1)))
        qtbot.waitUntil(lambda: bool(window.explorer.candidates) and not window.animating())
        assert "su pie, lado derecho" in window.pages.where.text()
        assert not english_in(window.pages.instruction.text()), window.pages.instruction.text()
    finally:
        translation.install("en")
        kiosk.window.hand_over()
