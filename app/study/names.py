"""Names on demand: what to call a mesh structure or a skin spot, with its side.

Plain words from the content; the scene hands over mesh names (`femur_left`) and spots, never VTK.
"""

from __future__ import annotations

from app.domain.knowledge import InLanguage, Knowledge
from app.domain.phrases import literal
from app.domain.query import Spot

SIDE_WORDS = {"left": "left", "right": "right"}


def split_side(mesh_name: str) -> tuple[str, str | None]:
    """`femur_left` -> (`femur`, `left`); midline names have no side."""
    for side in SIDE_WORDS:
        if mesh_name.endswith(f"_{side}"):
            return mesh_name.removesuffix(f"_{side}"), side
    return mesh_name, None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _words(knowledge: Knowledge | InLanguage) -> InLanguage:
    return knowledge if isinstance(knowledge, InLanguage) else knowledge.in_language("en")


def structure_name(knowledge: Knowledge | InLanguage, mesh_name: str, short: bool = False) -> str:
    """ "Femur, left" or "Sciatic nerve (back of the thigh …), right"; `short` drops the bracketed
    hint. In the language of `knowledge.in_language(…)` when given one."""
    words = _words(knowledge)
    base, side = split_side(mesh_name)
    title = words.title(base)
    if short and title.endswith(")") and " (" in title:
        title = title.rsplit(" (", 1)[0]
    title = _capital(title)
    return words.phrase(f"name_side.{side}", name=literal(title)) if side else title


def spot_name(knowledge: Knowledge | InLanguage, spot: Spot) -> str:
    """The skin under the pointer: region and side, then the dermatome and skin nerve there."""
    words = _words(knowledge)
    parts = []
    if spot.region:
        where = _capital(words.title(f"region_{spot.region}"))
        parts.append(words.phrase(f"name_side.{spot.side}", name=literal(where)) if spot.side in SIDE_WORDS else where)
    if spot.dermatomes:
        parts.append(words.phrase("dermatome", label=spot.dermatomes[0].replace("_", "-")))
    for nerve in spot.cutaneous_nerves[:1]:
        parts.append(words.title(nerve).rsplit(" (", 1)[0])
    return " · ".join(parts) or words.phrase("skin")
