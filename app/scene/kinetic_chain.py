"""The kinetic chain drawn: foot → ankle → knee → hip → low back, joint by joint, with arrows.

A biomechanical source (flat feet, high arches, a bunion, weak hip muscles, hip arthritis) loads
the joints above or below it through the way we stand and walk. Its reverse view (`Effects`)
names what it strains and how sure the science is; here each strained level of the chain gets
the strongest evidence that reaches it, and an arrow runs from the source's level outward,
level by level, coloured by that evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pyvista as pv

from app.domain.effects import Effects

CHAIN = ("foot", "ankle", "knee", "hip", "low_back")
# Where along the chain a domain id sits (structures, regions, and the sources themselves).
LEVEL_OF = {
    "foot": "foot",
    "toes": "foot",
    "plantar_fascia": "foot",
    "region_sole": "foot",
    "region_heel": "foot",
    "region_big_toe": "foot",
    "region_middle_toes": "foot",
    "region_little_toe": "foot",
    "region_dorsum_of_foot": "foot",
    "ankle_joint": "ankle",
    "talus": "ankle",
    "achilles_tendon": "ankle",
    "region_medial_ankle": "ankle",
    "region_lateral_ankle": "ankle",
    "knee_joint": "knee",
    "region_knee_front": "knee",
    "region_knee_back": "knee",
    "hip_joint": "hip",
    "gluteus_medius": "hip",
    "region_lateral_hip": "hip",
    "region_groin": "hip",
    "region_buttock": "hip",
    "lumbar_vertebrae": "low_back",
    "sacroiliac_joint": "low_back",
    "region_low_back": "low_back",
    "region_sacrum": "low_back",
}
ANCHORS = {
    "foot": "foot_right",
    "ankle": "talus_right",
    "knee": "patella_right",
    "hip": "hip_joint_right",
    "low_back": "vertebra_L4",
}
EVIDENCE_ORDER = ("weak", "limited", "moderate", "strong")
SHAFT_RADIUS_M = {"strong": 0.008, "moderate": 0.0065, "limited": 0.005, "weak": 0.0035}  # surer is bolder
TIP_RADIUS_M, TIP_LENGTH_M = 0.016, 0.035
ARROW_GAP_M = 0.03  # arrows stop short of the joints so both ends stay visible
IN_FRONT_M = np.array([0.0, 0.05, 0.0])  # in front of the bones, where the see-through skin shows them


@dataclass(frozen=True)
class ChainStep:
    start: str  # chain level
    end: str
    evidence: str  # of the link that reaches `end`


def chain_steps(effects: Effects, source_level: str | None) -> list[ChainStep]:
    """Arrows from the source's level outward along the chain, one per strained level."""
    if source_level not in CHAIN:
        return []
    reached: dict[str, str] = {}
    for link in effects.links:
        if link.mechanism != "biomechanical":
            continue
        level = LEVEL_OF.get(link.target)
        if level is None or level == source_level:
            continue
        best = reached.get(level)
        if best is None or EVIDENCE_ORDER.index(link.evidence) > EVIDENCE_ORDER.index(best):
            reached[level] = link.evidence
    start = CHAIN.index(source_level)
    steps: list[ChainStep] = []
    for direction in (1, -1):
        previous = source_level
        index = start + direction
        while 0 <= index < len(CHAIN):
            level = CHAIN[index]
            if level in reached:
                steps.append(ChainStep(previous, level, reached[level]))
                previous = level
            index += direction
    return steps


def source_level(effects: Effects, variant_sources: tuple[str, ...]) -> str | None:
    """The chain level a source starts from: its own id, else the structures its variants act on."""
    for candidate in (effects.source, *variant_sources):
        if candidate in LEVEL_OF:
            return LEVEL_OF[candidate]
    return None


def _ends(step: ChainStep, centres: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    return tuple(np.asarray(centres[ANCHORS[level]]) + IN_FRONT_M for level in (step.start, step.end))


def chain_mesh(steps: list[ChainStep], centres: Mapping[str, np.ndarray]) -> pv.PolyData:
    """One arrow a step between the anchor joints, bolder the surer the evidence."""
    arrows = []
    for step in steps:
        a, b = _ends(step, centres)
        length = float(np.linalg.norm(b - a)) - 2 * ARROW_GAP_M
        if length <= TIP_LENGTH_M:
            continue
        direction = (b - a) / np.linalg.norm(b - a)
        arrows.append(
            pv.Arrow(
                start=a + direction * ARROW_GAP_M,
                direction=direction,
                scale=length,
                tip_length=TIP_LENGTH_M / length,
                tip_radius=TIP_RADIUS_M / length,
                shaft_radius=SHAFT_RADIUS_M[step.evidence] / length,
            )
        )
    return pv.merge(arrows) if arrows else pv.PolyData()


def label_points(steps: list[ChainStep], centres: Mapping[str, np.ndarray]) -> tuple[np.ndarray, list[str]]:
    """Where each arrow's evidence word goes (its middle) and the words."""
    points = [sum(_ends(step, centres)) / 2 for step in steps]
    return np.array(points).reshape(-1, 3), [f"{step.evidence} evidence" for step in steps]
