"""check-content holds urgency wording to the urgency model (issue 18, defects 4-7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.content.urgency_words import sentence_problem, wording_problems
from app.domain.knowledge import Knowledge

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_no_card_or_note_understates_a_signs_level(knowledge: Knowledge) -> None:
    assert [str(p) for p in wording_problems(knowledge, CONTENT)] == []


@pytest.mark.parametrize(("text", "language"), [
    ("Get care soon if you have [back pain with a fever](card:red_flag_infection).", "en"),  # facet_arthritis.md before
    # spondylolisthesis.md before, then questions.yaml
    ("Get care soon if the pain started after [a fall or other injury](card:red_flag_fracture).", "en"),
    ("Nerve pain in both legs can mean the bundle of nerve roots is squeezed; get checked today.", "en"),
    ("Get care the same day if the thigh [gets weak fast](card:red_flag_progressive_weakness).", "en"),
    ("Busque atención pronto si tiene [dolor de espalda con fiebre](card:red_flag_infection).", "es"),
    ("Un dolor de nervio en las dos piernas puede indicar que el haz está apretado; hágase revisar hoy.", "es"),
])  # fmt: skip
def test_wording_that_understates_is_reported(knowledge: Knowledge, text: str, language: str) -> None:
    assert sentence_problem(text, language, set(), knowledge) is not None


@pytest.mark.parametrize(("text", "language"), [
    ("See a doctor today if you have a fever, or go to an emergency department if you feel very unwell.", "en"),
    ("Go to an emergency department now if you have numbness in the saddle area.", "en"),
    ("A slipped disc between L5 and S1 most often presses on the S1 root.", "en"),  # no sign, no time
    # "de pronto" is "suddenly"
    ("La articulación de pronto está caliente e hinchada. Esto necesita atención el mismo día.", "es"),
    ("Vaya ahora a urgencias si tiene fiebre.", "es"),  # more urgent than the level is allowed
])  # fmt: skip
def test_wording_at_or_above_the_level_passes(knowledge: Knowledge, text: str, language: str) -> None:
    assert sentence_problem(text, language, set(), knowledge) is None


def test_a_list_item_takes_the_time_words_of_its_lead_in_line(knowledge: Knowledge, tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    card = "---\ntitle: X\n---\n\nGet care soon if:\n\n- You have a fever.\n"
    card += "- Your calf is swollen. This can be a blood clot.\n"
    (cards / "x.md").write_text(card, encoding="utf-8")
    problems = wording_problems(knowledge, tmp_path)
    assert [(p.line, "fever" in p.problem) for p in problems[:1]] == [(7, True)]
    assert any("blood clot" in p.problem and "ambulance" in p.problem for p in problems), "clot without chest pain line"


def test_the_spanish_says_new_or_worse_not_sudden_and_keeps_the_figures(knowledge: Knowledge) -> None:
    notes = knowledge.translated_notes["es"]
    assert "de repente" not in notes["link:cauda_equina:dermatome_S4_S5"]
    assert "nuevo o que empeora" in notes["link:cauda_equina:dermatome_S4_S5"]
    assert "de repente" not in notes["variant:lumbar_disc_herniation_central"]
    assert "casi nunca" not in notes["link:L5:dermatome_L5"] and "casi siempre" not in notes["link:vertebra_L4:L5"]
    cards = knowledge.translated_cards["es"]
    assert "al sentir en las relaciones" not in cards["red_flag_cauda_equina"].body
    assert "dedo pequeño" not in cards["hammertoes"].summary and "mazo" in cards["hammertoes"].body
    assert "salirse" not in cards["spinal_stenosis"].body and "salirse" not in cards["degenerative_disc_disease"].body
    assert "picar" not in cards["meralgia_paresthetica"].body
    assert "dudosas" not in cards["sacroiliac_joint_dysfunction"].body


def test_smaller_content_errors_are_gone(knowledge: Knowledge) -> None:
    shin = knowledge.link("flat_feet", "region_medial_leg")
    assert shin is not None and "neal_2019" not in shin.references and "reinking_2017" in shin.references
    assert knowledge.link("bunions", "region_dorsum_of_foot") is None, "a bunion is not a cause of outer-foot pain"
    for card in (knowledge.cards["plantar_fasciitis"], knowledge.translated_cards["es"]["plantar_fasciitis"]):
        fall = next(line for line in card.body.splitlines() if "fall" in line or "caída" in line)
        assert "stress fracture" not in fall and "sobrecarga" not in fall
