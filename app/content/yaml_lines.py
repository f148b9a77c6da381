"""YAML that remembers where things are: mappings and lists carry the line of each key and item.

Content errors name a file and a line (STYLE.md habit 8); the line comes from the YAML node marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping with the 1-based line of itself and of each key."""

    line: int = 1
    key_lines: dict[Any, int]


class LineList(list):  # type: ignore[type-arg]
    """A list with the 1-based line of itself and of each item."""

    line: int = 1
    item_lines: list[int]


# libyaml's parser when present (about ten times faster); both give the same node marks
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):  # type: ignore[valid-type,misc]
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(text: str) -> Any:
    """Parse YAML; mappings become `LineDict`, lists `LineList` (raises yaml.YAMLError)."""
    return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass


def yaml_error_line(error: yaml.YAMLError) -> tuple[int, str]:
    """(1-based line, message) of a YAML syntax error."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return (mark.line + 1 if mark is not None else 1), f"broken YAML: {problem}"


def line_of(data: Any, loc: tuple[Any, ...], default: int = 1) -> int:
    """The line of the deepest node a pydantic error location (`('variants', 0, 'source')`) reaches."""
    line = getattr(data, "line", default)
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            line = node.key_lines.get(part, line)
            node = node[part]
        elif isinstance(node, LineDict) and part in getattr(node, "key_lines", {}):
            line = node.key_lines[part]
            break
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.item_lines[part]
            node = node[part]
        else:
            break
    return line


_TOP_KEY = re.compile(r"^[A-Za-z0-9_][\w-]*\s*:")
_ITEM = re.compile(r"^(\s*)-(\s|$)")


@dataclass(frozen=True)
class BrokenPiece:
    """A piece of a broken YAML file that could not be read even on its own."""

    line: int  # where the YAML error is
    problem: str
    text: str  # the piece, to find its id for the report


def load_yaml_pieces(text: str) -> tuple[Any, list[BrokenPiece]]:
    """`load_yaml`, and when the whole file does not parse, the file piece by piece: each top-level
    key on its own and, inside a top-level list, each item on its own. A broken entry then costs
    itself, not the file. Raises yaml.YAMLError only when no top-level key is found at all."""
    try:
        return load_yaml(text), []
    except yaml.YAMLError as whole_error:
        error = whole_error
        lines = text.splitlines(keepends=True)
        starts = [i for i, line in enumerate(lines) if _TOP_KEY.match(line)]
        if not starts:
            raise
    out = LineDict()
    out.key_lines = {}
    broken: list[BrokenPiece] = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=False):
        try:
            part = load_yaml("\n" * start + "".join(lines[start:end]))  # padded: marks keep their lines
        except yaml.YAMLError as piece_error:
            part = _list_by_items(lines, start, end, piece_error, broken)
        if isinstance(part, LineDict):
            out.update(part)
            out.key_lines.update(part.key_lines)
    if not broken:  # every piece reads alone: the fault is between them, still worth a line
        broken.append(BrokenPiece(*yaml_error_line(error), ""))
    return out, broken


def _list_by_items(
    lines: list[str], start: int, end: int, error: yaml.YAMLError, broken: list[BrokenPiece]
) -> LineDict | None:
    """`key:` and its list, each item read alone; None (and `error` reported) when the piece is not
    such a list."""
    items = [i for i in range(start + 1, end) if _ITEM.match(lines[i])]
    indent = min((len(_ITEM.match(lines[i]).group(1)) for i in items), default=None)  # type: ignore[union-attr]
    try:
        top = load_yaml("\n" * start + lines[start])
    except yaml.YAMLError:
        top = None
    if indent is None or not isinstance(top, LineDict) or len(top) != 1 or next(iter(top.values())) is not None:
        broken.append(BrokenPiece(*yaml_error_line(error), "".join(lines[start:end])))
        return None
    starts = [i for i in items if len(_ITEM.match(lines[i]).group(1)) == indent]  # type: ignore[union-attr]
    entries = LineList()
    entries.line, entries.item_lines = starts[0] + 1, []
    for first, last in zip(starts, [*starts[1:], end], strict=False):
        piece = "".join(lines[first:last])
        try:
            parsed = load_yaml("\n" * first + piece)
        except yaml.YAMLError as item_error:
            broken.append(BrokenPiece(*yaml_error_line(item_error), piece))
            continue
        if isinstance(parsed, LineList):
            entries.extend(parsed)
            entries.item_lines.extend(parsed.item_lines)
    key = next(iter(top))
    top[key] = entries
    return top
