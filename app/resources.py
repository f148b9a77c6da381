"""Where the app's data lives: inside an installed wheel, or beside the source checkout."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

ASSETS_ENV = "REFERRAL_ATLAS_ASSETS_DIR"
CONTENT_ENV = "REFERRAL_ATLAS_CONTENT_DIR"


def _data_root(name: str) -> Path:
    bundled = _PACKAGE / "_data" / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name


def assets_dir() -> Path:
    """The model folder; `REFERRAL_ATLAS_ASSETS_DIR` overrides it (e.g. a clinic's rebuilt copy)."""
    override = os.environ.get(ASSETS_ENV)
    return Path(override) if override else _data_root("assets") / "models"


def content_dir() -> Path:
    """The content folder; `REFERRAL_ATLAS_CONTENT_DIR` overrides it."""
    override = os.environ.get(CONTENT_ENV)
    return Path(override) if override else _data_root("content")
