"""The scene renders off-screen: real pixels at known points of the body."""

import numpy as np
import pytest
import pyvista as pv
from pixels import colour_distance, shaft_points, share_changed

from app.scene.camera_moves import VIEW_DIRECTIONS
from app.scene.scene import BACKGROUND


def test_body_pixels_differ_from_background(scene, model):
    image = scene.frames.picture()
    corner = image[2, 2]
    background = np.broadcast_to(corner, image.shape)
    assert share_changed(scene.plotter, background, image, shaft_points(model.bones, "femur_right"), 60) > 0.8
    background_rows = (np.abs(image.astype(int) - corner.astype(int)).sum(-1) < 20).mean(axis=1)
    assert background_rows[:3].min() > 0.9, "top rows should be background"


def test_toggling_bones_changes_pixels_where_bones_are(scene, model):
    with_bones = scene.frames.picture()
    scene.state.show_bones = False
    without = scene.frames.picture()
    femur = shaft_points(model.bones, "femur_left")
    assert share_changed(scene.plotter, with_bones, without, femur) > 0.6
    # Far from any bone (above the body) nothing changes.
    assert colour_distance(with_bones[2, 2], without[2, 2]) < 5


def test_see_through_skin_shows_bones(scene, model):
    scene.state.skin_opacity = 1.0
    solid = scene.frames.picture()
    scene.state.skin_opacity = 0.3
    clear = scene.frames.picture()
    assert share_changed(scene.plotter, solid, clear, shaft_points(model.bones, "femur_right"), 30) > 0.8


@pytest.mark.parametrize("view", list(VIEW_DIRECTIONS))
def test_each_view_looks_from_its_side(scene, view):
    scene.set_view(view)
    direction, _up = VIEW_DIRECTIONS[view]
    assert np.dot(scene.camera_direction(), direction) > 0.99
    image = scene.frames.picture()
    assert image.std() > 5, f"{view} view rendered a flat image"


def test_muscle_layer_toggles(scene):
    assert scene.muscles_actor.visibility
    scene.state.show_muscles = False
    assert not scene.muscles_actor.visibility


def test_background_is_the_declared_gradient(scene):
    image = scene.frames.picture()
    top = np.array(pv.Color(BACKGROUND[1]).int_rgb)
    assert colour_distance(image[0, 0], top) < 25


def test_the_soles_view_centres_the_feet_and_shows_the_bones_through_the_fascia(scene, model):
    from pixels import world_to_pixel

    scene.set_view("plantar")
    points = np.asarray(model.skin.points)
    feet = points[points[:, 2] < points[:, 2].min() + 0.05]
    rows = [world_to_pixel(scene.plotter, p)[0] for p in feet]
    height = scene.plotter.window_size[1]
    assert abs(np.mean(rows) - height / 2) < 0.1 * height, "the feet sit in the middle, not at the top"
    assert scene.actors["sheets"].prop.opacity < 1.0, "the plantar fascia is a see-through sheet"
    assert "plantar_fascia_left" in scene.colours["sheets"].named.cells


def test_new_colours_leave_the_drawn_normals_and_triangles_as_they_were(scene):
    """A touch changes colours only: the smooth-shading filter in front of each mapper passes
    the meshes' own normals through, so the GPU gets new colours and nothing else (computing
    the normals again, and re-winding the triangles, cost ~30 ms a touch on llvmpipe)."""
    scene.frames.render_now()
    drawn = {**scene.meshes, "skin": scene.skin_drawn}
    actors = {**scene.actors, "skin": scene.skin_actor}

    def fed(name):
        data = actors[name].mapper.GetInput()
        return data.GetPointData().GetNormals().__this__, data.GetPolys().__this__, data.GetStrips().__this__

    before = {name: fed(name) for name in drawn}
    mask = np.zeros(scene.skin_surface.n_points, dtype=bool)
    mask[: scene.skin_surface.n_points // 3] = True
    scene.set_skin_layer("touched", mask, "#ffffff", opacity=0.35)
    scene.refresh_skin()
    scene.light({"femur_left": "#EE6677", "disc_L4_L5": "#4477AA"})
    scene.frames.render_now()
    for name, mesh in drawn.items():
        assert fed(name) == before[name], name
        assert fed(name)[0] == mesh.GetPointData().GetNormals().__this__, f"{name}: the mesh's own normals"


def test_skin_colours_that_did_not_change_are_not_sent_again(scene):
    mask = np.zeros(scene.skin_surface.n_points, dtype=bool)
    mask[:500] = True
    scene.set_skin_layer("touched", mask, "#ffffff", opacity=0.35)
    scene.refresh_skin()
    sent = scene.skin_drawn.GetCellData().GetArray("rgb").GetMTime()
    scene.set_skin_layer("touched", mask, "#ffffff", opacity=0.35)  # the same dermatome touched again
    scene.refresh_skin()
    assert scene.skin_drawn.GetCellData().GetArray("rgb").GetMTime() == sent
    scene.set_skin_layer("touched", None)
    scene.refresh_skin()
    assert scene.skin_drawn.GetCellData().GetArray("rgb").GetMTime() > sent


@pytest.mark.parametrize("view", ["anterior", "posterior", "left"])
def test_the_tubes_drawn_one_sided_look_as_they_do_two_sided(scene, view):
    """Nerves and muscles are closed tubes wound outward: their far sides are left undrawn."""
    from app.scene.scene import ONE_SIDED

    scene.set_view(view)
    assert all(scene.actors[name].prop.culling == "back" for name in ONE_SIDED)
    one_sided = scene.frames.picture()
    for name in ONE_SIDED:
        scene.actors[name].prop.culling = "none"
    two_sided = scene.frames.picture()
    difference = np.abs(one_sided.astype(int) - two_sided.astype(int)).max(axis=2)
    assert (difference > 30).sum() <= 5, (difference > 30).sum()


def test_the_soles_view_of_a_body_part_far_above_the_feet_shows_it(scene, model):
    """With only the pelvis shown (a study tool's one system alone) nothing lies within the soles'
    depth: the view must not clip it away, nor raise (VTK refused a near plane beyond the far one,
    found by the soak)."""
    from pixels import structure_points, world_to_pixel

    for actor in scene.plotter.renderer.actors.values():
        actor.visibility = False
    hip = structure_points(model.bones, "sacrum").mean(axis=0)
    scene.plotter.add_mesh(pv.Sphere(radius=0.08, center=hip), color="red", name="alone")
    scene.set_view("plantar")
    image = scene.frames.picture()
    row, column = world_to_pixel(scene.plotter, hip)
    assert colour_distance(image[row, column], np.array([255, 0, 0])) < 120, "the part is drawn"
