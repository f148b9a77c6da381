"""The quiz panel: the question, the choices (or "touch the body"), the feedback with its card, the
score per topic, and "reset my progress". It shows what it is given and reports what the student
does through signals; `StudyMode` runs the round."""

from __future__ import annotations

from html import escape
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
from app.study.items import BORDER_TOLERANCE_M, TOPICS, Feedback, Question
from app.ui.widgets import WrappingButton

if TYPE_CHECKING:  # the session and its store (pydantic) load with the first round, not at start
    from app.study.session import StudySession, TopicScore

FEEDBACK_MARGIN = 8
PANEL_SPACING_PX = 4  # a Spanish case's question, choices and feedback fit 1280x800 (6 px did not)
CARD_MIN_PX = 80  # the card shows a few lines at least (whole in the sources panel)

RIGHT_MARK, WRONG_MARK = "✓", "✗"  # the answer is told by a mark and words, never by its colour alone


def _set_look(widget: QWidget, name: str, value: str) -> None:
    """A property the theme's sheet styles by (app/ui/style.qss), applied at once."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class QuizPanel(QWidget):
    choice_made = Signal(str)
    finish_requested = Signal()  # done touching every area
    card_requested = Signal()  # open the feedback's card in the explorer's panel
    next_requested = Signal()
    new_round_requested = Signal()
    progress_requested = Signal()
    reset_requested = Signal()

    def __init__(self, words: InLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = words  # the questions' phrases and the topics in the interface's language
        layout = QVBoxLayout(self)
        layout.setSpacing(PANEL_SPACING_PX)
        self.counter = QLabel()
        self.counter.setProperty("muted", "true")
        self.round_note = QLabel()  # how long the round is, and why it grew
        self.round_note.setWordWrap(True)
        self.round_note.setProperty("muted", "true")
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
        self.choice_buttons: dict[str, WrappingButton] = {}
        self.finish_button = QPushButton(self.tr("Finish: check my touches"))
        self.finish_button.clicked.connect(self.finish_requested)
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.PlainText)
        # the room inside its box: a style sheet's padding is left out of a word-wrapped label's height
        self.feedback.setContentsMargins(FEEDBACK_MARGIN, FEEDBACK_MARGIN, FEEDBACK_MARGIN, FEEDBACK_MARGIN)
        self.feedback.setObjectName("quiz_feedback")
        self.feedback.hide()
        self.next_button = QPushButton(self.tr("Next question"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next_requested)
        self.card_button = WrappingButton("")  # the card in the sources panel, with a way back here
        self.card_button.clicked.connect(self.card_requested)
        self.card_button.hide()
        self.card_view = QTextBrowser()
        self.card_view.setOpenLinks(False)
        self.card_view.setAccessibleName(self.tr("The card that explains the answer"))
        # the card takes the room left (it scrolls): its size hint would push the buttons below the dock
        self.card_view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.card_view.setMinimumHeight(CARD_MIN_PX)
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
        self.progress_button = QPushButton(self.tr("My progress"))
        self.progress_button.setToolTip(
            self.tr("Every topic's questions by box: how well each is known, over all days")
        )
        self.progress_button.clicked.connect(self.progress_requested)
        self.reset_button = QPushButton(self.tr("Reset my progress"))
        self.reset_button.setToolTip(self.tr("Forget every answer so far and start again"))
        self.reset_button.clicked.connect(self.reset_requested)
        buttons.addWidget(self.new_round_button)
        buttons.addWidget(self.progress_button)
        buttons.addWidget(self.reset_button)

        layout.addWidget(self.counter)
        layout.addWidget(self.round_note)
        layout.addWidget(self.prompt)
        layout.addWidget(self.hint)
        layout.addWidget(self.choices_box)
        layout.addWidget(self.finish_button)
        layout.addWidget(self.feedback)
        after = QHBoxLayout()  # one row: the room goes to the card below
        after.addWidget(self.next_button)
        after.addWidget(self.card_button, 1)
        layout.addLayout(after)
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
            button.hide()
            button.setParent(None)  # out of the Tab chain now, not when deleted
            button.deleteLater()
        self.choice_buttons = {}

    def show_waiting(self) -> None:
        self.counter.clear()
        self.prompt.setText(self.tr("Making the questions from the atlas …"))
        self.hint.clear()
        self._clear_choices()
        self.finish_button.hide()
        self.feedback.hide()
        self.card_button.hide()
        self.next_button.hide()

    def show_question(self, question: Question, session: StudySession) -> None:
        self.counter.setText(
            self.tr("Question {0} of {1} · {2}").format(session.number, session.length, self.topic_name(question.topic))
        )
        if session.asked_again:
            note = self.tr(
                "{0} questions planned + {1} asked again because they were missed "
                "(a missed question comes back after {2} others, at most {3} times)."
            ).format(session.planned, session.asked_again, session.again_after, session.max_again)
        else:
            note = self.tr(
                "A round has {0} questions. A missed question comes back after {1} others "
                "(at most {2} times), so a round can grow."
            ).format(session.planned, session.again_after, session.max_again)
        if session.repeat:
            note = self.tr("Asked again: you missed it earlier in this round.") + " " + note
        self.round_note.setText(note)
        self.round_note.show()
        self.prompt.setText(self.words.marked(question.ask))
        self._clear_choices()
        self.feedback.hide()
        self.card_button.hide()
        self.next_button.hide()
        self.card_view.setPlaceholderText(self.tr("Answer, and the card that explains it shows here."))
        self.card_view.clear()
        self.finish_button.setVisible(question.answer_with == "touch_all")
        self.touches_counted(0)
        if question.answer_with == "touch":
            self.hint.setText(self.tr("Click (or tap) the skin of the body. Drag to turn it."))
        elif question.answer_with == "touch_all":
            self.hint.setText(
                self.tr(
                    "Click every area on the body, then press Finish. Drag to turn it. A touch within {0} cm "
                    "of an area it reaches is not held against you."
                ).format(round(BORDER_TOLERANCE_M * 100))
            )
        elif question.shown is not None and question.shown.point is not None:
            self.hint.setText(self.tr("The lit spot is marked on the body."))
        elif question.shown is not None:  # a pain drawing: areas, no spot
            self.hint.setText(self.tr("The lit areas are on the body (yellow)."))
        else:
            self.hint.setText(self.tr("What it asks about is lit on the body (yellow).") if question.light else "")
        self.hint.setVisible(bool(self.hint.text()))  # no empty line above the choices
        for choice in question.choices:
            # '&' would make a keyboard shortcut of the next letter ("Keegan _Garrett"): show it as '&'
            button = WrappingButton(self.words.marked(choice.said).replace("&", "&&"))
            button.setProperty("quiz", "choice")
            button.clicked.connect(lambda _checked=False, c=choice.id: self.choice_made.emit(c))
            self.choices.addWidget(button)
            self.choice_buttons[choice.id] = button
        # a new widget joins the end of the window's Tab chain: the choices go after the question
        previous: QWidget | None = self.finish_button.previousInFocusChain()
        while previous is not None and previous is not self and previous.focusPolicy() == Qt.FocusPolicy.NoFocus:
            previous = previous.previousInFocusChain()  # (Qt orders no widget after one never focused)
        for control in (*self.choice_buttons.values(), self.finish_button):
            if previous is not None:
                QWidget.setTabOrder(previous, control)
            previous = control

    def touches_counted(self, count: int) -> None:
        self.finish_button.setEnabled(count > 0)
        self.finish_button.setText(
            self.tr("Finish: check my {0} touches").format(count) if count else self.tr("Finish: check my touches")
        )

    def show_feedback(
        self, feedback: Feedback, right_choice: str | None, chosen: str | None, card_title: str | None, card_html: str
    ) -> None:
        for choice_id, button in self.choice_buttons.items():
            button.setEnabled(False)
            if choice_id == right_choice:
                button.set_words(f"{RIGHT_MARK} {button.label.text()}")
                _set_look(button, "quiz", "right")
            elif choice_id == chosen:
                button.set_words(f"{WRONG_MARK} {button.label.text()}")
                _set_look(button, "quiz", "wrong")
        self.finish_button.hide()
        self.round_note.hide()  # said with the question; the room goes to the feedback and its card
        self.hint.setText(self.tr("The answer is lit on the body (teal)."))
        self.hint.show()
        said = self.words.marked(feedback.said)
        if card_title:
            said += "\n" + self.tr("Read more in the card below: {0}.").format(card_title)
        self.feedback.setText(said)
        _set_look(self.feedback, "quiz", "right" if feedback.right else "wrong")
        self.feedback.show()
        if card_title:  # a short button (a long title would be cut); the title in its tooltip and name
            self.card_button.set_words(self.tr("Show this card in the sources panel"))
            self.card_button.setToolTip(card_title)
            self.card_button.setAccessibleName(self.tr("Open the card {0} in the sources panel").format(card_title))
        self.card_button.setVisible(bool(card_title))
        self.next_button.show()
        self.next_button.setFocus()
        self.card_view.setHtml(card_html)

    def show_round_over(self, scores: dict[str, TopicScore], review: dict[str, list[str]]) -> None:
        """The round's summary: per topic, right at the first try and the cards to review (`review`:
        topic -> card titles of the questions missed at the first try)."""
        right, asked = sum(s.right for s in scores.values()), sum(s.asked for s in scores.values())
        self.counter.clear()
        self.round_note.hide()
        self.prompt.setText(self.tr("Round over: {0} of {1} right at the first try.").format(right, asked))
        self.hint.setText(self.tr("Missed questions come back in a later round. Press New round to go on."))
        self.hint.show()
        self._clear_choices()
        self.finish_button.hide()
        self.feedback.hide()
        self.card_button.hide()
        self.next_button.hide()
        nothing, title = self.tr("Nothing to review"), self.tr("This round, per topic")
        topic_head, right_head, review_head = self.tr("Topic"), self.tr("Right first time"), self.tr("Cards to review")
        rows = "".join(
            f"<tr><td>{escape(self.topic_name(topic))}</td><td align='right'>{score.right}/{score.asked}</td>"
            f"<td>{escape(', '.join(review.get(topic, [])) or nothing)}</td></tr>"
            for topic, score in scores.items()
        )
        self.card_view.setHtml(
            f"<h2>{escape(title)}</h2><table cellpadding='4'><tr><th align='left'>{escape(topic_head)}</th>"
            f"<th>{escape(right_head)}</th><th align='left'>{escape(review_head)}</th></tr>{rows}</table>"
        )
        self.new_round_button.setFocus()

    def show_progress(self, boxes: dict[str, list[int]], due: dict[str, int]) -> None:
        """Progress over days: per topic, how many questions sit in each Leitner box (box 1: missed
        last time or new; box 5: known for weeks), how many were never asked, and how many are due."""
        shown_boxes = range(1, len(next(iter(boxes.values()), [0])))  # counts[0]: never asked
        box = self.tr("Box {0}")
        head = "".join(f"<th>{escape(box.format(n))}</th>" for n in shown_boxes)
        rows = "".join(
            f"<tr><td>{escape(self.topic_name(topic))}</td>"
            + "".join(f"<td align='center'>{n}</td>" for n in counts)
            + f"<td align='center'>{due.get(topic, 0)}</td></tr>"
            for topic, counts in boxes.items()
        )
        how = self.tr(
            "A right answer moves a question up a box; a miss sends it back to box 1. Box 2 comes back after "
            "a day, box 3 after 3 days, box 4 after a week, box 5 after 3 weeks."
        )
        title, topic_head = self.tr("My progress over the days"), self.tr("Topic")
        never, due_head = self.tr("Never asked"), self.tr("Due now")
        self.card_view.setHtml(
            f"<h2>{escape(title)}</h2><p>{escape(how)}</p><table cellpadding='4'><tr>"
            f"<th align='left'>{escape(topic_head)}</th><th>{escape(never)}</th>{head}<th>{escape(due_head)}</th>"
            f"</tr>{rows}</table>"
        )

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
