"""Reading content YAML entry by entry: each file is checked against its schema; a file that cannot
be read is left out, and a bad entry (broken YAML included) is left out on its own, reported with
its file and line (`LeftOut`). Ids across files are checked by `app.content.data.build`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from app.content.files import MAX_DATA_BYTES, read_text
from app.content.issues import ContentIssue
from app.content.left_out import LeftOut, entry_name, piece_name
from app.content.schema import (
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

DATA_FILES = ("structures.yaml", "territories.yaml", "conditions.yaml", "links.yaml", "questions.yaml")
STRUCTURES, TERRITORIES, CONDITIONS, LINKS, QUESTIONS = DATA_FILES
PLACES = (STRUCTURES, TERRITORIES, CONDITIONS)  # where a link's ends can be defined
REFERENCES = "references"  # any file of references/ left out whole
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
    key: Any = None  # the entry's name where its file gives it outside the entry (a reference's id)

    def line(self, *loc: Any) -> int:
        return line_of(self.raw, loc)


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


def read_file(
    path: Path, file_model: type[BaseModel], left_out: LeftOut, issues: list[ContentIssue]
) -> LineDict | None:
    """A data file (`schema: 1` and lists of entries) whose top level fits `file_model`; None when
    it cannot be used (reported)."""
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
        except ValidationError as error:
            loc, problem = describe(error)
            line = line_of(data, loc[:1])
            issues.append(ContentIssue(file, line, problem))
            if error.errors()[0]["type"] != "extra_forbidden" or len(loc) != 1 or loc[0] not in data:
                return None
            kept = LineDict((key, value) for key, value in data.items() if key != loc[0])
            kept.line, kept.key_lines = data.line, data.key_lines
            data = kept
        else:
            return data


SUB_ENTRIES = ("variants", "weights")  # lists of entries inside an entry: a bad one costs only itself


def listed(data: LineDict, key: str) -> list[tuple[None, Any, int]]:
    """The entries of a list in a data file, for `checked_entries` (their ids are inside them)."""
    items: LineList = data[key]
    return [(None, raw, line) for raw, line in zip(items, items.item_lines, strict=True)]


def checked_entries(
    items: Iterable[tuple[Any, Any, int]],
    model: type[Model],
    file: str,
    left_out: LeftOut,
    issues: list[ContentIssue],
    seen: set[Any] | None = None,
    what: str = "",
) -> list[Located]:
    """The entries that pass `model`, each once: `items` are (key, raw entry, line), the key being
    the entry's name where the file gives it outside the entry (`what` names it: "reference "), else
    None and the name is the entry's `id`. A bad entry or an id `seen` before is reported and left out."""
    seen = set() if seen is None else seen
    out: list[Located] = []
    for key, raw, line in items:
        if key is not None and key in seen:
            issues.append(ContentIssue(file, line, f"{what}id {key!r} is defined twice"))
            continue
        valid = _validate(model, raw, file, line, left_out, issues, key, what)
        if valid is None:
            continue
        entry, checked = valid
        name = key if key is not None else getattr(entry, "id", None)
        if name is not None:
            if name in seen:
                issues.append(ContentIssue(file, line, f"{what}id {name!r} is defined twice"))
                continue
            seen.add(name)
        out.append(Located(entry, file, checked, key))
    return out


def _validate(
    model: type[Model],
    raw: Any,
    file: str,
    line: int,
    left_out: LeftOut,
    issues: list[ContentIssue],
    key: Any = None,
    what: str = "",
) -> tuple[Model, Any] | None:
    """(the entry, the raw data it was read from), or None when it is left out. A bad variant
    or weight is reported and left out on its own while the rest of its entry still counts."""
    while True:
        try:
            entry = model.model_validate(raw)
        except ValidationError as error:
            loc, problem = describe(error)
            issue = ContentIssue(file, line_of(raw, loc, line), problem if key is None else f"{what}{key!r}: {problem}")
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
            left_out.leave_out(entry_name(raw) if key is None else str(key), issue)
            return None
        else:
            return entry, raw


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
        return checked_entries(listed(d, key), model, f, left_out, issues)

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
        data = read_file(path, file_model, left_out, issues)
        if data is None:
            left_out.leave_out_file(name, issues[-1])
        else:
            collect(data, str(path))
    return out
