"""Citation keys in card Markdown → numbered markers, and references → a short formatted list.

Cards cite as `[nice_ng59]` or `[article_000, article_002]`; a reader sees `[1]` or `[2, 3]` and a
list at the end (author, year, title, source). A key that is not a known reference is left as written
(the content check reports it), so nothing else in square brackets is touched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.domain.records import Reference

CITATION = re.compile(r"\[([a-z][a-z0-9_]*(?:\s*,\s*[a-z][a-z0-9_]*)*)\](?![(\[])")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9\"'(])")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_AUTHOR = re.compile(r"^[A-Z][\w'’\-]+(?: [\w'’\-]+)* [A-Z]{1,3}$")  # "Franettovich Smith MM"


@dataclass(frozen=True)
class FormattedReference:
    """One entry of a card's reference list, in reading order."""

    number: int
    id: str
    authors: str  # "Gross KD, et al." or an organisation; "" when the citation names none
    year: str  # "" when the citation has none
    title: str
    source: str  # journal, volume and pages, publisher or guideline number

    def text(self) -> str:
        """The entry as one line of plain text: 'Gross KD, et al. (2011). Title. Source.'"""
        year = f" ({self.year})" if self.year else ""
        head = [f"{self.authors}{year}", self.title] if self.authors else [f"{self.title}{year}"]
        return " ".join(_sentence(part) for part in (*head, self.source) if part)


def cited_keys(markdown: str) -> list[str]:
    """Every key cited in the text, in order of first citation."""
    keys = (key.strip() for match in CITATION.finditer(markdown) for key in match.group(1).split(","))
    return list(dict.fromkeys(keys))


def numbering(markdown: str, listed: Sequence[str], references: Mapping[str, Reference]) -> dict[str, int]:
    """Reference number per known key: cited in the text first (in order), then the card's own list."""
    order = [key for key in (*cited_keys(markdown), *listed) if key in references]
    return {key: number for number, key in enumerate(dict.fromkeys(order), start=1)}


def replace_citations(markdown: str, numbers: Mapping[str, int], marker: str = "[{}]") -> str:
    """Each citation of known keys becomes its numbers in `marker` ('[1, 3]'); other brackets stay."""

    def swap(match: re.Match[str]) -> str:
        keys = [key.strip() for key in match.group(1).split(",")]
        if not all(key in numbers for key in keys):
            return match.group(0)
        return marker.format(", ".join(str(n) for n in sorted({numbers[key] for key in keys})))

    return CITATION.sub(swap, markdown)


def format_reference(number: int, reference: Reference) -> FormattedReference:
    """Split a Vancouver-style citation ('Authors. Title. Journal Year;Vol:Pages.') into its parts."""
    citation = reference.citation.strip()
    parts = [p.strip() for p in _SENTENCE_END.split(citation) if p.strip()]
    if len(parts) >= 3 or (len(parts) == 2 and not parts[0].endswith("?")):
        authors, title, source = parts[0].rstrip("."), parts[1].rstrip("."), " ".join(parts[2:]).rstrip(".")
    else:  # a title-first citation (a patient article) or a single sentence
        authors, title, source = "", parts[0].rstrip("."), " ".join(parts[1:]).rstrip(".")
    years = _YEAR.findall(source) or _YEAR.findall(citation)  # the journal's year before one in a title
    year = years[0] if years else ""
    return FormattedReference(number, reference.id, _short_authors(authors), year, title, source)


def reference_list(numbers: Mapping[str, int], references: Mapping[str, Reference]) -> list[FormattedReference]:
    return [format_reference(n, references[key]) for key, n in sorted(numbers.items(), key=lambda kv: kv[1])]


def _short_authors(authors: str) -> str:
    """'Gross KD, Felson DT, Niu J, et al' → 'Gross KD, et al.'; organisations stay whole."""
    names = [name.strip() for name in authors.split(",") if name.strip()]
    people = [name for name in names if _AUTHOR.match(name)]
    if len(names) > 2 and len(people) >= 2:
        return f"{names[0]}, et al."
    if len(names) == 2 and names[1] == "et al":
        return f"{names[0]}, et al."
    return authors


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."
