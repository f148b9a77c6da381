"""One person's pain map: where they touched, what they answered, the ranked sources, the selection.

Qt-free state that announces its changes (STYLE.md habit 1); the scene and the panels listen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from psygnal import Signal

from app.domain.effects import Effects, effects
from app.domain.gaps import Gap, gaps
from app.domain.knowledge import ANSWER_KINDS, Knowledge
from app.domain.phrases import BODY_PART, Phrase
from app.domain.query import Query, Spot
from app.domain.ranking import Candidate, candidates

LIT_FLOOR = 0.05  # share of the best score a mechanism's best source needs to be lit ahead of runners-up
# share of the best score a source needs to be "likely here": the list says so of the rest, the
# handout leaves them out (a bunion at 0.08 beside a disc at 0.94 is not a candidate)
RELEVANCE_FLOOR = 0.2


@dataclass(frozen=True)
class Touch:
    point: tuple[float, float, float]  # model coordinates of the touched skin point
    spot: Spot


@dataclass(frozen=True)
class Comparison:
    """Two sources side by side, and the bedside checks (differentiator cards) that tell them apart."""

    first: Candidate
    second: Candidate
    differentiators: tuple[str, ...]


def differentiators(knowledge: Knowledge, first: Candidate, second: Candidate) -> tuple[str, ...]:
    """Differentiator cards that cover something of each source's path (a root and a nerve, say)."""

    def ids(c: Candidate) -> set[str]:
        return {c.source, c.condition, *c.path}

    return tuple(
        card.id
        for card in knowledge.cards.values()
        if card.kind == "differentiator" and ids(first) & set(card.covers) and ids(second) & set(card.covers)
    )


@dataclass(frozen=True)
class Answers:
    features: frozenset[str] = frozenset()
    triggers: frozenset[str] = frozenset()
    checks: frozenset[str] = frozenset()
    red_flags: frozenset[str] = frozenset()


class Explorer:
    changed = Signal()  # touches, answers and so the ranking changed
    selection_changed = Signal(object)  # Candidate | None
    source_changed = Signal(object)  # Effects | None: the reverse view of one source
    comparison_changed = Signal(object)  # Comparison | None

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.touches: tuple[Touch, ...] = ()
        self.answers = Answers()
        self.candidates: list[Candidate] = []
        self.gaps: tuple[Gap, ...] = ()  # what content left out that the touches name: say so beside the list
        self.selected: Candidate | None = None
        self.source: Effects | None = None
        self.urgent_shown = False  # every urgent sign's card first, until a new touch or a clear
        self.comparison: Comparison | None = None

    # -- writing ---------------------------------------------------------------------------
    def touch(self, touch: Touch, add: bool = False) -> None:
        """A new spot; with `add` it joins the pain area instead of starting a new one."""
        self.touches = (*self.touches, touch) if add else (touch,)
        self.urgent_shown = False
        self._show_source(None)
        self._rerank()

    def clear(self) -> None:
        self.touches = ()
        self.answers = Answers()
        self.urgent_shown = False
        self._show_source(None)
        self._rerank()

    def compare(self, first_id: str, second_id: str) -> None:
        """Two of the ranked sources side by side (both drawn, both cards, what tells them apart)."""
        by_id = {c.id: c for c in self.candidates}
        if first_id not in by_id or second_id not in by_id or first_id == second_id:
            raise ValueError(f"compare needs two different ranked sources, got {first_id!r} and {second_id!r}")
        first, second = by_id[first_id], by_id[second_id]
        self._set_comparison(Comparison(first, second, differentiators(self.knowledge, first, second)))

    def stop_comparing(self) -> None:
        self._set_comparison(None)

    def _set_comparison(self, comparison: Comparison | None) -> None:
        if comparison != self.comparison:
            self.comparison = comparison
            self.comparison_changed.emit(comparison)

    def show_urgent_signs(self) -> None:
        """The signs that need care now: each urgent card first (the ones marked before the rest),
        then the sources of the touched spot as before."""
        self.urgent_shown = True
        self._show_source(None)
        self._rerank()

    def set_urgent_signs(self, shown: bool) -> None:
        """The urgent signs on or off again (the toolbar's button is pressed while they show)."""
        if shown:
            self.show_urgent_signs()
        elif self.urgent_shown:
            self.urgent_shown = False
            self._rerank()

    def set_answer(self, kind: str, answer_id: str, on: bool) -> None:
        if kind not in ANSWER_KINDS:
            raise ValueError(f"unknown answer kind {kind!r}")
        current: frozenset[str] = getattr(self.answers, kind)
        updated = current | {answer_id} if on else current - {answer_id}
        if updated != current:
            self.answers = replace(self.answers, **{kind: updated})
            self._rerank()

    def select(self, candidate_id: str | None) -> None:
        chosen = next((c for c in self.candidates if c.id == candidate_id), None)
        if chosen != self.selected:
            self.selected = chosen
            self.selection_changed.emit(chosen)

    def show_source(self, source_id: str | None) -> None:
        """The reverse direction: every territory and structure a source can affect."""
        if source_id is not None:
            self.touches = ()
            self.urgent_shown = False
            self._set_comparison(None)
            self.candidates = []
            self.gaps = ()
            self.selected = None
            self.changed.emit()
        self._show_source(source_id)

    # -- reading ---------------------------------------------------------------------------
    def lit(self, limit: int = 4) -> list[Candidate]:
        """The sources to light up and draw a path from, best first: the best one of each
        mechanism comes in before the runners-up (so groin pain shows the hip joint *and* the
        spine's roots), then the next best, `limit` in all; the selected one always shows."""
        ranked = [c for c in self.candidates if c.mechanism != "urgent"]
        if not ranked:
            return []
        floor = LIT_FLOOR * ranked[0].score  # a mechanism that barely fits does not jump the queue
        firsts = list({c.mechanism: c for c in reversed(ranked) if c.score >= floor}.values())
        firsts.sort(key=ranked.index)
        chosen = [*firsts, *(c for c in ranked if c not in firsts)][:limit]
        selected = self.selected
        if selected is not None and selected.mechanism != "urgent" and selected not in chosen:
            chosen = [*chosen[: limit - 1], selected]
        return sorted(chosen, key=ranked.index)

    def likely(self, candidate: Candidate) -> bool:
        """Whether a source is really a candidate here: an urgent card, or within RELEVANCE_FLOOR
        of the best score."""
        if candidate.mechanism == "urgent":
            return True
        best = max((c.score for c in self.candidates if c.mechanism != "urgent"), default=0.0)
        return candidate.score >= RELEVANCE_FLOOR * best

    def handed_over(self) -> list[Candidate]:
        """The sources as the list shows them, the likely ones only, the selected one first (after
        any urgent card): what a clinician hands over."""
        likely = [c for c in self.candidates if self.likely(c)]
        urgent = [c for c in likely if c.mechanism == "urgent"]
        selected = [self.selected] if self.selected is not None and self.selected not in urgent else []
        return list(dict.fromkeys([*urgent, *selected, *likely]))

    def query(self) -> Query:
        return Query(spots=tuple(t.spot for t in self.touches), **vars(self.answers))

    def describe(self, touch: Touch) -> str:
        """The touched place in the person's own words: 'your left foot (top of the foot)',
        'your left lower leg: front of the lower leg (shin)'."""
        return self.place(touch).text

    def place(self, touch: Touch) -> Phrase:
        """`describe` as a phrase, to say in any language (`InLanguage.say`)."""
        k = self.knowledge
        region = touch.spot.region
        part = k.say(f"part.{BODY_PART.get(region or '', 'body')}")
        side = touch.spot.side
        owner = (
            k.say(f"touch_side.{side}", part=part) if side in ("left", "right") else k.say("touch_middle", part=part)
        )
        where = f"region_{region}"
        if region is None or k.title(where).lower() == part.text:
            return owner
        # a title with its own brackets ("Front of the lower leg (shin)") must not be bracketed again
        return k.say("touch_where_bracketed" if "(" in k.title(where) else "touch_where", owner=owner, where=where)

    # -- internals ---------------------------------------------------------------------------
    def _rerank(self) -> None:
        self._set_comparison(None)  # what was compared may not be ranked any more
        query = self.query()
        has_input = bool(query.spots or query.red_flags)
        ranked = candidates(self.knowledge, query) if has_input else []
        if self.urgent_shown:
            every_sign = Query(red_flags=frozenset(self.knowledge.red_flags))
            marked = {c.id for c in ranked}
            unmarked = [c for c in candidates(self.knowledge, every_sign) if c.id not in marked]
            first = sum(1 for c in ranked if c.mechanism == "urgent")
            ranked = [*ranked[:first], *unmarked, *ranked[first:]]
        self.candidates = ranked
        self.gaps = gaps(self.knowledge, query) if has_input else ()
        self.changed.emit()
        self.selected = self.candidates[0] if self.candidates else None
        self.selection_changed.emit(self.selected)

    def _show_source(self, source_id: str | None) -> None:
        shown = effects(self.knowledge, source_id) if source_id else None
        if shown != self.source:
            self.source = shown
            self.source_changed.emit(shown)
