"""The study picture on the 3D body: what a quiz question lights and marks, the answer
shown after it, an isolated structure, a nerve followed from root to skin.

The UI hands over a `Picture` of domain ids, territory ids and skin vertices; it is applied just
before the next frame (one update for a burst of changes), with actors made once and reused.
Structures are lit with `AnatomyScene.light` (the rest fades), territories as skin layers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkIdList, vtkPoints
from vtkmodules.vtkFiltersGeneral import vtkOBBTree

from app.domain.query import Side
from app.scene.camera_moves import VIEW_DIRECTIONS
from app.scene.highlight import geometry_names
from app.scene.overlays import cut_along_labels, hex_to_rgb
from app.scene.scene import AnatomyScene
from app.scene.skin_labels import SkinLabels

TERRITORY_PREFIXES = ("dermatome_", "field_", "region_")
FACING = 0.3  # a spot faces the camera when its skin normal is at most ~70° from the view
SPOT_AREA_M = 0.05  # a lit spot is turned to with the skin this close round it
SAME_WAY = 0.7  # ... that faces about the same way as the spot (normals within ~45°)
FACING_SAMPLE = 60  # skin vertices tried per direction when turning to an area
STRUCTURE_SAMPLE = 300  # points of a lit structure whose nearest skin is turned to
BONE_SELF_M = 0.03  # a bone this close to a lit structure's point is the structure itself
TURN_STEPS = 16  # directions tried round the body (every 22.5°), level and from above, and from below
ELEVATIONS_DEG = (0.0, 40.0)  # from above shows the top of the foot
KEEP_SHARE = 0.8  # no turn when the camera shows an area this well against the best turn
RAY_START_M = 0.004  # a ray leaves the skin this far out, so it does not hit its own vertex
RAY_LENGTH_M = 3.0
SKIN_LAYER = "study_{}"
SKIN_OPACITY = 0.75
MARK_RADIUS_M = 0.011
SPOT_RADIUS_M = 0.016
MARK_COLOUR = "#ffffff"
SPOT_COLOUR = "#ffdd00"
MAX_SKIN_LAYERS = 4
CUTS_KEPT = 4  # the skin cut along the last few tinted territories (~150 ms to make one)

ASK = "#ffdd00"  # what a question is about
RIGHT = "#44aa99"  # the correct answer (Paul Tol: teal, colour-blind safe with the wrong colour)
FOLLOW = "#ee7733"


def is_territory(any_id: str) -> bool:
    return any_id.startswith(TERRITORY_PREFIXES)


@dataclass(frozen=True)
class Picture:
    lit: tuple[tuple[str, str], ...] = ()  # (domain id or mesh name, colour): structures to light
    skin: tuple[tuple[str, str], ...] = ()  # (territory id, colour): skin to tint
    side: Side | None = None  # the side to light (None: both)
    marks: tuple[int, ...] = ()  # skin vertices touched
    spot: int | None = None  # the skin vertex a question is about

    @classmethod
    def of(cls, ids: tuple[str, ...], colour: str, side: Side | None = None) -> Picture:
        """Territory ids on the skin, the other ids as structures, all in one colour."""
        return cls(
            lit=tuple((i, colour) for i in ids if not is_territory(i)),
            skin=tuple((i, colour) for i in ids if is_territory(i)),
            side=side,
        )

    def plus(self, other: Picture) -> Picture:
        """Both pictures; `other`'s colours win where they share a structure."""
        return Picture(
            self.lit + other.lit,
            self.skin + other.skin,
            other.side or self.side,
            self.marks + other.marks,
            other.spot if other.spot is not None else self.spot,
        )


class StudyView:
    def __init__(self, scene: AnatomyScene, labels: SkinLabels, geometry: set[str]) -> None:
        self.scene = scene
        self.labels = labels
        self.geometry = geometry
        self.picture: Picture | None = None
        self._stale = False
        self._lit_any = False
        self._normals: np.ndarray | None = None
        self._obb: vtkOBBTree | None = None  # the skin, for what hides what
        self._bones: vtkOBBTree | None = None  # the bones, for what hides a lit structure
        self._cut: pv.PolyData | None = None  # the skin cut along the tinted territories, while drawn
        self._cuts: dict[tuple[object, ...], pv.PolyData] = {}
        self._marks = scene.add_overlay(pv.Sphere(radius=MARK_RADIUS_M), "study_marks", color=MARK_COLOUR, ambient=0.5)
        self._spot = scene.add_overlay(pv.Sphere(radius=SPOT_RADIUS_M), "study_spot", color=SPOT_COLOUR, ambient=0.6)
        self._marks.visibility = self._spot.visibility = False
        scene.frames.before_frame(self._prepare)

    @property
    def normals(self) -> np.ndarray:
        if self._normals is None:  # pyvista works the normals out afresh on every access
            self._normals = np.asarray(self.scene.skin_surface.point_normals)
        return self._normals

    def near(self, point_id: int, radius_m: float = SPOT_AREA_M) -> np.ndarray:
        """The skin round a quiz's lit spot: vertices within `radius_m` of it that face the same way
        (not the sole under a spot on the top of a toe)."""
        found = vtkIdList()
        self.labels.locator.FindPointsWithinRadius(radius_m, self.labels.points[point_id], found)
        ids = np.array([found.GetId(i) for i in range(found.GetNumberOfIds())], dtype=int)
        facing: np.ndarray = ids[self.normals[ids] @ self.normals[point_id] >= SAME_WAY]
        return facing

    def structure_points(self, ids: tuple[str, ...], side: Side | None) -> np.ndarray:
        """A sample of the drawn points of the structures among `ids` (a nerve, a joint, a disc)."""
        names = {
            name for any_id in ids if not is_territory(any_id) for name in geometry_names(any_id, side, self.geometry)
        }
        parts = []
        for layer, colours in self.scene.colours.items():
            cells = [colours.named.cells[name] for name in names if name in colours.named.cells]
            if cells:
                parts.append(np.asarray(self.scene.meshes[layer].extract_cells(np.concatenate(cells)).points))
        points = np.concatenate(parts) if parts else np.zeros((0, 3))
        return points[:: max(1, len(points) // STRUCTURE_SAMPLE)]

    def clear_from(self, points: np.ndarray, direction: np.ndarray) -> float:
        """The share of `points` that no bone hides from a direction (a bone within BONE_SELF_M of a
        point is the lit bone itself, e.g. the fibula's head)."""
        if len(points) == 0:
            return 0.0
        if self._bones is None:
            self._bones = vtkOBBTree()
            self._bones.SetDataSet(self.scene.meshes["bones"])
            self._bones.BuildLocator()
        clear = 0
        hits = vtkPoints()
        for point in points:
            self._bones.IntersectWithLine(point, point + RAY_LENGTH_M * direction, hits, None)
            far = [hits.GetPoint(i) for i in range(hits.GetNumberOfPoints())]
            clear += not any(np.linalg.norm(np.asarray(hit) - point) > BONE_SELF_M for hit in far)
        return clear / len(points)

    def facing_structures(self, ids: tuple[str, ...], side: Side | None) -> tuple[float, float, float] | None:
        """The direction to look from so that the structures among `ids` show through the see-through
        skin: from where the skin nearest them faces the camera and no bone stands in front (None:
        no such structure drawn, or the camera shows them about as well already)."""
        points = self.structure_points(ids, side)
        if len(points) == 0:
            return None
        skin = np.unique([self.labels.locator.FindClosestPoint(point) for point in points])
        sample = points[:: max(1, len(points) // FACING_SAMPLE)]
        return self._best_turn(lambda d: self.shown_from(skin, d) * self.clear_from(sample, d))

    def shown_from(self, vertices: np.ndarray, direction: np.ndarray) -> float:
        """How well skin vertices show from a direction: the mean over a sample of them of how
        squarely each faces it (0 when turned away or hidden behind other skin, e.g. the other leg)."""
        if len(vertices) == 0:
            return 0.0
        sample = vertices[:: max(1, len(vertices) // FACING_SAMPLE)]
        if self._obb is None:
            self._obb = vtkOBBTree()
            self._obb.SetDataSet(self.scene.skin_surface)
            self._obb.BuildLocator()
        total = 0.0
        for vertex in sample:
            facing = float(self.normals[vertex] @ direction)
            if facing < FACING:
                continue
            start = self.labels.points[vertex] + RAY_START_M * self.normals[vertex]
            if self._obb.IntersectWithLine(start, start + RAY_LENGTH_M * direction, None, None) == 0:
                total += facing
        return total / len(sample)

    def facing(self, vertices: np.ndarray) -> tuple[float, float, float] | None:
        """The direction to look from so that these skin vertices face the camera (round the body's
        vertical axis, level or from above, or from below for the soles), or None when the camera already shows them
        about as well as the best turn would."""
        return self._best_turn(lambda d: self.shown_from(vertices, d))

    def _best_turn(self, score: Callable[[np.ndarray], float]) -> tuple[float, float, float] | None:
        candidates = [
            np.array([np.sin(a) * np.cos(e), np.cos(a) * np.cos(e), np.sin(e)])
            for e in np.radians(ELEVATIONS_DEG)
            for a in np.linspace(0, 2 * np.pi, TURN_STEPS, endpoint=False)
        ]
        candidates.append(np.array(VIEW_DIRECTIONS["plantar"][0]))
        scores = [score(d) for d in candidates]
        best = int(np.argmax(scores))
        if scores[best] == 0.0 or score(self.scene.camera_direction()) >= KEEP_SHARE * scores[best]:
            return None
        x, y, z = (float(v) for v in candidates[best])
        return (x, y, z)

    def show(self, picture: Picture | None) -> None:
        """Show this picture from the next frame on (None: the plain body)."""
        self.picture = picture
        self._stale = True
        self.scene.frames.request()

    def lit_names(self, picture: Picture) -> dict[str, str]:
        """Mesh structure name -> colour for a picture's structures."""
        out: dict[str, str] = {}
        for any_id, colour in picture.lit:
            for name in geometry_names(any_id, picture.side, self.geometry):
                out[name] = colour
        return out

    def skin_mask(self, territory: str, side: Side | None) -> np.ndarray:
        return self.labels.territory_mask(territory, side)

    def _prepare(self) -> None:
        if not self._stale and (self._cut is None or self.scene.skin_drawn is self._cut):
            return  # (another view drew the skin whole again: the tint's cut is put back)
        self._stale = False
        picture = self.picture or Picture()
        lit = self.lit_names(picture)
        if lit or self._lit_any:  # never undo what another view lit when this one lit nothing
            self.scene.light(lit)
            self._lit_any = bool(lit)
        colours = list(dict.fromkeys(colour for _territory, colour in picture.skin))[:MAX_SKIN_LAYERS]
        masks = []
        for colour in colours:
            mask = np.zeros(len(self.labels.points), dtype=bool)
            for territory, tint in picture.skin:
                if tint == colour:
                    mask |= self.skin_mask(territory, picture.side)
            masks.append(mask)
        self._tint_skin(picture, colours, masks)
        if picture.marks:
            points = pv.PolyData(self.labels.points[list(picture.marks)])
            self._marks.mapper.SetInputData(
                points.glyph(geom=pv.Sphere(radius=MARK_RADIUS_M), scale=False, orient=False)
            )
        self._marks.visibility = bool(picture.marks)
        if picture.spot is not None:
            self._spot.position = self.labels.points[picture.spot]
        self._spot.visibility = picture.spot is not None
        self.scene.refresh_skin()

    def _tint_skin(self, picture: Picture, colours: list[str], masks: list[np.ndarray]) -> None:
        """Tint the territories on the skin cut along their edges, so an edge is a smooth curve
        rather than a saw-tooth of whole triangles; per whole triangle only while a map or the
        reverse view owns the skin's cut."""
        scene = self.scene
        own = scene.skin_drawn is scene.skin_surface or scene.skin_drawn is self._cut
        if any(mask.any() for mask in masks) and scene.state.overlay == "none" and own:
            labels = np.zeros(len(self.labels.points), dtype=np.int64)
            for index, mask in enumerate(masks):
                labels[mask] = index + 1  # a later colour wins where territories share skin
            key = (picture.skin, picture.side)
            if key not in self._cuts:
                if len(self._cuts) >= CUTS_KEPT:
                    self._cuts.pop(next(iter(self._cuts)))
                self._cuts[key] = cut_along_labels(scene.skin_surface, labels)
            self._cut = self._cuts[key]
            scene.draw_skin_cut(self._cut)
            cut_labels = np.asarray(self._cut.cell_data["label"])
            for index in range(MAX_SKIN_LAYERS):
                name = SKIN_LAYER.format(index)
                if index < len(colours):
                    weights = (cut_labels == index + 1).astype(float)
                    scene.skin_layers.set_layer(name, hex_to_rgb(colours[index]), weights, SKIN_OPACITY, cut=True)
                else:
                    scene.skin_layers.remove_layer(name)
            return
        if self._cut is not None and scene.skin_drawn is self._cut:
            scene.draw_skin_cut(None)
        self._cut = None
        for index in range(MAX_SKIN_LAYERS):
            shown = masks[index] if index < len(masks) else None
            colour = colours[index] if index < len(colours) else "#ffffff"
            scene.set_skin_layer(SKIN_LAYER.format(index), shown, colour, opacity=SKIN_OPACITY)
