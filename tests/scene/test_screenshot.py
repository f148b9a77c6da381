"""`referral-atlas screenshot`: real pictures of the body, the bones seen through the skin."""

import numpy as np
import pytest
from PIL import Image
from pixels import shaft_points, share_changed, structure_centre, world_to_pixel

from app.cli import main
from app.scene.highlight import MECHANISM_COLOURS
from app.scene.overlays import hex_to_rgb

SIZE = "640x800"


def shoot(tmp_path, name, *args):
    out = tmp_path / f"{name}.png"
    assert main(["screenshot", *args, "--out", str(out), "--size", SIZE]) == 0
    return np.asarray(Image.open(out).convert("RGB"))


@pytest.mark.parametrize("view", ["anterior", "posterior"])
def test_the_see_through_skin_shows_the_bones(tmp_path, scene, model, view):
    clear = shoot(tmp_path, f"{view}_clear", "--view", view)
    solid = shoot(tmp_path, f"{view}_solid", "--view", view, "--skin-opacity", "1")
    assert clear.std() > 20 and clear.shape == (800, 640, 3), "not blank"
    scene.set_view(view)  # the same camera as the command's, to find the bones on the picture
    for bone in ("femur_right", "femur_left", "tibia_right"):
        assert share_changed(scene.plotter, solid, clear, shaft_points(model.bones, bone), 30) > 0.6, bone


def test_a_touch_lights_its_sources_on_the_picture(tmp_path, scene, model):
    top_of_left_foot = np.asarray(model.landmarks["metatarsal_head_3_left"]) + (0.0, 0.0, 0.05)
    point = ",".join(f"{v:.4f}" for v in top_of_left_foot)
    plain = shoot(tmp_path, "plain", "--view", "anterior")
    touched = shoot(tmp_path, "touched", "--view", "anterior", "--point", point)
    assert touched.shape[1] == plain.shape[1], "the picture keeps its size (the legend takes a column)"
    # the render is narrower beside the legend: find the disc with a scene of the render's size
    from app.scene.legend_panel import panel_width

    scene.plotter.window_size = [640 - panel_width(800), 800]
    scene.set_view("anterior")
    row, col = world_to_pixel(scene.plotter, structure_centre(model.structures, "disc_L4_L5"))
    red = np.asarray(hex_to_rgb(MECHANISM_COLOURS["radicular"])) * 255
    pixel = touched[row, col].astype(float)
    assert np.abs(pixel / pixel.max() - red / red.max()).sum() < 0.6, f"the L4-L5 disc is lit red, got {pixel}"
    legend = touched[:, 640 - panel_width(800) :]
    assert (np.abs(legend.astype(float) - red).sum(axis=2) < 40).sum() > 50, "the legend shows the red swatch"
