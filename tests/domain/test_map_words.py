"""Skin maps in the panel's words (issue 21, defect 9): the legend and the labels on the body name a
region or a nerve as the panel does, never by its id; a map makes the skin solid while it shows."""

import pytest

from app.domain.knowledge import Knowledge
from app.domain.view_state import MAP_SKIN_OPACITY, SolidSkinUnderMaps, ViewState


@pytest.mark.parametrize(
    ("language", "overlay", "label", "expected"),
    [
        ("en", "regions", "dorsum_of_foot", "Top of the foot"),
        ("es", "regions", "dorsum_of_foot", "Dorso del pie"),
        ("en", "regions", "lower_abdomen", "Lower belly"),
        ("en", "nerves", "lateral_femoral_cutaneous", "Lateral femoral cutaneous nerve"),
        ("en", "dermatomes", "S4_S5", "S4–S5"),
        ("es", "dermatomes_keegan", "L5", "L5"),
    ],
)
def test_a_map_names_its_territories_as_the_panel_does(knowledge: Knowledge, language, overlay, label, expected):
    assert knowledge.in_language(language).map_name(overlay, label) == expected


def test_no_map_name_is_an_id(knowledge: Knowledge):
    from app.domain.phrases import BODY_PART

    words = knowledge.in_language("en")
    for region in BODY_PART:
        name = words.map_name("regions", region)
        assert "_" not in name and "–" not in name and name == words.title(f"region_{region}").split(" (")[0]


def test_a_map_makes_the_skin_solid_and_gives_the_see_through_skin_back():
    state = ViewState(skin_opacity=0.35)
    solid = SolidSkinUnderMaps(state)
    state.overlay = "dermatomes"
    assert state.skin_opacity == MAP_SKIN_OPACITY
    state.overlay = "regions"  # another map: still solid
    assert state.skin_opacity == MAP_SKIN_OPACITY
    state.overlay = "none"
    assert state.skin_opacity == 0.35
    solid.close()


def test_an_opacity_chosen_while_a_map_shows_is_kept():
    state = ViewState(skin_opacity=0.35)
    solid = SolidSkinUnderMaps(state)
    state.overlay = "nerves"
    state.skin_opacity = 0.6  # the person wants to see inside
    state.overlay = "none"
    assert state.skin_opacity == 0.6
    solid.close()
    state.overlay = "dermatomes"  # closed: no longer follows
    assert state.skin_opacity == 0.6
