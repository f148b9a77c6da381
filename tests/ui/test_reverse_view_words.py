"""The reverse view names each route, so flat feet's two routes to the low back read differently."""

from __future__ import annotations

from app.domain.explorer import Explorer
from app.ui.explorer_panel import ExplorerPanel


def test_flat_feet_lists_lower_back_once_per_distinct_route(qtbot, knowledge) -> None:
    explorer = Explorer(knowledge)
    panel = ExplorerPanel(explorer)
    qtbot.addWidget(panel)
    explorer.show_source("flat_feet")
    lines = panel.reach_view.toPlainText().splitlines()
    low_back = [line for line in lines if line.startswith("Lower back")]
    assert len(low_back) == 2, lines
    assert len(set(low_back)) == 2 and any("by way of knee joint → hip joint" in line for line in low_back)
    assert len(lines) == len(set(lines)), "no line twice"
    panel.close_connections()
