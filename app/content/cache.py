"""The validated content kept between starts of the app, so a start skips parsing and validating it.

The copy is plain JSON data (`app.content.plain`), never a pickle: reading it runs no code, and a
file that is damaged, tampered with or of another shape is ignored (one line in the log) and rebuilt
from content/. It is keyed by a fingerprint of every file under content/ and of the code that reads
it, so an edited card or a new release is read afresh, and it is written atomically (a reader sees
the old file or the new one, never half of one). Nothing about the person using the app is kept:
only the atlas's own content. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.content.issues import ContentIssue
from app.content.plain import ShapeError, from_plain, to_plain
from app.domain.knowledge import Knowledge

CACHE_ENV = "REFERRAL_ATLAS_CACHE_DIR"
READ_ONLY_ENV = "REFERRAL_ATLAS_CACHE_READ_ONLY"  # "1": use a kept copy, never write one (kiosk)
FORMAT = 1
MAX_BYTES = 50_000_000  # the real copy is under 1 MB: a bigger file is not one of ours
_CODE = (
    *sorted(Path(__file__).parent.glob("*.py")),
    *(Path(__file__).parents[1] / "domain" / name for name in ("knowledge.py", "phrases.py")),
    Path(__file__).parents[1] / "bounded.py",
)
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Kept:
    """What the file holds, besides its format and fingerprint."""

    knowledge: Knowledge
    issues: tuple[ContentIssue, ...]


def cache_dir() -> Path:
    """Where the copy lives: `REFERRAL_ATLAS_CACHE_DIR`, else the user's cache folder."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_cache_path("referral-atlas")


def fingerprint(content_dir: Path, check_reading: bool) -> str:
    digest = hashlib.sha256(f"format={FORMAT} reading={check_reading}".encode())
    for path in (*_CODE, *sorted(p for p in Path(content_dir).rglob("*") if p.is_file())):
        try:
            data = path.read_bytes()
        except OSError as error:  # the loader reports the file; the key still changes when it is fixed
            data = f"unreadable: {error}".encode()
        digest.update(str(path.relative_to(path.anchor)).encode() + b"\0" + data + b"\0")
    return digest.hexdigest()[:32]


def load_cached(
    content_dir: Path, check_reading: bool = False, write: bool = True
) -> tuple[Knowledge, list[ContentIssue]]:
    """`app.content.load`, through the kept copy when it matches the files.

    With `write=False` (or `REFERRAL_ATLAS_CACHE_READ_ONLY=1`) a matching copy is still used but
    none is written: a kiosk leaves nothing behind."""
    key = fingerprint(content_dir, check_reading)
    target = cache_dir() / f"content-{key}.json"
    kept = _read(target, key)
    if kept is not None:
        return kept.knowledge, list(kept.issues)
    from app.content.loader import load

    knowledge, issues = load(content_dir, check_reading=check_reading)
    if write and os.environ.get(READ_ONLY_ENV) != "1":
        _write(target, key, _Kept(knowledge, tuple(issues)))
    return knowledge, issues


def _read(path: Path, key: str) -> _Kept | None:
    """The kept copy, or None when there is none or it does not fit (then it is rebuilt)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ShapeError(f"larger than {MAX_BYTES // 1_000_000} MB")
        data = json.loads(path.read_bytes(), parse_constant=_no_constants)
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("fingerprint") != key:
            raise ShapeError("not a content cache of this version")
        return from_plain(_Kept, data.get("kept"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, RecursionError) as error:  # json's errors and ShapeError are ValueErrors
        _log.warning("content cache %s ignored (%s); reading content/ again", path, _reason(error))
        return None


def _reason(error: BaseException) -> str:
    """One short line saying what was wrong."""
    lines = (getattr(error, "strerror", None) or str(error)).strip().splitlines()
    return lines[0][:200] if lines else type(error).__name__


def _no_constants(name: str) -> None:
    raise ShapeError(f"{name} is not a number the content uses")


def _write(target: Path, key: str, kept: _Kept) -> None:
    """Write atomically (a scratch file in the same folder, then renamed) and drop older copies."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(
            {"format": FORMAT, "fingerprint": key, "kept": to_plain(kept)},
            ensure_ascii=False,
            separators=(",", ":"),
            allow_nan=False,
        )
        handle, scratch = tempfile.mkstemp(dir=folder, prefix=".content-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(scratch, target)
        except BaseException:
            Path(scratch).unlink(missing_ok=True)
            raise
        for old in (*folder.glob("content-*.json"), *folder.glob("content-*.pickle")):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError as error:  # a read-only home: the next start reads content/ again
        _log.warning("content cache not written to %s (%s)", folder, _reason(error))
