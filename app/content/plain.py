"""Frozen domain dataclasses ↔ plain JSON data (dicts, lists, strings, numbers), and back with
every field checked against its type hint.

The content cache keeps data this way so that reading it can never run code (a pickle can): the
worst a tampered file can do is fail `from_plain`, which raises `ShapeError`.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
Decoder = Callable[[Any, str], Any]


class ShapeError(ValueError):
    """Plain data that does not have the shape of the type asked for (the message says where)."""


def to_plain(value: Any) -> Any:
    """A dataclass (and what it holds) as JSON-ready data; fields starting with `_` are left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in _fields(type(value))}
    if isinstance(value, (tuple, list)):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def from_plain(kind: type[T], data: Any) -> T:
    """`kind` rebuilt from `to_plain`'s output; raises ShapeError at the first field that does not fit."""
    return _decoder(kind)(data, kind.__name__)  # type: ignore[no-any-return, arg-type]


def _fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    return tuple(f for f in dataclasses.fields(cls) if not f.name.startswith("_"))


def _fail(where: str, expected: str, data: Any) -> typing.NoReturn:
    raise ShapeError(f"{where}: expected {expected}, got {type(data).__name__}")


@cache
def _decoder(kind: Any) -> Decoder:
    """A checking decoder for one type hint, built once per type."""
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if kind is str or kind is bool:
        return lambda data, where: data if type(data) is kind else _fail(where, kind.__name__, data)
    if kind is int:
        return lambda data, where: data if type(data) is int else _fail(where, "int", data)
    if kind is float:

        def number(data: Any, where: str) -> float:
            if type(data) not in (int, float) or not math.isfinite(data):
                _fail(where, "a finite number", data)
            return float(data)

        return number
    if kind is date:

        def day(data: Any, where: str) -> date:
            try:
                return date.fromisoformat(data)
            except (TypeError, ValueError):
                _fail(where, "an ISO date", data)

        return day
    if origin in (types.UnionType, typing.Union) and len(args) == 2 and type(None) in args:
        inner = _decoder(next(a for a in args if a is not type(None)))
        return lambda data, where: None if data is None else inner(data, where)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])

        def sequence(data: Any, where: str) -> tuple[Any, ...]:
            if type(data) is not list:
                _fail(where, "a list", data)
            return tuple(item(value, f"{where}[{i}]") for i, value in enumerate(data))

        return sequence
    if origin is dict and args[0] is str:
        value_decoder = _decoder(args[1])

        def mapping(data: Any, where: str) -> dict[str, Any]:
            if type(data) is not dict:
                _fail(where, "an object", data)
            return {key: value_decoder(value, f"{where}.{key}") for key, value in data.items()}

        return mapping
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [(f.name, _decoder(hints[f.name])) for f in _fields(kind)]
        names = {name for name, _ in fields}

        def record(data: Any, where: str) -> Any:
            if type(data) is not dict:
                _fail(where, f"a {kind.__name__} object", data)
            if data.keys() != names:
                wrong = sorted(data.keys() ^ names)
                raise ShapeError(f"{where}: fields {', '.join(map(str, wrong))} do not fit {kind.__name__}")
            return kind(**{name: decode(data[name], f"{where}.{name}") for name, decode in fields})

        return record
    raise TypeError(f"no plain-data form for {kind!r}")  # a programming error, caught by the tests
