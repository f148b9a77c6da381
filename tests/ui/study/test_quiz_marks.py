"""Colour never alone (issue 11.7): the quiz tells right from wrong with a mark and words, not only
with green and red."""

from app.ui.study.quiz_panel import RIGHT_MARK, WRONG_MARK


def test_the_right_and_the_wrong_choice_are_marked_not_only_coloured(qtbot, student):
    window = student
    question = next(q for q in window.study.quiz.questions if q.kind == "entrapment_nerve")
    window.study.quiz.new_round([question])
    buttons = window.study.quiz.panel.choice_buttons
    wrong = next(c for c in question.choices if c.id != question.right_choice)
    plain = {choice_id: button.text() for choice_id, button in buttons.items()}
    buttons[wrong.id].click()
    assert buttons[question.right_choice].text() == f"{RIGHT_MARK} {plain[question.right_choice]}"
    assert buttons[wrong.id].text() == f"{WRONG_MARK} {plain[wrong.id]}"
    others = [b for choice_id, b in buttons.items() if choice_id not in (wrong.id, question.right_choice)]
    assert all(b.text()[:1] not in (RIGHT_MARK, WRONG_MARK) for b in others)
    assert buttons[question.right_choice].property("quiz") == "right"  # and the theme colours it too
