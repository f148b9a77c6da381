"""`screenshot --pose` and `effects` with a pose (issue 24), headless."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from app.cli import main
from app.scene.offscreen import POSE_LEGEND_SHARE
from app.scene.overlays import hex_to_rgb
from app.scene.posing import EVIDENCE_COLOURS


def test_effects_lists_the_pose_steps(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["effects", "--source", "flat_feet", "--json"]) == 0
    pose = json.loads(capsys.readouterr().out)["pose"]
    assert pose["id"] == "flat_feet" and pose["exaggeration"] == 3 and pose["posed_side"] == "left"
    first = pose["steps"][0]
    assert first == {
        "id": "heel_rolls_in", "joint": "subtalar", "motion": "eversion", "axis": "anteroposterior", "degrees": 4.0,
        "drawn_degrees": 12.0, "phase": [0.0, 0.35], "evidence": "limited", "references": ["buldt_2013"],
        "caption": "The heel tips in and the arch drops. Flat feet roll in a little more when you walk.",
    }  # fmt: skip
    assert {s["joint"] for s in pose["steps"]} >= {"subtalar", "knee", "hip", "pelvis", "lumbar"}
    assert all(s["references"] and s["evidence"] for s in pose["steps"])


def test_effects_gives_the_spanish_captions_and_a_source_without_a_pose_none(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["effects", "--source", "leg_length_difference", "--json", "--lang", "es"]) == 0
    pose = json.loads(capsys.readouterr().out)["pose"]
    assert pose["steps"][0]["mm"] == 20.0 and pose["steps"][0]["caption"].startswith("Esta pierna es 2 cm más corta")
    assert main(["effects", "--source", "disc_L4_L5", "--json"]) == 0
    assert "pose" not in json.loads(capsys.readouterr().out)


def test_screenshot_poses_the_skeleton_with_its_legend(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    shots = {}
    for phase in ("0", "1"):
        out = tmp_path / f"flat_feet_{phase}.png"
        assert (
            main(["screenshot", "--pose", "flat_feet", "--phase", phase, "--out", str(out), "--size", "640x800"]) == 0
        )
        shots[phase] = np.asarray(Image.open(out).convert("RGB")).astype(int)
    body = 640 - 640 * POSE_LEGEND_SHARE // 100
    changed = np.abs(shots["1"][:, :body] - shots["0"][:, :body]).sum(axis=2) > 60
    _, columns = np.nonzero(changed)
    assert changed.sum() > 500, "phase 1 differs from phase 0"
    assert np.mean(columns > body / 2) > 0.7, "mostly on the picture's right: the body's left leg"
    legend = shots["1"][:, body:]
    weak = np.asarray(hex_to_rgb(EVIDENCE_COLOURS["weak"])) * 255
    assert (np.abs(legend - weak).sum(axis=2) < 30).sum() > 50, "the legend shows a weak-evidence swatch"


def test_an_unknown_pose_is_one_clear_line(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["screenshot", "--pose", "flat_foot", "--out", str(tmp_path / "x.png")]) == 1
    assert "--pose: unknown pose 'flat_foot'; did you mean flat_feet?" in capsys.readouterr().err


def test_a_close_look_at_a_landmark(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    """--focus and --zoom: the foot's push-off seen up close (the whole body leaves it a few pixels)."""
    pictures = {}
    for name, extra in (("whole", []), ("close", ["--focus", "ankle_centre_left", "--zoom", "4"])):
        out = tmp_path / f"{name}.png"
        assert main(["screenshot", "--view", "left", "--out", str(out), "--size", "400x400", *extra]) == 0
        image = np.asarray(Image.open(out).convert("RGB")).astype(int)
        pictures[name] = (image.sum(axis=2) > 450).mean()  # share of the picture that is pale bone
    assert pictures["close"] > 3 * pictures["whole"], pictures
    assert main(["screenshot", "--focus", "ankle_center_left", "--out", str(tmp_path / "x.png")]) == 1
    assert "did you mean ankle_centre_left" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["screenshot", "--zoom", "0.5", "--out", str(tmp_path / "x.png")])
