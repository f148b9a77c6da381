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
from app.domain.knowledge import Card, InLanguage
from app.domain.phrases import ENGLISH, literal
from app.domain.urgency import flags_by_level
from app.version import app_version, content_release

TOP_SOURCES = 3
WHY_SHOWN = 2  # reasons per source: the sheet stays short
DISCLAIMER = ENGLISH["handout.disclaimer"]  # every word of the sheet is a phrase of app/domain/phrases.py
IMAGE_NAME = "view.png"  # the picture's name inside the document
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
        # urgent cards first, then the sources the picture lights (the best of each mechanism
        # first), then the rest; one source per card, so the advice is not printed twice
        urgent = [c for c in explorer.candidates if c.mechanism == "urgent"]
        ordered = list(dict.fromkeys([*urgent, *explorer.lit(), *explorer.candidates]))
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
    keys = [key for card in cards if card for key in (*cited_keys(_help_text(card)), *card.references)]
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
    parts = [
        f"<h1>{esc(say('handout.heading'))}</h1>",
        f"<p><b>{esc(handout.where)}</b>"
        + (f" · {esc(say('handout.side'))}: <b>{esc(handout.side)}</b>" if handout.side else "")
        + f" · {esc(day)}</p>",
    ]
    if with_image:
        parts.append(f'<p align="center"><img src="{IMAGE_NAME}" width="520"></p>')
    if handout.note:
        parts.append(f"<h2>{esc(say('handout.note'))}</h2><p>{esc(handout.note).replace(chr(10), '<br>')}</p>")
    # safety first: the urgent signs and what the sheet is not, before the sources
    parts.append(
        f"<h2>{esc(say('handout.care_now'))}</h2>"
        + "".join(
            f"<p><b>{esc(says)}</b></p><ul>" + "".join(f"<li>{esc(item)}</li>" for item in signs) + "</ul>"
            for says, signs in handout.care_now
        )
    )
    parts.append(f"<p><b>{esc(say('handout.disclaimer'))}</b></p>")
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
            + "".join(f"<p><small>{esc(r)}</small></p>" for r in handout.references)
        )
    app, content = handout.made_with
    parts.append(f"<hr><p><small>{esc(say('handout.made_with', app=app, content=content))}</small></p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def _help_text(card: Card) -> str:
    return "\n".join(card_section(card, heading) for heading in _SECTIONS_FOR_HELP)
