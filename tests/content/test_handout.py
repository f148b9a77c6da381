"""The handout's words, worked out without Qt from what the explorer shows."""

from __future__ import annotations

from datetime import date

from app.content.handout import DISCLAIMER, build_handout, card_section, handout_html
from app.domain.explorer import Explorer, Touch
from app.domain.knowledge import Knowledge
from app.domain.query import Spot
from app.version import app_version, content_release

FOOT_TOP = Spot(dermatomes=("L5",), cutaneous_nerves=("superficial_fibular",), region="dorsum_of_foot", side="left")


def test_a_touch_gives_spot_side_sources_help_care_and_references(knowledge: Knowledge) -> None:
    explorer = Explorer(knowledge)
    explorer.touch(Touch((-0.2, 0.15, 0.04), FOOT_TOP))
    handout = build_handout(explorer, note="  Walk daily.  ", today=date(2026, 12, 2))
    assert handout.where == "Pain in your left foot (top of the foot)" and handout.side == "left"
    assert handout.note == "Walk daily."
    titles = [s.title for s in handout.sources]
    assert len(titles) == 3 and titles[0] == explorer.candidates[0].title
    assert len({explorer.candidates[[c.title for c in explorer.candidates].index(t)].card for t in titles}) == 3
    assert all(s.helps_html.startswith("<") and "card:" not in s.helps_html for s in handout.sources)
    assert any("Numbness between the legs" in item for _says, signs in handout.care_now for item in signs)
    assert handout.references[0].startswith("[1] ") and all("_" not in r.split(" ", 1)[0] for r in handout.references)
    page = handout_html(handout)
    assert "02 December 2026" in page and DISCLAIMER in page and "Walk daily." in page and "<img" in page
    assert page.index("When to get care now") < page.index("Possible sources"), "safety first"


def test_a_source_shown_in_reverse_gives_its_card(knowledge: Knowledge) -> None:
    explorer = Explorer(knowledge)
    explorer.show_source("flat_feet")
    handout = build_handout(explorer)
    title = knowledge.title("flat_feet")
    assert handout.where == f"Where {title.lower()} can send pain or strain" and handout.side == ""
    assert [s.title for s in handout.sources] == [title]
    assert "arch supports" in handout.sources[0].helps_html


def test_a_red_flag_card_says_what_to_do(knowledge: Knowledge) -> None:
    assert card_section(knowledge.cards["red_flag_cauda_equina"], "Get care now")
    assert card_section(knowledge.cards["flat_feet"], "No such heading") == ""


def test_the_footer_cites_the_app_and_content_versions_in_the_sheets_language(knowledge: Knowledge) -> None:
    explorer = Explorer(knowledge)
    explorer.show_source("flat_feet")
    versions = f"{app_version()}, content {content_release()}"
    assert content_release().version != "unknown"
    assert f"Made with Referral Atlas {versions}" in handout_html(build_handout(explorer))
    spanish = handout_html(build_handout(explorer, language="es"))
    assert f"Hecho con Referral Atlas {app_version()}, contenido {content_release()}" in spanish
