"""All labels (issue 10), off-screen: only on the facing side, never hidden behind another
structure, never over each other."""

from __future__ import annotations

import numpy as np
import pytest
from vtkmodules.vtkCommonCore import reference
from vtkmodules.vtkCommonDataModel import vtkStaticCellLocator

from app.scene.assets import structure_names
from app.scene.structure_labels import ACTOR_PARTS, StructureLabels, boxes_overlap


@pytest.fixture
def labels(scene):
    labels = StructureLabels(scene, lambda name: name)
    yield labels
    labels.close()


def _first_structure_on_ray(scene, eye, point):
    """The solid structure the view ray from the eye meets first on its way to `point`."""
    best = None
    for layer, mesh in scene.meshes.items():
        actor = scene.actors[layer]
        if not actor.visibility or actor.prop.opacity < 0.6:  # a see-through sheet hides nothing
            continue
        locator = vtkStaticCellLocator()
        locator.SetDataSet(mesh)
        locator.BuildLocator()
        t, hit, pcoords, sub_id, cell = reference(0.0), [0.0] * 3, [0.0] * 3, reference(0), reference(0)
        end = eye + (point - eye) * 1.01
        crossed = locator.IntersectWithLine(eye, end, 1e-6, t, hit, pcoords, sub_id, cell)
        if crossed and (best is None or float(t) < best[0]):
            best = (float(t), structure_names(mesh)[int(mesh.cell_data["structure_index"][int(cell)])])
    return best[1] if best else None


def _points_of(scene, name, anchor):
    """The drawn vertices of the structure an anchor belongs to (a muscle may be drawn twice)."""
    mesh = next(
        mesh
        for mesh in scene.meshes.values()
        if name in structure_names(mesh) and np.any(np.all(np.asarray(mesh.points) == anchor, axis=1))
    )
    cells = np.flatnonzero(np.asarray(mesh.cell_data["structure_index"]) == structure_names(mesh).index(name))
    return np.asarray(mesh.extract_cells(cells).points)


@pytest.mark.parametrize("view", ["anterior", "posterior", "left"])
def test_labels_sit_on_the_facing_side_of_visible_structures(scene, labels, view):
    scene.set_view(view)
    placed = labels.place()
    assert len(placed) >= 10
    camera = scene.plotter.camera
    eye = np.asarray(camera.position)
    toward_eye = (eye - np.asarray(camera.focal_point)) / np.linalg.norm(eye - np.asarray(camera.focal_point))
    for label in placed:
        depth = _points_of(scene, label.name, label.anchor) @ toward_eye
        assert label.anchor @ toward_eye >= np.median(depth), f"{label.name}: its anchor faces away from the camera"
        assert _first_structure_on_ray(scene, eye, label.anchor) == label.name, f"{label.name} is hidden"


def test_labels_never_overlap(scene, labels):
    for view in ("anterior", "posterior"):
        scene.set_view(view)
        placed = labels.place()
        assert len({p.name for p in placed}) == len(placed), "one label a structure"
        for i, a in enumerate(placed):
            assert not any(boxes_overlap(a.box, b.box) for b in placed[i + 1 :]), a.name


def test_what_faces_away_gets_no_label(scene, labels):
    scene.set_view("anterior")
    front = {p.name for p in labels.place()}
    scene.set_view("posterior")
    back = {p.name for p in labels.place()}
    assert "patella_right" in front and "patella_right" not in back
    assert "facet_L1_L2_right" in back and "facet_L1_L2_right" not in front, "the facet joints face backward"


def test_a_solid_skin_hides_every_structure_label(scene, labels):
    scene.state.skin_opacity = 1.0
    assert labels.place() == []


def test_labels_show_once_the_camera_rests(scene, labels):
    labels.show(True)
    scene.frames.render_now()
    assert labels.placed and set(ACTOR_PARTS) <= set(scene.plotter.actors)
    labels.show(False)
    scene.frames.render_now()
    assert not labels.placed and not set(ACTOR_PARTS) & set(scene.plotter.actors)
