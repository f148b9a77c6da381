"""Everything the app knows, as plain domain objects loaded from content/ (no Qt, no VTK)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Reference:
    id: str
    citation: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Card:
    """A plain-language card with its lineage (references, evidence, review date, version)."""

    id: str
    kind: str  # condition | structure | differentiator | red_flag
    title: str
    covers: tuple[str, ...]
    summary: str
    evidence: str  # strong | moderate | limited | weak
    who_can_help: tuple[str, ...]
    references: tuple[str, ...]
    last_reviewed: date
    content_version: int
    body: str  # Markdown after the front matter
    source_file: str


@dataclass
class Knowledge:
    cards: dict[str, Card] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # any id -> patient words

    def card(self, card_id: str) -> Card | None:
        return self.cards.get(card_id)

    def title(self, any_id: str) -> str:
        """Patient words for an id; falls back to the id made readable."""
        if any_id in self.titles:
            return self.titles[any_id]
        if any_id in self.cards:
            return self.cards[any_id].title
        return any_id.replace("_", " ")
