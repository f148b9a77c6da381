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
    from app.scene.skin_overlays import SkinOverlays, label_box
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
            boxes.append(label_box(label.text, col, -row, 11))
            assert boxes[-1][2] <= scene.plotter.window_size[0], f"{label.text} runs off the view"
        assert not any(boxes_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :]), texts
    overlays.close()


@pytest.fixture(scope="module")
def words():
    from app.content import load
    from app.resources import content_dir

    return load(content_dir())[0].in_language("en")


def placed_texts(scene, overlays, view):
    scene.set_view(view)
    scene.frames.picture()
    return [label.text for label in overlays.placed_labels]


@pytest.mark.parametrize(
    ("overlay", "view", "named"),
    [
        ("dermatomes", "anterior", {"L1", "L2", "L3", "L4", "L5"}),  # L2 and L3 were never named on the front
        ("dermatomes_keegan", "anterior", {"L1", "L2", "L3", "L4", "L5"}),
        ("dermatomes", "posterior", {"L2", "L3", "S1", "S2"}),  # the back had no L root nor S1
        ("dermatomes_keegan", "posterior", {"L1", "L2", "L3", "L5", "S1", "S2"}),
    ],
)
def test_map_labels_name_every_root_where_its_strip_shows(scene, labels, words, overlay, view, named):
    """Issue 21, defect 9: a strip that wraps round the thigh or the trunk is named on each side
    that shows it (a label per patch facing each way), not once at its middle inside the body."""
    overlays = SkinOverlays(scene, labels, words.map_name)
    try:
        scene.state.show_labels = True
        scene.state.overlay = overlay
        texts = placed_texts(scene, overlays, view)
        assert named <= set(texts), sorted(named - set(texts))
    finally:
        overlays.close()


def test_region_labels_use_the_panels_words_once_per_patch(scene, labels, model, words):
    """Issue 21, defect 9: "lower abdomen" three times, on the chest; "dorsum of foot"."""
    overlays = SkinOverlays(scene, labels, words.map_name)
    try:
        scene.state.show_labels = True
        scene.state.overlay = "regions"
        texts = placed_texts(scene, overlays, "anterior")
        assert "Top of the foot" in texts and not any("_" in t or "dorsum" in t.lower() for t in texts), texts
        assert texts.count("Lower belly") == 1, texts
        belly = next(label for label in overlays.placed_labels if label.text == "Lower belly")
        top = model.skin.bounds[5]
        assert belly.anchor[2] < top - 0.06, "the label sits on the belly, not on the chest at the crop"
        assert abs(belly.anchor[0]) < 0.04, "in the middle of the belly"
        assert all(texts.count(t) <= 2 for t in texts), "a region once on each side at most"
    finally:
        overlays.close()


def test_a_map_over_the_see_through_skin_reads_as_on_solid_skin(model, labels):
    """Issue 21, defect 9: over the default see-through skin the map's colours were muddied by the
    bones and muscles under it; a map now makes the skin solid while it shows, and gives it back."""
    from app.domain.view_state import ViewState
    from app.scene.scene import AnatomyScene

    pictures = {}
    for opacity in (0.35, 1.0):
        plotter = pv.Plotter(off_screen=True, window_size=[640, 800])
        scene = AnatomyScene(plotter, model, ViewState(skin_opacity=opacity))
        overlays = SkinOverlays(scene, labels)
        scene.state.overlay = "dermatomes"
        pictures[opacity] = scene.frames.picture().astype(int)
        scene.state.overlay = "none"
        assert scene.state.skin_opacity == opacity, "the skin's own opacity comes back with the map gone"
        overlays.close()
        scene.close()
        plotter.close()
    row, col = world_to_pixel_of(model, "patella_right", (0, 0.06, 0.12))
    for r, c in ((row, col), *((row + dr, col + dc) for dr in (-20, 20) for dc in (-10, 10))):
        assert colour_distance(pictures[0.35][r, c], pictures[1.0][r, c]) < 12, (r, c)


def world_to_pixel_of(model, landmark, offset):
    """Pixel of a point near a landmark in a fresh 640×800 front view (the pictures' camera)."""
    from app.domain.view_state import ViewState
    from app.scene.scene import AnatomyScene

    plotter = pv.Plotter(off_screen=True, window_size=[640, 800])
    scene = AnatomyScene(plotter, model, ViewState())
    try:
        return world_to_pixel(plotter, np.asarray(model.landmarks[landmark]) + np.asarray(offset, float))
    finally:
        scene.close()
        plotter.close()


def test_long_map_labels_stay_inside_the_view(scene, labels, words):
    """A label's text starts at its point: "Front thigh skin branches of the femoral nerve" on the
    left thigh ran off the right edge of the view when its box was taken as centred there."""
    from app.scene.skin_overlays import label_box

    overlays = SkinOverlays(scene, labels, words.map_name)
    try:
        scene.state.show_labels = True
        scene.state.overlay = "nerves"
        for view in ("anterior", "posterior"):
            texts = placed_texts(scene, overlays, view)
            assert texts, view
            for label in overlays.placed_labels:
                row, col = world_to_pixel(scene.plotter, label.anchor)
                box = label_box(label.text, col, -row, scene.text_px(11))
                assert box[0] >= 0 and box[2] <= scene.plotter.window_size[0], (view, label.text)
    finally:
        overlays.close()
