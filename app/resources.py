"""Where the app's data lives: inside an installed wheel, or beside the source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_root(name: str) -> Path:
    bundled = _PACKAGE / "_data" / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name


def assets_dir() -> Path:
    return _data_root("assets") / "models"


def content_dir() -> Path:
    return _data_root("content")
