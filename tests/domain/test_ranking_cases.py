"""Location and feature cases from CLINICAL.md with the candidates a clinician would put on top
(the rows are in ranking_cases.yaml), and the ranking's paths, red flags and reasons."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

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
    """One row of ranking_cases.yaml."""

    name: str
    spots: tuple[Spot, ...]
    top: frozenset[str]
    features: frozenset[str] = frozenset()
    triggers: frozenset[str] = frozenset()
    checks: frozenset[str] = frozenset()
    within: tuple[tuple[frozenset[str], int], ...] = ()
    mechanism: str | None = None  # of the top candidate
    card: str | None = None  # of the top candidate

    @classmethod
    def of(cls, row: dict[str, Any]) -> Case:
        spots = tuple(
            spot(s.get("region"), tuple(s.get("dermatomes", ())), tuple(s.get("nerves", ())), s.get("side", R))
            for s in row["spots"]
        )
        return cls(
            row["name"],
            spots,
            frozenset(row["top"]),
            *(frozenset(row.get(kind, ())) for kind in ("features", "triggers", "checks")),
            tuple((frozenset(w["any_of"]), w["in_first"]) for w in row.get("within", ())),
            row.get("mechanism"),
            row.get("card"),
        )

    def query(self) -> Query:
        return Query(spots=self.spots, features=self.features, triggers=self.triggers, checks=self.checks)


CASES = [Case.of(row) for row in yaml.safe_load((Path(__file__).with_name("ranking_cases.yaml")).read_text("utf-8"))]


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
