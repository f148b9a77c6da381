"""The study progress file: a small versioned JSON in the user's data folder.

`ProgressStore(folder)` loads, saves and resets `study_progress.json` in `folder`; `data_dir()` is
the default folder (platformdirs' user data path, or `REFERRAL_ATLAS_DATA_DIR`). Writes are atomic
(a temporary file in the same folder, then `os.replace`). A file that cannot be used (corrupt,
truncated, another version, the wrong shape) is set aside as `study_progress.json.corrupt-<UTC time>`
and a fresh progress is returned with a one-line message for the user: loading never fails.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from platformdirs import user_data_path
from pydantic import ValidationError

from app.domain.errors import AtlasError
from app.study.schedule import VERSION, Progress

DATA_ENV = "REFERRAL_ATLAS_DATA_DIR"
FILE_NAME = "study_progress.json"


class ProgressError(AtlasError):
    """The progress file could not be written (the message names the file and the fix)."""


def data_dir() -> Path:
    """Where the user's own data lives; `REFERRAL_ATLAS_DATA_DIR` overrides it (tests, shared PCs)."""
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else user_data_path("referral-atlas", appauthor=False)


def _problem(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    if where == "version":
        return f"it is version {first.get('input')!r}, this app reads version {VERSION}"
    if first["type"] == "json_invalid":
        return "it is not valid JSON (cut short or damaged)"
    return f"{where or 'the file'}: {first['msg'].lower()}"


class ProgressStore:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / FILE_NAME

    def load(self) -> tuple[Progress, str | None]:
        """The saved progress (fresh when there is none), and a message when the file was set aside."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return Progress.empty(), None
        except OSError as error:
            return Progress.empty(), f"{self.path}: could not be read ({error.strerror}); starting with fresh progress."
        try:
            return Progress.model_validate_json(raw), None
        except ValidationError as error:
            reason = _problem(error)
        return Progress.empty(), self._set_aside(reason)

    def _set_aside(self, reason: str) -> str:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        aside = self.path.with_name(f"{FILE_NAME}.corrupt-{stamp}")
        try:
            self.path.replace(aside)
        except OSError as error:
            return (
                f"{self.path}: could not be used ({reason}) nor moved aside ({error.strerror}); "
                f"starting with fresh progress; delete the file to stop this message."
            )
        return f"{self.path}: could not be used ({reason}); it was kept as {aside.name} and progress starts afresh."

    def save(self, progress: Progress) -> None:
        """Write atomically: a reader sees the old file or the new one, never half of one."""
        data = progress.model_dump_json(indent=1).encode()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{FILE_NAME}.", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            raise ProgressError(
                f"{self.path}: could not save study progress ({error.strerror}); "
                f"check that the folder is writable or set {DATA_ENV} to one that is"
            ) from error

    def reset(self) -> Progress:
        """Forget all progress ("reset my progress"): the file is removed; returns fresh progress."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as error:
            raise ProgressError(f"{self.path}: could not remove it ({error.strerror}); delete it by hand") from error
        return Progress.empty()
