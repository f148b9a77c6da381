"""A missing or damaged model file ends with one clear line naming the file and the fix."""

import json
import shutil
import subprocess
import sys

import pytest

from app.resources import ASSETS_ENV, assets_dir


@pytest.fixture
def assets_copy(tmp_path):
    target = tmp_path / "models"
    shutil.copytree(assets_dir(), target)
    return target


def run_cli(assets, *args):
    env = {**__import__("os").environ, ASSETS_ENV: str(assets)}
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env, timeout=120)


def _remove_skin(d):
    (d / "skin.vtp").unlink()


def _garble_bones(d):
    (d / "bones.vtp").write_bytes(b"not a mesh at all")


def _truncate_manifest(d):
    text = (d / "manifest.json").read_text()
    (d / "manifest.json").write_text(text[: len(text) // 2])


def _garble_muscles_with_matching_checksum(d):
    import hashlib

    (d / "muscles.vtp").write_bytes(b"<VTKFile type='PolyData'>broken")
    manifest = json.loads((d / "manifest.json").read_text())
    manifest["files"]["muscles.vtp"]["sha256"] = hashlib.sha256((d / "muscles.vtp").read_bytes()).hexdigest()
    (d / "manifest.json").write_text(json.dumps(manifest))


def _remove_landmarks(d):
    (d / "landmarks.json").unlink()


CASES = {
    "missing skin": (_remove_skin, "skin.vtp", "missing"),
    "damaged bones": (_garble_bones, "bones.vtp", "checksum"),
    "damaged manifest": (_truncate_manifest, "manifest.json", "cannot be read"),
    "unreadable mesh": (_garble_muscles_with_matching_checksum, "muscles.vtp", "cannot be read"),
    "missing landmarks": (_remove_landmarks, "landmarks.json", "missing"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_asset_gives_one_clear_line(assets_copy, tmp_path, case):
    damage, file_name, words = CASES[case]
    damage(assets_copy)
    command = (
        ["landmarks"]
        if file_name in ("landmarks.json", "manifest.json")
        else ["screenshot", "--out", str(tmp_path / "x.png"), "--size", "64x64"]
    )
    result = run_cli(assets_copy, *command)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("referral-atlas:")]
    assert len(lines) == 1, result.stderr
    assert file_name in lines[0] and words in lines[0]
    assert "tools/build_assets.py" in lines[0]
    assert not (tmp_path / "x.png").exists()


def test_good_assets_pass(assets_copy):
    result = run_cli(assets_copy, "landmarks", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)


def test_screenshot_rejects_missing_folder(tmp_path):
    result = run_cli(assets_dir(), "screenshot", "--out", str(tmp_path / "nope" / "x.png"))
    assert result.returncode == 1
    assert "folder does not exist" in result.stderr
