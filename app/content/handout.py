"""What goes on a patient handout, worked out from the explorer's state (Qt-free).

`build_handout` gathers the words (the spot and side, the top sources in plain language, what helps,
when to get care now, the date, the references); `handout_html` lays them out as simple HTML that
Qt's QTextDocument prints to PDF (app/ui/handout.py). Nothing about the patient is kept: the handout
lives in memory until it is written where the clinician chose.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date

from app.content.citations import cited_keys, reference_list, replace_citations
from app.content.markdown import render_markdown
from app.content.sections import TRANSLATED_SECTIONS
from app.domain.explorer import Explorer
from app.domain.knowledge import InLanguage
from app.domain.phrases import ENGLISH, literal
from app.domain.records import Card
from app.domain.urgency import flags_by_level
from app.version import app_version, content_release

TOP_SOURCES = 3
WHY_SHOWN = 2  # reasons per source: the sheet stays short (two pages at most, A4 or Letter)
HELPS_SHOWN = 4  # "What helps" items per source
CARD_REFERENCES = 2  # a card's own references printed besides the ones its advice cites
DISCLAIMER = ENGLISH["handout.disclaimer"]  # every word of the sheet is a phrase of app/domain/phrases.py
IMAGE_NAME = "view.png"  # the picture's name inside the document
CARE_NOW_TINT = "#fdeceb"  # the care-now box: a light red that prints on any printer
IMAGE_WIDTH = 300  # of the page's ~600 px wide text, beside the care-now box
_SECTIONS_FOR_HELP = ("What helps", "Get care now")  # a red-flag card says what to do under the second
_CARD_LINK = re.compile(r'<a href="card:[a-z0-9_]+">(.*?)</a>', re.DOTALL)
_POINTER = re.compile(r"\s*\(card:[a-z0-9_]+\)")


@dataclass(frozen=True)
class HandoutSource:
    title: str
    mechanism: str  # in words: "nerve root (spine)", or an urgent card's level ("emergency: go now")
    summary: str  # the card's one-line summary, plain language
    why_here: tuple[str, ...]  # why it is on the list, plain words
    helps_html: str  # the card's "What helps", citation keys as numbers


@dataclass(frozen=True)
class Handout:
    made_on: date
    where: str  # "Pain in your left foot (top of the foot)" or "Where flat feet can send pain or strain"
    side: str  # "left", "right", "both sides", "the middle" or ""
    sources: tuple[HandoutSource, ...]
    care_now: tuple[tuple[str, tuple[str, ...]], ...]  # (what to do, the signs), most urgent first
    references: tuple[str, ...]  # formatted, numbered in order
    words: InLanguage  # the language of the sheet (its headings and date)
    note: str = ""  # the clinician's free text, if any
    made_with: tuple[str, str] = ("", "")  # the app's version and the content's (app/version.py), in the footer


def card_section(card: Card, heading: str) -> str:
    """The Markdown under one `## heading` of a card (empty if the card has no such section); the
    heading in English, whatever the card's language."""
    heading = TRANSLATED_SECTIONS.get(card.language, {}).get(heading, heading)
    match = re.search(rf"^## {re.escape(heading)}\s*$\n(.*?)(?=^## |\Z)", card.body, re.MULTILINE | re.DOTALL)
    return match.group(1).strip() if match else ""


def build_handout(explorer: Explorer, note: str = "", today: date | None = None, language: str = "en") -> Handout:
    """The handout for what the explorer shows now, in `language`: a touch and its ranked sources,
    or one source. A text with no current translation shows in English, marked."""
    knowledge = explorer.knowledge
    words = knowledge.in_language(language)
    if explorer.touches:
        places = list(dict.fromkeys(words.marked(explorer.place(t)) for t in explorer.touches))
        where = words.phrase("pain_in", where=literal("; ".join(places)))
        sides = {t.spot.side for t in explorer.touches} - {None}
        side = "both" if {"left", "right"} <= sides else next(iter(sides), "") if len(sides) == 1 else ""
        # as the list shows them, the selected one first, only the likely ones (the list's floor);
        # one source per card, so the advice is not printed twice
        ordered = explorer.handed_over()
        by_card = list({c.card: c for c in reversed(ordered)}.values())
        by_card.sort(key=ordered.index)
        shown = [
            (words.shown_title(c), words.kind(c), c.card, tuple(map(words.marked, c.why)))
            for c in by_card[:TOP_SOURCES]
        ]
    elif explorer.source is not None:
        source = explorer.source.source
        where = words.phrase("handout.where_source", source=source)
        side = ""
        condition = knowledge.conditions.get(source)
        card_id = condition.card if condition else source
        shown = [(words.title(source), "", card_id, ())]
    else:
        where, side, shown = words.phrase("handout.no_spot"), "", []
    side = words.phrase(f"side.{side}") if side else ""

    cards = [words.card(card_id) for _t, _m, card_id, _r in shown]
    # the references of the advice printed, and each card's first few (the sheet stays short)
    keys = [
        key for card in cards if card for key in (*cited_keys(_help_text(card)), *card.references[:CARD_REFERENCES])
    ]
    numbers = {key: n for n, key in enumerate(dict.fromkeys(k for k in keys if k in knowledge.references), start=1)}
    sources = []
    for (title, kind, _card_id, reasons), card in zip(shown, cards, strict=False):
        helps = _help_text(card) if card else ""
        sources.append(
            HandoutSource(
                title=title,
                mechanism=kind,
                summary=card.summary if card else "",
                why_here=tuple(_POINTER.sub("", reason) for reason in reasons[:WHY_SHOWN]),
                helps_html=_CARD_LINK.sub(r"\1", render_markdown(replace_citations(helps, numbers))),
            )
        )
    return Handout(
        made_on=today or date.today(),
        where=where,
        side=side,
        sources=tuple(sources),
        care_now=care_now(words),
        references=tuple(f"[{e.number}] {e.text()}" for e in reference_list(numbers, knowledge.references)),
        words=words,
        note=note.strip(),
        made_with=(app_version(), str(content_release())),
    )


def care_now(words: InLanguage) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(what to do, the signs) per urgency level, most urgent first: the emergency signs apart from
    those that need a doctor today (handout and kiosk)."""
    knowledge = words.knowledge
    return tuple(
        (
            words.phrase("handout.signs", says=knowledge.say(f"urgency.{level}")),
            tuple(words.title(flag_id) for flag_id in flag_ids),
        )
        for level, flag_ids in flags_by_level(knowledge)
    )


def handout_html(handout: Handout, with_image: bool = True) -> str:
    """The handout as HTML for QTextDocument (its own simple subset: no CSS layout, tables are fine)."""
    esc = html.escape
    say = handout.words.phrase
    made_on = handout.made_on
    day = say(
        "handout.date",
        day=f"{made_on:%d}",
        month=handout.words.knowledge.say(f"month.{made_on.month}"),
        year=str(made_on.year),
    )
    # safety first, whole, on the first page: the urgent signs and what the sheet is not, in a
    # box beside the picture (a table row is never split across pages here: it opens the sheet)
    care_now = (
        f"<h2>{esc(say('handout.care_now'))}</h2>"
        + "".join(  # by urgency level: the emergency signs apart from "see a doctor today"
            f"<p><b>{esc(says)}</b></p><ul>" + "".join(f"<li>{esc(item)}</li>" for item in signs) + "</ul>"
            for says, signs in handout.care_now
        )
        + f"<p><b>{esc(say('handout.disclaimer'))}</b></p>"
    )
    picture = f'<img src="{IMAGE_NAME}" width="{IMAGE_WIDTH}">' if with_image else ""
    parts = [
        f"<h1>{esc(say('handout.heading'))}</h1>",
        f"<p><b>{esc(handout.where)}</b>"
        + (f" · {esc(say('handout.side'))}: <b>{esc(handout.side)}</b>" if handout.side else "")
        + f" · {esc(day)}</p>",
        '<table width="100%" cellspacing="4" cellpadding="6"><tr>'
        f'<td bgcolor="{CARE_NOW_TINT}" valign="top">{care_now}</td>'
        + (f'<td width="{IMAGE_WIDTH}" valign="top">{picture}</td>' if picture else "")
        + "</tr></table>",
    ]
    if handout.note:
        parts.append(f"<h2>{esc(say('handout.note'))}</h2><p>{esc(handout.note).replace(chr(10), '<br>')}</p>")
    if handout.sources:
        parts.append(f"<h2>{esc(say('handout.sources'))}</h2>")
    for number, source in enumerate(handout.sources, start=1):
        kind = f" <i>· {esc(source.mechanism)}</i>" if source.mechanism else ""
        parts.append(f"<h3>{number}. {esc(source.title)}{kind}</h3><p>{esc(source.summary)}</p>")
        if source.why_here:
            parts.append(
                f"<p><b>{esc(say('handout.why'))}</b></p><ul>"
                + "".join(f"<li>{esc(r)}</li>" for r in source.why_here)
                + "</ul>"
            )
        if source.helps_html:
            parts.append(f"<p><b>{esc(say('handout.helps'))}</b></p>{source.helps_html}")
    if handout.references:
        parts.append(
            f"<h2>{esc(say('handout.references'))}</h2>"
            "<p><small>" + "<br>".join(esc(r) for r in handout.references) + "</small></p>"
        )
    app, content = handout.made_with
    parts.append(f"<hr><p><small>{esc(say('handout.made_with', app=app, content=content))}</small></p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def _help_text(card: Card) -> str:
    return "\n".join(_first_items(card_section(card, heading), HELPS_SHOWN) for heading in _SECTIONS_FOR_HELP)


def _first_items(markdown: str, count: int) -> str:
    """The text before a section's list and its first `count` items (the sheet stays short)."""
    kept: list[str] = []
    items = 0
    for line in markdown.splitlines():
        if line.startswith(("- ", "* ")):
            items += 1
        elif items and line.strip() and not line.startswith(" "):
            break  # a paragraph after the list
        if items > count:
            break
        kept.append(line)
    return "\n".join(kept).strip()
