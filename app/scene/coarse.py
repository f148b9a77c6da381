"""Coarse copies of the drawn meshes, for the frames drawn while the view moves (DESIGN.md §6).

On a software renderer a frame's cost grows with the triangles drawn (llvmpipe sets up and bins
every one on the main thread), so while the camera moves or the pulse runs each layer draws a
copy with a quarter of its triangles: ParaView's level-of-detail idea. Quadric decimation keeps
the shape (within a few millimetres; `vtkDecimatePro` at this ratio flattened the knee and the
pelvis). Each coarse triangle takes the colour of the full mesh's cell at the point nearest its
centre, so a touch or a map recolours both meshes with one gather; each mesh uploads its colours
only when it is drawn. The shapes take about 0.4 s to make (the skin 0.14 s), in a worker
process (`coarse_worker`, one per model) started once the first frame is up, so a click in the
meantime is answered at once. Not a thread: VTK decimating on a second thread while the main one
deletes VTK objects deadlocked (both waiting on each other's lock and the GIL). Plain arrays go
in and out through pipes; the event loop's thread looks at them in spare time without waiting,
and makes the copies' mappers.
"""

from __future__ import annotations

import logging
import os
import select
import subprocess
import sys
import time
import weakref
from dataclasses import dataclass
from typing import IO

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonDataModel import vtkStaticPointLocator
from vtkmodules.vtkRenderingCore import vtkMapper
from vtkmodules.vtkRenderingOpenGL2 import vtkOpenGLPolyDataMapper

from app.scene.coarse_wire import pack, take_frame, unpack

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
        # plain copies: a view would keep VTK's array (and with VTK ≥ 9.7 its Python wrapper) alive
        points, normals = np.array(coarse.points), np.array(coarse.point_data["Normals"])
        return cls(points, np.array(coarse.regular_faces), normals, cell_at[nearest])


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
WORKER = (sys.executable, "-m", "app.scene.coarse_worker")  # the bundle's launcher takes -m too
HANDOVER_S = 0.005  # the longest a look at the worker waits for it to take the meshes


class ShapeMaker:
    """One worker process (`coarse_worker`) making the coarse shapes of a model's meshes, in the
    order given. Looked at from the event loop's thread (`made`), never waited for, until `done`."""

    def __init__(self, meshes: dict[str, pv.PolyData]) -> None:
        self.names = list(meshes)
        self.shapes: dict[str, CoarseShape | None] = {}  # None: drawn whole while moving
        self.users = 0  # the scenes drawing with these shapes (`kept_shapes`, `let_go`)
        self._to_send = bytearray(
            b"".join(
                pack(points=np.asarray(m.points), faces=np.asarray(m.faces), strips=np.asarray(m.strips))
                for m in meshes.values()
            )
        )
        self._received = bytearray()
        self._worker: subprocess.Popen[bytes] | None = None
        try:
            self._worker = subprocess.Popen(WORKER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        except OSError:
            log.exception("no coarse-shape worker (%s)", " ".join(WORKER))
            self._give_up()
            return
        assert self._worker.stdin is not None
        assert self._worker.stdout is not None
        self._stdin: IO[bytes] = self._worker.stdin
        self._stdout: IO[bytes] = self._worker.stdout
        os.set_blocking(self._stdin.fileno(), False)
        os.set_blocking(self._stdout.fileno(), False)

    @property
    def done(self) -> bool:
        """Every shape is in and the worker, if any, has ended and been reaped."""
        return len(self.shapes) == len(self.names) and (self._worker is None or self._worker.returncode is not None)

    def made(self) -> dict[str, CoarseShape | None]:
        """The shapes made so far, by name: hands the worker what it has not taken yet, reads what
        it has sent and reaps it once it has ended, without waiting for it."""
        if self._worker is not None and self._worker.returncode is None:
            if not self._stdout.closed:
                self._send()
                self._receive()
            if self._stdout.closed:  # it has ended, or is ending: reaped at this look or a later one
                self._worker.poll()
        return self.shapes

    def close(self) -> None:
        """Stop the worker (if it still runs) and reap it; the shapes it has not sent are not made."""
        if self._worker is not None:
            self._worker.kill()
            self._worker.wait()
            self._stdin.close()
            self._stdout.close()
        self.shapes.update(dict.fromkeys(name for name in self.names if name not in self.shapes))

    def _send(self) -> None:
        stdin = self._stdin
        if stdin.closed:
            return
        deadline = time.perf_counter() + HANDOVER_S
        try:
            while self._to_send:
                sent = stdin.write(self._to_send)
                if sent is None:  # the pipe is full: the worker is starting or reading
                    left = deadline - time.perf_counter()
                    if left <= 0 or not select.select([], [stdin], [], left)[1]:
                        return
                    continue
                del self._to_send[:sent]
        except BrokenPipeError:  # the worker has ended; `_receive` tells
            self._to_send.clear()
        stdin.close()  # all handed over: the worker starts

    def _receive(self) -> None:
        stdout = self._stdout
        while chunk := stdout.read(1 << 20):
            self._received += chunk
        while (payload := take_frame(self._received)) is not None:
            self._take(unpack(payload))
        if chunk == b"":  # the worker has ended
            stdout.close()
            if len(self.shapes) < len(self.names):
                log.error("the coarse-shape worker ended early (exit code %s)", self._worker_code())
                self._give_up()

    def _worker_code(self) -> int | None:
        return None if self._worker is None else self._worker.poll()

    def _take(self, arrays: dict[str, np.ndarray]) -> None:
        name = self.names[len(self.shapes)]
        if "error" in arrays:  # a mesh VTK cannot decimate still draws, at full cost while moving
            log.error("no coarse copy of %s; it is drawn whole while the view moves:\n%s", name, arrays["error"])
        self.shapes[name] = None if "error" in arrays or not arrays else CoarseShape(**arrays)

    def _give_up(self) -> None:
        missing = [name for name in self.names if name not in self.shapes]
        if missing:
            log.error("no coarse copies of %s; they are drawn whole while the view moves", ", ".join(missing))
        self.shapes.update(dict.fromkeys(missing))


_kept: dict[int, ShapeMaker] = {}


def kept_shapes(owner: object, meshes: dict[str, pv.PolyData]) -> ShapeMaker:
    """The coarse shapes of `owner`'s (a model's) `meshes`, made once while the owner lives, by one
    worker process: a second window on the same model (a language switch, a kiosk's reset)
    reuses them. Each window that takes them lets go of them when it closes (`let_go`); the worker
    is stopped when the last one goes before it has finished, when the owner goes, or when the app
    ends."""
    key = id(owner)
    if key not in _kept:
        weakref.finalize(owner, _forget, key)  # also runs at exit
        _kept[key] = ShapeMaker(meshes)
    maker = _kept[key]
    maker.users += 1
    return maker


def let_go(owner: object, maker: ShapeMaker) -> None:
    """A window drawing with `maker`'s shapes closes. The last one stops an unfinished worker; the
    next window on the model starts a new one. Finished shapes are kept for it."""
    maker.users -= 1
    if maker.users > 0 or maker.done:
        return
    if len(maker.made()) < len(maker.names) and _kept.get(id(owner)) is maker:
        del _kept[id(owner)]
    maker.close()  # reaps a worker that has sent every shape too


def _forget(owner_id: int) -> None:
    maker = _kept.pop(owner_id, None)
    if maker is not None:
        maker.close()
