"""The plain data the study code gets about the skin: labelled points, no mesh (the boundary with app/scene).

The scene reads the per-vertex label arrays of skin.vtp (`app.scene.skin_labels.SkinLabels`); the UI
turns vertices into `SkinPoint`s and hands over points, never arrays or meshes:

    skin = skin_points(labels, range(len(labels.points)))   # for generate()
    touch = skin_point(labels, picked_vertex)                # the answer to a touch question

The same type answers a touch question (the touched vertex) and feeds the generator (every vertex, or
every n-th: questions about one spot pick their spot from these points).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from app.domain.query import Spot


@dataclass(frozen=True)
class SkinPoint:
    """One labelled skin vertex."""

    point: int | None  # vertex id in the skin mesh (opaque here: the UI marks and lights it)
    spot: Spot  # Lee 2008 labels (primary dermatome first, then the alternate or overlap), nerves, region, side
    keegan: str | None = None  # the Keegan & Garrett 1948 dermatome at this vertex (skin array dermatome_keegan)
    near_regions: frozenset[str] = frozenset()  # regions within `items.BORDER_TOLERANCE_M` of it (a touch answer)

    @property
    def lee(self) -> str | None:
        """Lee 2008's (primary) dermatome here."""
        return self.spot.dermatomes[0] if self.spot.dermatomes else None

    @property
    def lee_alternate(self) -> str | None:
        """Where Lee's map is variable or two strips overlap: the other dermatome."""
        return self.spot.dermatomes[1] if len(self.spot.dermatomes) > 1 else None


class SkinLabelSource(Protocol):
    """What `skin_point` reads: `app.scene.skin_labels.SkinLabels` has this shape (not imported here)."""

    def spot(self, point_id: int) -> Spot: ...

    def name(self, array: str, point_id: int) -> str | None: ...

    def regions_near(self, point_id: int, radius_m: float) -> frozenset[str]: ...


def skin_point(labels: SkinLabelSource, point_id: int, near_m: float = 0.0) -> SkinPoint:
    """One vertex as the study code sees it: a touch answer (with the regions within `near_m` of it),
    or a point for the generator."""
    near = labels.regions_near(point_id, near_m) if near_m > 0 else frozenset()
    return SkinPoint(point_id, labels.spot(point_id), labels.name("dermatome_keegan", point_id), near)


def skin_points(labels: SkinLabelSource, point_ids: Iterable[int]) -> list[SkinPoint]:
    """Many vertices (e.g. `range(len(labels.points))`) for `generate`."""
    return [skin_point(labels, i) for i in point_ids]
