"""Issue 18 item 5: the skin strips at the pelvis, every vertex of each area (not one point).

The S4-5 area is perianal (ISNCSCI: within 1 cm of the mucocutaneous junction; S3 and S4-5 are
rings around it): the skin over the ischial tuberosity and the buttock fold reads S3 or S2 first,
never S4-5; the skin just below the PSIS is sacral (middle cluneal nerves, S1-S3 dorsal rami), never L3."""

from __future__ import annotations

import json

import numpy as np
import pytest


@pytest.fixture(scope="module")
def skin():
    from app.resources import assets_dir
    from app.scene.assets import load_skin
    from app.scene.skin_labels import SkinLabels

    landmarks = json.loads((assets_dir() / "landmarks.json").read_text(encoding="utf-8"))["landmarks"]
    return SkinLabels.from_skin(load_skin()), landmarks


def _areas(labels, landmarks, side: str) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    pts = np.asarray(labels.points)
    sign = 1.0 if side == "right" else -1.0
    lateral = sign * pts[:, 0]
    it, psis = np.asarray(landmarks[f"ischial_tuberosity_{side}"]), np.asarray(landmarks[f"psis_{side}"])
    gt = sign * landmarks[f"greater_trochanter_{side}"][0]
    over = it + np.array([sign * 0.015, -0.04, -0.025])  # the S3 key point's probe (points.yaml S3_key)
    return {
        "ischial tuberosity": np.flatnonzero((np.linalg.norm(pts - over, axis=1) < 0.045) & (lateral > 0.02)),
        "buttock fold": np.flatnonzero((np.abs(pts[:, 2] - (it[2] - 0.02)) < 0.02) & (lateral > 0.03) & (lateral < gt)
                                       & (pts[:, 1] < it[1])),
        "below the PSIS": np.flatnonzero((lateral > 0.0) & (lateral < sign * psis[0] + 0.02) & (pts[:, 2] < psis[2])
                                         & (pts[:, 2] > psis[2] - 0.05) & (pts[:, 1] < psis[1])),
    }  # fmt: skip


@pytest.mark.parametrize("side", ["right", "left"])
def test_every_vertex_of_the_pelvis_areas_has_the_right_strip_first(skin, side: str) -> None:
    labels, landmarks = skin
    allowed = {"ischial tuberosity": {"S3", "S2"}, "buttock fold": {"S3", "S2"}, "below the PSIS": {"S1", "S2", "S3"}}
    for area, vertices in _areas(labels, landmarks, side).items():
        assert len(vertices) >= 20, f"{area}: only {len(vertices)} vertices chosen"
        first = [labels.spot(int(v)).dermatomes[0] for v in vertices]
        wrong = sorted({label for label in first if label not in allowed[area]})
        misread = sum(label not in allowed[area] for label in first)
        assert not wrong, f"{area} ({side}): {misread} of {len(first)} vertices read {wrong}"
