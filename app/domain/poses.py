"""Poses of the kinetic chain (issue 24): a source's joint motions as data, evaluated at a phase.

A pose is a list of steps, each one joint motion (joint, anatomical motion, true size, the part
of the 0 → 1 play it moves in, evidence, references, caption). `motions_at` turns a pose at a
phase into drawn joint rotations: per joint, (axis, signed degrees) in the right-side convention
below, already multiplied by the pose's exaggeration; the scene mirrors them onto the posed side.

Axes (right side, RAS: +x right, +y front, +z up; a positive angle turns by the right-hand rule):
`mediolateral` x, `anteroposterior` y, `vertical` z, and those the scene takes from the model's
landmarks: `femoral` and `tibial` (a bone's long axis, knee → hip and ankle → knee centre: a thigh
or shin turns in about itself), `talocrural` (medial → lateral malleolus), `metatarsal` (1st → 5th
metatarsal head). The foot stands on the floor (a closed chain), so the subtalar joint's motions are drawn as
the heel's tilt seen from behind (eversion, inversion) and the foot's turn under the leg
(abduction, adduction: the leg turns over a foot that stays put), not as open-chain motion about
Inman's oblique axis, which would lift the toes off the floor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# joint -> motion -> (axis, sign) for the right side
MOTIONS: dict[str, dict[str, tuple[str, int]]] = {
    "lumbar": {
        "flexion": ("mediolateral", -1), "extension": ("mediolateral", 1),
        "lateral_flexion_same_side": ("anteroposterior", 1), "lateral_flexion_other_side": ("anteroposterior", -1),
    },
    "pelvis": {
        "anterior_tilt": ("mediolateral", -1), "posterior_tilt": ("mediolateral", 1),
        "drop_other_side": ("anteroposterior", -1), "drop_same_side": ("anteroposterior", 1),
    },
    "hip": {
        "flexion": ("mediolateral", 1), "extension": ("mediolateral", -1),
        "abduction": ("anteroposterior", -1), "adduction": ("anteroposterior", 1),
        "internal_rotation": ("femoral", 1), "external_rotation": ("femoral", -1),
    },
    "knee": {
        "flexion": ("mediolateral", -1), "valgus": ("anteroposterior", -1), "varus": ("anteroposterior", 1),
        "internal_rotation": ("tibial", 1), "external_rotation": ("tibial", -1),
    },
    "tibia": {"shortening": ("length", 1)},
    "ankle": {"dorsiflexion": ("talocrural", 1), "plantarflexion": ("talocrural", -1)},
    "subtalar": {
        "inversion": ("anteroposterior", 1), "eversion": ("anteroposterior", -1),
        "adduction": ("vertical", 1), "abduction": ("vertical", -1),
    },
    "toes": {"extension": ("metatarsal", 1), "flexion": ("metatarsal", -1)},
}  # fmt: skip
JOINT_ORDER = ("pelvis", "lumbar", "hip", "knee", "tibia", "ankle", "subtalar", "toes")  # trunk to toes
POSED_SIDE = "left"  # the pose is drawn on the body's left leg; the right stays neutral beside it
LENGTH_MOTIONS = frozenset({"shortening"})  # sized in mm, not degrees


@dataclass(frozen=True)
class PoseStep:
    id: str
    joint: str
    motion: str
    size: float  # degrees, or mm for a length motion
    phase: tuple[float, float]
    evidence: str
    references: tuple[str, ...]
    captions: dict[str, str] = field(default_factory=dict)  # language -> caption

    @property
    def axis(self) -> str:
        return MOTIONS[self.joint][self.motion][0]

    @property
    def unit(self) -> str:
        return "mm" if self.motion in LENGTH_MOTIONS else "degrees"

    def caption(self, language: str = "en") -> str:
        return self.captions.get(language) or self.captions["en"]

    def amount(self, phase: float) -> float:
        """The share of the step done at `phase` (0 before its window, 1 after, eased between)."""
        start, end = self.phase
        t = min(max((phase - start) / (end - start), 0.0), 1.0)
        return t * t * (3.0 - 2.0 * t)


@dataclass(frozen=True)
class Pose:
    id: str
    source: str
    exaggeration: float
    steps: tuple[PoseStep, ...]
    summaries: dict[str, str] = field(default_factory=dict)

    def summary(self, language: str = "en") -> str:
        return self.summaries.get(language) or self.summaries["en"]

    def drawn(self, step: PoseStep) -> float:
        """What the skeleton shows: angles exaggerated, lengths true (a bone never grows)."""
        return step.size if step.unit == "mm" else step.size * self.exaggeration


@dataclass(frozen=True)
class JointMotion:
    """One drawn motion of a joint at a phase: right-side axis and signed size (degrees or mm)."""

    joint: str
    axis: str
    size: float
    step: str


def motions_at(pose: Pose, phase: float) -> list[JointMotion]:
    """The pose's drawn motions at `phase` (0 neutral, 1 full), trunk to toes, in step order."""
    if not 0.0 <= phase <= 1.0:
        raise ValueError(f"phase must be between 0 and 1, got {phase}")
    out: list[JointMotion] = []
    for joint in JOINT_ORDER:
        for step in pose.steps:
            if step.joint != joint:
                continue
            axis, sign = MOTIONS[joint][step.motion]
            size = sign * pose.drawn(step) * step.amount(phase)
            if size:
                out.append(JointMotion(joint, axis, size, step.id))
    return out


def moving_steps(pose: Pose, phase: float) -> list[PoseStep]:
    """The steps under way at `phase` (inside their window), for lighting their joints."""
    return [s for s in pose.steps if s.phase[0] <= phase <= s.phase[1]]


def loop_phase(elapsed_s: float, period_s: float) -> float:
    """The play's phase after `elapsed_s`: 0 → 1 → 0 once every `period_s`, looped."""
    t = (elapsed_s / period_s) % 1.0
    return 2.0 * t if t <= 0.5 else 2.0 * (1.0 - t)
