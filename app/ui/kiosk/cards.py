"""The kiosk's few plain cards, cut from a content card by its own section headings
(app/content/schema.py SECTIONS): what it may be, what helps, when to get help."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.content.markdown import render_markdown
from app.content.sections import TRANSLATED_SECTIONS
from app.domain.records import Card

# (the kiosk card's heading, the content sections it shows, in this order)
PLAIN_CARDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("KioskCards", "What it may be"),
        ("What it is", "Why they look alike", "Get care now", "Why it matters"),
    ),
    (QT_TRANSLATE_NOOP("KioskCards", "What helps"), ("What helps", "The check that tells them apart", "What to do")),
    (QT_TRANSLATE_NOOP("KioskCards", "When to get help"), ("Get care now if", "When to see a clinician")),
)
_HEADING = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)


def card_sections(card: Card) -> dict[str, str]:
    """A card's Markdown body by its `## ` section headings, named in English whatever the card's language."""
    english = {name: heading for heading, name in TRANSLATED_SECTIONS.get(card.language, {}).items()}
    parts = _HEADING.split(card.body)
    return {english.get(parts[i].strip(), parts[i].strip()): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def _tr(text: str) -> str:
    return QCoreApplication.translate("KioskCards", text)


def plain_cards_html(card: Card, hidden: Iterable[str] = (), title: str | None = None, box: str = "#ffffff") -> str:
    """The card as a few boxed plain cards (on `box`); sections named in `hidden` never show."""
    sections = card_sections(card)
    hidden = set(hidden)
    boxes = []
    for heading, wanted in PLAIN_CARDS:
        text = "\n\n".join(sections[name] for name in wanted if name in sections and name not in hidden)
        if text:
            boxes.append(
                f"<table width='100%' cellpadding='14' style='margin-bottom:14px; background:{box};'>"
                f"<tr><td><h3>{_tr(heading)}</h3>{render_markdown(text)}</td></tr></table>"
            )
    return f"<h2>{html.escape(title or card.title)}</h2>{''.join(boxes)}"
