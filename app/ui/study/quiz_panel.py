"""The quiz panel: the question, the choices (or "touch the body"), the feedback with its card, the
score per topic, and "reset my progress". It shows what it is given and reports what the student
does through signals; `StudyMode` runs the round."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.knowledge import InLanguage
from app.study.items import TOPICS, Feedback, Question

if TYPE_CHECKING:  # the session and its store (pydantic) load with the first round, not at start
    from app.study.session import TopicScore

RIGHT_MARK, WRONG_MARK = "✓", "✗"  # the answer is told by a mark and words, never by its colour alone


def _set_look(widget: QWidget, name: str, value: str) -> None:
    """A property the theme's sheet styles by (app/ui/style.qss), applied at once."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class QuizPanel(QWidget):
    choice_made = Signal(str)
    finish_requested = Signal()  # done touching every area
    next_requested = Signal()
    new_round_requested = Signal()
    reset_requested = Signal()

    def __init__(self, words: InLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = words  # the questions' phrases and the topics in the interface's language
        layout = QVBoxLayout(self)
        self.counter = QLabel()
        self.counter.setProperty("muted", "true")
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.prompt.setFont(font)
        self.prompt.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setProperty("muted", "true")
        self.choices_box = QWidget()
        self.choices = QVBoxLayout(self.choices_box)
        self.choices.setContentsMargins(0, 0, 0, 0)
        self.choice_buttons: dict[str, QPushButton] = {}
        self.finish_button = QPushButton(self.tr("Finish: check my touches"))
        self.finish_button.clicked.connect(self.finish_requested)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        self.feedback.hide()
        self.next_button = QPushButton(self.tr("Next question"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next_requested)
        self.card_view = QTextBrowser()
        self.card_view.setOpenLinks(False)
        self.card_view.setAccessibleName(self.tr("The card that explains the answer"))
        self.scores_title = QLabel(self.tr("Score per topic: this round · all days"))
        self.scores_title.setProperty("muted", "true")
        self.scores = QGridLayout()
        self.score_labels: dict[str, QLabel] = {}
        for row, topic in enumerate(TOPICS):
            name = QLabel(self.topic_name(topic))
            value = QLabel("–")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.scores.addWidget(name, row // 2, (row % 2) * 2)
            self.scores.addWidget(value, row // 2, (row % 2) * 2 + 1)
            self.score_labels[topic] = value
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("quiz", "note")
        self.message.hide()
        buttons = QHBoxLayout()
        self.new_round_button = QPushButton(self.tr("New round"))
        self.new_round_button.clicked.connect(self.new_round_requested)
        self.reset_button = QPushButton(self.tr("Reset my progress"))
        self.reset_button.setToolTip(self.tr("Forget every answer so far and start again"))
        self.reset_button.clicked.connect(self.reset_requested)
        buttons.addWidget(self.new_round_button)
        buttons.addWidget(self.reset_button)

        layout.addWidget(self.counter)
        layout.addWidget(self.prompt)
        layout.addWidget(self.hint)
        layout.addWidget(self.choices_box)
        layout.addWidget(self.finish_button)
        layout.addWidget(self.feedback)
        layout.addWidget(self.next_button)
        layout.addWidget(self.card_view, 1)
        layout.addWidget(self.scores_title)
        layout.addLayout(self.scores)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.show_waiting()

    # -- what to show -------------------------------------------------------------------------
    def topic_name(self, topic: str) -> str:
        return self.words.phrase(f"quiz.topic.{topic}")

    def _clear_choices(self) -> None:
        for button in self.choice_buttons.values():
            self.choices.removeWidget(button)
            button.deleteLater()
        self.choice_buttons = {}

    def show_waiting(self) -> None:
        self.counter.clear()
        self.prompt.setText(self.tr("Making the questions from the atlas …"))
        self.hint.clear()
        self._clear_choices()
        self.finish_button.hide()
        self.feedback.hide()
        self.next_button.hide()

    def show_question(self, question: Question, number: int, total: int) -> None:
        self.counter.setText(
            self.tr("Question {0} of {1} · {2}").format(number, total, self.topic_name(question.topic))
        )
        self.prompt.setText(self.words.marked(question.ask))
        self._clear_choices()
        self.feedback.hide()
        self.next_button.hide()
        self.card_view.setPlaceholderText(self.tr("Answer, and the card that explains it shows here."))
        self.card_view.clear()
        self.finish_button.setVisible(question.answer_with == "touch_all")
        self.finish_button.setEnabled(False)
        if question.answer_with == "touch":
            self.hint.setText(self.tr("Click (or tap) the skin of the body. Drag to turn it."))
        elif question.answer_with == "touch_all":
            self.hint.setText(self.tr("Click every area on the body, then press Finish. Drag to turn it."))
        else:
            self.hint.setText(self.tr("The lit spot is marked on the body.") if question.shown is not None else "")
        for choice in question.choices:
            button = QPushButton(self.words.marked(choice.said))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setProperty("quiz", "choice")
            button.clicked.connect(lambda _checked=False, c=choice.id: self.choice_made.emit(c))
            self.choices.addWidget(button)
            self.choice_buttons[choice.id] = button

    def touches_counted(self, count: int) -> None:
        self.finish_button.setEnabled(count > 0)
        self.finish_button.setText(
            self.tr("Finish: check my {0} touches").format(count) if count else self.tr("Finish: check my touches")
        )

    def show_feedback(self, feedback: Feedback, right_choice: str | None, chosen: str | None, card_html: str) -> None:
        for choice_id, button in self.choice_buttons.items():
            button.setEnabled(False)
            if choice_id == right_choice:
                button.setText(f"{RIGHT_MARK} {button.text()}")
                _set_look(button, "quiz", "right")
            elif choice_id == chosen:
                button.setText(f"{WRONG_MARK} {button.text()}")
                _set_look(button, "quiz", "wrong")
        self.finish_button.hide()
        self.hint.setText(self.tr("The answer is lit on the body (teal)."))
        self.feedback.setText(self.words.marked(feedback.said))
        _set_look(self.feedback, "quiz", "right" if feedback.right else "wrong")
        self.feedback.show()
        self.next_button.show()
        self.next_button.setFocus()
        self.card_view.setHtml(card_html)

    def show_round_over(self, right: int, asked: int) -> None:
        self.counter.clear()
        self.prompt.setText(self.tr("Round over: {0} of {1} right at the first try.").format(right, asked))
        self.hint.setText(self.tr("Missed questions come back in a later round. Press New round to go on."))
        self._clear_choices()
        self.finish_button.hide()
        self.feedback.hide()
        self.next_button.hide()

    def show_scores(self, scores: dict[str, TopicScore], totals: dict[str, tuple[int, int]]) -> None:
        """This round's first answers right / asked, and every answer right / given on all days."""
        for topic, label in self.score_labels.items():
            score = scores.get(topic)
            now = f"{score.right}/{score.asked}" if score else "–"
            right, answered = totals.get(topic, (0, 0))
            label.setText(f"{now} · {right}/{answered}" if answered else now)

    def show_message(self, text: str | None) -> None:
        self.message.setText(text or "")
        self.message.setVisible(bool(text))
