"""Bad content is reported by `referral-atlas check-content` as `file:line: problem` (exit 1), and the rest loads.

Each case breaks one thing in a copy of content/ (REFERRAL_ATLAS_CONTENT_DIR points the app at it)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli import main
from app.content import load
from app.resources import CONTENT_ENV

CONTENT = Path(__file__).resolve().parents[2] / "content"
CARD = "flat_feet"


@dataclass(frozen=True)
class Broken:
    file: str  # relative to the content folder
    line: int
    problem: str  # part of the message


def _card(root: Path) -> Path:
    return root / "cards" / f"{CARD}.md"


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), start=1) if text in line)


def _replace_line(path: Path, startswith: str, new: str) -> int:
    lines = path.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(startswith))
    lines[index] = new
    path.write_text("\n".join(lines) + "\n")
    return index + 1


def _insert_after(path: Path, startswith: str, new: str) -> int:
    lines = path.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(startswith))
    lines.insert(index + 1, new)
    path.write_text("\n".join(lines) + "\n")
    return index + 2


def broken_yaml(root: Path) -> Broken:
    line = _replace_line(_card(root), "title:", "title: Flat feet: a title: with colons")
    return Broken(f"cards/{CARD}.md", line, "broken YAML")


def unknown_field(root: Path) -> Broken:
    line = _insert_after(_card(root), "id:", "mood: happy")
    return Broken(f"cards/{CARD}.md", line, "unknown field 'mood'")


def dangling_link(root: Path) -> Broken:
    line = _insert_after(_card(root), "## What helps", "See [this card](card:no_such_card).")
    return Broken(f"cards/{CARD}.md", line, "link to a card that does not exist: 'no_such_card'")


def missing_reference(root: Path) -> Broken:
    path = _card(root)
    text = path.read_text()
    path.write_text(text.replace("references: [", "references: [no_such_reference, ", 1))
    return Broken(f"cards/{CARD}.md", _line_of(path, "no_such_reference"), "unknown reference 'no_such_reference'")


def unknown_citation(root: Path) -> Broken:
    line = _insert_after(_card(root), "## For clinicians and students", "- A claim [gross_2011, no_such_key].")
    return Broken(f"cards/{CARD}.md", line, "cites an unknown reference [no_such_key]")


def raw_script(root: Path) -> Broken:
    line = _insert_after(_card(root), "## What it is", "<script>alert('hi')</script>")
    return Broken(f"cards/{CARD}.md", line, "raw HTML is not allowed")


def missing_section(root: Path) -> Broken:
    path = _card(root)
    _replace_line(path, "## What helps", "")
    body_start = path.read_text().split("\n---\n", 1)[0].count("\n") + 3
    return Broken(f"cards/{CARD}.md", body_start, "missing section '## What helps'")


def hard_to_read(root: Path) -> Broken:
    path = _card(root)
    hard = (
        "Notwithstanding considerable interindividual anatomical variability, electrophysiological "
        "characterisation demonstrates multisegmental innervation of the plantar intrinsic musculature. "
    ) * 40
    _insert_after(path, "## What it is", hard)
    body_start = path.read_text().split("\n---\n", 1)[0].count("\n") + 3
    return Broken(f"cards/{CARD}.md", body_start, "grade")


def data_unknown_field(root: Path) -> Broken:
    path = root / "structures.yaml"
    with path.open("a") as f:
        f.write("  - {id: spleen, kind: bone, title: Spleen, colour: red, references: [lee_2008]}\n")
    return Broken("structures.yaml", len(path.read_text().splitlines()), "unknown field 'colour'")


def data_missing_reference(root: Path) -> Broken:
    path = root / "links.yaml"
    line = _replace_line(path, "     references: [lesher_2008]}", "     references: [lesher_2099]}")
    return Broken("links.yaml", line, "unknown reference 'lesher_2099'")


def data_dangling_id(root: Path) -> Broken:
    path = root / "links.yaml"
    with path.open("a") as f:
        f.write(
            "  - {source: hip_joint, target: region_elbow, mechanism: referred, strength: 0.1, evidence: weak,\n"
            '     note: "Not a place.", references: [lesher_2008]}\n'
        )
    return Broken("links.yaml", len(path.read_text().splitlines()) - 1, "unknown id 'region_elbow'")


def data_broken_yaml(root: Path) -> Broken:
    path = root / "questions.yaml"
    line = _insert_after(path, "features:", "  - id: oops: not: yaml")
    return Broken("questions.yaml", line, "broken YAML")


def data_synonym_unknown_id(root: Path) -> Broken:
    path = root / "synonyms.yaml"
    line = _replace_line(path, "    means: [flat_feet]", "    means: [flat_feet, fallen_arch_syndrome]")
    return Broken("synonyms.yaml", line, "unknown id or reference 'fallen_arch_syndrome'")


CARD_CASES: list[Callable[[Path], Broken]] = [
    broken_yaml,
    unknown_field,
    dangling_link,
    missing_reference,
    unknown_citation,
    raw_script,
    missing_section,
    hard_to_read,
]
DATA_CASES: list[Callable[[Path], Broken]] = [
    data_unknown_field,
    data_missing_reference,
    data_dangling_id,
    data_broken_yaml,
    data_synonym_unknown_id,
]


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    monkeypatch.setenv(CONTENT_ENV, str(root))
    return root


def _check(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check-content"])
    return code, capsys.readouterr().out.splitlines()


def _reported(
    copy: Path, capsys: pytest.CaptureFixture[str], breaker: Callable[[Path], Broken]
) -> tuple[Broken, list[str]]:
    """Break the copy, run check-content: exit 1 and the problem named as file:line: problem."""
    broken = breaker(copy)
    code, out = _check(capsys)
    assert code == 1
    prefix = f"{copy / broken.file}:{broken.line}: "
    assert any(line.startswith(prefix) and broken.problem in line for line in out), (prefix, out)
    return broken, out


def test_clean_content_passes(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _check(capsys)
    assert code == 0 and len(out) == 1 and "content OK" in out[0] and "59 cards" in out[0]


@pytest.mark.parametrize("breaker", CARD_CASES, ids=[b.__name__ for b in CARD_CASES])
def test_a_broken_card_is_reported_and_left_out(
    copy: Path, capsys: pytest.CaptureFixture[str], breaker: Callable[[Path], Broken]
) -> None:
    broken, out = _reported(copy, capsys, breaker)
    assert all(line.split(":", 2)[1].isdigit() for line in out), "every line is file:line: problem"
    knowledge, issues = load(copy)
    if breaker is dangling_link:  # a bad link costs the link (issue 25)
        assert CARD in knowledge.cards and "no_such_card" not in knowledge.cards[CARD].body
    else:
        assert CARD not in knowledge.cards, "the broken card is left out"
    assert len(knowledge.cards) == 58 + (breaker is dangling_link) and len(knowledge.conditions) == 27, (
        "the rest still loads"
    )
    assert {issue.file for issue in issues} == {str(copy / broken.file)}


@pytest.mark.parametrize("breaker", DATA_CASES, ids=[b.__name__ for b in DATA_CASES])
def test_a_broken_data_entry_is_reported_and_the_rest_loads(
    copy: Path, capsys: pytest.CaptureFixture[str], breaker: Callable[[Path], Broken]
) -> None:
    _reported(copy, capsys, breaker)
    knowledge, _ = load(copy)
    assert len(knowledge.cards) == 59 and len(knowledge.structures) >= 79 and len(knowledge.conditions) == 27


def test_json_lists_the_issues(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = raw_script(copy)
    assert main(["check-content", "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False
    assert {
        "file": str(copy / broken.file),
        "line": broken.line,
        "problem": payload["issues"][0]["problem"],
    } in payload["issues"]


def test_a_missing_card_of_a_condition_is_reported_but_does_not_stop_loading(copy: Path) -> None:
    (copy / "cards" / "bunions.md").unlink()
    knowledge, issues = load(copy)
    assert "bunions" in knowledge.conditions and "bunions" not in knowledge.cards
    assert any("card 'bunions' does not exist" in issue.problem for issue in issues)


def test_the_app_start_skips_only_the_reading_grade(copy: Path) -> None:
    hard_to_read(copy)
    knowledge, issues = load(copy, check_reading=False)
    assert CARD in knowledge.cards and issues == []
    raw_script(copy)
    knowledge, issues = load(copy, check_reading=False)
    assert CARD not in knowledge.cards and any("raw HTML" in issue.problem for issue in issues)


def test_loading_without_the_reading_grade_does_not_import_textstat() -> None:
    code = (
        "import sys\n"
        "from app.content import load\n"
        f"load({str(CONTENT)!r}, check_reading=False)\n"
        "print('textstat' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
