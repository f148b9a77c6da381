"""Issue 11.6: a high-contrast theme, chosen by an action, `--contrast`, the saved choice or the
platform's contrast preference; WCAG contrast of every text the sheet draws; colour never alone."""

from __future__ import annotations

import re

import pytest
from pixels import contrast_ratio
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from app.ui import theme
from app.ui.theme import OUTLINE_PAIRS, SETTINGS_KEY, TEXT_PAIRS, THEMES, style_sheet


def test_the_contrast_ratio_is_wcag_s():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the well-known AA grey


@pytest.mark.parametrize(("contrast", "least"), [("normal", 4.5), ("high", 7.0)])
def test_every_text_in_the_sheet_meets_wcag(contrast, least):
    colours = THEMES[contrast]
    low = {
        (fg, bg): round(contrast_ratio(getattr(colours, fg), getattr(colours, bg)), 2)
        for fg, bg in TEXT_PAIRS
        if contrast_ratio(getattr(colours, fg), getattr(colours, bg)) < least
    }
    assert not low, f"{contrast}: below {least}:1: {low}"
    outlines = {pair: contrast_ratio(getattr(colours, pair[0]), getattr(colours, pair[1])) for pair in OUTLINE_PAIRS}
    assert min(outlines.values()) >= 3.0, outlines


def test_the_sheet_draws_text_only_in_pairs_the_test_checks():
    """Every colour the template gives to text is a foreground of TEXT_PAIRS (no unchecked pair),
    and the high-contrast sheet has no grey at all but the disabled text."""
    template = theme._TEMPLATE.read_text(encoding="utf-8") + theme._HIGH_TEMPLATE.read_text(encoding="utf-8")
    text_fields = set(re.findall(r"(?<![-\w])color:\s*\$(\w+)", template))
    assert text_fields <= {fg for fg, _bg in TEXT_PAIRS} | {"disabled_text"}, text_fields
    high = THEMES["high"]
    greys = {
        name
        for name, value in vars(high).items()
        if isinstance(value, str)
        and value.startswith("#")
        and len({value[1:].lower()[i : i + 2] for i in (0, 2, 4)}) == 1
        and value.lower() not in ("#000000", "#ffffff")
    }
    assert greys <= {"disabled_text"}, greys


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_the_sheet_leaves_font_sizes_to_the_presenter_setting(contrast):
    sheet = style_sheet(contrast)
    assert "$" not in sheet
    assert not re.search(r"font-size:\s*[\d.]+\s*(px|pt)", sheet), "text sized in px/pt ignores the presenter size"
    assert re.search(r"font-size:\s*[\d.]+em", sheet)


def _background_at(widget) -> tuple[int, int, int]:
    image = widget.grab().toImage()
    colour = image.pixelColor(image.width() - 3, image.height() // 2)
    return colour.red(), colour.green(), colour.blue()


def _press_high_contrast(qtbot, window):
    qtbot.keyClick(
        window.interactor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )


def test_the_action_paints_the_window_in_high_contrast_and_it_survives_a_restart(qtbot, window, model, knowledge):
    from pixels import grab

    from app.ui.main_window import MainWindow

    assert window.theme.contrast == "normal" and not window.state.high_contrast
    panel_before = _background_at(window.panel.sources.card_view)
    scene_before = grab(window)[5, 5]
    assert panel_before == (255, 255, 255)
    assert "Ctrl+Shift+H" in window.theme.action.toolTip()

    _press_high_contrast(qtbot, window)
    assert window.theme.action.isChecked() and window.theme.contrast == "high"
    qtbot.waitUntil(lambda: _background_at(window.panel.sources.card_view) == (0, 0, 0))
    assert window.state.high_contrast
    qtbot.waitUntil(lambda: not window.animating())
    corner = grab(window)[5, 5]
    assert corner.max() < 10 < scene_before.max(), (corner, scene_before)  # the 3D background goes black
    window.close()

    again = MainWindow(model, knowledge)  # a new start reads the saved choice
    qtbot.addWidget(again)
    try:
        assert again.theme.contrast == "high" and again.theme.action.isChecked()
        again.show()
        qtbot.waitExposed(again)
        assert _background_at(again.panel.sources.card_view) == (0, 0, 0)
        again.theme.action.trigger()
        assert again.theme.contrast == "normal" and theme.settings().value(SETTINGS_KEY) == "normal"
        qtbot.waitUntil(lambda: _background_at(again.panel.sources.card_view) == (255, 255, 255))
    finally:
        again.close()


def test_the_platform_s_high_contrast_is_the_default_until_a_choice_is_made(
    qtbot, window, model, knowledge, monkeypatch
):
    from app.ui.main_window import MainWindow

    monkeypatch.setattr(theme, "platform_contrast", lambda: "high")
    assert theme.chosen_contrast() == "high"
    platform = MainWindow(model, knowledge)
    qtbot.addWidget(platform)
    try:
        assert platform.theme.contrast == "high" and platform.state.high_contrast
    finally:
        platform.close()
    theme.settings().setValue(SETTINGS_KEY, "normal")  # the person's own choice beats the platform's
    assert theme.chosen_contrast() == "normal"


def test_the_platform_hint_is_read_from_qt_s_accessibility_hints(monkeypatch):
    hints = QApplication.styleHints()
    if not hasattr(hints, "accessibility"):
        pytest.skip("Qt before 6.10 has no contrast preference")

    class Hints:
        def __init__(self, preference):
            self.preference = preference

        def accessibility(self):
            return self

        def contrastPreference(self):
            return self.preference

    monkeypatch.setattr(theme.QGuiApplication, "styleHints", lambda: Hints(Qt.ContrastPreference.HighContrast))
    assert theme.platform_contrast() == "high"
    monkeypatch.setattr(theme.QGuiApplication, "styleHints", lambda: Hints(Qt.ContrastPreference.NoPreference))
    assert theme.platform_contrast() == "normal"


@pytest.mark.parametrize("asked", ["high", "normal"])
def test_the_command_line_chooses_for_this_run(asked):
    from app.cli import build_parser

    args = build_parser().parse_args(["--contrast", asked])
    theme.settings().setValue(SETTINGS_KEY, "normal" if asked == "high" else "high")
    theme.ask(args.contrast)
    try:
        assert theme.chosen_contrast() == asked
    finally:
        theme.ask(None)
    assert theme.chosen_contrast() != asked  # not remembered: the saved choice is back


def test_a_bad_contrast_on_the_command_line_is_one_clear_line(capsys):
    from app.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["--contrast", "loud"])
    assert exit_info.value.code == 2
    assert "--contrast" in capsys.readouterr().err


def test_a_hand_edited_setting_falls_back_to_the_platform(monkeypatch):
    monkeypatch.setattr(theme, "platform_contrast", lambda: "normal")
    theme.settings().setValue(SETTINGS_KEY, "loud")
    assert theme.chosen_contrast() == "normal"


def test_text_size_still_scales_the_text_in_high_contrast(qtbot, window):
    window.theme.set_contrast("high")
    before = window.panel.sources.card_view.font().pointSizeF()
    qtbot.keyClick(window.interactor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.panel.sources.card_view.font().pointSizeF() > before)
    assert window.theme.contrast == "high"


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_the_window_still_fits_1280_by_800(qtbot, window, contrast):
    window.theme.set_contrast(contrast)
    QCoreApplication.processEvents()  # the new sheet's layout requests
    assert window.minimumSizeHint().height() <= 800 and window.size().height() == 800
    assert window.toolbar.sizeHint().width() <= 1280, "the toolbar would hide its last buttons"


def test_the_chosen_card_stays_readable_in_high_contrast(qtbot, window):
    """Its words are white: its background must stay black (not the yellow of a checked button)."""
    window.theme.set_contrast("high")
    window.touch_vertex(window.explorer_view.labels.centre_vertex("region_dorsum_of_foot"))
    qtbot.waitUntil(lambda: window.panel.sources.candidate_list.count() > 0)
    window.panel.sources.candidate_list.setCurrentRow(0)
    card = window.panel.sources.candidate_list.itemWidget(window.panel.sources.candidate_list.item(0))
    qtbot.waitUntil(lambda: card.property("selected") is True)
    image = card.grab().toImage()
    inside = image.pixelColor(image.width() // 2, image.height() - 6)
    assert (inside.red(), inside.green(), inside.blue()) == (0, 0, 0), inside.name()
    from PySide6.QtGui import QPalette

    link = QApplication.palette().color(QPalette.ColorRole.Link).name()
    assert link == THEMES["high"].link, "links in the cards are parsed with the application's link colour"


def test_a_card_on_show_gets_the_new_themes_link_colour(qtbot, window):
    from PySide6.QtGui import QTextCharFormat

    window.touch_vertex(window.explorer_view.labels.centre_vertex("region_heel"))
    qtbot.waitUntil(lambda: window.panel.sources.candidate_list.count() > 0)

    def link_colours() -> set[str]:
        colours, block = set(), window.panel.sources.card_view.document().begin()
        while block.isValid():
            for fragment in (it.fragment() for it in _fragments(block)):
                char: QTextCharFormat = fragment.charFormat()
                if char.isAnchor() and char.anchorHref():  # a link, not a section's name
                    colours.add(char.foreground().color().name())
            block = block.next()
        return colours

    assert link_colours() and THEMES["high"].link not in link_colours()
    window.theme.set_contrast("high")
    assert link_colours() == {THEMES["high"].link}


def _fragments(block):
    iterator = block.begin()
    while not iterator.atEnd():
        yield iterator
        iterator += 1
