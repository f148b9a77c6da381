"""Loads and validates content/ into domain objects. No Qt, no VTK.

`load` is imported on first use: the app's start-up reads a kept copy (`app.content.cache`) and
need not import the validation code at all."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.content.issues import ContentIssue

if TYPE_CHECKING:
    from app.content.loader import load

__all__ = ["ContentIssue", "load"]


def __getattr__(name: str) -> Any:
    if name == "load":
        from app.content.loader import load

        return load
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
