"""`referral-atlas quiz`: prints a repeatable round of generated questions for review."""

from __future__ import annotations

import json

import pytest

from app.cli import main


def test_quiz_prints_a_repeatable_round(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quiz", "--seed", "4", "--count", "6", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["quiz", "--seed", "4", "--count", "6", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert len(first) == 6 and len({q["topic"] for q in first}) == 6, "the topics take turns"
    for q in first:
        assert q["prompt"] and q["answer"] and q["id"]
        assert (q["right_choice"] is not None) == (q["answer_with"] == "choice")


def test_quiz_one_topic_and_a_bad_topic(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quiz", "--topic", "entrapment_sites", "--count", "3"]) == 0
    out = capsys.readouterr().out
    assert out.count("[entrapment_sites]") == 3 and "* " in out
    assert main(["quiz", "--topic", "bones"]) == 1
    assert "unknown topic 'bones'" in capsys.readouterr().err
