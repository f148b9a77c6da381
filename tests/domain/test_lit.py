"""What lights up for a touch: the best source of each mechanism before the runners-up."""

from app.domain.explorer import RELEVANCE_FLOOR, Explorer, Touch
from app.domain.knowledge import Knowledge
from app.domain.query import Spot


def lit_for(knowledge: Knowledge, spot: Spot) -> list[str]:
    explorer = Explorer(knowledge)
    explorer.touch(Touch((0.0, 0.0, 0.0), spot))
    return [c.id for c in explorer.lit(4)]


def test_groin_lights_the_hip_joint_and_the_upper_lumbar_roots(knowledge: Knowledge) -> None:
    groin = Spot(("L1", "T12"), ("genitofemoral", "ilioinguinal"), "groin", "right")
    lit = lit_for(knowledge, groin)
    assert lit[0] == "hip_osteoarthritis"
    assert any(c in lit for c in ("lumbar_disc_herniation_L1_L2", "lumbar_disc_herniation_L2_L3")), lit


def test_lateral_hip_lights_the_bursa_and_a_spine_alternative(knowledge: Knowledge) -> None:
    side = Spot(("L2",), ("superior_cluneal", "lateral_femoral_cutaneous"), "lateral_hip", "right")
    explorer = Explorer(knowledge)
    explorer.touch(Touch((0.0, 0.0, 0.0), side))
    lit = explorer.lit(4)
    assert lit[0].id == "trochanteric_bursitis"
    assert any(c.mechanism == "radicular" for c in lit), [c.id for c in lit]


def test_dorsum_of_the_foot_lights_the_l5_pathway_and_the_fibular_nerve(knowledge: Knowledge) -> None:
    dorsum = Spot(("L5", "L4"), ("deep_fibular", "superficial_fibular"), "dorsum_of_foot", "left")
    lit = lit_for(knowledge, dorsum)
    assert lit[0] == "lumbar_disc_herniation_L4_L5" and "fibular_neuropathy" in lit


def test_lit_keeps_rank_order_the_selection_and_the_limit(knowledge: Knowledge) -> None:
    explorer = Explorer(knowledge)
    explorer.touch(Touch((0.0, 0.0, 0.0), Spot(("L5",), (), "dorsum_of_foot", "right")))
    ranked = [c for c in explorer.candidates if c.mechanism != "urgent"]
    lit = explorer.lit(3)
    assert len(lit) == 3 and lit == sorted(lit, key=ranked.index)
    explorer.select(ranked[-1].id)
    assert ranked[-1] in explorer.lit(3) and len(explorer.lit(3)) == 3


def test_the_handover_is_the_selected_source_then_the_likely_ones_in_list_order(knowledge: Knowledge) -> None:
    """Issue 21, defect 2: hip arthritis, a few hundredths of the L4-L5 disc's score for a shooting
    pain on the top of the foot, is not handed over; the selected source comes first even when it
    ranks lower."""
    explorer = Explorer(knowledge)
    dorsum = Spot(("L5", "L4"), ("deep_fibular", "superficial_fibular"), "dorsum_of_foot", "left")
    explorer.touch(Touch((0.0, 0.0, 0.0), dorsum))
    explorer.set_answer("features", "shooting", on=True)
    explorer.set_answer("triggers", "bending", on=True)
    explorer.select("lumbar_disc_herniation_L5_S1")
    handed = explorer.handed_over()
    assert handed[0].id == "lumbar_disc_herniation_L5_S1" != explorer.candidates[0].id
    rest = [c for c in explorer.candidates if c in handed[1:]]
    assert handed[1:] == rest, "the others in the list's order"
    best = explorer.candidates[0].score
    assert all(c.score >= RELEVANCE_FLOOR * best for c in handed)
    assert "hip_osteoarthritis" in [c.id for c in explorer.candidates]
    assert "hip_osteoarthritis" not in [c.id for c in handed]
    assert len(handed) < len(explorer.candidates), "the floor leaves some out"
