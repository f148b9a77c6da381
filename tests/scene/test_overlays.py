"""Territory maps on the skin: crisp boundaries, the right colours in the right places, legends."""

import numpy as np
import pytest
import pyvista as pv
from PIL import Image
from pixels import colour_distance, world_to_pixel

from app.cli import main
from app.scene.overlays import boundary_edges, cut_along_labels, hex_to_rgb, territory_colours
from app.scene.scene import BACKGROUND, SKIN
from app.scene.skin_labels import SkinLabels
from app.scene.skin_overlays import OVERLAY_OPACITY, SkinOverlays

SKIN_OPACITY = 1.0  # maps are read on solid skin


@pytest.fixture(scope="module")
def labels(model):
    return SkinLabels.from_skin(model.skin)


def boundary_length(points, faces, cell_labels):
    edges = boundary_edges(faces, cell_labels)
    return float(np.linalg.norm(points[edges[:, 0]] - points[edges[:, 1]], axis=1).sum())


def test_the_cut_tiles_the_skin_and_keeps_every_whole_triangle_label(scene, labels):
    surface = scene.skin_surface
    point_labels = labels.labels["dermatome"]
    cut = cut_along_labels(surface, point_labels)
    assert cut.area == pytest.approx(surface.area, rel=1e-4), "no gaps, no overlaps"
    origin = np.asarray(cut.cell_data["orig_cell"])
    assert origin.min() >= 0 and origin.max() < surface.n_cells
    corners = point_labels[surface.regular_faces]
    whole = (corners[:, 0] == corners[:, 1]) & (corners[:, 1] == corners[:, 2])
    # far from any boundary a triangle keeps its corners' label (smoothing only moves boundaries)
    inside = whole[origin] & ~np.isin(origin, np.unique(boundary_edges(surface.regular_faces, corners[:, 0])))
    assert (np.asarray(cut.cell_data["label"])[inside] == corners[origin[inside], 0]).mean() > 0.99


def test_cut_boundaries_are_much_shorter_than_the_triangle_saw_tooth(scene, labels):
    surface = scene.skin_surface
    point_labels = labels.labels["dermatome"]
    faces = surface.regular_faces
    corners = point_labels[faces]
    by_triangle = np.where(
        (corners[:, 1] == corners[:, 2]) & (corners[:, 0] != corners[:, 1]), corners[:, 1], corners[:, 0]
    )
    saw = boundary_length(np.asarray(surface.points), faces, by_triangle)
    cut = cut_along_labels(surface, point_labels)
    smooth = boundary_length(np.asarray(cut.points), cut.regular_faces, np.asarray(cut.cell_data["label"]))
    assert smooth < 0.7 * saw, (smooth, saw)


def nearest_palette_entry(rgb, plain, names):
    """The map colour a lit pixel shows: each map colour as drawn over the skin, lit as the plain
    skin's pixel there is lit (several colours share a hue and differ only in lightness)."""
    skin = hex_to_rgb(SKIN.color)
    drawn = OVERLAY_OPACITY * territory_colours("dermatome_names", tuple(names)) + (1 - OVERLAY_OPACITY) * skin
    lit = drawn * (np.asarray(plain[:3], float) / (skin * 255.0))[None, :] * 255.0
    return names[int(np.argmin(np.abs(lit - np.asarray(rgb[:3], float)).sum(axis=1)))]


@pytest.mark.parametrize(
    ("view", "landmark", "outward", "expected"),
    [
        ("anterior", "metatarsal_head_3_left", (0, 0.3, 1), "L5"),
        ("anterior", "patella_right", (0, 1, 0), "L3"),
        ("posterior", "calcaneus_posterior_right", (0, -1, 0.2), "S1"),
    ],
)
def test_the_dermatome_map_shows_each_dermatome_where_it_belongs(
    scene, labels, model, view, landmark, outward, expected
):
    overlays = SkinOverlays(scene, labels)
    try:
        scene.set_view(view)
        plain = scene.frames.picture()
        scene.state.overlay = "dermatomes"
        image = scene.frames.picture()
        start = np.asarray(model.landmarks[landmark]) + 0.05 * np.asarray(outward, float)
        vertex = labels.nearest_point(tuple(start))
        assert labels.name("dermatome", vertex) == expected
        row, col = world_to_pixel(scene.plotter, labels.points[vertex])
        names = labels.names["dermatome_names"]
        assert nearest_palette_entry(image[row, col], plain[row, col], names) == expected
        assert any(name == expected for name, _ in overlays.legend)
    finally:
        overlays.close()


def test_switching_the_map_off_draws_the_plain_skin_again(scene, labels):
    overlays = SkinOverlays(scene, labels)
    try:
        scene.state.overlay = "nerves"
        assert scene.skin_drawn is not scene.skin_surface and "overlay" in scene.skin_layers.layers
        scene.state.overlay = "none"
        assert scene.skin_drawn is scene.skin_surface and "overlay" not in scene.skin_layers.layers
    finally:
        overlays.close()


@pytest.mark.parametrize("view", ["anterior", "posterior", "plantar"])
def test_screenshot_with_the_dermatome_map_has_a_legend_beside_the_body(tmp_path, view):
    out = tmp_path / f"{view}.png"
    assert main(["screenshot", "--view", view, "--overlay", "dermatomes", "--out", str(out), "--size", "900x700"]) == 0
    image = np.asarray(Image.open(out).convert("RGB"))
    assert image.shape[:2] == (700, 900)
    column = image[:, 700:]
    assert (column.max(axis=2) > 200).mean() > 0.005, "the legend column holds light text"
    body = image[:, :650]
    background = np.array(pv.Color(BACKGROUND[0]).int_rgb)
    coloured = np.abs(body.astype(int) - background).sum(axis=2) > 80
    assert coloured.mean() > 0.03, f"{view}: the map is drawn"


def test_the_plantar_view_shows_the_soles_alone(scene, model):
    scene.set_view("plantar")
    image = scene.frames.picture()
    crotch = np.array([0.0, 0.05, 0.75])  # between the thighs, far above the feet
    row, col = world_to_pixel(scene.plotter, crotch)
    pixel_rows, pixel_cols = image.shape[:2]
    if 0 <= row < pixel_rows and 0 <= col < pixel_cols:
        assert colour_distance(image[row, col], image[row, 2]) < 12, "the body above the feet is not drawn"
    heel = np.asarray(model.landmarks["calcaneus_posterior_right"])
    row, col = world_to_pixel(scene.plotter, heel + (0, 0.03, -0.01))
    assert colour_distance(image[row, col], image[row, 2]) > 60, "the sole is drawn"


def test_the_legend_of_a_view_names_only_what_it_shows(scene, labels):
    overlays = SkinOverlays(scene, labels)
    try:
        scene.state.overlay = "dermatomes"
        scene.set_view("plantar")
        scene.frames.picture()
        soles = {name for name, _ in overlays.legend_in_view()}
        assert "S1" in soles and soles <= {"L4", "L5", "S1"}, soles
        scene.set_view("anterior")
        scene.frames.picture()
        front = {name for name, _ in overlays.legend_in_view()}
        assert {"T10", "L1", "L3", "L5"} <= front and "S2" not in front, front  # S2: back of the thigh
    finally:
        overlays.close()


def test_a_cut_with_one_label_everywhere_is_the_surface_itself(scene):
    from app.scene.overlays import cut_along_labels

    surface = scene.skin_surface
    cut = cut_along_labels(surface, np.ones(surface.n_points, dtype=np.int64))
    assert cut.n_cells == surface.n_cells and set(np.asarray(cut.cell_data["label"]).tolist()) == {1}


def test_map_labels_show_only_on_the_facing_side_and_never_overlap(scene, model):
    from pixels import world_to_pixel

    from app.scene.skin_labels import SkinLabels
    from app.scene.skin_overlays import SkinOverlays
    from app.scene.structure_labels import boxes_overlap

    overlays = SkinOverlays(scene, SkinLabels.from_skin(model.skin))
    scene.state.show_labels = True
    scene.state.overlay = "regions"
    for view, hidden in (("posterior", {"anterior thigh", "big toe", "knee front"}), ("anterior", {"buttock", "calf"})):
        scene.set_view(view)
        scene.frames.picture()
        texts = [label.text for label in overlays.placed_labels]
        assert texts, view
        assert not hidden & set(texts), (view, sorted(hidden & set(texts)))
        boxes = []
        for label in overlays.placed_labels:
            row, col = world_to_pixel(scene.plotter, label.anchor)
            half = len(label.text) * 11 * 0.3 + 3
            boxes.append((col - half, -row - 8, col + half, -row + 8))
        assert not any(boxes_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]), texts
    overlays.close()
