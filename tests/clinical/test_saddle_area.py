"""Issue 18 item 2: every vertex of the saddle area asks about saddle numbness and the bladder first.

The saddle is the skin a saddle touches: the perineum, round the back passage and over the coccyx,
the inner buttocks and the upper inner thighs beside the perineum (GIRFT cauda equina pathway;
S3-S5 after Foerster and Keegan & Garrett, ISNCSCI S3 and S4-5). The inner thigh a hand's width
below the crotch and the outer buttock are not the saddle and ask nothing first. Areas are chosen
here from the skin's shape and the bony landmarks, not from the labels they check."""

from __future__ import annotations

import json

import numpy as np
import pytest

CAUDA_EQUINA_SIGNS = ("saddle_numbness", "bladder_bowel")


@pytest.fixture(scope="module")
def skin():
    from app.content.loader import load
    from app.resources import assets_dir, content_dir
    from app.scene.assets import load_skin
    from app.scene.skin_labels import SkinLabels

    mesh = load_skin()
    knowledge, _ = load(content_dir(), check_reading=False)
    landmarks = json.loads((assets_dir() / "landmarks.json").read_text(encoding="utf-8"))["landmarks"]
    return SkinLabels.from_skin(mesh), np.asarray(mesh.point_data["Normals"]), knowledge, landmarks


def _asks(labels, knowledge, vertex: int) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    from app.domain.query import Query
    from app.domain.urgency import ask_first

    return ask_first(knowledge, Query(spots=(labels.spot(vertex),)))


def _areas(labels, normals: np.ndarray, landmarks, side: str) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    pts = np.asarray(labels.points)
    sign = 1.0 if side == "right" else -1.0
    lateral = sign * pts[:, 0]
    facing_midline = -sign * normals[:, 0]
    it, pt = np.asarray(landmarks[f"ischial_tuberosity_{side}"]), np.asarray(landmarks[f"pubic_tubercle_{side}"])
    gt, psis = np.asarray(landmarks[f"greater_trochanter_{side}"]), np.asarray(landmarks[f"psis_{side}"])
    between = np.abs(pts[:, 0]) < 0.01
    crotch = pts[between & (pts[:, 2] < pt[2]), 2].min()  # the lowest skin between the thighs
    inner_thigh = (facing_midline > 0.6) & (lateral > 0.01) & (pts[:, 1] > it[1]) & (pts[:, 1] < pt[1])
    # beside the perineum: from the sitting bone forward to halfway to the pubic tubercle (further
    # forward is the groin and the root of the genitals, L1)
    beside_perineum = pts[:, 1] < (it[1] + pt[1]) / 2
    return {
        "upper inner thigh beside the perineum": np.flatnonzero(
            inner_thigh & beside_perineum & (pts[:, 2] < crotch - 0.005) & (pts[:, 2] > crotch - 0.035)),
        "inner buttock by the natal cleft": np.flatnonzero(
            (lateral > 0.005) & (lateral < 0.02) & (pts[:, 1] < it[1] - 0.02) & (pts[:, 2] < it[2] + 0.02)
            & (pts[:, 2] > crotch)),
        "inner thigh a hand's width below the crotch": np.flatnonzero(
            inner_thigh & (pts[:, 2] < crotch - 0.08) & (pts[:, 2] > crotch - 0.12)),
        "outer buttock": np.flatnonzero(
            (lateral > gt[0] * sign - 0.05) & (pts[:, 1] < it[1] - 0.03) & (pts[:, 2] > it[2]) & (pts[:, 2] < psis[2])),
    }  # fmt: skip


@pytest.mark.parametrize("side", ["right", "left"])
def test_every_vertex_of_the_saddle_asks_first_and_the_thigh_below_and_the_outer_buttock_do_not(skin, side):
    labels, normals, knowledge, landmarks = skin
    areas = _areas(labels, normals, landmarks, side)
    expected = {
        "upper inner thigh beside the perineum": CAUDA_EQUINA_SIGNS,
        "inner buttock by the natal cleft": CAUDA_EQUINA_SIGNS,
        "inner thigh a hand's width below the crotch": (),
        "outer buttock": (),
    }
    for area, vertices in areas.items():
        assert len(vertices) >= 12, f"{area}: only {len(vertices)} vertices chosen"
        wrong = [int(v) for v in vertices if _asks(labels, knowledge, int(v)) != expected[area]]
        assert not wrong, (
            f"{area} ({side}): {len(wrong)} of {len(vertices)} vertices do not ask {expected[area]}, e.g. "
            f"{labels.spot(wrong[0])}"
        )


def test_the_skin_over_the_coccyx_reads_s4_s5_and_asks_first(skin):
    """The midline of the natal cleft over the coccyx: S4-S5 with the coccygeal segment (Foerster;
    Keegan & Garrett), the area round the back passage; above it, over the sacrum, not the saddle."""
    labels, _, knowledge, landmarks = skin
    import pyvista as pv

    from app.resources import assets_dir

    bones = pv.read(assets_dir() / "bones.vtp")
    names = [str(n) for n in np.asarray(bones.field_data["structure_names"])]
    sacrum = np.asarray(bones.cell_data["structure_index"]) == names.index("sacrum")
    apex_z = float(np.asarray(bones.extract_cells(np.flatnonzero(sacrum)).points)[:, 2].min())
    pts = np.asarray(labels.points)
    midline_back = (np.abs(pts[:, 0]) < 0.005) & (pts[:, 1] < np.asarray(landmarks["spinous_process_S1"])[1])
    over_coccyx = np.flatnonzero(midline_back & (pts[:, 2] < apex_z - 0.005) & (pts[:, 2] > apex_z - 0.035))
    over_sacrum = np.flatnonzero(midline_back & (pts[:, 2] > apex_z + 0.015) & (pts[:, 2] < apex_z + 0.05))
    assert len(over_coccyx) >= 5 and len(over_sacrum) >= 5
    assert {labels.spot(int(v)).dermatomes[0] for v in over_coccyx} == {"S4_S5"}
    assert {labels.name("dermatome_keegan", int(v)) for v in over_coccyx} == {"S4_S5"}
    assert all(_asks(labels, knowledge, int(v)) == CAUDA_EQUINA_SIGNS for v in over_coccyx)
    assert not any(_asks(labels, knowledge, int(v)) for v in over_sacrum)


@pytest.mark.parametrize("side", ["right", "left"])
def test_query_at_the_upper_inner_thigh_leads_with_the_check(skin, side, capsys):
    """`query --point --json` at the clinical table's upper inner thigh: `ask_first` names the two
    signs and the first candidate is the check, an emergency for emergency care."""
    from clinical_table import load_table, probe

    from app.cli import main

    point = next(p for p in load_table().points if p.id == "upper_inner_thigh")
    xyz = probe(point, side, skin[3])
    assert main(["query", "--point", ",".join(f"{v:.5f}" for v in xyz), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["region"] == "medial_thigh" and payload["side"] == side
    assert payload["ask_first"] == list(CAUDA_EQUINA_SIGNS)
    first = payload["candidates"][0]
    assert first["asks"] == list(CAUDA_EQUINA_SIGNS) and first["card"] == "red_flag_cauda_equina"
    assert first["urgency"] == "emergency" and first["who_can_help"] == ["emergency_care"]
