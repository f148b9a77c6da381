"""How each condition variant reaches the skin: the places it can send pain, each with a strength and
the path of ids from the source to the skin (`app.domain.ranking`'s step 1 says how).

A variant's reach depends only on the knowledge, so it is made once per knowledge and variant and
kept here, beside the knowledge rather than inside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from app.domain.knowledge import Knowledge
from app.domain.phrases import Phrase
from app.domain.records import Variant, weakest

FIELD_SHARE = 0.75  # root → a multi-root nerve's skin field: 0.75 / sqrt(number of roots)
BRANCH_DECAY = 0.9  # per step from the squeezed nerve down to the branch whose skin hurts
REFERRED_SHARE = 0.5  # a radicular variant's own somatic pain (a slipped disc aches in the back too)


@dataclass(frozen=True)
class Reach:
    """How one variant reaches one territory."""

    strength: float
    mechanism: str
    path: tuple[str, ...]  # source … territory
    evidence: str
    note: Phrase  # the plain-language reason of the last link
    not_where: tuple[str, ...] = ()  # a touched spot whose own skin nerve field is one of these is not reached


# a knowledge's reaches by variant id, made as the ranking asks; gone with the knowledge
_REACHES: WeakKeyDictionary[Knowledge, dict[str, dict[str, Reach]]] = WeakKeyDictionary()


def reach(knowledge: Knowledge, variant: Variant) -> dict[str, Reach]:
    """Every territory (dermatome_, field_, region_) a variant can send pain to, best way first."""
    reaches = _REACHES.setdefault(knowledge, {})
    if variant.id not in reaches:
        reaches[variant.id] = _build_reach(knowledge, variant)
    return reaches[variant.id]


def _build_reach(knowledge: Knowledge, v: Variant) -> dict[str, Reach]:
    out: dict[str, Reach] = {}

    def offer(target: str, candidate: Reach) -> None:
        best = out.get(target)
        if best is None or (candidate.strength, -len(candidate.path)) > (best.strength, -len(best.path)):
            out[target] = candidate

    territories = knowledge.territories
    for origin in (v.source, v.condition):
        for link in knowledge.links_from(origin):
            if link.target not in territories or link.mechanism == "radicular":
                continue
            share = REFERRED_SHARE if v.mechanism == "radicular" and link.mechanism == "referred" else 1.0
            offer(
                link.target,
                Reach(
                    link.strength * share,
                    link.mechanism,
                    (v.source, *link.via, link.target),
                    link.evidence,
                    _link_note(knowledge, link.source, link.target, link.note),
                    link.not_where,
                ),
            )

    if v.mechanism == "radicular":
        for root in v.acts_on:
            first = knowledge.link(v.source, root)
            if first is None:
                continue
            for link in knowledge.links_from(root):
                if link.target in territories:
                    offer(
                        link.target,
                        Reach(
                            first.strength * link.strength,
                            "radicular",
                            (v.source, root, link.target),
                            weakest((first.evidence, link.evidence)),
                            _link_note(knowledge, root, link.target, link.note),
                        ),
                    )
            for nerve in knowledge.structures.values():
                field_id = f"field_{nerve.id}"
                if nerve.cutaneous and root in nerve.roots and field_id in territories:
                    share = FIELD_SHARE / math.sqrt(len(nerve.roots))
                    chain = tuple(reversed(knowledge.ancestors(nerve.id)))
                    offer(
                        field_id,
                        Reach(
                            first.strength * share,
                            "radicular",
                            (v.source, root, *chain, field_id),
                            weakest((first.evidence, "moderate")),
                            knowledge.say("root_field", root=root, nerve=nerve.id),
                        ),
                    )

    if v.mechanism == "entrapment":
        for nerve_id in v.acts_on:
            first = knowledge.link(v.source, nerve_id)
            if first is None:
                continue
            affected = (nerve_id, *knowledge.descendants(nerve_id))
            if v.branches:
                keep = set(v.branches)
                affected = tuple(
                    n for n in affected if n == nerve_id or n in keep or keep & set(knowledge.ancestors(n))
                )
            for branch in affected:
                nerve = knowledge.structures[branch]
                field_id = f"field_{branch}"
                if not nerve.cutaneous or field_id not in territories:
                    continue
                chain = knowledge.ancestors(branch)
                down = tuple(reversed(chain[: chain.index(nerve_id) + 1]))  # nerve_id … branch
                strength = first.strength * BRANCH_DECAY ** (len(down) - 1)
                note = _link_note(knowledge, v.source, nerve_id, first.note)
                if branch != nerve_id:
                    note = knowledge.say("branch_field", note=note, branch=branch)
                offer(field_id, Reach(strength, "entrapment", (v.source, *down, field_id), first.evidence, note))
    return out


def _link_note(knowledge: Knowledge, source: str, target: str, text: str) -> Phrase:
    return knowledge.note(f"link:{source}:{target}", text)
