"""Words the reader sees: no doubled brackets, no route listed twice alike."""

from __future__ import annotations

from app.domain.explorer import Explorer, Touch
from app.domain.knowledge import Knowledge
from app.domain.query import Spot


def test_a_title_with_brackets_is_not_bracketed_again(knowledge: Knowledge) -> None:
    explorer = Explorer(knowledge)
    shin = explorer.describe(Touch((0.1, 0.1, 0.3), Spot(region="shin", side="left")))
    assert shin == "your left lower leg: front of the lower leg (shin)"
    assert "((" not in shin and "))" not in shin
    heel = explorer.describe(Touch((0.1, 0.0, 0.0), Spot(region="dorsum_of_foot", side="right")))
    assert heel.startswith("your right foot (") and heel.count("(") == 1
