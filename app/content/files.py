"""Reading one content file as text: a missing, oversized, empty or non-UTF-8 file becomes one
`ContentIssue` naming the file and the fix, never an exception."""

from __future__ import annotations

from pathlib import Path

from app.content.issues import ContentIssue

MAX_CARD_BYTES = 200_000  # the longest card is under 10 kB
MAX_DATA_BYTES = 2_000_000  # the longest data file is under 50 kB


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{count / 1e3:.0f} kB"


def read_text(path: Path, limit: int, what: str) -> str | ContentIssue:
    """The text, or the problem. `what` says what the file should hold, for the fix."""
    file = str(path)
    try:
        if path.stat().st_size > limit:
            return ContentIssue(file, 1, f"file is {_size(path.stat().st_size)}; keep it under {_size(limit)}")
        raw = path.read_bytes()
    except FileNotFoundError:
        return ContentIssue(file, 1, "file is missing")
    except OSError as error:
        return ContentIssue(file, 1, f"cannot be read ({error.strerror or error})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        return ContentIssue(file, line, f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8")
    if not text.strip():
        return ContentIssue(file, 1, f"file is empty; it should hold {what}")
    return text.removeprefix("\ufeff")
