"""content/*.yaml (structures, territories, conditions, links, questions) → domain objects.

Each file is checked against its schema; a file that cannot be read is left out, a bad entry (broken
YAML included) is left out on its own, and every problem is reported with its file and line. What
names a left-out entry is listed once beside it (`LeftOut`), not once per mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError

from app.content.files import MAX_DATA_BYTES, read_text
from app.content.issues import ContentIssue
from app.content.schema import (
    Category,
    ConditionEntry,
    ConditionsFile,
    LinkEntry,
    LinksFile,
    QuestionEntry,
    QuestionsFile,
    RedFlagEntry,
    StructureEntry,
    StructuresFile,
    TerritoriesFile,
    TerritoryEntry,
)
from app.content.yaml_lines import BrokenPiece, LineDict, LineList, line_of, load_yaml_pieces, yaml_error_line
from app.domain.records import Condition, Feature, Link, RedFlag, Structure, Territory, Variant, Weight

DATA_FILES = ("structures.yaml", "territories.yaml", "conditions.yaml", "links.yaml", "questions.yaml")
Model = TypeVar("Model", bound=BaseModel)


def describe(error: ValidationError) -> tuple[tuple[Any, ...], str]:
    """(location, plain message) of the first problem pydantic found."""
    first = error.errors()[0]
    loc = tuple(first["loc"])
    if first["type"] == "extra_forbidden":
        return loc, f"unknown field {loc[-1]!r}"
    if first["type"] == "missing":
        return loc, f"missing field {loc[-1]!r}"
    where = ".".join(str(part) for part in loc)
    message = str(first["msg"]).removeprefix("Value error, ")
    return loc, f"{where}: {message}" if where else message


@dataclass
class Located:
    """A validated entry and where it came from (for cross-check messages)."""

    entry: Any
    file: str
    raw: Any

    def line(self, *loc: Any) -> int:
        return line_of(self.raw, loc)


MAX_LISTED = 20  # names listed beside a left-out entry (a whole file can take hundreds with it)


@dataclass
class LeftOut:
    """Entries left out (by name) and files left out whole, with what names them.

    A left-out entry is reported once, where it is; whatever names it is then listed once, by
    name, beside it, instead of one "unknown id" line per mention."""

    entries: dict[str, ContentIssue] = field(default_factory=dict)  # name -> the problem that left it out
    files: dict[str, ContentIssue] = field(default_factory=dict)  # data file (or "references") -> why
    named_by: dict[str, list[str]] = field(default_factory=dict)  # entry name or file -> who names it
    owners: dict[ContentIssue, str] = field(default_factory=dict)  # a problem -> what it left out first

    def leave_out(self, name: str | None, why: ContentIssue) -> None:
        """`name` is left out because of `why` (its own problem, or that of something it needs)."""
        if name is not None:
            self.entries.setdefault(name, why)
            self.owners.setdefault(why, name)

    def leave_out_file(self, name: str, why: ContentIssue) -> None:
        if name not in self.files:
            self.files[name] = why
            self.owners.setdefault(why, name)

    def unresolved(
        self, issues: list[ContentIssue], name: str, files: tuple[str, ...], who: str, issue: ContentIssue
    ) -> ContentIssue:
        """`who` names `name`, which does not resolve: `issue` is reported, unless `name` was left
        out (itself, or with one of `files` whole), then `who` joins the list of what names it.
        Returns the problem at the root."""
        key = name if name in self.entries else next((f for f in files if f in self.files), None)
        if key is None:
            issues.append(issue)
            return issue
        names = self.named_by.setdefault(key, [])
        if who not in names:
            names.append(who)
        return self.entries.get(key) or self.files[key]

    def report(self, issues: list[ContentIssue]) -> None:
        """One line per problem that left something out: what it left out, then everything that
        names that, directly or through something else it left out (a variant whose source is gone)."""
        by_cause: dict[ContentIssue, list[str]] = {}
        for key, names in self.named_by.items():
            merged = by_cause.setdefault(self.entries.get(key) or self.files[key], [])
            merged += [name for name in names if name not in merged]
        for why, names in by_cause.items():
            owner = self.owners[why]
            what = owner if owner in self.entries else f"{owner} (whole file)"
            count = f"{len(names)} entr{'y' if len(names) == 1 else 'ies'}"
            listed = ", ".join(names[:MAX_LISTED])
            if len(names) > MAX_LISTED:
                listed += f" and {len(names) - MAX_LISTED} more"
            issues.append(
                ContentIssue(why.file, why.line, f"{what} is left out, so {count} naming it go without it: {listed}")
            )


def entry_name(raw: Any) -> str | None:
    """The id of a raw entry (or `link a → b`), even of one that failed its checks."""
    if isinstance(raw, dict):
        if isinstance(raw.get("id"), str):
            return str(raw["id"])
        if isinstance(raw.get("source"), str) and isinstance(raw.get("target"), str):
            return link_name(raw["source"], raw["target"])
    return None


def link_name(source: str, target: str) -> str:
    return f"link {source} → {target}"


_PIECE_ID = re.compile(r"\bid:\s*[\"']?([A-Za-z0-9_]+)")
_PIECE_END = re.compile(r"\b(source|target):\s*[\"']?([A-Za-z0-9_]+)")


def piece_name(piece: BrokenPiece) -> str | None:
    """The id of an entry whose YAML is broken, when it can still be seen in its text."""
    found = _PIECE_ID.search(piece.text)
    if found:
        return found.group(1)
    ends = dict(_PIECE_END.findall(piece.text))
    return link_name(ends["source"], ends["target"]) if {"source", "target"} <= ends.keys() else None


@dataclass
class DataSet:
    structures: list[Located] = field(default_factory=list)
    territories: list[Located] = field(default_factory=list)
    conditions: list[Located] = field(default_factory=list)
    links: list[Located] = field(default_factory=list)
    questions: dict[str, list[Located]] = field(default_factory=dict)


def read_yaml(
    path: Path,
    what: str,
    left_out: LeftOut,
    issues: list[ContentIssue],
    name: Callable[[BrokenPiece], str | None] = piece_name,
    keyed: Collection[str] = (),
) -> Any:
    """A content YAML file, read entry by entry when its YAML is broken (`yaml_lines.load_yaml_pieces`);
    None when it cannot be read."""
    text = read_text(path, MAX_DATA_BYTES, what)
    if isinstance(text, ContentIssue):
        issues.append(text)
        return None
    try:
        data, broken = load_yaml_pieces(text, keyed)
    except yaml.YAMLError as error:
        issues.append(ContentIssue(str(path), *yaml_error_line(error)))
        return None
    for piece in broken:
        issue = ContentIssue(str(path), piece.line, piece.problem)
        issues.append(issue)
        left_out.leave_out(name(piece), issue)
    return data


def _read(path: Path, file_model: type[BaseModel], left_out: LeftOut, issues: list[ContentIssue]) -> LineDict | None:
    file = str(path)
    data = read_yaml(path, "'schema: 1' and its entries", left_out, issues)
    if data is None:
        return None
    if not isinstance(data, LineDict):
        issues.append(ContentIssue(file, 1, "expected a mapping with 'schema: 1' and the entries"))
        return None
    return check_file(data, file_model, file, issues)


def check_file(data: LineDict, file_model: type[BaseModel], file: str, issues: list[ContentIssue]) -> LineDict | None:
    """`data` when its top level fits `file_model`, an unknown top-level key reported and dropped
    (it costs itself, not the file); None (reported) when the top level is wrong otherwise."""
    while True:
        try:
            file_model.model_validate(data)
            return data
        except ValidationError as error:
            loc, problem = describe(error)
            line = line_of(data, loc[:1])
            issues.append(ContentIssue(file, line, problem))
            if error.errors()[0]["type"] != "extra_forbidden" or len(loc) != 1 or loc[0] not in data:
                return None
            kept = LineDict((key, value) for key, value in data.items() if key != loc[0])
            kept.line, kept.key_lines = data.line, data.key_lines
            data = kept


SUB_ENTRIES = ("variants", "weights")  # lists of entries inside an entry: a bad one costs only itself


def _entries(
    data: LineDict, key: str, model: type[Model], file: str, left_out: LeftOut, issues: list[ContentIssue]
) -> list[Located]:
    items: LineList = data[key]
    out: list[Located] = []
    seen: set[str] = set()
    for index, raw in enumerate(items):
        valid = _validate(model, raw, file, items.item_lines[index], left_out, issues)
        if valid is None:
            continue
        entry, checked = valid
        entry_id = getattr(entry, "id", None)
        if entry_id is not None:
            if entry_id in seen:
                issues.append(ContentIssue(file, items.item_lines[index], f"id {entry_id!r} is defined twice"))
                continue
            seen.add(entry_id)
        out.append(Located(entry, file, checked))
    return out


def _validate(
    model: type[Model], raw: Any, file: str, line: int, left_out: LeftOut, issues: list[ContentIssue]
) -> tuple[Model, Any] | None:
    """(the entry, the raw data it was read from), or None when it is left out. A bad variant
    or weight is reported and left out on its own while the rest of its entry still counts."""
    while True:
        try:
            return model.model_validate(raw), raw
        except ValidationError as error:
            loc, problem = describe(error)
            issue = ContentIssue(file, line_of(raw, loc, line), problem)
            issues.append(issue)
            if (
                len(loc) >= 2
                and loc[0] in SUB_ENTRIES
                and isinstance(loc[1], int)
                and isinstance(raw, LineDict)
                and isinstance(raw.get(loc[0]), LineList)
                and len(raw[loc[0]]) > 1
            ):
                left_out.leave_out(entry_name(raw[loc[0]][loc[1]]), issue)
                raw = _without(raw, loc[0], loc[1])
                continue
            left_out.leave_out(entry_name(raw), issue)
            return None


def _without(raw: LineDict, key: str, index: int) -> LineDict:
    """A copy of `raw` without item `index` of its list `key`, lines kept."""
    items: LineList = raw[key]
    kept = LineList(item for i, item in enumerate(items) if i != index)
    kept.line, kept.item_lines = items.line, [n for i, n in enumerate(items.item_lines) if i != index]
    out = LineDict(raw)
    out.line, out.key_lines = raw.line, raw.key_lines
    out[key] = kept
    return out


def read_data(content_dir: Path, left_out: LeftOut, issues: list[ContentIssue]) -> DataSet:
    """Read and validate every data file on its own (ids across files are checked by `build`)."""
    out = DataSet()

    def entries(d: LineDict, f: str, key: str, model: type[BaseModel]) -> list[Located]:
        return _entries(d, key, model, f, left_out, issues)

    specs: list[tuple[str, type[BaseModel], Callable[[LineDict, str], None]]] = [
        (
            "structures.yaml",
            StructuresFile,
            lambda d, f: out.structures.extend(entries(d, f, "structures", StructureEntry)),
        ),
        (
            "territories.yaml",
            TerritoriesFile,
            lambda d, f: out.territories.extend(entries(d, f, "territories", TerritoryEntry)),
        ),
        (
            "conditions.yaml",
            ConditionsFile,
            lambda d, f: out.conditions.extend(entries(d, f, "conditions", ConditionEntry)),
        ),
        ("links.yaml", LinksFile, lambda d, f: out.links.extend(entries(d, f, "links", LinkEntry))),
        (
            "questions.yaml",
            QuestionsFile,
            lambda d, f: out.questions.update(
                {
                    kind: entries(d, f, kind, RedFlagEntry if kind == "red_flags" else QuestionEntry)
                    for kind in ("features", "triggers", "checks", "red_flags")
                }
            ),
        ),
    ]
    for name, file_model, collect in specs:
        path = content_dir / name
        data = _read(path, file_model, left_out, issues)
        if data is None:
            left_out.leave_out_file(name, issues[-1])
        else:
            collect(data, str(path))
    return out


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


STRUCTURES, TERRITORIES, CONDITIONS, LINKS, QUESTIONS = DATA_FILES
PLACES = (STRUCTURES, TERRITORIES, CONDITIONS)  # where a link's ends can be defined
REFERENCES = "references"  # any file of references/ left out whole


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
