"""The kinetic chain of a biomechanical source, drawn joint by joint with arrows."""

import itertools

import pytest

from app.domain.effects import effects
from app.scene.kinetic_chain import CHAIN, chain_mesh, chain_steps, source_level


@pytest.fixture(scope="module")
def knowledge():
    from app.content import load
    from app.resources import content_dir

    return load(content_dir(), check_reading=False)[0]


def steps_of(knowledge, source):
    shown = effects(knowledge, source)
    condition = knowledge.conditions.get(source)
    variants = tuple(v.source for v in condition.variants) if condition else ()
    return chain_steps(shown, source_level(shown, variants))


def test_flat_feet_load_the_chain_from_the_foot_up_in_order(knowledge):
    steps = steps_of(knowledge, "flat_feet")
    assert [(s.start, s.end) for s in steps] == list(itertools.pairwise(CHAIN))
    assert all(s.evidence in ("strong", "moderate", "limited", "weak") for s in steps)


def test_hip_arthritis_loads_both_ways_from_the_hip(knowledge):
    steps = steps_of(knowledge, "hip_osteoarthritis")
    assert steps and all(s.start != s.end for s in steps)
    assert steps[0].start == "hip"


def test_a_disc_has_no_kinetic_chain(knowledge):
    assert steps_of(knowledge, "disc_L4_L5") == []


def test_each_step_is_an_arrow(knowledge, model):
    from app.scene.highlight import PathBuilder

    centres = PathBuilder.from_meshes(model.nerves, [model.bones, model.muscles, model.structures]).centres
    steps = steps_of(knowledge, "flat_feet")
    mesh = chain_mesh(steps, centres)
    assert mesh.n_cells > 0
    assert chain_mesh([], centres).n_cells == 0


def test_each_label_says_which_link_it_is_about(knowledge, model):
    """Issue 21, defect 8: the 3D labels said "weak evidence" without saying where."""
    from app.scene.highlight import PathBuilder
    from app.scene.kinetic_chain import label_points

    centres = PathBuilder.from_meshes(model.nerves, [model.bones, model.muscles, model.structures]).centres
    steps = steps_of(knowledge, "flat_feet")
    _points, words = label_points(steps, centres, knowledge.in_language("en"))
    assert words[0] == f"Foot -> ankle: {steps[0].evidence} evidence"
    assert words[-1].startswith("Hip -> lower back: ")
    assert not any("→" in word for word in words), "VTK's font draws no arrow"
    _points, palabras = label_points(steps, centres, knowledge.in_language("es"))
    assert palabras[0].startswith("Pie -> tobillo: pruebas")
