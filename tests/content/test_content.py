"""content/ as data: everything CLINICAL.md §1-7 asks for is there, every id resolves, every claim is referenced."""

from __future__ import annotations

from pathlib import Path

import yaml

from app.content.issues import ContentIssue
from app.domain.knowledge import Knowledge
from app.domain.territory_labels import DERMATOMES, REGIONS, SKIN_NERVES

CONTENT = Path(__file__).resolve().parents[2] / "content"
CONTRACT_REFERENCES = [
    "asia_isncsci_2019",
    "lee_2008",
    "keegan_garrett_1948",
    "downs_laporte_2011",
    "murphy_2009",
    "lesher_2008",
    "slipman_2000",
    "fukui_1997",
    "nice_ng59",
    "nice_cks_sciatica_red_flags",
    "girft_cauda_equina",
    "finucane_2020",
    "alsaafin_2023",
    "weiss_2007",
    "hopayian_2010",
    "article_000",
    "article_001",
    "article_002",
    "article_003",
    "article_004",
    "bowley_2019",
    "menz_2013",
    "gross_2011",
    "neal_2019",
    "knutson_2005",
    "burnett_2006",
    "kim_weller_2000",
    "msd_lumbar_stenosis",
    "merck_spondylolisthesis",
    "aapmr_gtps",
    "bogduk_2009",
    "cohen_raja_2007",
    "altman_1991",
]
NERVES = [
    "sciatic",
    "femoral",
    "obturator",
    "lateral_femoral_cutaneous",
    "anterior_femoral_cutaneous",
    "saphenous",
    "tibial",
    "common_fibular",
    "superficial_fibular",
    "deep_fibular",
    "sural",
    "lateral_sural_cutaneous",
    "medial_calcaneal",
    "medial_plantar",
    "lateral_plantar",
    "posterior_femoral_cutaneous",
    "superior_cluneal",
    "middle_cluneal",
    "inferior_cluneal",
    "iliohypogastric",
    "ilioinguinal",
    "genitofemoral",
    "lumbar_plexus",
    "sacral_plexus",
    "cauda_equina",
]
OTHER_STRUCTURES = [
    "facet_L4_L5",
    "sacroiliac_joint",
    "hip_joint",
    "hip_labrum",
    "knee_joint",
    "ankle_joint",
    "piriformis",
    "gluteus_medius",
    "gluteus_minimus",
    "psoas",
    "iliacus",
    "trochanteric_bursa",
    "plantar_fascia",
    "achilles_tendon",
    "inguinal_ligament",
    "tarsal_tunnel",
    "fibular_head",
]
ISSUE_CONDITIONS = [
    "lumbar_disc_herniation",
    "spinal_stenosis",
    "degenerative_disc_disease",
    "spondylolisthesis",
    "ankylosing_spondylitis",
    "facet_arthritis",
    "sacroiliac_joint_dysfunction",
    "piriformis_syndrome",
    "hip_osteoarthritis",
    "hip_labral_tear",
    "weak_hip_stabilisers",
    "trochanteric_bursitis",
    "meralgia_paresthetica",
    "fibular_neuropathy",
    "tarsal_tunnel_syndrome",
    "flat_feet",
    "high_arches",
    "plantar_fasciitis",
    "bunions",
    "hammertoes",
    "leg_length_difference",
]
# CLINICAL.md §3: root values
ROOT_VALUES = {
    "iliohypogastric": ("T12", "L1"),
    "ilioinguinal": ("L1",),
    "genitofemoral": ("L1", "L2"),
    "lateral_femoral_cutaneous": ("L2", "L3"),
    "anterior_femoral_cutaneous": ("L2", "L3"),
    "obturator": ("L2", "L3", "L4"),
    "femoral": ("L2", "L3", "L4"),
    "saphenous": ("L3", "L4"),
    "posterior_femoral_cutaneous": ("S1", "S2", "S3"),
    "sciatic": ("L4", "L5", "S1", "S2", "S3"),
    "common_fibular": ("L4", "L5", "S1", "S2"),
    "superficial_fibular": ("L4", "L5", "S1"),
    "deep_fibular": ("L4", "L5"),
    "sural": ("S1", "S2"),
    "medial_calcaneal": ("S1", "S2"),
    "medial_plantar": ("L4", "L5"),
    "lateral_plantar": ("S1", "S2"),
    "superior_cluneal": ("L1", "L2", "L3"),
    "middle_cluneal": ("S1", "S2", "S3"),
}


def test_the_repository_content_loads_without_issues(loaded: tuple[Knowledge, list[ContentIssue]]) -> None:
    _, issues = loaded
    assert not issues, "\n".join(map(str, issues))


def test_every_data_file_declares_schema_1() -> None:
    for name in ("structures", "territories", "conditions", "links", "questions"):
        assert yaml.safe_load((CONTENT / f"{name}.yaml").read_text())["schema"] == 1
    assert yaml.safe_load((CONTENT / "references" / "core.yaml").read_text())["schema"] == 1


def test_ids_of_the_contract_exist(knowledge: Knowledge) -> None:
    roots = ["T12", *(f"L{i}" for i in range(1, 6)), *(f"S{i}" for i in range(1, 6))]
    discs = ["disc_L1_L2", "disc_L2_L3", "disc_L3_L4", "disc_L4_L5", "disc_L5_S1"]
    vertebrae = [f"vertebra_L{i}" for i in range(1, 6)] + ["vertebra_S1"]
    missing = [i for i in (*roots, *discs, *vertebrae, *NERVES, *OTHER_STRUCTURES) if i not in knowledge.structures]
    assert not missing
    assert sorted(t.label for t in knowledge.territories.values() if t.kind == "region") == sorted(REGIONS)
    assert sorted(t.label for t in knowledge.territories.values() if t.kind == "dermatome") == sorted(DERMATOMES)
    assert sorted(t.label for t in knowledge.territories.values() if t.kind == "field") == sorted(SKIN_NERVES)
    assert all(knowledge.title(t) != t.replace("_", " ") for t in knowledge.territories)


def test_core_references_hold_the_contract_ids(knowledge: Knowledge) -> None:
    core = yaml.safe_load((CONTENT / "references" / "core.yaml").read_text())
    assert not [r for r in CONTRACT_REFERENCES if r not in core]
    assert "Can Hip Pain Cause Foot Pain?" in knowledge.references["article_000"].citation
    assert "Is There A Connection Between Foot Problems" in knowledge.references["article_003"].citation


def test_no_claim_without_a_reference_that_resolves(knowledge: Knowledge) -> None:
    refs = set(knowledge.references)
    owners: list[tuple[str, tuple[str, ...]]] = []
    owners += [(s.id, s.references) for s in knowledge.structures.values()]
    owners += [(t.id, t.references) for t in knowledge.territories.values()]
    owners += [(c.id, c.references) for c in knowledge.conditions.values()]
    owners += [(v.id, v.references) for v in knowledge.variants().values()]
    owners += [(f"{k.source}->{k.target}", k.references) for k in knowledge.links]
    owners += [
        (a.id, a.references) for t in (knowledge.features, knowledge.triggers, knowledge.checks) for a in t.values()
    ]
    owners += [(r.id, r.references) for r in knowledge.red_flags.values()]
    owners += [(c.id, c.references) for c in knowledge.cards.values()]
    assert not [owner for owner, references in owners if not references]
    assert not [(owner, r) for owner, references in owners for r in references if r not in refs]


def test_every_id_referenced_resolves(knowledge: Knowledge) -> None:
    known = set(knowledge.structures) | set(knowledge.territories) | set(knowledge.conditions)
    for s in knowledge.structures.values():
        assert s.parent is None or s.parent in knowledge.structures
        assert all(r in knowledge.structures for r in s.roots)
    for link in knowledge.links:
        assert link.source in known and link.target in known and all(v in knowledge.structures for v in link.via)
        assert link.note and 0.0 <= link.strength <= 1.0
    for condition in knowledge.conditions.values():
        assert condition.card in knowledge.cards
        assert all(d in knowledge.cards for d in condition.differentiators)
        for v in condition.variants:
            assert v.source in knowledge.structures
            assert all(knowledge.link(v.source, a) is not None for a in v.acts_on)
            assert (v.card or condition.card) in knowledge.cards
    for flag in knowledge.red_flags.values():
        assert flag.card in knowledge.cards and flag.source in knowledge.structures
    covered = known | set(knowledge.red_flags) | set(knowledge.variants())
    assert not [(c.id, i) for c in knowledge.cards.values() for i in c.covers if i not in covered]


def test_nerve_tree_reaches_the_spine(knowledge: Knowledge) -> None:
    for s in knowledge.structures.values():
        if s.kind == "nerve":
            chain = knowledge.ancestors(s.id)
            top = knowledge.structures[chain[-1]]
            assert top.kind == "plexus" or s.id in ("superior_cluneal", "middle_cluneal"), chain
            assert top.kind != "plexus" or set(s.roots) <= set(top.roots), s.id


# -- CLINICAL.md §1-7, topic by topic ------------------------------------------------------------------
def test_s1_isncsci_key_points_muscles_and_reflex_checks(knowledge: Knowledge) -> None:
    for label in DERMATOMES:
        dermatome = knowledge.territories[f"dermatome_{label}"]
        assert "asia_isncsci_2019" in dermatome.references and "key point" in dermatome.note.lower()
    assert "third MTP" in knowledge.territories["dermatome_L5"].note
    assert "medial malleolus" in knowledge.territories["dermatome_L4"].note
    assert "lateral heel" in knowledge.territories["dermatome_S1"].note
    assert any(w.target == "root:L5" and w.factor > 1 for w in knowledge.checks["foot_drop"].weights)
    assert any(w.target == "root:S1" and w.factor > 1 for w in knowledge.checks["cannot_tiptoe"].weights)


def test_s2_dermatomes_with_primary_and_alternate_maps(knowledge: Knowledge) -> None:
    for label in ("L4", "S3"):
        assert "keegan_garrett_1948" in knowledge.territories[f"dermatome_{label}"].references
    assert "murphy_2009" in knowledge.territories["dermatome_L5"].references
    dorsum = knowledge.territories["region_dorsum_of_foot"]
    assert dorsum.dermatomes == ("L5",) and "L4" in dorsum.alternates
    assert knowledge.territories["region_knee_front"].alternates == ("L4",), "the maps disagree at the patella"
    for label in REGIONS:
        region = knowledge.territories[f"region_{label}"]
        assert region.dermatomes and {"lee_2008", "keegan_garrett_1948"} <= set(region.references)


def test_s3_cutaneous_nerves_root_values_and_entrapment_sites(knowledge: Knowledge) -> None:
    for nerve, roots in ROOT_VALUES.items():
        assert knowledge.structures[nerve].roots == roots, nerve
    for site, nerve in (
        ("inguinal_ligament", "lateral_femoral_cutaneous"),
        ("fibular_head", "common_fibular"),
        ("tarsal_tunnel", "tibial"),
        ("adductor_canal", "saphenous"),
        ("piriformis", "sciatic"),
        ("iliac_crest", "superior_cluneal"),
    ):
        assert knowledge.link(site, nerve) is not None and knowledge.link(site, nerve).mechanism == "entrapment"  # type: ignore[union-attr]


def test_s4_referred_patterns_with_their_numbers(knowledge: Knowledge) -> None:
    def strength(source: str, target: str) -> float:
        link = knowledge.link(source, target)
        assert link is not None, (source, target)
        return link.strength

    assert strength("hip_joint", "region_buttock") == 0.71 and strength("hip_joint", "region_groin") == 0.55
    assert strength("hip_joint", "region_calf") == 0.22 and strength("hip_joint", "region_sole") == 0.06
    assert "lesher_2008" in knowledge.link("hip_joint", "region_groin").references  # type: ignore[union-attr]
    assert (
        strength("sacroiliac_joint", "region_buttock") == 0.94 and strength("sacroiliac_joint", "region_calf") == 0.28
    )
    assert strength("hip_labrum", "region_groin") == 0.92
    assert strength("facet_L4_L5", "region_buttock") > strength("facet_L4_L5", "region_calf")
    assert strength("trochanteric_bursa", "region_lateral_hip") > 0.9
    assert strength("piriformis", "region_buttock") > 0.5
    shooting = {w.target: w.factor for w in knowledge.features["shooting"].weights}
    assert shooting["mechanism:radicular"] > 1 > shooting["mechanism:referred"]
    rotation = {w.target: w.factor for w in knowledge.triggers["hip_rotation"].weights}
    assert rotation["condition:hip_osteoarthritis"] > 1 > rotation["category:spine"]
    assert {w.target for w in knowledge.features["clicking"].weights} >= {"condition:hip_labral_tear"}


def test_s5_which_disc_compresses_which_root(knowledge: Knowledge) -> None:
    variants = knowledge.variants()
    expected = {
        "lumbar_disc_herniation_L3_L4": ("disc_L3_L4", ("L4",)),
        "lumbar_disc_herniation_L4_L5": ("disc_L4_L5", ("L5",)),
        "lumbar_disc_herniation_L5_S1": ("disc_L5_S1", ("S1",)),
        "lumbar_disc_herniation_L4_L5_foraminal": ("disc_L4_L5", ("L4",)),
        "lumbar_disc_herniation_L5_S1_foraminal": ("disc_L5_S1", ("L5",)),
        "spinal_stenosis_lateral_recess_L4_L5": ("facet_L4_L5", ("L5",)),
        "spondylolisthesis_isthmic_L5_S1": ("vertebra_L5", ("L5",)),
        "spondylolisthesis_degenerative_L4_L5": ("vertebra_L4", ("L5",)),
    }
    for variant_id, (source, roots) in expected.items():
        assert (variants[variant_id].source, variants[variant_id].acts_on) == (source, roots), variant_id
    assert knowledge.link("disc_L4_L5", "cauda_equina") is not None
    assert variants["spinal_stenosis_central_L4_L5"].bilateral
    assert "condition:spinal_stenosis" in {w.target for w in knowledge.features["heaviness"].weights}
    assert "condition:ankylosing_spondylitis" in {w.target for w in knowledge.features["morning_stiffness"].weights}


def test_s6_red_flags(knowledge: Knowledge) -> None:
    levels = {
        "saddle_numbness": "emergency",
        "bladder_bowel": "emergency",
        "both_legs": "emergency",
        "fast_weakness": "emergency",
        "spreading_numbness": "emergency",
        "fever_hot_joint": "today",
        "cannot_bear_weight": "today",
        "cancer_history": "today",
        "rest_pain": "soon",
        "weight_loss": "soon",
    }
    assert {f.id: f.urgency for f in knowledge.red_flags.values()} == levels  # CLINICAL.md §6 table
    assert knowledge.red_flags["saddle_numbness"].card == "red_flag_cauda_equina"
    assert {f.card for f in knowledge.red_flags.values()} == {
        "red_flag_cauda_equina",
        "red_flag_progressive_weakness",
        "red_flag_infection",
        "red_flag_fracture",
        "red_flag_cancer",
    }


def test_s7_kinetic_chain_with_honest_evidence(knowledge: Knowledge) -> None:
    chain = {(k.source, k.target): k for k in knowledge.links if k.mechanism == "biomechanical"}
    for pair in (
        ("flat_feet", "knee_joint"),
        ("knee_joint", "hip_joint"),
        ("hip_joint", "region_low_back"),
        ("flat_feet", "region_low_back"),
        ("leg_length_difference", "region_low_back"),
        ("hip_osteoarthritis", "achilles_tendon"),
        ("hip_osteoarthritis", "plantar_fascia"),
        ("weak_hip_stabilisers", "region_knee_front"),
        ("high_arches", "region_lateral_ankle"),
        ("bunions", "knee_joint"),
        ("hammertoes", "knee_joint"),
        ("plantar_fasciitis", "knee_joint"),
    ):
        assert pair in chain, pair
    assert all(k.evidence in ("limited", "weak") for k in chain.values()), "no kinetic-chain link is moderate or strong"
    assert "alsaafin_2023" in chain[("flat_feet", "region_knee_front")].references
    assert chain[("bunions", "knee_joint")].evidence == "weak"


def test_every_condition_of_the_issue_with_who_can_help_and_evidence(knowledge: Knowledge) -> None:
    assert not [c for c in ISSUE_CONDITIONS if c not in knowledge.conditions]
    for condition in knowledge.conditions.values():
        assert condition.who_can_help and condition.evidence in ("strong", "moderate", "limited", "weak")
    by_level = {v.id for v in knowledge.conditions["lumbar_disc_herniation"].variants}
    assert {"lumbar_disc_herniation_L3_L4", "lumbar_disc_herniation_L4_L5", "lumbar_disc_herniation_L5_S1"} <= by_level


def test_answers_for_the_question_panel(knowledge: Knowledge) -> None:
    assert {"shooting", "burning", "tingling", "numbness", "deep_ache", "weakness", "heaviness", "clicking"} <= set(
        knowledge.features
    )
    assert {
        "bending",
        "sitting",
        "standing",
        "walking",
        "stairs",
        "hip_rotation",
        "weight_bearing",
        "rest_night",
    } <= set(knowledge.triggers)
    assert {"foot_drop", "cannot_tiptoe", "trouble_walking"} <= set(knowledge.checks)
    for kind in ("features", "triggers", "checks", "red_flags"):
        answers = knowledge.answers(kind)
        assert answers and all(label and label[0].isupper() for _, label in answers)
