"""Where the two dermatome maps disagree at a touched spot, the answer says so (issue 12)."""

from __future__ import annotations

from app.domain.query import Spot, dermatome_maps


def test_maps_that_differ_are_named_both() -> None:
    maps = dermatome_maps(Spot(dermatomes=("L3", "L4"), region="knee_front", keegan="L4"))
    assert maps is not None and not maps.agree
    assert (maps.lee, maps.keegan) == ("L3", "L4")
    assert "do not agree" in maps.note and "L3" in maps.note and "L4" in maps.note
    assert {"lee_2008", "keegan_garrett_1948"} <= set(maps.references)


def test_maps_that_agree_say_so() -> None:
    maps = dermatome_maps(Spot(dermatomes=("S4_S5",), keegan="S4_S5"))
    assert maps is not None and maps.agree and "S4-S5" in maps.note


def test_a_spot_given_by_name_has_no_map_answer() -> None:
    assert dermatome_maps(Spot(region="knee_front")) is None
    assert dermatome_maps(Spot(dermatomes=("L5",))) is None
