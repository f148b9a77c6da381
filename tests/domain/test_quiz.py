"""Quiz questions (app/study/questions.py): generated from the content, repeatable for a seed, and every
item has exactly one right answer that the content supports (checked over every generated item)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.knowledge import Knowledge
from app.domain.query import Query, Spot
from app.domain.ranking import candidates
from app.resources import assets_dir
from app.study.items import PRECISION_TO_PASS, PROMPTS, RECALL_TO_PASS, TOPICS, Question, ReachKey
from app.study.questions import QuestionBank, region_reach
from app.study.skin import SkinPoint, skin_points
from app.study.spine_or_hip import GROUPS

SEEDS = settings(max_examples=8, deadline=None, derandomize=True)


@pytest.fixture(scope="module")
def skin() -> list[SkinPoint]:
    """Every labelled vertex of the shipped skin, as the UI hands them over."""
    import pyvista as pv

    from app.scene.skin_labels import SkinLabels

    labels = SkinLabels.from_skin(pv.read(assets_dir() / "skin.vtp"))
    return skin_points(labels, range(len(labels.points)))


@pytest.fixture(scope="module")
def said_in_region(skin: list[SkinPoint]) -> dict[str, set[str]]:
    """Every dermatome label any map gives anywhere in each region."""
    said: dict[str, set[str]] = {}
    for p in skin:
        said.setdefault(p.spot.region or "", set()).update(d for d in (*p.spot.dermatomes, p.keegan) if d)
    return said


@pytest.fixture(scope="module")
def bank(question_bank: QuestionBank, skin: list[SkinPoint]) -> list[Question]:
    return question_bank.generate(skin, seed=7)


def _snapshot(questions: list[Question]) -> list[tuple]:
    return [(q.id, q.kind, q.topic, q.prompt, q.choices, q.shown, q.light, q.answer, q.card) for q in questions]


def test_every_kind_and_topic_is_generated(bank: list[Question]) -> None:
    kinds = {q.kind for q in bank}
    assert kinds == {
        "touch_dermatome",
        "touch_nerve",
        "root_of_spot",
        "map_pair",
        "map_agree",
        "entrapment_nerve",
        "entrapment_site",
        "reach",
        "spine_or_hip",
        "case",
    }
    assert {q.topic for q in bank} == set(TOPICS)
    assert len({q.id for q in bank}) == len(bank), "ids must be unique"
    # prompts are phrases (app/domain/phrases.py), so every language renders them the same way
    assert {q.ask.key for q in bank} == {f"quiz.{prompt}" for prompt in PROMPTS}
    assert all(q.prompt == q.ask.text and "{" not in q.prompt for q in bank)


def test_generation_repeats_for_a_seed(
    question_bank: QuestionBank, skin: list[SkinPoint], bank: list[Question]
) -> None:
    assert _snapshot(question_bank.generate(skin, seed=7)) == _snapshot(bank)
    other = question_bank.generate(skin, seed=8)
    assert [q.id for q in other] == [q.id for q in bank], "ids do not depend on the seed"
    assert _snapshot(other) != _snapshot(bank), "the seed draws spots, distractors and choice order"


def test_the_slow_part_comes_a_ranking_at_a_time_and_makes_the_same_questions(
    knowledge: Knowledge, skin: list[SkinPoint], bank: list[Question], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window makes the questions in short turns of its event loop (app/ui/study/mode.py)."""
    from app.study import spine_or_hip

    rankings = [0]

    def counted(*args, **kwargs):
        rankings[0] += 1
        return candidates(*args, **kwargs)

    monkeypatch.setattr(spine_or_hip, "candidates", counted)
    fresh = QuestionBank(knowledge)
    per_step = []
    for _ in fresh.preparing():
        per_step.append(rankings[0])
        rankings[0] = 0
    assert len(per_step) > 500
    assert max(per_step) <= 2  # a region's first step also ranks the bare touch
    assert _snapshot(fresh.generate(skin, seed=7)) == _snapshot(bank)
    assert rankings[0] < 100, "the spine-or-hip cases are not ranked again"


def test_the_brief_examples_are_there(bank: list[Question]) -> None:
    by_id = {q.id: q for q in bank}
    assert by_id["touch:dermatome_L5"].prompt == "Touch the L5 dermatome (Lee 2008 map)."
    assert by_id["touch:field_lateral_femoral_cutaneous"].prompt == (
        "Touch the skin supplied by the lateral femoral cutaneous nerve."
    )
    for site, nerve in (
        ("fibular_head", "common_fibular"),
        ("tarsal_tunnel", "tibial"),
        ("inguinal_ligament", "lateral_femoral_cutaneous"),
    ):
        question = by_id[f"entrapment:{site}"]
        assert question.check(nerve).right
        assert question.card is not None
    assert by_id["reach:disc_L4_L5"].prompt.startswith("Where can the disc between L4 and L5 send pain?")
    assert any(q.kind == "spine_or_hip" and q.id.startswith("spine_or_hip:groin:") for q in bank)
    assert "map_pair:knee_front:L3:L4" in by_id  # the maps disagree at the patella (territories.yaml)


def test_without_skin_points_the_content_alone_makes_questions(
    knowledge: Knowledge, question_bank: QuestionBank
) -> None:
    questions = question_bank.generate(seed=1)
    kinds = {q.kind for q in questions}
    assert {"touch_dermatome", "touch_nerve", "entrapment_nerve", "reach", "spine_or_hip"} <= kinds
    assert not kinds & {"root_of_spot", "map_pair", "map_agree"}, "spot questions need the skin's labels"


# -- exactly one right answer, supported by the content --------------------------------------------
def _related(knowledge: Knowledge, nerve: str) -> set[str]:
    return {nerve, *knowledge.ancestors(nerve), *knowledge.descendants(nerve)}


def _traps(knowledge: Knowledge, site: str) -> set[str]:
    return {link.target for link in knowledge.links_from(site) if link.mechanism == "entrapment"}


def _supported(knowledge: Knowledge, skin: list[SkinPoint], q: Question, choice: str) -> bool:
    """Does the content (not the question's own key) say this choice is right?"""
    if q.kind == "root_of_spot":
        assert q.shown is not None
        return knowledge.territories[f"dermatome_{q.shown.lee}"].roots == (choice,) and q.shown.keegan == q.shown.lee
    if q.kind == "entrapment_nerve":
        return bool(_traps(knowledge, q.light[0]) & _related(knowledge, choice))
    if q.kind == "entrapment_site":
        return bool(_traps(knowledge, choice) & _related(knowledge, q.light[0]))
    if q.kind == "map_pair":  # Lee's alternate label (where its map is variable) would make a pair right too
        assert q.shown is not None
        lee, keegan = choice.split("|")
        return lee in q.shown.spot.dermatomes and keegan == q.shown.keegan
    if q.kind == "map_agree":
        assert q.shown is not None and q.shown.lee_alternate is None
        return (choice == "agree") == (q.shown.lee == q.shown.keegan)
    if q.kind == "spine_or_hip":
        _, region, answers = q.id.split(":")
        feature, _, trigger = answers.partition("+")
        query = Query(
            spots=(Spot(region=region, side="right"),),
            features=frozenset({feature}),
            triggers=frozenset({trigger} if trigger else ()),
        )
        return knowledge.conditions[candidates(knowledge, query)[0].condition].category == choice
    if q.kind == "case":
        return _case_ranking(knowledge, q)[0].id == choice
    raise AssertionError(q.kind)


def _case_ranking(knowledge: Knowledge, q: Question) -> list:
    """The ranking for a case's pain drawing and answers (from its id: case:<variant>:<areas>:<answers>)."""
    _, _, regions, answers = q.id.split(":")
    chosen = answers.split("+")
    query = Query(
        spots=tuple(Spot(region=r, side="right") for r in regions.split("+")),
        features=frozenset(a for a in chosen if a in knowledge.features),
        triggers=frozenset(a for a in chosen if a in knowledge.triggers),
        checks=frozenset(a for a in chosen if a in knowledge.checks),
    )
    variants = knowledge.variants()
    return [c for c in candidates(knowledge, query) if c.id in variants]


def _labels(point: SkinPoint) -> set[str]:
    return {
        *(f"dermatome_{d}" for d in (*point.spot.dermatomes, point.keegan) if d),
        *(f"field_{n}" for n in point.spot.cutaneous_nerves),
    }


@given(seed=st.integers(0, 2**32 - 1))
@SEEDS
def test_every_item_has_exactly_one_right_answer(
    knowledge: Knowledge,
    question_bank: QuestionBank,
    skin: list[SkinPoint],
    said_in_region: dict[str, set[str]],
    seed: int,
) -> None:
    for q in question_bank.generate(skin, seed=seed):
        if q.answer_with == "choice":
            passing = [c.id for c in q.choices if q.check(c.id).right]
            assert len(passing) == 1, (q.id, passing)
            assert len(q.choices) >= 2 and len({c.id for c in q.choices}) == len(q.choices), q.id
            assert [c.id for c in q.choices if _supported(knowledge, skin, q, c.id)] == passing, q.id
            if q.kind == "root_of_spot":  # no wrong root is given by any map anywhere in that region
                assert q.shown is not None
                wrong = {c.id for c in q.choices} - set(passing)
                assert not said_in_region[q.shown.spot.region or ""] & wrong, q.id
        elif q.answer_with == "touch":
            (territory,) = q.answer
            inside = next(p for p in skin if territory in _labels(p))
            outside = next(
                p for p in skin if p.spot.dermatomes and p.spot.cutaneous_nerves and territory not in _labels(p)
            )
            assert q.check(inside).right, q.id
            assert not q.check(outside).right, q.id
        else:
            assert q.answer_with == "touch_all"


def test_touch_every_area_scores_by_overlap(knowledge: Knowledge, skin: list[SkinPoint], bank: list[Question]) -> None:
    for q in (q for q in bank if q.kind == "reach"):
        key = q.key
        assert isinstance(key, ReachKey)
        every_area = [next(p for p in skin if p.spot.region == region) for region in key.core]
        assert q.check(every_area).right and q.check(every_area).score == 1.0, q.id
        elsewhere = [p for p in skin if not key.reaches(p.spot)][:5]
        assert elsewhere and not q.check(elsewhere).right and q.check(elsewhere).score == 0.0, q.id
        assert not q.check([]).right


def test_touch_every_area_rule(knowledge: Knowledge, bank: list[Question], skin: list[SkinPoint]) -> None:
    q = next(q for q in bank if q.id == "reach:disc_L4_L5")
    key = q.key
    assert isinstance(key, ReachKey)
    area, territories = region_reach(knowledge, "disc_L4_L5")
    assert {"low_back", "shin", "dorsum_of_foot", "big_toe"} <= set(key.core) and "heel" not in area
    assert "dermatome_L5" in territories
    first = {region: next(p for p in skin if p.spot.region == region) for region in key.core}
    first["heel"] = next(p for p in skin if p.spot.region == "heel" and not key.reaches(p.spot))
    enough = int(RECALL_TO_PASS * len(key.core) + 0.999)
    assert q.check([first[r] for r in key.core[:enough]]).right
    assert not q.check([first[r] for r in key.core[: enough - 1]]).right, "too few of the main areas"
    # precision: one touch in ten may land outside, more may not
    padded = [first[r] for r in key.core]
    assert q.check([*padded, first["heel"]]).right == (len(padded) / (len(padded) + 1) >= PRECISION_TO_PASS)
    message = q.check([first["heel"], first["low_back"]]).message
    assert "It does not reach: heel." in message and "Missed:" in message


# -- feedback ----------------------------------------------------------------------------------------
def test_dermatome_touch_accepts_either_map_and_says_which(bank: list[Question], skin: list[SkinPoint]) -> None:
    q = next(q for q in bank if q.id == "touch:dermatome_L4")
    keegan_only = next(p for p in skin if p.keegan == "L4" and "L4" not in p.spot.dermatomes and p.lee)
    feedback = q.check(keegan_only)
    assert feedback.right and "Keegan & Garrett" in feedback.message and "disagree" in feedback.message
    lee = next(p for p in skin if p.lee == "L4")
    assert q.check(lee).right and "Lee 2008 map puts this spot in L4" in q.check(lee).message
    assert q.check(lee.spot).right, "a bare Spot (no Keegan label) is accepted too"
    wrong = next(p for p in skin if p.lee == "S1" and p.keegan == "S1" and "L4" not in p.spot.dermatomes)
    feedback = q.check(wrong)
    assert not feedback.right and feedback.answer == ("dermatome_L4",) and "S1" in feedback.message


def test_choice_feedback_names_the_answer_and_the_card(bank: list[Question]) -> None:
    q = next(q for q in bank if q.id == "entrapment:fibular_head")
    wrong = next(c for c in q.choices if c.id != "common_fibular")
    feedback = q.check(wrong.id)
    assert not feedback.right and feedback.score == 0.0
    assert feedback.message.startswith("Not quite: the answer is Common fibular (peroneal) nerve.")
    assert feedback.card == "fibular_neuropathy" and "common_fibular" in feedback.answer


def test_spot_questions_light_a_spot_without_giving_the_answer(bank: list[Question]) -> None:
    for q in (q for q in bank if q.kind in ("root_of_spot", "map_pair", "map_agree")):
        assert q.shown is not None and q.shown.point is not None and q.shown.spot.region is not None
        assert q.light == (f"region_{q.shown.spot.region}",)
    spine_or_hip = [q for q in bank if q.kind == "spine_or_hip"]
    assert {c.id for q in spine_or_hip for c in q.choices} == set(GROUPS)
    assert {q.check(c.id).right and c.id for q in spine_or_hip for c in q.choices} - {False} == set(GROUPS), (
        "both spine and hip are right answers somewhere"
    )


def test_spine_or_hip_feedback_gives_the_clinical_clue_not_the_apps_score(
    knowledge: Knowledge, bank: list[Question]
) -> None:
    """Issue 22, defect 3: a student needs the clue (what the answers point to and the anatomy),
    not "the ranking puts … first (83%)"."""
    q = next(q for q in bank if q.id == "spine_or_hip:calf:numbness+sitting")
    message = q.check(q.right_choice or "").message
    assert "%" not in message and "ranking" not in message.lower()
    assert message.startswith("Right. Slipped disc between L5 and S1 (S1 nerve root) fits better than hip arthritis")
    assert "Numbness points to a nerve, such as a nerve root." in message, "the feature's clue"
    assert "Pain from a joint, disc or muscle does not make the skin numb." in message, "and why not the hip"
    assert "S1 root" in message, "the anatomy"
    assert "Sitting raises the pressure in the disc." in message, "the trigger's clue"
    for q in (q for q in bank if q.kind == "spine_or_hip"):
        assert "%" not in q.check(q.right_choice or "").message, q.id


def test_an_answer_of_the_wrong_form_is_a_clear_error(bank: list[Question]) -> None:
    from app.domain.errors import QueryError

    choice = next(q for q in bank if q.answer_with == "choice")
    touch = next(q for q in bank if q.answer_with == "touch")
    with pytest.raises(QueryError, match="not one of the choices"):
        choice.check("no_such_choice")
    with pytest.raises(QueryError, match="touched skin point"):
        touch.check("L5")


# -- Spanish -----------------------------------------------------------------------------------------
def test_every_kind_of_question_and_feedback_is_in_spanish(
    knowledge: Knowledge, bank: list[Question], skin: list[SkinPoint]
) -> None:
    """Prompts, choices and feedback (right and wrong) of every kind render in Spanish, with no
    English left and no "(in English)" fallback (issue 11)."""
    from spanish_words import english_in

    words = knowledge.in_language("es")
    sample = skin[::211]
    seen: dict[str, set[bool]] = {}
    for q in bank:
        if q.answer_with == "choice":
            feedbacks = [q.check(c.id) for c in q.choices]
        elif q.answer_with == "touch":
            feedbacks = [q.check(p) for p in sample]
        else:
            feedbacks = [q.check(sample[i : i + n]) for i, n in ((0, 1), (5, 4), (20, 30))]
        for what, phrase in [
            ("prompt", q.ask),
            *(("choice", c.said) for c in q.choices),
            *(("feedback", f.said) for f in feedbacks),
        ]:
            text = words.say(phrase)
            assert words.says(phrase), f"{q.id} {what} ({phrase.key}) falls back to English: {text}"
            assert not english_in(text), f"{q.id} {what} ({phrase.key}): English {english_in(text)} in {text!r}"
        for f in feedbacks:
            seen.setdefault(q.kind, set()).add(f.right)
        assert words.say(q.ask) != q.prompt
    assert all(seen[kind] == {True, False} for kind in seen), f"right and wrong feedback of every kind: {seen}"
    assert set(seen) == {q.kind for q in bank}


def test_names_in_a_sentence_keep_abbreviations_and_inner_brackets() -> None:
    from app.domain.knowledge import shown

    assert shown("L5 nerve root", "sentence", "L5") == "L5 nerve root"
    assert shown("SI joint (low back)", "shortsentence", "si_joint") == "SI joint"
    assert shown("Sural nerve (outer ankle)", "shortsentence", "sural") == "sural nerve"
    assert shown("Adductor (Hunter's) canal in the inner thigh", "shortsentence", "adductor_canal") == (
        "adductor (Hunter's) canal in the inner thigh"
    )


def test_a_stray_touch_near_a_reached_areas_border_is_not_held_against_the_student(bank: list[Question]) -> None:
    """Issue 22, defect 2: both main areas of 'weak hip stabilisers' found, and a third touch meant for
    the knee landed on the back of the knee (from behind): right, within BORDER_TOLERANCE_M of the
    front of the knee; a touch in the middle of the back of the knee is still a stray one."""
    import numpy as np
    import pyvista as pv

    from app.scene.skin_labels import SkinLabels
    from app.study.items import BORDER_TOLERANCE_M
    from app.study.skin import skin_point

    labels = SkinLabels.from_skin(pv.read(assets_dir() / "skin.vtp"))
    q = next(q for q in bank if q.id == "reach:weak_hip_stabilisers")
    assert isinstance(q.key, ReachKey) and set(q.key.core) == {"lateral_hip", "knee_front"}

    def touch(region: str, vertex: int | None = None):
        vertex = vertex if vertex is not None else labels.centre_vertex(f"region_{region}")
        return skin_point(labels, vertex, BORDER_TOLERANCE_M)

    back = np.flatnonzero(labels.territory_mask("region_knee_back", "right"))
    front = labels.points[labels.territory_mask("region_knee_front", "right")]
    gap = np.array([np.linalg.norm(front - labels.points[v], axis=1).min() for v in back])
    border, middle = int(back[np.argmin(gap)]), int(back[np.argmax(gap)])
    assert gap.min() < BORDER_TOLERANCE_M < gap.max()
    found = [touch("lateral_hip"), touch("knee_front")]
    assert q.check([*found, touch("knee_back", border)]).right, "a touch at the border of the knee"
    stray = q.check([*found, touch("knee_back", middle)])
    assert not stray.right and "It does not reach: back of the knee" in stray.message
    assert not q.check([*found, skin_point(labels, border)]).right, "without its neighbourhood it is stray"


def test_case_questions_are_set_from_the_referral_graph_as_a_clinician_would(
    knowledge: Knowledge, bank: list[Question]
) -> None:
    """Issue 22, build item 2: a pain drawing and two answers of different kinds -> which source; the
    right choice is the ranking's clear first, the others its next sources (the differentials), the
    feedback gives the clues, and the card follows."""
    from app.study.cases import CASE_RATIO, NOT_A_CLUE

    cases = {q.id.split(":")[1]: q for q in bank if q.kind == "case"}
    assert len(cases) >= 5 and all(q.topic == "cases" for q in cases.values())
    s1 = cases["lumbar_disc_herniation_L5_S1"]
    assert s1.prompt.startswith("Pain drawing: the calf and heel. The person says: numbness; worse bending forward")
    assert "Narrowed spinal canal at L4-L5 (central stenosis)" in {c.label for c in s1.choices}, "a differential"
    feedback = s1.check("lumbar_disc_herniation_L5_S1")
    assert feedback.right and "%" not in feedback.message
    assert "Numbness points to a nerve, such as a nerve root." in feedback.message, "the clue of the answer"
    assert "S1 root" in feedback.message, "the anatomy"
    assert feedback.card and "S1" in feedback.answer
    for q in cases.values():
        _, _, regions, answers = q.id.split(":")
        chosen = answers.split("+")
        kinds = {kind for a in chosen for kind in ("features", "triggers", "checks") if a in getattr(knowledge, kind)}
        assert len(chosen) == len(kinds) == 2 and not set(chosen) & NOT_A_CLUE, q.id
        assert q.light == tuple(f"region_{r}" for r in regions.split("+")), "the pain drawing is lit"
        ranked = _case_ranking(knowledge, q)
        assert q.right_choice == ranked[0].id and len(q.choices) == 4, q.id
        rival = next(c for c in ranked if c.source != ranked[0].source)
        assert rival.score <= CASE_RATIO * ranked[0].score, q.id
        assert {c.id for c in q.choices} <= {c.id for c in ranked}, "the choices are the ranking's differentials"
        assert len({next(c.source for c in ranked if c.id == choice.id) for choice in q.choices}) == 4, q.id
