"""The plain data the study code gets about the skin: labelled points, no mesh (the boundary with app/scene).

The scene reads the per-vertex label arrays of skin.vtp (`app.scene.skin_labels.SkinLabels`); the UI
turns a vertex into a `SkinPoint` and hands over points, never arrays or meshes:

    SkinPoint(point=i, spot=labels.spot(i), keegan=labels.name("dermatome_keegan", i))

The same type answers a touch question (the touched vertex) and feeds the generator (every vertex, or
every n-th: questions about one spot pick their spot from these points).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.query import Spot


@dataclass(frozen=True)
class SkinPoint:
    """One labelled skin vertex."""

    point: int | None  # vertex id in the skin mesh (opaque here: the UI marks and lights it)
    spot: Spot  # Lee 2008 labels (primary dermatome first, then the alternate or overlap), nerves, region, side
    keegan: str | None = None  # the Keegan & Garrett 1948 dermatome at this vertex (skin array dermatome_keegan)

    @property
    def lee(self) -> str | None:
        """Lee 2008's (primary) dermatome here."""
        return self.spot.dermatomes[0] if self.spot.dermatomes else None

    @property
    def lee_alternate(self) -> str | None:
        """Where Lee's map is variable or two strips overlap: the other dermatome."""
        return self.spot.dermatomes[1] if len(self.spot.dermatomes) > 1 else None
