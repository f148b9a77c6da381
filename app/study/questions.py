"""Quiz questions generated from the content, never a hand-written list.

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
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from app.domain.effects import effects
from app.domain.knowledge import Knowledge
from app.domain.phrases import Phrase
from app.study.cases import Cases
from app.study.items import (
    CORE_FLOOR,
    CORE_SHARE,
    DISTRACTORS,
    MIN_SHARE,
    Choice,
    ChoiceKey,
    Question,
    ReachKey,
    TouchKey,
    ask,
    card_for,
    dermatome_words,
    item_rng,
    map_name,
    map_names,
    regions_of,
    titled_choice,
    with_distractors,
)
from app.study.skin import SkinPoint
from app.study.spine_or_hip import ClearCases


# -- generators ---------------------------------------------------------------------------------------
def _touch(knowledge: Knowledge, labelled: set[str] | None) -> Iterable[Question]:
    for t in knowledge.territories.values():
        if labelled is not None and t.id not in labelled:
            continue  # not on this skin: nothing could be touched
        if t.kind == "dermatome":
            said_map = map_name(knowledge, t)
            key = TouchKey(knowledge, t.id, t.label, said_map, card_for(knowledge, t.id, *t.roots))
            yield Question(
                f"touch:{t.id}",
                "touch_dermatome",
                "dermatomes",
                ask(knowledge, "touch_dermatome", dermatome=dermatome_words(t.label), map=said_map),
                "touch",
                key,
            )
        elif t.kind == "field" and t.nerve in knowledge.structures:
            key = TouchKey(knowledge, t.id, t.nerve, knowledge.say("quiz.map.lee"), card_for(knowledge, t.nerve))
            yield Question(
                f"touch:{t.id}", "touch_nerve", "nerves", ask(knowledge, "touch_nerve", nerve=t.nerve), "touch", key
            )


def _single_root(knowledge: Knowledge, label: str | None) -> str | None:
    territory = knowledge.territories.get(f"dermatome_{label}")
    if territory is None or len(territory.roots) != 1 or territory.roots[0] not in knowledge.structures:
        return None
    return territory.roots[0]


def _root_of_spot(knowledge: Knowledge, points: Sequence[SkinPoint], seed: int) -> Iterable[Question]:
    regions = regions_of(knowledge)
    said: dict[str, set[str]] = {}  # every dermatome any map gives anywhere in a region
    agreeing: dict[tuple[str, str], list[SkinPoint]] = {}
    for p in points:
        region = p.spot.region
        if region not in regions:
            continue
        said.setdefault(region, set()).update(d for d in (*p.spot.dermatomes, p.keegan) if d)
        if p.lee is not None and p.lee_alternate is None and p.keegan == p.lee and _single_root(knowledge, p.lee):
            agreeing.setdefault((region, p.lee), []).append(p)
    roots = {
        label: root
        for t in knowledge.territories.values()
        if t.kind == "dermatome"
        for label, root in [(t.label, _single_root(knowledge, t.label))]
        if root
    }
    for (region, label), group in sorted(agreeing.items()):
        item_id = f"root:{region}:{label}"
        rng = item_rng(seed, item_id)
        territory = regions[region]
        excluded = said[region] | set(territory.dermatomes) | set(territory.alternates)
        pool = [titled_choice(knowledge, root) for lab, root in roots.items() if lab not in excluded]
        if not pool:
            continue
        root = roots[label]
        shown = _pick(rng, group)
        why = knowledge.say("quiz.why_root", root=root, dermatome=f"dermatome_{label}", **map_names(knowledge))
        key = ChoiceKey(knowledge, root, why, (f"dermatome_{label}", root), card_for(knowledge, root))
        yield Question(
            item_id,
            "root_of_spot",
            "dermatomes",
            ask(knowledge, "root_of_spot", region=f"region_{region}"),
            "choice",
            key,
            with_distractors(rng, titled_choice(knowledge, root), pool),
            shown,
            (f"region_{region}",),
        )


def _pick(rng: random.Random, group: Sequence[SkinPoint]) -> SkinPoint:
    """One point of a group, on the right side when there is one (the views show it first)."""
    right = [p for p in group if p.spot.side == "right"] or list(group)
    return rng.choice(sorted(right, key=lambda p: (p.point is None, p.point or 0)))


def _maps(knowledge: Knowledge, points: Sequence[SkinPoint], seed: int) -> Iterable[Question]:
    """Where the two maps disagree (and, nearby, agree): the label combinations that cover at least
    MIN_SHARE of their region. 'Agree' is asked only where Lee's own map is not variable (no
    alternate label); a map-pair distractor is never one that Lee's alternate label would make right."""
    regions = regions_of(knowledge)
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
        maps = map_names(knowledge)
        light = (f"region_{region}",)
        answer = tuple(dict.fromkeys((f"dermatome_{lee}", f"dermatome_{keegan}")))
        card = card_for(knowledge, *(r for r in (_single_root(knowledge, lee), _single_root(knowledge, keegan)) if r))
        clean = [p for p in group if p.lee_alternate is None]
        for kind in ("map_agree", "map_pair"):
            candidates_here = clean if kind == "map_agree" else clean or group
            if not candidates_here or (kind == "map_pair" and lee == keegan):
                continue
            item_id = f"{kind}:{region}:{lee}:{keegan}"
            rng = item_rng(seed, item_id)
            shown = _pick(rng, candidates_here)
            labels: dict[str, Phrase | str] = {
                "lee_label": dermatome_words(lee),
                "keegan_label": dermatome_words(keegan),
                **maps,
            }
            if shown.lee_alternate:
                said = knowledge.say("quiz.maps_say_overlap", alternate=dermatome_words(shown.lee_alternate), **labels)
            else:
                said = knowledge.say("quiz.maps_say", **labels)
            if territory.note:
                said = knowledge.say(
                    "quiz.with_note", said=said, note=knowledge.note(f"territory:{territory.id}", territory.note)
                )
            if kind == "map_agree":
                yes, no = (
                    Choice("agree", knowledge.say("quiz.agree")),
                    Choice("disagree", knowledge.say("quiz.disagree")),
                )
                yield Question(
                    item_id,
                    kind,
                    "dermatomes",
                    ask(knowledge, "map_agree", region=f"region_{region}", **maps),
                    "choice",
                    ChoiceKey(knowledge, "agree" if lee == keegan else "disagree", said, answer, card),
                    (yes, no),
                    shown,
                    light,
                )
                continue
            lee_says = {lee, shown.lee_alternate}
            pairs = [
                (a, b) for a, b in ((keegan, lee), (lee, lee), (keegan, keegan)) if not (a in lee_says and b == keegan)
            ]
            right, *wrong = [
                Choice(
                    f"{a}|{b}",
                    knowledge.say(
                        "quiz.map_choice", lee_label=dermatome_words(a), keegan_label=dermatome_words(b), **maps
                    ),
                )
                for a, b in [(lee, keegan), *pairs]
            ]
            yield Question(
                item_id,
                kind,
                "dermatomes",
                ask(knowledge, "map_pair", region=f"region_{region}"),
                "choice",
                ChoiceKey(knowledge, right.id, said, answer, card),
                with_distractors(rng, right, wrong),
                shown,
                light,
            )


def _entrapment(knowledge: Knowledge, seed: int) -> Iterable[Question]:
    traps: dict[str, set[str]] = {}  # site -> nerves trapped there
    for link in knowledge.links:
        if (
            link.mechanism == "entrapment"
            and link.source in knowledge.structures
            and link.target in knowledge.structures
        ):
            traps.setdefault(link.source, set()).add(link.target)
    sites_of: dict[str, set[str]] = {}
    for site, trapped_here in traps.items():
        for nerve in trapped_here:
            sites_of.setdefault(nerve, set()).add(site)
    nerves = [s.id for s in knowledge.structures.values() if s.kind == "nerve"]
    card_of = {
        v.source: v.card or knowledge.conditions[v.condition].card
        for v in knowledge.variants().values()
        if v.mechanism == "entrapment"
    }

    def related(nerve: str) -> set[str]:
        return {nerve, *knowledge.ancestors(nerve), *knowledge.descendants(nerve)}

    for site, trapped in sorted(traps.items()):
        if len(trapped) != 1:
            continue
        (nerve,) = trapped
        item_id = f"entrapment:{site}"
        rng = item_rng(seed, item_id)
        near = related(nerve)
        elsewhere = [n for n in sorted(sites_of) if n not in near]  # trapped somewhere else: the best distractors
        others = [n for n in nerves if n not in near and n not in elsewhere]
        pick = elsewhere if len(elsewhere) >= DISTRACTORS else elsewhere + others
        trap = knowledge.link(site, nerve)
        assert trap is not None
        field_id = f"field_{nerve}"
        answer = (site, nerve, *([field_id] if field_id in knowledge.territories else []))
        yield Question(
            item_id,
            "entrapment_nerve",
            "entrapment_sites",
            ask(knowledge, "entrapment_nerve", site=site),
            "choice",
            ChoiceKey(
                knowledge,
                nerve,
                knowledge.note(f"link:{site}:{nerve}", trap.note),
                answer,
                card_of.get(site) or card_for(knowledge, site, nerve),
            ),
            with_distractors(rng, titled_choice(knowledge, nerve), [titled_choice(knowledge, n) for n in pick]),
            light=(site,),
        )
    for nerve, sites in sorted(sites_of.items()):
        if len(sites) != 1:
            continue
        (site,) = sites
        item_id = f"entrapment_site:{nerve}"
        rng = item_rng(seed, item_id)
        near = related(nerve)
        pool = [titled_choice(knowledge, s) for s in sorted(traps) if not traps[s] & near]
        trap = knowledge.link(site, nerve)
        assert trap is not None
        yield Question(
            item_id,
            "entrapment_site",
            "entrapment_sites",
            ask(knowledge, "entrapment_site", nerve=nerve),
            "choice",
            ChoiceKey(
                knowledge,
                site,
                knowledge.note(f"link:{site}:{nerve}", trap.note),
                (site, nerve),
                card_of.get(site) or card_for(knowledge, site, nerve),
            ),
            with_distractors(rng, titled_choice(knowledge, site), pool),
            light=(nerve,),
        )


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
    for label, region in regions_of(knowledge).items():
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
            (
                knowledge.conditions[v.condition].card
                for v in sorted(knowledge.variants().values(), key=lambda v: v.mechanism != "referred")
                if v.source == source
            ),
            None,
        )
        chain = topic == "kinetic_chain"
        words = knowledge.say("quiz.reach_cause" if chain else "quiz.reach_send", source=source)
        key = ReachKey(knowledge, words, core, frozenset(area), territories, card)
        yield Question(
            f"reach:{source}",
            "reach",
            topic,
            ask(knowledge, "reach_chain" if chain else "reach", source=source),
            "touch_all",
            key,
            light=(source,),
        )


class QuestionBank:
    """Every question the content supports, for one knowledge; the slow part (the spine-or-hip
    cases) is made once per bank, so make one bank and keep it."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.clear_cases = ClearCases(knowledge)
        self.cases = Cases(knowledge)

    def preparing(self) -> Iterator[None]:
        """The slow part of `generate`, a ranking per step (see `ClearCases.preparing`)."""
        return chain(self.clear_cases.preparing(), self.cases.preparing())

    def generate(self, skin: Iterable[SkinPoint] = (), seed: int = 0) -> list[Question]:
        """Every question, in a fixed order (the session picks and orders them).

        `skin`: labelled skin points from the scene (every vertex, or every n-th). Without them the
        spot questions (root of a spot, the two maps) are left out and touch questions are made for
        every territory of the content; with them, only for territories that are on that skin."""
        knowledge = self.knowledge
        points = list(skin)
        labelled: set[str] | None = None
        if points:
            labelled = set()
            for p in points:
                labelled.update(f"dermatome_{d}" for d in (*p.spot.dermatomes, p.keegan) if d)
                labelled.update(f"field_{n}" for n in p.spot.cutaneous_nerves)
        return [
            *_touch(knowledge, labelled),
            *_root_of_spot(knowledge, points, seed),
            *_maps(knowledge, points, seed),
            *_entrapment(knowledge, seed),
            *_reach(knowledge),
            *self.clear_cases.questions(seed),
            *self.cases.questions(seed),
        ]
