"""A content problem as data: file, line and what is wrong (printed `file:line: problem`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentIssue:
    file: str
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.problem}"
