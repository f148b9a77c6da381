"""content/ → Knowledge, with every problem reported as data (file, line, problem).

A broken file or card is left out and listed; the rest loads (STYLE.md habit 8).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from app.content.citations import CITATION
from app.content.data import build
from app.content.entries import PLACES, QUESTIONS, REFERENCES, checked_entries, describe, read_data, read_yaml
from app.content.files import read_card_text
from app.content.issues import ContentIssue
from app.content.left_out import LeftOut
from app.content.markdown import drop_links, scan_markdown, title_problem
from app.content.poses import load_poses
from app.content.readability import reading_problem
from app.content.schema import SECTIONS, CardMeta, ReferenceEntry
from app.content.synonyms import load_synonyms
from app.content.translations import load_translations, note_sources, text_sources
from app.content.yaml_lines import BrokenPiece, LineDict, line_of
from app.domain.errors import ContentError
from app.domain.knowledge import Knowledge
from app.domain.records import Card, Reference

__all__ = ["CardFile", "ContentIssue", "load", "load_references", "read_card"]

HEADING = re.compile(r"^## (.+?)\s*$", re.MULTILINE)


def load_references(directory: Path, left_out: LeftOut, issues: list[ContentIssue]) -> dict[str, Reference]:
    """Every `references/*.yaml`: a mapping id → {citation, url, note}, with an optional `schema: 1`."""
    references: dict[str, Reference] = {}
    seen: set[object] = set()  # reference ids, across the files
    for path in sorted(directory.glob("*.yaml")):
        file = str(path)
        data = read_yaml(path, "reference entries (id: {citation, url, note})", left_out, issues, _reference_name)
        if data is None:
            left_out.leave_out_file(REFERENCES, issues[-1])
            continue
        if not isinstance(data, LineDict):
            issues.append(ContentIssue(file, 1, "expected a mapping of reference id → {citation, url, note}"))
            left_out.leave_out_file(REFERENCES, issues[-1])
            continue
        if data.get("schema", 1) != 1:
            issues.append(
                ContentIssue(
                    file, data.key_lines.get("schema", 1), f"unsupported schema {data['schema']!r} (expected 1)"
                )
            )
        items = [(ref_id, entry, data.key_lines.get(ref_id, 1)) for ref_id, entry in data.items() if ref_id != "schema"]
        for item in checked_entries(items, ReferenceEntry, file, left_out, issues, seen, what="reference "):
            valid: ReferenceEntry = item.entry
            references[str(item.key)] = Reference(str(item.key), valid.citation, valid.url, valid.note)
    return references


def _reference_name(piece: BrokenPiece) -> str | None:
    """A reference's id is its key, at the start of its piece of the file."""
    found = re.match(r"([A-Za-z0-9_]+)\s*:", piece.text)
    return found.group(1) if found else None


@dataclass(frozen=True)
class CardFile:
    """A card that passed its own checks, with what `load` still checks across files."""

    card: Card
    front: LineDict  # the front matter, for the lines of its fields
    links: list[tuple[int, str]]  # (line in the .md file, target)
    citations: list[tuple[int, str]]  # (line in the .md file, reference key cited in the text)


def read_card(path: Path, check_reading: bool = True) -> tuple[CardFile | None, list[ContentIssue]]:
    """Parse and validate one card on its own (links and references are checked by `load`).

    Lines are lines of the .md file; a card with any problem is returned as None."""
    file = str(path)
    parsed = read_card_text(path)
    if isinstance(parsed, ContentIssue):
        return None, [parsed]
    data, body, body_offset = parsed.front, parsed.body, parsed.body_offset
    try:
        meta = CardMeta.model_validate(data)
    except ValidationError as error:
        loc, problem = describe(error)
        return None, [ContentIssue(file, line_of(data, loc) + 1, problem)]
    issues: list[ContentIssue] = []
    if meta.id != path.stem:
        issues.append(ContentIssue(file, line_of(data, ("id",)) + 1, f"id {meta.id!r} differs from the file name"))
    if bad_title := title_problem(meta.title):
        issues.append(ContentIssue(file, line_of(data, ("title",)) + 1, bad_title))
    scan = scan_markdown(body)
    for line in scan.raw_html_lines:
        issues.append(ContentIssue(file, body_offset + line, "raw HTML is not allowed in cards (write Markdown)"))
    headings = tuple(HEADING.findall(body))
    if headings != SECTIONS[meta.kind]:
        missing = [h for h in SECTIONS[meta.kind] if h not in headings]
        what = f"missing section '## {missing[0]}'" if missing else "sections out of order"
        expected = " / ".join(SECTIONS[meta.kind])
        issues.append(ContentIssue(file, body_offset + 1, f"{what}; sections should be, in order: {expected}"))
    card = Card(
        id=meta.id,
        kind=meta.kind,
        title=meta.title,
        covers=tuple(meta.covers),
        summary=meta.summary,
        evidence=meta.evidence,
        who_can_help=tuple(meta.who_can_help),
        references=tuple(meta.references),
        last_reviewed=meta.last_reviewed,
        content_version=meta.content_version,
        body=body,
        source_file=file,
    )
    if check_reading and (hard := reading_problem(card)):
        issues.append(ContentIssue(file, body_offset + 1, hard))
    if issues:
        return None, issues
    citations = [
        (body_offset + number, key.strip())
        for number, line in enumerate(body.splitlines(), start=1)
        for match in CITATION.finditer(line)
        for key in match.group(1).split(",")
    ]
    return CardFile(card, data, [(body_offset + line, target) for line, target in scan.links], citations), []


def load(content_dir: Path, check_reading: bool = True) -> tuple[Knowledge, list[ContentIssue]]:
    """Load and check all of content/; returns the knowledge and the problems found.

    Current translations (`app.content.translations`) come with it; a broken one is reported and
    left out on its own (its English shows), and missing or outdated ones are `translation_notes`.

    `check_reading` grades each card's patient text (Flesch–Kincaid ≤ 8, or the Spanish targets of
    `app.content.readability`). It is an authoring check,
    kept by `check-content` and the tests; the app's start-up skips it."""
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ContentError(f"{content_dir}: content folder not found (set REFERRAL_ATLAS_CONTENT_DIR?)")
    issues: list[ContentIssue] = []
    left_out = LeftOut()
    references = load_references(content_dir / "references", left_out, issues)
    card_paths = sorted((content_dir / "cards").glob("*.md"))
    cards: dict[str, CardFile] = {}
    for path in card_paths:
        card_file, card_issues = read_card(path, check_reading)
        issues.extend(card_issues)
        if card_file is not None:
            cards[card_file.card.id] = card_file
    present = {path.stem for path in card_paths}
    for card_file in list(cards.values()):
        problems, kept = _cross_check(card_file, present, references, left_out)
        issues.extend(problems)
        if kept is None:
            del cards[card_file.card.id]
        else:
            cards[card_file.card.id] = kept
    data = read_data(content_dir, left_out, issues)
    # a card that exists but is broken is reported once, by itself, not again by every entry naming it
    built = build(data, set(references), present, left_out, issues)
    known = set(built.structures) | set(built.territories) | set(built.conditions) | set(built.red_flags)
    known |= {v.id for c in built.conditions.values() for v in c.variants}
    for card_file in cards.values():
        for index, covered in enumerate(card_file.card.covers):
            if covered not in known:
                line = line_of(card_file.front, ("covers", index)) + 1
                left_out.unresolved(
                    issues,
                    covered,
                    (*PLACES, QUESTIONS),
                    f"card {card_file.card.id}",
                    ContentIssue(card_file.card.source_file, line, f"covers an unknown id {covered!r}"),
                )
    synonyms = load_synonyms(content_dir, known | set(cards), set(references), left_out, issues)
    issues.extend(load_poses(content_dir, set(references), set(built.conditions), left_out)[1])
    left_out.report(issues)
    english = {card_id: c.card for card_id, c in cards.items()}
    skipped = set(left_out.entries) | (present - set(english)) | ({"*"} if left_out.files else set())
    translations = load_translations(
        content_dir, english, text_sources(built), check_reading, skipped, note_sources(built)
    )
    issues.extend(translations.issues)
    knowledge = Knowledge(
        structures=built.structures,
        territories=built.territories,
        conditions=built.conditions,
        links=built.links,
        features=built.features,
        triggers=built.triggers,
        checks=built.checks,
        red_flags=built.red_flags,
        cards=english,
        references=references,
        translated_cards=translations.cards,
        translated_titles=translations.titles,
        translated_notes=translations.notes_of_data,
        translated_phrases=translations.phrases,
        left_out={name: str(why) for name, why in left_out.entries.items()},
        left_out_files={Path(name).name: str(why) for name, why in left_out.files.items()},
        synonyms=synonyms,
    )
    return knowledge, issues


def _cross_check(
    card_file: CardFile, present: set[str], references: dict[str, Reference], left_out: LeftOut
) -> tuple[list[ContentIssue], CardFile | None]:
    """Links to other cards and reference ids; `present` are the card files that exist. A reference
    that was left out does not cost the card: the card is listed once beside that reference. A bad
    link is reported and dropped (its words stay); the card is None only with a bad reference."""
    file = card_file.card.source_file
    problems: list[ContentIssue] = []
    for index, ref in enumerate(card_file.card.references):
        if ref not in references:
            line = line_of(card_file.front, ("references", index)) + 1
            left_out.unresolved(
                problems,
                ref,
                (REFERENCES,),
                f"card {card_file.card.id}",
                ContentIssue(file, line, f"unknown reference {ref!r}"),
            )
    for line, key in card_file.citations:
        if key not in references:
            left_out.unresolved(
                problems,
                key,
                (REFERENCES,),
                f"card {card_file.card.id}",
                ContentIssue(file, line, f"cites an unknown reference [{key}] (add it to content/references/)"),
            )
    kept = None if problems else card_file
    bad: set[str] = set()
    for line, target in card_file.links:
        card_id = target.removeprefix("card:")
        if not target.startswith("card:"):
            problems.append(
                ContentIssue(file, line, f"link {target!r}: only card: links are allowed; the link is left out")
            )
            bad.add(target)
        elif card_id not in present:
            problems.append(
                ContentIssue(file, line, f"link to a card that does not exist: {card_id!r}; the link is left out")
            )
            bad.add(target)
    if kept is not None and bad:
        body = drop_links(card_file.card.body, bad)
        if any(target in bad for _, target in scan_markdown(body).links):  # a link written another way
            return problems, None
        links = [(line, target) for line, target in card_file.links if target not in bad]
        kept = dataclasses.replace(card_file, card=dataclasses.replace(card_file.card, body=body), links=links)
    return problems, kept
