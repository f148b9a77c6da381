"""A nerve's whole course, from its roots to its skin ("follow the sciatic nerve", issue 10)."""

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


def followable_nerves(knowledge: Knowledge) -> list[tuple[str, str]]:
    """(id, short title) of every nerve, by title (the "follow a nerve" list): "Sciatic nerve"."""
    nerves = [(s.id, s.title.rsplit(" (", 1)[0] if s.title.endswith(")") else s.title)
              for s in knowledge.structures.values() if s.kind == "nerve"]  # fmt: skip
    return sorted(nerves, key=lambda pair: pair[1].lower())
