"""Coarse copies for moving frames: a quarter of the triangles, the same shape, colours from the
full mesh's cells nearby, made once per model."""

import gc
import threading

import numpy as np
import pyvista as pv

from app.scene.coarse import COARSE_KEEP, CoarseCopy, CoarseShape, kept_shape

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


def test_a_small_mesh_is_drawn_whole_and_a_shape_is_made_once_per_model():
    from app.scene import coarse

    assert CoarseShape.of(pv.Sphere()) is None

    class Owner:
        pass

    owner, mesh = Owner(), pv.Sphere(theta_resolution=60, phi_resolution=60)
    first = kept_shape(owner, "ball", mesh)
    assert first.result() is not None and kept_shape(owner, "ball", mesh) is first
    key = (id(owner), "ball")
    del owner
    gc.collect()
    assert key not in coarse._kept, "forgotten with its owner"


def test_a_shape_is_made_off_the_event_loop_s_thread(monkeypatch):
    """Decimating the skin takes ~140 ms; made on the event loop's thread it would hold up a
    click that comes in meanwhile (VTK lets the GIL go while it decimates)."""
    made_on = []
    make = CoarseShape.of

    def recorded(mesh: pv.PolyData) -> CoarseShape | None:
        made_on.append(threading.current_thread())
        return make(mesh)

    monkeypatch.setattr(CoarseShape, "of", recorded)

    class Owner:
        pass

    owner = Owner()
    assert kept_shape(owner, "ball", pv.Sphere(theta_resolution=60, phi_resolution=60)).result() is not None
    assert made_on and threading.main_thread() not in made_on
