"""The HTML of the cards a window shows, made without Qt: a ranked source's card, a content card
under its title, the reverse view of one source, a source's lines in the list, and the kiosk's
few plain cards.

The words around the content come in already translated (`CardWords`, built by the UI in its
language); the content's own words come from `InLanguage`. Colours come in as a mapping, since
they belong to the scene.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.content.handout import care_now
from app.content.markdown import render_markdown, render_study_card
from app.content.sections import TRANSLATED_SECTIONS
from app.domain.effects import EffectLink, Effects, reach_tiers
from app.domain.knowledge import InLanguage
from app.domain.ranking import Candidate
from app.domain.records import Card, Reference
from app.domain.urgency import cards_by_level

FALLBACK_COLOUR = "#888888"
CARD_REFERENCE = re.compile(r"\(card:([a-z0-9_]+)\)")
_SECTION = re.compile(r"<h2>(.*?)</h2>")
JUMP_TO = ("What helps", "When to see a clinician", "Get care now if")  # the sections worth a jump
JUMP_TO_SHOWN = {*JUMP_TO, *(names[h] for names in TRANSLATED_SECTIONS.values() for h in JUMP_TO)}


@dataclass(frozen=True)
class CardWords:
    """The interface's words around a card, translated; `{0}`, `{1}` where the content goes."""

    open_the_card: str  # a ranking reason's link to its card
    jump_to: str  # "<p><b>Jump to:</b> {0}</p>"
    how_it_reaches: str  # "<p><b>How it can reach this spot:</b> {0}</p>"
    why_listed: str
    how_sure: str  # "... {0} (the evidence) ... {1} (who can help)"
    who_can_help: Mapping[str, str]
    less_likely: str  # a source below the relevance floor
    explains: str  # "explains {0}% of the area"
    by_way: str  # " (by way of {0})"
    also_by_way: str  # "; also by way of {0}"
    reach_groups: Mapping[int, str]  # the reverse view's headings by tier (3 strongest, 0 the areas)
    can_send: str
    through: str  # "<p><b>Through:</b> {0}</p>"


def reason_html(reason: str, words: CardWords) -> str:
    """A ranking reason as HTML: escaped, its `(card:id)` pointers turned into links."""
    return CARD_REFERENCE.sub(rf'(<a href="card:\1">{words.open_the_card}</a>)', html.escape(reason, quote=False))


def with_section_anchors(body: str, words: CardWords) -> tuple[str, str]:
    """The card's sections get anchors, and a line of links jumps to the ones people look for."""
    titles: list[str] = []

    def anchor(match: re.Match[str]) -> str:
        titles.append(match.group(1))
        return f'<h2><a name="section{len(titles)}"></a>{match.group(1)}</h2>'

    body = _SECTION.sub(anchor, body)
    links = [f'<a href="#section{i}">{t}</a>' for i, t in enumerate(titles, start=1) if t in JUMP_TO_SHOWN]
    return (words.jump_to.format(" · ".join(links)) if links else ""), body


def card_body_html(
    words: InLanguage, card_id: str, references: Mapping[str, Reference], first_section: str | None
) -> str:
    """A content card's body as HTML (empty for an unknown card), `first_section` on top."""
    card = words.card(card_id)
    return render_study_card(card, references, first_section) if card is not None else ""


def titled_card_html(
    words: InLanguage, card_id: str | None, references: Mapping[str, Reference], first_section: str | None
) -> str:
    """A content card under its title (empty for none or an unknown card)."""
    card = words.card(card_id) if card_id else None
    if card is None:
        return ""
    return f"<h2>{html.escape(card.title)}</h2>" + render_study_card(card, references, first_section)


def candidate_html(
    candidate: Candidate, words: InLanguage, body: str, text: CardWords, colours: Mapping[str, str]
) -> str:
    """A ranked source's card: its title, how it causes pain (colour and words), the card's summary,
    how it reaches the spot, why it is listed, the evidence, who can help, then the card's `body`."""
    reasons = "".join(f"<li>{reason_html(words.marked(reason), text)}</li>" for reason in candidate.why)
    helpers = ", ".join(text.who_can_help.get(w, w) for w in candidate.who_can_help)
    colour = colours.get(candidate.mechanism, FALLBACK_COLOUR)
    mechanism = words.mechanism(candidate.mechanism)  # the colour never alone
    path = " → ".join(words.title(i) for i in candidate.path)
    card = words.card(candidate.card)
    jumps, body = with_section_anchors(body, text) if card is not None else ("", "")
    summary = f"<p><i>{html.escape(card.summary)}</i></p>" if card is not None and card.summary else ""
    return (
        f"<h2>{html.escape(words.shown_title(candidate))}</h2>"
        f"<p><span style='color:{colour}'>■</span> {html.escape(mechanism)}</p>{summary}{jumps}"
        + text.how_it_reaches.format(path)
        + text.why_listed
        + f"<ul>{reasons}</ul>"
        + text.how_sure.format(words.phrase(f"evidence.{candidate.evidence}"), helpers)
        + f"<hr/>{body}"
    )


def card_lines(
    candidate: Candidate, touches: int, words: InLanguage, text: CardWords, likely: bool = True
) -> tuple[str, str, str]:
    """A source's three lines in the list: its title, how it causes pain and how sure (and "less
    likely here" below the relevance floor the handout uses), why it fits here; `touches` counts
    the places touched (the share of the area shows for more than one)."""
    facts = [words.kind(candidate), words.phrase(f"evidence.{candidate.evidence}")]
    if not likely:
        facts.insert(0, text.less_likely)
    if touches > 1:
        facts.append(text.explains.format(round(candidate.explains * 100)))
    why = CARD_REFERENCE.sub("", words.marked(candidate.why[0])).strip() if candidate.why else ""
    return words.shown_title(candidate), " · ".join(facts), why


def reach_line(words: InLanguage, link: EffectLink, text: CardWords) -> str:
    """One place of the reverse view, by its strongest route; a route by way of other parts names
    them, and the weaker routes to the same place follow (flat feet → low back directly, and also
    by way of the knee and hip)."""

    def by_way(path: tuple[str, ...]) -> str:
        return " → ".join(words.title(step) for step in path[1:-1]).lower()

    others = [by_way(path) for path in link.routes if len(path) > 2]
    route = text.by_way.format(by_way(link.path)) if len(link.path) > 2 else ""
    also = text.also_by_way.format("; ".join(others)) if others else ""
    facts = f"{words.mechanism(link.mechanism)}, {words.phrase(f'evidence.{link.evidence}')}"
    return f"{words.title(link.target)}{route} — {facts}{also}"


def reach_html(shown: Effects, words: InLanguage, text: CardWords) -> str:
    """The reverse view of one source: the places it can send pain or strain to, strongest first
    (as the body is shaded), the parts it goes through, and each place's route."""
    tiers = reach_tiers(shown)
    every = (*shown.territories, *(f"region_{r}" for r in shown.regions))
    groups = [(text.reach_groups[tier], [p for p in tiers if tiers[p] == tier]) for tier in (3, 2, 1)]
    groups.append((text.reach_groups[0], [p for p in every if p not in tiers]))
    places = "".join(
        f"<li><b>{heading}</b> {html.escape(', '.join(sorted({words.title(p) for p in group})))}</li>"
        for heading, group in groups
        if group
    )
    parts = sorted({words.title(s) for s in shown.structures})
    links = "".join(f"<li>{html.escape(reach_line(words, link, text))}</li>" for link in shown.links)
    return (
        f"<h2>{html.escape(words.title(shown.source))}</h2>"
        + text.can_send
        + f"<ul>{places or '<li>—</li>'}</ul>"
        + text.through.format(", ".join(parts) or "—")
        + f"<ul>{links}</ul>"
    )


# The kiosk's plain cards: (the content sections each shows, in this order); their headings come translated.
PLAIN_CARDS: tuple[tuple[str, ...], ...] = (
    ("What it is", "Why they look alike", "Get care now", "Why it matters"),
    ("What helps", "The check that tells them apart", "What to do"),
    ("Get care now if", "When to see a clinician"),
)
_HEADING = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)


def card_sections(card: Card) -> dict[str, str]:
    """A card's Markdown body by its `## ` section headings, named in English whatever the card's language."""
    english = {name: heading for heading, name in TRANSLATED_SECTIONS.get(card.language, {}).items()}
    parts = _HEADING.split(card.body)
    return {english.get(parts[i].strip(), parts[i].strip()): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def plain_cards_html(
    card: Card, headings: tuple[str, ...], hidden: Iterable[str] = (), title: str | None = None, box: str = "#ffffff"
) -> str:
    """The card as a few boxed plain cards (on `box`), one per `PLAIN_CARDS` entry under the
    matching of `headings`; sections named in `hidden` never show."""
    sections = card_sections(card)
    hidden = set(hidden)
    boxes = []
    for heading, wanted in zip(headings, PLAIN_CARDS, strict=True):
        text = "\n\n".join(sections[name] for name in wanted if name in sections and name not in hidden)
        if text:
            boxes.append(
                f"<table width='100%' cellpadding='14' style='margin-bottom:14px; background:{box};'>"
                f"<tr><td><h3>{heading}</h3>{render_markdown(text)}</td></tr></table>"
            )
    return f"<h2>{html.escape(title or card.title)}</h2>{''.join(boxes)}"


URGENT_SECTION = "Get care now"  # a red-flag card's section (app/content/schema.py SECTIONS)


def urgent_cards_html(words: InLanguage) -> str:
    """The signs under what to do for each (emergency apart from a doctor today), then every
    red-flag card's "Get care now", once each, most urgent first, straight from the content."""
    signs = "".join(
        f"<p><b>{html.escape(says)}</b></p><ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in group) + "</ul>"
        for says, group in care_now(words)
    )
    parts = [signs]
    for _level, card_ids in cards_by_level(words.knowledge):
        for card in filter(None, map(words.card, card_ids)):
            now = card_sections(card).get(URGENT_SECTION, card.summary)
            parts.append(f"<h2>{html.escape(card.title)}</h2>{render_markdown(now)}")
    return "".join(parts)
