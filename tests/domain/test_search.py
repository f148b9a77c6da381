"""Search forgives lay words and typos, and every hit says what choosing it shows."""

from __future__ import annotations

import pytest

from app.domain.knowledge import Knowledge
from app.domain.search import SearchIndex


@pytest.fixture(scope="module")
def index(knowledge: Knowledge) -> SearchIndex:
    return SearchIndex(knowledge)


def ids(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [hit.id for hit in index.search(query, limit)]


def test_sciatica_finds_the_disc_and_the_sciatic_nerve(index: SearchIndex) -> None:
    found = ids(index, "sciatica")
    assert found[0] == "lumbar_disc_herniation" and "sciatic" in found[:3]
    assert "piriformis_syndrome" in found


def test_slipped_disc_finds_the_disc_herniation(index: SearchIndex) -> None:
    for query in ("slipped disc", "Slipped disk", "herniated disc", "slipt disc"):
        assert ids(index, query)[0] == "lumbar_disc_herniation", query


def test_pins_and_needles_finds_nerve_causes(index: SearchIndex) -> None:
    found = ids(index, "pins and needles")
    assert {"nerve_roots", "lumbar_disc_herniation", "meralgia_paresthetica"} <= set(found)


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("sciatca", "sciatic"),
        ("piriformos", "piriformis_syndrome"),
        ("pirif", "piriformis_syndrome"),
        ("plantar fasciitis", "plantar_fasciitis"),
        ("plantar fascitis", "plantar_fasciitis"),
        ("femoral nerve", "femoral"),
    ],
)
def test_typos_and_half_typed_words_still_find(index: SearchIndex, typed: str, wanted: str) -> None:
    assert wanted in ids(index, typed, 3), (typed, ids(index, typed, 3))


def test_each_kind_says_what_choosing_it_shows(index: SearchIndex) -> None:
    heel = index.search("heel")[0]
    assert (heel.kind, heel.id, heel.action) == ("region", "region_heel", "region")
    drop = index.search("foot drop")[0]
    assert (drop.kind, drop.action) == ("card", "card") and drop.id == "diff_l5_root_vs_fibular_nerve"
    sciatic = next(h for h in index.search("sciatic nerve") if h.id == "sciatic")
    assert (sciatic.kind, sciatic.action) == ("nerve", "source")
    assert index.search("saddle numbness")[0].id == "red_flag_cauda_equina"


def test_nonsense_and_empty_find_nothing(index: SearchIndex) -> None:
    assert index.search("xyzzy") == [] and index.search("  ") == [] and index.search("the of and") == []


def test_every_lay_word_with_a_clinical_claim_cites_its_sources(knowledge: Knowledge) -> None:
    conditions = set(knowledge.conditions) | {c for c in knowledge.cards if c.startswith(("red_flag", "diff_"))}
    for synonym in knowledge.synonyms:
        if len(set(synonym.means) & conditions) > 1:  # a symptom word pointing to several causes is a claim
            assert synonym.references and synonym.note, synonym.words
