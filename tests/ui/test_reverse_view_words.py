"""The reverse view lists each place once and names its routes: flat feet reach the low back
directly and by way of the knee and hip."""

from __future__ import annotations

from app.domain.explorer import Explorer
from app.ui.explorer.panel import ExplorerPanel


def test_flat_feet_lists_lower_back_once_with_both_routes(qtbot, knowledge) -> None:
    explorer = Explorer(knowledge)
    panel = ExplorerPanel(explorer)
    qtbot.addWidget(panel)
    explorer.show_source("flat_feet")
    lines = panel.from_source.reach_view.toPlainText().splitlines()
    low_back = [line for line in lines if line.startswith("Lower back")]
    assert len(low_back) == 1, lines
    assert "by way of knee joint → hip joint" in low_back[0]
    assert len(lines) == len(set(lines)), "no line twice"
    panel.close_connections()


def test_the_places_are_grouped_strongest_first_as_the_body_is_shaded(qtbot, knowledge) -> None:
    explorer = Explorer(knowledge)
    panel = ExplorerPanel(explorer)
    qtbot.addWidget(panel)
    explorer.show_source("disc_L4_L5")
    text = panel.from_source.reach_view.toPlainText()
    strongly, also, less = (text.index(h) for h in ("Most strongly:", "Also:", "Less often:"))
    assert strongly < text.index("L5 skin strip") < also < less < text.index("Saddle area")
    panel.close_connections()
