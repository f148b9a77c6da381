"""content/ → Knowledge, with every problem reported as data (file, line, problem).

A broken file is left out and listed; the rest loads (STYLE.md habit 8).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from app.content.markdown import card_links
from app.content.readability import MAX_GRADE, grade, patient_text
from app.content.schema import SECTIONS, CardMeta, ReferenceEntry
from app.domain.knowledge import Card, Knowledge, Reference

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>")
_HEADING = re.compile(r"^## (.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class ContentIssue:
    file: str
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.problem}"


def _key_line(text: str, key: str, offset: int = 0) -> int:
    """1-based line of `key:` in YAML text (offset = lines before the text), else the first line."""
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return offset + (text[: match.start()].count("\n") + 1 if match else 1)


def _yaml_problem(error: yaml.YAMLError) -> tuple[int, str]:
    mark = getattr(error, "problem_mark", None)
    return (mark.line + 1 if mark else 1), f"broken YAML: {getattr(error, 'problem', None) or error}"


def load_references(directory: Path, issues: list[ContentIssue]) -> dict[str, Reference]:
    references: dict[str, Reference] = {}
    for path in sorted(directory.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as error:
            issues.append(ContentIssue(str(path), *_yaml_problem(error)))
            continue
        if not isinstance(data, dict):
            issues.append(ContentIssue(str(path), 1, "expected a mapping of reference id → {citation, url, note}"))
            continue
        for ref_id, entry in data.items():
            line = _key_line(text, str(ref_id))
            if ref_id in references:
                issues.append(ContentIssue(str(path), line, f"reference id {ref_id!r} is defined twice"))
                continue
            try:
                valid = ReferenceEntry.model_validate(entry)
            except ValidationError as error:
                issues.append(ContentIssue(str(path), line, f"reference {ref_id!r}: {_first_error(error)}"))
                continue
            references[str(ref_id)] = Reference(str(ref_id), valid.citation, valid.url, valid.note)
    return references


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]


def read_card(path: Path) -> tuple[Card | None, list[ContentIssue]]:
    """Parse and validate one card on its own (links and references are checked by `load`)."""
    file = str(path)
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, [ContentIssue(file, 1, "no YAML front matter (a '---' block at the top)")]
    front, body = match.group(1), text[match.end() :]
    body_offset = text[: match.end()].count("\n")
    try:
        data = yaml.safe_load(front)
    except yaml.YAMLError as error:
        line, problem = _yaml_problem(error)
        return None, [ContentIssue(file, line + 1, problem)]
    try:
        meta = CardMeta.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        problem = f"unknown field {key!r}" if first["type"] == "extra_forbidden" else _first_error(error)
        return None, [ContentIssue(file, _key_line(front, key, 1), problem)]
    issues: list[ContentIssue] = []
    if meta.id != path.stem:
        issues.append(ContentIssue(file, _key_line(front, "id", 1), f"id {meta.id!r} differs from the file name"))
    for number, line in enumerate(body.splitlines(), start=body_offset + 1):
        if _RAW_HTML.search(line):
            issues.append(ContentIssue(file, number, "raw HTML is not allowed in cards (write Markdown)"))
    headings = tuple(_HEADING.findall(body))
    if headings != SECTIONS[meta.kind]:
        expected = " / ".join(SECTIONS[meta.kind])
        issues.append(ContentIssue(file, body_offset + 1, f"sections should be, in order: {expected}"))
    card = Card(
        id=meta.id, kind=meta.kind, title=meta.title, covers=tuple(meta.covers), summary=meta.summary,
        evidence=meta.evidence, who_can_help=tuple(meta.who_can_help), references=tuple(meta.references),
        last_reviewed=meta.last_reviewed, content_version=meta.content_version, body=body, source_file=file,
    )  # fmt: skip
    level = grade(patient_text(card))
    if level > MAX_GRADE:
        issues.append(ContentIssue(file, body_offset + 1, f"patient text reads at grade {level:.1f}; keep it ≤ {MAX_GRADE:g}"))
    return (None if issues else card), issues


def load(content_dir: Path) -> tuple[Knowledge, list[ContentIssue]]:
    issues: list[ContentIssue] = []
    references = load_references(content_dir / "references", issues)
    cards: dict[str, Card] = {}
    for path in sorted((content_dir / "cards").glob("*.md")):
        card, card_issues = read_card(path)
        issues.extend(card_issues)
        if card is not None:
            cards[card.id] = card
    for card in list(cards.values()):
        problems = _cross_check(card, cards, references)
        if problems:
            issues.extend(problems)
            del cards[card.id]
    return Knowledge(cards=cards, references=references), issues


def _cross_check(card: Card, cards: dict[str, Card], references: dict[str, Reference]) -> list[ContentIssue]:
    text = Path(card.source_file).read_text(encoding="utf-8")
    body_offset = text.count("\n") - card.body.count("\n")
    problems = [
        ContentIssue(card.source_file, _key_line(text, "references"), f"unknown reference {ref!r}")
        for ref in card.references
        if ref not in references
    ]
    for line, target in card_links(card.body):
        card_id = target.removeprefix("card:")
        if not target.startswith("card:"):
            problems.append(ContentIssue(card.source_file, body_offset + line, f"link {target!r}: only card: links are allowed"))
        elif card_id not in cards and not Path(card.source_file).with_name(f"{card_id}.md").is_file():
            problems.append(ContentIssue(card.source_file, body_offset + line, f"link to a card that does not exist: {card_id!r}"))
    return problems
