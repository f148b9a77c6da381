"""Location and feature cases from CLINICAL.md with the candidates a clinician would put on top.

`top` lists the acceptable first candidates (several when the evidence cannot split them);
`within` lists (ids, k): one of the ids must be in the first k (alternatives that must stay visible).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from app.domain.knowledge import Knowledge
from app.domain.query import Query, Spot
from app.domain.ranking import candidates

R, L, M = "right", "left", "midline"
L5_SOURCES = {
    "lumbar_disc_herniation_L4_L5",
    "lumbar_disc_herniation_L5_S1_foraminal",
    "spinal_stenosis_central_L4_L5",
    "spinal_stenosis_lateral_recess_L4_L5",
    "spinal_stenosis_foraminal_L5_S1",
    "spondylolisthesis_isthmic_L5_S1",
    "spondylolisthesis_degenerative_L4_L5",
}
HIP_JOINT = {"hip_osteoarthritis", "hip_labral_tear"}


def spot(region: str | None = None, derm: tuple[str, ...] = (), nerves: tuple[str, ...] = (), side: str = R) -> Spot:
    return Spot(dermatomes=derm, cutaneous_nerves=nerves, region=region, side=side)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Case:
    name: str
    spots: tuple[Spot, ...]
    top: frozenset[str]
    features: frozenset[str] = frozenset()
    triggers: frozenset[str] = frozenset()
    checks: frozenset[str] = frozenset()
    within: tuple[tuple[frozenset[str], int], ...] = field(default=())
    mechanism: str | None = None  # of the top candidate
    card: str | None = None  # of the top candidate

    def query(self) -> Query:
        return Query(spots=self.spots, features=self.features, triggers=self.triggers, checks=self.checks)


def case(
    name: str,
    spots: list[Spot],
    top: set[str] | str,
    f: str = "",
    t: str = "",
    c: str = "",
    within: list[tuple[set[str] | str, int]] | None = None,
    mechanism: str | None = None,
    card: str | None = None,
) -> Case:
    def ids(value: set[str] | str) -> frozenset[str]:
        return frozenset({value} if isinstance(value, str) else value)

    def words(text: str) -> frozenset[str]:
        return frozenset(w for w in text.split(",") if w)

    return Case(
        name,
        tuple(spots),
        ids(top),
        words(f),
        words(t),
        words(c),
        tuple((ids(i), k) for i, k in within or ()),
        mechanism,
        card,
    )


CASES = [
    # -- nerve roots (CLINICAL.md §1, §2, §5) ----------------------------------------------------
    case(
        "L5 dermatome, shooting and tingling, worse bending (the issue's example)",
        [spot(derm=("L5",))],
        "lumbar_disc_herniation_L4_L5",
        f="shooting,tingling",
        t="bending",
        mechanism="radicular",
    ),
    case(
        "top of the foot at the 3rd MTP (L5 key point), shooting",
        [spot("dorsum_of_foot", ("L5",), ("superficial_fibular",))],
        "lumbar_disc_herniation_L4_L5",
        f="shooting",
        within=[("fibular_neuropathy", 8)],
    ),
    case(
        "S1 dermatome, shooting, worse sitting",
        [spot(derm=("S1",))],
        "lumbar_disc_herniation_L5_S1",
        f="shooting",
        t="sitting",
    ),
    case(
        "S1 key point (lateral heel) with trouble on tiptoe",
        [spot("heel", ("S1",), ("sural",))],
        "lumbar_disc_herniation_L5_S1",
        c="cannot_tiptoe",
    ),
    case(
        "L4 dermatome on the inner leg, shooting",
        [spot("medial_leg", ("L4",))],
        {"lumbar_disc_herniation_L3_L4", "lumbar_disc_herniation_L4_L5_foraminal"},
        f="shooting",
        within=[("saphenous_neuropathy", 5)],
    ),
    case(
        "inner malleolus (L4 key point) and inner leg, weakness",
        [spot("medial_ankle", ("L4",), ("saphenous",)), spot("medial_leg", ("L4",), ("saphenous",))],
        {"lumbar_disc_herniation_L3_L4", "lumbar_disc_herniation_L4_L5_foraminal"},
        f="weakness",
    ),
    case(
        "L3 dermatome on the front of the thigh, shooting and weak",
        [spot("anterior_thigh", ("L3",), ("anterior_femoral_cutaneous",))],
        {"lumbar_disc_herniation_L3_L4", "lumbar_disc_herniation_L3_L4_foraminal", "lumbar_disc_herniation_L2_L3"},
        f="shooting,weakness",
        mechanism="radicular",
    ),
    case(
        "sciatica down the back of the leg: buttock, back of thigh, calf (S1)",
        [spot("buttock"), spot("posterior_thigh", ("S2", "S1")), spot("calf", ("S1",))],
        "lumbar_disc_herniation_L5_S1",
        f="shooting",
    ),
    case(
        "outer shin and top of the foot (L5), shooting: one source explains both",
        [spot("lateral_leg", ("L5",)), spot("dorsum_of_foot", ("L5",))],
        "lumbar_disc_herniation_L4_L5",
        f="shooting",
    ),
    case(
        "both legs heavy on walking (neurogenic claudication)",
        [spot("posterior_thigh", side=L), spot("posterior_thigh", side=R), spot("calf", side=L), spot("calf", side=R)],
        "spinal_stenosis_central_L4_L5",
        f="heaviness",
        t="walking",
    ),
    case(
        "L5 pain worse standing and walking, legs heavy",
        [spot("lateral_leg", ("L5",))],
        {"spinal_stenosis_central_L4_L5", "spinal_stenosis_lateral_recess_L4_L5"},
        f="heaviness",
        t="standing,walking",
        c="trouble_walking",
    ),
    # -- foot drop: L5 root vs fibular nerve (the differentiator) -----------------------------------
    case(
        "foot drop, turning in still strong, superficial fibular skin",
        [spot("dorsum_of_foot", ("L5", "L4"), ("superficial_fibular",))],
        "fibular_neuropathy",
        c="foot_drop,inversion_strong",
        within=[(L5_SOURCES, 3)],
        mechanism="entrapment",
    ),
    case(
        "foot drop with weak turning in (L5 root)",
        [spot("dorsum_of_foot", ("L5", "L4"), ("superficial_fibular",))],
        L5_SOURCES,
        c="foot_drop,inversion_weak",
        within=[("fibular_neuropathy", 8)],
        mechanism="radicular",
    ),
    case(
        "first web space numbness (deep fibular) with foot drop",
        [spot("dorsum_of_foot", ("L5",), ("deep_fibular",))],
        L5_SOURCES | {"fibular_neuropathy"},
        f="numbness",
        c="foot_drop",
        within=[("fibular_neuropathy", 3)],
    ),
    # -- spine vs hip (CLINICAL.md §4) ------------------------------------------------------------
    case(
        "groin, worse weight bearing and turning the hip, clicking",
        [spot("groin", ("L1",), ("genitofemoral",))],
        HIP_JOINT,
        t="weight_bearing,hip_rotation",
        f="clicking",
    ),
    case(
        "groin, region only, worse weight bearing and rotation, clicking: labral tear",
        [spot("groin")],
        "hip_labral_tear",
        t="weight_bearing,hip_rotation",
        f="clicking",
    ),
    case(
        "groin deep ache on walking, weight bearing and rotation: hip arthritis",
        [spot("groin")],
        "hip_osteoarthritis",
        f="deep_ache",
        t="walking,weight_bearing,hip_rotation",
    ),
    case(
        "groin, front of thigh and knee worse weight bearing: the hip explains all three",
        [spot("groin"), spot("anterior_thigh"), spot("knee_front")],
        "hip_osteoarthritis",
        t="weight_bearing",
    ),
    case(
        "buttock only: sacroiliac joint or hip joint first, spine close behind",
        [spot("buttock")],
        {"sacroiliac_joint_dysfunction", "hip_osteoarthritis"},
        within=[
            (
                {
                    "facet_arthritis_L4_L5",
                    "facet_arthritis_L5_S1",
                    "lumbar_disc_herniation_L5_S1",
                    "degenerative_disc_disease_L4_L5",
                },
                5,
            )
        ],
    ),
    case(
        "just below the dimple at the back of the pelvis (sacrum), deep ache",
        [spot("sacrum", side=R)],
        "sacroiliac_joint_dysfunction",
        f="deep_ache",
    ),
    case(
        "buttock and back of thigh worse sitting: disc, SI joint, piriformis all on the list",
        [spot("buttock"), spot("posterior_thigh")],
        {"lumbar_disc_herniation_L5_S1", "sacroiliac_joint_dysfunction"},
        t="sitting",
        within=[("piriformis_syndrome", 6), ("sacroiliac_joint_dysfunction", 3)],
    ),
    case(
        "side of the hip: trochanteric bursitis first, spine alternatives present",
        [spot("lateral_hip")],
        "trochanteric_bursitis",
        within=[
            ({"facet_arthritis_L4_L5", "facet_arthritis_L5_S1", "lumbar_disc_herniation_L4_L5"}, 5),
            ("hip_osteoarthritis", 4),
        ],
    ),
    case(
        "side of the hip, hurts to lie on it",
        [spot("lateral_hip", ("T12",), ("iliohypogastric",))],
        "trochanteric_bursitis",
        t="lying_on_side,stairs",
    ),
    case(
        "side of the hip and outer thigh: one source explains both",
        [spot("lateral_hip"), spot("lateral_thigh")],
        "trochanteric_bursitis",
    ),
    case(
        "knee front worse on stairs: knee first, hip still listed",
        [spot("knee_front")],
        "knee_problems",
        t="stairs",
        within=[("hip_osteoarthritis", 3)],
    ),
    case(
        "knee front worse weight bearing and turning the hip: hip on the list",
        [spot("knee_front")],
        "knee_problems",
        t="weight_bearing,hip_rotation",
        within=[("hip_osteoarthritis", 2)],
    ),
    # -- peripheral nerves (CLINICAL.md §3) -------------------------------------------------------
    case(
        "outer thigh skin nerve field: meralgia paresthetica",
        [spot(nerves=("lateral_femoral_cutaneous",))],
        "meralgia_paresthetica",
        mechanism="entrapment",
    ),
    case(
        "outer thigh burning, L2 dermatome and LFCN field: meralgia, L2/L3 root listed",
        [spot("lateral_thigh", ("L2",), ("lateral_femoral_cutaneous",))],
        "meralgia_paresthetica",
        f="burning",
        within=[
            (
                {
                    "lumbar_disc_herniation_L2_L3",
                    "lumbar_disc_herniation_L1_L2",
                    "lumbar_disc_herniation_L3_L4_foraminal",
                },
                12,
            )
        ],
    ),
    case(
        "inner leg numbness in the saphenous field: saphenous nerve and L4 root both listed",
        [spot("medial_leg", ("L4",), ("saphenous",))],
        {"lumbar_disc_herniation_L3_L4", "saphenous_neuropathy"},
        f="numbness",
        within=[("saphenous_neuropathy", 2)],
    ),
    case(
        "burning sole in the medial plantar field: S1 root first, tarsal tunnel listed",
        [spot("sole", ("S1", "L5"), ("medial_plantar",))],
        "lumbar_disc_herniation_L5_S1",
        f="burning,tingling",
        within=[("tarsal_tunnel_syndrome", 4)],
    ),
    case(
        "tingling upper buttock over the iliac crest (superior cluneal)",
        [spot("buttock", ("L1",), ("superior_cluneal",))],
        {
            "sacroiliac_joint_dysfunction",
            "cluneal_nerve_entrapment_superior",
            "hip_osteoarthritis",
            "lumbar_disc_herniation_L4_L5",
            "lumbar_disc_herniation_L5_S1",
        },
        f="tingling",
        within=[("cluneal_nerve_entrapment_superior", 5)],
    ),
    # -- back (CLINICAL.md §4-5) -------------------------------------------------------------------
    case(
        "low back ache worse bending and sitting: disc or facet",
        [spot("low_back", side=M)],
        {
            "degenerative_disc_disease_L4_L5",
            "degenerative_disc_disease_L5_S1",
            "facet_arthritis_L4_L5",
            "facet_arthritis_L5_S1",
        },
        f="deep_ache",
        t="bending,sitting",
    ),
    case(
        "low back, long morning stiffness, night pain: inflammatory back pain listed",
        [spot("low_back", side=M)],
        {"facet_arthritis_L4_L5", "facet_arthritis_L5_S1", "ankylosing_spondylitis"},
        f="morning_stiffness",
        t="rest_night",
        within=[("ankylosing_spondylitis", 3)],
    ),
    # the sitting bone's skin (S3) lies in the saddle region too, so the hamstring origin comes before it
    case(
        "saddle area touched: the check for the cauda equina signs first, then the cauda equina source listed",
        [spot("perineum", side=M)],
        "ask_first:red_flag_cauda_equina",
        card="red_flag_cauda_equina",
        within=[("lumbar_disc_herniation_central", 4)],
    ),
    # -- foot and the kinetic chain (CLINICAL.md §7) ----------------------------------------------
    case(
        "heel and sole, worst with the first steps in the morning",
        [spot("heel"), spot("sole")],
        "plantar_fasciitis",
        t="first_steps",
    ),
    case(
        "heel alone",
        [spot("heel", ("S1",), ("medial_calcaneal",))],
        "plantar_fasciitis",
        within=[("lumbar_disc_herniation_L5_S1", 3)],
    ),
    case(
        "back of the heel and lower calf, stiff first steps: Achilles",
        [spot("heel"), spot("calf")],
        "achilles_tendinopathy",
        t="first_steps",
    ),
    case("big toe joint", [spot("big_toe")], "bunions", within=[("lumbar_disc_herniation_L4_L5", 3)]),
    case(
        "middle toes: hammertoes and the L5 root both listed",
        [spot("middle_toes")],
        {"hammertoes", "lumbar_disc_herniation_L4_L5"},
        within=[("hammertoes", 2)],
    ),
    case(
        "sole and inner ankle worse walking: flat feet on the list",
        [spot("sole"), spot("medial_ankle")],
        {"plantar_fasciitis", "lumbar_disc_herniation_L4_L5", "lumbar_disc_herniation_L5_S1", "flat_feet"},
        t="walking",
        within=[("flat_feet", 5)],
    ),
    case(
        "outer ankle worse walking: high arches on the list",
        [spot("lateral_ankle")],
        {"lumbar_disc_herniation_L5_S1"},
        t="walking",
        within=[("high_arches", 10)],
    ),
]


def test_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("c", CASES, ids=[c.name for c in CASES])
def test_clinical_case(knowledge: Knowledge, c: Case) -> None:
    ranked = candidates(knowledge, c.query())
    ids = [r.id for r in ranked]
    assert ranked, f"{c.name}: no candidates"
    assert ranked[0].id in c.top, f"{c.name}: top is {ids[:5]}"
    for wanted, k in c.within:
        assert wanted & set(ids[:k]), f"{c.name}: none of {sorted(wanted)} in the first {k}: {ids[:k]}"
    if c.mechanism is not None:
        assert ranked[0].mechanism == c.mechanism
    if c.card is not None:
        assert ranked[0].card == c.card
    assert all(r.reasons for r in ranked), "every candidate explains itself"


def test_l5_example_has_the_paths_of_the_contract(knowledge: Knowledge) -> None:
    query = Query(spots=(spot("dorsum_of_foot", ("L5",), ("superficial_fibular",)),))
    ranked = {c.id: c for c in candidates(knowledge, query)}
    disc = ranked["lumbar_disc_herniation_L4_L5"]
    # DESIGN.md §1: spine level → root → plexus → named nerve → skin
    assert disc.path == (
        "disc_L4_L5",
        "L5",
        "sacral_plexus",
        "sciatic",
        "common_fibular",
        "superficial_fibular",
        "dermatome_L5",
    )
    # with no skin nerve to carry it, the root's path ends at its skin strip
    bare = {c.id: c for c in candidates(knowledge, Query(spots=(spot(derm=("L5",)),)))}
    assert bare["lumbar_disc_herniation_L4_L5"].path == ("disc_L4_L5", "L5", "dermatome_L5")
    assert disc.card == "lumbar_disc_herniation" and disc.evidence == "strong"
    fibular = ranked["fibular_neuropathy"]
    assert fibular.path == ("fibular_head", "common_fibular", "superficial_fibular", "field_superficial_fibular")
    # through the nerve field, a root's path runs root → plexus → nerve → branch → skin
    only_field = {c.id: c for c in candidates(knowledge, Query(spots=(spot(nerves=("superficial_fibular",)),)))}
    assert only_field["lumbar_disc_herniation_L4_L5"].path == (
        "disc_L4_L5",
        "L5",
        "sacral_plexus",
        "sciatic",
        "common_fibular",
        "superficial_fibular",
        "field_superficial_fibular",
    )


def test_red_flag_card_comes_first(knowledge: Knowledge) -> None:
    query = Query(
        spots=(spot(derm=("L5",)),),
        features=frozenset({"shooting"}),
        red_flags=frozenset({"saddle_numbness", "bladder_bowel"}),
    )
    ranked = candidates(knowledge, query)
    assert ranked[0].mechanism == "urgent" and ranked[0].score == 1.0
    assert ranked[0].card == "red_flag_cauda_equina"
    assert sum(c.card == "red_flag_cauda_equina" and c.mechanism == "urgent" for c in ranked) == 1, (
        "one card per flag card"
    )
    assert ranked[1].mechanism != "urgent"


def test_red_flags_alone_give_the_urgent_cards(knowledge: Knowledge) -> None:
    ranked = candidates(knowledge, Query(red_flags=frozenset({"fever_hot_joint", "cannot_bear_weight"})))
    assert {c.card for c in ranked} == {"red_flag_infection", "red_flag_fracture"}
    assert all(c.mechanism == "urgent" and c.score == 1.0 for c in ranked)


def test_both_legs_favour_a_central_cause(knowledge: Knowledge) -> None:
    one = Query(spots=(spot("calf", ("S1",)),))
    both = Query(spots=(spot("calf", ("S1",), side=L), spot("calf", ("S1",), side=R)))
    rank_one = [c.id for c in candidates(knowledge, one)]
    rank_both = [c.id for c in candidates(knowledge, both)]
    assert rank_both.index("spinal_stenosis_central_L4_L5") < rank_one.index("spinal_stenosis_central_L4_L5")
    disc = next(c for c in candidates(knowledge, both) if c.id == "lumbar_disc_herniation_L5_S1")
    assert any("both legs" in r for r in disc.reasons)


def test_reasons_name_the_answers_that_moved_the_score(knowledge: Knowledge) -> None:
    query = Query(spots=(spot("groin"),), triggers=frozenset({"hip_rotation"}), features=frozenset({"clicking"}))
    top = candidates(knowledge, query)[0]
    text = " ".join(top.reasons)
    assert "×" in text and "turn" in text.lower() and "click" in text.lower()
