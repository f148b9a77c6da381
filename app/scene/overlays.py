"""Named colour layers blended onto one skin mesh (STYLE.md habit 4, after MNE's LayeredMesh).

Layers hold one colour and one weight per skin cell; toggling a layer re-blends the colours
of the single skin actor instead of adding actors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Paul Tol's colour-blind-safe qualitative palettes ("muted" then "light"), ordered so that
# neighbouring spinal levels get clearly different colours.
TERRITORY_PALETTE = (
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
    "#AA4499", "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#BBCC33", "#AAAA00",
)


def hex_to_rgb(colour: str) -> np.ndarray:
    colour = colour.lstrip("#")
    return np.array([int(colour[i : i + 2], 16) / 255.0 for i in (0, 2, 4)])


def palette(n: int) -> np.ndarray:
    """n distinct colours (n × 3, 0..1); cycles when n exceeds the palette."""
    return np.array([hex_to_rgb(TERRITORY_PALETTE[i % len(TERRITORY_PALETTE)]) for i in range(n)])


@dataclass
class Layer:
    colours: np.ndarray  # (n_cells, 3) in 0..1
    weights: np.ndarray  # (n_cells,) in 0..1: how much of this layer shows on each cell
    opacity: float = 1.0
    visible: bool = True


class LayeredColours:
    def __init__(self, n_cells: int, base_colour: np.ndarray, order: tuple[str, ...] = ()) -> None:
        self.n_cells = n_cells
        self.order = order  # blending order, bottom first; other layers go on top as added
        self.base = np.broadcast_to(np.asarray(base_colour, dtype=float), (n_cells, 3))
        self.layers: dict[str, Layer] = {}

    def set_layer(self, name: str, colours: np.ndarray, weights: np.ndarray, opacity: float = 1.0) -> None:
        """Add or replace a layer."""
        colours = np.broadcast_to(np.asarray(colours, dtype=float), (self.n_cells, 3))
        weights = np.broadcast_to(np.asarray(weights, dtype=float), (self.n_cells,))
        visible = self.layers[name].visible if name in self.layers else True
        self.layers[name] = Layer(colours, weights, opacity, visible)

    def remove_layer(self, name: str) -> None:
        self.layers.pop(name, None)

    def set_visible(self, name: str, visible: bool) -> None:
        if name in self.layers:
            self.layers[name].visible = visible

    def blend(self) -> np.ndarray:
        """The colour of every cell, as uint8 RGB."""
        out = self.base.copy()
        rank = {name: i for i, name in enumerate(self.order)}
        names = sorted(self.layers, key=lambda n: rank.get(n, len(rank)))
        for layer in (self.layers[n] for n in names):
            if not layer.visible:
                continue
            alpha = (layer.weights * layer.opacity)[:, None]
            out = out * (1.0 - alpha) + layer.colours * alpha
        return np.clip(out * 255.0 + 0.5, 0, 255).astype(np.uint8)


def labels_to_layer(labels: np.ndarray, colours: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-cell colours and weights for an integer label array (-1 = unlabelled, left blank)."""
    labelled = labels >= 0
    cell_colours = np.zeros((labels.size, 3))
    cell_colours[labelled] = colours[labels[labelled]]
    return cell_colours, labelled.astype(float)


def cell_labels_from_points(faces: np.ndarray, point_labels: np.ndarray) -> np.ndarray:
    """Label of each triangle: the label two or three of its corners share, else its first corner's."""
    corners = point_labels[faces]  # (n_cells, 3)
    a, b, c = corners[:, 0], corners[:, 1], corners[:, 2]
    return np.where((b == c) & (a != b), b, a)


def boundary_edges(faces: np.ndarray, cell_labels: np.ndarray) -> np.ndarray:
    """Mesh edges (k × 2 point ids) where the two triangles on either side carry different labels."""
    edges = np.sort(np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
    owners = np.tile(np.arange(len(faces)), 3)
    order = np.lexsort((edges[:, 1], edges[:, 0]))
    edges, owners = edges[order], owners[order]
    shared = np.all(edges[1:] == edges[:-1], axis=1)
    first = np.flatnonzero(shared)
    differ = cell_labels[owners[first]] != cell_labels[owners[first + 1]]
    return edges[first[differ]]
