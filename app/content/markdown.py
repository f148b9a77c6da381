"""Card Markdown → safe HTML: raw HTML is not parsed, the output is sanitised, links go to cards only."""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Mapping
from typing import NamedTuple

import nh3
from markdown_it import MarkdownIt

from app.content.citations import numbering, reference_list, replace_citations
from app.content.sections import TRANSLATED_SECTIONS
from app.domain.records import Card, Reference

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
_SCANNER = MarkdownIt("commonmark", {"html": True}).enable("table")  # for the checks only, never rendered
ALLOWED_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "br",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "blockquote",
    "sup",
}


HTML_TAG = re.compile(r"<[A-Za-z/!?]")  # what a browser would read as markup in a plain line


def title_problem(title: str) -> str | None:
    """Why a card's title cannot be shown as written (it is shown as text, escaped, anyway)."""
    return "raw HTML is not allowed in a card's title (write plain words)" if HTML_TAG.search(title) else None


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


def drop_links(markdown: str, targets: set[str]) -> str:
    """The Markdown with every inline link to one of `targets` turned into its plain text
    (`[words](card:typo)` → `words`): a bad link costs the link, not the card."""
    if not targets:
        return markdown
    pattern = re.compile(
        r"\[((?:[^\[\]\\]|\\.|\[[^\]]*\])*)\]\(\s*<?("
        + "|".join(re.escape(t) for t in sorted(targets))
        + r""")>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)"""
    )
    return pattern.sub(r"\1", markdown)


def render_markdown(markdown: str) -> str:
    return nh3.clean(
        _MARKDOWN.render(markdown),
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"card"},
        link_rel=None,
    )


# Citation numbers travel through Markdown and the sanitiser as text in brackets no card uses,
# then become superscripts; only digits, commas and spaces are ever inside them.
_MARKER = "\u27e6{}\u27e7"
_MARKED = re.compile("\u27e6([0-9, ]+)\u27e7")
REFERENCES_HEADING = "References"


def render_card(card: Card, references: Mapping[str, Reference]) -> str:
    """The card's Markdown as safe HTML: raw HTML dropped, only `card:` links kept, citation keys
    shown as numbers ('[1, 3]') and the references listed at the end (author, year, title, source)."""
    numbers = numbering(card.body, card.references, references)
    body = render_markdown(replace_citations(card.body, numbers, _MARKER))
    body = _MARKED.sub(r"<sup>[\1]</sup>", body)
    entries = "".join(
        f"<li>{html.escape(entry.text(), quote=False)}</li>" for entry in reference_list(numbers, references)
    )
    return f"{body}<h2>{REFERENCES_HEADING}</h2><ol>{entries}</ol>" if entries else body


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


def render_study_card(card: Card, references: Mapping[str, Reference], first_section: str | None) -> str:
    """`render_card`, with the `first_section` heading (a mode's, e.g. "For clinicians and
    students", in the card's own language) moved to the top; the citations are numbered in the order
    they then appear."""
    if first_section:
        heading = TRANSLATED_SECTIONS.get(card.language, {}).get(first_section, first_section)
        card = dataclasses.replace(card, body=sections_first(card.body, heading))
    return render_card(card, references)
