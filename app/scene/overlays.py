"""Named colour layers blended onto one skin mesh (STYLE.md habit 4, after MNE's LayeredMesh).

Layers hold one colour and one weight per skin cell; toggling a layer re-blends the colours
of the single skin actor instead of adding actors. A map is drawn on the skin cut along its own
boundaries (`cut_along_labels`), so its edges are crisp curves rather than a triangle saw-tooth.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pyvista as pv

# The fallback for territories the tables below do not name (a rebuilt model): Paul Tol's
# colour-blind-safe qualitative palettes ("muted" then "light"), cycling.
TERRITORY_PALETTE = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#77AADD",
    "#EE8866",
    "#EEDD88",
    "#FFAABB",
    "#99DDFF",
    "#BBCC33",
    "#AAAA00",
)
# Each skin map's colours by territory, drawn from Paul Tol's qualitative palettes (bright,
# vibrant, muted, light, pale; the darkest left out so the boundary lines and labels stay
# visible) so that territories sharing a boundary on the skin stay apart in normal vision and
# under simulated protanopia, deuteranopia and tritanopia (tests/scene/test_colour_vision.py,
# figures from tools/palette_report.py). Both dermatome maps share a table: a level keeps its
# colour from one map to the other.
MAP_COLOURS: dict[str, dict[str, str]] = {
    "dermatome_names": {
        "T10": "#4477AA",
        "T11": "#CC3311",
        "T12": "#33BBEE",
        "L1": "#DDAA33",
        "L2": "#009988",
        "L3": "#DDCC77",
        "L4": "#117733",
        "L5": "#66CCEE",
        "S1": "#999933",
        "S2": "#EE3377",
        "S3": "#0077BB",
        "S4_S5": "#CCBB44",
    },
    "cutaneous_nerve_names": {
        "iliohypogastric": "#BB5566",
        "ilioinguinal": "#DDCC77",
        "genitofemoral": "#66CCEE",
        "lateral_femoral_cutaneous": "#BBCCEE",
        "anterior_femoral_cutaneous": "#0077BB",
        "obturator": "#EE6677",
        "saphenous": "#BBCC33",
        "posterior_femoral_cutaneous": "#AA3377",
        "lateral_sural_cutaneous": "#FFCCCC",
        "superficial_fibular": "#33BBEE",
        "deep_fibular": "#4477AA",
        "sural": "#117733",
        "medial_calcaneal": "#77AADD",
        "medial_plantar": "#FFAABB",
        "lateral_plantar": "#AAAA00",
        "superior_cluneal": "#999933",
        "middle_cluneal": "#88CCEE",
        "inferior_cluneal": "#EEDD88",
    },
    "region_names": {
        "low_back": "#EE3377",
        "sacrum": "#CCDDAA",
        "lower_abdomen": "#CCBB44",
        "groin": "#009988",
        "perineum": "#EE7733",
        "buttock": "#66CCEE",
        "lateral_hip": "#DDAA33",
        "anterior_thigh": "#BBCCEE",
        "medial_thigh": "#FFCCCC",
        "lateral_thigh": "#44BB99",
        "posterior_thigh": "#AA4499",
        "knee_front": "#BBCC33",
        "knee_back": "#EE6677",
        "medial_leg": "#88CCEE",
        "shin": "#4477AA",
        "lateral_leg": "#33BBEE",
        "calf": "#117733",
        "medial_ankle": "#BB5566",
        "lateral_ankle": "#CC6677",
        "heel": "#AAAA00",
        "sole": "#AA3377",
        "dorsum_of_foot": "#99DDFF",
        "big_toe": "#EEDD88",
        "middle_toes": "#DDCC77",
        "little_toe": "#999933",
    },
}


def hex_to_rgb(colour: str) -> np.ndarray:
    colour = colour.lstrip("#")
    return np.array([int(colour[i : i + 2], 16) / 255.0 for i in (0, 2, 4)])


def palette(n: int) -> np.ndarray:
    """n distinct colours (n × 3, 0..1); cycles when n exceeds the palette."""
    return np.array([hex_to_rgb(TERRITORY_PALETTE[i % len(TERRITORY_PALETTE)]) for i in range(n)])


def territory_colours(field: str, names: tuple[str, ...]) -> np.ndarray:
    """The colours of one map's territories (n × 3, 0..1), `field` naming the map's names array;
    a territory without a colour in `MAP_COLOURS` gets the fallback palette's for its place."""
    table = MAP_COLOURS.get(field, {})
    fallback = palette(len(names))
    return np.array([hex_to_rgb(table[name]) if name in table else fallback[i] for i, name in enumerate(names)])


@dataclass
class Layer:
    colours: np.ndarray  # (n, 3) in 0..1
    weights: np.ndarray  # (n,) in 0..1: how much of this layer shows on each cell
    opacity: float = 1.0
    visible: bool = True
    cut: bool = False  # given per cell of the cut skin (see `cut_along_labels`), not of the skin


def rgb_bytes(rgb: np.ndarray) -> np.ndarray:
    """0..1 RGB as rounded uint8 (float bounds: with int bounds numpy's clip is 4× slower)."""
    return np.clip(rgb * 255.0 + 0.5, 0.0, 255.0).astype(np.uint8)


class LayeredColours:
    """Colour layers of the skin's cells. While the skin is drawn cut along a map's boundaries,
    `cells` maps each drawn cell to the skin cell it came from: skin layers follow through it,
    layers of that cut (`cut=True`) are given per drawn cell."""

    def __init__(self, n_cells: int, base_colour: np.ndarray, order: tuple[str, ...] = ()) -> None:
        self.n_cells = n_cells
        self.order = order  # blending order, bottom first; other layers go on top as added
        self.base = np.asarray(base_colour, dtype=float)
        self.layers: dict[str, Layer] = {}
        self.cells: np.ndarray | None = None

    def set_cells(self, cells: np.ndarray | None) -> None:
        """Draw onto a cut skin (drawn cell → skin cell), or onto the skin itself (None); the
        layers of the previous cut no longer fit and are dropped."""
        self.cells = cells
        self.layers = {name: layer for name, layer in self.layers.items() if not layer.cut}

    def set_layer(
        self, name: str, colours: np.ndarray, weights: np.ndarray, opacity: float = 1.0, cut: bool = False
    ) -> None:
        """Add or replace a layer (per skin cell, or with `cut` per drawn cell of the cut)."""
        if cut and self.cells is None:
            raise ValueError(f"layer {name!r} is given per cut cell, but the skin is not cut")
        n = len(self.cells) if cut and self.cells is not None else self.n_cells
        colours = np.broadcast_to(np.asarray(colours, dtype=float), (n, 3))
        weights = np.broadcast_to(np.asarray(weights, dtype=float), (n,))
        visible = self.layers[name].visible if name in self.layers else True
        self.layers[name] = Layer(colours, weights, opacity, visible, cut)

    def remove_layer(self, name: str) -> None:
        self.layers.pop(name, None)

    def blend(self) -> np.ndarray:
        """The colour of every drawn cell, as uint8 RGB."""
        n = self.n_cells if self.cells is None else len(self.cells)
        out = np.tile(self.base, (n, 1))
        rank = {name: i for i, name in enumerate(self.order)}
        names = sorted(self.layers, key=lambda n: rank.get(n, len(rank)))
        for layer in (self.layers[n] for n in names):
            if not layer.visible:
                continue
            colours, weights = layer.colours, layer.weights
            if self.cells is not None and not layer.cut:
                colours, weights = colours[self.cells], weights[self.cells]
            covered = np.flatnonzero(weights)  # a touched strip covers a few cells of the skin
            alpha = (weights[covered] * layer.opacity)[:, None]
            out[covered] = out[covered] * (1.0 - alpha) + colours[covered] * alpha
        return rgb_bytes(out)


def labels_to_layer(labels: np.ndarray, colours: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-cell colours and weights for an integer label array (-1 = unlabelled, left blank)."""
    labelled = labels >= 0
    cell_colours = np.zeros((labels.size, 3))
    cell_colours[labelled] = colours[labels[labelled]]
    return cell_colours, labelled.astype(float)


def boundary_edges(faces: np.ndarray, cell_labels: np.ndarray) -> np.ndarray:
    """Mesh edges (k × 2 point ids) where the two triangles on either side carry different labels."""
    edges = np.sort(np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
    owners = np.tile(np.arange(len(faces)), 3)
    order = np.lexsort((edges[:, 1], edges[:, 0]))
    edges, owners = edges[order], owners[order]
    shared = np.all(edges[1:] == edges[:-1], axis=1)
    first = np.flatnonzero(shared)
    differ = cell_labels[owners[first]] != cell_labels[owners[first + 1]]
    found: np.ndarray = edges[first[differ]]
    return found


def cut_along_labels(
    surface: pv.PolyData, point_labels: np.ndarray, smoothing: int = 8, keep: float = 0.2
) -> pv.PolyData:
    """The surface cut into one piece per label along smooth curves, for crisp map boundaries.

    Colouring whole triangles by their corners' labels draws a saw-tooth; here each label's
    indicator is smoothed over the mesh (`smoothing` neighbour averages, plus `keep` of the
    vertex's own label so small patches survive) and every label's piece is clipped where its
    indicator beats all the others, so the curves run through the triangles. The cells carry
    `label` and `orig_cell` (the surface cell each came from); normals are interpolated."""
    faces = surface.regular_faces
    labels = np.asarray(point_labels)
    values = np.unique(labels)
    n = surface.n_points
    # each undirected edge once, then both directions sorted by their first point
    pairs = np.sort(np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
    code = np.unique(pairs[:, 0].astype(np.int64) * n + pairs[:, 1])
    a, b = code // n, code % n
    source, target = np.concatenate([a, b]), np.concatenate([b, a])
    order = np.argsort(source, kind="stable")
    source, target = source[order], target[order]
    starts = np.searchsorted(source, np.arange(n))
    degree = np.diff(np.append(starts, len(source))).astype(float)
    has = degree > 0
    own = (labels[:, None] == values[None, :]).astype(float)
    field = own.copy()
    for _ in range(smoothing):
        total = np.zeros_like(field)
        total[has] = np.add.reduceat(field[target], starts[has], axis=0)
        field = 0.5 * field + 0.5 * total / np.maximum(degree, 1.0)[:, None]
    field += keep * own
    # A triangle whose three corners have the same leading label is that label throughout (the
    # indicators are linear on it); only the others, along the boundaries, are cut.
    winner = field.argmax(axis=1)[faces]
    uniform = (winner[:, 0] == winner[:, 1]) & (winner[:, 1] == winner[:, 2])
    normals = {"Normals": surface.point_data["Normals"]} if "Normals" in surface.point_data else {}
    whole = _piece(surface.points, faces[uniform], normals, np.flatnonzero(uniform), values[winner[uniform, 0]])
    mixed = np.flatnonzero(~uniform)
    if len(mixed) == 0:  # one label everywhere: nothing to cut
        return whole
    rest = _piece(surface.points, faces[mixed], normals, mixed, None)
    # Peel one label off at a time: each clip splits what is left into the label's piece and the
    # rest (exact complements), so the pieces tile the surface with no gaps at triple junctions.
    # The indicators travel as point data, interpolated onto the points the clips make.
    present = np.unique(winner[mixed])
    used = np.unique(faces[mixed])
    for i in present:
        rest.point_data[f"_indicator_{i}"] = field[used, i]
    pieces = [whole]
    for k, i in enumerate(present):
        if rest.n_cells == 0:
            break
        if k < len(present) - 1:
            ahead = np.column_stack([rest.point_data[f"_indicator_{j}"] for j in present[k + 1 :]]).max(axis=1)
            rest.point_data["_lead"] = rest.point_data[f"_indicator_{i}"] - ahead
            piece, rest = rest.clip_scalar(scalars="_lead", value=0.0, invert=False, both=True)
        else:
            piece = rest
        if piece.n_cells:
            piece = piece.triangulate()
            piece.cell_data["label"] = np.full(piece.n_cells, values[i], dtype=labels.dtype)
            pieces.append(piece)
    cut: pv.PolyData = pv.merge(pieces, merge_points=True).clean()
    for name in list(cut.point_data.keys()):
        if name.startswith("_"):
            del cut.point_data[name]
    return cut


def _piece(
    points: np.ndarray,
    faces: np.ndarray,
    point_data: Mapping[str, np.ndarray],
    orig_cell: np.ndarray,
    label: np.ndarray | None,
) -> pv.PolyData:
    """The triangles `faces` with only the points they use, and those points' data."""
    used, local = np.unique(faces, return_inverse=True)
    triangles: np.ndarray = local.reshape(faces.shape)  # pyvista's stub asks for dtype[int], which no array has
    mesh: pv.PolyData = pv.PolyData.from_regular_faces(np.asarray(points)[used], triangles)
    for name, values in point_data.items():
        mesh.point_data[name] = np.asarray(values)[used]
    mesh.cell_data["orig_cell"] = orig_cell
    if label is not None:
        mesh.cell_data["label"] = label
    return mesh
