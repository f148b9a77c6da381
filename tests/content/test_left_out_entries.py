"""Bad content costs the entry, not the file (issue 13): one broken entry in each content file is
left out with its file:line; the rest of that file loads, what names the entry is listed once, by
name, and a touch on the top of the foot still ranks the L4-L5 disc."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main
from app.content import load
from app.content.cache import CACHE_ENV
from app.domain.gaps import gaps
from app.domain.knowledge import Knowledge
from app.domain.query import Query, Spot
from app.domain.ranking import candidates
from app.resources import CONTENT_ENV

CONTENT = Path(__file__).resolve().parents[2] / "content"
TOP_OF_FOOT = Spot(dermatomes=("L5",), cutaneous_nerves=("superficial_fibular",), region="dorsum_of_foot", side="right")
DISC = "lumbar_disc_herniation_L4_L5"

# (file, the first line of the entry to break, the table the file fills), each entry away from the foot
ENTRIES = [
    ("structures.yaml", "  - {id: trochanteric_bursa,", lambda k: k.structures),
    ("territories.yaml", "  - id: region_heel", lambda k: k.territories),
    ("conditions.yaml", "  - id: bunions", lambda k: k.conditions),
    ("links.yaml", "  - {source: hip_joint, target: region_buttock,", lambda k: k.links),
    ("questions.yaml", "  - id: cough_sneeze", lambda k: k.triggers),
    ("references/core.yaml", "keegan_garrett_1948:", lambda k: k.references),
    ("cards/flat_feet.md", "id: flat_feet", lambda k: k.cards),
]


def unknown_field(lines: list[str], index: int) -> tuple[int, str]:
    """`colour: red` in the entry (inside its braces when it is written on one line)."""
    first = lines[index]
    if "{" in first:
        lines[index] = first.replace("{", "{colour: red, ", 1)
        return index + 1, "unknown field 'colour'"
    indent = " " * (len(first) - len(first.lstrip(" -")))
    lines.insert(index + 1, f"{indent if first.startswith(' ') else '  ' if first.endswith(':') else ''}colour: red")
    return index + 2, "unknown field 'colour'"


def broken_yaml(lines: list[str], index: int) -> tuple[int, str]:
    """A flow list that never closes, inside the entry."""
    indent = "    " if lines[index].startswith(" ") else "  "
    lines.insert(index + 1, f"{indent}bad: [never closed")
    return index + 2, "broken YAML"


BREAKERS: list[Callable[[list[str], int], tuple[int, str]]] = [unknown_field, broken_yaml]


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    monkeypatch.setenv(CONTENT_ENV, str(root))
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return root


def _break(path: Path, first_line: str, breaker: Callable[[list[str], int], tuple[int, str]]) -> tuple[range, str]:
    """Break the entry starting with `first_line`; returns the lines it then spans and the problem."""
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(first_line))
    line, problem = breaker(lines, index)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if path.suffix == ".md":
        return range(1, len(lines) + 1), problem  # a card is one entry
    starts = ("  - ", "---") if first_line.startswith("  - ") else (re.compile(r"^\w"), "---")
    nxt = next(
        (
            i
            for i in range(index + 1, len(lines))
            if any((s.match(lines[i]) if isinstance(s, re.Pattern) else lines[i].startswith(s)) for s in starts)
        ),
        len(lines),
    )
    return range(line, nxt + 1), problem


def _top_of_foot(knowledge: Knowledge) -> list[str]:
    return [c.id for c in candidates(knowledge, Query(spots=(TOP_OF_FOOT,)))]


@pytest.mark.parametrize("breaker", BREAKERS, ids=[b.__name__ for b in BREAKERS])
@pytest.mark.parametrize(("name", "first_line", "table"), ENTRIES, ids=[e[0] for e in ENTRIES])
def test_one_broken_entry_costs_only_itself(copy, loaded, name, first_line, table, breaker):
    if name.endswith(".md") and breaker is broken_yaml:
        first_line = "title:"  # a card is one entry: broken front matter leaves out the card
    clean, _ = loaded
    entry, problem = _break(copy / name, first_line, breaker)
    knowledge, issues = load(copy, check_reading=False)
    assert issues and problem in issues[0].problem and issues[0].line in entry, [str(i) for i in issues]
    where = f"{copy / name}:{issues[0].line}: "
    assert {str(i)[: len(where)] for i in issues} == {where}, "all said once, where the entry is"
    assert len(table(knowledge)) == len(table(clean)) - 1, "the rest of the file loads"
    assert _top_of_foot(knowledge)[0] == DISC
    if name != "cards/flat_feet.md":
        assert any(why.startswith(where) for why in knowledge.left_out.values())


def test_the_reported_typo_in_dermatome_L5_keeps_the_map_and_says_why(copy, capsys):
    """Issue 13's case: `colour:` in dermatome_L5 gave 12 problems and no sources on the foot."""
    entry, _ = _break(copy / "territories.yaml", "  - id: dermatome_L5", unknown_field)
    knowledge, issues = load(copy, check_reading=False)
    assert [i.line for i in issues] == [entry.start, entry.start]
    dependents = issues[1].problem
    assert dependents.startswith("dermatome_L5 is left out, so 11 entries naming it go without it: ")
    assert "region_dorsum_of_foot" in dependents and "link L5 → dermatome_L5" in dependents
    assert "dermatome_L5" not in knowledge.territories and len(knowledge.territories) > 50
    query = Query(spots=(TOP_OF_FOOT,))
    # without its L5 strip the disc loses its strongest route, but the rest of the content still ranks it
    assert DISC in _top_of_foot(knowledge)[:3]
    (gap,) = gaps(knowledge, query)
    assert gap.id == "dermatome_L5" and gap.why == str(issues[0])
    assert str(gap).startswith("The L5 skin strip is missing from the atlas because of a content problem")

    assert main(["query", "--dermatome", "L5", "--region", "dorsum_of_foot", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert DISC in [c["id"] for c in payload["candidates"][:3]]
    assert [g["id"] for g in payload["gaps"]] == ["dermatome_L5"] and "territories.yaml:" in payload["gaps"][0]["why"]


def test_a_whole_file_left_out_is_named_once_and_a_touch_says_why(copy):
    (copy / "territories.yaml").write_text("", encoding="utf-8")
    knowledge, issues = load(copy, check_reading=False)
    problems = [i.problem for i in issues]
    assert problems[0].startswith("file is empty")
    assert len(issues) == 2 and problems[1].startswith("territories.yaml (whole file) is left out, so ")
    found = gaps(knowledge, Query(spots=(TOP_OF_FOOT,)))
    assert {g.id for g in found} == {"dermatome_L5", "field_superficial_fibular", "region_dorsum_of_foot"}
    assert candidates(knowledge, Query(spots=(TOP_OF_FOOT,))) == []  # nothing to rank with, but no error


def test_a_left_out_reference_keeps_the_cards_that_cite_it(copy, loaded):
    _break(copy / "references" / "core.yaml", "lee_2008:", unknown_field)
    knowledge, issues = load(copy, check_reading=False)
    assert len(knowledge.cards) == len(loaded[0].cards)
    assert len(issues) == 2 and re.match(r"lee_2008 is left out, so \d+ entries naming it", issues[1].problem)
    citing = re.search(r"card (\w+)", issues[1].problem).group(1)
    assert "lee_2008" in loaded[0].cards[citing].references and citing in knowledge.cards


def test_query_point_and_the_explorer_say_why_when_content_is_missing(copy, capsys):
    """A real touch on the top of the right foot, with dermatome_L5 left out: ranked, and the gap said."""
    import numpy as np

    from app.domain.explorer import Explorer, Touch
    from app.scene.assets import load_skin
    from app.scene.skin_labels import SkinLabels

    _break(copy / "territories.yaml", "  - id: dermatome_L5", unknown_field)
    labels = SkinLabels.from_skin(load_skin())
    foot = labels.territory_mask("region_dorsum_of_foot", "right") & labels.territory_mask("dermatome_L5")
    vertices = np.flatnonzero(foot)
    centre = labels.points[vertices].mean(axis=0)
    vertex = vertices[np.argmin(np.linalg.norm(labels.points[vertices] - centre, axis=1))]
    point = ",".join(f"{v:.5f}" for v in labels.points[vertex])

    assert main(["query", "--point", point, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert "L5" in payload["dermatomes"] and payload["region"] == "dorsum_of_foot"
    assert DISC in [c["id"] for c in payload["candidates"][:3]]
    assert [g["id"] for g in payload["gaps"]] == ["dermatome_L5"]
    assert payload["gaps"][0]["text"].startswith("The L5 skin strip is missing from the atlas")
    assert main(["query", "--point", point]) == 0
    assert "Note: The L5 skin strip is missing from the atlas" in capsys.readouterr().out

    knowledge, _ = load(copy, check_reading=False)
    explorer = Explorer(knowledge)
    explorer.touch(Touch(tuple(labels.points[vertex]), labels.spot(int(vertex))))
    assert DISC in [c.id for c in explorer.candidates[:3]] and [g.id for g in explorer.gaps] == ["dermatome_L5"]
    explorer.clear()
    assert explorer.gaps == ()


def test_a_bad_variant_costs_only_itself_not_its_condition(copy, loaded):
    path = copy / "conditions.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip() == "- id: lumbar_disc_herniation_L3_L4")
    lines.insert(index + 1, "        colour: red")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    knowledge, issues = load(copy, check_reading=False)
    assert [str(i) for i in issues] == [f"{path}:{index + 2}: unknown field 'colour'"]
    variants = {v.id for v in knowledge.conditions["lumbar_disc_herniation"].variants}
    clean = {v.id for v in loaded[0].conditions["lumbar_disc_herniation"].variants}
    assert variants == clean - {"lumbar_disc_herniation_L3_L4"}
    assert knowledge.left_out["lumbar_disc_herniation_L3_L4"].startswith(f"{path}:{index + 2}:")
    assert _top_of_foot(knowledge)[0] == DISC
