"""Issue 25, defect 11: the smaller ones, each a clear line."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from app.cli import main
from app.content import load
from app.modes.config import KioskConfig, load_kiosk_config

CONTENT = Path(__file__).resolve().parents[1] / "content"


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as done:
        return int(done.code or 0)


@pytest.mark.parametrize("count", ["0", "-1"])
def test_a_quiz_of_no_questions_is_refused(count, capsys):
    assert _run(["quiz", "--count", count]) == 2
    assert "whole number from 1" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["query", "--point", "x" * 131_000], ["effects", "--source", "x" * 131_000]])
def test_a_huge_value_is_not_echoed_whole(argv, capsys):
    assert _run(argv) != 0
    err = capsys.readouterr().err
    assert len(err) < 1000 and "characters)" in err, len(err)


def test_a_full_disk_behind_a_link_names_the_file(tmp_path, capsys):
    link = tmp_path / "body.png"
    link.symlink_to("/dev/full")
    assert _run(["screenshot", "--view", "anterior", "--out", str(link), "--size", "96x96"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"referral-atlas: {link}: ") and "No space left" in err, err


def test_nan_in_content_is_no_number(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    path = root / "links.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("strength: 0.9,", "strength: .nan,", 1), encoding="utf-8")
    _, issues = load(root, check_reading=False)
    assert next(i.problem for i in issues if i.file == str(path)).endswith("Input should be a finite number")


def test_a_language_with_no_translation_is_logged(tmp_path, caplog):
    path = tmp_path / "kiosk.toml"
    path.write_text('language = "xx"\n')
    with caplog.at_level(logging.WARNING, logger="app"):
        assert load_kiosk_config(path) == KioskConfig(language="xx")
    assert "language 'xx' has no translation" in caplog.text
