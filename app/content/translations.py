"""Translations of the patient text: cards in `content/cards/<lang>/<id>.md`, titles and labels in
`content/<lang>/titles.yaml`, the notes and reasons of the data (what a ranking says of a link, a
variant, an answer or a red flag) in `content/<lang>/notes.yaml`, and the sentences the code builds
(`app.domain.phrases.ENGLISH`) in `content/<lang>/phrases.yaml`.

A translated card names the English card (`translation_of`) and the English `content_version` it
was made from (`source_version`); it has the same sections (headings in its language, see
`sections.TRANSLATED_SECTIONS`) and the same `card:` links. Its clinician section may be left out:
clinicians and students share the English literature, so the English section is then shown under
the translated heading, saying so. A title, note or phrase records the first 8 hex digits of the sha256 of the
English text it was made from, since data entries carry no version of their own.

Only current translations are loaded: an outdated one (older `source_version`, or a changed English
text) is left out, so the English shows, marked, until it is brought up to date. A broken one is a
content problem of its own file and costs nothing else. Missing and outdated ones are notes
(`translation_notes`), listed by `check-content` without failing it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import ValidationError

from app.content.data import Built
from app.content.entries import check_file, describe, read_yaml
from app.content.files import read_card_text
from app.content.issues import ContentIssue
from app.content.left_out import LeftOut
from app.content.markdown import drop_links, scan_markdown, title_problem
from app.content.readability import CLINICIAN_HEADINGS, reading_problem, texts_reading_problem
from app.content.schema import (
    SECTIONS,
    CardTranslationMeta,
    NotesFile,
    PhrasesFile,
    TitlesFile,
    TitleTranslation,
)
from app.content.sections import TRANSLATED_SECTIONS
from app.content.yaml_lines import LineDict, line_of
from app.domain.knowledge import LANGUAGES, RED_FLAG_TITLE, Knowledge, variant_title_key
from app.domain.phrases import ENGLISH, FORMS, placeholders
from app.domain.records import Card

_HEADING = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
ENGLISH_SECTION_NOTE = {"es": "*(Esta sección está en inglés, como la bibliografía que se cita.)*"}


def text_hash(text: str) -> str:
    """What a translated title records of the English text it was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def text_sources(built: Built | Knowledge) -> dict[str, str]:
    """Every translatable title or label: key → English text. A plain id gives what
    `Knowledge.title(id)` gives; a red flag's candidate title is `<id>.title`, and a variant's title
    is `<id>.variant` when a condition of the same id takes the plain key. Card titles are
    translated with their cards."""
    texts: dict[str, str] = {}
    for table in (built.structures, built.territories, built.conditions):
        texts.update({key: entry.title for key, entry in table.items()})
    named = (built.structures, built.territories, built.conditions)
    texts.update({variant_title_key(v.id, *named): v.title for c in built.conditions.values() for v in c.variants})
    for answers in (built.features, built.triggers, built.checks):
        texts.update({key: answer.label for key, answer in answers.items()})
    for key, flag in built.red_flags.items():
        texts[key] = flag.label
        texts[key + RED_FLAG_TITLE] = flag.title
    return texts


def note_sources(built: Built | Knowledge) -> dict[str, str]:
    """Every translatable note or reason of the data: key (`app.domain.phrases`) → English text."""
    texts = {f"link:{link.source}:{link.target}": link.note for link in built.links if link.note}
    texts.update({f"variant:{v.id}": v.note for c in built.conditions.values() for v in c.variants if v.note})
    for answers in (built.features, built.triggers, built.checks):
        texts.update({f"answer:{a.id}:{w.target}": w.reason for a in answers.values() for w in a.weights})
    texts.update({f"red_flag:{key}": flag.reason for key, flag in built.red_flags.items()})
    texts.update({f"territory:{t.id}": t.note for t in built.territories.values() if t.kind == "region" and t.note})
    return texts


@dataclass(frozen=True)
class _Kind:
    """One kind of translated text file: its name, its section and what its keys name."""

    file: str  # in content/<lang>/
    section: str
    model: type[TitlesFile | NotesFile | PhrasesFile]
    what: str  # "title", "note", "phrase"
    named: str  # what an unknown key is not: "a title or label", "a note", "a phrase"

    def ids(self, key: str) -> list[str]:
        """The content ids a title's key belongs to (a translation of a left-out id is skipped)."""
        return [key.split(".", 1)[0]] if self.what == "title" else []  # `<id>.title`, `<id>.variant` go with <id>


TITLES = _Kind("titles.yaml", "titles", TitlesFile, "title", "a title or label")
NOTES = _Kind("notes.yaml", "notes", NotesFile, "note", "a note or reason")
PHRASES = _Kind("phrases.yaml", "phrases", PhrasesFile, "phrase", "a phrase (app/domain/phrases.py)")


@dataclass
class Translations:
    cards: dict[str, dict[str, Card]] = field(default_factory=dict)  # language -> id -> current card
    titles: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> key -> current text
    notes_of_data: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> note key -> text
    phrases: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> phrase key -> template
    issues: list[ContentIssue] = field(default_factory=list)  # broken translations (left out)
    notes: list[ContentIssue] = field(default_factory=list)  # missing and outdated ones (informational)


def load_translations(
    content_dir: Path,
    english: dict[str, Card],
    texts: dict[str, str],
    check_reading: bool = True,
    left_out: Collection[str] = (),
    notes: dict[str, str] | None = None,
) -> Translations:
    """The current translations in every language of `app.domain.knowledge.LANGUAGES`, with what is wrong or missing.

    A translation of something in `left_out` (a card or entry with a problem of its own, reported
    there; "*" when a whole data file was left out) is skipped without a word: its English is what
    needs fixing. `texts` are the titles (`text_sources`), `notes` the notes (`note_sources`)."""
    out = Translations()
    for language in LANGUAGES:
        out.cards[language] = _cards(content_dir / "cards" / language, language, english, check_reading, left_out, out)
        folder = content_dir / language
        out.titles[language] = _texts(folder, TITLES, language, texts, left_out, out)
        out.notes_of_data[language] = _texts(folder, NOTES, language, notes or {}, left_out, out)
        out.phrases[language] = _texts(folder, PHRASES, language, ENGLISH, (), out)
        for kind, current in ((NOTES, out.notes_of_data[language]), (PHRASES, out.phrases[language])):
            if check_reading and (problem := texts_reading_problem(current.values(), language)):
                out.issues.append(ContentIssue(str(folder / kind.file), 1, problem))
    return out


def translation_notes(knowledge: Knowledge, content_dir: Path) -> list[ContentIssue]:
    """Every missing or outdated translation of the loaded content, as `file:line: problem` notes."""
    skipped = {*knowledge.left_out, *(["*"] if knowledge.left_out_files else [])}
    return load_translations(
        content_dir, knowledge.cards, text_sources(knowledge), False, skipped, note_sources(knowledge)
    ).notes


def _cards(
    folder: Path,
    language: str,
    english: dict[str, Card],
    check_reading: bool,
    left_out: Collection[str],
    out: Translations,
) -> dict[str, Card]:
    cards: dict[str, Card] = {}
    for path in sorted(folder.glob("*.md")):
        if path.stem in left_out:
            continue
        card, problems = read_translated_card(path, language, english, check_reading)
        if card is None:
            out.issues.extend(problems)
            continue
        if problems:  # outdated: a note, and the English shows
            out.notes.extend(problems)
            continue
        cards[card.id] = card
    for card_id, source in english.items():
        if card_id not in cards and not (folder / f"{card_id}.md").exists():
            out.notes.append(
                ContentIssue(
                    source.source_file,
                    1,
                    f"no {language} translation ({folder / card_id}.md); the English card shows, marked",
                )
            )
    return cards


def read_translated_card(
    path: Path, language: str, english: dict[str, Card], check_reading: bool = True
) -> tuple[Card | None, list[ContentIssue]]:
    """(the card, []) when current; (the card, [note]) when outdated; (None, problems) when broken."""
    file = str(path)
    parsed = read_card_text(path)
    if isinstance(parsed, ContentIssue):
        return None, [parsed]
    front, body, offset = parsed.front, parsed.body, parsed.body_offset
    try:
        meta = CardTranslationMeta.model_validate(front)
    except ValidationError as error:
        loc, problem = describe(error)
        return None, [ContentIssue(file, line_of(front, loc) + 1, problem)]
    source = english.get(meta.translation_of)
    if source is None:
        where = line_of(front, ("translation_of",)) + 1
        return None, [
            ContentIssue(file, where, f"translation of {meta.translation_of!r}, which is not a card (or was left out)")
        ]
    problems: list[ContentIssue] = []
    if meta.translation_of != path.stem:
        problems.append(
            ContentIssue(
                file,
                line_of(front, ("translation_of",)) + 1,
                f"translation_of {meta.translation_of!r} differs from the file name",
            )
        )
    names = TRANSLATED_SECTIONS[language]
    expected = tuple(names[h] for h in SECTIONS[source.kind])
    headings = tuple(_HEADING.findall(body))
    if headings not in (expected, expected[:-1]):
        problems.append(
            ContentIssue(
                file,
                offset + 1,
                f"sections should be, in order: {' / '.join(expected)} "
                f"(the last may be left out: the English one shows)",
            )
        )
    if bad_title := title_problem(meta.title):
        problems.append(ContentIssue(file, line_of(front, ("title",)) + 1, bad_title))
    scan = scan_markdown(body)
    for line in scan.raw_html_lines:
        problems.append(ContentIssue(file, offset + line, "raw HTML is not allowed in cards (write Markdown)"))
    english_body = source.body
    if headings == expected[:-1]:
        patient, clinician = source.body.split(CLINICIAN_HEADINGS["en"], 1)
        english_body = patient
        body = f"{body.rstrip()}\n\n## {expected[-1]}\n\n{ENGLISH_SECTION_NOTE[language]}\n{clinician}"
    wanted = {target for _, target in scan_markdown(english_body).links}
    # a link to no card was left out of the English card (and reported there): here too
    dead = {target for _, target in scan.links if target not in wanted and target.removeprefix("card:") not in english}
    if dead:
        body = drop_links(body, dead)
        scan = scan._replace(links=[(line, target) for line, target in scan.links if target not in dead])
    for line, target in scan.links:
        if target not in wanted:
            problems.append(ContentIssue(file, offset + line, f"link {target!r} is not in the English card"))
    found = {target for _, target in scan.links}
    for target in sorted(wanted - found):
        problems.append(ContentIssue(file, offset + 1, f"link {target!r} of the English card is missing"))
    card = replace(source, title=meta.title, summary=meta.summary, body=body, source_file=file, language=language)
    if check_reading and not problems and (hard := reading_problem(card)):
        problems.append(ContentIssue(file, offset + 1, hard))
    if problems:
        return None, problems
    if meta.source_version < source.content_version:
        where = line_of(front, ("source_version",)) + 1
        return card, [
            ContentIssue(
                file,
                where,
                f"outdated: made from version {meta.source_version} of "
                f"{source.source_file}, which is now at version {source.content_version}",
            )
        ]
    if meta.source_version > source.content_version:
        where = line_of(front, ("source_version",)) + 1
        return None, [
            ContentIssue(
                file,
                where,
                f"source_version {meta.source_version} is newer than "
                f"{source.source_file} (version {source.content_version})",
            )
        ]
    return card, []


def _texts(
    folder: Path, kind: _Kind, language: str, texts: dict[str, str], left_out: Collection[str], out: Translations
) -> dict[str, str]:
    """The current entries of one translated text file (titles, notes or phrases): key → text."""
    path = folder / kind.file
    file = str(path)
    current: dict[str, str] = {}
    # a note of something left out (a link, or a weight naming a left-out condition) is not known
    # by an id of its own: with anything left out, an unknown note key is skipped, not reported
    unknown_is_left_out = "*" in left_out or (kind is NOTES and bool(left_out))
    shape = f"'schema: 1', 'language' and '{kind.section}'"
    data = read_yaml(path, shape, LeftOut(), out.issues, keyed=(kind.section,)) if path.exists() else None
    if isinstance(data, LineDict):
        data = check_file(data, kind.model, file, out.issues)
    elif data is not None:
        out.issues.append(ContentIssue(file, 1, f"expected a mapping with {shape}"))
        data = None
    entries: LineDict = data[kind.section] if data is not None else LineDict()
    if data is not None and data["language"] != language:
        out.issues.append(ContentIssue(file, line_of(data, ("language",)), f"language should be {language!r}"))
    for key, raw in entries.items():
        line = entries.key_lines.get(key, 1) if isinstance(entries, LineDict) else 1
        try:
            entry = TitleTranslation.model_validate(raw)
        except ValidationError as error:
            loc, problem = describe(error)
            out.issues.append(ContentIssue(file, line_of(raw, loc, line), f"{key}: {problem}"))
            continue
        if any(i in left_out for i in kind.ids(str(key))):
            continue
        if key not in texts and not unknown_is_left_out:
            out.issues.append(ContentIssue(file, line, f"{key!r} is not {kind.named} of the content"))
        elif key not in texts:
            continue
        elif entry.source != text_hash(texts[key]):
            out.notes.append(
                ContentIssue(
                    file,
                    line,
                    f"outdated {language} {kind.what} {key!r}: the English is now "
                    f"{texts[key]!r} (source {text_hash(texts[key])})",
                )
            )
        elif kind is PHRASES and (mismatch := _placeholder_problem(texts[key], entry.text)):
            out.issues.append(ContentIssue(file, line, f"{key}: {mismatch}"))
        else:
            current[str(key)] = entry.text
    for key, text in texts.items():
        if key not in current and key not in entries:
            out.notes.append(
                ContentIssue(
                    file,
                    1,
                    f"no {language} {kind.what} for {key!r} ({text!r}, "
                    f"source {text_hash(text)}); the English shows, marked",
                )
            )
    return current


def _placeholder_problem(english: str, translated: str) -> str | None:
    """Why a translated template cannot be filled like its English one, or None."""
    try:
        found = placeholders(translated)
    except ValueError as error:
        return str(error)
    names, wanted = {name for name, _ in found}, {name for name, _ in placeholders(english)}
    if names != wanted:
        return f"the placeholders should be {', '.join('{' + n + '}' for n in sorted(wanted)) or 'none'}"
    forms = sorted({form for _, form in found} - set(FORMS))
    return f"unknown form {forms[0]!r}; use one of {', '.join(f for f in FORMS if f)}" if forms else None
