"""One version each for the app (pyproject.toml) and the content (content/release.yaml), printed by
`--version`, kept in CHANGELOG.md, and told apart from a broken release file."""

import subprocess
import sys
from pathlib import Path

import tomllib
import yaml

from app.version import ContentRelease, app_version, content_release, version_line

ROOT = Path(__file__).resolve().parents[1]


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_version_prints_the_app_and_content_versions():
    done = subprocess.run([sys.executable, "-m", "app", "--version"], capture_output=True, text=True, timeout=60)
    release = yaml.safe_load((ROOT / "content" / "release.yaml").read_text())
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (
        f"referral-atlas {pyproject_version()}, content {release['version']} ({release['date']:%Y-%m-%d})"
    )
    assert done.stdout.strip() == version_line() and app_version() == pyproject_version()


def test_a_missing_or_broken_release_file_is_unknown_and_names_the_fix(tmp_path):
    missing = content_release(tmp_path)
    assert missing.version == "unknown" and str(tmp_path / "release.yaml") in missing.problem
    for text in ("version: [1", "version: 2026.12\ndate: 2026-12-07", 'version: "x y"\ndate: 2026-12-07', "- a"):
        (tmp_path / "release.yaml").write_text(text)
        broken = content_release(tmp_path)
        assert broken.version == "unknown" and "release.yaml" in broken.problem and "date:" in broken.problem, text
    (tmp_path / "release.yaml").write_text('version: "2027.1.0"\ndate: 2027-01-05\n')
    assert str(content_release(tmp_path)) == "2027.1.0 (2027-01-05)"
    assert str(ContentRelease("unknown", None, "why")) == "unknown"


def test_the_changelog_has_an_entry_for_both_current_versions():
    changelog = (ROOT / "CHANGELOG.md").read_text()
    release = content_release(ROOT / "content")
    assert f"App {pyproject_version()} — content {release}" in changelog
    assert f"### Content {release.version}" in changelog
