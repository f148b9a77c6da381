"""Spanish cards and titles: validated like the English, current or listed, falling back to English marked.

Each breaking case works on a copy of content/ (REFERRAL_ATLAS_CONTENT_DIR points the app at it)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from statistics import median

import pytest

from app.cli import main
from app.content import load
from app.content.cache import CACHE_ENV
from app.content.plain import from_plain, to_plain
from app.content.readability import MIN_FERNANDEZ_HUERTA, MIN_SZIGRISZT_PAZOS, patient_text, spanish_scores
from app.content.translations import text_hash, text_sources, translation_notes
from app.domain.knowledge import Knowledge
from app.domain.query import Query, Spot
from app.domain.ranking import candidates
from app.resources import CONTENT_ENV

CONTENT = Path(__file__).resolve().parents[2] / "content"
CARD = "flat_feet"  # has a Spanish translation
OTHER = "plantar_fasciitis"  # so has this one


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    monkeypatch.setenv(CONTENT_ENV, str(root))
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _spanish(root: Path, card_id: str = CARD) -> Path:
    return root / "cards" / "es" / f"{card_id}.md"


def test_a_current_translation_is_given_and_marked_spanish(knowledge: Knowledge) -> None:
    spanish = knowledge.in_language("es")
    card = spanish.card(CARD)
    assert card is not None and card.language == "es" and card.title.startswith("Pie plano")
    assert "## Qué es" in card.body and card.content_version == knowledge.cards[CARD].content_version
    assert spanish.title("sciatic").startswith("Nervio ciático") and spanish.is_translated("sciatic")
    assert spanish.red_flag_title("both_legs").startswith("Emergencia:")
    assert knowledge.in_language("en").card(CARD) is knowledge.cards[CARD]


def test_a_left_out_clinician_section_shows_in_english_under_the_spanish_heading(copy: Path) -> None:
    spanish = _spanish(copy)
    spanish.write_text(spanish.read_text(encoding="utf-8").split("\n## Para profesionales", 1)[0], encoding="utf-8")
    knowledge, issues = load(copy, check_reading=False)
    card = knowledge.in_language("es").card(CARD)
    assert issues == [] and card is not None and card.language == "es"
    assert "## Para profesionales y estudiantes" in card.body and "en inglés" in card.body
    english_clinician = knowledge.cards[CARD].body.split("## For clinicians and students", 1)[1]
    assert card.body.endswith(english_clinician)


def test_a_missing_translation_falls_back_to_english_marked(copy: Path) -> None:
    _spanish(copy).unlink()
    knowledge, issues = load(copy, check_reading=False)
    assert issues == []
    card = knowledge.in_language("es").card(CARD)
    assert card is knowledge.cards[CARD] and card.language == "en"
    notes = [str(n) for n in translation_notes(knowledge, copy)]
    assert f"{copy / 'cards' / CARD}.md:1: no es translation" in "\n".join(notes)
    assert main(["check-content"]) == 0, "a missing translation is listed, not failed"


def test_an_outdated_card_translation_is_listed_and_english_shows(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(copy / "cards" / f"{CARD}.md", "content_version: 2", "content_version: 3")
    knowledge, issues = load(copy, check_reading=False)
    assert issues == []
    assert knowledge.in_language("es").card(CARD).language == "en"  # type: ignore[union-attr]
    line = next(
        i for i, text in enumerate(_spanish(copy).read_text().splitlines(), 1) if text.startswith("source_version")
    )
    assert main(["check-content"]) == 0
    out = capsys.readouterr().out
    assert f"{_spanish(copy)}:{line}: outdated: made from version 2" in out and "now at version 3" in out


def test_an_outdated_title_is_listed_with_the_new_source_and_english_shows(copy: Path) -> None:
    _edit(
        copy / "structures.yaml",
        'title: "Sciatic nerve (back of the thigh, most of the leg and foot)"',
        'title: "Sciatic nerve (the big nerve of the leg)"',
    )
    knowledge, issues = load(copy, check_reading=False)
    assert issues == []
    spanish = knowledge.in_language("es")
    assert spanish.title("sciatic") == "Sciatic nerve (the big nerve of the leg)" and not spanish.is_translated(
        "sciatic"
    )
    notes = [n for n in translation_notes(knowledge, copy) if "'sciatic'" in n.problem]
    assert len(notes) == 1 and notes[0].problem.startswith("outdated es title")
    assert text_hash("Sciatic nerve (the big nerve of the leg)") in notes[0].problem
    titles = copy / "es" / "titles.yaml"
    assert notes[0].file == str(titles) and "  sciatic:" in titles.read_text().splitlines()[notes[0].line - 1]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("source_version: 2", "source_version: one", "source_version"),
        ("translation_of: flat_feet", "translation_of: flat_feet\nlanguage: es", "unknown field 'language'"),
        ("## Qué ayuda", "## Lo que ayuda", "sections should be, in order"),
        ("(card:plantar_fasciitis)", "(card:psoas)", "link 'card:psoas' is not in the English card"),
    ],
    ids=["bad_field_value", "unknown_field", "heading", "link"],
)
def test_a_broken_translation_costs_only_itself(copy: Path, old: str, new: str, problem: str) -> None:
    _edit(_spanish(copy), old, new)
    knowledge, issues = load(copy, check_reading=False)
    assert issues and all(issue.file == str(_spanish(copy)) for issue in issues), [str(i) for i in issues]
    assert problem in issues[0].problem
    spanish = knowledge.in_language("es")
    assert spanish.card(CARD).language == "en", "the English shows instead"  # type: ignore[union-attr]
    assert spanish.card(OTHER).language == "es" and CARD in knowledge.cards  # type: ignore[union-attr]
    assert spanish.is_translated("sciatic")


def test_a_broken_titles_entry_costs_only_itself(copy: Path) -> None:
    titles = copy / "es" / "titles.yaml"
    _edit(titles, '  sciatic: {text: "', '  sciatic: {txt: "')
    _edit(titles, "  region_heel: {", "  region_heal: {")
    knowledge, issues = load(copy, check_reading=False)
    assert [i.problem.split(":")[0] for i in issues] == [
        "sciatic",
        "'region_heal' is not a title or label of the content",
    ]
    spanish = knowledge.in_language("es")
    assert not spanish.is_translated("sciatic") and spanish.is_translated("tibial")
    assert main(["check-content"]) == 1


def test_a_translation_of_a_broken_english_card_is_not_reported_again(copy: Path) -> None:
    _edit(copy / "cards" / f"{CARD}.md", "evidence:", "evidence: certain\nold_evidence:")
    knowledge, issues = load(copy, check_reading=False)
    assert CARD not in knowledge.cards and all(issue.file.endswith(f"cards/{CARD}.md") for issue in issues)


def test_the_kept_copy_holds_the_translations(knowledge: Knowledge) -> None:
    kept = from_plain(Knowledge, json.loads(json.dumps(to_plain(knowledge))))
    assert kept.in_language("es").card(CARD) == knowledge.in_language("es").card(CARD)
    assert kept.translated_titles == knowledge.translated_titles


def test_check_content_json_lists_the_translation_notes(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _spanish(copy).unlink()
    assert main(["check-content", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is True and any("no es translation" in n["problem"] for n in payload["translations"])


# -- the shipped Spanish ---------------------------------------------------------------------------
def test_every_shipped_card_and_title_has_a_current_spanish_translation(knowledge: Knowledge) -> None:
    notes = translation_notes(knowledge, CONTENT)
    missing = sorted(Path(n.file).stem for n in notes if "no es translation" in n.problem)
    assert not missing, f"{len(missing)} of {len(knowledge.cards)} cards have no Spanish yet: {', '.join(missing)}"
    assert not notes, "\n".join(map(str, notes))


def test_the_spanish_reads_as_plainly_as_the_english(knowledge: Knowledge) -> None:
    scores = {cid: spanish_scores(patient_text(card)) for cid, card in knowledge.translated_cards["es"].items()}
    assert scores
    hard = {cid: s for cid, s in scores.items() if s[0] < MIN_FERNANDEZ_HUERTA or s[1] < MIN_SZIGRISZT_PAZOS}
    assert not hard, hard
    assert median(s[0] for s in scores.values()) >= MIN_FERNANDEZ_HUERTA + 5, "most cards well inside the band"


def test_query_and_effects_give_titles_in_spanish_with_english_fallback_marked(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    titles = copy / "es" / "titles.yaml"
    titles.write_text(
        "".join(line for line in titles.read_text().splitlines(keepends=True) if not line.startswith("  sciatic:"))
    )
    assert main(["query", "--red-flags", "both_legs", "--lang", "es", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)["candidates"][0]
    assert first["title"].startswith("Emergencia:") and first["title_language"] == "es"
    assert first["reasons"][-1] == "Las señales urgentes van antes que cualquier otra causa posible."
    assert main(["effects", "--source", "piriformis_syndrome", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Síndrome del piriforme (nervio ciático apretado en la nalga)")
    assert "Sciatic nerve (back of the thigh, most of the leg and foot) [en]" in out


def test_each_plain_title_key_is_what_the_english_title_of_that_id_is(knowledge: Knowledge) -> None:
    texts = text_sources(knowledge)
    wrong = {key: text for key, text in texts.items() if "." not in key and knowledge.title(key) != text}
    assert not wrong, "a plain key must translate Knowledge.title(id); suffix the other text"


def test_a_variant_named_like_its_condition_keeps_its_own_title(knowledge: Knowledge) -> None:
    spanish = knowledge.in_language("es")
    variant = next(
        c for c in candidates(knowledge, Query(spots=(Spot(region="sole", side="right"),))) if c.id == "flat_feet"
    )
    assert knowledge.conditions["flat_feet"].title != variant.title
    assert spanish.title("flat_feet") == "Pie plano (hiperpronación)"
    assert spanish.candidate_title(variant) == ("Pie plano (el arco se hunde hacia dentro)", "es")


FOOT_TOP = Spot(dermatomes=("L5",), cutaneous_nerves=("superficial_fibular",), region="dorsum_of_foot", side="right")
DISC_NOTE = "link:L5:dermatome_L5"  # the first reason of the disc at the top of the foot
DISC_VARIANT = "variant:lumbar_disc_herniation_L4_L5"


def _disc_reasons(knowledge: Knowledge) -> list[tuple[str, str, bool]]:
    """(key, Spanish or marked English, translated?) of the top candidate's reasons at the top of the foot."""
    top = next(c for c in candidates(knowledge, Query(spots=(FOOT_TOP,))) if c.id == "lumbar_disc_herniation_L4_L5")
    spanish = knowledge.in_language("es")
    return [(r.key, spanish.marked(r), spanish.says(r)) for r in top.why]


def test_the_ranking_reasons_are_spanish_where_a_note_is_current(knowledge: Knowledge) -> None:
    reasons = _disc_reasons(knowledge)
    assert [key for key, _, _ in reasons][:2] == [DISC_NOTE, DISC_VARIANT]
    assert all(translated for _, _, translated in reasons), reasons
    assert reasons[0][1].startswith("La raíz L5 da sensibilidad a esta franja de piel")
    assert reasons[1][1].startswith("Un disco salido entre L4 y L5 es uno de los dos tipos más comunes")


def test_check_content_lists_a_missing_and_an_outdated_note_and_english_shows_marked(
    copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(
        copy / "links.yaml",
        "The L5 root supplies this skin strip (dermatome), but",
        "The L5 root supplies this skin strip, but",
    )
    notes = copy / "es" / "notes.yaml"
    notes.write_text(
        "".join(
            line
            for line in notes.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith(f'  "{DISC_VARIANT}"')
        ),
        encoding="utf-8",
    )
    assert main(["check-content"]) == 0, "a missing or outdated note is listed, not failed"
    out = capsys.readouterr().out
    assert f"outdated es note '{DISC_NOTE}': the English is now" in out
    assert f"no es note for '{DISC_VARIANT}'" in out
    knowledge, issues = load(copy, check_reading=False)
    assert not issues
    reasons = {key: (text, translated) for key, text, translated in _disc_reasons(knowledge)}
    text, translated = reasons[DISC_NOTE]
    assert (
        text.startswith("The L5 root supplies this skin strip, but")
        and text.endswith(" (en inglés)")
        and not translated
    )
    assert reasons[DISC_VARIANT][0].endswith("(en inglés)") and not reasons[DISC_VARIANT][1]


def test_a_phrase_that_loses_a_placeholder_costs_only_itself(copy: Path) -> None:
    phrases = copy / "es" / "phrases.yaml"
    _edit(phrases, "Explica {explained} de los {spots} lugares", "Explica {explained} de los {sitios} lugares")
    knowledge, issues = load(copy, check_reading=False)
    assert [i.problem for i in issues] == ["explains: the placeholders should be {explained}, {spots}"]
    spanish = knowledge.in_language("es")
    assert spanish.phrase("explains", explained=1, spots=2) == "Explains 1 of the 2 places you marked. (en inglés)"
    assert spanish.phrase("both_legs_central").startswith("El dolor en las dos piernas")


def test_the_new_spanish_notes_and_phrases_read_as_plainly_as_the_cards(knowledge: Knowledge) -> None:
    for texts in (knowledge.translated_notes["es"].values(), knowledge.translated_phrases["es"].values()):
        text = " ".join(t if t.endswith((".", ":")) else f"{t}." for t in dict.fromkeys(texts))
        huerta, pazos = spanish_scores(text.replace("{", "").replace("}", ""))
        assert huerta >= MIN_FERNANDEZ_HUERTA and pazos >= MIN_SZIGRISZT_PAZOS, (huerta, pazos)
