"""The reverse view: from a source to every place it can send pain or strain."""

from __future__ import annotations

import pytest

from app.domain.effects import effects
from app.domain.errors import QueryError
from app.domain.knowledge import Knowledge
from app.domain.records import EVIDENCE_LEVELS


def test_flat_feet_reach_the_knee_hip_and_back_with_honest_evidence(knowledge: Knowledge) -> None:
    shown = effects(knowledge, "flat_feet")
    assert shown.title == knowledge.conditions["flat_feet"].title
    assert {"sole", "medial_ankle", "knee_front", "low_back"} <= set(shown.regions)
    assert {"knee_joint", "hip_joint"} <= set(shown.structures)
    chain = {link.path: link for link in shown.links}
    back = chain[("flat_feet", "region_low_back")]  # listed once; the chain through knee and hip is a route of it
    assert ("flat_feet", "knee_joint", "hip_joint", "region_low_back") in back.routes
    assert back.mechanism == "biomechanical" and back.evidence == "weak"
    assert chain[("flat_feet", "knee_joint")].evidence == "limited"
    assert all(link.mechanism == "biomechanical" for link in shown.links)
    assert all(link.evidence != "strong" for link in shown.links), "no kinetic-chain claim is strong"


def test_a_chain_is_as_sure_as_its_weakest_link(knowledge: Knowledge) -> None:
    for link in effects(knowledge, "flat_feet").links:
        steps = list(zip(link.path, link.path[1:], strict=False))
        levels = [knowledge.link(a, b).evidence for a, b in steps if knowledge.link(a, b) is not None]  # type: ignore[union-attr]
        assert EVIDENCE_LEVELS.index(link.evidence) == max(EVIDENCE_LEVELS.index(level) for level in levels)


def test_the_l4_l5_disc_reaches_the_l5_skin_along_the_nerves(knowledge: Knowledge) -> None:
    shown = effects(knowledge, "disc_L4_L5")
    assert {"dermatome_L5", "dermatome_L4", "field_superficial_fibular", "field_deep_fibular"} <= set(shown.territories)
    assert {"L5", "L4", "sacral_plexus", "sciatic", "common_fibular", "cauda_equina"} <= set(shown.structures)
    assert "low_back" in shown.regions
    paths = {link.path for link in shown.links}
    assert (
        "disc_L4_L5",
        "L5",
        "sacral_plexus",
        "sciatic",
        "common_fibular",
        "superficial_fibular",
        "field_superficial_fibular",
    ) in paths
    strong = next(k for k in shown.links if k.path == ("disc_L4_L5", "L5"))
    assert strong.evidence == "strong" and strong.mechanism == "radicular"


def test_a_condition_variant_only_presses_on_its_own_root(knowledge: Knowledge) -> None:
    paracentral = effects(knowledge, "lumbar_disc_herniation_L4_L5")
    assert "dermatome_L5" in paracentral.territories and "dermatome_L4" not in paracentral.territories
    foraminal = effects(knowledge, "lumbar_disc_herniation_L4_L5_foraminal")
    assert "dermatome_L4" in foraminal.territories and "dermatome_L5" not in foraminal.territories


def test_hip_arthritis_refers_to_groin_buttock_and_knee(knowledge: Knowledge) -> None:
    shown = effects(knowledge, "hip_osteoarthritis")
    assert {"groin", "buttock", "anterior_thigh", "knee_front"} <= set(shown.regions)
    knee = next(k for k in shown.links if k.target == "region_knee_front" and k.mechanism == "referred")
    assert "obturator" in knee.path
    assert any(k.mechanism == "biomechanical" and k.target == "achilles_tendon" for k in shown.links)


def test_nerves_and_roots_reach_their_skin(knowledge: Knowledge) -> None:
    fibular = effects(knowledge, "common_fibular")
    assert {"field_superficial_fibular", "field_deep_fibular", "field_lateral_sural_cutaneous"} <= set(
        fibular.territories
    )
    assert "dermatome_L5" in effects(knowledge, "L5").territories
    assert "field_lateral_femoral_cutaneous" in effects(knowledge, "meralgia_paresthetica").territories
    tarsal = effects(knowledge, "tarsal_tunnel_syndrome")
    assert "field_medial_plantar" in tarsal.territories and "field_sural" not in tarsal.territories


def test_every_source_in_the_picker_has_effects(knowledge: Knowledge) -> None:
    for source, title in knowledge.sources():
        shown = effects(knowledge, source)
        assert title and shown.title
        assert all(0.0 <= k.strength <= 1.0 and k.references and k.evidence in EVIDENCE_LEVELS for k in shown.links)
        if source in knowledge.conditions:
            assert shown.regions or shown.territories, source
    assert ("flat_feet", knowledge.conditions["flat_feet"].title) in knowledge.sources()


def test_unknown_source(knowledge: Knowledge) -> None:
    with pytest.raises(QueryError, match="unknown source"):
        effects(knowledge, "spleen")
