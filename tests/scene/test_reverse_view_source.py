"""The reverse view lights its source so that it shows (issue 21, defect 8: the L5–S1 disc lit in
the reach's blue looked as it does unlit)."""

import numpy as np
import pytest

from tests.pixels import structure_points, world_to_pixel


@pytest.fixture(scope="module")
def knowledge():
    from app.content import load
    from app.resources import content_dir

    return load(content_dir(), check_reading=False)[0]


def _disc_pixels(model, knowledge, source):
    import pyvista as pv

    from app.domain.explorer import Explorer
    from app.domain.view_state import ViewState
    from app.scene.stage import build_stage

    plotter = pv.Plotter(off_screen=True, window_size=[640, 800])
    explorer = Explorer(knowledge)
    stage = build_stage(plotter, model, explorer, ViewState())
    try:
        if source is not None:
            explorer.show_source(source)
        stage.scene.set_view("anterior")
        centre = structure_points(model.structures, "disc_L5_S1").mean(axis=0)
        plotter.camera.focal_point = centre
        plotter.camera.zoom(3)
        stage.scene.frames.prepare()
        image = plotter.screenshot(return_img=True)
        points = structure_points(model.structures, "disc_L5_S1")
        front = points[points[:, 1] > np.percentile(points[:, 1], 60)]  # the side that faces the camera
        pixels = {world_to_pixel(plotter, p) for p in front}
        return np.array([image[r, c, :3] for r, c in pixels], dtype=int)
    finally:
        stage.close()
        plotter.close()


def test_the_disc_as_the_source_is_lit_in_the_colour_of_a_root_pressed(model, knowledge):
    unlit = _disc_pixels(model, knowledge, None)
    lit = _disc_pixels(model, knowledge, "disc_L5_S1")
    warm = lambda pixels: float(np.mean(pixels[:, 0] > pixels[:, 2] + 40))  # noqa: E731
    assert warm(unlit) < 0.3, "the disc is drawn grey when nothing is shown"
    assert warm(lit) > 0.7, f"only {warm(lit):.0%} of the disc shows the radicular colour"
