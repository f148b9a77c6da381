"""What a query lights up: structure colours by mechanism and the path from each source to the spot.

Pure numpy over the model's named structures, so a pick's highlight is ready in well under a
millisecond; `AnatomyScene` only copies the results into its actors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pyvista as pv

from app.scene.assets import structure_names
from app.scene.overlays import hex_to_rgb, rgb_bytes

if TYPE_CHECKING:
    from app.domain.query import Side

# After Paul Tol's "bright" palette, with entrapment and biomechanical moved (to a golden yellow
# and a turquoise) so that every pair stays apart under simulated protanopia, deuteranopia and
# tritanopia too (Tol's blue and green look alike to a tritanope): tests/scene/test_colour_vision.py.
MECHANISM_COLOURS = {
    "radicular": "#EE6677",
    "entrapment": "#EDC63B",
    "referred": "#4477AA",
    "biomechanical": "#30BFB7",
    "urgent": "#AA3377",
}
DIM_TOWARD = np.array([0.32, 0.35, 0.40])  # dimmed structures fade toward the background
DIM_AMOUNT = 0.6

# Domain sources drawn by other geometry (a knee problem lights the knee's bones).
GEOMETRY_ALIASES: dict[str, tuple[str, ...]] = {
    "knee_joint": ("patella", "femur", "tibia"),
    "ankle_joint": ("talus",),
    "lumbar_vertebrae": ("vertebra_L1", "vertebra_L2", "vertebra_L3", "vertebra_L4", "vertebra_L5"),
    "hip_labrum": ("hip_joint",),
    "tarsal_tunnel": ("tibial",),
    "fibular_head": ("fibula",),
    "inguinal_ligament": ("lateral_femoral_cutaneous",),
    "foot": ("foot", "toes", "plantar_fascia"),
}


@dataclass(frozen=True)
class NamedCells:
    """Cells of each named structure in one mesh (`structure_index` + `structure_names`)."""

    cells: dict[str, np.ndarray]

    @classmethod
    def of(cls, mesh: pv.PolyData) -> NamedCells:
        if mesh.n_cells == 0 or "structure_index" not in mesh.cell_data:
            return cls({})
        index = np.asarray(mesh.cell_data["structure_index"])
        names = structure_names(mesh)
        order = np.argsort(index, kind="stable")
        bounds = np.searchsorted(index[order], np.arange(len(names) + 1))
        return cls({name: order[bounds[i] : bounds[i + 1]] for i, name in enumerate(names)})


def geometry_names(domain_id: str, side: Side | None, available: Iterable[str]) -> list[str]:
    """Mesh structure names drawing a domain id on the given side (both sides when unknown)."""
    available = set(available)
    sides = ("right", "left") if side not in ("right", "left") else (side,)
    found: list[str] = []
    for base in (domain_id, *GEOMETRY_ALIASES.get(domain_id, ())):
        if base in available:
            found.append(base)
        found.extend(f"{base}_{s}" for s in sides if f"{base}_{s}" in available)
    return list(dict.fromkeys(found))


def domain_id(name: str, known: Iterable[str]) -> str | None:
    """The domain id a mesh structure draws (`hip_joint_left` → `hip_joint`, `fibula_right` →
    `fibular_head`), or None when the atlas has nothing on it."""
    known = set(known)
    base = name.removesuffix("_left").removesuffix("_right")
    if base in known:
        return base
    return next((domain for domain, bases in GEOMETRY_ALIASES.items() if base in bases and domain in known), None)


@dataclass
class PathBuilder:
    """Builds source → spot polylines from nerve centrelines and structure centres."""

    nerve_lines: dict[str, np.ndarray]  # name -> (n, 3) points, proximal first
    centres: dict[str, np.ndarray]  # any structure name -> centre

    @classmethod
    def from_meshes(cls, nerves: pv.PolyData, others: Sequence[pv.PolyData]) -> PathBuilder:
        lines: dict[str, np.ndarray] = {}
        if nerves.n_cells and "structure_index" in nerves.cell_data:
            names = structure_names(nerves)
            index = np.asarray(nerves.cell_data["structure_index"])
            points = np.asarray(nerves.points)
            for cell_id, name_index in enumerate(index):
                ids = nerves.get_cell(cell_id).point_ids
                lines.setdefault(names[name_index], points[ids])
        centres: dict[str, np.ndarray] = {name: line[len(line) // 2] for name, line in lines.items()}
        for mesh in others:
            points = np.asarray(mesh.points)
            for name, cells in NamedCells.of(mesh).cells.items():
                if len(cells) == 0:
                    continue
                if mesh.is_all_triangles:
                    centres[name] = points[np.unique(mesh.regular_faces[cells])].mean(axis=0)
                else:
                    centres[name] = mesh.extract_cells(cells).center
        return cls(lines, centres)

    def path(self, ids: Sequence[str], side: Side | None, spot: np.ndarray) -> np.ndarray:
        """Points from the first id's geometry along the named nerves to the spot.

        Structures contribute their centre, nerves their centreline cut where the next stop
        (or the spot) is nearest; ids without geometry (territories) are skipped."""
        stops: list[np.ndarray] = []
        for domain_id in ids:
            names = geometry_names(domain_id, side, self.centres)
            if names:
                stops.append(self.nerve_lines.get(names[0], self.centres[names[0]][None, :]))
        pieces: list[np.ndarray] = []
        for i, stop in enumerate(stops):
            kept = stop
            if len(stop) > 1:
                target = stops[i + 1][0] if i + 1 < len(stops) else spot
                kept = stop[: int(np.argmin(np.linalg.norm(stop - target, axis=1))) + 1]
            pieces.append(kept)
        return np.concatenate([*pieces, spot[None, :]]) if pieces else np.empty((0, 3))


def arc_position(points: np.ndarray, fraction: float) -> np.ndarray:
    """The point at `fraction` (0..1) of the polyline's length."""
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    return np.array([np.interp(fraction * along[-1], along, points[:, k]) for k in range(3)])


@dataclass
class ColourState:
    """Per-cell RGB of one mesh: its base colours, or dimmed with the lit structures coloured."""

    base: np.ndarray  # (n_cells, 3) 0..1
    named: NamedCells
    lit: dict[str, str] = field(default_factory=dict)
    dimmed: bool = False

    def __post_init__(self) -> None:
        dimmed = self.base * (1.0 - DIM_AMOUNT) + DIM_TOWARD * DIM_AMOUNT
        self._bytes = {False: rgb_bytes(self.base), True: rgb_bytes(dimmed)}  # made once, copied per touch

    def colours(self) -> np.ndarray:
        out = self._bytes[self.dimmed].copy()
        if self.dimmed:
            for name, colour in self.lit.items():
                out[self.named.cells.get(name, [])] = _colour_bytes(colour)
        return out


@lru_cache(maxsize=64)
def _colour_bytes(colour: str) -> np.ndarray:
    return rgb_bytes(hex_to_rgb(colour))
