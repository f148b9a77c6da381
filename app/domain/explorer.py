"""One person's pain map: where they touched, what they answered, the ranked sources, the selection.

Qt-free state that announces its changes (STYLE.md habit 1); the scene and the panels listen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from psygnal import Signal

from app.domain.effects import Effects, effects
from app.domain.knowledge import ANSWER_KINDS, Knowledge
from app.domain.query import Query, Spot
from app.domain.ranking import Candidate, candidates

LIT_FLOOR = 0.05  # share of the best score a mechanism's best source needs to be lit ahead of runners-up

# The plain body part a region belongs to, for "your left foot".
BODY_PART = {
    "low_back": "lower back", "sacrum": "lower back", "lower_abdomen": "belly", "groin": "groin",
    "perineum": "saddle area", "buttock": "buttock", "lateral_hip": "hip",
    "anterior_thigh": "thigh", "medial_thigh": "thigh", "lateral_thigh": "thigh", "posterior_thigh": "thigh",
    "knee_front": "knee", "knee_back": "knee", "medial_leg": "lower leg", "shin": "lower leg",
    "lateral_leg": "lower leg", "calf": "calf", "medial_ankle": "ankle", "lateral_ankle": "ankle",
    "heel": "foot", "sole": "foot", "dorsum_of_foot": "foot", "big_toe": "foot", "middle_toes": "foot",
    "little_toe": "foot",
}  # fmt: skip


@dataclass(frozen=True)
class Touch:
    point: tuple[float, float, float]  # model coordinates of the touched skin point
    spot: Spot


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

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.touches: tuple[Touch, ...] = ()
        self.answers = Answers()
        self.candidates: list[Candidate] = []
        self.selected: Candidate | None = None
        self.source: Effects | None = None

    # -- writing ---------------------------------------------------------------------------
    def touch(self, touch: Touch, add: bool = False) -> None:
        """A new spot; with `add` it joins the pain area instead of starting a new one."""
        self.touches = (*self.touches, touch) if add else (touch,)
        self._show_source(None)
        self._rerank()

    def clear(self) -> None:
        self.touches = ()
        self.answers = Answers()
        self._show_source(None)
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
            self.candidates = []
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

    def query(self) -> Query:
        return Query(spots=tuple(t.spot for t in self.touches), **vars(self.answers))

    def describe(self, touch: Touch) -> str:
        """The touched place in the person's own words: 'your left foot (top of the foot)',
        'your left lower leg: front of the lower leg (shin)'."""
        region = touch.spot.region
        part = BODY_PART.get(region or "", "body")
        where = self.knowledge.title(f"region_{region}") if region else part
        side = touch.spot.side
        owner = f"your {side} {part}" if side in ("left", "right") else f"the middle of your {part}"
        if where.lower() == part:
            return owner
        # a title with its own brackets ("Front of the lower leg (shin)") must not be bracketed again
        return f"{owner}: {where.lower()}" if "(" in where else f"{owner} ({where.lower()})"

    # -- internals ---------------------------------------------------------------------------
    def _rerank(self) -> None:
        query = self.query()
        has_input = bool(query.spots or query.red_flags)
        self.candidates = candidates(self.knowledge, query) if has_input else []
        self.changed.emit()
        self.selected = self.candidates[0] if self.candidates else None
        self.selection_changed.emit(self.selected)

    def _show_source(self, source_id: str | None) -> None:
        shown = effects(self.knowledge, source_id) if source_id else None
        if shown != self.source:
            self.source = shown
            self.source_changed.emit(shown)
