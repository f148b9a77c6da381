"""A clinician's named views (camera, spots, maps, answers, selection), kept as plain JSON.

The file is data only: checked field by field on reading (pydantic), never run. A file that cannot
be read raises `SavedViewsError` naming the file and the fix; the file itself is left as it is, and
`set_aside` moves it out of the way (kept, not deleted) before a new list is written in its place.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.domain.errors import AtlasError
from app.domain.view_state import OVERLAYS

FILE_NAME = "saved-views.json"
MAX_FILE_BYTES = 1_000_000  # hundreds of views; a bigger file is not one of ours
Name = Annotated[str, Field(min_length=1, max_length=80)]
Point = tuple[float, float, float]


class SavedViewsError(AtlasError):
    """The saved views file cannot be read; the message names the file and what to do."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Camera(_Strict):
    position: Point
    focal_point: Point
    view_up: Point

    @field_validator("position", "focal_point", "view_up")
    @classmethod
    def _finite(cls, value: Point) -> Point:
        if not all(math.isfinite(v) for v in value):
            raise ValueError("must be three finite numbers")
        return value


class Maps(_Strict):
    overlay: str = "none"
    skin_opacity: float = Field(0.35, ge=0.0, le=1.0)
    layers: dict[str, bool] = Field(default_factory=dict)  # "skin" … "structures" → shown
    map_differences: bool = False
    labels: bool = False

    @field_validator("overlay")
    @classmethod
    def _known_overlay(cls, value: str) -> str:
        if value not in OVERLAYS:
            raise ValueError(f"unknown map {value!r}; expected one of {', '.join(OVERLAYS)}")
        return value


class Answers(_Strict):
    features: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()


class SavedView(_Strict):
    name: Name
    camera: Camera
    maps: Maps = Maps()
    touches: tuple[Point, ...] = ()  # the touched skin points, in model coordinates (an area: several)
    answers: Answers = Answers()
    selected: str | None = None  # the chosen source of the ranked list
    source: str | None = None  # the reverse view's source, when one is shown


class SavedViewsFile(_Strict):
    version: Literal[1] = 1
    views: tuple[SavedView, ...] = ()


def load_views(path: Path) -> list[SavedView]:
    """The views kept in `path` (none when it does not exist yet)."""
    if not path.exists():
        return []
    fix = f"move {path.name} out of that folder (or restore it from a backup) and open the app again"
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SavedViewsError(f"{path}: too large to be a list of saved views; {fix}")
        data = json.loads(path.read_text(encoding="utf-8"))
        return list(SavedViewsFile.model_validate(data).views)
    except (OSError, UnicodeDecodeError) as error:
        raise SavedViewsError(f"{path}: cannot be read ({error}); {fix}") from error
    except json.JSONDecodeError as error:
        raise SavedViewsError(f"{path}:{error.lineno}: not valid JSON ({error.msg}); {fix}") from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SavedViewsError(f"{path}: {where}: {first['msg']}; {fix}") from error


def save_views(path: Path, views: list[SavedView]) -> None:
    """Write the views (a new file first, then put in place: a crash never leaves half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = SavedViewsFile(views=tuple(views)).model_dump_json(indent=2)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def set_aside(path: Path) -> Path:
    """Move an unreadable file out of the way, kept beside it as `<name>.unreadable[-n]`."""
    kept, n = path.with_name(path.name + ".unreadable"), 1
    while kept.exists():
        n += 1
        kept = path.with_name(f"{path.name}.unreadable-{n}")
    os.replace(path, kept)
    return kept
