"""The reverse direction: every place a source can send pain or strain (DESIGN.md §1.6).

From a structure (a disc, a root, a nerve, a joint), a condition (flat feet) or one condition variant:
- its own links (referred, biomechanical, and what it presses on);
- through a root: the root's dermatome, the regions its pain reaches and the skin fields of the
  nerves it feeds; through a squeezed nerve: the skin fields of the nerve and its branches;
- along the kinetic chain: biomechanical links followed from structure to structure (flat feet → knee →
  hip → low back), strength multiplied and evidence taken as the weakest link of the chain.
Each place is listed once, by its strongest route; the other routes to it are kept with it. The
regions are the ones named by a link and the ones the reached skin strips and nerve fields cover
(content/territories.yaml lists each region's dermatomes and nerve fields), so an L5 strip that
covers the top of the foot names the top of the foot.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

from app.domain.errors import QueryError
from app.domain.knowledge import Knowledge
from app.domain.records import MECHANISMS, Link, Variant, weakest

MAX_CHAIN = 4  # biomechanical hops followed from the source
# The reverse view shades each place by its route's strength against the source's strongest:
# at least 0.6 of it "strong" (tier 3), at least 0.3 "moderate" (2), below that "weak" (1).
REACH_TIER_SHARES = (0.6, 0.3)
FIELD_SHARE = 0.75  # as in ranking: a root's share of a multi-root nerve's skin field
BRANCH_DECAY = 0.9


@dataclass(frozen=True)
class EffectLink:
    source: str  # the link's own source (the previous step of the path)
    target: str  # a territory, root, nerve or structure
    mechanism: str
    strength: float  # along the whole path from the effects' source
    evidence: str  # the weakest evidence along the path
    note: str
    references: tuple[str, ...]
    path: tuple[str, ...]  # from the effects' source to the target
    routes: tuple[tuple[str, ...], ...] = ()  # other, weaker paths to the same target


@dataclass(frozen=True)
class Effects:
    source: str
    title: str
    territories: tuple[str, ...]  # dermatome_ and field_ ids
    regions: tuple[str, ...]  # region labels (without the region_ prefix): linked, then covered
    structures: tuple[str, ...]  # structures reached or passed on the way
    links: tuple[EffectLink, ...]


def _origins(knowledge: Knowledge, source: str) -> list[tuple[str, Variant | None]]:
    """What to start from: (id whose links count, the variant restricting what it presses on)."""
    variants = knowledge.variants()
    if source in knowledge.conditions:
        out: list[tuple[str, Variant | None]] = [(source, None)]
        for variant in knowledge.conditions[source].variants:
            out.append((variant.source, variant))
        return out
    if source in variants:
        variant = variants[source]
        return [(variant.condition, None), (variant.source, variant)]
    if source in knowledge.structures:
        return [(source, None)]
    raise QueryError(f"unknown source {source!r}; try a condition such as flat_feet or a structure such as disc_L4_L5")


def effects(knowledge: Knowledge, source: str) -> Effects:
    """Every territory, region and structure `source` can send pain or strain to, with the links."""
    found: dict[tuple[str, ...], EffectLink] = {}

    def add(link: EffectLink) -> None:
        # every distinct route is kept: the direct flat feet → low back link and the chain through
        # the knee and hip are different claims with their own evidence
        best = found.get(link.path)
        if best is None or link.strength > best.strength:
            found[link.path] = link

    def through_root(root: str, start: tuple[str, ...], strength: float, evidence: str) -> None:
        for link in knowledge.links_from(root):
            add(_step(link, start, strength, evidence))
        for nerve in knowledge.structures.values():
            field_id = f"field_{nerve.id}"
            if nerve.cutaneous and root in nerve.roots and field_id in knowledge.territories:
                chain = tuple(reversed(knowledge.ancestors(nerve.id)))
                add(
                    EffectLink(
                        source=nerve.id,
                        target=field_id,
                        mechanism="radicular",
                        strength=strength * FIELD_SHARE / math.sqrt(len(nerve.roots)),
                        evidence=weakest((evidence, "moderate")),
                        note=f"The {root} root is one of the roots of this nerve, which supplies this skin.",
                        references=nerve.references,
                        path=(*start, *chain, field_id),
                    )
                )

    def through_nerve(
        nerve_id: str, start: tuple[str, ...], strength: float, evidence: str, only: tuple[str, ...]
    ) -> None:
        for branch in (nerve_id, *knowledge.descendants(nerve_id)):
            chain = knowledge.ancestors(branch)
            if only and branch != nerve_id and not (set(only) & set(chain)):
                continue
            nerve = knowledge.structures[branch]
            field_id = f"field_{branch}"
            if nerve.cutaneous and field_id in knowledge.territories:
                down = tuple(reversed(chain[: chain.index(nerve_id) + 1]))
                add(
                    EffectLink(
                        source=branch,
                        target=field_id,
                        mechanism="entrapment",
                        strength=strength * BRANCH_DECAY ** (len(down) - 1),
                        evidence=evidence,
                        note="This nerve supplies this skin.",
                        references=nerve.references,
                        path=(*start, *down[1:], field_id),
                    )
                )

    origins = _origins(knowledge, source)
    own = {origin for origin, _ in origins}

    def chain(origin: str, start: tuple[str, ...], strength: float, evidence: str, depth: int) -> None:
        for link in knowledge.links_from(origin):
            if link.mechanism != "biomechanical" or link.target in start or link.target in own:
                continue
            step = _step(link, start, strength, evidence)
            add(step)
            if link.target in knowledge.structures and depth < MAX_CHAIN:
                chain(link.target, step.path, step.strength, step.evidence, depth + 1)

    for origin, variant in origins:
        start = (origin,) if origin == source else (source, origin)
        for link in knowledge.links_from(origin):
            # a variant presses only on its own roots or nerves; a link straight to skin (the skin
            # over an entrapment site) counts for every variant of the source, as in the ranking
            presses = link.mechanism in ("radicular", "entrapment") and link.target in knowledge.structures
            if variant is not None and presses and link.target not in variant.acts_on:
                continue
            step = _step(link, start, 1.0, "strong")
            add(step)
            target = knowledge.structures.get(link.target)
            if target is not None and target.kind == "root" and link.mechanism == "radicular":
                through_root(link.target, step.path, step.strength, step.evidence)
            elif target is not None and link.mechanism == "entrapment":
                through_nerve(link.target, step.path, step.strength, step.evidence, variant.branches if variant else ())
            elif target is not None and link.mechanism == "biomechanical":
                chain(link.target, step.path, step.strength, step.evidence, 2)
        structure = knowledge.structures.get(origin)
        if structure is not None and structure.kind == "root" and origin == source:
            through_root(origin, (origin,), 1.0, "strong")
        if structure is not None and structure.kind == "nerve" and origin == source:
            through_nerve(origin, (origin,), 1.0, "strong", ())

    links = _one_per_target(found.values())
    territories = tuple(dict.fromkeys(k.target for k in links if k.target.startswith(("dermatome_", "field_"))))
    linked = [k.target.removeprefix("region_") for k in links if k.target.startswith("region_")]
    regions = tuple(dict.fromkeys([*linked, *covered_regions(knowledge, territories)]))
    passed = [i for k in links for i in (*k.path[1:-1], k.target) if i in knowledge.structures and i != source]
    return Effects(
        source=source,
        title=knowledge.title(source),
        territories=territories,
        regions=regions,
        structures=tuple(dict.fromkeys(passed)),
        links=tuple(links),
    )


def reach_tiers(shown: Effects) -> dict[str, int]:
    """The skin places a link names (territory ids, `region_` ids) with their tier, 3 strong to 1
    weak, strongest first: the reverse view paints these, so a disc that reaches 20 places does
    not tint the whole leg alike. Regions only covered by a reached strip are not painted (the
    strip itself is)."""
    places = sorted(
        (k for k in shown.links if k.target.startswith(("dermatome_", "field_", "region_"))), key=lambda k: -k.strength
    )
    if not places:
        return {}
    strongest = places[0].strength
    strong, moderate = (share * strongest for share in REACH_TIER_SHARES)
    return {k.target: 3 if k.strength >= strong else 2 if k.strength >= moderate else 1 for k in places}


def _one_per_target(routes: Iterable[EffectLink]) -> list[EffectLink]:
    """The strongest route to each target, carrying the others; ordered by mechanism, then along the
    paths (a kinetic chain's foot before its knee, hip and back), then by strength."""
    by_target: dict[str, list[EffectLink]] = {}
    for route in sorted(routes, key=lambda k: (-k.strength, len(k.path), k.path)):
        by_target.setdefault(route.target, []).append(route)
    best = [replace(found[0], routes=tuple(r.path for r in found[1:])) for found in by_target.values()]
    return sorted(best, key=lambda k: (MECHANISMS.index(k.mechanism), len(k.path), -k.strength, k.path))


def covered_regions(knowledge: Knowledge, territories: Iterable[str]) -> list[str]:
    """Regions (labels) where one of these skin strips or nerve fields lies: the region's usual and
    overlapping dermatomes and its nerve fields (content/territories.yaml, checked against the skin
    labels by tests/clinical/test_reverse_view.py)."""
    out: list[str] = []
    regions = [t for t in knowledge.territories.values() if t.kind == "region"]
    for territory_id in territories:
        territory = knowledge.territories.get(territory_id)
        if territory is None:
            continue
        for region in regions:
            usual = (*region.dermatomes, *region.alternates) if territory.kind == "dermatome" else region.fields
            if territory.label in usual and region.label not in out:
                out.append(region.label)
    return out


def _step(link: Link, start: tuple[str, ...], strength: float, evidence: str) -> EffectLink:
    return EffectLink(
        source=link.source,
        target=link.target,
        mechanism=link.mechanism,
        strength=strength * link.strength,
        evidence=weakest((evidence, link.evidence)),
        note=link.note,
        references=link.references,
        path=(*start, *link.via, link.target),
    )
