"""What the content left out, and what names it: a left-out entry is reported once, where it is;
whatever names it is then listed once, by name, beside it, instead of one "unknown id" line per mention."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.content.issues import ContentIssue
from app.content.yaml_lines import BrokenPiece

MAX_LISTED = 20  # names listed beside a left-out entry (a whole file can take hundreds with it)


@dataclass
class LeftOut:
    """Entries left out (by name) and files left out whole, with what names them.

    A left-out entry is reported once, where it is; whatever names it is then listed once, by
    name, beside it, instead of one "unknown id" line per mention."""

    entries: dict[str, ContentIssue] = field(default_factory=dict)  # name -> the problem that left it out
    files: dict[str, ContentIssue] = field(default_factory=dict)  # data file (or "references") -> why
    named_by: dict[str, list[str]] = field(default_factory=dict)  # entry name or file -> who names it
    owners: dict[ContentIssue, str] = field(default_factory=dict)  # a problem -> what it left out first

    def leave_out(self, name: str | None, why: ContentIssue) -> None:
        """`name` is left out because of `why` (its own problem, or that of something it needs)."""
        if name is not None:
            self.entries.setdefault(name, why)
            self.owners.setdefault(why, name)

    def leave_out_file(self, name: str, why: ContentIssue) -> None:
        if name not in self.files:
            self.files[name] = why
            self.owners.setdefault(why, name)

    def unresolved(
        self, issues: list[ContentIssue], name: str, files: tuple[str, ...], who: str, issue: ContentIssue
    ) -> ContentIssue:
        """`who` names `name`, which does not resolve: `issue` is reported, unless `name` was left
        out (itself, or with one of `files` whole), then `who` joins the list of what names it.
        Returns the problem at the root."""
        key = name if name in self.entries else next((f for f in files if f in self.files), None)
        if key is None:
            issues.append(issue)
            return issue
        names = self.named_by.setdefault(key, [])
        if who not in names:
            names.append(who)
        return self.entries.get(key) or self.files[key]

    def report(self, issues: list[ContentIssue]) -> None:
        """One line per problem that left something out: what it left out, then everything that
        names that, directly or through something else it left out (a variant whose source is gone)."""
        by_cause: dict[ContentIssue, list[str]] = {}
        for key, names in self.named_by.items():
            merged = by_cause.setdefault(self.entries.get(key) or self.files[key], [])
            merged += [name for name in names if name not in merged]
        for why, names in by_cause.items():
            owner = self.owners[why]
            what = owner if owner in self.entries else f"{owner} (whole file)"
            count = f"{len(names)} entr{'y' if len(names) == 1 else 'ies'}"
            listed = ", ".join(names[:MAX_LISTED])
            if len(names) > MAX_LISTED:
                listed += f" and {len(names) - MAX_LISTED} more"
            issues.append(
                ContentIssue(why.file, why.line, f"{what} is left out, so {count} naming it go without it: {listed}")
            )


def entry_name(raw: Any) -> str | None:
    """The id of a raw entry (or `link a → b`), even of one that failed its checks."""
    if isinstance(raw, dict):
        if isinstance(raw.get("id"), str):
            return str(raw["id"])
        if isinstance(raw.get("source"), str) and isinstance(raw.get("target"), str):
            return link_name(raw["source"], raw["target"])
    return None


def link_name(source: str, target: str) -> str:
    return f"link {source} → {target}"


_PIECE_ID = re.compile(r"\bid:\s*[\"']?([A-Za-z0-9_]+)")
_PIECE_END = re.compile(r"\b(source|target):\s*[\"']?([A-Za-z0-9_]+)")


def piece_name(piece: BrokenPiece) -> str | None:
    """The id of an entry whose YAML is broken, when it can still be seen in its text."""
    found = _PIECE_ID.search(piece.text)
    if found:
        return found.group(1)
    ends = dict(_PIECE_END.findall(piece.text))
    return link_name(ends["source"], ends["target"]) if {"source", "target"} <= ends.keys() else None
