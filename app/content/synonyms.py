"""content/synonyms.yaml → the lay words search understands ('sciatica', 'pins and needles').

Each entry's ids must exist and its references must be known; a bad entry is left out and reported."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from app.content.data import _entries, _read
from app.content.issues import ContentIssue
from app.content.schema import DataFile, Id, Strict
from app.domain.knowledge import Synonym

SYNONYMS_FILE = "synonyms.yaml"


class SynonymEntry(Strict):
    words: list[str] = Field(min_length=1)
    means: list[Id] = Field(min_length=1)  # condition, structure, card or territory ids, best first
    note: str = ""
    references: list[Id] = []  # required in spirit for a clinical claim (a symptom word → causes)


class SynonymsFile(DataFile):
    synonyms: list[object]


def load_synonyms(content_dir: Path, known: set[str], references: set[str],
                  issues: list[ContentIssue]) -> tuple[Synonym, ...]:  # fmt: skip
    """The synonyms whose ids are all `known`; without the file there are none (search still works)."""
    path = Path(content_dir) / SYNONYMS_FILE
    data = _read(path, SynonymsFile, issues) if path.is_file() else None
    if data is None:
        return ()
    out: list[Synonym] = []
    for item in _entries(data, "synonyms", SynonymEntry, str(path), issues):
        entry: SynonymEntry = item.entry
        unknown = [(("means", i), x) for i, x in enumerate(entry.means) if x not in known]
        unknown += [(("references", i), r) for i, r in enumerate(entry.references) if r not in references]
        if unknown:
            loc, name = unknown[0]
            issues.append(ContentIssue(item.file, item.line(*loc), f"unknown id or reference {name!r}"))
            continue
        words = tuple(w.strip().lower() for w in entry.words if w.strip())
        out.append(Synonym(words, tuple(entry.means), entry.note, tuple(entry.references)))
    return tuple(out)
