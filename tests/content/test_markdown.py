"""Card Markdown to safe HTML: raw HTML and scripts dropped, links only to other cards."""

from __future__ import annotations

from dataclasses import replace

from app.content.markdown import render_card, render_markdown, scan_markdown
from app.content.readability import grade, patient_text
from app.domain.knowledge import Knowledge


def test_raw_html_and_scripts_are_dropped() -> None:
    html = render_markdown("Hello <b>bold</b>\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n")
    # never live HTML: at most harmless escaped text (and the loader rejects such cards anyway)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html


def test_links_only_to_cards() -> None:
    html = render_markdown("[a](card:hip_joint) [b](https://example.org) [c](javascript:alert(1))")
    assert '<a href="card:hip_joint">a</a>' in html
    assert 'href="https' not in html and 'href="javascript' not in html


def test_link_and_html_finders_give_lines() -> None:
    text = "intro\n\nSee [hip](card:hip_joint).\n\n<div>x</div>\n\nand <span>inline</span>\n"
    assert scan_markdown(text).links == [(3, "card:hip_joint")]
    assert scan_markdown(text).raw_html_lines == [5, 7]
    assert scan_markdown("Use `<script>` in code only.\n").raw_html_lines == []


def test_render_card_and_patient_text(knowledge: Knowledge) -> None:
    card = knowledge.cards["flat_feet"]
    html = render_card(card, knowledge.references)
    assert html.startswith("<h2>") and "For clinicians and students" in html
    text = patient_text(card)
    assert "For clinicians" not in text and "##" not in text and "](" not in text
    hard = replace(
        card,
        body="## What it is\nNotwithstanding considerable interindividual anatomical variability, "
        "electrophysiological characterisation demonstrates multisegmental innervation.\n",
    )
    assert grade(patient_text(hard)) > 8


def test_study_cards_put_the_clinicians_section_first_with_the_references(knowledge: Knowledge) -> None:
    from app.content.markdown import render_study_card, sections_first

    text = "Intro\n\n## What it is\n\nA.\n\n## For clinicians and students\n\nB.\n\n## What helps\n\nC.\n"
    moved = sections_first(text, "For clinicians and students")
    assert moved.index("## For clinicians") < moved.index("## What it is") < moved.index("## What helps")
    assert moved.startswith("Intro") and sorted(moved.split()) == sorted(text.split())
    assert sections_first(text, "Not there") == text
    card = knowledge.cards["common_fibular"]
    html = render_study_card(card, knowledge.references, "For clinicians and students")
    assert html.startswith("<h2>For clinicians and students</h2>")
    assert html.index("What it is") < html.rindex("References")
    assert "<sup>[1" in html[: html.index("What it is")], "citations numbered in the order they now appear"
