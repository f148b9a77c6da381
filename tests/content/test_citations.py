"""Cards cite by key in their Markdown; readers see numbers and a formatted reference list, never keys."""

from __future__ import annotations

import re

import pytest

from app.content.citations import cited_keys, format_reference, numbering, replace_citations
from app.content.markdown import REFERENCES_HEADING, render_card
from app.domain.knowledge import Knowledge
from app.domain.records import Reference

KEY = re.compile(r"\[[a-z][a-z0-9_]*(?:, ?[a-z][a-z0-9_]*)*\]")


def test_keys_become_numbers_in_order_of_first_citation() -> None:
    refs = {k: Reference(k, f"{k} citation.") for k in ("a_1", "b_2", "c_3")}
    text = "One [b_2]. Two [a_1, b_2]. Link [x](card:y) and [not_a_ref] stay."
    numbers = numbering(text, ("c_3",), refs)
    assert numbers == {"b_2": 1, "a_1": 2, "c_3": 3}
    assert replace_citations(text, numbers) == "One [1]. Two [1, 2]. Link [x](card:y) and [not_a_ref] stay."
    assert cited_keys(text) == ["b_2", "a_1", "not_a_ref"]


@pytest.mark.parametrize(
    ("citation", "text"),
    [
        (
            "Gross KD, Felson DT, Niu J, et al. Association of flat feet with knee pain. "
            "Arthritis Care Res 2011;63:937-944.",
            "Gross KD, et al. (2011). Association of flat feet with knee pain. Arthritis Care Res 2011;63:937-944.",
        ),
        (
            "Rupp R, et al. Standards: Revised 2019. Top Spinal Cord Inj Rehabil 2021;27(2):1-22.",
            "Rupp R, et al. (2021). Standards: Revised 2019. Top Spinal Cord Inj Rehabil 2021;27(2):1-22.",
        ),
        (
            "National Institute for Health and Care Excellence. Osteoarthritis in over 16s. "
            "NICE guideline NG226, 2022.",
            "National Institute for Health and Care Excellence (2022). Osteoarthritis in over 16s. "
            "NICE guideline NG226, 2022.",
        ),
        ("Can Hip Pain Cause Foot Pain? Patient article.", "Can Hip Pain Cause Foot Pain? Patient article."),
    ],
)
def test_a_citation_is_formatted_as_author_year_title_source(citation: str, text: str) -> None:
    assert format_reference(1, Reference("r", citation)).text() == text


def test_nerve_roots_card_shows_numbers_and_a_reference_list(knowledge: Knowledge) -> None:
    card = knowledge.cards["nerve_roots"]
    assert "[nice_ng59]" in card.body and "[article_002]" in card.body  # the defect's own example
    html = render_card(card, knowledge.references)
    assert "nice_ng59" not in html and "article_002" not in html
    assert re.search(r"<sup>\[\d+(, \d+)*\]</sup>", html)
    listed = html.split(f"<h2>{REFERENCES_HEADING}</h2>", 1)[1]
    assert listed.count("<li>") == len(numbering(card.body, card.references, knowledge.references))
    assert "National Institute for Health and Care Excellence (2016). Low back pain and sciatica" in listed


def test_no_card_shows_a_citation_key(knowledge: Knowledge) -> None:
    for card in knowledge.cards.values():
        html = render_card(card, knowledge.references)
        assert not KEY.search(html), (card.id, KEY.search(html))
        assert f"<h2>{REFERENCES_HEADING}</h2><ol><li>" in html, card.id
