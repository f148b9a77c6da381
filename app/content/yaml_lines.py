"""YAML that remembers where things are: mappings and lists carry the line of each key and item.

Content errors name a file and a line (STYLE.md habit 8); the line comes from the YAML node marks.
"""

from __future__ import annotations

import re
from collections.abc import Collection
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


MAX_DEPTH = 50  # content nests four or five levels; Python's stack ends a few hundred down


class _LineLoader(_Base):  # type: ignore[valid-type,misc]
    depth = 0

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Anchors and aliases are refused (content needs none, and aliases of aliases make a small
        file stand for billions of entries), and so is nesting deeper than `MAX_DEPTH`."""
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "an alias (*name) is not allowed in content; write the entry out", node.start_mark
            )
        if self.depth >= MAX_DEPTH:
            raise yaml.constructor.ConstructorError(
                None, None, f"nested more than {MAX_DEPTH} levels deep; content needs a few", node.start_mark
            )
        self.depth += 1
        try:
            return super().construct_object(node, deep)
        finally:
            self.depth -= 1


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict)):  # `? [a, b]` is valid YAML, but no key of ours
            raise yaml.constructor.ConstructorError(
                None, None, "a key should be a word, not a list or a mapping", key_node.start_mark
            )
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


_TOP_KEY = re.compile(r"^([^\s#?-][^#]*?:(\s|$)|\?(\s|$))")  # `key:` (or `? key`) in column 0
_STRAY = re.compile(r"^([^\s#-]|-\S)")  # any other line in column 0 but a comment or a `- ` item
_ITEM = re.compile(r"^(\s*)-(\s|$)")


@dataclass(frozen=True)
class BrokenPiece:
    """A piece of a broken YAML file that could not be read even on its own."""

    line: int  # where the YAML error is
    problem: str
    text: str  # the piece, to find its id for the report


def load_yaml_pieces(text: str, keyed: Collection[str] = ()) -> tuple[Any, list[BrokenPiece]]:
    """`load_yaml`, and when the whole file does not parse, the file piece by piece: each top-level
    key on its own and, inside a top-level list (or the mapping of a `keyed` key: one entry per
    key), each item on its own. A broken entry then costs itself, not the file. Raises
    yaml.YAMLError only when no top-level key is found at all."""
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
            part = _by_items(lines, start, end, piece_error, broken, keyed)
            stray = next((i for i in range(start + 1, end) if _STRAY.match(lines[i])), None)
            if part is None and stray is not None:  # `key:` then a line that lost its colon: keep the key
                try:
                    part = load_yaml("\n" * start + "".join(lines[start:stray]))
                    broken[-1] = BrokenPiece(stray + 1, broken[-1].problem, "".join(lines[stray:end]))
                except yaml.YAMLError:
                    pass
        if isinstance(part, LineDict):
            out.update(part)
            out.key_lines.update(part.key_lines)
    if not broken:  # every piece reads alone: the fault is between them, still worth a line
        broken.append(BrokenPiece(*yaml_error_line(error), ""))
    return out, broken


def _by_items(
    lines: list[str], start: int, end: int, error: yaml.YAMLError, broken: list[BrokenPiece], keyed: Collection[str]
) -> LineDict | None:
    """`key:` and its list (or mapping, when `keyed`), each item read alone; None (and `error`
    reported) when the piece is not such a list or mapping."""
    inner = [i for i in range(start + 1, end) if lines[i].strip() and not lines[i].lstrip().startswith("#")]
    indent = min((n for i in inner if (n := len(lines[i]) - len(lines[i].lstrip(" ")))), default=0)  # stray lines
    # in column 0 do not count: each goes with the item before it
    try:
        top = load_yaml("\n" * start + lines[start])
    except yaml.YAMLError:
        top = None
    if indent == 0 or not isinstance(top, LineDict) or len(top) != 1 or next(iter(top.values())) is not None:
        broken.append(BrokenPiece(*yaml_error_line(error), "".join(lines[start:end])))
        return None
    starts = [i for i in inner if len(lines[i]) - len(lines[i].lstrip(" ")) == indent]
    if inner[0] < starts[0]:  # a stray line before the first item
        broken.append(BrokenPiece(inner[0] + 1, "broken YAML: expected an indented item here", lines[inner[0]]))
    is_list = bool(_ITEM.match(lines[starts[0]]))
    if not is_list and next(iter(top)) not in keyed:  # the fields of one entry: it goes as a whole
        broken.append(BrokenPiece(*yaml_error_line(error), "".join(lines[start:end])))
        return None
    entries: LineDict | LineList = LineList() if is_list else LineDict()
    entries.line = starts[0] + 1
    if isinstance(entries, LineList):
        entries.item_lines = []
    else:
        entries.key_lines = {}
    for first, last in zip(starts, [*starts[1:], end], strict=False):
        piece = "".join(lines[first:last])
        try:
            parsed = load_yaml("\n" * first + piece)
        except yaml.YAMLError as item_error:
            broken.append(BrokenPiece(*yaml_error_line(item_error), piece))
            continue
        if isinstance(entries, LineList) and isinstance(parsed, LineList):
            entries.extend(parsed)
            entries.item_lines.extend(parsed.item_lines)
        elif isinstance(entries, LineDict) and isinstance(parsed, LineDict):
            entries.update(parsed)
            entries.key_lines.update(parsed.key_lines)
        else:
            broken.append(
                BrokenPiece(first + 1, f"expected {'a list item' if is_list else 'a key: value'} here", piece)
            )
    key = next(iter(top))
    top[key] = entries
    return top
