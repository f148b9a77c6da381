"""Per-vertex territory labels of the skin, turned into domain terms at the scene's edge.

`tools/build_territories.py` stores integer labels per skin vertex with their names in field
data; this module maps a vertex (from a pick or the nearest point to X,Y,Z) to a domain `Spot`
and a territory id to the vertices it covers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkIdList
from vtkmodules.vtkCommonDataModel import vtkStaticPointLocator

from app.domain.errors import AssetError
from app.domain.explorer import Touch
from app.domain.query import Side, Spot

# label array -> field array holding its names
LABEL_ARRAYS = {
    "dermatome": "dermatome_names",
    "dermatome_alt": "dermatome_names",
    "dermatome_keegan": "dermatome_names",
    "cutaneous_nerve": "cutaneous_nerve_names",
    "cutaneous_nerve_alt": "cutaneous_nerve_names",
    "region": "region_names",
}
SIDES: dict[int, Side] = {1: "right", -1: "left", 0: "midline"}
TERRITORY_PREFIXES = {"dermatome_": "dermatome", "field_": "cutaneous_nerve", "region_": "region"}


def _names(mesh: pv.PolyData, field: str) -> tuple[str, ...]:
    return tuple(str(name) for name in np.asarray(mesh.field_data[field]))


@dataclass(frozen=True)
class SkinLabels:
    """Label arrays of one skin mesh (point ids as in that mesh)."""

    labels: dict[str, np.ndarray]
    names: dict[str, tuple[str, ...]]
    side: np.ndarray
    points: np.ndarray
    locator: vtkStaticPointLocator

    @classmethod
    def from_skin(cls, skin: pv.PolyData) -> SkinLabels:
        missing = [name for name in (*LABEL_ARRAYS, "side") if name not in skin.point_data]
        missing += [f for f in set(LABEL_ARRAYS.values()) if f not in skin.field_data]
        if missing:
            raise AssetError(
                f"skin.vtp: has no territory labels ({', '.join(sorted(missing))}); "
                "rebuild the model with `python tools/build_assets.py`"
            )
        locator = vtkStaticPointLocator()
        locator.SetDataSet(skin)
        locator.BuildLocator()
        return cls(
            labels={name: np.asarray(skin.point_data[name]) for name in LABEL_ARRAYS},
            names={field: _names(skin, field) for field in set(LABEL_ARRAYS.values())},
            side=np.asarray(skin.point_data["side"]),
            points=np.asarray(skin.points),
            locator=locator,
        )

    def name(self, array: str, point_id: int) -> str | None:
        index = int(self.labels[array][point_id])
        return self.names[LABEL_ARRAYS[array]][index] if index >= 0 else None

    def regions_near(self, point_id: int, radius_m: float) -> frozenset[str]:
        """The regions of every vertex within `radius_m` of a vertex (its own region included)."""
        found = vtkIdList()
        self.locator.FindPointsWithinRadius(radius_m, self.points[point_id], found)
        near = self.labels["region"][[found.GetId(i) for i in range(found.GetNumberOfIds())]]
        names = self.names[LABEL_ARRAYS["region"]]
        return frozenset(names[i] for i in np.unique(near) if i >= 0)

    def nearest_point(self, xyz: tuple[float, float, float]) -> int:
        return int(self.locator.FindClosestPoint(xyz))

    def spot(self, point_id: int) -> Spot:
        """The domain's view of one skin vertex: dermatomes (primary first), nerves, region, side."""
        dermatomes = tuple(
            dict.fromkeys(n for n in (self.name("dermatome", point_id), self.name("dermatome_alt", point_id)) if n)
        )
        nerves = tuple(
            dict.fromkeys(
                n for n in (self.name("cutaneous_nerve", point_id), self.name("cutaneous_nerve_alt", point_id)) if n
            )
        )
        return Spot(
            dermatomes=dermatomes,
            cutaneous_nerves=nerves,
            region=self.name("region", point_id),
            side=SIDES[int(np.sign(self.side[point_id]))],
            keegan=self.name("dermatome_keegan", point_id),
        )

    def touch(self, point_id: int) -> Touch:
        """A touch on one skin vertex, as the domain takes it."""
        x, y, z = (float(v) for v in self.points[point_id])
        return Touch((x, y, z), self.spot(point_id))

    def territory_mask(self, territory: str, side: Side | None = None, array: str | None = None) -> np.ndarray:
        """Vertices of a territory id (`dermatome_L5`, `field_sural`, `region_heel`), on one side or both.

        `array` picks another map of the same kind (e.g. `dermatome_keegan`)."""
        for prefix, default_array in TERRITORY_PREFIXES.items():
            if territory.startswith(prefix):
                label = territory.removeprefix(prefix)
                array = array or default_array
                names = self.names[LABEL_ARRAYS[array]]
                if label not in names:
                    return np.zeros(len(self.side), dtype=bool)
                mask: np.ndarray = self.labels[array] == names.index(label)
                if array == "dermatome":
                    mask |= self.labels["dermatome_alt"] == names.index(label)
                if side in ("left", "right"):
                    mask &= self.side != (-1 if side == "right" else 1)
                return mask
        return np.zeros(len(self.side), dtype=bool)

    def centre_vertex(self, territory: str, side: Side = "right") -> int | None:
        """The vertex of a territory nearest its centre on one side (both sides for a midline one),
        so a region chosen by name is touched where a person would point; None if it has no skin."""
        mask = self.territory_mask(territory, side)
        if not mask.any():
            mask = self.territory_mask(territory)
        if not mask.any():
            return None
        ids = np.flatnonzero(mask)
        points = self.points[ids]
        return int(ids[np.argmin(np.linalg.norm(points - points.mean(axis=0), axis=1))])
