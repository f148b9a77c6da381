"""A wheel built from the repository (not only an editable install) carries the model and content,
and tells its version from its own metadata."""

import os
import subprocess
import sys
from pathlib import Path

from app.version import version_line

ROOT = Path(__file__).resolve().parents[1]


def test_installed_wheel_finds_assets_and_content(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        timeout=600,
    )
    (wheel,) = (tmp_path / "dist").glob("referral_atlas-*.whl")
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        timeout=600,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFERRAL_ATLAS_")}
    env["PYTHONPATH"] = str(target)
    probe = (
        "import app, app.resources as r; from app.scene.assets import load_model;"
        "m = load_model(); print(app.__file__); print(r.assets_dir()); print(r.content_dir());"
        "print(m.skin.n_points > 0)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    module, assets, content, loaded = out
    assert module.startswith(str(target))
    assert assets.startswith(str(target)) and content.startswith(str(target))
    assert Path(content).is_dir() and loaded == "True"
    version = subprocess.run(
        [sys.executable, "-m", "app", "--version"], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert version == version_line(), "the installed wheel's metadata and content give the same versions"
