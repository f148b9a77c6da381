"""The feedback links its card (issue 22, build item 1): a button opens the card in the explorer's
sources tab, and a button there goes back to the quiz where the student was (the same question and
feedback, nothing lost), with the keyboard alone, in English and in Spanish."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from spanish_words import english_in


def _in_front(dock) -> bool:
    """A tabbed dock is in front when it has pixels on screen (Qt moves the one behind off it)."""
    return not dock.visibleRegion().isEmpty()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_feedback_opens_its_card_in_the_panel_and_comes_back(qtbot, request, open_student, language):
    if language == "es":
        request.getfixturevalue("spanish")
    window = open_student()
    quiz = window.study.quiz
    question = next(q for q in quiz.questions if q.id.startswith("case:lumbar_disc_herniation_L5_S1:"))
    quiz.new_round([question, *(q for q in quiz.questions if q.kind == "entrapment_site")][:3])
    wrong = next(c.id for c in question.choices if c.id != question.right_choice)
    asked = quiz.session.number
    qtbot.keyClick(quiz.panel.choice_buttons[wrong], Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: quiz.feedback is not None)
    said, number, scores = quiz.panel.feedback.text(), quiz.session.number, quiz.session.scores()
    button = quiz.panel.card_button
    assert button.isVisible() and button.text()
    card = window.words.card(question.card)
    assert card.title in button.toolTip() and card.title in button.accessibleName()

    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)  # the keyboard alone
    panel = window.panel
    qtbot.waitUntil(lambda: _in_front(window.explorer_dock))
    assert not _in_front(quiz.dock)
    assert panel.tabs.currentWidget() is panel.sources and panel.sources.card_on_show == question.card
    assert panel.sources.card_view.toPlainText().startswith(card.title)
    back = panel.way_back
    assert back.isVisible() and back.hasFocus()
    assert f"{asked})" in back.text(), "back to the question asked"
    if language == "es":
        assert card.language == "es"
        for text in (back.text(), button.text(), button.accessibleName()):
            assert not english_in(text), text

    qtbot.keyClick(back, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _in_front(quiz.dock))
    assert not back.isVisible()
    assert quiz.feedback is not None and quiz.session.number == number and quiz.session.scores() == scores
    assert quiz.panel.feedback.isVisible() and quiz.panel.feedback.text() == said
    assert quiz.panel.next_button.hasFocus()
    qtbot.keyClick(quiz.panel.next_button, Qt.Key.Key_Return)
    assert quiz.feedback is None and quiz.current is not None and not quiz.panel.card_button.isVisible()
