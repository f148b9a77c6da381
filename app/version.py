"""The versions a person can cite: the app's and the content's (issue 23).

One source each: the app's version is pyproject.toml's `version` (read from the file in a source
checkout, from the installed package's metadata in a wheel or bundle, which is made from it); the
content's version and date are `content/release.yaml`. `--version`, About (Ctrl+F1), the handout's
footer and the kiosk's log all read them here.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover (3.10)
    import tomli as tomllib

DISTRIBUTION = "referral-atlas"
RELEASE_FILE = "release.yaml"
_VERSION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,31}$")
_CHECKOUT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def app_version() -> str:
    """pyproject.toml's version: from the file in a source checkout (an editable install's metadata
    may be older than the file), else from the installed package's metadata."""
    if _CHECKOUT.is_file():
        with _CHECKOUT.open("rb") as file:
            project = tomllib.load(file).get("project", {})
        if project.get("name") == DISTRIBUTION:
            return str(project["version"])
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class ContentRelease:
    version: str  # "unknown" when release.yaml is missing or broken (then `problem` says why)
    date: date | None
    problem: str = ""

    def __str__(self) -> str:
        return f"{self.version} ({self.date:%Y-%m-%d})" if self.date else self.version


def content_release(folder: Path | None = None) -> ContentRelease:
    """The content's version and date from `<content>/release.yaml`; a missing or broken file gives
    version "unknown" and names the file and the fix (it never stops the app)."""
    import yaml

    from app.resources import content_dir

    path = (folder or content_dir()) / RELEASE_FILE
    fix = 'give it `version: "YYYY.MM.N"` and `date: YYYY-MM-DD`'
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        return ContentRelease("unknown", None, f"{path}: {error.strerror or error}; {fix}")
    except yaml.YAMLError as error:
        return ContentRelease("unknown", None, f"{path}: not YAML ({str(error).splitlines()[0]}); {fix}")
    version, day = (data.get("version"), data.get("date")) if isinstance(data, dict) else (None, None)
    if not isinstance(version, str) or not _VERSION.match(version) or not isinstance(day, date):
        return ContentRelease("unknown", None, f"{path}: expected a quoted version and a date; {fix}")
    return ContentRelease(version, day)


def version_line(folder: Path | None = None) -> str:
    """`referral-atlas 0.2.0, content 2026.12.1 (2026-12-07)`: what `--version` prints and the log records."""
    return f"{DISTRIBUTION} {app_version()}, content {content_release(folder)}"
