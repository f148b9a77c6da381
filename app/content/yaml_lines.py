"""YAML that remembers where things are: mappings and lists carry the line of each key and item.

Content errors name a file and a line (STYLE.md habit 8); the line comes from the YAML node marks.
"""

from __future__ import annotations

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
