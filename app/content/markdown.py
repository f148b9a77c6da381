"""Card Markdown → safe HTML: raw HTML is not parsed, the output is sanitised, links go to cards only."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt

from app.domain.knowledge import Card

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
_HTML_FINDER = MarkdownIt("commonmark", {"html": True}).enable("table")  # only to find raw HTML and report it
ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "a", "br", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "code", "blockquote",
}  # fmt: skip


def card_links(markdown: str) -> list[tuple[int, str]]:
    """(line, target) of every link in the Markdown, line numbers from 1."""
    links: list[tuple[int, str]] = []
    for token in _MARKDOWN.parse(markdown):
        for child in token.children or ():
            if child.type == "link_open":
                links.append(((token.map or (0, 0))[0] + 1, str(child.attrs.get("href", ""))))
    return links


def raw_html_lines(markdown: str) -> list[int]:
    """Lines (from 1) holding raw HTML, as a Markdown parser that allowed it would see it."""
    lines: list[int] = []
    for token in _HTML_FINDER.parse(markdown):
        start = (token.map or (0, 0))[0] + 1
        if token.type == "html_block":
            lines.append(start)
        for child in token.children or ():
            if child.type == "html_inline":
                lines.append(start)
    return sorted(set(lines))


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
