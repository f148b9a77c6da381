"""What the answer to a touch says, made without Qt: the line under the panel's buttons, the
best fits above the questions, and the same line as plain text for a screen reader.

The interface's words come in translated (`AnswerWords`, built by the UI in its language).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.explorer import Explorer
from app.domain.knowledge import InLanguage
from app.domain.query import dermatome_maps

FALLBACK_COLOUR = "#888"
BEST_FITS = 3
PLACES_NAMED = 3  # an area names its first few places, then "…"
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>")


@dataclass(frozen=True)
class AnswerWords:
    """The interface's words of an answer, translated; `{0}` where the content goes."""

    touch_first: str  # nothing touched yet
    you_touched: str  # "You touched <b>{0}</b>."
    urgent_first: str  # the first source asks the urgent signs
    marked_urgent: str  # an urgent sign ticked, nothing touched
    urgent_shown: str  # the urgent signs shown on their own
    best_fits: str  # "<b>Best fits now:</b> " before the titles
    touch_to_rank: str  # no best fits yet


def where_html(explorer: Explorer, words: InLanguage, text: AnswerWords) -> str:
    """The answer's line: the places touched (where the two dermatome maps disagree, their note),
    or the urgent signs, or what to do first."""
    touches = explorer.touches
    if touches:
        places = list(dict.fromkeys(words.marked(explorer.place(t)) for t in touches))
        where = (
            places[0]
            if len(places) == 1
            else "; ".join(places[:PLACES_NAMED]) + ("…" if len(places) > PLACES_NAMED else "")
        )
        maps = dermatome_maps(touches[-1].spot)
        disagree = f"<br/><small>{html.escape(maps.note)}</small>" if maps is not None and not maps.agree else ""
        first = explorer.candidates[0] if explorer.candidates else None
        asks = text.urgent_first if first and first.asks else ""
        return text.you_touched.format(where) + disagree + asks
    if explorer.answers.red_flags:
        return text.marked_urgent
    if explorer.urgent_shown:
        return text.urgent_shown
    return text.touch_first


def where_said(explorer: Explorer, words: InLanguage, text: AnswerWords) -> str:
    """The answer's line as a screen reader says it: plain text."""
    return plain_text(where_html(explorer, words, text))


def plain_text(rich: str) -> str:
    """Rich text of the answer's simple kind (bold, small, line breaks) as plain text."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", rich)))


def best_fits_html(explorer: Explorer, words: InLanguage, text: AnswerWords, colours: Mapping[str, str]) -> str:
    """The best few sources now, each with its colour (urgent ones only while the urgent signs show)."""
    urgent_first = explorer.urgent_shown or bool(explorer.answers.red_flags)
    top = [c for c in explorer.candidates if urgent_first or c.mechanism != "urgent"][:BEST_FITS]
    if not top:
        return text.touch_to_rank
    return text.best_fits + " · ".join(
        f"<span style='color:{colours.get(c.mechanism, FALLBACK_COLOUR)}'>■</span> {html.escape(words.shown_title(c))}"
        for c in top
    )
