"""The loaders fuzzed (issue 25, build item 1): random edits of the real content files never raise,
and an edit inside one entry costs at most that entry of its file.

Deterministic (derandomize) and bounded (~30 loads of ~1 s) for a 2-core CI machine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.content import load
from app.domain.knowledge import Knowledge

CONTENT = Path(__file__).resolve().parents[2] / "content"
FILES = [
    "structures.yaml", "territories.yaml", "conditions.yaml", "links.yaml", "questions.yaml", "synonyms.yaml",
    "references/core.yaml", "es/titles.yaml", "es/notes.yaml", "es/phrases.yaml",
    "cards/red_flag_cauda_equina.md", "cards/flat_feet.md", "cards/es/flat_feet.md",
]  # fmt: skip
# what each file fills: the entries an edit of it may cost (one at most)
TABLES = {
    "structures.yaml": ("structures",), "territories.yaml": ("territories",),
    "conditions.yaml": ("conditions", "variants"),
    "links.yaml": ("links",), "questions.yaml": ("features", "triggers", "checks", "red_flags"),
    "synonyms.yaml": ("synonyms",), "references/core.yaml": ("references",), "es/titles.yaml": ("es_titles",),
    "es/notes.yaml": ("es_notes",), "es/phrases.yaml": ("es_phrases",), "cards/red_flag_cauda_equina.md": ("cards",),
    "cards/flat_feet.md": ("cards",), "cards/es/flat_feet.md": ("es_cards",),
}  # fmt: skip
YAML_BITS = [":", ": ", "- ", "{", "}", "[", "]", ",", "&a ", "*a", "!!python/object/apply:os.system ['true']", "? ",
             "\t", "'", '"', "#", "|", ">", "%", "@", "`", "<img src=x>", "\x00", "\ufeff", "---", "...", "~",
             ".nan", "1e999", "card:", "](card:x)", "\\", "é", "🦶"]  # fmt: skip
NO_BREAK = st.text(st.characters(exclude_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=12)


def inventory(knowledge: Knowledge) -> dict[str, set[str]]:
    return {
        "structures": set(knowledge.structures), "territories": set(knowledge.territories),
        "conditions": set(knowledge.conditions),
        "variants": {f"{c.id}/{v.id}" for c in knowledge.conditions.values() for v in c.variants},
        "links": {f"{k.source}>{k.target}" for k in knowledge.links}, "features": set(knowledge.features),
        "triggers": set(knowledge.triggers), "checks": set(knowledge.checks), "red_flags": set(knowledge.red_flags),
        "synonyms": {s.words[0] for s in knowledge.synonyms if s.words}, "references": set(knowledge.references),
        "cards": set(knowledge.cards), "es_cards": set(knowledge.translated_cards.get("es", {})),
        "es_titles": set(knowledge.translated_titles.get("es", {})),
        "es_notes": set(knowledge.translated_notes.get("es", {})),
        "es_phrases": set(knowledge.translated_phrases.get("es", {})),
    }  # fmt: skip


def lost_entries(name: str, before: dict[str, set[str]], after: dict[str, set[str]]) -> set[str]:
    lost = {f"{table}:{key}" for table in TABLES[name] for key in before[table] - after[table]}
    gone = {key.split(":", 1)[1] for key in lost if key.startswith("conditions:")}
    return {key for key in lost if not (key.startswith("variants:") and key.split(":", 1)[1].split("/")[0] in gone)}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    root = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(CONTENT, root)
    return root, inventory(load(root, check_reading=False)[0])


def _edited(tree: Path, name: str, text: str) -> Knowledge:
    """Load the tree with `name` holding `text` (the real file is put back afterwards)."""
    path = tree / name
    original = path.read_bytes()
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        return load(tree, check_reading=False)[0]  # the property: this never raises
    finally:
        path.write_bytes(original)


@st.composite
def in_line_edits(draw: st.DrawFn) -> tuple[str, int, str]:
    """(file, line index, the file after one edit inside that line that keeps its indentation)."""
    name = draw(st.sampled_from(FILES))
    lines = (CONTENT / name).read_text(encoding="utf-8").splitlines(keepends=True)
    index = draw(st.integers(0, len(lines) - 1))
    line = lines[index].rstrip("\n")
    indent = len(line) - len(line.lstrip(" -")) if line.lstrip().startswith("- ") else len(line) - len(line.lstrip(" "))
    start = draw(st.integers(indent, len(line)))
    end = draw(st.integers(start, min(len(line), start + 12)))
    kind = draw(st.sampled_from(["replace", "insert", "delete-line", "truncate"]))
    new = draw(st.one_of(NO_BREAK, st.sampled_from(YAML_BITS)))
    if kind == "delete-line":
        edited = ""
    elif kind == "truncate":
        edited = line[:start] + "\n"
    else:
        edited = line[:start] + new + line[end if kind == "replace" else start :] + "\n"
    return name, index, "".join(lines[:index]) + edited + "".join(lines[index + 1 :])


def _is_header(name: str, text: str, index: int) -> bool:
    """A file's own lines (schema, language, the section key, a card's front-matter fences): an
    edit there may cost the file, which is reported."""
    line = (CONTENT / name).read_text(encoding="utf-8").splitlines()[index]
    if name.endswith(".md"):
        return False  # a card is one entry
    return bool(line) and not line[0].isspace() and not name.startswith("references/")


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(edit=in_line_edits())
def test_an_edit_inside_an_entry_costs_at_most_that_entry(tree, edit):
    root, before = tree
    name, index, text = edit
    after = inventory(_edited(root, name, text))
    if not _is_header(name, text, index):
        assert len(lost_entries(name, before, after)) <= 1, (name, index + 1, lost_entries(name, before, after))


@st.composite
def any_edits(draw: st.DrawFn) -> tuple[str, str]:
    """(file, the file after any edit: bytes with line breaks, whole lines, or random text for all of it)."""
    name = draw(st.sampled_from(FILES))
    text = (CONTENT / name).read_text(encoding="utf-8")
    if draw(st.booleans()):
        return name, draw(st.text(max_size=400))
    at = draw(st.integers(0, len(text)))
    cut = draw(st.integers(at, min(len(text), at + 400)))
    bits = ["\n", "\r", "\u2028", "\x85", " ", "  - ", ":", "x", "{", "[", "---\n", "\t", "\x00"]
    new = "".join(draw(st.lists(st.sampled_from(bits), max_size=12)))
    return name, text[:at] + new + text[cut:]


@settings(max_examples=10, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(edit=any_edits())
def test_no_edit_of_any_kind_raises(tree, edit):
    root, _ = tree
    name, text = edit
    _edited(root, name, text)
