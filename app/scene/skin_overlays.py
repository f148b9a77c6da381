"""Territory maps on the skin: dermatomes (Lee 2008 or Keegan & Garrett 1948), nerve fields, regions.

One layer on the one skin mesh (STYLE.md habit 4), crisp boundary lines, a legend, labels on
demand, and hatching where the two dermatome maps disagree.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyvista as pv

from app.domain.view_state import ViewState
from app.scene.overlays import boundary_edges, cell_labels_from_points, labels_to_layer, palette
from app.scene.scene import AnatomyScene
from app.scene.skin_labels import LABEL_ARRAYS, SkinLabels

OVERLAY_ARRAYS = {
    "dermatomes": "dermatome",
    "dermatomes_keegan": "dermatome_keegan",
    "nerves": "cutaneous_nerve",
    "regions": "region",
}
OVERLAY_TITLES = {
    "dermatomes": "Dermatomes (Lee et al. 2008)",
    "dermatomes_keegan": "Dermatomes (Keegan & Garrett 1948)",
    "nerves": "Skin nerve fields",
    "regions": "Body regions",
}
BOUNDARY_COLOUR = "#1b1b1b"
HATCH_COLOUR = "#ffffff"
HATCH_SPACING_M = 0.012
LABEL_MIN_VERTICES = 40  # smaller patches get no label


class SkinOverlays:
    def __init__(self, scene: AnatomyScene, labels: SkinLabels, legend_in_scene: bool = False) -> None:
        self.scene = scene
        self.legend_in_scene = legend_in_scene  # screenshots draw their legend; the app has a panel
        self.labels = labels
        self.state: ViewState = scene.state
        self.legend: list[tuple[str, str]] = []  # (name, colour) of the overlay shown
        self._actors: list[str] = []
        faces = scene.skin_faces
        self._cell_labels = {
            array: cell_labels_from_points(faces, labels.labels[array]) for array in OVERLAY_ARRAYS.values()
        }
        centres = labels.points[faces].mean(axis=1)
        self._hatch = (np.floor((centres[:, 0] + centres[:, 2]) / HATCH_SPACING_M) % 2).astype(float)
        differ = self._cell_labels["dermatome"] != self._cell_labels["dermatome_keegan"]
        self._differ = differ & (self._cell_labels["dermatome"] >= 0) & (self._cell_labels["dermatome_keegan"] >= 0)
        self._connections: list[tuple[object, Callable[..., None]]] = [
            (self.state.events.overlay, self._on_overlay_change),
            (self.state.events.show_map_differences, self._on_overlay_change),
            (self.state.events.show_labels, self._on_overlay_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)  # type: ignore[attr-defined]
        self.apply(render=False)

    def close(self) -> None:
        for signal, slot in self._connections:
            signal.disconnect(slot)  # type: ignore[attr-defined]
        self._connections.clear()

    def _on_overlay_change(self, _value: object) -> None:
        self.apply()

    def apply(self, render: bool = True) -> None:
        plotter = self.scene.plotter
        for name in self._actors:
            plotter.remove_actor(name, render=False)
        self._actors = []
        self.legend = []
        layers = self.scene.skin_layers
        overlay = self.state.overlay
        if overlay in OVERLAY_ARRAYS:
            array = OVERLAY_ARRAYS[overlay]
            names = self.labels.names[LABEL_ARRAYS[array]]
            colours = palette(len(names))
            cell_labels = self._cell_labels[array]
            cell_colours, weights = labels_to_layer(cell_labels, colours)
            layers.set_layer("overlay", cell_colours, weights, opacity=0.9)
            present = sorted(set(cell_labels[cell_labels >= 0].tolist()))
            self.legend = [(names[i], _hex(colours[i])) for i in present]
            self._add_boundaries(cell_labels)
            if self.legend_in_scene:
                self._add_legend(OVERLAY_TITLES[overlay])
            if self.state.show_labels:
                self._add_labels(array, names)
        else:
            layers.remove_layer("overlay")
        if self.state.show_map_differences and overlay in ("dermatomes", "dermatomes_keegan"):
            layers.set_layer("differences", pv.Color(HATCH_COLOUR).float_rgb, self._differ * self._hatch, 0.8)
        else:
            layers.remove_layer("differences")
        self.scene.refresh_skin()
        if render:
            plotter.render()

    def _add_boundaries(self, cell_labels: np.ndarray) -> None:
        edges = boundary_edges(self.scene.skin_faces, cell_labels)
        if len(edges) == 0:
            return
        lines = np.column_stack([np.full(len(edges), 2), edges]).ravel()
        mesh = pv.PolyData(self.labels.points, lines=lines)
        self.scene.plotter.add_mesh(
            mesh, color=BOUNDARY_COLOUR, line_width=1.5, name="overlay_boundaries",
            reset_camera=False, pickable=False, lighting=False,
        )  # fmt: skip
        self._actors.append("overlay_boundaries")

    def _add_legend(self, title: str) -> None:
        entries = [[title, "#00000000"]] + [[name.replace("_", "–"), colour] for name, colour in self.legend]
        self.scene.plotter.add_legend(
            entries, bcolor="#20262e", border=False, size=(0.2, min(0.9, 0.035 * len(entries))),
            loc="upper right", face="rectangle", name="overlay_legend",
        )  # fmt: skip
        self._actors.append("overlay_legend")

    def _add_labels(self, array: str, names: tuple[str, ...]) -> None:
        values = self.labels.labels[array]
        side = self.labels.side
        anchors, texts = [], []
        for index, name in enumerate(names):
            for sign in (1, -1, 0):
                members = np.flatnonzero((values == index) & (side == sign))
                if len(members) < LABEL_MIN_VERTICES:
                    continue
                centre = self.labels.points[members].mean(axis=0)
                nearest = members[np.argmin(np.linalg.norm(self.labels.points[members] - centre, axis=1))]
                anchors.append(self.labels.points[nearest])
                texts.append(name.replace("_", "–") if array.startswith("dermatome") else name.replace("_", " "))
        if anchors:
            self.scene.plotter.add_point_labels(
                np.array(anchors), texts, name="overlay_labels", font_size=11, point_size=1,
                shape_opacity=0.6, always_visible=False, reset_camera=False, pickable=False,
            )  # fmt: skip
            self._actors.append("overlay_labels")


def _hex(rgb: np.ndarray) -> str:
    return "#" + "".join(f"{round(v * 255):02x}" for v in rgb)
