"""Picking on the 3D body: a display position becomes a skin vertex, or a structure's mesh name and
the domain id it stands for. The only place that turns display pixels into a view ray.

Picking casts the view ray into a cell locator of each mesh itself: a vtkCellPicker tests the
mapper's input, which PyVista's smooth-shading filter (and a map's cut) replace, so its locator
went unused and each pick took ~5 ms instead of ~0.1 ms.
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import reference
from vtkmodules.vtkCommonDataModel import vtkStaticCellLocator

from app.domain.knowledge import InLanguage, Knowledge
from app.domain.phrases import ENGLISH
from app.scene.assets import structure_names
from app.scene.highlight import domain_id
from app.scene.scene import AnatomyScene
from app.scene.skin_labels import SkinLabels

# What kind of thing a picked structure is, by mesh layer or by name prefix for the authored ones.
STRUCTURE_KINDS = {
    "bones": "bone",
    "nerves": "nerve",
    "muscles": "muscle",
    "disc_": "disc",
    "facet_": "joint",
    "sacroiliac_joint": "joint",
    "hip_joint": "joint",
    "trochanteric_bursa": "bursa",
    "plantar_fascia": "fascia",
    "achilles_tendon": "tendon",
    "piriformis": "muscle",
    "gluteus_medius": "muscle",
}
THIN_LAYERS = ("nerves", "muscles")  # lines drawn as thin tubes
THIN_OVER_SOLID_M = 0.02  # a thin line this close in front of a bone or joint yields the pick to it


class Picker:
    def __init__(self, scene: AnatomyScene, labels: SkinLabels, knowledge: Knowledge) -> None:
        self.scene, self.labels, self.knowledge = scene, labels, knowledge
        self._locator = built_locator(scene.skin_surface)
        # made on the first pick, and again after a pose moved the mesh: (locator, its points' time)
        self._structure_locators: dict[str, tuple[vtkStaticCellLocator, int]] = {}

    def pick(self, x: float, y: float) -> int | None:
        """Skin vertex under a display position (VTK pixels, origin bottom left), or None."""
        if not self.scene.skin_actor.visibility:
            return None
        hit = first_hit(self._locator, self.view_ray(x, y))
        return None if hit is None else self.labels.nearest_point(tuple(hit[1]))

    def pick_structure(self, x: float, y: float) -> str | None:
        """The bone, nerve, muscle or joint under a display position, seen through the skin
        (its mesh name, e.g. `disc_L4_L5` or `femur_left`), or None. A thin nerve or muscle line
        lying just over a bone or joint yields to it: a click "on the femur" means the femur."""
        ray = self.view_ray(x, y)
        length = float(np.linalg.norm(np.subtract(ray[1], ray[0])))
        hits: list[tuple[float, str, int]] = []  # (metres along the ray, layer, cell)
        for layer, mesh in self.scene.meshes.items():
            if not self.scene.actors[layer].visibility:
                continue
            hit = first_hit(self._structure_locator(layer, mesh), ray)
            if hit is not None:
                hits.append((hit[0] * length, layer, hit[2]))
        if not hits:
            return None
        hits.sort()
        nearest = hits[0]
        if nearest[1] in THIN_LAYERS:
            solid = next((h for h in hits if h[1] not in THIN_LAYERS), None)
            if solid is not None and solid[0] - nearest[0] <= THIN_OVER_SOLID_M:
                nearest = solid
        mesh = self.scene.meshes[nearest[1]]
        return structure_names(mesh)[int(mesh.cell_data["structure_index"][nearest[2]])]

    def _structure_locator(self, layer: str, mesh: pv.PolyData) -> vtkStaticCellLocator:
        """The layer's locator, built again when its points moved since (a posed skeleton: a
        touch lands where the bones are seen)."""
        moved_at = mesh.GetPoints().GetMTime()
        kept = self._structure_locators.get(layer)
        if kept is None or kept[1] != moved_at:
            kept = self._structure_locators[layer] = (built_locator(mesh), moved_at)
        return kept[0]

    def describe_structure(self, name: str, words: InLanguage | None = None) -> str:
        """A picked mesh structure in words (English unless `words` says), with its kind and side:
        'Thigh bone (femur) · bone · right'."""
        words = words or self.knowledge.in_language("en")
        base = name.removesuffix("_left").removesuffix("_right")
        side = words.phrase(f"side.{name[len(base) + 1 :]}") if name != base else ""
        layer = next((layer for layer, state in self.scene.colours.items() if name in state.named.cells), "")
        kind = STRUCTURE_KINDS.get(next((p for p in STRUCTURE_KINDS if base.startswith(p)), layer), layer)
        kind = words.phrase(f"kind.{kind}") if f"kind.{kind}" in ENGLISH else kind
        return " · ".join(part for part in (words.title(base), kind, side) if part)

    def view_ray(self, x: float, y: float) -> tuple[list[float], list[float]]:
        """The line under a display position, from the near to the far clipping plane."""
        renderer = self.scene.plotter.renderer
        ends = []
        for depth in (0.0, 1.0):
            renderer.SetDisplayPoint(x, y, depth)
            renderer.DisplayToWorld()
            world = renderer.GetWorldPoint()
            ends.append([world[i] / world[3] for i in range(3)])
        return ends[0], ends[1]

    def source_of(self, name: str) -> str | None:
        """The domain id a picked structure starts pain pathways from (`hip_joint_left` →
        `hip_joint`), or None when the atlas has none that start there."""
        return domain_id(name, (source for source, _title in self.knowledge.sources()))


def built_locator(mesh: pv.PolyData) -> vtkStaticCellLocator:
    """A cell locator of the mesh, built once and kept: each touch gives the meshes new colours,
    and a locator that follows its mesh would be built again at the next pick (~3 ms for the
    skin, before the answer). Only a pose moves them (`Picker` builds those again then)."""
    locator = vtkStaticCellLocator()
    locator.SetDataSet(mesh)
    locator.BuildLocator()
    locator.UseExistingSearchStructureOn()
    return locator


def first_hit(
    locator: vtkStaticCellLocator, ray: tuple[list[float], list[float]]
) -> tuple[float, np.ndarray, int] | None:
    """(distance along the ray as a fraction, point, cell id) of the first cell the ray meets."""
    t, point, pcoords = reference(0.0), [0.0, 0.0, 0.0], [0.0, 0.0, 0.0]
    sub_id, cell_id = reference(0), reference(0)
    # VTK's stub types the out-arguments (t, subId, cellId) as plain numbers, not references
    if not locator.IntersectWithLine(ray[0], ray[1], 1e-6, t, point, pcoords, sub_id, cell_id):  # type: ignore[call-overload]
        return None
    return _number(t), np.asarray(point), int(_number(cell_id))


def _number(out: reference) -> float:
    """The number a VTK out-argument holds."""
    return float(out)  # type: ignore[arg-type]  # VTK's stub gives reference no __float__
