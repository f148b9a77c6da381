"""The study progress file: a small versioned JSON in the user's data folder.

`ProgressStore(folder)` loads, saves and resets `study_progress.json` in `folder`; `data_dir()` is
the default folder (platformdirs' user data path, or `REFERRAL_ATLAS_DATA_DIR`). Writes are atomic
(a temporary file in the same folder, then `os.replace`) and merge with the file under an exclusive
`fcntl` lock, so two windows (or processes) sharing a home keep each other's answers. A file over
`MAX_BYTES` is set aside unread; one that is no regular file (a pipe) is not read. A file that cannot be used (corrupt,
truncated, another version, the wrong shape) is set aside as `study_progress.json.corrupt-<UTC time>`
and a fresh progress is returned with a one-line message for the user: loading never fails.
"""

from __future__ import annotations

import errno
import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from platformdirs import user_data_path
from pydantic import ValidationError

from app.bounded import read_bounded, size_text
from app.domain.errors import AtlasError
from app.study.schedule import VERSION, Progress

DATA_ENV = "REFERRAL_ATLAS_DATA_DIR"
FILE_NAME = "study_progress.json"
MAX_BYTES = 5_000_000  # every question of the bank answered is ~300 kB


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
            raw = read_bounded(self.path, MAX_BYTES)
        except FileNotFoundError:
            return Progress.empty(), None
        except OSError as error:
            if error.errno != errno.EFBIG:  # a folder or pipe where the file should be is left alone
                return (
                    Progress.empty(),
                    f"{self.path}: could not be read ({error.strerror}); starting with fresh progress.",
                )
            reason = str(error.strerror)
        else:
            try:
                return Progress.model_validate_json(raw), None
            except ValidationError as error:
                reason = _problem(error)
        return Progress.empty(), self._set_aside(reason)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """The folder's progress to this process alone (an exclusive lock on the folder: the file
        itself is replaced by each write)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

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
        """Merge `progress` into the file (`Progress.merged`) and write it atomically: a reader sees
        the old file or the new one, never half of one, and no writer's answers are lost."""
        try:
            with self._locked():
                self._write(self.load()[0].merged(progress))
        except OSError as error:
            raise ProgressError(
                f"{self.path}: could not save study progress ({error.strerror}); "
                f"check that the folder is writable or set {DATA_ENV} to one that is"
            ) from error

    def _write(self, progress: Progress) -> None:
        data = progress.model_dump_json(indent=1).encode()
        if len(data) > MAX_BYTES:
            raise OSError(errno.EFBIG, f"progress is {size_text(len(data))}, over {size_text(MAX_BYTES)}")
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

    def reset(self) -> Progress:
        """Forget all progress ("reset my progress"): the file is removed; returns fresh progress."""
        try:
            with self._locked():
                self.path.unlink(missing_ok=True)
        except OSError as error:
            raise ProgressError(f"{self.path}: could not remove it ({error.strerror}); delete it by hand") from error
        return Progress.empty()
