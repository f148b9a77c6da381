"""Colour never alone (issue 11.7): where a colour means something, words or a pattern say it too."""

from __future__ import annotations

import re

import numpy as np

from app.domain.knowledge import MECHANISM_WORDS
from app.scene.skin_overlays import _hatched_differences


def test_a_card_names_its_mechanism_in_words_and_its_title_is_not_coloured_text(qtbot, window):
    window.touch_vertex(window.explorer_view.labels.centre_vertex("region_dorsum_of_foot"))
    qtbot.waitUntil(lambda: bool(window.explorer.candidates))
    for candidate in window.explorer.candidates[:4]:
        html = window.panel.candidate_html(candidate)
        assert MECHANISM_WORDS[candidate.mechanism] in html
        heading = re.search(r"<h2[^>]*>(.*?)</h2>", html).group(0)
        assert "<h2>" in heading, "the heading's words keep the text colour (yellow on white is unreadable)"


def test_each_source_card_says_its_mechanism(qtbot, window):
    window.touch_vertex(window.explorer_view.labels.centre_vertex("region_dorsum_of_foot"))
    qtbot.waitUntil(lambda: window.panel.candidate_list.count() > 0)
    for row in range(window.panel.candidate_list.count()):
        item = window.panel.candidate_list.item(row)
        candidate = next(c for c in window.explorer.candidates if c.id == item.data(256))
        assert MECHANISM_WORDS[candidate.mechanism] in window.panel.candidate_list.itemWidget(item).plain_text


def test_where_the_dermatome_maps_differ_is_a_striped_pattern(window):
    overlays = window.overlays
    cut = overlays.cut("dermatomes")
    weights = _hatched_differences(cut)
    lee, keegan = np.asarray(cut.cell_data["dermatome"]), np.asarray(cut.cell_data["dermatome_keegan"])
    differ = (lee != keegan) & (lee >= 0) & (keegan >= 0)
    assert differ.any()
    assert 0.3 < weights[differ].mean() < 0.7, "stripes: about half the disagreeing skin, not a flat fill"
    assert not weights[~differ].any()
