"""Reading grade of a card's patient text (Flesch–Kincaid, via textstat)."""

from __future__ import annotations

import re

from app.domain.knowledge import Card

CLINICIAN_HEADING = "## For clinicians and students"
MAX_GRADE = 8.0
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`>]|^\s*[-+] |^\s*\d+\. ", re.MULTILINE)


def patient_text(card: Card) -> str:
    """Plain text of the sections before the clinician section, headings dropped."""
    patient = card.body.split(CLINICIAN_HEADING, 1)[0]
    lines = [line for line in patient.splitlines() if not line.lstrip().startswith("#")]
    return _MARKUP.sub("", _LINK.sub(r"\1", "\n".join(lines))).strip()


def grade(text: str) -> float:
    import textstat  # ~0.3 s to import, and only authoring checks grade text

    return float(textstat.flesch_kincaid_grade(text))
