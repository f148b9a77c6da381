"""One urgency model (DESIGN.md §8, CLINICAL.md §6): four levels, the carers that match each, and
which red flags a touched spot asks about before any ranking. Content gives every condition, red
flag and answer its level; everything that shows urgency reads it from here."""

from __future__ import annotations

from app.domain.knowledge import Knowledge
from app.domain.query import Query

LEVELS = ("emergency", "today", "soon", "routine")  # most urgent first
EMERGENCY_CARERS = ("emergency_care",)


def most_urgent(levels: tuple[str, ...] | list[str]) -> str:
    return min(levels, key=LEVELS.index, default="routine")


def carers(level: str, who_can_help: tuple[str, ...]) -> tuple[str, ...]:
    """Who can help at this level (CLINICAL.md §6): emergency care alone for an emergency; a doctor,
    then emergency care, for today; no emergency care within days; routine as the content says."""
    if level == "emergency":
        return EMERGENCY_CARERS
    others = tuple(w for w in who_can_help if w not in EMERGENCY_CARERS) or ("family_doctor",)
    if level == "today":
        return (*others, *EMERGENCY_CARERS)
    return others if level == "soon" else who_can_help


def ask_first(knowledge: Knowledge, query: Query) -> tuple[str, ...]:
    """The red flags to check before any candidate, in content order: those that a touched spot's
    region or primary skin strip (dermatome) carries (the saddle area asks about numbness and the bladder)."""
    asked: set[str] = set()
    for spot in query.spots:
        ids = [f"region_{spot.region}"] if spot.region is not None else []
        ids += [f"dermatome_{spot.dermatomes[0]}"] if spot.dermatomes else []
        for territory_id in ids:
            territory = knowledge.territories.get(territory_id)
            if territory is not None:
                asked.update(territory.ask_first)
    return tuple(flag_id for flag_id in knowledge.red_flags if flag_id in asked)


def signs_present(knowledge: Knowledge, query: Query) -> frozenset[str]:
    """The red flags the query marks, and those its answers amount to at a spot that asks them
    (numbness felt in the saddle area is saddle numbness)."""
    felt = {flag_id for flag_id in ask_first(knowledge, query)
            if set(knowledge.red_flags[flag_id].felt_as) & query.features}  # fmt: skip
    return frozenset(query.red_flags) | felt


def flags_by_level(knowledge: Knowledge) -> list[tuple[str, tuple[str, ...]]]:
    """(level, red flag ids) for every level that has red flags, most urgent first."""
    out = [(level, tuple(f.id for f in knowledge.red_flags.values() if f.urgency == level)) for level in LEVELS]
    return [(level, ids) for level, ids in out if ids]


def cards_by_level(knowledge: Knowledge) -> list[tuple[str, tuple[str, ...]]]:
    """(level, red-flag card ids) most urgent first: each card once, at the level of its most urgent sign."""
    level_of: dict[str, str] = {}
    for flag in knowledge.red_flags.values():
        level_of[flag.card] = most_urgent([level_of.get(flag.card, "routine"), flag.urgency])
    out = [(level, tuple(card for card, at in level_of.items() if at == level)) for level in LEVELS]
    return [(level, cards) for level, cards in out if cards]
