"""Reading one content file as text: a missing, oversized, empty or non-UTF-8 file becomes one
`ContentIssue` naming the file and the fix, never an exception."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from app.bounded import read_bounded
from app.content.issues import ContentIssue
from app.content.yaml_lines import LineDict, load_yaml, yaml_error_line

MAX_CARD_BYTES = 200_000  # the longest card is under 10 kB
MAX_DATA_BYTES = 2_000_000  # the longest data file is under 50 kB


def read_text(path: Path, limit: int, what: str) -> str | ContentIssue:
    """The text, or the problem. `what` says what the file should hold, for the fix."""
    file = str(path)
    try:
        raw = read_bounded(path, limit)
    except FileNotFoundError:
        return ContentIssue(file, 1, "file is missing")
    except OSError as error:
        if error.errno == errno.EFBIG:
            return ContentIssue(file, 1, str(error.strerror))
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


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


@dataclass(frozen=True)
class CardText:
    """A card file split into its front matter (with lines) and its Markdown body."""

    front: LineDict
    body: str
    body_offset: int  # lines of the file before the body


def read_card_text(path: Path) -> CardText | ContentIssue:
    """A card (English or translated): its YAML front matter as a mapping, and its body."""
    file = str(path)
    text = read_text(path, MAX_CARD_BYTES, "a card: front matter and its sections")
    if isinstance(text, ContentIssue):
        return text
    match = _FRONT_MATTER.match(text)
    if not match:
        return ContentIssue(file, 1, "no YAML front matter (a '---' block at the top)")
    try:
        data = load_yaml(match.group(1))
    except yaml.YAMLError as error:
        line, problem = yaml_error_line(error)
        return ContentIssue(file, line + 1, problem)
    if not isinstance(data, LineDict):
        return ContentIssue(file, 2, "front matter should be a mapping of the card's fields")
    return CardText(data, text[match.end() :], text[: match.end()].count("\n"))
