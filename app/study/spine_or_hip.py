"""Spine-or-hip questions: a pain area with answers where the ranking of
`app.domain.ranking.candidates` clearly favours one group. Finding the clear cases is the slow part
of a question bank (about 1,500 rankings, ~1 s), so `ClearCases` makes them once, a ranking a step."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import product

from app.domain.knowledge import Knowledge, variant_title_key
from app.domain.phrases import literal
from app.domain.query import Query, Spot
from app.domain.ranking import Candidate, candidates
from app.study.items import Choice, ChoiceKey, Question, answer_clues, ask, item_rng, joined, regions_of
from app.study.skin import SkinPoint

# spine or hip: asked only when the top-ranked candidate is in one group and the best of the other
# group scores at most CLEAR_RATIO of it and CLEAR_GAP below it.
CLEAR_RATIO = 2 / 3
CLEAR_GAP = 0.15
GROUPS = ("spine", "hip")  # choices `quiz.group.<group>`
PLAUSIBLE = 0.08  # both groups must score this much for the bare pain area, before any answers
PER_REGION_GROUP = 3  # the clearest cases kept per region and winning group, each with another feature


def _group(knowledge: Knowledge, condition: str) -> str | None:
    category = knowledge.conditions[condition].category
    return category if category in GROUPS else None


def _best_by_group(knowledge: Knowledge, ranked: Sequence[Candidate]) -> dict[str, Candidate]:
    best: dict[str, Candidate] = {}
    for c in ranked:
        if c.mechanism == "urgent":  # a red flag's card, or the saddle area's "check first"
            continue
        group = _group(knowledge, c.condition)
        if group is not None and group not in best:
            best[group] = c
    return best


@dataclass(frozen=True)
class _Case:
    region: str
    feature: str
    trigger: str | None
    top: Candidate
    rival: Candidate  # the best candidate of the other group

    @property
    def order(self) -> tuple[float, str, str]:
        return (self.rival.score - self.top.score, self.feature, self.trigger or "")


class ClearCases:
    """The clear spine-or-hip cases of one knowledge: one feature and at most one trigger at one
    region; the clearest PER_REGION_GROUP per region and winning group (one per feature)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self._cases: list[_Case] | None = None

    @property
    def ready(self) -> bool:
        return self._cases is not None

    @property
    def cases(self) -> list[_Case]:
        for _ in self.preparing():
            pass
        assert self._cases is not None
        return self._cases

    def preparing(self) -> Iterator[None]:
        """The slow part (about 1,500 rankings, ~1 s), a ranking per step, so a window can answer
        touches in between; nothing once made."""
        if self._cases is None:
            cases: list[_Case] = []
            yield from _find(self.knowledge, cases)
            self._cases = cases

    def questions(self, seed: int) -> Iterable[Question]:
        return _spine_or_hip(self.knowledge, self.cases, seed)


def _find(knowledge: Knowledge, out: list[_Case]) -> Iterator[None]:
    for region in sorted(regions_of(knowledge)):
        found: dict[str, list[_Case]] = {}  # per winning group
        for case in _cases_at(knowledge, region):
            if case is not None:
                group = _group(knowledge, case.top.condition)
                assert group is not None
                found.setdefault(group, []).append(case)
            yield
        for group in sorted(found):
            used: set[str] = set()
            for case in sorted(found[group], key=lambda c: c.order):
                if case.feature not in used and len(used) < PER_REGION_GROUP:
                    used.add(case.feature)
                    out.append(case)


def _cases_at(knowledge: Knowledge, region: str) -> Iterator[_Case | None]:
    """A clear case or None for each ranking at `region` (none where spine and hip are not both plausible)."""
    spot = Spot(region=region, side="right")
    bare = _best_by_group(knowledge, candidates(knowledge, Query(spots=(spot,))))
    if len(bare) < len(GROUPS) or min(c.score for c in bare.values()) < PLAUSIBLE:
        yield None  # that ranking was the step
        return
    for feature, trigger in product(sorted(knowledge.features), [None, *sorted(knowledge.triggers)]):
        query = Query(spots=(spot,), features=frozenset({feature}), triggers=frozenset({trigger} if trigger else ()))
        ranked = candidates(knowledge, query)
        best = _best_by_group(knowledge, ranked)
        if not ranked or len(best) < len(GROUPS) or ranked[0].id not in {c.id for c in best.values()}:
            yield None  # the top candidate is neither spine nor hip
            continue
        top = ranked[0]
        rival = next(c for c in best.values() if c.id != top.id)
        clear = rival.score <= CLEAR_RATIO * top.score and top.score - rival.score >= CLEAR_GAP
        yield _Case(region, feature, trigger, top, rival) if clear else None


def _spine_or_hip(knowledge: Knowledge, cases: Sequence[_Case], seed: int) -> Iterable[Question]:
    for case in cases:
        region, feature, trigger, top, rival = case.region, case.feature, case.trigger, case.top, case.rival
        group = _group(knowledge, top.condition)
        assert group is not None
        item_id = f"spine_or_hip:{region}:{feature}" + (f"+{trigger}" if trigger else "")
        rng = item_rng(seed, item_id)
        said = [knowledge.say("quiz.answer_sentence", answer=answer) for answer in (feature, trigger) if answer]
        shared = set(knowledge.conditions[top.condition].differentiators) & set(
            knowledge.conditions[rival.condition].differentiators
        )
        card = min(shared) if shared else top.card
        named = (knowledge.structures, knowledge.territories, knowledge.conditions)
        top_title, rival_title = (variant_title_key(c.id, *named) for c in (top, rival))
        clues = joined(knowledge.say, "quiz.then", answer_clues(knowledge, (feature, trigger), top, rival))
        why = knowledge.say(
            "quiz.why_clue", top=top_title, rival=rival_title, anatomy=top.why[0], clues=clues or literal("")
        )
        options = [Choice(g, knowledge.say(f"quiz.group.{g}")) for g in GROUPS]
        rng.shuffle(options)
        answers = joined(knowledge.say, "quiz.comma", said)
        assert answers is not None
        yield Question(
            item_id,
            "spine_or_hip",
            "referred_pain",
            ask(knowledge, "spine_or_hip", region=f"region_{region}", answers=answers),
            "choice",
            ChoiceKey(knowledge, group, why, top.path, card),
            tuple(options),
            SkinPoint(None, Spot(region=region, side="right")),
            (f"region_{region}",),
        )
