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


@dataclass(frozen=True)
class Query:
    spots: tuple[Spot, ...] = ()  # several touches make one pain area
    features: frozenset[str] = frozenset()
    triggers: frozenset[str] = frozenset()
    checks: frozenset[str] = frozenset()
    red_flags: frozenset[str] = frozenset()
