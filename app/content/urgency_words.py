"""Urgency wording against the urgency model (DESIGN.md §8, CLINICAL.md §6): a patient sentence that
names a sign and tells the reader when to get care must not say a later time than the sign's level
("get care soon" beside fever with back pain). check-content reports each such sentence.

A sentence's signs come from its words (the patterns below, per language) and from its links to
red-flag cards (`card:red_flag_…`, at the least urgent level of that card's signs); the levels of the red
flags are content (questions.yaml), the others are CLINICAL.md §6. A list item with no time words
takes those of the line that leads into the list ("Go to an emergency department now if:").
Only patient text is read: a card's clinician section and YAML comments are left out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from app.content.files import MAX_CARD_BYTES, MAX_DATA_BYTES, read_text
from app.content.issues import ContentIssue
from app.content.readability import CLINICIAN_HEADINGS
from app.domain.knowledge import Knowledge
from app.domain.urgency import LEVELS

# sign -> (level, or a red flag id whose level the content gives; patterns per language)
SIGNS: dict[str, tuple[str, dict[str, str]]] = {
    "saddle": ("saddle_numbness", {
        "en": r"saddle|between (your|the) legs|around (your|the) (bottom|back passage|anus)",
        "es": r"silla de montar|entre las piernas|alrededor del ano"}),
    "bladder_bowel": ("bladder_bowel", {
        "en": r"bladder|bowel|pass(ing)? urine|leaking urine", "es": r"vejiga|intestino|orinar|\borina\b"}),
    "both_legs": ("both_legs", {"en": r"(sciatica|nerve pain|weak\w*) in both legs|both legs are getting weak",
                                "es": r"(ciática|dolor de nervio|debilidad) en (las dos|ambas) piernas"}),
    "fast": ("fast_weakness", {
        "en": r"\b(weak\w*|numb\w*)\b[^.]*\b(fast|quickly|rapidly|suddenly)\b",
        "es": r"\b(debilidad|débil|adormec\w*|dormid\w*)\b[^.]*\b(rápid\w*|de repente)"}),
    "fever": ("fever_hot_joint", {"en": r"\bfever|hot,? (and )?swollen", "es": r"fiebre|caliente e hinchad"}),
    "fall": ("cannot_bear_weight", {
        "en": r"after a fall|a fall or (an )?injury|cannot (stand|put weight|bear weight)|broken bone",
        "es": r"tras una caída|una caída o (un )?golpe|no (puede|poder) apoyar|hueso roto"}),
    "cancer": ("cancer_history", {"en": r"(had|history of) cancer|cancer team",
                                  "es": r"(tenido|antecedentes de) cáncer|equipo de cáncer"}),
    "weight_loss": ("weight_loss", {"en": r"weight loss|lost weight|losing weight",
                                    "es": r"pérdida de peso|perdido peso"}),
    "rest_pain": ("rest_pain", {"en": r"wakes you|at rest|when you rest",
                                "es": r"le despierta|en reposo|cuando descansa"}),
    "clot": ("today", {"en": r"blood clot", "es": r"coágulo"}),
    "clot_chest": ("emergency", {"en": r"chest pain|breathless|short of breath",
                                 "es": r"dolor en el pecho|falta (de )?el aire|le falta el aire"}),
}  # fmt: skip
# words that say when to get care, per level (most urgent first)
TIME_WORDS: dict[str, dict[str, str]] = {
    "emergency": {
        "en": r"emergency|ambulance|right away",
        "es": r"urgencias\b|(una|de) urgencia\b|ambulancia|emergencia",
    },
    "today": {"en": r"\btoday\b|same day", "es": r"\bhoy\b|mismo día"},
    "soon": {
        "en": r"\bsoon\b|within (a few )?days|within a day or two|prompt",
        "es": r"(?<!de )\bpronto\b|en (unos|pocos|unos pocos) días|en uno o dos días",
    },
    "routine": {"en": r"few weeks|not (getting )?better", "es": r"unas semanas|no mejora"},
}
_CARD_LINK = re.compile(r"\(card:(red_flag_[a-z0-9_]+)\)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+\.)\s")
_COMMENT = re.compile(r"(\}|\"|')\s+#\s.*$|^\s*#.*$")


def sign_levels(knowledge: Knowledge) -> dict[str, str]:
    """Each sign's level: the red flag's in content, or CLINICAL.md §6's."""
    out = {}
    for sign, (level_or_flag, _patterns) in SIGNS.items():
        flag = knowledge.red_flags.get(level_or_flag)
        if flag is not None or level_or_flag in LEVELS:  # a red flag left out of broken content: no level
            out[sign] = flag.urgency if flag is not None else level_or_flag
    return out


def card_levels(knowledge: Knowledge) -> dict[str, str]:
    """A red-flag card's level as a link names it: the least urgent of its signs."""
    out: dict[str, str] = {}
    for flag in knowledge.red_flags.values():
        out[flag.card] = max(out.get(flag.card, "emergency"), flag.urgency, key=LEVELS.index)
    return out


def sentence_problem(text: str, language: str, lead: set[str], knowledge: Knowledge) -> str | None:
    """Why one sentence understates the urgency of a sign it names, or None."""
    levels = sign_levels(knowledge)
    signs = {sign for sign, (_l, patterns) in SIGNS.items() if re.search(patterns[language], text, re.IGNORECASE)}
    needs = [levels[s] for s in signs if s in levels]
    cards = card_levels(knowledge)
    needs += [cards[c] for c in _CARD_LINK.findall(text) if c in cards]
    said = time_levels(text, language) or lead
    if not needs or not said:
        return None
    need = min(needs, key=LEVELS.index)
    if any(LEVELS.index(level) <= LEVELS.index(need) for level in said):  # as urgent, or more
        return None
    named = ", ".join(sorted(signs)) or "a linked urgent card"
    return (
        f"says when to get care as '{'/'.join(sorted(said, key=LEVELS.index))}' next to {named}, whose level "
        f"is '{need}' (CLINICAL.md §6); say the level's own words"
    )


def time_levels(text: str, language: str) -> set[str]:
    return {level for level, words in TIME_WORDS.items() if re.search(words[language], text, re.IGNORECASE)}


def _card_lines(path: Path, language: str) -> Iterator[tuple[int, str]]:
    """(line number, text) of a card's patient lines: after the front matter, before the clinician section."""
    text = read_text(path, MAX_CARD_BYTES, "a card")
    lines = text.splitlines() if isinstance(text, str) else []  # a broken file is reported by the loader
    fences = [i for i, line in enumerate(lines) if line.strip() == "---"][:2]
    start = fences[1] + 1 if len(fences) == 2 else 0
    for i in range(start):  # the front matter's title and summary are patient text too
        if lines[i].startswith(("title:", "summary:")):
            yield i + 1, lines[i]
    for i in range(start, len(lines)):
        if lines[i].startswith(CLINICIAN_HEADINGS[language]):
            return
        yield i + 1, lines[i]


def _yaml_lines(path: Path) -> Iterator[tuple[int, str]]:
    text = read_text(path, MAX_DATA_BYTES, "data")
    for number, line in enumerate(text.splitlines() if isinstance(text, str) else [], start=1):
        kept = _COMMENT.sub(r"\1", line).strip()
        if kept:
            yield number, kept


def _problems(lines: Iterator[tuple[int, str]], file: str, language: str, knowledge: Knowledge) -> list[ContentIssue]:
    out: list[ContentIssue] = []
    lead: set[str] = set()
    for number, line in lines:
        if line.startswith("#"):
            lead = set()
            continue
        in_list = bool(_LIST_ITEM.match(line))
        for sentence in _SENTENCE.split(line):
            problem = sentence_problem(sentence, language, lead if in_list else set(), knowledge)
            if problem:
                out.append(ContentIssue(file, number, problem))
        if not in_list and line.strip():
            lead = time_levels(line, language)
    return out


def _clot_problem(lines: list[tuple[int, str]], file: str, language: str) -> list[ContentIssue]:
    """A card that warns of a blood clot must also say: chest pain or breathless, call an ambulance."""
    clot = next((n for n, line in lines if re.search(SIGNS["clot"][1][language], line, re.IGNORECASE)), None)
    chest = any(re.search(SIGNS["clot_chest"][1][language], line, re.IGNORECASE)
                and "emergency" in time_levels(line, language) for _n, line in lines)  # fmt: skip
    if clot is None or chest:
        return []
    return [ContentIssue(file, clot, "warns of a blood clot but not that chest pain or breathlessness with it needs an "
                                     "ambulance (CLINICAL.md §6)")]  # fmt: skip


def wording_problems(knowledge: Knowledge, content_dir: Path) -> list[ContentIssue]:
    """Every patient sentence of the cards and data files whose time words understate a sign's level."""
    content_dir = Path(content_dir)
    out: list[ContentIssue] = []
    for language, folder in (("en", content_dir / "cards"), ("es", content_dir / "cards" / "es")):
        for path in sorted(folder.glob("*.md")):
            lines = list(_card_lines(path, language))
            out += _problems(iter(lines), str(path), language, knowledge) + _clot_problem(lines, str(path), language)
    for language, folder in (("en", content_dir), ("es", content_dir / "es")):
        for path in sorted(folder.glob("*.yaml")):
            out += _problems(_yaml_lines(path), str(path), language, knowledge)
    return out
