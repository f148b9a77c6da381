"""Reading level of a card's patient text: Flesch–Kincaid grade for English, Fernández-Huerta and
Szigriszt-Pazos for Spanish (both via textstat).

The Spanish targets are the "bastante fácil" band of both scales (Fernández-Huerta 70–80,
Szigriszt-Pazos 65–75 in Barrio-Cantalejo's INFLESZ scale), the band these scales put at about
school grade 7–8, so a Spanish card reads as plainly as an English one kept at grade 8."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.domain.records import Card

CLINICIAN_HEADINGS = {"en": "## For clinicians and students", "es": "## Para profesionales y estudiantes"}
CLINICIAN_HEADING = CLINICIAN_HEADINGS["en"]
MAX_GRADE = 8.0
MIN_FERNANDEZ_HUERTA = 70.0
MIN_SZIGRISZT_PAZOS = 65.0
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_PLACEHOLDER = re.compile(r"\{[^}]*\}")
_MARKUP = re.compile(r"[*_`>]|^\s*[-+] |^\s*\d+\. ", re.MULTILINE)


def patient_text(card: Card) -> str:
    """Plain text of the sections before the clinician section, headings dropped."""
    patient = card.body.split(CLINICIAN_HEADINGS.get(card.language, CLINICIAN_HEADING), 1)[0]
    lines = [line for line in patient.splitlines() if not line.lstrip().startswith("#")]
    return _MARKUP.sub("", _LINK.sub(r"\1", "\n".join(lines))).strip()


def grade(text: str) -> float:
    import textstat  # ~0.3 s to import, and only authoring checks grade text

    textstat.set_lang("en_US")
    return float(textstat.flesch_kincaid_grade(text))


def spanish_scores(text: str) -> tuple[float, float]:
    """(Fernández-Huerta, Szigriszt-Pazos) of Spanish text: higher is easier."""
    import textstat

    textstat.set_lang("es")
    try:
        return float(textstat.fernandez_huerta(text)), float(textstat.szigriszt_pazos(text))
    finally:
        textstat.set_lang("en_US")


def texts_reading_problem(texts: Iterable[str], language: str) -> str | None:
    """Why short patient texts (a translation file's notes or phrases, read together as one text,
    `{placeholders}` left out) are harder than the language's target, or None."""
    sentences = [_PLACEHOLDER.sub("", text).strip() for text in dict.fromkeys(texts)]
    text = " ".join(s if s.endswith((".", ":", "?", "!")) else f"{s}." for s in sentences if s)
    if not text or language != "es":
        return None
    huerta, pazos = spanish_scores(text)
    if huerta < MIN_FERNANDEZ_HUERTA or pazos < MIN_SZIGRISZT_PAZOS:
        return (
            f"these texts read at Fernández-Huerta {huerta:.1f} / Szigriszt-Pazos {pazos:.1f}; "
            f"keep them ≥ {MIN_FERNANDEZ_HUERTA:g} / ≥ {MIN_SZIGRISZT_PAZOS:g}"
        )
    return None


def reading_problem(card: Card) -> str | None:
    """Why the card's patient text is harder than its language's target, or None when it is not."""
    text = patient_text(card)
    if card.language == "es":
        huerta, pazos = spanish_scores(text)
        if huerta < MIN_FERNANDEZ_HUERTA or pazos < MIN_SZIGRISZT_PAZOS:
            return (
                f"patient text reads at Fernández-Huerta {huerta:.1f} / Szigriszt-Pazos {pazos:.1f}; "
                f"keep them ≥ {MIN_FERNANDEZ_HUERTA:g} / ≥ {MIN_SZIGRISZT_PAZOS:g}"
            )
        return None
    level = grade(text)
    return f"patient text reads at grade {level:.1f}; keep it ≤ {MAX_GRADE:g}" if level > MAX_GRADE else None
