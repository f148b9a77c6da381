"""The study picture off-screen (issue 10): structures lit and the rest faded, territories tinted on
the skin, marks placed, and nothing undone that another view lit."""

from __future__ import annotations

import numpy as np
import pytest

from app.scene.highlight import PathBuilder
from app.scene.skin_labels import SkinLabels
from app.scene.study_view import RIGHT, Picture, StudyView


@pytest.fixture
def study(scene):
    model = scene.model
    geometry = set(PathBuilder.from_meshes(model.nerves, [model.bones, model.muscles, model.structures]).centres)
    return StudyView(scene, SkinLabels.from_skin(model.skin), geometry)


def tinted_share(scene, mask, layer="study_0") -> float:
    """The share of the skin triangles wholly inside `mask` that the layer tints (drawn on the
    skin cut along the tint's edge: per cell of the cut)."""
    inside = mask[scene.skin_faces].all(axis=1)
    cells = scene.skin_layers.cells
    weights = scene.skin_layers.layers[layer].weights
    on = inside[cells] if cells is not None else inside
    return float(np.mean(weights[on] > 0))


def test_a_picture_splits_territories_from_structures():
    picture = Picture.of(("dermatome_L5", "L5", "disc_L4_L5", "region_heel", "field_sural"), RIGHT, "left")
    assert [i for i, _ in picture.skin] == ["dermatome_L5", "region_heel", "field_sural"]
    assert [i for i, _ in picture.lit] == ["L5", "disc_L4_L5"]


def test_the_picture_lights_tints_and_marks_before_the_next_frame(scene, study):
    vertex = study.labels.nearest_point(tuple(np.asarray(scene.model.landmarks["patella_right"]) + (0, 0.05, 0)))
    study.show(Picture.of(("field_sural", "sural", "disc_L4_L5"), RIGHT, "right").plus(Picture(marks=(vertex,))))
    assert "study_0" not in scene.skin_layers.layers, "nothing changes until a frame is prepared"
    scene.frames.prepare()
    nerves, structures = scene.colours["nerves"], scene.colours["structures"]
    assert set(nerves.lit) == {"sural_right"} and nerves.dimmed
    assert set(structures.lit) == {"disc_L4_L5"}
    assert tinted_share(scene, study.labels.territory_mask("field_sural", "right")) > 0.98
    assert study._marks.visibility and not study._spot.visibility
    study.show(None)
    scene.frames.prepare()
    assert not nerves.dimmed and "study_0" not in scene.skin_layers.layers and not study._marks.visibility


def test_an_empty_picture_leaves_what_another_view_lit(scene, study):
    scene.light({"femur_left": RIGHT})
    study.show(Picture(spot=study.labels.nearest_point((0.1, 0.1, 0.5))))
    scene.frames.prepare()
    assert set(scene.colours["bones"].lit) == {"femur_left"}
    assert study._spot.visibility


def test_a_spot_on_the_far_side_turns_the_view_to_it(scene, study):
    heel = study.labels.nearest_point(
        tuple(np.asarray(scene.model.landmarks["calcaneus_posterior_right"]) - (0, 0.05, 0))
    )
    scene.set_view("anterior")
    direction = study.facing(study.near(heel))
    assert direction is not None and direction[1] < -0.7, "from behind"
    scene.face(direction)
    assert study.facing(study.near(heel)) is None, "turned once, it stays"
    scene.set_view("posterior")
    assert study.facing(study.near(heel)) is None


@pytest.mark.parametrize(
    ("region", "side", "start"),
    [("groin", "right", "posterior"), ("medial_leg", "right", "right"), ("medial_leg", "left", "left")],
)
def test_an_area_is_turned_to_so_that_it_faces_the_camera_unhidden(scene, study, region, side, start):
    """Issue 22, defect 1: the groin asked with the back showing, the inner side of the lower leg
    shown from its own side (edge-on, behind nothing) or hidden by the other leg."""
    area = np.flatnonzero(study.labels.territory_mask(f"region_{region}", side))
    scene.set_view(start)
    before = study.shown_from(area, scene.camera_direction())
    direction = study.facing(area)
    assert direction is not None
    scene.face(direction)
    after = study.shown_from(area, scene.camera_direction())
    assert after >= 0.5 > before, (before, after)


def test_a_tinted_territory_has_a_smooth_edge_not_a_saw_tooth(scene, study):
    """Issue 21, defect 10: a followed nerve's skin was tinted by whole triangles, its edge a saw-tooth
    (in this picture 9.4 edge pixels per square root of the tinted area; the cut gives 6.7)."""
    scene.state.skin_opacity = 1.0
    scene.set_view("left")
    plain = scene.frames.picture().astype(int)
    study.show(Picture.of(("field_lateral_femoral_cutaneous", "field_saphenous"), "#ee7733"))
    lit = scene.frames.picture().astype(int)
    tinted = np.abs(lit - plain).sum(axis=2) > 40
    inner = tinted[1:-1, 1:-1]
    edge = inner & ~(tinted[:-2, 1:-1] & tinted[2:, 1:-1] & tinted[1:-1, :-2] & tinted[1:-1, 2:])
    assert tinted.sum() > 5000, "the territories are tinted"
    assert edge.sum() / np.sqrt(tinted.sum()) < 8.0
    study.show(None)
    scene.frames.prepare()
    assert scene.skin_drawn is scene.skin_surface, "the plain skin again"
