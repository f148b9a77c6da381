"""The student quiz in Spanish (issue 11): a round of every kind of question, answered with real
clicks, shows no English in the question, the choices, the feedback and the scores, and the card in
Spanish with its clinicians' and students' section first."""

from __future__ import annotations

from pixels import click, skin_point_near
from PySide6.QtWidgets import QAbstractButton, QLabel
from spanish_words import english_in


def quiz_texts(window) -> list[str]:
    quiz = window.study.quiz.panel
    texts = [
        w.text()
        for w in (*quiz.findChildren(QLabel), *quiz.findChildren(QAbstractButton))
        if w.isVisibleTo(quiz) and w.text()
    ]
    return [*texts, window.statusBar().currentMessage()]


def assert_spanish(texts: list[str], when: str) -> None:
    for text in texts:
        assert not english_in(text) and "(en inglés)" not in text, f"{when}: English in {text!r}"


def test_a_spanish_student_gets_every_kind_of_question_in_spanish(qtbot, spanish, open_student):
    window = open_student()
    study = window.study
    first_of_kind = {}
    for question in study.quiz.questions:
        first_of_kind.setdefault(question.kind, question)
    assert len(first_of_kind) == 10, sorted(first_of_kind)
    window.camera.request_view("anterior")
    qtbot.waitUntil(lambda: not window.animating())
    for kind, question in first_of_kind.items():
        study.quiz.new_round([question])
        assert study.quiz.panel.prompt.text() == study.words.say(question.ask) != question.prompt
        assert_spanish(quiz_texts(window), f"asking {question.id}")
        if question.answer_with == "choice":
            wrong = next(c for c in question.choices if c.id != question.right_choice)
            study.quiz.panel.choice_buttons[wrong.id].click()
        else:
            window.camera.request_view("anterior")  # the last feedback may have turned the body to its answer
            qtbot.waitUntil(lambda: not window.animating())
            for landmark, toward in (("metatarsal_head_3_right", (0, 0, 1)), ("tibial_tuberosity_right", (0.3, 1, 0))):
                click(qtbot, window, skin_point_near(window, landmark, toward))
                if question.answer_with == "touch":
                    break
            if question.answer_with == "touch_all":
                qtbot.waitUntil(lambda: len(study.quiz.touches) == 2)
                study.quiz.panel.finish_button.click()
        qtbot.waitUntil(lambda: study.quiz.feedback is not None)
        said = study.words.say(study.quiz.feedback.said)
        assert study.quiz.panel.feedback.text().startswith(said) and said != study.quiz.feedback.message
        assert_spanish(quiz_texts(window), f"the feedback of {question.id}")
        card = study.words.card(study.quiz.feedback.card) if study.quiz.feedback.card else None
        if card is not None:
            shown = study.quiz.panel.card_view.toPlainText()
            assert card.language == "es" and shown.startswith(card.title)
            if "Para profesionales y estudiantes" in shown:  # the student's section first, as in English
                assert any("Para profesionales y estudiantes" in line for line in shown.splitlines()[1:3]), shown[:200]
        study.quiz.panel.next_button.click()  # the round goes on (a missed item comes back) or ends
        assert_spanish(quiz_texts(window), f"after {question.id}")
