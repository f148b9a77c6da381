"""Case questions (issue 22), set as a clinician sets them: a pain drawing (the areas one source
reaches most) and two answers that point to it ("shooting pain, and trouble lifting the big toe"):
which source fits best? Generated from the referral graph and the answers' weights, and kept only
where the ranking (`app.domain.ranking.candidates`) clearly puts that source first; the choices
are the next sources the same ranking gives (the differentials), the feedback the clinical clues,
the card afterwards. Made once per bank: one ranking per body region, one per case."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import combinations

from app.domain.knowledge import Knowledge, variant_title_key
from app.domain.phrases import literal
from app.domain.query import Query, Side, Spot
from app.domain.ranking import Candidate, answer_factor, candidates
from app.domain.records import Variant
from app.study.items import (
    DISTRACTORS,
    Choice,
    ChoiceKey,
    Question,
    answer_clues,
    ask,
    item_rng,
    joined,
    regions_of,
)
from app.study.skin import SkinPoint

DRAWING_AREAS = 2  # the pain drawing: the variant's strongest areas, this many at most
AREA_SHARE = 0.6  # ... each scoring at least this share of its strongest one
CASE_ANSWERS = 2
CASE_RATIO = 0.6  # the best candidate from another source scores at most this share of the winner
SIDE: Side = "right"
ANSWER_KINDS = ("features", "checks", "triggers")
ANSWER_POOL = 6  # the two answers (of different kinds) are the pair of these that sets the source furthest apart
# pain at rest or at night is a sign to get checked (shared/CLINICAL.md §6), never taught as a clue to a source
NOT_A_CLUE = frozenset({"rest_night"})


def _areas_by_variant(knowledge: Knowledge) -> Iterator[dict[str, dict[str, float]]]:
    """variant id -> {region: its score for pain there alone}: one ranking per region (a step each)."""
    out: dict[str, dict[str, float]] = {}
    for region in sorted(regions_of(knowledge)):
        for candidate in candidates(knowledge, Query(spots=(Spot(region=region, side=SIDE),))):
            out.setdefault(candidate.id, {})[region] = candidate.score
        yield {}
    yield out


def _raising(knowledge: Knowledge, variant: Variant) -> list[str]:
    """The answers that raise this variant's odds most (ANSWER_POOL of them), strongest first."""
    raising = [
        (factor, answer)
        for kind in ANSWER_KINDS
        for answer in sorted(getattr(knowledge, kind))
        for factor in [answer_factor(knowledge, variant, answer)[0]]
        if factor > 1.0 and answer not in NOT_A_CLUE
    ]
    return [answer for _, answer in sorted(raising, key=lambda pair: (-pair[0], pair[1]))[:ANSWER_POOL]]


class Cases:
    """The case questions of one knowledge, made once (`preparing` gives the slow part in steps)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self._found: list[tuple[Variant, tuple[str, ...], tuple[str, ...], list[Candidate]]] | None = None

    def preparing(self) -> Iterator[None]:
        if self._found is not None:
            return
        areas: dict[str, dict[str, float]] = {}
        for step in _areas_by_variant(self.knowledge):
            areas = step or areas
            yield
        found = []
        for variant in sorted(self.knowledge.variants().values(), key=lambda v: v.id):
            case = self._case(variant, areas.get(variant.id, {}))
            if case is not None:
                found.append(case)
            yield
        self._found = found

    def _case(
        self, variant: Variant, areas: dict[str, float]
    ) -> tuple[Variant, tuple[str, ...], tuple[str, ...], list[Candidate]] | None:
        if not areas:
            return None
        strongest = max(areas.values())
        drawing = tuple(
            sorted((r for r, s in areas.items() if s >= AREA_SHARE * strongest), key=lambda r: (-areas[r], r))
        )[:DRAWING_AREAS]
        best: tuple[float, tuple[str, ...], list[Candidate]] | None = None
        kind_of = {a: kind for kind in ANSWER_KINDS for a in getattr(self.knowledge, kind)}
        for answers in combinations(_raising(self.knowledge, variant), CASE_ANSWERS):
            if len({kind_of[a] for a in answers}) < CASE_ANSWERS:
                continue  # a feature and a trigger, say: two things a clinician asks, not one asked twice
            ranked = self._ranked(drawing, answers)
            if not ranked or ranked[0].id != variant.id:
                continue
            others: list[Candidate] = []
            for candidate in ranked[1:]:
                if candidate.source != variant.source and all(o.source != candidate.source for o in others):
                    others.append(candidate)
            if len(others) < DISTRACTORS:
                continue
            ratio = others[0].score / ranked[0].score
            if ratio <= CASE_RATIO and (best is None or ratio < best[0]):
                best = (ratio, answers, [ranked[0], *others[:DISTRACTORS]])
        return None if best is None else (variant, drawing, best[1], best[2])

    def _ranked(self, drawing: tuple[str, ...], answers: tuple[str, ...]) -> list[Candidate]:
        kind_of = {a: kind for kind in ANSWER_KINDS for a in getattr(self.knowledge, kind)}
        chosen = {kind: frozenset(a for a in answers if kind_of[a] == kind) for kind in ANSWER_KINDS}
        query = Query(
            spots=tuple(Spot(region=r, side=SIDE) for r in drawing),
            features=chosen["features"],
            triggers=chosen["triggers"],
            checks=chosen["checks"],
        )
        variants = self.knowledge.variants()
        return [c for c in candidates(self.knowledge, query) if c.id in variants]

    def questions(self, seed: int) -> Iterable[Question]:
        for _ in self.preparing():
            pass
        assert self._found is not None
        knowledge = self.knowledge
        named = (knowledge.structures, knowledge.territories, knowledge.conditions)
        for _variant, drawing, answers, ranked in self._found:
            top, rival = ranked[0], ranked[1]
            item_id = f"case:{top.id}:{'+'.join(drawing)}:{'+'.join(answers)}"  # what is drawn and said
            choices = [
                Choice(c.id, knowledge.say("quiz.title", choice=variant_title_key(c.id, *named))) for c in ranked
            ]
            item_rng(seed, item_id).shuffle(choices)
            areas = joined(
                knowledge.say, "quiz.and", [knowledge.say("quiz.area", region=f"region_{r}") for r in drawing]
            )
            said = joined(
                knowledge.say, "quiz.semicolon", [knowledge.say("quiz.answer_sentence", answer=a) for a in answers]
            )
            assert areas is not None
            assert said is not None
            clues = joined(knowledge.say, "quiz.then", answer_clues(knowledge, answers, top, rival))
            why = knowledge.say(
                "quiz.why_clue",
                top=variant_title_key(top.id, *named),
                rival=variant_title_key(rival.id, *named),
                anatomy=top.why[0],
                clues=clues or literal(""),
            )
            light = tuple(f"region_{r}" for r in drawing)
            yield Question(
                item_id,
                "case",
                "cases",
                ask(knowledge, "case", areas=areas, answers=said),
                "choice",
                ChoiceKey(knowledge, top.id, why, top.path, top.card),
                tuple(choices),
                SkinPoint(None, Spot(region=drawing[0], side=SIDE)),
                light,
            )
