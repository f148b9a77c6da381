"""Card Markdown → safe HTML: raw HTML is not parsed, the output is sanitised, links go to cards only."""

from __future__ import annotations

from typing import NamedTuple

import nh3
from markdown_it import MarkdownIt

from app.domain.knowledge import Card

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
_SCANNER = MarkdownIt("commonmark", {"html": True}).enable("table")  # for the checks only, never rendered
ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "a", "br", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "code", "blockquote",
}  # fmt: skip


class MarkdownScan(NamedTuple):
    """What the content checks need from a card's Markdown; line numbers from 1."""

    links: list[tuple[int, str]]  # (line, target) of every link
    raw_html_lines: list[int]  # lines holding raw HTML


def scan_markdown(markdown: str) -> MarkdownScan:
    """Links and raw-HTML lines from one parse, as a Markdown parser that allowed HTML would see them.

    A link written inside raw HTML is not seen; such a card is rejected for its HTML anyway."""
    links: list[tuple[int, str]] = []
    html: set[int] = set()
    for token in _SCANNER.parse(markdown):
        start = (token.map or (0, 0))[0] + 1
        if token.type == "html_block":
            html.add(start)
        for child in token.children or ():
            if child.type == "html_inline":
                html.add(start)
            elif child.type == "link_open":
                links.append((start, str(child.attrs.get("href", ""))))
    return MarkdownScan(links, sorted(html))


def render_markdown(markdown: str) -> str:
    return nh3.clean(
        _MARKDOWN.render(markdown),
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"card"},
        link_rel=None,
    )


def render_card(card: Card) -> str:
    """The card's Markdown as safe HTML: raw HTML dropped, only `card:` links kept."""
    return render_markdown(card.body)


def sections_first(markdown: str, heading: str) -> str:
    """The Markdown with the `## heading` section moved to the top (unchanged when it has none).

    Sections are level-2 headings; text before the first one stays before them all."""
    lines = markdown.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("## ")]
    title = f"## {heading}"
    for n, start in enumerate(starts):
        if lines[start].rstrip() == title:
            end = starts[n + 1] if n + 1 < len(starts) else len(lines)
            section = "".join(lines[start:end]).rstrip("\n") + "\n\n"
            head = "".join(lines[: starts[0]])
            rest = "".join(lines[starts[0] : start] + lines[end:])
            return head + section + rest
    return markdown


def render_study_card(card: Card, first_section: str | None, citations: dict[str, str]) -> str:
    """A card as safe HTML for study: `first_section` first, then the rest, then its references
    (`citations`: reference id -> citation; unknown ids are listed as they are)."""
    body = sections_first(card.body, first_section) if first_section else card.body
    items = "".join(f"<li>{nh3.clean(citations.get(ref, ref), tags=set())}</li>" for ref in card.references)
    references = f"<h2>References</h2><ol>{items}</ol>" if items else ""
    return render_markdown(body) + references
