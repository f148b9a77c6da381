"""A nerve's whole course, from its roots to its skin ("follow the sciatic nerve")."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.knowledge import Knowledge


@dataclass(frozen=True)
class Course:
    structures: tuple[str, ...]  # roots and plexus first, then the nerve, then every branch
    skin: tuple[str, ...]  # the skin fields of the nerve and its branches (field_<id>)


def nerve_course(knowledge: Knowledge, nerve: str) -> Course:
    """Roots → plexus → the nerve → its branches, and the skin those branches supply."""
    entry = knowledge.structures[nerve]
    upstream = [s for s in reversed(knowledge.ancestors(nerve)) if s != nerve]
    roots = [r for r in entry.roots if r in knowledge.structures and r not in upstream]
    structures = tuple(dict.fromkeys([*roots, *upstream, nerve, *knowledge.descendants(nerve)]))
    skin = tuple(f"field_{s}" for s in structures if f"field_{s}" in knowledge.territories)
    return Course(structures, skin)


def followable_nerves(knowledge: Knowledge, language: str = "en") -> list[tuple[str, str]]:
    """(id, short title) of every nerve, by title (the "follow a nerve" list): "Sciatic nerve"."""
    words = knowledge.in_language(language)
    titles = [(s.id, words.title(s.id)) for s in knowledge.structures.values() if s.kind == "nerve"]
    nerves = [(i, t.rsplit(" (", 1)[0] if t.endswith(")") else t) for i, t in titles]
    return sorted(nerves, key=lambda pair: pair[1].lower())
