"""One urgency model (DESIGN.md §8, issue 18): levels as data, the saddle area asks first, and
everything that shows urgency reads the same level."""

from __future__ import annotations

from datetime import date

from app.content.handout import build_handout, handout_html
from app.domain.explorer import Explorer, Touch
from app.domain.knowledge import Knowledge
from app.domain.query import Query, Spot
from app.domain.ranking import candidates
from app.domain.urgency import LEVELS, ask_first

# the skin at 0,0.08,0.81 (query --point): perineum, S3 first (issue 18, defect 1)
SADDLE = Spot(dermatomes=("S3", "S2"), cutaneous_nerves=("posterior_femoral_cutaneous", "ilioinguinal"),
              region="perineum", side="midline")  # fmt: skip
SITTING_BONE = Spot(
    dermatomes=("S3",), cutaneous_nerves=("posterior_femoral_cutaneous",), region="buttock", side="left"
)
FOOT_TOP = Spot(dermatomes=("L5",), cutaneous_nerves=("superficial_fibular",), region="dorsum_of_foot", side="left")
CAUDA_EQUINA_SIGNS = ("saddle_numbness", "bladder_bowel")


def test_every_condition_variant_red_flag_and_answer_has_a_level(knowledge: Knowledge) -> None:
    levels = [v.urgency for c in knowledge.conditions.values() for v in c.variants]
    levels += [c.urgency for c in knowledge.conditions.values()]
    levels += [f.urgency for f in knowledge.red_flags.values()]
    levels += [
        a.urgency for table in (knowledge.features, knowledge.triggers, knowledge.checks) for a in table.values()
    ]
    assert set(levels) <= set(LEVELS)
    assert knowledge.variants()["lumbar_disc_herniation_central"].urgency == "emergency"


def test_a_saddle_touch_asks_about_the_cauda_equina_signs_before_any_source(knowledge: Knowledge) -> None:
    for spot in (SADDLE, SITTING_BONE):
        query = Query(spots=(spot,))
        assert ask_first(knowledge, query) == CAUDA_EQUINA_SIGNS
        ranked = candidates(knowledge, query)
        first = ranked[0]
        assert first.asks == CAUDA_EQUINA_SIGNS and first.card == "red_flag_cauda_equina", [c.id for c in ranked[:3]]
        assert (
            first.mechanism == "urgent" and first.urgency == "emergency" and first.who_can_help == ("emergency_care",)
        )
        assert first.title.startswith("Check first.")
        assert all(not c.asks for c in ranked[1:])


def test_numbness_in_the_saddle_area_is_the_emergency_itself(knowledge: Knowledge) -> None:
    for answers in ({"features": frozenset({"numbness"})}, {"red_flags": frozenset({"bladder_bowel"})}):
        ranked = candidates(knowledge, Query(spots=(SADDLE,), **answers))  # type: ignore[arg-type]
        assert ranked[0].id == "red_flag_cauda_equina" and ranked[0].mechanism == "urgent", [c.id for c in ranked[:3]]
        assert ranked[0].urgency == "emergency" and not ranked[0].asks
        assert sum(c.card == "red_flag_cauda_equina" and c.mechanism == "urgent" for c in ranked) == 1
    # numbness elsewhere is not saddle numbness
    assert candidates(knowledge, Query(spots=(FOOT_TOP,), features=frozenset({"numbness"})))[0].mechanism != "urgent"


def test_elsewhere_nothing_is_asked_first(knowledge: Knowledge) -> None:
    query = Query(spots=(FOOT_TOP,))
    assert ask_first(knowledge, query) == ()
    assert not any(c.asks for c in candidates(knowledge, query))


def test_an_emergency_candidate_lists_emergency_care_first(knowledge: Knowledge) -> None:
    ranked = candidates(knowledge, Query(spots=(SADDLE,)))
    cauda = next(c for c in ranked if c.id == "lumbar_disc_herniation_central")
    assert cauda.urgency == "emergency" and cauda.who_can_help == ("emergency_care",)  # defect 3
    assert all(c.who_can_help[0] == "emergency_care" for c in ranked if c.urgency == "emergency")
    disc = next(c for c in ranked if c.id == "lumbar_disc_herniation_L5_S1")
    assert disc.urgency == "routine" and "emergency_care" not in disc.who_can_help


def test_the_saddle_handout_leads_with_the_check_and_splits_emergency_from_today(knowledge: Knowledge) -> None:
    explorer = Explorer(knowledge)
    explorer.touch(Touch((0.0, 0.083, 0.775), SADDLE))
    handout = build_handout(explorer, today=date(2026, 12, 7))
    assert handout.sources[0].title.startswith("Check first.")
    assert "emergency department" in handout.sources[0].helps_html
    (emergency, signs), *rest = handout.care_now
    assert emergency.startswith("Go to an emergency department now, or call an ambulance")
    assert "call your doctor" not in emergency
    assert any("between the legs" in s for s in signs) and any("bladder" in s for s in signs)
    later = [s for _says, group in rest for s in group]
    assert not any("between the legs" in s or "bladder" in s for s in later)
    assert rest[0][0].startswith("See a doctor today") and any("Fever" in s for s in rest[0][1])
    page = handout_html(handout)
    assert page.index("emergency department now") < page.index("See a doctor today") < page.index("Possible sources")


def test_the_spanish_handout_keeps_the_levels_apart(knowledge: Knowledge) -> None:
    explorer = Explorer(knowledge)
    explorer.touch(Touch((0.0, 0.083, 0.775), SADDLE))
    handout = build_handout(explorer, language="es")
    (emergency, _signs), (today, _later), *_ = handout.care_now
    assert "urgencias" in emergency and "hoy" not in emergency
    assert today.startswith("Vea a un médico hoy")
    assert handout.sources[0].title.startswith("Compruebe primero.")


def _sources(knowledge: Knowledge, spot: Spot, **answers: frozenset[str]) -> list[str]:
    return [c.id for c in candidates(knowledge, Query(spots=(spot,), **answers)) if c.mechanism != "urgent"]  # type: ignore[arg-type]


def test_ranking_follows_the_clinical_clues(knowledge: Knowledge) -> None:
    """Issue 18, build item 4: the clues a clinician would weigh."""
    buttock = Spot(dermatomes=("S2", "S1"), cutaneous_nerves=("inferior_cluneal",), region="buttock", side="right")
    ranked = _sources(knowledge, buttock, triggers=frozenset({"sitting"}))
    assert ranked.index("piriformis_syndrome") < ranked.index("hip_osteoarthritis"), ranked[:5]
    sole = Spot(dermatomes=("S1", "L5"), cutaneous_nerves=("medial_plantar",), region="sole", side="right")
    burning = frozenset({"burning", "tingling"})
    before, after = _sources(knowledge, sole), _sources(knowledge, sole, features=burning)
    assert (
        after.index("tarsal_tunnel_syndrome") < before.index("tarsal_tunnel_syndrome")
        and after.index("tarsal_tunnel_syndrome") < 3
    )
    inner_ankle = Spot(dermatomes=("L4",), cutaneous_nerves=("saphenous",), region="medial_ankle", side="right")
    assert "tarsal_tunnel_syndrome" in _sources(knowledge, inner_ankle, features=burning)[:3]
    outer_thigh = Spot(
        dermatomes=("L2", "L3"), cutaneous_nerves=("lateral_femoral_cutaneous",), region="lateral_thigh", side="right"
    )
    numb = _sources(knowledge, outer_thigh, features=frozenset({"burning", "numbness"}))
    assert numb[0] == "meralgia_paresthetica" and "trochanteric_bursitis" not in numb[:5]
    weak = _sources(knowledge, outer_thigh, features=frozenset({"weakness"}))
    assert weak.index("lumbar_disc_herniation_L4_L5") < weak.index("meralgia_paresthetica"), weak[:4]


def test_vascular_claudication_and_the_sitting_bone_are_candidates_with_the_questions_that_split_them(
    knowledge: Knowledge,
) -> None:
    """Issue 18, build item 3."""
    calf = Spot(dermatomes=("S1",), cutaneous_nerves=("sural",), region="calf", side="right")
    walking = frozenset({"walking"})
    still = _sources(knowledge, calf, triggers=walking, checks=frozenset({"eases_standing_still"}))
    assert still.index("vascular_claudication") < still.index("spinal_stenosis_central_L4_L5")
    for answers in ({"checks": frozenset({"shopping_cart"})}, {"triggers": walking | {"eases_sitting_lying"}}):
        ranked = _sources(knowledge, calf, **{"triggers": walking, **answers})
        assert ranked.index("spinal_stenosis_central_L4_L5") < ranked.index("vascular_claudication"), answers
    sitting_bone = Spot(dermatomes=("S3", "S2"), cutaneous_nerves=("posterior_femoral_cutaneous", "inferior_cluneal"),
                        region="perineum", side="right")  # fmt: skip
    ranked = _sources(knowledge, sitting_bone, triggers=frozenset({"sitting"}))
    assert {"proximal_hamstring_tendinopathy", "ischial_bursitis"} <= set(ranked[:3]), ranked[:4]
    assert (
        ranked.index("proximal_hamstring_tendinopathy") < ranked.index("hip_osteoarthritis")
        if "hip_osteoarthritis" in ranked
        else True
    )
    flags = knowledge.red_flags
    assert flags["spreading_numbness"].urgency == "emergency" and "fall" in flags["cannot_bear_weight"].label
    assert (
        flags["rest_pain"].urgency == "soon"
        and knowledge.triggers["eases_sitting_lying"].label == "Eases when I sit or lie down"
    )


def test_the_seed_articles_claims_without_evidence_are_said_so(knowledge: Knowledge) -> None:
    """Issue 18 item 3: foot instability and tight hip/back muscles, hip arthritis and ankle instability,
    ill-fitting shoes and hip pain, the firm-insole test: each named with its article and 'not shown'."""
    for card in (knowledge.cards["flat_feet"], knowledge.translated_cards["es"]["flat_feet"]):
        claims = next(line for line in card.body.splitlines() if "article_003]; " in line and "article_001]" in line)
        assert claims.count("[article_003]") == 3 and "[alsaafin_2023]" in claims


def test_the_achilles_is_not_a_candidate_for_pain_under_the_heel(knowledge: Knowledge) -> None:
    under = Spot(
        dermatomes=("S1",), cutaneous_nerves=("medial_calcaneal", "medial_plantar"), region="heel", side="right"
    )
    behind = Spot(dermatomes=("S1",), cutaneous_nerves=("sural",), region="heel", side="right")
    assert "achilles_tendinopathy" not in _sources(knowledge, under)
    assert "achilles_tendinopathy" in _sources(knowledge, behind)[:3]


def test_who_can_help_follows_the_level(knowledge: Knowledge) -> None:
    by_flag = {flag: candidates(knowledge, Query(red_flags=frozenset({flag})))[0] for flag in knowledge.red_flags}
    assert by_flag["saddle_numbness"].who_can_help == ("emergency_care",)
    assert by_flag["fever_hot_joint"].who_can_help == ("family_doctor", "emergency_care")
    assert by_flag["rest_pain"].who_can_help == ("family_doctor",) and by_flag["rest_pain"].urgency == "soon"
    assert (
        by_flag["cancer_history"].urgency == "today" and by_flag["cancer_history"].who_can_help[-1] == "emergency_care"
    )
