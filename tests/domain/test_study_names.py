"""Names on demand and a nerve's course, from the content (issue 10)."""

from __future__ import annotations

from app.domain.knowledge import Knowledge
from app.domain.query import Spot
from app.study.course import followable_nerves, nerve_course
from app.study.names import split_side, spot_name, structure_name


def test_mesh_names_are_named_with_their_side(knowledge: Knowledge) -> None:
    assert split_side("femur_left") == ("femur", "left")
    assert split_side("disc_L4_L5") == ("disc_L4_L5", None)
    assert structure_name(knowledge, "femur_left") == "Femur, left"
    assert structure_name(knowledge, "disc_L4_L5") == "Disc between L4 and L5"
    assert structure_name(knowledge, "sciatic_right", short=True) == "Sciatic nerve, right"
    assert structure_name(knowledge, "sciatic_right").startswith("Sciatic nerve (")


def test_every_vertebra_label_follows_one_naming_pattern(knowledge: Knowledge) -> None:
    """Issue 21, defect 10: "Vertebra T12" stood beside "L3 vertebra" in All labels."""
    import re

    names = [structure_name(knowledge, f"vertebra_{level}", short=True) for level in ("T12", "L1", "L3", "L5")]
    assert all(re.fullmatch(r"(T12|L\d) vertebra", name) for name in names), names
    spanish = knowledge.in_language("es")
    names = [structure_name(spanish, f"vertebra_{level}", short=True) for level in ("T12", "L3")]
    assert names == ["Vértebra T12", "Vértebra L3"], names


def test_a_skin_spot_is_named_by_region_side_dermatome_and_nerve(knowledge: Knowledge) -> None:
    spot = Spot(
        dermatomes=("L5", "L4"), cutaneous_nerves=("superficial_fibular",), region="dorsum_of_foot", side="left"
    )
    name = spot_name(knowledge, spot)
    assert name.startswith(knowledge.title("region_dorsum_of_foot")[:1].upper())
    assert ", left" in name and "dermatome L5" in name and "Superficial fibular nerve" in name


def test_the_sciatic_course_runs_from_its_roots_to_its_skin(knowledge: Knowledge) -> None:
    course = nerve_course(knowledge, "sciatic")
    order = course.structures
    assert order.index("L5") < order.index("sacral_plexus") < order.index("sciatic") < order.index("sural")
    assert {"common_fibular", "tibial", "deep_fibular"} <= set(order)
    assert "femoral" not in order
    assert "field_sural" in course.skin and "field_saphenous" not in course.skin
    assert all(knowledge.structures[s].kind == "nerve" for s, _ in followable_nerves(knowledge))


def test_names_on_demand_in_spanish(knowledge: Knowledge) -> None:
    spanish = knowledge.in_language("es")
    assert structure_name(spanish, "sciatic_right", short=True) == "Nervio ciático, lado derecho"
    assert structure_name(spanish, "disc_L4_L5") == "Disco entre L4 y L5"
    name = spot_name(spanish, Spot(dermatomes=("L5",), cutaneous_nerves=("sural",), region="heel", side="left"))
    assert name == "Talón, lado izquierdo · dermatoma L5 · Nervio sural", name
