"""A quiz round at the two usual screen sizes: the body keeps most of the width, the panel shows
the whole question, its feedback and card. Set STUDY_SHOTS to a folder to keep the pictures."""

import os
from pathlib import Path

import pytest
from pixels import click, skin_point_near


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
