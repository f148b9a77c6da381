"""A quiz question and its answer key, Qt-free: what is asked (`Phrase`s), how an answer is checked
(`Feedback`), and the helpers the question makers share (app/study/questions.py, spine_or_hip.py)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from app.domain.errors import QueryError
from app.domain.knowledge import Knowledge
from app.domain.phrases import ENGLISH, Phrase
from app.domain.query import Spot
from app.domain.ranking import Candidate, answer_factor
from app.domain.records import Territory
from app.study.skin import SkinPoint

TOPICS = ("dermatomes", "nerves", "entrapment_sites", "referred_pain", "kinetic_chain", "cases")
AnswerForm = Literal["touch", "touch_all", "choice"]
CARD_KIND_ORDER = ("structure", "condition", "differentiator", "red_flag")
DISTRACTORS = 3  # wrong choices beside the right one (fewer when the content has fewer)

# touch every area (`reach`): a region is one of the source's main areas when the source reaches it at
# least CORE_SHARE as strongly as its strongest region, and at least CORE_FLOOR; the answer is right
# when the touches cover RECALL_TO_PASS of the main areas and PRECISION_TO_PASS of the touches land
# where the source can reach at all (its regions, dermatomes or skin nerves), or within
# BORDER_TOLERANCE_M of a region it reaches (a stray touch near the border, e.g. the back of the knee
# touched for the knee, is not held against the student); the score is their F1.
CORE_SHARE = 0.5
CORE_FLOOR = 0.15
RECALL_TO_PASS = 0.6
PRECISION_TO_PASS = 0.75
BORDER_TOLERANCE_M = 0.03

# map questions: a label combination counts at a spot when it covers this share of its region's points
MIN_SHARE = 0.05

# Every prompt (`quiz.<prompt>` of app/domain/phrases.py ENGLISH, with its blanks); each question's
# prompt, choices and feedback are `Phrase`s: render them with `InLanguage.say`/`marked`.
PROMPTS = (
    "touch_dermatome",
    "touch_nerve",
    "root_of_spot",
    "map_agree",
    "map_pair",
    "entrapment_nerve",
    "entrapment_site",
    "reach",
    "reach_chain",
    "spine_or_hip",
    "case",
)


@dataclass(frozen=True)
class Choice:
    id: str
    said: Phrase  # the label, in any language

    @property
    def label(self) -> str:
        """The label in English."""
        return self.said.text


@dataclass(frozen=True)
class Feedback:
    right: bool
    score: float  # 1.0 or 0.0; the overlap score (F1) for touch-every-area questions
    said: Phrase  # right or wrong, and why (render with `InLanguage.say`)
    answer: tuple[str, ...]  # ids to light on the body: the correct answer
    card: str | None  # the card that explains it

    @property
    def message(self) -> str:
        """The feedback in English."""
        return self.said.text


class AnswerKey(Protocol):
    @property
    def card(self) -> str | None: ...
    @property
    def answer(self) -> tuple[str, ...]: ...

    def check(self, question: Question, answer: object) -> Feedback: ...


@dataclass(frozen=True)
class Question:
    id: str  # stable across runs and seeds (spaced repetition keys on it)
    kind: str  # touch_dermatome | touch_nerve | root_of_spot | map_pair | map_agree | entrapment_nerve | ...
    topic: str  # one of TOPICS
    ask: Phrase  # the prompt, `quiz.<one of PROMPTS>` (render with `InLanguage.say`)
    answer_with: AnswerForm  # touch: one SkinPoint; touch_all: several; choice: a Choice id
    key: AnswerKey = field(repr=False, compare=False)
    choices: tuple[Choice, ...] = ()
    shown: SkinPoint | None = None  # the spot the question is about (mark it and light `light`)
    light: tuple[str, ...] = ()  # ids to light while asking (the spot's region, the site ...)

    @property
    def prompt(self) -> str:
        """The question in English."""
        return self.ask.text

    @property
    def template(self) -> str:
        """The prompt's English template, with its {named} blanks."""
        return ENGLISH[self.ask.key]

    @property
    def args(self) -> tuple[tuple[str, str], ...]:
        """What fills the blanks: content ids and labels, or phrases in English."""
        return tuple((name, str(value)) for name, value in self.ask.args)

    @property
    def card(self) -> str | None:
        return self.key.card

    @property
    def answer(self) -> tuple[str, ...]:
        """Ids to light when the answer is shown."""
        return self.key.answer

    @property
    def right_choice(self) -> str | None:
        """The id of the right choice (None for touch questions)."""
        return self.key.right if isinstance(self.key, ChoiceKey) else None

    def as_dict(self) -> dict[str, object]:
        """Plain data for review (`referral-atlas quiz --json`)."""
        shown = self.shown
        return {
            "id": self.id,
            "kind": self.kind,
            "topic": self.topic,
            "prompt": self.prompt,
            "template": self.template,
            "args": dict(self.args),
            "answer_with": self.answer_with,
            "choices": [{"id": c.id, "label": c.label} for c in self.choices],
            "right_choice": self.right_choice,
            "answer": list(self.answer),
            "card": self.card,
            "light": list(self.light),
            "shown": None
            if shown is None
            else {
                "point": shown.point,
                "region": shown.spot.region,
                "side": shown.spot.side,
                "dermatomes": list(shown.spot.dermatomes),
                "keegan": shown.keegan,
            },
        }

    def check(self, answer: str | SkinPoint | Spot | Sequence[SkinPoint | Spot]) -> Feedback:
        """Right or wrong, with the reason; raises QueryError for an answer of the wrong form."""
        return self.key.check(self, answer)


# -- answer keys --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChoiceKey:
    knowledge: Knowledge = field(repr=False, compare=False)
    right: str
    why: Phrase
    answer: tuple[str, ...]
    card: str | None

    def check(self, question: Question, answer: object) -> Feedback:
        labels = {c.id: c.said for c in question.choices}
        if not isinstance(answer, str) or answer not in labels:
            raise QueryError(f"{question.id}: {answer!r} is not one of the choices ({', '.join(labels)})")
        right = answer == self.right
        say = self.knowledge.say
        said = say("quiz.right", why=self.why) if right else say("quiz.wrong", answer=labels[self.right], why=self.why)
        return Feedback(right, float(right), said, self.answer, self.card)


def _spot(question: Question, answer: object) -> tuple[Spot, str | None]:
    if isinstance(answer, SkinPoint):
        return answer.spot, answer.keegan
    if isinstance(answer, Spot):
        return answer, None
    raise QueryError(f"{question.id}: answer with a touched skin point, not {type(answer).__name__}")


@dataclass(frozen=True)
class TouchKey:
    knowledge: Knowledge = field(repr=False, compare=False)
    territory: str  # dermatome_L5 | field_sural
    label: str  # L5 | sural (a nerve's id)
    map_name: Phrase  # the dermatome map the prompt names
    card: str | None

    @property
    def answer(self) -> tuple[str, ...]:
        return (self.territory,)

    def check(self, question: Question, answer: object) -> Feedback:
        spot, keegan = _spot(question, answer)
        if self.territory.startswith("dermatome_"):
            right, said = self._dermatome(spot, keegan)
        else:
            say = self.knowledge.say
            right = self.label in spot.cutaneous_nerves
            here = joined(say, "quiz.and", [say("quiz.the_nerve", nerve=n) for n in spot.cutaneous_nerves])
            said = (
                say("quiz.nerve_right", nerve=self.label)
                if right
                else say("quiz.nerve_wrong", here=here or say("quiz.no_skin_nerve"), nerve=self.label)
            )
        return Feedback(right, float(right), said, self.answer, self.card)

    def _dermatome(self, spot: Spot, keegan: str | None) -> tuple[bool, Phrase]:
        say = self.knowledge.say
        label, maps = dermatome_words(self.label), {"map": self.map_name}
        other: dict[str, Phrase | str]
        lee = spot.dermatomes[0] if spot.dermatomes else None
        keegan_map = say("quiz.map.keegan")
        if lee == self.label:
            return True, say("quiz.strip_right", label=label, **maps)
        if lee is not None and self.label in spot.dermatomes:
            return True, say("quiz.strip_overlap", label=label, lee_label=dermatome_words(lee), **maps)
        if keegan == self.label:
            if lee is None:
                return True, say("quiz.strip_keegan_none", keegan=keegan_map, label=label, **maps)
            return True, say(
                "quiz.strip_keegan", keegan=keegan_map, label=label, lee_label=dermatome_words(lee), **maps
            )
        key = "quiz.strip_wrong" if lee else "quiz.strip_wrong_none"
        other = {"keegan": keegan_map, "keegan_label": dermatome_words(keegan)} if keegan and keegan != lee else {}
        return False, say(
            key + ("_keegan" if other else ""), label=label, lee_label=dermatome_words(lee), **maps, **other
        )


@dataclass(frozen=True)
class ReachKey:
    knowledge: Knowledge = field(repr=False, compare=False)
    reaches_words: Phrase  # "the disc between L4 and L5 can send pain to", "flat feet can cause pain or strain in"
    core: tuple[str, ...]  # region labels: the main areas (see CORE_SHARE), strongest first
    reachable: frozenset[str]  # region labels the source reaches at all
    territories: frozenset[str]  # dermatome_ and field_ ids the source reaches
    card: str | None = None

    @property
    def answer(self) -> tuple[str, ...]:
        return (*(f"region_{r}" for r in self.core), *sorted(self.territories))

    def reaches(self, spot: Spot) -> bool:
        return (
            spot.region in self.reachable
            or any(f"dermatome_{d}" in self.territories for d in spot.dermatomes)
            or any(f"field_{n}" in self.territories for n in spot.cutaneous_nerves)
        )

    def near(self, touch: object) -> bool:
        """Within BORDER_TOLERANCE_M of a region the source reaches (told by the touch's `near_regions`)."""
        return isinstance(touch, SkinPoint) and bool(touch.near_regions & self.reachable)

    def check(self, question: Question, answer: object) -> Feedback:
        if isinstance(answer, (str, bytes)) or not isinstance(answer, Sequence):
            raise QueryError(f"{question.id}: answer with the touched skin points (a list)")
        spots = [_spot(question, touch)[0] for touch in answer]
        touched = {s.region for s in spots if s.region is not None}
        found = [r for r in self.core if r in touched]
        fits = [self.reaches(s) or self.near(t) for s, t in zip(spots, answer, strict=True)]
        inside = sum(fits)
        recall = len(found) / len(self.core)
        precision = inside / len(spots) if spots else 0.0
        score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        right = recall >= RECALL_TO_PASS and precision >= PRECISION_TO_PASS
        say = self.knowledge.say
        regions = regions_of(self.knowledge)
        missed = [say("quiz.area", region=f"region_{r}") for r in self.core if r not in touched]
        away = {s.region for s, fit in zip(spots, fits, strict=True) if not fit and s.region in regions}
        outside = sorted((say("quiz.area", region=f"region_{r}") for r in away), key=lambda area: area.text)
        said = say(
            "quiz.reach_right" if right else "quiz.reach_wrong",
            found=len(found),
            core=len(self.core),
            reaches=self.reaches_words,
            inside=inside,
            touches=len(spots),
        )
        for key, areas in (
            ("quiz.missed", joined(say, "quiz.comma", missed)),
            ("quiz.outside", joined(say, "quiz.comma", outside)),
        ):
            if areas is not None:
                said = say(key, feedback=said, areas=areas)
        return Feedback(right, round(score, 3), said, self.answer, self.card)


# -- helpers ------------------------------------------------------------------------------------------
def dermatome_words(label: str | None) -> str:
    """A dermatome label as written: S4_S5 -> S4-S5."""
    return (label or "").replace("_", "-")


def joined(say: Callable[..., Phrase], key: str, items: Sequence[Phrase]) -> Phrase | None:
    """Several phrases as one: "a and b and c" (`quiz.and`), "a, b, c" (`quiz.comma`); None for none."""
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    rest = joined(say, key, items[1:])
    return say(key, first=items[0], rest=rest)


def answer_clues(knowledge: Knowledge, answers: Sequence[str | None], top: Candidate, rival: Candidate) -> list[Phrase]:
    """The clinical clues in the answers, not the ranking's numbers: why each answer points toward
    the winner (its reason when it raises the winner's odds) or away from the rival (when it lowers them)."""
    variants = knowledge.variants()
    out: list[Phrase] = []
    for answer in answers:
        if answer is None:
            continue
        for candidate, toward in ((top, True), (rival, False)):
            factor, reason = answer_factor(knowledge, variants[candidate.id], answer)
            if reason is not None and factor != 1.0 and (factor > 1.0) == toward:
                out.append(knowledge.say("quiz.clue", why=reason))
    return list(dict.fromkeys(out))


def item_rng(seed: int, item_id: str) -> random.Random:
    return random.Random(f"{seed}/{item_id}")


def card_for(knowledge: Knowledge, *ids: str) -> str | None:
    """The card that explains the first id that has one: its own card, else a structure card covering it."""
    for any_id in ids:
        if any_id in knowledge.cards:
            return any_id
    for any_id in ids:
        covering = [c for c in knowledge.cards.values() if any_id in c.covers]
        if covering:
            rank = {kind: i for i, kind in enumerate(CARD_KIND_ORDER)}
            return min(covering, key=lambda c: (rank.get(c.kind, len(rank)), c.id)).id
    return None


def with_distractors(rng: random.Random, right: Choice, pool: Sequence[Choice]) -> tuple[Choice, ...]:
    chosen = [right, *rng.sample(list(pool), min(DISTRACTORS, len(pool)))]
    rng.shuffle(chosen)
    return tuple(chosen)


def regions_of(knowledge: Knowledge) -> dict[str, Territory]:
    return {t.label: t for t in knowledge.territories.values() if t.kind == "region"}


def ask(knowledge: Knowledge, prompt: str, **args: Phrase | str) -> Phrase:
    return knowledge.say(f"quiz.{prompt}", **args)


def titled_choice(knowledge: Knowledge, any_id: str) -> Choice:
    """A choice named by its title."""
    return Choice(any_id, knowledge.say("quiz.title", choice=any_id))


def map_names(knowledge: Knowledge) -> dict[str, Phrase]:
    return {"lee": knowledge.say("quiz.map.lee"), "keegan": knowledge.say("quiz.map.keegan")}


def map_name(knowledge: Knowledge, territory: Territory) -> Phrase:
    return knowledge.say("quiz.map.lee" if "lee_2008" in territory.references else "quiz.map.isncsci")
