"""The launcher, the AppStream metadata and the icon set validate, agree with each other and with
the app's version, and `referral-atlas install-desktop` puts them where a desktop finds them."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PIL import Image

from app import install_desktop
from app.version import app_version, content_release

ROOT = Path(__file__).resolve().parents[1]
DESKTOP = ROOT / "app" / "desktop"
LAUNCHER = DESKTOP / f"{install_desktop.APP_ID}.desktop"
METAINFO = DESKTOP / f"{install_desktop.APP_ID}.metainfo.xml"


def validate(*command: str) -> str:
    """Run a validator (desktop-file-utils and appstream come from ./run's APT list)."""
    assert shutil.which(command[0]), f"{command[0]} is missing: ./run installs it"
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_the_launcher_and_the_metadata_validate():
    assert "error" not in validate("desktop-file-validate", str(LAUNCHER))
    assert "Validation was successful" in validate("appstreamcli", "validate", "--no-net", str(METAINFO))


def test_the_metadata_agrees_with_the_launcher_the_version_and_the_screenshots():
    root = ElementTree.parse(METAINFO).getroot()
    assert root.findtext("id") == install_desktop.APP_ID
    assert root.findtext("launchable") == LAUNCHER.name
    assert root.find("content_rating").get("type").startswith("oars-")
    newest = root.find("releases/release")
    assert newest.get("version") == app_version(), "the newest <release> is pyproject.toml's version"
    assert f"Content {content_release().version}" in "".join(newest.itertext())
    shots = [Path(image.text).name for image in root.iter("image")]
    assert shots and all((ROOT / "assets" / "screenshots" / name).is_file() for name in shots), shots
    launcher = LAUNCHER.read_text()
    assert f"Icon={install_desktop.APP_ID}\n" in launcher and "Exec=referral-atlas\n" in launcher


def test_the_png_icons_are_rendered_from_the_svg():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "render_icons.py"), "--check"],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    pngs = sorted((DESKTOP / "icons" / "hicolor").glob("*/apps/*.png"))
    assert len(pngs) >= 6
    for png in pngs:
        size = int(png.parts[-3].split("x")[0])
        assert Image.open(png).size == (size, size)


def test_install_desktop_per_user_puts_a_valid_launcher_that_runs_this_app_and_removes_it(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    run = [sys.executable, "-m", "app", "install-desktop", "--json"]
    done = subprocess.run(run, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    installed = [Path(p) for p in json.loads(done.stdout)["installed"]]
    share = tmp_path / "share"
    launcher = share / "applications" / LAUNCHER.name
    assert launcher in installed and all(p.is_file() and p.is_relative_to(share) for p in installed)
    assert (share / "metainfo" / METAINFO.name).is_file()
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{install_desktop.APP_ID}.svg").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / f"{install_desktop.APP_ID}.png").is_file()
    validate("desktop-file-validate", str(launcher))
    validate("appstreamcli", "validate", "--no-net", str(share / "metainfo" / METAINFO.name))
    exec_line = next(line for line in launcher.read_text().splitlines() if line.startswith("Exec="))
    assert exec_line == f"Exec={sys.executable} -m app", "the launcher starts the Python that installed it"
    done = subprocess.run([*run, "--remove"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0 and not any(p.exists() for p in installed), done.stderr


def test_the_launcher_quotes_a_command_with_spaces():
    text = install_desktop.launcher_text(["/opt/Referral Atlas/referral-atlas"])
    assert 'Exec="/opt/Referral Atlas/referral-atlas"\n' in text
    assert 'Exec="/opt/Referral Atlas/referral-atlas" --student\n' in text
    assert "TryExec=/opt/Referral Atlas/referral-atlas\n" in text


def test_system_goes_to_usr_local_share_and_a_folder_that_cannot_be_written_is_one_clear_line(tmp_path):
    assert install_desktop.data_dir(system=True) == Path("/usr/local/share")
    blocked = tmp_path / "file"
    blocked.write_text("")
    done = subprocess.run([sys.executable, "-m", "app", "install-desktop", "--data-dir", str(blocked / "share")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)  # fmt: skip
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "cannot write" in done.stderr, done.stderr


@pytest.mark.parametrize("home", ["relative/path", ""])
def test_a_relative_or_empty_xdg_data_home_falls_back_to_local_share(monkeypatch, home):
    monkeypatch.setenv("XDG_DATA_HOME", home)
    assert install_desktop.data_dir(system=False) == Path.home() / ".local" / "share"
