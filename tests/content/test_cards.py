"""Every card the contract names exists, renders to safe HTML, reads at grade ≤ 8 and has references.

The card writers work in parallel; until they finish this test fails for the cards still missing."""

from __future__ import annotations

import pytest

from app.content.markdown import render_card, scan_markdown
from app.content.readability import MAX_GRADE, grade, patient_text
from app.domain.knowledge import Knowledge

CONDITION_CARDS = [
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
    "saphenous_neuropathy",
    "cluneal_nerve_entrapment",
    "flat_feet",
    "high_arches",
    "plantar_fasciitis",
    "achilles_tendinopathy",
    "bunions",
    "hammertoes",
    "leg_length_difference",
    "knee_problems",
]
STRUCTURE_CARDS = [
    "nerve_roots",
    "intervertebral_discs",
    "lumbar_vertebrae",
    "sciatic",
    "femoral",
    "obturator",
    "lateral_femoral_cutaneous",
    "saphenous",
    "common_fibular",
    "tibial",
    "hip_joint",
    "sacroiliac_joint",
    "facet_joints",
    "piriformis",
    "gluteus_medius",
    "psoas",
    "trochanteric_bursa",
    "plantar_fascia",
    "achilles_tendon",
    "cluneal_nerves",
    "groin_nerves",
    "posterior_femoral_cutaneous",
]
DIFFERENTIATOR_CARDS = [
    "diff_l5_root_vs_fibular_nerve",
    "diff_l2_l3_root_vs_lateral_femoral_cutaneous",
    "diff_l4_root_vs_saphenous",
    "diff_s1_root_vs_tarsal_tunnel",
    "diff_spine_vs_hip_groin",
]
RED_FLAG_CARDS = [
    "red_flag_cauda_equina",
    "red_flag_infection",
    "red_flag_fracture",
    "red_flag_cancer",
    "red_flag_progressive_weakness",
]
KINDS = {
    **dict.fromkeys(CONDITION_CARDS, "condition"),
    **dict.fromkeys(STRUCTURE_CARDS, "structure"),
    **dict.fromkeys(DIFFERENTIATOR_CARDS, "differentiator"),
    **dict.fromkeys(RED_FLAG_CARDS, "red_flag"),
}


@pytest.mark.parametrize("card_id", sorted(KINDS))
def test_card_exists_renders_and_reads_easily(knowledge: Knowledge, card_id: str) -> None:
    card = knowledge.card(card_id)
    assert card is not None, f"content/cards/{card_id}.md is missing or broken (see referral-atlas check-content)"
    assert card.kind == KINDS[card_id]
    assert card.references and all(r in knowledge.references for r in card.references)
    html = render_card(card, knowledge.references)
    assert "<h2>" in html and "<script" not in html.lower()
    assert all(
        target.startswith("card:") and knowledge.card(target[5:]) for _, target in scan_markdown(card.body).links
    )
    level = grade(patient_text(card))
    assert level <= MAX_GRADE, f"{card_id}: patient text at grade {level:.1f}"
    assert patient_text(card) and "For clinicians" not in patient_text(card)
