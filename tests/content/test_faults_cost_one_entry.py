"""A fault costs its entry, in every file (issue 25): valid YAML of shapes content never uses
(a list as a key, aliases, deep nesting), a broken Spanish entry, an unknown top-level key and a
mistyped link each cost at most the entry they are in, named with file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.content import load
from app.domain.knowledge import Knowledge

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    return root


def _append(path: Path, text: str) -> int:
    """Append `text`; returns the line it starts on."""
    old = path.read_text(encoding="utf-8")
    path.write_text(old + text, encoding="utf-8")
    return old.count("\n") + 1


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("? [a, b]\n: c\n", "a key should be a word"),
        ("? {a: 1}\n: c\n", "a key should be a word"),
        ("extra: &x [1]\nmore: *x\n", "alias"),
        ("extra: " + "[" * 400 + "]" * 400 + "\n", "levels deep"),
    ],
    ids=["list-key", "map-key", "alias", "deep"],
)
def test_odd_valid_yaml_at_the_end_of_a_file_costs_nothing_else(
    copy: Path, loaded: tuple[Knowledge, list], text: str, problem: str
) -> None:
    line = _append(copy / "structures.yaml", text)
    knowledge, issues = load(copy, check_reading=False)
    assert set(knowledge.structures) == set(loaded[0].structures)
    assert [(i.line, problem in i.problem) for i in issues if i.file.endswith("structures.yaml")][:1] == [
        (line + (problem == "alias"), True)
    ]


def test_a_list_as_a_key_inside_an_entry_costs_that_entry(copy: Path, loaded: tuple[Knowledge, list]) -> None:
    path = copy / "structures.yaml"
    text = path.read_text(encoding="utf-8")
    first = "  - {id: trochanteric_bursa,"
    assert first in text
    path.write_text(text.replace(first, "  - {? [x, y]: z, id: trochanteric_bursa,", 1), encoding="utf-8")
    knowledge, issues = load(copy, check_reading=False)
    assert set(loaded[0].structures) - set(knowledge.structures) == {"trochanteric_bursa"}
    assert any("a key should be a word" in i.problem and i.file.endswith("structures.yaml") for i in issues)


@pytest.mark.parametrize(
    ("name", "section"), [("titles.yaml", "titles"), ("notes.yaml", "notes_of_data"), ("phrases.yaml", "phrases")]
)
def test_a_broken_spanish_entry_costs_that_entry(
    copy: Path, loaded: tuple[Knowledge, list], name: str, section: str
) -> None:
    path = copy / "es" / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if i > 10 and line.startswith("  ") and ": {text:" in line)
    key = lines[index].split(": {text:", 1)[0].strip().strip('"')
    lines[index] = lines[index].replace("{text:", "{text: [never closed", 1)
    path.write_text("".join(lines), encoding="utf-8")
    knowledge, issues = load(copy, check_reading=False)
    was = getattr(loaded[0], f"translated_{section}" if section != "notes_of_data" else "translated_notes")["es"]
    now = getattr(knowledge, f"translated_{section}" if section != "notes_of_data" else "translated_notes")["es"]
    assert set(was) - set(now) == {key}
    assert [(i.file, i.line) for i in issues if "broken YAML" in i.problem] == [(str(path), index + 1)]


def test_an_unknown_top_level_key_costs_only_itself(copy: Path, loaded: tuple[Knowledge, list]) -> None:
    line = _append(copy / "synonyms.yaml", "synonym: [typo]\n")
    knowledge, issues = load(copy, check_reading=False)
    assert knowledge.synonyms == loaded[0].synonyms
    assert [(i.line, i.problem) for i in issues if i.file.endswith("synonyms.yaml")] == [
        (line, "unknown field 'synonym'")
    ]


def test_a_mistyped_link_costs_the_link_not_the_card(copy: Path) -> None:
    """Issue 25's case: a typo in a link of the cauda equina card removed the card, and with it the
    kiosk's emergency section."""
    typo = "\nSee also [the disc card](card:lumbar_disc_hernation).\n"
    line = _append(copy / "cards" / "red_flag_cauda_equina.md", typo) + 1
    _append(copy / "cards" / "es" / "red_flag_cauda_equina.md", typo.replace("See also", "Vea también"))
    knowledge, issues = load(copy, check_reading=False)
    card = knowledge.cards["red_flag_cauda_equina"]
    assert "See also the disc card." in card.body and "card:lumbar_disc_hernation" not in card.body
    spanish = knowledge.translated_cards["es"]["red_flag_cauda_equina"]
    assert "Vea también the disc card." in spanish.body and "hernation" not in spanish.body
    assert [(i.file, i.line) for i in issues] == [(str(copy / "cards" / "red_flag_cauda_equina.md"), line)]
    assert "lumbar_disc_hernation" in issues[0].problem


def test_check_content_flags_html_in_a_card_title(copy: Path) -> None:
    path = copy / "cards" / "flat_feet.md"
    text = path.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if row.startswith("title:"))
    path.write_text(text.replace("title: ", "title: <img src=file:///etc/x.png> ", 1), encoding="utf-8")
    _, issues = load(copy, check_reading=False)
    assert [(i.file, i.line) for i in issues if "HTML" in i.problem] == [(str(path), line)]
