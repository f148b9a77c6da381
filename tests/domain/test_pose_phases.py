"""The pose engine's domain part: a pose at a phase → drawn joint motions (issue 24)."""

from __future__ import annotations

import pytest

from app.domain.poses import Pose, PoseStep, loop_phase, motions_at, moving_steps


def _pose(exaggeration: float = 3.0) -> Pose:
    steps = (
        PoseStep("roll", "subtalar", "eversion", 4.0, (0.0, 0.5), "limited", ("r",), {"en": "rolls"}),
        PoseStep("valgus", "knee", "valgus", 4.0, (0.5, 1.0), "weak", ("r",), {"en": "in"}),
        PoseStep("short", "tibia", "shortening", 20.0, (0.0, 1.0), "limited", ("r",), {"en": "short"}),
    )
    return Pose("p", "flat_feet", exaggeration, steps, {"en": "summary"})


def test_neutral_at_phase_0_full_and_exaggerated_at_1() -> None:
    assert motions_at(_pose(), 0.0) == []
    full = {m.step: (m.joint, m.axis, m.size) for m in motions_at(_pose(), 1.0)}
    # eversion and valgus: negative turns about the front-to-back axis (right-side convention)
    assert full == {"roll": ("subtalar", "anteroposterior", -12.0), "valgus": ("knee", "anteroposterior", -12.0),
                    "short": ("tibia", "length", 20.0)}  # a length is never exaggerated  # fmt: skip


def test_steps_move_in_their_own_window_eased() -> None:
    at = {m.step: m.size for m in motions_at(_pose(), 0.25)}
    assert at["roll"] == pytest.approx(-6.0) and "valgus" not in at  # half way through its window, eased
    assert [s.id for s in moving_steps(_pose(), 0.75)] == ["valgus", "short"]
    assert [m.joint for m in motions_at(_pose(), 1.0)] == ["knee", "tibia", "subtalar"]  # trunk to toes


def test_the_play_loops_0_to_1_to_0_by_the_clock() -> None:
    assert [loop_phase(t, 4.0) for t in (0.0, 1.0, 2.0, 3.0, 4.0, 5.0)] == [0.0, 0.5, 1.0, 0.5, 0.0, 0.5]


def test_a_phase_outside_0_1_is_refused() -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        motions_at(_pose(), 1.5)
