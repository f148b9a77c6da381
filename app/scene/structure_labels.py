"""Labels for the structures in view ("all labels"): placed on the facing side, never
over each other.

Each visible named structure of the shown layers gets one anchor: the vertex of its near slab (the
part facing the camera) closest to its middle. An anchor is kept when it projects into the view and
no other drawn structure (nor a solid skin) lies in front of it on the view ray, cast into cell
locators as the picks are. Labels are then taken in order of importance (bones, then discs and
joints, then nerves, then muscles; larger ones first) and one that would overlap a label already
placed is dropped. Placement runs before a frame once the camera has come to rest; while it
moves the labels are hidden (a placement costs tens of milliseconds on llvmpipe).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from vtkmodules.vtkCommonDataModel import vtkStaticCellLocator

from app.scene.assets import structure_names
from app.scene.highlight import NamedCells
from app.scene.picking import built_locator, first_hit
from app.scene.scene import AnatomyScene

LAYER_RANK = ("bones", "structures", "sheets", "nerves", "muscles")  # importance: a later label yields on overlap
NEAR_SLAB = 0.2  # share of a structure's depth, from its nearest point, that counts as its facing side
OCCLUSION_TOLERANCE_M = 0.004  # a hit this close before the anchor is the structure's own surface
SOLID_SKIN = 0.6  # skin (or a sheet) at least this opaque hides what lies under it
FONT_PX = 12
CHAR_WIDTH = 0.6  # of the font size, for the label's box
PAD_PX = 4
ACTOR = "structure_labels"
ACTOR_PARTS = (f"{ACTOR}-points", f"{ACTOR}-labels")


@dataclass(frozen=True)
class PlacedLabel:
    name: str  # mesh structure name (femur_left)
    text: str
    anchor: np.ndarray  # model point (m)
    box: tuple[float, float, float, float]  # display pixels x0, y0, x1, y1 (origin bottom left)


def boxes_overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class StructureLabels:
    def __init__(self, scene: AnatomyScene, namer: Callable[[str], str]) -> None:
        self.scene = scene
        self.namer = namer  # mesh name -> the words on the label
        self.shown = False
        self.placed: list[PlacedLabel] = []
        self._placed_for: tuple[object, ...] | None = None
        self._actor_up = False
        self._vertices: dict[str, dict[str, np.ndarray]] = {}  # made when labels are first placed
        self._locators: dict[str, vtkStaticCellLocator] = {}
        self._owners: dict[str, tuple[list[str], np.ndarray]] = {}
        scene.frames.before_frame(self._prepare)

    def _layer_vertices(self, layer: str) -> dict[str, np.ndarray]:
        """Each named structure's vertices in one layer (worked out once, on first use: a start
        should not pay for labels nobody asked for)."""
        if layer not in self._vertices:
            mesh = self.scene.meshes[layer]
            faces = mesh.regular_faces if mesh.is_all_triangles else None
            self._vertices[layer] = {
                name: (
                    np.unique(faces[cells])
                    if faces is not None
                    else np.unique(np.concatenate([mesh.get_cell(int(c)).point_ids for c in cells]))
                )
                for name, cells in NamedCells.of(mesh).cells.items()
                if len(cells)
            }
        return self._vertices[layer]

    def show(self, on: bool) -> None:
        self.shown = on
        self._placed_for = None
        self.scene.frames.request()

    # -- placement (pure: no actors) ----------------------------------------------------------
    def _locator(self, layer: str) -> vtkStaticCellLocator:
        if layer not in self._locators:
            self._locators[layer] = built_locator(
                self.scene.skin_surface if layer == "skin" else self.scene.meshes[layer]
            )
        return self._locators[layer]

    def _occluders(self) -> list[str]:
        layers = [
            layer for layer, actor in self.scene.actors.items() if actor.visibility and actor.prop.opacity >= SOLID_SKIN
        ]  # see-through sheets hide nothing
        state = self.scene.state
        if self.scene.skin_actor.visibility and state.skin_opacity >= SOLID_SKIN:
            layers.append("skin")
        return layers

    def _in_front(self, eye: np.ndarray, anchor: np.ndarray, layers: list[str]) -> tuple[str, int] | None:
        """The first (layer, cell) on the ray from the eye that lies clearly before the anchor."""
        length = float(np.linalg.norm(anchor - eye))
        stop = eye + (anchor - eye) * (1 - OCCLUSION_TOLERANCE_M / length)
        best: tuple[float, str, int] | None = None
        for layer in layers:
            hit = first_hit(self._locator(layer), (eye.tolist(), stop.tolist()))
            if hit is not None and (best is None or hit[0] < best[0]):
                best = (hit[0], layer, hit[2])
        return None if best is None else (best[1], best[2])

    def _owner(self, layer: str, cell: int) -> str | None:
        if layer == "skin":
            return None
        if layer not in self._owners:
            mesh = self.scene.meshes[layer]
            self._owners[layer] = (structure_names(mesh), np.asarray(mesh.cell_data["structure_index"]))
        names, index = self._owners[layer]
        return names[int(index[cell])]

    def place(self) -> list[PlacedLabel]:
        """The labels for the camera and layers as they are now."""
        renderer = self.scene.plotter.renderer
        camera = self.scene.plotter.camera
        eye = np.asarray(camera.position, dtype=float)
        toward_eye = eye - np.asarray(camera.focal_point, dtype=float)
        toward_eye /= np.linalg.norm(toward_eye)
        width, height = renderer.GetSize()
        occluders = self._occluders()
        candidates: list[tuple[tuple[int, float], str, np.ndarray, float, float]] = []
        seen: set[str] = set()
        for rank, layer in enumerate(LAYER_RANK):
            if layer not in self.scene.meshes or not self.scene.actors[layer].visibility:
                continue
            points = np.asarray(self.scene.meshes[layer].points)
            for name, ids in self._layer_vertices(layer).items():
                if name in seen:  # drawn in two layers (a muscle's line and its shape): one label
                    continue
                seen.add(name)
                own = points[ids]
                depth = own @ toward_eye
                near, far = depth.max(), depth.min()
                slab = own[depth >= near - NEAR_SLAB * max(near - far, 1e-6)]
                middle = own.mean(axis=0)
                across = (slab - middle) - np.outer((slab - middle) @ toward_eye, toward_eye)
                anchor = slab[int(np.argmin(np.linalg.norm(across, axis=1)))]
                renderer.SetWorldPoint(*anchor, 1.0)
                renderer.WorldToDisplay()
                x, y, z = renderer.GetDisplayPoint()
                if not (0 <= x < width and 0 <= y < height and 0 <= z <= 1):
                    continue
                extent = float(np.ptp(own, axis=0).max())
                candidates.append(((rank, -extent), name, anchor, x, y))
        # the overlap test first: the view ray (the costly part) is cast only for labels that fit
        placed: list[PlacedLabel] = []
        font_px = self.font_px()
        for _order, name, anchor, x, y in sorted(candidates, key=lambda c: c[0]):
            text = self.namer(name)
            box = (x, y, x + len(text) * font_px * CHAR_WIDTH + 2 * PAD_PX, y + font_px + 2 * PAD_PX)
            if box[2] > width or box[3] > height:
                box = (x - (box[2] - box[0]), y - (box[3] - box[1]), x, y)
            if any(boxes_overlap(box, other.box) for other in placed):
                continue
            blocker = self._in_front(eye, anchor, occluders)
            if blocker is not None and self._owner(*blocker) != name:
                continue
            placed.append(PlacedLabel(name, text, anchor, box))
        return placed

    # -- actors ----------------------------------------------------------------------------
    def _view_key(self) -> tuple[object, ...]:
        camera = self.scene.plotter.camera
        return (
            tuple(camera.position),
            tuple(camera.focal_point),
            tuple(camera.up),
            camera.view_angle,
            tuple(self.scene.plotter.renderer.GetSize()),
            tuple(self._occluders()),
            self.font_px(),
        )

    def font_px(self) -> int:
        return self.scene.text_px(FONT_PX)

    def _prepare(self) -> None:
        if not self.shown or self.scene.frames.moving:
            self._remove_actor()
            if not self.shown:
                self.placed = []
            self._placed_for = None
            return
        key = self._view_key()
        if key == self._placed_for:
            return
        self._placed_for = key
        self.placed = self.place()
        self._remove_actor()
        if self.placed:
            self.scene.plotter.add_point_labels(
                np.array([p.anchor for p in self.placed]),
                [p.text for p in self.placed],
                name=ACTOR,
                font_size=self.font_px(),
                point_size=4,
                point_color="#ffffff",
                shape_opacity=0.65,
                always_visible=True,
                reset_camera=False,
                pickable=False,
                render=False,
            )
            self._actor_up = True

    def _remove_actor(self) -> None:
        if self._actor_up:
            for part in ACTOR_PARTS:  # add_point_labels names its two actors after `name`
                self.scene.plotter.renderer.remove_actor(part, render=False)
            self._actor_up = False

    def close(self) -> None:
        self._remove_actor()
