"""The reverse view lists each place once and names its routes: flat feet reach the low back
directly and by way of the knee and hip."""

from __future__ import annotations

from PySide6.QtCore import QUrl

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
    assert "another way: Flat feet → Knee joint → Hip joint → Lower back" in lines
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


def _deepest_bracket(text: str) -> int:
    depth = deepest = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        deepest = max(deepest, depth)
    return deepest


def test_every_route_is_a_plain_arrow_list_and_the_card_is_a_link(qtbot, knowledge) -> None:
    """Issue 21, defect 8: "Skin of the heel (by way of piriformis muscle (deep in the buttock) →
    sciatic nerve (…) → …)": a wall of nested brackets, and no way to the condition's card."""
    explorer = Explorer(knowledge)
    panel = ExplorerPanel(explorer)
    qtbot.addWidget(panel)
    view = panel.from_source.reach_view
    for source, _title in knowledge.sources():
        explorer.show_source(source)
        lines = view.toPlainText().splitlines()
        nested = [line for line in lines if _deepest_bracket(line) > 1]
        assert not nested, (source, nested)
    explorer.show_source("piriformis_syndrome")
    lines = view.toPlainText().splitlines()
    route = "Piriformis muscle → Sciatic nerve → Tibial nerve → Medial calcaneal nerve → Skin of the heel"
    assert f"Piriformis syndrome → {route}" in lines
    assert 'href="card:piriformis_syndrome"' in view.toHtml()
    with qtbot.waitSignal(panel.card_shown):
        view.anchorClicked.emit(QUrl("card:piriformis_syndrome"))
    assert panel.tabs.currentWidget() is panel.sources
    assert "piriformis" in panel.sources.card_view.toPlainText().lower()
    assert explorer.source is not None, "the card of the source shown keeps its reach on the body"
    panel.close_connections()


def test_conditions_and_body_parts_are_listed_under_their_own_headings(qtbot, knowledge) -> None:
    """Issue 21, defect 8: conditions and structures were mixed in one unlabelled list
    ("Achilles tendon pain" … "Achilles tendon (heel cord)")."""
    explorer = Explorer(knowledge)
    panel = ExplorerPanel(explorer)
    qtbot.addWidget(panel)
    box = panel.from_source.source_box
    rows = [(box.itemText(row), box.itemData(row)) for row in range(box.count())]
    texts = [text for text, _data in rows]
    conditions, parts = texts.index("Conditions"), texts.index("Body parts: nerves, joints, discs …")
    chosen = [(row, data) for row, (_text, data) in enumerate(rows) if data is not None]
    assert all((row < parts) == (data in knowledge.conditions) for row, data in chosen)
    assert all(conditions < row for row, _data in chosen)
    for heading in (conditions, parts):
        assert not box.model().item(heading).isEnabled(), "a heading is not a choice"
    tendon_pain, tendon = "Achilles tendon pain (Achilles tendinopathy)", "Achilles tendon (heel cord)"
    assert texts.index(tendon_pain) < parts < texts.index(tendon)
    panel.close_connections()
