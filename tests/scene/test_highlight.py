"""Highlight state from named structures: which cells light up, and the path from source to spot."""

import numpy as np
import pyvista as pv

from app.scene.highlight import ColourState, NamedCells, PathBuilder, arc_position, geometry_names


def named_lines(lines: dict[str, list[list[float]]]) -> pv.PolyData:
    meshes = []
    for index, points in enumerate(lines.values()):
        mesh = pv.lines_from_points(np.asarray(points, dtype=float))
        mesh.cell_data["structure_index"] = np.full(mesh.n_cells, index, dtype=np.int32)
        meshes.append(mesh)
    merged = pv.merge(meshes)
    merged.field_data["structure_names"] = np.array(list(lines))
    return merged


def named_boxes(centres: dict[str, tuple[float, float, float]]) -> pv.PolyData:
    meshes = []
    for index, centre in enumerate(centres.values()):
        box = pv.Cube(center=centre, x_length=0.02, y_length=0.02, z_length=0.02).triangulate()
        box.cell_data["structure_index"] = np.full(box.n_cells, index, dtype=np.int32)
        meshes.append(box)
    merged = pv.merge(meshes)
    merged.field_data["structure_names"] = np.array(list(centres))
    return merged


NERVES = named_lines(
    {
        "L5_right": [[0.02, -0.05, 1.0], [0.05, -0.05, 0.95]],
        "sciatic_right": [[0.06, -0.06, 0.93], [0.08, -0.05, 0.6], [0.09, -0.04, 0.5]],
        "common_fibular_right": [[0.09, -0.04, 0.5], [0.12, 0.0, 0.45], [0.12, 0.03, 0.1]],
        "L5_left": [[-0.02, -0.05, 1.0], [-0.05, -0.05, 0.95]],
    }
)
STRUCTURES = named_boxes({"disc_L4_L5": (0.0, -0.04, 1.02), "hip_joint_right": (0.09, 0.0, 0.9)})


def test_named_cells_group_cells_by_structure():
    named = NamedCells.of(STRUCTURES)
    assert set(named.cells) == {"disc_L4_L5", "hip_joint_right"}
    assert len(named.cells["disc_L4_L5"]) == len(named.cells["hip_joint_right"]) == 12


def test_geometry_names_respect_the_side_and_midline():
    available = ["disc_L4_L5", "L5_right", "L5_left", "patella_right", "femur_right", "tibia_right"]
    assert geometry_names("disc_L4_L5", "left", available) == ["disc_L4_L5"]
    assert geometry_names("L5", "left", available) == ["L5_left"]
    assert geometry_names("L5", None, available) == ["L5_right", "L5_left"]
    assert geometry_names("knee_joint", "right", available) == ["patella_right", "femur_right", "tibia_right"]
    assert geometry_names("unknown", "right", available) == []


def test_path_runs_from_the_disc_along_the_nerves_to_the_spot():
    builder = PathBuilder.from_meshes(NERVES, [STRUCTURES])
    spot = np.array([0.13, 0.04, 0.2])
    path = builder.path(("disc_L4_L5", "L5", "sciatic", "common_fibular", "field_superficial_fibular"), "right", spot)
    assert np.allclose(path[0], builder.centres["disc_L4_L5"])
    assert np.allclose(path[-1], spot)
    assert np.all(path[:, 0] >= -1e-9), "a right-sided path stays on the right"
    # The last nerve is cut where it comes nearest the spot, not run to its end.
    assert not np.any(np.all(np.isclose(path, [0.12, 0.03, 0.1]), axis=1))


def test_referred_path_joins_structure_centres():
    builder = PathBuilder.from_meshes(NERVES, [STRUCTURES])
    spot = np.array([0.1, 0.08, 0.85])
    path = builder.path(("hip_joint", "region_groin"), "right", spot)
    assert len(path) == 2 and np.allclose(path[-1], spot)


def test_arc_position_walks_the_polyline():
    points = np.array([[0.0, 0, 0], [1.0, 0, 0], [1.0, 1.0, 0]])
    assert np.allclose(arc_position(points, 0.0), points[0])
    assert np.allclose(arc_position(points, 0.75), [1.0, 0.5, 0])
    assert np.allclose(arc_position(points, 1.0), points[-1])


def test_lighting_dims_the_rest_and_colours_the_lit():
    named = NamedCells.of(STRUCTURES)
    state = ColourState(np.tile([1.0, 1.0, 1.0], (STRUCTURES.n_cells, 1)), named)
    plain = state.colours()
    state.lit, state.dimmed = {"disc_L4_L5": "#ee6677"}, True
    lit = state.colours()
    disc, hip = named.cells["disc_L4_L5"], named.cells["hip_joint_right"]
    assert np.all(lit[disc] == [0xEE, 0x66, 0x77])
    assert np.all(lit[hip].astype(int) < plain[hip].astype(int) - 50), "the rest is dimmed"
