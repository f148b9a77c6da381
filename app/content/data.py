"""Validated content entries → domain objects, checking that every id they name resolves across
the files (structures, territories, conditions, links, questions). What names a left-out entry is
listed once beside it (`LeftOut`), not once per mention.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, get_args

from app.content.entries import (
    CONDITIONS,
    LINKS,
    PLACES,
    QUESTIONS,
    REFERENCES,
    STRUCTURES,
    TERRITORIES,
    DataSet,
    Located,
)
from app.content.issues import ContentIssue
from app.content.left_out import LeftOut, entry_name, link_name
from app.content.schema import (
    Category,
    ConditionEntry,
    LinkEntry,
    QuestionEntry,
    RedFlagEntry,
    StructureEntry,
    TerritoryEntry,
)
from app.domain.records import Condition, Feature, Link, RedFlag, Structure, Territory, Variant, Weight


@dataclass
class Built:
    structures: dict[str, Structure]
    territories: dict[str, Territory]
    conditions: dict[str, Condition]
    links: tuple[Link, ...]
    features: dict[str, Feature]
    triggers: dict[str, Feature]
    checks: dict[str, Feature]
    red_flags: dict[str, RedFlag]
    located: dict[str, Located]  # any id -> where it is defined


def _reported(issues: list[ContentIssue], issue: ContentIssue) -> ContentIssue:
    issues.append(issue)
    return issue


def _who(item: Located) -> str:
    return entry_name(item.raw) or f"the entry at line {item.line()}"


def build(data: DataSet, references: set[str], cards: set[str], left_out: LeftOut, issues: list[ContentIssue]) -> Built:
    """Turn validated entries into domain objects, checking that every id they name resolves.

    A name that does not resolve is reported where it is used, unless what it names was left out:
    then it is listed once beside that (`LeftOut.report`)."""
    located: dict[str, Located] = {}

    def unresolved(
        item: Located, name: str, files: tuple[str, ...], loc: tuple[Any, ...], problem: str, who: str | None = None
    ) -> ContentIssue:
        issue = ContentIssue(item.file, item.line(*loc), problem)
        return left_out.unresolved(issues, name, files, who or _who(item), issue)

    def unknown_refs(item: Located, refs: Iterable[str], *loc: Any) -> None:
        for index, ref in enumerate(refs):
            if ref not in references:
                unresolved(item, ref, (REFERENCES,), (*loc, index), f"unknown reference {ref!r}")

    structures: dict[str, Structure] = {}
    for item in data.structures:
        e: StructureEntry = item.entry
        unknown_refs(item, e.references, "references")
        structures[e.id] = Structure(
            id=e.id,
            kind=e.kind,
            title=e.title,
            parent=e.parent,
            roots=tuple(e.roots),
            cutaneous=e.cutaneous,
            sided=e.sided,
            note=e.note,
            references=tuple(e.references),
        )
        located[e.id] = item
    for item in data.structures:
        e = item.entry
        if e.parent is not None and e.parent not in structures:
            unresolved(item, e.parent, (STRUCTURES,), ("parent",), f"unknown parent {e.parent!r}")
        for index, root in enumerate(e.roots):
            if structures.get(root) is None or structures[root].kind != "root":
                unresolved(item, root, (STRUCTURES,), ("roots", index), f"unknown root {root!r}")

    territories: dict[str, Territory] = {}
    for item in data.territories:
        t: TerritoryEntry = item.entry
        unknown_refs(item, t.references, "references")
        kind, label = t.id.split("_", 1)
        for index, root in enumerate(t.roots):
            if root not in structures:
                unresolved(item, root, (STRUCTURES,), ("roots", index), f"unknown root {root!r}")
        if t.nerve is not None and t.nerve not in structures:
            unresolved(item, t.nerve, (STRUCTURES,), ("nerve",), f"{t.nerve!r} is not a known cutaneous nerve")
        elif t.nerve is not None and not structures[t.nerve].cutaneous:
            issues.append(ContentIssue(item.file, item.line("nerve"), f"{t.nerve!r} is not a known cutaneous nerve"))
        if kind == "field" and t.nerve != label:
            issues.append(ContentIssue(item.file, item.line("id"), f"field id should be field_{t.nerve}"))
        territories[t.id] = Territory(
            id=t.id,
            kind=kind,
            label=label,
            title=t.title,
            roots=tuple(t.roots),
            nerve=t.nerve,
            dermatomes=tuple(t.dermatomes),
            alternates=tuple(t.alternates),
            fields=tuple(t.fields),
            below_knee=t.below_knee,
            ask_first=tuple(t.ask_first),
            note=t.note,
            references=tuple(t.references),
        )
        located[t.id] = item
    for item in data.territories:
        t = item.entry
        for key in ("dermatomes", "alternates"):
            for index, label in enumerate(getattr(t, key)):
                if f"dermatome_{label}" not in territories:
                    unresolved(item, f"dermatome_{label}", (TERRITORIES,), (key, index), f"unknown dermatome {label!r}")
        for index, nerve in enumerate(t.fields):
            if f"field_{nerve}" not in territories:
                unresolved(item, f"field_{nerve}", (TERRITORIES,), ("fields", index), f"unknown nerve field {nerve!r}")

    conditions: dict[str, Condition] = {}
    variant_ids: set[str] = set()
    for item in data.conditions:
        c: ConditionEntry = item.entry
        unknown_refs(item, c.references, "references")
        if c.card not in cards:
            issues.append(ContentIssue(item.file, item.line("card"), f"card {c.card!r} does not exist (yet)"))
        for index, card_id in enumerate(c.differentiators):
            if card_id not in cards:
                issues.append(
                    ContentIssue(
                        item.file, item.line("differentiators", index), f"card {card_id!r} does not exist (yet)"
                    )
                )
        variants: list[Variant] = []
        first_cause: ContentIssue | None = None
        for vi, v in enumerate(c.variants):
            unknown_refs(item, v.references, "variants", vi, "references")
            problems: list[tuple[tuple[Any, ...], str, str | None]] = []  # (where, problem, the name)
            if v.id in variant_ids or (v.id != c.id and v.id in located):
                problems.append((("id",), f"variant id {v.id!r} is not unique", None))
            if v.source not in structures:
                problems.append((("source",), f"unknown source structure {v.source!r}", v.source))
            for ai, target in enumerate(v.acts_on):
                want = "root" if v.mechanism == "radicular" else "nerve"
                if target not in structures:
                    problems.append((("acts_on", ai), f"{target!r} is not a known {want}", target))
                elif structures[target].kind != want:
                    problems.append((("acts_on", ai), f"{target!r} is not a known {want}", None))
            if v.card is not None and v.card not in cards:
                problems.append((("card",), f"card {v.card!r} does not exist (yet)", None))
            for bi, branch in enumerate(v.branches):
                if branch not in structures:
                    problems.append((("branches", bi), f"unknown branch {branch!r}", branch))
            causes = [
                unresolved(item, name, (STRUCTURES,), ("variants", vi, *where), text, who=v.id)
                if name is not None
                else _reported(issues, ContentIssue(item.file, item.line("variants", vi, *where), text))
                for where, text, name in problems
            ]
            if causes:
                left_out.leave_out(v.id, causes[0])
                first_cause = first_cause or causes[0]
                continue
            variant_ids.add(v.id)
            variants.append(
                Variant(
                    id=v.id,
                    title=v.title,
                    condition=c.id,
                    source=v.source,
                    mechanism=v.mechanism,
                    acts_on=tuple(v.acts_on),
                    branches=tuple(v.branches),
                    prior=v.prior,
                    bilateral=v.bilateral,
                    card=v.card,
                    urgency=v.urgency or c.urgency,
                    note=v.note,
                    references=tuple(v.references) or tuple(c.references),
                )
            )
        if not variants:
            if first_cause is not None:
                left_out.leave_out(c.id, first_cause)
            continue
        conditions[c.id] = Condition(
            id=c.id,
            title=c.title,
            category=c.category,
            card=c.card,
            evidence=c.evidence,
            who_can_help=tuple(c.who_can_help),
            urgency=c.urgency,
            variants=tuple(variants),
            differentiators=tuple(c.differentiators),
            note=c.note,
            references=tuple(c.references),
        )
        located[c.id] = item

    def known(any_id: str) -> bool:
        return any_id in structures or any_id in territories or any_id in conditions

    links: list[Link] = []
    seen_links: set[tuple[str, str]] = set()
    for item in data.links:
        k: LinkEntry = item.entry
        unknown_refs(item, k.references, "references")
        bad: list[tuple[tuple[str | int, ...], str, tuple[str, ...]]]
        bad = [(("source",), value, PLACES) for value in (k.source,) if not known(value)]
        bad += [(("target",), value, PLACES) for value in (k.target,) if not known(value)]
        bad += [(("via", i), value, (STRUCTURES,)) for i, value in enumerate(k.via) if value not in structures]
        causes = [unresolved(item, value, files, loc, f"unknown id {value!r}") for loc, value, files in bad]
        for i, field_id in enumerate(k.not_where):
            if not field_id.startswith("field_") or field_id not in territories:
                unresolved(
                    item,
                    field_id,
                    (TERRITORIES,),
                    ("not_where", i),
                    f"not_where: {field_id!r} is not a skin nerve field",
                )
        if (k.source, k.target) in seen_links:
            issues.append(ContentIssue(item.file, item.line(), f"link {k.source} → {k.target} is defined twice"))
            continue
        if causes:
            left_out.leave_out(link_name(k.source, k.target), causes[0])
            continue
        seen_links.add((k.source, k.target))
        links.append(
            Link(
                source=k.source,
                target=k.target,
                mechanism=k.mechanism,
                strength=k.strength,
                evidence=k.evidence,
                note=k.note,
                references=tuple(k.references),
                via=tuple(k.via),
                not_where=tuple(k.not_where),
            )
        )

    # a radicular or entrapment variant acts through a link from its source
    for item in data.conditions:
        c = item.entry
        for vi, v in enumerate(c.variants):
            if c.id in conditions and v.id in variant_ids:
                for ai, target in enumerate(v.acts_on):
                    if (v.source, target) not in seen_links:
                        unresolved(
                            item,
                            link_name(v.source, target),
                            (LINKS,),
                            ("variants", vi, "acts_on", ai),
                            f"no link {v.source} → {target} in links.yaml",
                            who=v.id,
                        )

    answer_tables: dict[str, dict[str, Feature]] = {"features": {}, "triggers": {}, "checks": {}}
    red_flags: dict[str, RedFlag] = {}
    all_ids = set(structures) | set(conditions) | variant_ids
    for kind, items in data.questions.items():
        for item in items:
            if kind == "red_flags":
                r: RedFlagEntry = item.entry
                unknown_refs(item, r.references, "references")
                if r.card not in cards:
                    issues.append(ContentIssue(item.file, item.line("card"), f"card {r.card!r} does not exist (yet)"))
                if r.source not in structures:
                    unresolved(item, r.source, (STRUCTURES,), ("source",), f"unknown source structure {r.source!r}")
                red_flags[r.id] = RedFlag(
                    id=r.id,
                    label=r.label,
                    card=r.card,
                    source=r.source,
                    title=r.title,
                    reason=r.reason,
                    urgency=r.urgency,
                    felt_as=tuple(r.felt_as),
                    references=tuple(r.references),
                )
                located[r.id] = item
                continue
            q: QuestionEntry = item.entry
            unknown_refs(item, q.references, "references")
            weights: list[Weight] = []
            for wi, w in enumerate(q.weights):
                prefix, target = w.target.split(":", 1)
                ok = {
                    "mechanism": target in ("radicular", "entrapment", "referred", "biomechanical"),
                    "category": target
                    in get_args(Category),  # not only the loaded ones: a left-out condition is not a typo
                    "condition": target in conditions,
                    "variant": target in variant_ids,
                    "source": target in all_ids,
                    "root": target in structures and structures[target].kind == "root",
                    "nerve": target in structures and structures[target].kind == "nerve",
                }[prefix]
                if not ok:
                    files = {
                        "condition": (CONDITIONS,),
                        "variant": (CONDITIONS,),
                        "source": (STRUCTURES, CONDITIONS),
                        "root": (STRUCTURES,),
                        "nerve": (STRUCTURES,),
                    }.get(prefix, ())
                    message = f"unknown target {w.target!r}"
                    if files and target not in structures:
                        unresolved(item, target, files, ("weights", wi, "target"), message)
                    else:
                        issues.append(ContentIssue(item.file, item.line("weights", wi, "target"), message))
                    continue
                weights.append(Weight(w.target, w.factor, w.reason))
            answer_tables[kind][q.id] = Feature(
                id=q.id,
                kind=kind.removesuffix("s"),
                label=q.label,
                weights=tuple(weights),
                spine_typical=q.spine_typical,
                urgency=q.urgency,
                note=q.note,
                references=tuple(q.references),
            )
            located[q.id] = item

    for territory in territories.values():
        for index, flag_id in enumerate(territory.ask_first):
            if flag_id not in red_flags:
                unresolved(
                    located[territory.id], flag_id, (QUESTIONS,), ("ask_first", index), f"unknown red flag {flag_id!r}"
                )
    for flag in red_flags.values():
        for index, feature_id in enumerate(flag.felt_as):
            if feature_id not in answer_tables["features"]:
                item = located[flag.id]
                issues.append(ContentIssue(item.file, item.line("felt_as", index), f"unknown feature {feature_id!r}"))

    return Built(
        structures=structures,
        territories=territories,
        conditions=conditions,
        links=tuple(links),
        features=answer_tables["features"],
        triggers=answer_tables["triggers"],
        checks=answer_tables["checks"],
        red_flags=red_flags,
        located=located,
    )
