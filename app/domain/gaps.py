"""What a query names that the atlas cannot answer: unknown ids (an error) and ids whose content was
left out (a `Gap`: the ranking answers without them, and says why)."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import QueryError
from app.domain.knowledge import Knowledge
from app.domain.phrases import Phrase
from app.domain.query import Query, Spot


@dataclass(frozen=True)
class Gap:
    """Part of a query the atlas cannot answer because the content for it was left out."""

    id: str  # e.g. dermatome_L5, region_heel, feature_shooting
    why: str  # the content problem, "file:line: problem"

    def __str__(self) -> str:
        return self.said(Knowledge()).text

    def said(self, knowledge: Knowledge) -> Phrase:
        """What is missing, as a phrase to say in any language (`InLanguage.say`)."""
        kind, _, name = self.id.partition("_")
        key = f"gap.{kind}" if kind in ("dermatome", "field", "region") else "gap.answer"
        what = knowledge.say(key, name=(self.id if key == "gap.answer" else name).replace("_", " "))
        return knowledge.say("gap", what=what, why=self.why)


def spot_ids(spot: Spot) -> list[tuple[str, str]]:
    """(territory id, how the query names it) of every territory a spot names."""
    ids = [(f"dermatome_{d}", f"dermatome {d}") for d in spot.dermatomes]
    ids += [(f"field_{n}", f"nerve {n}") for n in spot.cutaneous_nerves]
    return ids + ([(f"region_{spot.region}", f"region {spot.region}")] if spot.region is not None else [])


def _answer_ids(knowledge: Knowledge, query: Query) -> list[tuple[str, str, bool]]:
    """(answer id, how the query names it, whether the atlas has it) of every answer in a query."""
    out = []
    for kind, table in (("feature", knowledge.features), ("trigger", knowledge.triggers), ("check", knowledge.checks)):
        out += [(a, f"{kind} {a}", a in table) for a in sorted(getattr(query, f"{kind}s"))]
    return out + [(r, f"red flag {r}", r in knowledge.red_flags) for r in sorted(query.red_flags)]


def gaps(knowledge: Knowledge, query: Query) -> tuple[Gap, ...]:
    """What the query names that content left out: the ranking answers without it, and says why."""
    found = [
        (tid, knowledge.missing(tid, "territory"))
        for spot in query.spots
        for tid, _ in spot_ids(spot)
        if tid not in knowledge.territories
    ]
    found += [(a, knowledge.missing(a, "answer")) for a, _, known in _answer_ids(knowledge, query) if not known]
    return tuple(dict.fromkeys(Gap(what, why) for what, why in found if why is not None))


def check_query(knowledge: Knowledge, query: Query) -> None:
    """Raise for what the query names that the atlas does not know (and did not leave out)."""
    unknown: list[str] = []
    for spot in query.spots:
        unknown += [
            words
            for tid, words in spot_ids(spot)
            if tid not in knowledge.territories and knowledge.missing(tid, "territory") is None
        ]
        if spot.side not in (None, "left", "right", "midline"):
            unknown.append(f"side {spot.side}")
    unknown += [
        words
        for a, words, known in _answer_ids(knowledge, query)
        if not known and knowledge.missing(a, "answer") is None
    ]
    if unknown:
        raise QueryError(f"unknown {', '.join(unknown)}")
