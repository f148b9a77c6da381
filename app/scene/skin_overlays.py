"""Territory maps on the skin: dermatomes (Lee 2008 or Keegan & Garrett 1948), nerve fields, regions.

One layer on the one skin mesh (STYLE.md habit 4), crisp boundary lines, a legend, labels on
demand, and hatching where the two dermatome maps disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkSelectVisiblePoints

from app.domain.phrases import OVERLAY_NAMES
from app.domain.view_state import SolidSkinUnderMaps, ViewState
from app.scene.overlays import boundary_edges, cut_along_labels, labels_to_layer, territory_colours
from app.scene.scene import AnatomyScene
from app.scene.skin_labels import LABEL_ARRAYS, SkinLabels
from app.scene.structure_labels import boxes_overlap

OVERLAY_ARRAYS = {
    "dermatomes": "dermatome",
    "dermatomes_keegan": "dermatome_keegan",
    "nerves": "cutaneous_nerve",
    "regions": "region",
}
OVERLAY_TITLES = OVERLAY_NAMES  # in English; `InLanguage.phrase(f"overlay.{key}")` in any language
BOUNDARY_COLOUR = "#1b1b1b"
BOUNDARY_WIDTH_PX = {False: 1.5, True: 3.0}  # thicker in the high-contrast theme
OVERLAY_OPACITY = 0.9
HATCH_COLOUR = "#ffffff"
HATCH_OPACITY = 0.8
HATCH_SPACING_M = 0.012
LABEL_MIN_VERTICES = 25  # smaller patches (of skin facing one way) get no label
LABEL_FONT_PX = 11
LABELS_ACTOR = "overlay_labels"
FACING_MIN = 0.15  # cosine between a label's skin normal and the view: below it the skin faces away
# A territory gets a label candidate for each patch of it that faces one of these ways (front,
# back, out to either side, up, down), so a strip that wraps round the thigh or the trunk is
# named on the front and on the back alike, each where it shows.
PATCH_DIRECTIONS = ((0, 1, 0), (0, -1, 0), (1, 0, 0), (-1, 0, 0), (0, 0, 1), (0, 0, -1))
PATCH_FACING = 0.5  # a vertex belongs to a direction's patch within 60° of it
MIDLINE_M = 0.04  # a label this close to the midline names its territory on both sides of the body
SAME_PATCH_M = 0.25  # two labels of a territory on one side closer than this name one patch


class SkinOverlays:
    def __init__(self, scene: AnatomyScene, labels: SkinLabels, namer: MapNamer | None = None) -> None:
        self.scene = scene
        self.labels = labels
        self.namer: MapNamer = namer or plain_map_name  # (overlay, territory label) -> the words shown
        self.state: ViewState = scene.state
        self._solid_skin = SolidSkinUnderMaps(self.state)
        self.legend: list[tuple[str, str]] = []  # (name, colour) of the overlay shown
        self._actors: list[str] = []
        self._cuts: dict[str, pv.PolyData] = {}  # the skin cut along each map's boundaries, made once
        self._label_candidates: list[MapLabel] = []
        self._anchors: dict[str, list[tuple[int, int, int]]] = {}  # map -> (territory, vertex, size) of its labels
        self.placed_labels: list[MapLabel] = []
        self._placed_for: tuple[object, ...] | None = None
        scene.frames.before_frame(self._place_labels)
        self._connections: list[tuple[object, Callable[..., None]]] = [
            (self.state.events.overlay, self._on_overlay_change),
            (self.state.events.show_map_differences, self._on_overlay_change),
            (self.state.events.show_labels, self._on_overlay_change),
            (self.state.events.high_contrast, self._on_overlay_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)  # type: ignore[attr-defined]
        self.apply()

    def close(self) -> None:
        self._solid_skin.close()
        for signal, slot in self._connections:
            signal.disconnect(slot)  # type: ignore[attr-defined]
        self._connections.clear()

    def _on_overlay_change(self, _value: object) -> None:
        self.apply()

    def set_namer(self, namer: MapNamer) -> None:
        """Name the map's territories in these words (the panel's, in its language) from now on."""
        self.namer = namer
        self.apply()

    def apply(self) -> None:
        plotter = self.scene.plotter
        for name in self._actors:
            plotter.renderer.remove_actor(name, render=False)
        self._actors = []
        self.legend = []
        overlay = self.state.overlay
        if overlay in OVERLAY_ARRAYS:
            array = OVERLAY_ARRAYS[overlay]
            names = self.labels.names[LABEL_ARRAYS[array]]
            colours = territory_colours(LABEL_ARRAYS[array], names)
            cut = self.cut(overlay)
            self.scene.draw_skin_cut(cut)
            cell_labels = np.asarray(cut.cell_data[array])
            cell_colours, weights = labels_to_layer(cell_labels, colours)
            self.scene.skin_layers.set_layer("overlay", cell_colours, weights, OVERLAY_OPACITY, cut=True)
            present = sorted(set(cell_labels[cell_labels >= 0].tolist()))
            self.legend = [(names[i], _hex(colours[i])) for i in present]
            self._add_boundaries(cut, cell_labels)
            if self.state.show_map_differences and "dermatome_keegan" in cut.cell_data:
                hatch = np.asarray(pv.Color(HATCH_COLOUR).float_rgb)
                self.scene.skin_layers.set_layer(
                    "differences", hatch, _hatched_differences(cut), HATCH_OPACITY, cut=True
                )
            self._label_candidates = []
            if self.state.show_labels:
                self._add_labels(overlay, array, names)
        else:
            self._label_candidates = []
            self.scene.draw_skin_cut(None)
        self.scene.refresh_skin()
        self.scene.frames.request()

    def legend_in_view(self, min_cells: int = 3) -> list[tuple[str, str]]:
        """The legend entries whose territory shows in the last frame drawn (z-buffer test of
        the cut's cell centres), for a picture that names only what it shows."""
        overlay = self.state.overlay
        if overlay not in OVERLAY_ARRAYS:
            return []
        cut = self.cut(overlay)
        centres = pv.PolyData(np.asarray(cut.points)[cut.regular_faces].mean(axis=1))
        centres.point_data["label"] = np.asarray(cut.cell_data[OVERLAY_ARRAYS[overlay]])
        select = vtkSelectVisiblePoints()
        select.SetRenderer(self.scene.plotter.renderer)
        select.SetInputData(centres)
        select.Update()
        seen = pv.wrap(select.GetOutput())
        names = self.labels.names[LABEL_ARRAYS[OVERLAY_ARRAYS[overlay]]]
        labels = np.asarray(seen.point_data["label"]) if seen.n_points else np.zeros(0, int)
        counts = np.bincount(labels[labels >= 0], minlength=len(names))
        return [(name, colour) for name, colour in self.legend if counts[names.index(name)] >= min_cells]

    def cut(self, overlay: str) -> pv.PolyData:
        """The skin cut along the overlay's boundaries, with its labels per cell. Both dermatome
        maps share one cut (along the boundaries of either), so their differences are crisp too."""
        key = "dermatomes" if overlay.startswith("dermatomes") else overlay
        if key not in self._cuts:
            surface = self.scene.skin_surface
            if key == "dermatomes":
                lee, keegan = self.labels.labels["dermatome"], self.labels.labels["dermatome_keegan"]
                base = len(self.labels.names["dermatome_names"]) + 1
                cut = cut_along_labels(surface, (lee.astype(np.int64) + 1) * base + keegan + 1)
                cut.cell_data["dermatome"] = cut.cell_data["label"] // base - 1
                cut.cell_data["dermatome_keegan"] = cut.cell_data["label"] % base - 1
            else:
                array = OVERLAY_ARRAYS[key]
                cut = cut_along_labels(surface, self.labels.labels[array])
                cut.cell_data[array] = cut.cell_data["label"]
            self._cuts[key] = cut
        return self._cuts[key]

    def _add_boundaries(self, cut: pv.PolyData, cell_labels: np.ndarray) -> None:
        edges = boundary_edges(cut.regular_faces, cell_labels)
        if len(edges) == 0:
            return
        lines = np.column_stack([np.full(len(edges), 2), edges]).ravel()
        mesh = pv.PolyData(np.asarray(cut.points), lines=lines)
        self.scene.plotter.add_mesh(
            mesh,
            color=BOUNDARY_COLOUR,
            line_width=BOUNDARY_WIDTH_PX[self.state.high_contrast],
            name="overlay_boundaries",
            reset_camera=False,
            pickable=False,
            lighting=False,
            render=False,
        )
        self._actors.append("overlay_boundaries")

    def _add_labels(self, overlay: str, array: str, names: tuple[str, ...]) -> None:
        """Label candidates of every territory (one per patch facing one way, see `patch_anchors`);
        which of them show is decided per view (`_place_labels`)."""
        normals = np.asarray(self.scene.skin_surface.point_normals)
        if array not in self._anchors:  # worked out once per map
            edges = skin_edges(self.scene.skin_faces)
            values = self.labels.labels[array]
            self._anchors[array] = [
                (index, vertex, size)
                for index in range(len(names))
                for vertex, size in patch_anchors(np.flatnonzero(values == index), self.labels.points, normals, edges)
            ]
        self._label_candidates = [
            MapLabel(self.namer(overlay, names[index]), self.labels.points[vertex], normals[vertex], size)
            for index, vertex, size in self._anchors[array]
        ]
        self._placed_for = None

    def _place_labels(self) -> None:
        """Before a frame: the labels that face the camera and do not overlap a larger patch's
        label, placed again whenever the camera comes to rest; none while it moves."""
        plotter = self.scene.plotter
        if not self._label_candidates or self.scene.frames.moving:
            if self.placed_labels:
                plotter.renderer.remove_actor(LABELS_ACTOR, render=False)
                self.placed_labels = []
            self._placed_for = None
            return
        camera = plotter.camera
        font_px = self.scene.text_px(LABEL_FONT_PX)
        key = (
            tuple(camera.position),
            tuple(camera.focal_point),
            tuple(camera.up),
            tuple(plotter.renderer.GetSize()),
            font_px,
        )
        if key == self._placed_for:
            return
        self._placed_for = key
        self.placed_labels = place_map_labels(
            self._label_candidates, plotter.renderer, np.asarray(camera.position), font_px
        )
        plotter.renderer.remove_actor(LABELS_ACTOR, render=False)
        if self.placed_labels:
            plotter.add_point_labels(
                np.array([label.anchor for label in self.placed_labels]),
                [label.text for label in self.placed_labels],
                name=LABELS_ACTOR,
                font_size=font_px,
                point_size=1,
                shape_opacity=0.6,
                always_visible=True,
                reset_camera=False,
                pickable=False,
                render=False,
            )


MapNamer = Callable[[str, str], str]


def plain_map_name(overlay: str, label: str) -> str:
    """A territory's label as words when no language is at hand: `S4_S5` -> S4–S5, `big_toe` -> big toe."""
    return label.replace("_", "–") if overlay.startswith("dermatomes") else label.replace("_", " ")


def skin_edges(faces: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each edge of a triangle mesh once (k × 2 point ids), and which points lie on its open edge
    (the crop at the ribs: a label's patch ends there)."""
    pairs = np.sort(np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1).astype(np.int64)
    n = int(pairs.max()) + 1
    code, count = np.unique(pairs[:, 0] * n + pairs[:, 1], return_counts=True)
    edges = np.column_stack([code // n, code % n])
    open_edge = np.zeros(n, dtype=bool)
    open_edge[edges[count == 1].ravel()] = True
    return edges, open_edge


def patch_anchors(
    members: np.ndarray, points: np.ndarray, normals: np.ndarray, edges: tuple[np.ndarray, np.ndarray]
) -> list[tuple[int, int]]:
    """(anchor vertex, vertices) of each patch of a territory's vertices that faces one of
    PATCH_DIRECTIONS: its connected pieces, each anchored well inside (`_inside_middle`), so a
    label sits on what shows of the territory, never on its edge or where the skin turns away."""
    found: list[tuple[int, int]] = []
    pairs, open_edge = edges
    members = members[~open_edge[members]]
    if len(members) < LABEL_MIN_VERTICES:
        return found
    n = len(normals)
    for direction in np.asarray(PATCH_DIRECTIONS, dtype=float):
        facing = np.zeros(n, dtype=bool)
        facing[members[normals[members] @ direction >= PATCH_FACING]] = True
        if facing.sum() < LABEL_MIN_VERTICES:
            continue
        inner = pairs[facing[pairs[:, 0]] & facing[pairs[:, 1]]]
        for piece in _pieces(np.flatnonzero(facing), inner, n):
            if len(piece) >= LABEL_MIN_VERTICES:
                found.append((_inside_middle(piece, pairs, points), len(piece)))
    return found


def _pieces(vertices: np.ndarray, edges: np.ndarray, n: int) -> list[np.ndarray]:
    """The connected pieces of `vertices` joined by `edges` (label propagation with pointer jumping)."""
    local = np.full(n, -1)
    local[vertices] = np.arange(len(vertices))
    ends = local[edges]
    label = np.arange(len(vertices))
    while len(ends):
        low = np.minimum(label[ends[:, 0]], label[ends[:, 1]])
        new = label.copy()
        np.minimum.at(new, ends[:, 0], low)
        np.minimum.at(new, ends[:, 1], low)
        new = new[new]
        if np.array_equal(new, label):
            break
        label = new
    return [vertices[label == root] for root in np.unique(label)]


def _inside_middle(piece: np.ndarray, edges: np.ndarray, points: np.ndarray) -> int:
    """The vertex of a piece nearest its middle among those at least half as deep inside it as
    its deepest (depth: rings peeled off its edge before the vertex goes)."""
    inside = np.zeros(len(points), dtype=bool)
    inside[piece] = True
    edges = edges[inside[edges[:, 0]] | inside[edges[:, 1]]]  # only these can cross its edge
    depth = np.zeros(len(points), dtype=int)
    while inside.any():
        depth[inside] += 1
        crossing = inside[edges[:, 0]] != inside[edges[:, 1]]
        inside[edges[crossing].ravel()] = False
    deep = piece[depth[piece] * 2 >= depth[piece].max()]
    middle = points[piece].mean(axis=0)
    return int(deep[np.argmin(np.linalg.norm(points[deep] - middle, axis=1))])


@dataclass(frozen=True)
class MapLabel:
    text: str
    anchor: np.ndarray
    normal: np.ndarray
    size: int  # skin vertices of the patch


def place_map_labels(
    candidates: list[MapLabel], renderer: object, eye: np.ndarray, font_px: int = LABEL_FONT_PX
) -> list[MapLabel]:
    """The labels on skin facing the eye, inside the view, none over another: bigger patches
    first, as seen (a patch seen edge-on counts for less), each patch once."""
    width, height = renderer.GetSize()  # type: ignore[attr-defined]
    facing: list[tuple[float, MapLabel]] = []
    for label in candidates:
        toward_eye = eye - label.anchor
        cosine = float(label.normal @ toward_eye) / float(np.linalg.norm(toward_eye))
        if cosine > FACING_MIN:  # else the far side of the body, seen through it
            facing.append((label.size * cosine, label))
    placed: list[tuple[MapLabel, tuple[float, float, float, float]]] = []
    for _, label in sorted(facing, key=lambda pair: -pair[0]):
        if any(_same_patch(other, label) for other, _ in placed):
            continue  # a patch is named once, from the side it shows best
        renderer.SetWorldPoint(*label.anchor, 1.0)  # type: ignore[attr-defined]
        renderer.WorldToDisplay()  # type: ignore[attr-defined]
        x, y, _ = renderer.GetDisplayPoint()  # type: ignore[attr-defined]
        box = label_box(label.text, x, y, font_px)  # the text starts at its point
        if not (box[0] >= 0 and box[2] <= width and 0 <= y <= height) or any(
            boxes_overlap(box, other) for _, other in placed
        ):
            continue
        placed.append((label, box))
    return [label for label, _ in placed]


def label_box(text: str, x: float, y: float, font_px: int) -> tuple[float, float, float, float]:
    """The display box of a map label whose text starts at (x, y)."""
    return (x - 3, y - font_px * 0.7, x + len(text) * font_px * 0.6 + 3, y + font_px * 0.7)


def _same_patch(a: MapLabel, b: MapLabel) -> bool:
    """Labels of one territory near each other on one side of the body (or across the midline)."""
    x, y = float(a.anchor[0]), float(b.anchor[0])
    same_side = min(abs(x), abs(y)) < MIDLINE_M or (x > 0) == (y > 0)
    return a.text == b.text and same_side and float(np.linalg.norm(a.anchor - b.anchor)) < SAME_PATCH_M


def _hatched_differences(cut: pv.PolyData) -> np.ndarray:
    """Weight 1 on diagonal stripes of the cells where the Lee and Keegan maps disagree."""
    lee, keegan = np.asarray(cut.cell_data["dermatome"]), np.asarray(cut.cell_data["dermatome_keegan"])
    centres = np.asarray(cut.points)[cut.regular_faces].mean(axis=1)
    stripes = np.floor((centres[:, 0] + centres[:, 2]) / HATCH_SPACING_M) % 2
    weights: np.ndarray = ((lee != keegan) & (lee >= 0) & (keegan >= 0)) * stripes
    return weights


def _hex(rgb: np.ndarray) -> str:
    return "#" + "".join(f"{round(v * 255):02x}" for v in rgb)
