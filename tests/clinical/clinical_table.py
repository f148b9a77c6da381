"""The clinical verification table (points.yaml): its schema, where each point sits, and the checks.

Kept apart from the test so the table can be checked and run from a shell while it is being edited:
`.venv/bin/python tests/clinical/clinical_table.py` prints every point's outcome.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TABLE = HERE / "points.yaml"
TOP = 3
MAX_PROBE_TO_SKIN_M = 0.045  # a probe further than this from the skin is misplaced


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Placement(_Strict):
    from_: str | list[str] = Field(alias="from")
    to: str | list[str] | None = None
    t: float = 0.5
    offset: tuple[float, float, float] = (0.0, 0.0, 0.0)  # lateral (mirrored), anterior, up


class Dermatomes(_Strict):
    lee: list[str]
    keegan: list[str]
    isncsci: list[str] = []


class AcceptedFailure(_Strict):
    check: Literal["dermatome", "keegan", "maps", "nerve", "region", "top3", "absent", "ask_first"]
    reason: str
    refs: list[str] = Field(min_length=1)


class Point(_Strict):
    id: str
    note: str = ""
    side: Literal["both", "right", "left"] = "both"
    at: Placement
    isncsci_key: bool = False
    dermatomes: Dermatomes
    disagreement: str = ""
    nerves: list[str]
    regions: list[str] = Field(min_length=1)
    top3: list[str] = []
    top3_any: list[str] = []
    absent: list[str] = []
    ask_first: list[str] = []  # the red flags the spot asks about before any source (none elsewhere)
    refs: dict[Literal["dermatome", "nerve", "region", "top3", "absent", "ask_first"], list[str]]
    accepted_failure: list[AcceptedFailure] = []

    @model_validator(mode="after")
    def _referenced(self) -> Point:
        needs = (
            {"dermatome"} | ({"nerve"} if self.nerves else set()) | ({"top3"} if self.top3 or self.top3_any else set())
        )
        needs |= {"ask_first"} if self.ask_first else set()
        missing = needs - set(self.refs)
        if missing:
            raise ValueError(f"{self.id}: no reference for {', '.join(sorted(missing))}")
        if self.isncsci_key and len(self.dermatomes.isncsci) != 1:
            raise ValueError(f"{self.id}: an ISNCSCI key point names exactly one level")
        return self


class Table(_Strict):
    schema_: Literal[1] = Field(alias="schema")
    points: list[Point]

    @field_validator("points")
    @classmethod
    def _unique(cls, points: list[Point]) -> list[Point]:
        ids = [p.id for p in points]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"duplicate point ids: {', '.join(dup)}")
        return points


def load_table(path: Path = TABLE) -> Table:
    return Table.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def known_ids(knowledge) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """What the table may name: territories, sources and references of the content."""
    terr = knowledge.territories
    sources = set(knowledge.conditions) | set(knowledge.variants()) | set(knowledge.structures)
    return {
        "dermatome": {t.removeprefix("dermatome_") for t in terr if t.startswith("dermatome_")},
        "nerve": {t.removeprefix("field_") for t in terr if t.startswith("field_")},
        "region": {t.removeprefix("region_") for t in terr if t.startswith("region_")},
        "source": sources,
        "reference": set(knowledge.references),
    }


def unknown_names(table: Table, known: dict[str, set[str]]) -> list[str]:
    out: list[str] = []
    for p in table.points:
        d = p.dermatomes
        out += [f"{p.id}: dermatome {x}" for x in (*d.lee, *d.keegan, *d.isncsci) if x not in known["dermatome"]]
        out += [f"{p.id}: nerve {x}" for x in p.nerves if x not in known["nerve"]]
        out += [f"{p.id}: region {x}" for x in p.regions if x not in known["region"]]
        out += [f"{p.id}: source {x}" for x in (*p.top3, *p.top3_any, *p.absent) if x not in known["source"]]
        refs = [r for rs in p.refs.values() for r in rs] + [r for f in p.accepted_failure for r in f.refs]
        out += [f"{p.id}: reference {r.split()[0]}" for r in refs if r.split()[0] not in known["reference"]]
    return out


# -- placement ------------------------------------------------------------------------------------
def _landmark(landmarks: dict[str, list[float]], name: str, side: str) -> np.ndarray:
    for key in (f"{name}_{side}", name):
        if key in landmarks:
            return np.asarray(landmarks[key], dtype=float)
    raise KeyError(f"landmark {name} ({side})")


def _mean(landmarks: dict[str, list[float]], names: str | list[str], side: str) -> np.ndarray:
    names = [names] if isinstance(names, str) else names
    return np.mean([_landmark(landmarks, n, side) for n in names], axis=0)


def probe(point: Point, side: str, landmarks: dict[str, list[float]]) -> np.ndarray:
    at = point.at
    p = _mean(landmarks, at.from_, side)
    if at.to is not None:
        p = p + at.t * (_mean(landmarks, at.to, side) - p)
    lateral = 1.0 if side == "right" else -1.0
    return p + np.array([lateral * at.offset[0], at.offset[1], at.offset[2]])


# -- one point through query --point's code path ----------------------------------------------------
@dataclass
class Outcome:
    point: Point
    side: str
    probe: np.ndarray
    skin_distance: float
    dermatomes: tuple[str, ...]
    keegan: str | None
    nerves: tuple[str, ...]
    region: str | None
    spot_side: str | None
    ranked: list[tuple[str, str, str]]  # (variant id, condition, source) of the sources, urgent cards left out
    asks: list[str]  # the red flags asked first (the "check first" card's)
    maps_agree: bool | None  # what the query answer says about the two dermatome maps here
    failures: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.point.id}/{self.side}"

    def top_names(self, n: int) -> set[str]:
        return {name for entry in self.ranked[:n] for name in entry}

    def evaluate(self) -> None:
        p, d = self.point, self.point.dermatomes
        first = self.dermatomes[0] if self.dermatomes else None
        if p.isncsci_key:
            ok = first == d.isncsci[0]
        else:
            ok = first in {*d.lee, *d.isncsci} or (bool(p.disagreement) and first in d.keegan)
        if not ok:
            self.failures["dermatome"] = (
                f"primary dermatome {first} (labels {list(self.dermatomes)}), accepted Lee {d.lee} ISNCSCI {d.isncsci}"
            )
        if self.keegan not in {*d.keegan, *d.isncsci}:
            self.failures["keegan"] = f"Keegan map label {self.keegan}, accepted {d.keegan}"
        if not set(d.lee) & set(d.keegan) and self.maps_agree is not False:
            self.failures["maps"] = (
                f"Lee {d.lee} and Keegan {d.keegan} differ here, but the answer says the maps agree ({self.maps_agree})"
            )
        if p.nerves and not set(p.nerves) & set(self.nerves):
            self.failures["nerve"] = f"nerves {list(self.nerves)}, accepted {p.nerves}"
        if self.region not in p.regions:
            self.failures["region"] = f"region {self.region}, accepted {p.regions}"
        top = self.top_names(TOP)
        missing = [s for s in p.top3 if s not in top]
        if p.top3_any and not set(p.top3_any) & top:
            missing.append("one of " + "/".join(p.top3_any))
        if missing:
            self.failures["top3"] = (
                f"not in the top {TOP}: {', '.join(missing)} (top: {[r[0] for r in self.ranked[:TOP]]})"
            )
        every = self.top_names(len(self.ranked))
        present = [s for s in p.absent if s in every]
        if present:
            self.failures["absent"] = f"listed but must not be: {', '.join(present)}"
        if self.asks != p.ask_first:
            self.failures["ask_first"] = f"asks first {self.asks}, expected {p.ask_first}"
        if self.skin_distance > MAX_PROBE_TO_SKIN_M:
            self.failures["placement"] = f"probe {self.skin_distance * 100:.1f} cm from the skin"
        for accepted in p.accepted_failure:
            self.failures.pop(accepted.check, None)


def run_table(table: Table, labels, knowledge, landmarks: dict[str, list[float]]) -> list[Outcome]:  # type: ignore[no-untyped-def]
    """Every point on its side(s), through the calls of `query --point` (app/cli/query.py _spot_at, then
    ranking.candidates)."""
    from app.domain.query import Query, dermatome_maps
    from app.domain.ranking import candidates

    outcomes: list[Outcome] = []
    for point in table.points:
        for side in ("right", "left") if point.side == "both" else (point.side,):
            xyz = probe(point, side, landmarks)
            vertex = labels.nearest_point(tuple(float(v) for v in xyz))
            spot = labels.spot(vertex)
            ranked = candidates(knowledge, Query(spots=(spot,)))
            maps = dermatome_maps(spot)
            outcome = Outcome(
                point=point,
                side=side,
                probe=xyz,
                skin_distance=float(np.linalg.norm(labels.points[vertex] - xyz)),
                dermatomes=spot.dermatomes,
                keegan=labels.name("dermatome_keegan", vertex),
                nerves=spot.cutaneous_nerves,
                region=spot.region,
                spot_side=spot.side,
                ranked=[(c.id, c.condition, c.source) for c in ranked if c.mechanism != "urgent"],
                asks=[flag for c in ranked for flag in c.asks],
                maps_agree=None if maps is None else maps.agree,
            )
            outcome.evaluate()
            outcomes.append(outcome)
    return outcomes


# -- figures ---------------------------------------------------------------------------------------
CHECKS = ("dermatome", "nerve", "top3")


def rates(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """hits and totals per check: dermatome-first, nerve-listed, top-3 (points with such an expectation)."""
    out: dict[str, tuple[int, int]] = {}
    for check in (*CHECKS, "keegan", "maps", "region", "absent", "ask_first"):
        relevant = [o for o in outcomes if _applies(o.point, check)]
        hits = sum(1 for o in relevant if check not in o.failures and not _accepted(o.point, check))
        out[check] = (hits, len(relevant))
    return out


def _applies(point: Point, check: str) -> bool:
    applies = {
        "nerve": bool(point.nerves),
        "top3": bool(point.top3 or point.top3_any),
        "absent": bool(point.absent),
        "maps": not set(point.dermatomes.lee) & set(point.dermatomes.keegan),
    }
    return applies.get(check, True)


def _accepted(point: Point, check: str) -> bool:
    return any(f.check == check for f in point.accepted_failure)


def figures(outcomes: list[Outcome]) -> str:
    lines = []
    for name, group in (
        ("ISNCSCI key points", [o for o in outcomes if o.point.isncsci_key]),
        ("other points", [o for o in outcomes if not o.point.isncsci_key]),
    ):
        r = rates(group)
        parts = [f"{c} {h}/{n} ({100 * h / n:.0f}%)" for c, (h, n) in r.items() if n]
        lines.append(f"{name} ({len(group)}): " + ", ".join(parts))
    return "\n".join(lines)


def load_everything():  # type: ignore[no-untyped-def]
    from app.content.loader import load
    from app.resources import content_dir
    from app.scene.assets import assets_dir, load_skin
    from app.scene.skin_labels import SkinLabels

    knowledge, _ = load(content_dir(), check_reading=False)
    landmarks = json.loads((assets_dir() / "landmarks.json").read_text())["landmarks"]
    return load_table(), SkinLabels.from_skin(load_skin()), knowledge, landmarks


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    table, labels, knowledge, landmarks = load_everything()
    for problem in unknown_names(table, known_ids(knowledge)):
        print("UNKNOWN", problem)
    only = set(sys.argv[1:])
    for o in run_table(table, labels, knowledge, landmarks):
        if only and o.point.id not in only:
            continue
        mark = "FAIL" if o.failures else "ok  "
        print(
            f"{mark} {o.key:34s} {o.skin_distance * 100:4.1f}cm {list(o.dermatomes)} K={o.keegan} "
            f"{list(o.nerves)} {o.region} | {[r[0] for r in o.ranked[:3]]}"
        )
        for check, why in o.failures.items():
            print(f"       {check}: {why}")
    print(figures(run_table(table, labels, knowledge, landmarks)))
