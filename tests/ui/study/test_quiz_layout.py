"""A quiz round at the two usual screen sizes: the body keeps most of the width, the panel shows
the whole question, its feedback and card. Set STUDY_SHOTS to a folder to keep the pictures."""

import os
from dataclasses import replace
from pathlib import Path

import pytest
from pixels import click, skin_point_near

from app.ui.study.quiz_panel import CARD_MIN_PX


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_quiz_round_fits_the_window(qtbot, open_student, size, tmp_path):
    window = open_student(size=size)
    shots = Path(os.environ.get("STUDY_SHOTS", tmp_path))
    study = window.study
    question = next(q for q in study.quiz.questions if q.id == "touch:dermatome_L5")
    choice = next(q for q in study.quiz.questions if q.kind == "root_of_spot")
    study.quiz.new_round([question])
    qtbot.waitUntil(lambda: not window.animating())
    assert window.interactor.width() >= 0.45 * window.width(), "the body keeps the middle"
    prompt = study.quiz.panel.prompt
    assert prompt.isVisible()
    qtbot.waitUntil(lambda: prompt.height() >= prompt.heightForWidth(prompt.width()))  # the whole question shows
    window.grab().save(str(shots / f"quiz_touch_{size[0]}x{size[1]}.png"))

    click(qtbot, window, skin_point_near(window, "patella_right", (0, 1, 0)))  # a wrong touch
    qtbot.waitUntil(lambda: study.quiz.feedback is not None and not window.animating())
    assert study.quiz.panel.feedback.isVisible() and study.quiz.panel.next_button.isVisible()
    assert study.quiz.panel.card_view.toPlainText().strip()
    window.grab().save(str(shots / f"quiz_feedback_{size[0]}x{size[1]}.png"))

    study.quiz.new_round([choice])
    qtbot.waitUntil(lambda: not window.animating())
    assert all(b.isVisible() for b in study.quiz.panel.choice_buttons.values())
    window.grab().save(str(shots / f"quiz_choice_{size[0]}x{size[1]}.png"))
    study.quiz.panel.choice_buttons[choice.right_choice].click()
    qtbot.waitUntil(lambda: not window.animating())
    assert study.quiz.feedback.right
    window.grab().save(str(shots / f"quiz_choice_right_{size[0]}x{size[1]}.png"))


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_longest_feedback_leaves_every_control_in_view_at_1280x800(qtbot, request, open_student, language):
    """Seen in the round played at 1280x800 (issue 22): a case's four-line question, four choices and
    an eight-line feedback pushed the scores and New round / My progress below the dock (a scroll
    bar appeared, and the longest choice made the panel 36 px wider than its dock, cut at the right).
    Every control stays in view; the choices wrap and the card shrinks to make room."""
    if language == "es":
        request.getfixturevalue("spanish")
    window = open_student(size=(1280, 800))
    quiz = window.study.quiz
    case = next(q for q in quiz.questions if q.id.startswith("case:meralgia_paresthetica:"))
    quiz.new_round([case])
    quiz.panel.choice_buttons[case.right_choice].click()
    qtbot.waitUntil(lambda: quiz.feedback is not None and not window.animating())
    panel, scroll = quiz.panel, quiz.dock.widget()
    assert not scroll.verticalScrollBar().isVisible(), "no scrolling to reach the controls"
    assert panel.width() <= scroll.viewport().width(), "nothing cut at the right"
    for button in (*panel.choice_buttons.values(), panel.next_button, panel.card_button, panel.new_round_button):
        corner = button.mapTo(scroll.viewport(), button.rect().bottomRight())
        assert scroll.viewport().rect().contains(corner), button.text()
    assert panel.card_view.height() >= CARD_MIN_PX, "the card still shows a few lines"


def test_the_hint_says_what_is_lit_and_leaves_no_empty_line(qtbot, open_student):
    """Seen in the round played at 1280x800: a pain drawing (areas, no spot) was hinted "The lit spot
    is marked on the body", and an entrapment question left an empty line above its choices."""
    window = open_student(size=(1280, 800))
    quiz = window.study.quiz
    hint = quiz.panel.hint
    case = next(q for q in quiz.questions if q.kind == "case")
    site = next(q for q in quiz.questions if q.id == "entrapment_site:tibial")
    root = next(q for q in quiz.questions if q.kind == "root_of_spot")
    for question, words in ((case, "areas"), (site, "lit on the body"), (root, "spot")):
        quiz.new_round([question])
        assert hint.isVisible() and words in hint.text() and "spot" not in hint.text().replace(words, ""), hint.text()
    quiz.panel.show_question(replace(site, light=()), quiz.session)  # the panel alone: nothing lit
    assert not hint.isVisible(), "no empty line above the choices"


def _darkest(widget) -> int:
    """The darkest grey level in a widget's picture (its words, on a light button)."""
    image = widget.grab().toImage()
    return min(image.pixelColor(x, y).lightness() for x in range(image.width()) for y in range(image.height()))


def test_choice_words_are_dark_until_answered_then_greyed(qtbot, open_student):
    """The wrapped choices' words read as enabled (dark) while the question waits, greyed once the
    other choice is taken (the first wrapped buttons drew every choice greyed)."""
    window = open_student(size=(1280, 800))
    quiz = window.study.quiz
    question = next(q for q in quiz.questions if q.kind == "entrapment_site")
    quiz.new_round([question])
    other = next(c.id for c in question.choices if c.id != question.right_choice)
    button = quiz.panel.choice_buttons[other]
    qtbot.waitUntil(button.isVisible)
    waiting = _darkest(button)
    quiz.panel.choice_buttons[question.right_choice].click()
    answered = _darkest(button)
    assert waiting < 80 < answered, (waiting, answered)
