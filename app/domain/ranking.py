"""Rank the sources that can explain a pain area, as a clinician would: deterministic and explainable.

How a score is built (every factor becomes a plain-language reason):

1. **Reach.** For each condition variant the content gives the places it can send pain, each with a
   strength in [0, 1] and a path of ids from the source to the skin:
   - radicular: source → root (link strength) × root → its dermatome or a region (link strength), or
     × root → a cutaneous nerve field that root feeds (`FIELD_SHARE / sqrt(number of roots)`);
   - entrapment: site → nerve (link strength) × the nerve's own field (1.0) or a branch's field
     (`BRANCH_DECAY` per step down the nerve tree);
   - referred and biomechanical: the links from the source structure and from the condition itself
     to a territory or region. A radicular or entrapment variant also keeps its source's referred
     links (a slipped disc aches in the back too), at `REFERRED_SHARE`.
   A root's path to a skin strip runs through the plexus and the spot's skin nerve that the root
   feeds (disc_L4_L5 → L5 → sacral_plexus → sciatic → common_fibular → superficial_fibular →
   dermatome_L5), so it can be drawn along the nerves.
2. **Spot match.** A touched spot is a set of territories with weights: primary dermatome 1.0,
   alternate dermatomes 0.6, first cutaneous field 1.0 (others 0.7), region 1.0. A spot known only by
   its region also gets the region's usual dermatomes (0.7, alternates 0.45) and fields (0.6), and
   the path then ends at the region. The match is `max(weight × reach strength) × side`, where side is
   1 on the candidate's side, `MIDLINE_SIDE` for a midline spot of a one-sided source and
   `OTHER_SIDE` for the other leg unless the cause is central (bilateral).
3. **Several spots.** `explains` = share of spots matched at least `EXPLAINS_AT`;
   `base = mean of the spot matches × (1 - COVERAGE × (1 - explains))`, so a source that explains
   all the spots beats one that explains only a part.
4. **Prior.** `p = min(MAX_PRIOR_SCORE, base × prior)`; the prior says how common the source is
   among those that fit (content/conditions.yaml).
5. **Answers.** Every feature, trigger and check multiplies the odds `p / (1 - p)` by the factor of its
   most specific weight that matches the candidate (variant > condition > source > nerve > root >
   category > mechanism), like a likelihood ratio; `score = odds / (1 + odds)`, always in [0, 1].
6. **Red flags** put their urgent card first, always (mechanism "urgent", score 1.0). A spot that asks
   red flags first (the saddle area, app/domain/urgency.py) puts a "check first" card for them before
   any source; numbness felt there counts as the sign itself.
Ties are broken by how much of the area is explained, then by id, so the order never depends on
dictionary order or chance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from app.domain.gaps import check_query
from app.domain.knowledge import Knowledge
from app.domain.phrases import Phrase
from app.domain.query import Query, Spot
from app.domain.reach import Reach, reach
from app.domain.records import EVIDENCE_LEVELS, RedFlag, Variant
from app.domain.urgency import EMERGENCY_CARERS, ask_first, carers, most_urgent, signs_present

PRIMARY_DERMATOME = 1.0
ALTERNATE_DERMATOME = 0.6
FIRST_FIELD = 1.0
OTHER_FIELD = 0.7
REGION = 1.0
INFERRED_DERMATOME = 0.7
INFERRED_ALTERNATE = 0.45
INFERRED_FIELD = 0.6
COVERAGE = 0.25  # how much a spot left unexplained costs on top of the mean
MIDLINE_SIDE = 0.85
OTHER_SIDE = 0.3
EXPLAINS_AT = 0.05  # a spot counts as explained from this match on
MIN_MATCH = EXPLAINS_AT  # a source that explains none of the spots is not listed
MAX_PRIOR_SCORE = 0.95
SCORE_DIGITS = 12  # drops floating-point noise only
DIFFERENTIATOR_TOP = 8  # look-alikes this high on the list get a pointer to their differentiator card
ASK_FIRST = "ask_first:"  # id prefix of a "check first" card
SPECIFICITY = ("variant", "condition", "source", "nerve", "root", "category", "mechanism")


@dataclass(frozen=True)
class Candidate:
    id: str  # unique, e.g. "lumbar_disc_herniation_L4_L5" or "hip_osteoarthritis"
    title: str  # patient words
    condition: str  # condition id (or red flag id)
    source: str  # the structure to light up
    mechanism: str  # radicular | entrapment | referred | biomechanical | urgent
    score: float  # [0, 1]
    path: tuple[str, ...]  # ids from source to skin
    card: str
    why: tuple[Phrase, ...]  # why it is on the list: render with `InLanguage.say`
    evidence: str  # strong | moderate | limited | weak
    who_can_help: tuple[str, ...]
    explains: float  # fraction of the query's spots this candidate explains
    urgency: str = "routine"  # emergency | today | soon | routine (app/domain/urgency.py)
    asks: tuple[str, ...] = ()  # a "check first" card: the red flags to ask about before any source

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why it is on the list, in English."""
        return tuple(reason.text for reason in self.why)


@dataclass(frozen=True)
class _Term:
    territory: str
    weight: float
    end: str  # the id the path ends at (the region, for inferred territories)
    how: str  # how the spot got this territory, for the reason text


def _terms(knowledge: Knowledge, spot: Spot) -> list[_Term]:
    terms: list[_Term] = []
    for i, label in enumerate(spot.dermatomes):
        territory = f"dermatome_{label}"
        terms.append(
            _Term(
                territory,
                PRIMARY_DERMATOME if i == 0 else ALTERNATE_DERMATOME,
                territory,
                "its skin strip (dermatome)" if i == 0 else "an overlapping skin strip",
            )
        )
    for i, nerve in enumerate(spot.cutaneous_nerves):
        territory = f"field_{nerve}"
        terms.append(_Term(territory, FIRST_FIELD if i == 0 else OTHER_FIELD, territory, "its skin nerve"))
    region = knowledge.territories.get(f"region_{spot.region}") if spot.region is not None else None
    if region is not None:
        terms.append(_Term(region.id, REGION, region.id, "the body region"))
        if not spot.dermatomes:
            terms += [
                _Term(f"dermatome_{d}", INFERRED_DERMATOME, region.id, "the usual skin strip there")
                for d in region.dermatomes
            ]
            terms += [
                _Term(f"dermatome_{d}", INFERRED_ALTERNATE, region.id, "an overlapping skin strip")
                for d in region.alternates
            ]
        if not spot.cutaneous_nerves:
            terms += [_Term(f"field_{n}", INFERRED_FIELD, region.id, "a skin nerve there") for n in region.fields]
    return terms


@dataclass(frozen=True)
class _Match:
    value: float
    term: _Term | None
    via: Reach | None


def _match(knowledge: Knowledge, variant: Variant, spot_terms: list[_Term]) -> _Match:
    reaches = reach(knowledge, variant)
    best = _Match(0.0, None, None)
    own_fields = {t.territory for t in spot_terms if t.territory.startswith("field_") and t.weight == FIRST_FIELD}
    for term in spot_terms:
        r = reaches.get(term.territory)
        if r is None or own_fields & set(r.not_where):
            continue
        value = term.weight * r.strength
        if value > best.value:
            best = _Match(value, term, r)
    return best


def _side_factor(knowledge: Knowledge, variant: Variant, spot: Spot, side: str | None) -> float:
    if spot.side is None or side is None or variant.bilateral:
        return 1.0
    if spot.side == "midline":
        source = knowledge.structures.get(variant.source)
        return MIDLINE_SIDE if source is not None and source.sided else 1.0
    return 1.0 if spot.side == side else OTHER_SIDE


def _tags(knowledge: Knowledge, variant: Variant) -> dict[str, set[str]]:
    condition = knowledge.conditions[variant.condition]
    tags: dict[str, set[str]] = {
        "variant": {variant.id},
        "condition": {condition.id},
        "source": {variant.source},
        "nerve": set(),
        "root": set(),
        "category": {condition.category},
        "mechanism": {variant.mechanism},
    }
    kind = "root" if variant.mechanism == "radicular" else "nerve"
    if variant.mechanism in ("radicular", "entrapment"):
        tags[kind] |= set(variant.acts_on)
    return tags


def answer_factor(knowledge: Knowledge, variant: Variant, answer_id: str) -> tuple[float, Phrase | None]:
    """The odds factor one answer gives a variant, and its reason (None when neutral)."""
    answer = knowledge.answer(answer_id)
    if answer is None:
        return 1.0, None
    tags = _tags(knowledge, variant)
    for level in SPECIFICITY:
        hits = [
            w for w in answer.weights if w.target.split(":", 1)[0] == level and w.target.split(":", 1)[1] in tags[level]
        ]
        if hits:
            chosen = max(hits, key=lambda w: (w.factor, w.target))
            return chosen.factor, knowledge.note(f"answer:{answer_id}:{chosen.target}", chosen.reason)
    return 1.0, None


def _sided(spots: tuple[Spot, ...], matches: list[_Match]) -> str | None:
    """The side a one-sided candidate is on: the side with more (matched) spots, else the last spot's."""
    counts = {"left": 0.0, "right": 0.0}
    for spot, match in zip(spots, matches, strict=False):
        if spot.side in counts:
            counts[spot.side] += match.value + 1e-6
    if counts["left"] == counts["right"] == 0.0:
        return None
    if counts["left"] == counts["right"]:
        return next((s.side for s in reversed(spots) if s.side in counts), None)
    return "left" if counts["left"] > counts["right"] else "right"


def candidates(knowledge: Knowledge, query: Query) -> list[Candidate]:
    """Ranked sources for a pain area (best first); any red flag puts its urgent card first."""
    check_query(knowledge, query)
    present = signs_present(knowledge, query)
    urgent = _urgent(knowledge, present)
    urgent += _ask_first(knowledge, query, present, {c.card for c in urgent})
    if not query.spots:
        return urgent
    spot_terms = [_terms(knowledge, spot) for spot in query.spots]
    answers = [*sorted(query.features), *sorted(query.triggers), *sorted(query.checks)]
    ranked: list[Candidate] = []
    for variant in knowledge.variants().values():
        raw = [_match(knowledge, variant, terms) for terms in spot_terms]
        side = _sided(query.spots, raw)
        factors = [_side_factor(knowledge, variant, spot, side) for spot in query.spots]
        values = [m.value * f for m, f in zip(raw, factors, strict=False)]
        if max(values) < MIN_MATCH:
            continue
        explained = [v >= EXPLAINS_AT for v in values]
        explains = sum(explained) / len(values)
        base = sum(values) / len(values) * (1.0 - COVERAGE * (1.0 - explains))
        p = min(MAX_PRIOR_SCORE, base * variant.prior)
        odds = p / (1.0 - p)
        reasons: list[Phrase] = []
        path_spot = _path_spot(values)
        best = raw[path_spot]
        assert best.term is not None
        assert best.via is not None
        path = best.via.path if best.term.end == best.via.path[-1] else (*best.via.path[:-1], best.term.end)
        if best.via.mechanism == "radicular" and len(path) == 3:  # source → root → its skin strip
            path = (*path[:2], *_conduit(knowledge, path[1], query.spots[path_spot]), path[2])
        reasons.append(best.via.note)
        if best.term.territory != best.term.end:
            reasons.append(knowledge.say("usual_area", region=best.term.end, territory=best.term.territory))
        if variant.note:
            reasons.append(knowledge.note(f"variant:{variant.id}", variant.note))
        if len(query.spots) > 1:
            reasons.append(knowledge.say("explains", explained=sum(explained), spots=len(values)))
            sides = {s.side for s in query.spots if s.side in ("left", "right")}
            if len(sides) == 2:
                reasons.append(knowledge.say("both_legs_central" if variant.bilateral else "both_legs_one_side"))
        factors_used: list[float] = []
        for answer_id in answers:
            factor, why = answer_factor(knowledge, variant, answer_id)
            if why is not None and factor != 1.0:
                factors_used.append(factor)
                reasons.append(knowledge.say("answer", why=why, factor=factor))
        # one product in a fixed order, rounded, so equal evidence gives exactly equal scores
        odds *= math.prod(sorted(factors_used))
        score = round(odds / (1.0 + odds), SCORE_DIGITS)
        condition = knowledge.conditions[variant.condition]
        ranked.append(
            Candidate(
                id=variant.id,
                title=variant.title,
                condition=condition.id,
                source=variant.source,
                mechanism=best.via.mechanism,
                score=score,
                path=path,
                card=variant.card or condition.card,
                why=tuple(reasons),
                evidence=best.via.evidence,
                who_can_help=carers(variant.urgency, condition.who_can_help),
                explains=explains,
                urgency=variant.urgency,
            )
        )
    ranked.sort(key=lambda c: (-c.score, -c.explains, EVIDENCE_LEVELS.index(c.evidence), c.id))
    ranked = _add_differentiators(knowledge, ranked)
    return urgent + ranked


def _conduit(knowledge: Knowledge, root: str, spot: Spot) -> tuple[str, ...]:
    """The plexus and nerves that carry a root's fibres to the spot's skin (DESIGN.md §1: spine
    level → root → plexus → named nerve → skin): the first skin nerve of the spot that the root
    feeds, with its parents; () when no skin nerve of the spot takes fibres from that root."""
    fields = spot.cutaneous_nerves
    region = knowledge.territories.get(f"region_{spot.region}")
    if not fields and region is not None:
        fields = region.fields
    for nerve_id in fields:
        nerve = knowledge.structures.get(nerve_id)
        if nerve is not None and root in nerve.roots:
            return tuple(reversed(knowledge.ancestors(nerve_id)))
    return ()


def _path_spot(values: list[float]) -> int:
    """The spot the path is drawn to: the latest one the candidate explains, else its best match."""
    explained = [i for i, value in enumerate(values) if value >= EXPLAINS_AT]
    return explained[-1] if explained else max(range(len(values)), key=lambda i: (values[i], i))


def _add_differentiators(knowledge: Knowledge, ranked: list[Candidate]) -> list[Candidate]:
    """Point to the differentiator card when look-alikes from different places are both near the top.

    A differentiator card listed by two conditions of different categories (a root in the spine and a
    nerve at the knee, the spine and the hip) pairs them."""
    top = [c.condition for c in ranked[:DIFFERENTIATOR_TOP]]
    out: list[Candidate] = []
    for candidate in ranked:
        extra: list[Phrase] = []
        mine = knowledge.conditions[candidate.condition]
        if candidate.condition in top:
            for card_id in mine.differentiators:
                card = knowledge.card(card_id)
                partner = next(
                    (
                        knowledge.conditions[c]
                        for c in top
                        if c != mine.id
                        and knowledge.conditions[c].category != mine.category
                        and card_id in knowledge.conditions[c].differentiators
                    ),
                    None,
                )
                if partner is not None and card is not None:
                    extra.append(knowledge.say("look_alike", partner=partner.id, card=card_id))
        out.append(candidate if not extra else _with_reasons(candidate, extra))
    return out


def _with_reasons(candidate: Candidate, extra: list[Phrase]) -> Candidate:
    return replace(candidate, why=(*candidate.why, *extra))


def _urgent(knowledge: Knowledge, present: frozenset[str]) -> list[Candidate]:
    """One urgent candidate per red-flag card, in content order."""
    by_card: dict[str, list[RedFlag]] = {}
    for flag in knowledge.red_flags.values():
        if flag.id in present:
            by_card.setdefault(flag.card, []).append(flag)
    return [
        _urgent_card(
            knowledge,
            card_id,
            flags,
            card_id,
            flags[0].title,
            (*(knowledge.note(f"red_flag:{f.id}", f.reason) for f in flags), knowledge.say("urgent_first")),
        )
        for card_id, flags in by_card.items()
    ]


def _ask_first(knowledge: Knowledge, query: Query, present: frozenset[str], shown: set[str]) -> list[Candidate]:
    """A "check first" card per red-flag card the touched spots ask about and nothing marked yet."""
    by_card: dict[str, list[RedFlag]] = {}
    for flag_id in ask_first(knowledge, query):
        flag = knowledge.red_flags[flag_id]
        if flag_id not in present and flag.card not in shown:
            by_card.setdefault(flag.card, []).append(flag)
    out: list[Candidate] = []
    for card_id, flags in by_card.items():
        level = most_urgent([f.urgency for f in flags])
        why = (knowledge.say(f"ask_first_why.{level}"), *(knowledge.say("ask_first_sign", flag=f.id) for f in flags))
        title = knowledge.say("ask_first", card=card_id).text
        candidate = _urgent_card(knowledge, f"{ASK_FIRST}{card_id}", flags, card_id, title, why)
        out.append(replace(candidate, asks=tuple(f.id for f in flags)))
    return out


def _urgent_card(
    knowledge: Knowledge,
    candidate_id: str,
    flags: list[RedFlag],
    card_id: str,
    title: str,
    why: tuple[Phrase, ...],
) -> Candidate:
    """An urgent candidate (score 1, first on the list) for a red-flag card and the flags that bring it."""
    card = knowledge.card(card_id)
    level = most_urgent([f.urgency for f in flags])
    return Candidate(
        id=candidate_id,
        title=title,
        condition=flags[0].id,
        source=flags[0].source,
        mechanism="urgent",
        score=1.0,
        path=(flags[0].source,),
        card=card_id,
        why=why,
        evidence=card.evidence if card is not None else "strong",
        who_can_help=carers(level, card.who_can_help if card is not None else EMERGENCY_CARERS),
        explains=1.0,
        urgency=level,
    )
