"""Headless `query` and `handout` without `--lang` are in English and say nothing is "(in English)"
(issue 21, defect 3: a missing language had become the language "None")."""

from __future__ import annotations

import subprocess

from app.cli import main


def test_query_without_lang_marks_nothing_as_english(capsys):
    assert main(["query", "--point", "0.09,0.12,0.03"]) == 0
    out = capsys.readouterr().out
    assert "Slipped disc" in out
    assert "(in English)" not in out and "[en]" not in out


def test_query_with_lang_es_is_spanish(capsys):
    assert main(["query", "--point", "0.09,0.12,0.03", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert "(in English)" not in out and "hernia" in out.lower()


def test_handout_without_lang_marks_nothing_as_english(tmp_path, qapp):
    """`qapp`: the handout makes a QGuiApplication when none exists, and no QWidget test could run after it."""
    out = tmp_path / "handout.pdf"
    assert main(["handout", "--point", "-0.22,0.15,0.04", "--out", str(out)]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Your left foot" in text or "left foot" in text
    assert "(in English)" not in text
