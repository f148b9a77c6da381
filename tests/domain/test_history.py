"""Back and forward through shown steps: recording drops the forward steps; moving records nothing."""

from __future__ import annotations

import pytest

from app.domain.history import History, Step


def test_back_and_forward_walk_the_steps() -> None:
    history = History()
    a, b, c = Step("candidate", "a"), Step("card", "b"), Step("source", "c")
    for step in (a, b, b, c):  # the same step twice is one step
        history.record(step)
    assert history.steps == [a, b, c] and not history.can_forward
    assert history.back() == b and history.back() == a and history.back() is None
    assert history.forward() == b and history.can_back and history.can_forward
    history.record(Step("card", "d"))  # a new step after going back drops the forward ones
    assert history.steps == [a, b, Step("card", "d")] and not history.can_forward


def test_showing_a_step_again_records_nothing_and_the_length_is_bounded() -> None:
    history = History(limit=3)
    for name in "wxyz":
        history.record(Step("card", name))
    assert [s.id for s in history.steps] == ["x", "y", "z"] and history.index == 2
    history.moving = True
    history.record(Step("card", "q"))
    assert [s.id for s in history.steps] == ["x", "y", "z"]
    with pytest.raises(ValueError, match="unknown step kind"):
        History().record(Step("elsewhere", "x"))
