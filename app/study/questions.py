"""Quiz questions generated from the content (issue 10), never a hand-written list.

Kinds, by topic (`TOPICS`):
- dermatomes: `touch_dermatome` ("Touch the L5 dermatome (Lee 2008 map)"; right on Lee's strip, its
  overlap with a neighbour, or Keegan & Garrett's strip, and the feedback says which map);
  `root_of_spot` (a lit spot where both maps agree: which root?); `map_pair` and `map_agree` (a lit
  spot where Lee 2008 and Keegan & Garrett disagree, or agree: what does each map give there?).
- nerves: `touch_nerve` ("Touch the skin supplied by the sural nerve").
- entrapment sites: `entrapment_nerve` ("Which nerve can be trapped at the head of the fibula?") and
  `entrapment_site` (the reverse), from the entrapment links of content/links.yaml.
- referred pain: `reach` ("Where can the disc between L4 and L5 send pain?", touch every area, scored
  by overlap with `app.domain.effects`) and `spine_or_hip` (a pain area with answers: the ranking of
  `app.domain.ranking.candidates` decides, and only clear cases are asked).
- kinetic chain: `reach` from the biomechanical conditions (flat feet, weak hip muscles ...).

Every question has exactly one right answer that the content supports: choice distractors are
checked against the content (a root that any map gives anywhere in the spot's region is never a
distractor; nor is a nerve above or below the trapped one on the nerve tree).

Language: a question's prompt, its choices and its feedback are `Phrase`s (`quiz.*` templates of
app/domain/phrases.py, content notes such as `link:…`), their English in `.text`; a UI renders them in
its language with `InLanguage.say`/`marked` (Spanish: content/es/phrases.yaml, content/es/notes.yaml).

Determinism: each item draws its spot, distractors and choice order from
`random.Random(f"{seed}/{item id}")`, so a seed repeats a run and new content does not reshuffle the
other items. Ids depend on the content only, never on the seed: they key the progress file.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import Literal, Protocol

from app.domain.effects import effects
from app.domain.errors import QueryError
from app.domain.knowledge import Knowledge, Territory, variant_title_key
from app.domain.phrases import ENGLISH, Phrase
from app.domain.query import Query, Spot
from app.domain.ranking import Candidate, candidates
from app.study.skin import SkinPoint

TOPICS = ("dermatomes", "nerves", "entrapment_sites", "referred_pain", "kinetic_chain")
AnswerForm = Literal["touch", "touch_all", "choice"]
CARD_KIND_ORDER = ("structure", "condition", "differentiator", "red_flag")
DISTRACTORS = 3  # wrong choices beside the right one (fewer when the content has fewer)

# touch every area (`reach`): a region is one of the source's main areas when the source reaches it at
# least CORE_SHARE as strongly as its strongest region, and at least CORE_FLOOR; the answer is right
# when the touches find RECALL_TO_PASS of the main areas and PRECISION_TO_PASS of the touches land
# where the source can reach at all (its regions, dermatomes or skin nerves); the score is their F1.
CORE_SHARE = 0.5
CORE_FLOOR = 0.15
RECALL_TO_PASS = 0.6
PRECISION_TO_PASS = 0.75

# spine or hip: asked only when the top-ranked candidate is in one group and the best of the other
# group scores at most CLEAR_RATIO of it and CLEAR_GAP below it.
CLEAR_RATIO = 2 / 3
CLEAR_GAP = 0.15
GROUPS = ("spine", "hip")  # choices `quiz.group.<group>`
PLAUSIBLE = 0.08  # both groups must score this much for the bare pain area, before any answers
PER_REGION_GROUP = 3  # the clearest cases kept per region and winning group, each with another feature

# map questions: a label combination counts at a spot when it covers this share of its region's points
MIN_SHARE = 0.05

# Every prompt (`quiz.<prompt>` of app/domain/phrases.py ENGLISH, with its blanks); each question's
# prompt, choices and feedback are `Phrase`s: render them with `InLanguage.say`/`marked`.
PROMPTS = ("touch_dermatome", "touch_nerve", "root_of_spot", "map_agree", "map_pair", "entrapment_nerve",
           "entrapment_site", "reach", "reach_chain", "spine_or_hip")  # fmt: skip


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
    card: str | None
    answer: tuple[str, ...]

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
            "id": self.id, "kind": self.kind, "topic": self.topic, "prompt": self.prompt,
            "template": self.template, "args": dict(self.args),
            "answer_with": self.answer_with, "choices": [{"id": c.id, "label": c.label} for c in self.choices],
            "right_choice": self.right_choice, "answer": list(self.answer), "card": self.card,
            "light": list(self.light),
            "shown": None if shown is None else {
                "point": shown.point, "region": shown.spot.region, "side": shown.spot.side,
                "dermatomes": list(shown.spot.dermatomes), "keegan": shown.keegan,
            },
        }  # fmt: skip

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
            here = _joined(say, "quiz.and", [say("quiz.the_nerve", nerve=n) for n in spot.cutaneous_nerves])
            said = say("quiz.nerve_right", nerve=self.label) if right else say(
                "quiz.nerve_wrong", here=here or say("quiz.no_skin_nerve"), nerve=self.label
            )  # fmt: skip
        return Feedback(right, float(right), said, self.answer, self.card)

    def _dermatome(self, spot: Spot, keegan: str | None) -> tuple[bool, Phrase]:
        say = self.knowledge.say
        label, maps = _words(self.label), {"map": self.map_name}
        lee = spot.dermatomes[0] if spot.dermatomes else None
        keegan_map = say("quiz.map.keegan")
        if lee == self.label:
            return True, say("quiz.strip_right", label=label, **maps)
        if lee is not None and self.label in spot.dermatomes:
            return True, say("quiz.strip_overlap", label=label, lee_label=_words(lee), **maps)
        if keegan == self.label:
            if lee is None:
                return True, say("quiz.strip_keegan_none", keegan=keegan_map, label=label, **maps)
            return True, say("quiz.strip_keegan", keegan=keegan_map, label=label, lee_label=_words(lee), **maps)
        key = "quiz.strip_wrong" if lee else "quiz.strip_wrong_none"
        other = {"keegan": keegan_map, "keegan_label": _words(keegan)} if keegan and keegan != lee else {}
        return False, say(key + ("_keegan" if other else ""), label=label, lee_label=_words(lee), **maps, **other)


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

    def check(self, question: Question, answer: object) -> Feedback:
        if isinstance(answer, (str, bytes)) or not isinstance(answer, Sequence):
            raise QueryError(f"{question.id}: answer with the touched skin points (a list)")
        spots = [_spot(question, touch)[0] for touch in answer]
        touched = {s.region for s in spots if s.region is not None}
        found = [r for r in self.core if r in touched]
        inside = sum(self.reaches(s) for s in spots)
        recall = len(found) / len(self.core)
        precision = inside / len(spots) if spots else 0.0
        score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        right = recall >= RECALL_TO_PASS and precision >= PRECISION_TO_PASS
        say = self.knowledge.say
        regions = _regions(self.knowledge)
        missed = [say("quiz.area", region=f"region_{r}") for r in self.core if r not in touched]
        away = {s.region for s in spots if not self.reaches(s) and s.region in regions}
        outside = sorted((say("quiz.area", region=f"region_{r}") for r in away), key=lambda area: area.text)
        said = say("quiz.reach_right" if right else "quiz.reach_wrong", found=len(found), core=len(self.core),
                   reaches=self.reaches_words, inside=inside, touches=len(spots))  # fmt: skip
        if missed:
            said = say("quiz.missed", feedback=said, areas=_joined(say, "quiz.comma", missed))
        if outside:
            said = say("quiz.outside", feedback=said, areas=_joined(say, "quiz.comma", outside))
        return Feedback(right, round(score, 3), said, self.answer, self.card)


# -- helpers ------------------------------------------------------------------------------------------
def _words(label: str | None) -> str:
    """A dermatome label as written: S4_S5 -> S4-S5."""
    return (label or "").replace("_", "-")


def _joined(say: Callable[..., Phrase], key: str, items: Sequence[Phrase]) -> Phrase | None:
    """Several phrases as one: "a and b and c" (`quiz.and`), "a, b, c" (`quiz.comma`); None for none."""
    if not items:
        return None
    if len(items) == 1:
        return items[0]
    rest = _joined(say, key, items[1:])
    return say(key, first=items[0], rest=rest)


def _rng(seed: int, item_id: str) -> random.Random:
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


def _choices(rng: random.Random, right: Choice, pool: Sequence[Choice]) -> tuple[Choice, ...]:
    chosen = [right, *rng.sample(list(pool), min(DISTRACTORS, len(pool)))]
    rng.shuffle(chosen)
    return tuple(chosen)


def _regions(knowledge: Knowledge) -> dict[str, Territory]:
    return {t.label: t for t in knowledge.territories.values() if t.kind == "region"}


def _ask(knowledge: Knowledge, prompt: str, **args: Phrase | str) -> Phrase:
    return knowledge.say(f"quiz.{prompt}", **args)


def _choice(knowledge: Knowledge, any_id: str) -> Choice:
    """A choice named by its title."""
    return Choice(any_id, knowledge.say("quiz.title", choice=any_id))


def _map_names(knowledge: Knowledge) -> dict[str, Phrase]:
    return {"lee": knowledge.say("quiz.map.lee"), "keegan": knowledge.say("quiz.map.keegan")}


def _map_name(knowledge: Knowledge, territory: Territory) -> Phrase:
    return knowledge.say("quiz.map.lee" if "lee_2008" in territory.references else "quiz.map.isncsci")


# -- generators ---------------------------------------------------------------------------------------
def _touch(knowledge: Knowledge, labelled: set[str] | None) -> Iterable[Question]:
    for t in knowledge.territories.values():
        if labelled is not None and t.id not in labelled:
            continue  # not on this skin: nothing could be touched
        if t.kind == "dermatome":
            map_name = _map_name(knowledge, t)
            key = TouchKey(knowledge, t.id, t.label, map_name, card_for(knowledge, t.id, *t.roots))
            yield Question(f"touch:{t.id}", "touch_dermatome", "dermatomes",
                           _ask(knowledge, "touch_dermatome", dermatome=_words(t.label), map=map_name), "touch", key)  # fmt: skip
        elif t.kind == "field" and t.nerve in knowledge.structures:
            key = TouchKey(knowledge, t.id, t.nerve, knowledge.say("quiz.map.lee"), card_for(knowledge, t.nerve))
            yield Question(f"touch:{t.id}", "touch_nerve", "nerves", _ask(knowledge, "touch_nerve", nerve=t.nerve),
                           "touch", key)  # fmt: skip


def _single_root(knowledge: Knowledge, label: str | None) -> str | None:
    territory = knowledge.territories.get(f"dermatome_{label}")
    if territory is None or len(territory.roots) != 1 or territory.roots[0] not in knowledge.structures:
        return None
    return territory.roots[0]


def _root_of_spot(knowledge: Knowledge, points: Sequence[SkinPoint], seed: int) -> Iterable[Question]:
    regions = _regions(knowledge)
    said: dict[str, set[str]] = {}  # every dermatome any map gives anywhere in a region
    agreeing: dict[tuple[str, str], list[SkinPoint]] = {}
    for p in points:
        region = p.spot.region
        if region not in regions:
            continue
        said.setdefault(region, set()).update(d for d in (*p.spot.dermatomes, p.keegan) if d)
        if p.lee is not None and p.lee_alternate is None and p.keegan == p.lee and _single_root(knowledge, p.lee):
            agreeing.setdefault((region, p.lee), []).append(p)
    roots = {label: root for t in knowledge.territories.values() if t.kind == "dermatome"
             for label, root in [(t.label, _single_root(knowledge, t.label))] if root}  # fmt: skip
    for (region, label), group in sorted(agreeing.items()):
        item_id = f"root:{region}:{label}"
        rng = _rng(seed, item_id)
        territory = regions[region]
        excluded = said[region] | set(territory.dermatomes) | set(territory.alternates)
        pool = [_choice(knowledge, root) for lab, root in roots.items() if lab not in excluded]
        if not pool:
            continue
        root = roots[label]
        shown = _pick(rng, group)
        why = knowledge.say("quiz.why_root", root=root, dermatome=f"dermatome_{label}", **_map_names(knowledge))
        key = ChoiceKey(knowledge, root, why, (f"dermatome_{label}", root), card_for(knowledge, root))
        yield Question(
            item_id, "root_of_spot", "dermatomes",
            _ask(knowledge, "root_of_spot", region=f"region_{region}"), "choice", key,
            _choices(rng, _choice(knowledge, root), pool), shown, (f"region_{region}",),
        )  # fmt: skip


def _pick(rng: random.Random, group: Sequence[SkinPoint]) -> SkinPoint:
    """One point of a group, on the right side when there is one (the views show it first)."""
    right = [p for p in group if p.spot.side == "right"] or list(group)
    return rng.choice(sorted(right, key=lambda p: (p.point is None, p.point or 0)))


def _maps(knowledge: Knowledge, points: Sequence[SkinPoint], seed: int) -> Iterable[Question]:
    """Where the two maps disagree (and, nearby, agree): the label combinations that cover at least
    MIN_SHARE of their region. 'Agree' is asked only where Lee's own map is not variable (no
    alternate label); a map-pair distractor is never one that Lee's alternate label would make right."""
    regions = _regions(knowledge)
    per_region: dict[str, int] = {}
    combos: dict[tuple[str, str, str], list[SkinPoint]] = {}
    for p in points:
        region = p.spot.region
        if region not in regions or p.lee is None or p.keegan is None:
            continue
        per_region[region] = per_region.get(region, 0) + 1
        if p.lee != p.keegan or p.lee_alternate is None:
            combos.setdefault((region, p.lee, p.keegan), []).append(p)
    common = {c: g for c, g in combos.items() if len(g) >= MIN_SHARE * per_region[c[0]]}
    disputed = {region for region, lee, keegan in common if lee != keegan}
    for (region, lee, keegan), group in sorted(common.items()):
        if region not in disputed:
            continue  # agreement is only worth asking about where the maps disagree nearby
        territory = regions[region]
        maps = _map_names(knowledge)
        light = (f"region_{region}",)
        answer = tuple(dict.fromkeys((f"dermatome_{lee}", f"dermatome_{keegan}")))
        card = card_for(knowledge, *(r for r in (_single_root(knowledge, lee), _single_root(knowledge, keegan)) if r))
        clean = [p for p in group if p.lee_alternate is None]
        for kind in ("map_agree", "map_pair"):
            candidates_here = clean if kind == "map_agree" else clean or group
            if not candidates_here or (kind == "map_pair" and lee == keegan):
                continue
            item_id = f"{kind}:{region}:{lee}:{keegan}"
            rng = _rng(seed, item_id)
            shown = _pick(rng, candidates_here)
            labels = {"lee_label": _words(lee), "keegan_label": _words(keegan), **maps}
            if shown.lee_alternate:
                said = knowledge.say("quiz.maps_say_overlap", alternate=_words(shown.lee_alternate), **labels)
            else:
                said = knowledge.say("quiz.maps_say", **labels)
            if territory.note:
                said = knowledge.say("quiz.with_note", said=said, note=knowledge.note(f"territory:{territory.id}", territory.note))
            if kind == "map_agree":
                yes, no = Choice("agree", knowledge.say("quiz.agree")), Choice("disagree", knowledge.say("quiz.disagree"))
                yield Question(
                    item_id, kind, "dermatomes",
                    _ask(knowledge, "map_agree", region=f"region_{region}", **maps), "choice",
                    ChoiceKey(knowledge, "agree" if lee == keegan else "disagree", said, answer, card), (yes, no), shown, light,
                )  # fmt: skip
                continue
            lee_says = {lee, shown.lee_alternate}
            pairs = [(a, b) for a, b in ((keegan, lee), (lee, lee), (keegan, keegan)) if not (a in lee_says and b == keegan)]
            right, *wrong = [Choice(f"{a}|{b}", knowledge.say("quiz.map_choice", lee_label=_words(a), keegan_label=_words(b), **maps))
                             for a, b in [(lee, keegan), *pairs]]  # fmt: skip
            yield Question(
                item_id, kind, "dermatomes",
                _ask(knowledge, "map_pair", region=f"region_{region}"), "choice",
                ChoiceKey(knowledge, right.id, said, answer, card), _choices(rng, right, wrong), shown, light,
            )  # fmt: skip


def _entrapment(knowledge: Knowledge, seed: int) -> Iterable[Question]:
    traps: dict[str, set[str]] = {}  # site -> nerves trapped there
    for link in knowledge.links:
        if link.mechanism == "entrapment" and link.source in knowledge.structures and link.target in knowledge.structures:
            traps.setdefault(link.source, set()).add(link.target)
    sites_of: dict[str, set[str]] = {}
    for site, nerves in traps.items():
        for nerve in nerves:
            sites_of.setdefault(nerve, set()).add(site)
    nerves = [s.id for s in knowledge.structures.values() if s.kind == "nerve"]
    card_of = {v.source: v.card or knowledge.conditions[v.condition].card
               for v in knowledge.variants().values() if v.mechanism == "entrapment"}  # fmt: skip

    def related(nerve: str) -> set[str]:
        return {nerve, *knowledge.ancestors(nerve), *knowledge.descendants(nerve)}

    for site, trapped in sorted(traps.items()):
        if len(trapped) != 1:
            continue
        (nerve,) = trapped
        item_id = f"entrapment:{site}"
        rng = _rng(seed, item_id)
        near = related(nerve)
        elsewhere = [n for n in sorted(sites_of) if n not in near]  # trapped somewhere else: the best distractors
        others = [n for n in nerves if n not in near and n not in elsewhere]
        pick = elsewhere if len(elsewhere) >= DISTRACTORS else elsewhere + others
        link = knowledge.link(site, nerve)
        assert link is not None
        field_id = f"field_{nerve}"
        answer = (site, nerve, *([field_id] if field_id in knowledge.territories else []))
        yield Question(
            item_id, "entrapment_nerve", "entrapment_sites",
            _ask(knowledge, "entrapment_nerve", site=site), "choice",
            ChoiceKey(knowledge, nerve, knowledge.note(f"link:{site}:{nerve}", link.note), answer,
                      card_of.get(site) or card_for(knowledge, site, nerve)),
            _choices(rng, _choice(knowledge, nerve), [_choice(knowledge, n) for n in pick]),
            light=(site,),
        )  # fmt: skip
    for nerve, sites in sorted(sites_of.items()):
        if len(sites) != 1:
            continue
        (site,) = sites
        item_id = f"entrapment_site:{nerve}"
        rng = _rng(seed, item_id)
        near = related(nerve)
        pool = [_choice(knowledge, s) for s in sorted(traps) if not traps[s] & near]
        link = knowledge.link(site, nerve)
        assert link is not None
        yield Question(
            item_id, "entrapment_site", "entrapment_sites",
            _ask(knowledge, "entrapment_site", nerve=nerve), "choice",
            ChoiceKey(knowledge, site, knowledge.note(f"link:{site}:{nerve}", link.note), (site, nerve),
                      card_of.get(site) or card_for(knowledge, site, nerve)),
            _choices(rng, _choice(knowledge, site), pool), light=(nerve,),
        )  # fmt: skip


def region_reach(knowledge: Knowledge, source: str) -> tuple[dict[str, float], frozenset[str]]:
    """How strongly a source reaches each body region, and the dermatome and field ids it reaches.

    A region counts when the source links to it, or when its usual (first) dermatome is one the
    source reaches (at the strength of that link)."""
    found = effects(knowledge, source)
    area: dict[str, float] = {}
    reached: dict[str, float] = {}
    for link in found.links:
        if link.target.startswith("region_"):
            label = link.target.removeprefix("region_")
            area[label] = max(area.get(label, 0.0), link.strength)
        elif link.target in knowledge.territories:
            reached[link.target] = max(reached.get(link.target, 0.0), link.strength)
    for label, region in _regions(knowledge).items():
        for territory in (f"dermatome_{d}" for d in region.dermatomes[:1]):
            if territory in reached:
                area[label] = max(area.get(label, 0.0), reached[territory])
    return area, frozenset(reached)


def _reach(knowledge: Knowledge) -> Iterable[Question]:
    sources: dict[str, str] = {}  # source id -> topic
    for v in knowledge.variants().values():
        if v.mechanism == "biomechanical":
            sources.setdefault(v.condition, "kinetic_chain")
        elif v.mechanism in ("radicular", "referred"):
            sources.setdefault(v.source, "referred_pain")
    for source, topic in sorted(sources.items()):
        area, territories = region_reach(knowledge, source)
        at = max(CORE_FLOOR, CORE_SHARE * max(area.values(), default=0.0))
        core = tuple(sorted((r for r, s in area.items() if s >= at), key=lambda r: (-area[r], r)))
        if len(core) < 2:
            continue  # one place is a touch question, not "every area"
        card = card_for(knowledge, source) or next(
            (knowledge.conditions[v.condition].card
             for v in sorted(knowledge.variants().values(), key=lambda v: v.mechanism != "referred")
             if v.source == source), None
        )
        chain = topic == "kinetic_chain"
        words = knowledge.say("quiz.reach_cause" if chain else "quiz.reach_send", source=source)
        key = ReachKey(knowledge, words, core, frozenset(area), territories, card)
        yield Question(f"reach:{source}", "reach", topic,
                       _ask(knowledge, "reach_chain" if chain else "reach", source=source), "touch_all", key,
                       light=(source,))  # fmt: skip


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


CLEAR_CASES = "study_spine_or_hip"  # the knowledge's cache key


def _clear_cases(knowledge: Knowledge) -> list[_Case]:
    """The clear spine-or-hip cases: one feature and at most one trigger at one region; the
    clearest PER_REGION_GROUP per region and winning group (one per feature), cached on the knowledge."""
    for _ in preparing(knowledge):
        pass
    return knowledge._cache[CLEAR_CASES]  # type: ignore[return-value]


def preparing(knowledge: Knowledge) -> Iterator[None]:
    """The slow part of `generate` (about 1,500 rankings for the spine-or-hip cases, ~1 s), a
    ranking per step, so a window can answer touches in between; `generate` is quick after it."""
    if CLEAR_CASES in knowledge._cache:
        return
    out: list[_Case] = []
    for region in sorted(_regions(knowledge)):
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
    knowledge._cache[CLEAR_CASES] = out


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


def _spine_or_hip(knowledge: Knowledge, seed: int) -> Iterable[Question]:
    for case in _clear_cases(knowledge):
        region, feature, trigger, top, rival = case.region, case.feature, case.trigger, case.top, case.rival
        group = _group(knowledge, top.condition)
        assert group is not None
        item_id = f"spine_or_hip:{region}:{feature}" + (f"+{trigger}" if trigger else "")
        rng = _rng(seed, item_id)
        said = [knowledge.say("quiz.answer_sentence", answer=answer) for answer in (feature, trigger) if answer]
        shared = set(knowledge.conditions[top.condition].differentiators) & set(
            knowledge.conditions[rival.condition].differentiators
        )
        card = min(shared) if shared else top.card
        named = (knowledge.structures, knowledge.territories, knowledge.conditions)
        top_title, rival_title = (variant_title_key(c.id, *named) for c in (top, rival))
        why = knowledge.say("quiz.why_ranking", top=top_title, top_score=f"{top.score:.0%}", rival=rival_title,
                            rival_score=f"{rival.score:.0%}", reason=top.why[0])  # fmt: skip
        options = [Choice(g, knowledge.say(f"quiz.group.{g}")) for g in GROUPS]
        rng.shuffle(options)
        answers = _joined(knowledge.say, "quiz.comma", said)
        assert answers is not None
        yield Question(
            item_id, "spine_or_hip", "referred_pain",
            _ask(knowledge, "spine_or_hip", region=f"region_{region}", answers=answers), "choice",
            ChoiceKey(knowledge, group, why, top.path, card), tuple(options),
            SkinPoint(None, Spot(region=region, side="right")), (f"region_{region}",),
        )  # fmt: skip


def generate(knowledge: Knowledge, skin: Iterable[SkinPoint] = (), seed: int = 0) -> list[Question]:
    """Every question the content supports, in a fixed order (the session picks and orders them).

    `skin`: labelled skin points from the scene (every vertex, or every n-th). Without them the
    spot questions (root of a spot, the two maps) are left out and touch questions are made for every
    territory of the content; with them, only for territories that are on that skin."""
    points = list(skin)
    labelled: set[str] | None = None
    if points:
        labelled = set()
        for p in points:
            labelled.update(f"dermatome_{d}" for d in (*p.spot.dermatomes, p.keegan) if d)
            labelled.update(f"field_{n}" for n in p.spot.cutaneous_nerves)
    out: list[Question] = [
        *_touch(knowledge, labelled),
        *_root_of_spot(knowledge, points, seed),
        *_maps(knowledge, points, seed),
        *_entrapment(knowledge, seed),
        *_reach(knowledge),
        *_spine_or_hip(knowledge, seed),
    ]
    return out
