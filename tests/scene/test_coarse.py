"""Coarse copies for moving frames: a quarter of the triangles, the same shape, colours from the
full mesh's cells nearby, made once per model."""

import dataclasses
import gc
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyvista as pv

from app.scene.coarse import COARSE_KEEP, CoarseCopy, CoarseShape, ShapeMaker, kept_shapes

NEAR_M = 0.01  # a coarse copy stays within this of the full surface


def distances_to(mesh: pv.PolyData, points: np.ndarray) -> np.ndarray:
    _, closest = mesh.find_closest_cell(points, return_closest_point=True)
    return np.linalg.norm(closest - points, axis=1)


def test_the_coarse_skin_keeps_a_quarter_of_the_triangles_and_the_shape(scene):
    skin = scene.skin_surface
    shape = CoarseShape.of(skin)
    assert len(shape.faces) <= (COARSE_KEEP + 0.02) * skin.n_cells
    assert distances_to(skin, shape.points).max() < NEAR_M
    centres = shape.points[shape.faces].mean(axis=1)
    sources = np.asarray(skin.cell_centers().points)[shape.source_cells]
    assert np.percentile(np.linalg.norm(centres - sources, axis=1), 95) < 2 * NEAR_M, "colour from a cell nearby"


def test_strip_meshes_keep_every_structure_and_take_its_colour(scene):
    nerves = scene.meshes["nerves"]  # tubes: triangle strips
    shape = CoarseShape.of(nerves)
    index = np.asarray(nerves.cell_data["structure_index"])
    assert set(index[shape.source_cells]) == set(index)
    copy = CoarseCopy.of(shape, scene.actors["nerves"].GetMapper())
    lit = np.asarray(nerves.cell_data["rgb"]).copy()
    lit[index == index[0]] = (255, 0, 0)
    copy.take_colours(lit)
    red = np.all(np.asarray(copy.mesh.cell_data["rgb"]) == (255, 0, 0), axis=1)
    assert red.any() and np.all(index[shape.source_cells][red] == index[0])


def finished(maker: ShapeMaker, limit_s: float = 60.0) -> dict[str, CoarseShape | None]:
    """The shapes once the worker has made them all (looked at as the event loop looks)."""
    deadline = time.monotonic() + limit_s
    while len(maker.made()) < len(maker.names):
        assert time.monotonic() < deadline, "the worker made no shapes"
        time.sleep(0.01)
    return maker.shapes


class Owner:
    pass


def ball() -> pv.PolyData:
    return pv.Sphere(theta_resolution=60, phi_resolution=60)


def test_a_small_mesh_is_drawn_whole_and_shapes_are_made_once_per_model():
    from app.scene import coarse

    assert CoarseShape.of(pv.Sphere()) is None
    owner = Owner()
    first = kept_shapes(owner, {"ball": ball(), "small": pv.Sphere()})
    shapes = finished(first)
    assert shapes["ball"] is not None and shapes["small"] is None
    assert kept_shapes(owner, {"ball": ball()}) is first
    key = id(owner)
    del owner
    gc.collect()
    assert key not in coarse._kept, "forgotten with its owner"
    assert first._worker.returncode is not None, "its worker reaped"


def test_the_shapes_come_from_another_process_as_this_one_makes_them(scene, monkeypatch):
    """Decimating the skin takes ~140 ms: made on the event loop's thread it would hold up a click
    that comes in meanwhile, and VTK on a second thread of the app deadlocked with the main one."""
    meshes = {"skin": scene.skin_surface, "nerves": scene.meshes["nerves"], "muscles": scene.meshes["muscles"]}
    here = {name: CoarseShape.of(mesh) for name, mesh in meshes.items()}

    def not_here(mesh: pv.PolyData) -> CoarseShape | None:
        raise AssertionError("a coarse shape made in the app's process")

    monkeypatch.setattr(CoarseShape, "of", not_here)
    maker = ShapeMaker(meshes)
    shapes = finished(maker)
    assert maker._worker.pid != os.getpid()
    assert here["muscles"] is None and shapes["muscles"] is None
    for name in ("skin", "nerves"):
        for field in dataclasses.fields(CoarseShape):
            mine, theirs = getattr(here[name], field.name), getattr(shapes[name], field.name)
            assert theirs.dtype == mine.dtype and np.array_equal(theirs, mine), (name, field.name)
    maker.close()


def test_a_worker_that_is_missing_or_ends_early_leaves_the_layers_whole(monkeypatch, caplog):
    from app.scene import coarse

    for worker in [("/nonexistent/python",), (sys.executable, "-c", "import sys; sys.stdin.buffer.read()")]:
        monkeypatch.setattr(coarse, "WORKER", worker)
        caplog.clear()
        maker = ShapeMaker({"ball": ball()})
        assert finished(maker) == {"ball": None}
        assert "no coarse copies of ball" in caplog.text
        maker.close()


def test_the_worker_ends_when_the_app_ends(tmp_path):
    """The app ends while its worker decimates (a big mesh, for seconds): no worker is left behind."""
    script = (
        "import pyvista as pv\n"
        "from app.scene.coarse import kept_shapes\n"
        "class Owner: pass\n"
        "owner = Owner()\n"
        "maker = kept_shapes(owner, {'big': pv.Sphere(theta_resolution=600, phi_resolution=600)})\n"
        "while not maker._worker.stdin.closed:\n"
        "    maker.made()\n"
        "print(maker._worker.pid, flush=True)\n"
    )
    app = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    pid = int(app.stdout.split()[-1])
    assert not Path(f"/proc/{pid}").exists(), "the worker outlived the app"


def reaped(pid: int) -> bool:
    """Whether the child `pid` has been waited for (not running, not a defunct entry)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_a_finished_worker_is_reaped_at_a_later_look_not_left_defunct(monkeypatch):
    """The worker's output ends a moment before the process does: looked at only then, it was left
    defunct for the model's life. Here it lingers half a second after closing its output."""
    from app.scene import coarse

    lingering = (
        "import os, sys, time\n"
        "from app.scene.coarse_wire import pack\n"
        "sys.stdin.buffer.read()\n"
        "os.write(1, pack())\n"
        "os.close(1)\n"
        "time.sleep(0.5)\n"
        "os._exit(0)\n"
    )
    monkeypatch.setattr(coarse, "WORKER", (sys.executable, "-c", lingering))
    maker = ShapeMaker({"ball": ball()})
    assert finished(maker) == {"ball": None}
    assert not maker.done, "all shapes in, the worker not yet ended"
    deadline = time.monotonic() + 30
    while not maker.done:
        assert time.monotonic() < deadline, "the ended worker was never reaped"
        maker.made()
        time.sleep(0.01)
    assert maker._worker.returncode == 0
    assert reaped(maker._worker.pid)


def test_the_last_window_to_let_go_stops_an_unfinished_worker_and_keeps_finished_shapes():
    from app.scene import coarse
    from app.scene.coarse import let_go

    owner = Owner()
    big = {"big": pv.Sphere(theta_resolution=600, phi_resolution=600)}  # seconds of decimating
    first, second = kept_shapes(owner, big), kept_shapes(owner, big)  # a language switch: two windows
    assert first is second and first.users == 2
    let_go(owner, first)
    assert first._worker.returncode is None, "still used: it works on"
    let_go(owner, first)
    assert first.done and reaped(first._worker.pid), "stopped and reaped with the last window"
    assert id(owner) not in coarse._kept, "forgotten: the next window starts again"
    again = kept_shapes(owner, {"ball": ball()})
    assert again is not first
    assert finished(again)["ball"] is not None
    let_go(owner, again)
    assert coarse._kept[id(owner)] is again, "finished shapes are kept for the next window"
    assert kept_shapes(owner, {"ball": ball()}) is again
