"""Issue 11.6 in the kiosk: its own sheet has a high-contrast twin, chosen by `--contrast` or the
platform's preference (a kiosk keeps no choice), with WCAG contrast for every text it draws."""

from __future__ import annotations

import pytest
from pixels import contrast_ratio

from app.ui import theme
from app.ui.kiosk.style import KIOSK_COLOURS, KIOSK_TEXT_PAIRS


@pytest.mark.parametrize(("contrast", "least"), [("normal", 4.5), ("high", 7.0)])
def test_every_kiosk_text_meets_wcag(contrast, least):
    colours = KIOSK_COLOURS[contrast]
    low = {
        pair: round(contrast_ratio(colours[pair[0]], colours[pair[1]]), 2)
        for pair in KIOSK_TEXT_PAIRS
        if contrast_ratio(colours[pair[0]], colours[pair[1]]) < least
    }
    assert not low, low


def test_the_kiosk_follows_the_contrast_asked_for(make_kiosk):
    theme.ask("high")
    try:
        kiosk = make_kiosk()
    finally:
        theme.ask(None)
    assert kiosk.contrast == "high" and kiosk.state.high_contrast
    image = kiosk.grab().toImage()
    colour = image.pixelColor(2, image.height() - 2)  # the window's own background in a corner
    assert (colour.red(), colour.green(), colour.blue()) == (0, 0, 0), colour.name()
