"""Issue 11.7: the mechanism colours and each skin map's palette stay apart in normal vision and
under simulated protanopia, deuteranopia and tritanopia (thresholds and why: tests/colour_vision.py;
the figures: `python tools/palette_report.py`)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("colour", reason="colour-science needs Python 3.11 or later")
from colour_vision import VISIONS, delta_e, palette_checks, rgb, worst_pair

from app.scene.overlays import MAP_COLOURS
from app.scene.skin_labels import LABEL_ARRAYS


def test_the_difference_is_ciede2000_and_the_simulation_is_applied():
    # Sharma, Wu & Dalal (2005), table 1, pair 1: ΔE00 = 2.0425 between these CIELAB colours
    import colour

    assert colour.delta_E([50, 2.6772, -79.7751], [50, 0, -82.7485], method="CIE 2000") == pytest.approx(
        2.0425, abs=1e-4
    )
    red, green = rgb("#dd3322"), rgb("#668800")  # a red and a green a deuteranope confuses
    assert delta_e(red, green, "normal") > 50
    assert delta_e(red, green, "deuteranopia") < 5
    assert delta_e(red, green, "protanopia") < 0.3 * delta_e(red, green, "normal")
    blue, green = rgb("#4477aa"), rgb("#228833")  # Tol's bright blue and green, alike to a tritanope
    assert delta_e(blue, green, "tritanopia") < 0.4 * delta_e(blue, green, "normal")


@pytest.fixture(scope="module")
def checks(model):
    return {palette: (threshold, colours, pairs) for palette, threshold, colours, pairs in palette_checks(model.skin)}


PALETTES = (
    "mechanisms",
    "mechanisms on the white panel",
    "map: dermatomes",
    "map: dermatomes_keegan",
    "map: nerves",
    "map: regions",
    "hatching where the dermatome maps differ",
)


@pytest.mark.parametrize("vision", VISIONS)
@pytest.mark.parametrize("palette", PALETTES)
def test_every_pair_that_must_differ_stays_apart(checks, palette, vision):
    threshold, colours, pairs = checks[palette]
    assert pairs, "nothing to compare: the neighbours were not found"
    smallest, a, b = worst_pair(colours, pairs, vision)
    assert smallest >= threshold, f"{palette}, {vision}: {a} / {b} only ΔE00 {smallest:.1f} apart (< {threshold})"


def test_neighbours_come_from_the_skin_mesh(checks):
    _threshold, _colours, pairs = checks["map: dermatomes"]
    assert {("T11", "T12"), ("L1", "L2"), ("bare skin", "T10")} <= set(pairs)
    assert ("T10", "S4_S5") not in pairs


@pytest.mark.parametrize("field", sorted(set(LABEL_ARRAYS.values())))
def test_every_territory_of_the_model_has_its_own_colour(model, field):
    """No territory falls back to the cycling palette, and no two share a swatch in the legend."""
    names = [str(n) for n in np.asarray(model.skin.field_data[field])]
    table = MAP_COLOURS[field]
    assert set(names) <= set(table), sorted(set(names) - set(table))
    assert len({table[n].lower() for n in names}) == len(names)
