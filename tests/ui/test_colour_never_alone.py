"""Colour never alone (issue 11.7): where a colour means something, words or a pattern say it too."""

from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.domain.knowledge import MECHANISM_WORDS
from app.scene.skin_overlays import _hatched_differences


def test_a_card_names_its_mechanism_in_words_and_its_title_is_not_coloured_text(qtbot, window):
    window.touch_vertex(window.explorer_view.labels.centre_vertex("region_dorsum_of_foot"))
    qtbot.waitUntil(lambda: bool(window.explorer.candidates))
    for candidate in window.explorer.candidates[:4]:
        html = window.panel.sources.candidate_html(candidate)
        assert MECHANISM_WORDS[candidate.mechanism] in html
        heading = re.search(r"<h2[^>]*>(.*?)</h2>", html).group(0)
        assert "<h2>" in heading, "the heading's words keep the text colour (yellow on white is unreadable)"


def test_each_source_card_says_its_mechanism(qtbot, window):
    window.touch_vertex(window.explorer_view.labels.centre_vertex("region_dorsum_of_foot"))
    qtbot.waitUntil(lambda: window.panel.sources.candidate_list.count() > 0)
    listed = window.panel.sources.candidate_list
    qtbot.waitUntil(
        lambda: all(listed.itemWidget(listed.item(row)) for row in range(listed.count()))
    )  # the last ones after the frame
    for row in range(listed.count()):
        item = listed.item(row)
        candidate = next(c for c in window.explorer.candidates if c.id == item.data(256))
        words = MECHANISM_WORDS[candidate.mechanism]
        assert words in item.data(Qt.ItemDataRole.AccessibleTextRole)
        assert any(words in label.text() for label in listed.itemWidget(item).findChildren(QLabel))


def test_where_the_dermatome_maps_differ_is_a_striped_pattern(window):
    overlays = window.overlays
    cut = overlays.cut("dermatomes")
    weights = _hatched_differences(cut)
    lee, keegan = np.asarray(cut.cell_data["dermatome"]), np.asarray(cut.cell_data["dermatome_keegan"])
    differ = (lee != keegan) & (lee >= 0) & (keegan >= 0)
    assert differ.any()
    assert 0.3 < weights[differ].mean() < 0.7, "stripes: about half the disagreeing skin, not a flat fill"
    assert not weights[~differ].any()
