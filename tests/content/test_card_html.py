"""Card and answer HTML made without Qt: the panel, the compare view, the kiosk and the screen
reader all take their words from here."""

from app.content.answer_text import AnswerWords, best_fits_html, plain_text, where_html, where_said
from app.content.card_html import (
    CardWords,
    candidate_html,
    card_body_html,
    card_lines,
    plain_cards_html,
    reach_html,
    urgent_cards_html,
)
from app.domain.explorer import Explorer, Touch
from app.domain.knowledge import Knowledge
from app.domain.query import Spot

WORDS = CardWords(
    open_the_card="open the card",
    jump_to="<p>Jump to: {0}</p>",
    how_it_reaches="<p>Reaches: {0}</p>",
    why_listed="<p>Why:</p>",
    how_sure="<p>Sure: {0} · Help: {1}</p>",
    who_can_help={"family_doctor": "FAMILY DOCTOR"},
    less_likely="LESS LIKELY",
    explains="explains {0}%",
    by_way=" (by way of {0})",
    also_by_way="; also by way of {0}",
    reach_groups={3: "Most:", 2: "Also:", 1: "Less:", 0: "Areas:"},
    can_send="<p>Sends to:</p>",
    through="<p>Through: {0}</p>",
)
ANSWER = AnswerWords(
    touch_first="Touch first.",
    you_touched="You touched <b>{0}</b>.",
    urgent_first="<br/><b>Urgent first.</b>",
    marked_urgent="<b>Marked urgent.</b>",
    urgent_shown="<b>Urgent shown.</b>",
    best_fits="<b>Best:</b> ",
    touch_to_rank="Touch to rank.",
)
COLOURS = {"radicular": "#EE6677"}
DORSUM = Spot(("L5", "L4"), ("deep_fibular", "superficial_fibular"), "dorsum_of_foot", "left")


def touched(knowledge: Knowledge) -> Explorer:
    explorer = Explorer(knowledge)
    explorer.touch(Touch((0.0, 0.0, 0.0), DORSUM))
    return explorer


def test_a_sources_card_shows_colour_and_words_and_links_its_card_sections(knowledge: Knowledge) -> None:
    explorer = touched(knowledge)
    words = knowledge.in_language("en")
    radicular = next(c for c in explorer.candidates if c.mechanism == "radicular")
    body = card_body_html(words, radicular.card, knowledge.references, None)
    made = candidate_html(radicular, words, body, WORDS, COLOURS)
    assert made.startswith(f"<h2>{words.shown_title(radicular)}</h2>")
    assert "color:#EE6677" in made and words.mechanism("radicular") in made  # the colour never alone
    assert "<p>Reaches: " in made and "<p>Why:</p>" in made and '<a name="section1">' in made
    assert "Jump to: " in made and 'href="#section' in made


def test_an_unknown_mechanism_gets_the_fallback_colour_and_a_lines_facts_say_less_likely(knowledge: Knowledge) -> None:
    explorer = touched(knowledge)
    words = knowledge.in_language("en")
    candidate = explorer.candidates[0]
    assert "color:#888888" in candidate_html(candidate, words, "", WORDS, {})
    title, facts, _why = card_lines(candidate, 1, words, WORDS, likely=False)
    assert title == words.shown_title(candidate) and facts.startswith("LESS LIKELY · ")
    assert "explains" in card_lines(candidate, 2, words, WORDS)[1]


def test_the_answer_line_and_what_a_screen_reader_says(knowledge: Knowledge) -> None:
    words = knowledge.in_language("en")
    explorer = Explorer(knowledge)
    assert where_html(explorer, words, ANSWER) == "Touch first."
    assert best_fits_html(explorer, words, ANSWER, COLOURS) == "Touch to rank."
    explorer.touch(Touch((0.0, 0.0, 0.0), DORSUM))
    rich = where_html(explorer, words, ANSWER)
    assert rich.startswith("You touched <b>")
    said = where_said(explorer, words, ANSWER)
    assert said.startswith("You touched ") and "<" not in said and said == plain_text(rich)
    assert best_fits_html(explorer, words, ANSWER, COLOURS).startswith("<b>Best:</b> <span style=")


def test_plain_text_drops_tags_and_keeps_breaks_and_characters() -> None:
    assert plain_text("A <b>b</b><br/><small>c &amp; d</small>") == "A b\nc & d"


def test_the_reverse_view_lists_places_by_tier(knowledge: Knowledge) -> None:
    explorer = Explorer(knowledge)
    explorer.show_source("flat_feet")
    assert explorer.source is not None
    made = reach_html(explorer.source, knowledge.in_language("en"), WORDS)
    assert "<p>Sends to:</p>" in made and "<b>Most:</b>" in made and "<p>Through: " in made


def test_the_kiosks_plain_cards_and_urgent_signs(knowledge: Knowledge) -> None:
    words = knowledge.in_language("en")
    card = words.card("plantar_fasciitis")
    assert card is not None
    made = plain_cards_html(card, ("MAY BE", "HELPS", "HELP NOW"), hidden=("What helps",))
    assert "<h3>MAY BE</h3>" in made and "<h3>HELPS</h3>" not in made
    assert "<h2>" in urgent_cards_html(words)
