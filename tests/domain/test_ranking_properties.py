"""Invariants of the ranking, checked on generated queries (hypothesis, derandomised: same cases every run)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.content import load
from app.domain.errors import QueryError
from app.domain.knowledge import Knowledge
from app.domain.query import Query, Spot
from app.domain.ranking import answer_factor, candidates
from app.domain.urgency import ask_first

KNOWLEDGE, _ISSUES = load(Path(__file__).resolve().parents[2] / "content")
DERMATOMES = sorted(t.label for t in KNOWLEDGE.territories.values() if t.kind == "dermatome")
NERVES = sorted(t.label for t in KNOWLEDGE.territories.values() if t.kind == "field")
REGIONS = sorted(t.label for t in KNOWLEDGE.territories.values() if t.kind == "region")
FEATURES, TRIGGERS, CHECKS = (sorted(table) for table in (KNOWLEDGE.features, KNOWLEDGE.triggers, KNOWLEDGE.checks))
RED_FLAGS = sorted(KNOWLEDGE.red_flags)
SPINE_TYPICAL = sorted(
    a.id for t in (KNOWLEDGE.features, KNOWLEDGE.triggers, KNOWLEDGE.checks) for a in t.values() if a.spine_typical
)
PROPERTIES = settings(max_examples=150, deadline=None, derandomize=True)

spots = st.builds(
    Spot,
    dermatomes=st.lists(st.sampled_from(DERMATOMES), max_size=2, unique=True).map(tuple),
    cutaneous_nerves=st.lists(st.sampled_from(NERVES), max_size=2, unique=True).map(tuple),
    region=st.one_of(st.none(), st.sampled_from(REGIONS)),
    side=st.sampled_from(["left", "right", "midline", None]),
).filter(lambda s: bool(s.dermatomes or s.cutaneous_nerves or s.region))
queries = st.builds(
    Query,
    spots=st.lists(spots, min_size=1, max_size=3).map(tuple),
    features=st.frozensets(st.sampled_from(FEATURES), max_size=3),
    triggers=st.frozensets(st.sampled_from(TRIGGERS), max_size=3),
    checks=st.frozensets(st.sampled_from(CHECKS), max_size=2),
)


def queried(query: Query) -> set[str]:
    out: set[str] = set()
    for spot in query.spots:
        out |= {f"dermatome_{d}" for d in spot.dermatomes} | {f"field_{n}" for n in spot.cutaneous_nerves}
        out |= {f"region_{spot.region}"} if spot.region else set()
    return out


def test_content_loaded_cleanly() -> None:
    assert not _ISSUES


@PROPERTIES
@given(queries)
def test_deterministic(query: Query) -> None:
    assert candidates(KNOWLEDGE, query) == candidates(KNOWLEDGE, query)


def test_deterministic_with_a_cold_cache() -> None:
    fresh: Knowledge = load(Path(__file__).resolve().parents[2] / "content")[0]
    query = Query(
        spots=(Spot(region="groin", side="left"), Spot(dermatomes=("L5",), side="left")),
        features=frozenset({"tingling"}),
    )
    ranked = candidates(fresh, query)
    assert ranked
    assert ranked == candidates(KNOWLEDGE, query)


@PROPERTIES
@given(queries)
def test_scores_and_shares_are_in_range_and_sorted(query: Query) -> None:
    ranked = candidates(KNOWLEDGE, query)
    assume(ranked)  # a query that ranks nothing says nothing about scores
    for c in ranked:
        assert 0.0 <= c.score <= 1.0
        assert 0.0 <= c.explains <= 1.0
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)
    assert len({c.id for c in ranked}) == len(ranked)


@PROPERTIES
@given(queries)
def test_every_path_runs_from_the_source_to_a_queried_place(query: Query) -> None:
    places = queried(query)
    ranked = candidates(KNOWLEDGE, query)
    assume(ranked)
    for c in ranked:
        assert c.path[0] == c.source
        if c.mechanism == "urgent":  # the saddle area asks first, or numbness felt there is its sign
            asked = set(ask_first(KNOWLEDGE, query))
            assert asked and set(c.asks) <= asked and c.path == (c.source,)
            continue
        assert c.path[-1] in places, (c.id, c.path, places)
        assert all(i in KNOWLEDGE.structures for i in c.path[:-1]), c.path
        assert c.reasons and c.card in KNOWLEDGE.cards


@PROPERTIES
@given(queries, st.frozensets(st.sampled_from(RED_FLAGS), min_size=1, max_size=3))
def test_a_red_flag_always_ranks_first(query: Query, flags: frozenset[str]) -> None:
    ranked = candidates(KNOWLEDGE, Query(query.spots, query.features, query.triggers, query.checks, flags))
    urgent = [c for c in ranked if c.mechanism == "urgent"]
    assert urgent and ranked[: len(urgent)] == urgent
    asked = {KNOWLEDGE.red_flags[f].card for f in ask_first(KNOWLEDGE, query)}
    assert {c.card for c in urgent} == {KNOWLEDGE.red_flags[f].card for f in flags} | asked
    assert [c.score for c in urgent] == [1.0] * len(urgent)


@PROPERTIES
@given(queries, st.sampled_from(SPINE_TYPICAL))
def test_a_spine_typical_answer_never_lowers_the_spine_sources_it_points_to(query: Query, answer: str) -> None:
    before = [c for c in candidates(KNOWLEDGE, query) if c.mechanism != "urgent"]  # sources only
    kind = next(k for k in ("features", "triggers", "checks") if answer in getattr(KNOWLEDGE, k))
    added = {**vars(query), kind: getattr(query, kind) | {answer}}
    after = [c.id for c in candidates(KNOWLEDGE, Query(**added)) if c.mechanism != "urgent"]
    variants = KNOWLEDGE.variants()
    best = max((answer_factor(KNOWLEDGE, variants[c.id], answer)[0] for c in before), default=1.0)
    favoured = [
        (rank, c.id)
        for rank, c in enumerate(before)
        if KNOWLEDGE.conditions[c.condition].category == "spine"
        and answer_factor(KNOWLEDGE, variants[c.id], answer)[0] == best
    ]
    assume(favoured)  # nothing the answer points to is listed: nothing to check
    for rank, candidate in favoured:
        assert after.index(candidate) <= rank, (answer, candidate, rank, after.index(candidate))


@pytest.mark.parametrize("answer", SPINE_TYPICAL)
def test_spine_typical_answers_favour_spine_sources_most(answer: str) -> None:
    """No candidate gets more from a spine-typical answer than the spine sources it is typical of."""
    variants = KNOWLEDGE.variants().values()
    factors = {v.id: answer_factor(KNOWLEDGE, v, answer)[0] for v in variants}
    spine = [v.id for v in variants if KNOWLEDGE.conditions[v.condition].category == "spine"]
    top = max(factors.values())
    assert top > 1.0 and any(factors[v] == top for v in spine)


@pytest.mark.parametrize("answer", ["shooting", "tingling", "numbness", "weakness"])
def test_nerve_signs_favour_every_spine_root_source_equally(answer: str) -> None:
    variants = KNOWLEDGE.variants().values()
    top = max(answer_factor(KNOWLEDGE, v, answer)[0] for v in variants)
    radicular = [v for v in variants if v.mechanism == "radicular"]
    assert radicular
    assert {answer_factor(KNOWLEDGE, v, answer)[0] for v in radicular} == {top}


@PROPERTIES
@given(queries)
def test_more_answers_never_change_who_is_listed(query: Query) -> None:
    bare = Query(spots=query.spots)
    listed = [{(c.card if c.mechanism == "urgent" else c.id) for c in candidates(KNOWLEDGE, q)} for q in (bare, query)]
    assert listed[0] == listed[1], "numbness in the saddle area turns its check into the urgent card itself"


def test_unknown_ids_raise_a_query_error() -> None:
    with pytest.raises(QueryError, match="dermatome L9"):
        candidates(KNOWLEDGE, Query(spots=(Spot(dermatomes=("L9",)),)))
    with pytest.raises(QueryError, match="feature itchy"):
        candidates(KNOWLEDGE, Query(spots=(Spot(region="heel"),), features=frozenset({"itchy"})))
    with pytest.raises(QueryError, match="red flag"):
        candidates(KNOWLEDGE, Query(red_flags=frozenset({"headache"})))


def test_no_place_no_flags_no_candidates() -> None:
    assert candidates(KNOWLEDGE, Query(features=frozenset({"shooting"}))) == []


def _opening(reason: object, words: int = 8) -> str:
    return " ".join(str(reason).lower().split()[:words])


@pytest.mark.parametrize(
    "spot",
    [Spot(region=r, side="left") for r in REGIONS]
    + [Spot(dermatomes=(d,), side="left") for d in DERMATOMES]
    + [Spot(cutaneous_nerves=(n,), side="left") for n in NERVES],
    ids=str,
)
def test_no_candidate_gives_the_same_reason_twice(spot: Spot) -> None:
    """A link's note and its condition's note said one thing twice in one list (the fibular nerve
    "winds round the bony bump below the outer knee" in both); pointers to different look-alike
    cards share their template's opening and are not repeats."""
    for candidate in candidates(KNOWLEDGE, Query(spots=(spot,))):
        openings = [_opening(r) for r in candidate.why if not _opening(r).startswith("it can look like")]
        assert len(openings) == len(set(openings)), (candidate.id, [str(r) for r in candidate.why])
