"""What a person tells the app: the spots they touched and their answers (DESIGN.md §1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Side = Literal["left", "right", "midline"]


@dataclass(frozen=True)
class Spot:
    """One touched skin point, already labelled by the scene."""

    dermatomes: tuple[str, ...] = ()  # primary first, then alternates, e.g. ("L5", "L4")
    cutaneous_nerves: tuple[str, ...] = ()  # e.g. ("superficial_fibular",)
    region: str | None = None  # e.g. "dorsum_of_foot"
    side: Side | None = None
    keegan: str | None = None  # the Keegan & Garrett 1948 map's label (dermatomes follow Lee 2008 + ISNCSCI)


MAP_REFERENCES = ("lee_2008", "keegan_garrett_1948", "downs_laporte_2011")


@dataclass(frozen=True)
class DermatomeMaps:
    """What the two dermatome maps say at one spot, and whether they agree."""

    lee: str  # the primary label: Lee, McPhee & Stringer 2008, ISNCSCI where Lee is blank (S3-S5)
    keegan: str  # Keegan & Garrett 1948
    agree: bool
    note: str  # plain words for the person
    references: tuple[str, ...] = MAP_REFERENCES


def dermatome_maps(spot: Spot) -> DermatomeMaps | None:
    """The two maps at a touched skin spot; None when the spot has no map labels (a spot given by
    name). Where they differ the answer says so: both labels can fit (Downs & LaPorte 2011)."""
    if not spot.dermatomes or spot.keegan is None:
        return None
    lee, keegan = spot.dermatomes[0], spot.keegan
    if lee == keegan:
        return DermatomeMaps(lee, keegan, True, f"The skin maps agree here: {_level(lee)}.")
    return DermatomeMaps(
        lee,
        keegan,
        False,
        f"The skin maps do not agree here: one map gives this spot to {_level(lee)}, another to "
        f"{_level(keegan)}. Either can fit, so both are kept in mind.",
    )


def _level(label: str) -> str:
    return label.replace("_", "-")


@dataclass(frozen=True)
class Query:
    spots: tuple[Spot, ...] = ()  # several touches make one pain area
    features: frozenset[str] = frozenset()
    triggers: frozenset[str] = frozenset()
    checks: frozenset[str] = frozenset()
    red_flags: frozenset[str] = frozenset()
