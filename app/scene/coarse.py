"""Coarse copies of the drawn meshes, for the frames drawn while the view moves (DESIGN.md §6).

On a software renderer a frame's cost grows with the triangles drawn (llvmpipe sets up and bins
every one on the main thread), so while the camera moves or the pulse runs each layer draws a
copy with a quarter of its triangles: ParaView's level-of-detail idea. Quadric decimation keeps
the shape (within a few millimetres; `vtkDecimatePro` at this ratio flattened the knee and the
pelvis). Each coarse triangle takes the colour of the full mesh's cell at the point nearest its
centre, so a touch or a map recolours both meshes with one gather; each mesh uploads its colours
only when it is drawn. The shapes take about 0.4 s to make (the skin 0.14 s), on a worker
thread once the first frame is up (VTK lets the GIL go while it decimates), so a click in the
meantime is answered at once; the copies' mappers are made on the event loop's thread.
"""

from __future__ import annotations

import logging
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonDataModel import vtkStaticPointLocator
from vtkmodules.vtkRenderingCore import vtkMapper
from vtkmodules.vtkRenderingOpenGL2 import vtkOpenGLPolyDataMapper

COARSE_KEEP = 0.25  # share of a mesh's triangles its coarse copy keeps
SMALLEST = 2000  # meshes with fewer triangles than this (the muscles) are drawn whole while moving too


@dataclass(frozen=True)
class CoarseShape:
    """The geometry of a coarse copy and where its colours come from (kept and reused)."""

    points: np.ndarray
    faces: np.ndarray  # (n, 3) triangles
    normals: np.ndarray  # per point
    source_cells: np.ndarray  # per triangle, the full mesh's cell whose colour it takes

    @classmethod
    def of(cls, mesh: pv.PolyData) -> CoarseShape | None:
        """The shape of `mesh` (triangles or strips) with COARSE_KEEP of its triangles, or None
        when it is too small to be worth it."""
        full = pv.PolyData(mesh.points, faces=mesh.faces, strips=mesh.strips)
        full.cell_data["full_cell"] = np.arange(full.n_cells)  # a strip's triangles keep its index
        full = full.triangulate()
        if full.n_cells < SMALLEST:
            return None
        coarse = pv.PolyData(full.points, faces=full.faces).decimate(1.0 - COARSE_KEEP)
        coarse = coarse.compute_normals(cell_normals=False, split_vertices=False)
        cell_at = np.empty(full.n_points, dtype=np.int64)  # a cell of the full mesh at each point
        cell_at[full.regular_faces.ravel()] = np.repeat(np.asarray(full.cell_data["full_cell"]), 3)
        locator = vtkStaticPointLocator()
        locator.SetDataSet(full)
        locator.BuildLocator()
        centres = np.asarray(coarse.points)[coarse.regular_faces].mean(axis=1)
        nearest = np.fromiter((locator.FindClosestPoint(c) for c in centres), np.int64, len(centres))
        return cls(
            np.asarray(coarse.points), coarse.regular_faces, np.asarray(coarse.point_data["Normals"]), cell_at[nearest]
        )


@dataclass
class CoarseCopy:
    """A coarse copy of one drawn mesh, with its own mapper (and so its own GPU buffers)."""

    mesh: pv.PolyData
    source_cells: np.ndarray
    mapper: vtkOpenGLPolyDataMapper

    @classmethod
    def of(cls, shape: CoarseShape, like: vtkMapper) -> CoarseCopy:
        """A copy in `shape`, drawn as the mapper `like` draws (per-cell RGB); black until
        `take_colours`."""
        mesh = pv.PolyData(shape.points, faces=np.column_stack([np.full(len(shape.faces), 3), shape.faces]).ravel())
        mesh.point_data["Normals"] = shape.normals
        mesh.point_data.active_normals_name = "Normals"
        mapper = vtkOpenGLPolyDataMapper()
        mapper.ShallowCopy(like)
        mapper.SetInputData(mesh)
        mesh.cell_data["rgb"] = np.zeros((len(shape.faces), 3), np.uint8)
        return cls(mesh, shape.source_cells, mapper)

    def take_colours(self, full_rgb: np.ndarray) -> None:
        """Colour the copy from the full mesh's per-cell RGB."""
        self.mesh.cell_data["rgb"] = full_rgb[self.source_cells]


log = logging.getLogger(__name__)
_maker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coarse-shapes")
_kept: dict[tuple[int, str], Future[CoarseShape | None]] = {}


def kept_shape(owner: object, name: str, mesh: pv.PolyData) -> Future[CoarseShape | None]:
    """The coarse shape of `owner`'s (a model's) mesh `name`, made on the worker thread once
    while the owner lives: a second window on the same model (a language switch, a kiosk's
    reset) reuses it."""
    key = (id(owner), name)
    if key not in _kept:
        if not any(k[0] == key[0] for k in _kept):
            weakref.finalize(owner, _forget, key[0])
        # the worker gets its own copy of the geometry: nothing it reads is shared with drawing
        geometry = pv.PolyData(mesh.points.copy(), faces=mesh.faces.copy(), strips=mesh.strips.copy())
        _kept[key] = _maker.submit(CoarseShape.of, geometry)
    return _kept[key]


def shape_made(made: Future[CoarseShape | None], name: str) -> CoarseShape | None:
    """The finished shape, or None (drawn whole while moving) when making it failed."""
    try:
        return made.result()
    except Exception:  # a mesh VTK cannot decimate still draws, at full cost while moving
        log.exception("no coarse copy of %s; it is drawn whole while the view moves", name)
        return None


def _forget(owner_id: int) -> None:
    for key in [k for k in _kept if k[0] == owner_id]:
        del _kept[key]
