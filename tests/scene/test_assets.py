"""The committed body model: bones inside the skin, landmarks where anatomy puts them, provenance."""

import hashlib
import json

import numpy as np
import pytest
import pyvista as pv
from meshes import winding_number

from app.resources import assets_dir
from app.scene.assets import load_landmarks, load_manifest

MODELS = assets_dir()
SIDES = ("right", "left")
NEAR_SKIN_M = 0.003
NEAR_SKIN_SHARE = 0.005  # the brief: at most 0.5 % of bone vertices within 3 mm of the skin


@pytest.fixture(scope="module")
def landmarks():
    return {name: np.asarray(value) for name, value in load_landmarks().items()}


def test_every_bone_vertex_lies_inside_the_skin(model):
    bones = pv.PolyData(np.asarray(model.bones.points, dtype=float))
    enclosed = bones.select_interior_points(model.skin, method="cell_locator")
    outside = ~np.asarray(enclosed.point_data["selected_points"], dtype=bool)
    # ray parity trips over the narrow gaps between the toes: the winding number settles those
    outside[outside] = winding_number(model.skin.triangulate(), bones.points[outside]) < 0.5
    assert not outside.any(), f"{outside.sum()} bone vertices outside the skin, e.g. {bones.points[outside][:3]}"
    depth = np.abs(bones.compute_implicit_distance(model.skin).point_data["implicit_distance"])
    assert (depth < NEAR_SKIN_M).mean() <= NEAR_SKIN_SHARE


def test_skin_is_a_closed_lower_body_of_adult_height(model):
    data = json.loads((MODELS / "landmarks.json").read_text(encoding="utf-8"))
    assert 1.6 <= data["stature_m"] <= 1.9
    z = np.asarray(model.skin.points)[:, 2]
    assert z.min() < 0.01, "the soles stand on the floor (z = 0)"
    assert z.max() == pytest.approx(data["crop_z_m"], abs=0.01)
    assert z.max() > data["landmarks"]["spinous_process_L1"][2] + 0.03, "the crop leaves L1 under skin"
    assert model.skin.n_open_edges == 0
    assert 30_000 <= model.skin.n_cells <= 80_000


@pytest.mark.parametrize("side", SIDES)
def test_landmark_heights_are_in_anatomical_order(landmarks, side):
    z = {name[: -len(side) - 1]: p[2] for name, p in landmarks.items() if name.endswith(side)}
    for lower, upper in [
        ("lateral_malleolus", "fibular_head"),
        ("medial_malleolus", "fibular_head"),
        ("fibular_head", "greater_trochanter"),
        ("greater_trochanter", "asis"),
        ("asis", "iliac_crest_top"),
        ("tibial_tuberosity", "patella"),
        ("ischial_tuberosity", "greater_trochanter"),
    ]:
        assert z[lower] < z[upper], f"{lower}_{side} should lie below {upper}_{side}"
    spine = [landmarks[f"spinous_process_L{i}"][2] for i in range(1, 6)]
    assert spine == sorted(spine, reverse=True), "L1 above L2 ... above L5"
    assert landmarks["spinous_process_S1"][2] < spine[-1]


def test_landmarks_sit_on_their_own_side_and_face(landmarks):
    for name, p in landmarks.items():
        if name.endswith("_right"):
            assert p[0] > 0, name
        elif name.endswith("_left"):
            assert p[0] < 0, name
    for side in SIDES:
        assert landmarks[f"asis_{side}"][1] > landmarks[f"psis_{side}"][1] + 0.08, "ASIS in front of PSIS"
        assert landmarks[f"hallux_tip_{side}"][1] > landmarks[f"calcaneus_posterior_{side}"][1] + 0.18
        assert abs(landmarks[f"greater_trochanter_{side}"][0]) > abs(landmarks[f"hip_centre_{side}"][0])


def test_the_navel_is_on_the_belly_near_the_iliac_crest_level(landmarks, model):
    navel = landmarks["umbilicus"]
    crest = 0.5 * (landmarks["iliac_crest_top_right"] + landmarks["iliac_crest_top_left"])
    assert abs(navel[2] - crest[2]) < 0.05, "the navel lies about level with the top of the iliac crests"
    assert navel[1] > landmarks["asis_right"][1], "in front of the pelvis"
    skin = np.asarray(model.skin.points)
    midline = skin[(np.abs(skin[:, 0]) < 0.004) & (skin[:, 1] > 0.1)]
    around = midline[np.abs(midline[:, 2] - navel[2]) < 0.03]
    assert navel[1] <= np.percentile(around[:, 1], 20), "a dimple: set back from the belly around it"


def test_left_and_right_landmarks_mirror_within_a_centimetre(landmarks):
    pairs = [name[: -len("_right")] for name in landmarks if name.endswith("_right")]
    assert len(pairs) >= 20
    for base in pairs:
        right, left = landmarks[f"{base}_right"], landmarks[f"{base}_left"]
        assert np.linalg.norm(right * (-1.0, 1.0, 1.0) - left) < 0.01, base


def test_every_landmark_the_design_names_is_there(landmarks):
    sided = [
        "asis",
        "psis",
        "iliac_crest_top",
        "pubic_tubercle",
        "ischial_tuberosity",
        "greater_trochanter",
        "medial_femoral_epicondyle",
        "lateral_femoral_epicondyle",
        "patella",
        "tibial_tuberosity",
        "fibular_head",
        "medial_malleolus",
        "lateral_malleolus",
        "navicular_tuberosity",
        "calcaneus_posterior",
        "metatarsal_head_1",
        "metatarsal_head_3",
        "metatarsal_head_5",
        "hallux_tip",
        "toe_5_tip",
    ]
    names = {f"{n}_{side}" for n in sided for side in SIDES}
    names |= {f"spinous_process_L{i}" for i in range(1, 6)} | {"spinous_process_S1"}
    assert not names - set(landmarks)


def test_manifest_records_source_licence_and_checksum_of_every_file():
    manifest = load_manifest()
    on_disk = {p.relative_to(MODELS).as_posix() for p in MODELS.rglob("*") if p.is_file()} - {"manifest.json"}
    assert on_disk == set(manifest["files"]), "every model file is listed, and only those"
    for name, entry in manifest["files"].items():
        assert hashlib.sha256((MODELS / name).read_bytes()).hexdigest() == entry["sha256"], name
        source = entry["source"]
        assert source["package"] and source["version"] and source["licence"], name
        assert source["licence"] in {"CC0-1.0", "Apache-2.0", "MIT"}, name
    for licence in {entry["source"]["licence"] for entry in manifest["files"].values()} - {"MIT"}:
        assert (MODELS / "LICENSES" / f"{licence}.txt").is_file(), licence
