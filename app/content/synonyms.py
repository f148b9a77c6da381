"""content/synonyms.yaml → the lay words search understands ('sciatica', 'pins and needles').

Each entry's ids must exist and its references must be known; a bad entry is left out and reported."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from app.content.entries import PLACES, REFERENCES, checked_entries, listed, read_file
from app.content.issues import ContentIssue
from app.content.left_out import LeftOut
from app.content.schema import DataFile, Id, Strict
from app.domain.records import Synonym

SYNONYMS_FILE = "synonyms.yaml"


class SynonymEntry(Strict):
    words: list[str] = Field(min_length=1)
    means: list[Id] = Field(min_length=1)  # condition, structure, card or territory ids, best first
    note: str = ""
    references: list[Id] = Field(
        default_factory=list
    )  # required in spirit for a clinical claim (a symptom word → causes)


class SynonymsFile(DataFile):
    synonyms: list[object]


def load_synonyms(
    content_dir: Path, known: set[str], references: set[str], left_out: LeftOut, issues: list[ContentIssue]
) -> tuple[Synonym, ...]:
    """The synonyms whose ids are all `known`; without the file there are none (search still works)."""
    path = Path(content_dir) / SYNONYMS_FILE
    data = read_file(path, SynonymsFile, left_out, issues) if path.is_file() else None
    if data is None:
        return ()
    out: list[Synonym] = []
    for item in checked_entries(listed(data, "synonyms"), SynonymEntry, str(path), left_out, issues):
        entry: SynonymEntry = item.entry
        unknown: list[tuple[tuple[str | int, ...], str, tuple[str, ...]]]
        unknown = [(("means", i), x, PLACES) for i, x in enumerate(entry.means) if x not in known]
        unknown += [
            (("references", i), r, (REFERENCES,)) for i, r in enumerate(entry.references) if r not in references
        ]
        if unknown:  # a left-out entry it names is reported once, with everything else naming it
            loc, name, files = unknown[0]
            problem = ContentIssue(item.file, item.line(*loc), f"unknown id or reference {name!r}")
            left_out.unresolved(issues, name, files, f"synonym {entry.words[0]!r}", problem)
            continue
        words = tuple(w.strip().lower() for w in entry.words if w.strip())
        out.append(Synonym(words, tuple(entry.means), entry.note, tuple(entry.references)))
    return tuple(out)
