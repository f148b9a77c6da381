"""The quiz (`QUIZ_PANEL`): a dock beside "What could it be?", rounds of `StudySession`, progress
saved after each answer (`PROGRESS` writes), touches on the body taken as answers.

The questions are made once, after the window's first frame: about a second of rankings, in
15 ms turns of the event loop, so touches in the meantime are answered at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timezone
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.content.card_html import titled_card_html
from app.modes import ids
from app.modes.spec import ModeSpec
from app.scene.explorer_view import ExplorerView
from app.scene.study_view import ASK, RIGHT, Picture, StudyView, is_territory
from app.study.items import BORDER_TOLERANCE_M, TOPICS, Feedback, Question
from app.study.questions import QuestionBank
from app.study.skin import SkinPoint, skin_point, skin_points
from app.ui.later import soon
from app.ui.study.quiz_panel import QuizPanel
from app.ui.widgets import fixed_dock

if TYPE_CHECKING:  # the quiz's session and store (pydantic) load with the quiz, not at every start
    from app.domain.query import Side
    from app.study.session import StudySession
    from app.study.store import ProgressStore
    from app.ui.host import Host

ROUND = 10  # questions in a round
ANSWER_SKIN_OPACITY = 0.55  # the skin at least this solid while a strip is lit (still see-through)
SEE_THROUGH_OPACITY = 0.35  # at most this solid while only structures under it are lit (the default)
_MADE = object()  # `preparing` has no more steps
MAKING_SLICE_S = 0.015  # making the questions takes turns of the event loop this long


def _ask_yes(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("StudyMode", "Reset my progress"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class Quiz(QObject):
    """The quiz's rounds on the host's body: asks, takes answers (choices and touches), scores, saves."""

    def __init__(
        self,
        host: Host,
        spec: ModeSpec,
        explorer_view: ExplorerView,
        view: StudyView,
        bank: QuestionBank,
        store: ProgressStore | None = None,
        seed: int | None = None,
    ) -> None:
        super().__init__(host.dialog_parent())
        self.host = host
        self.spec = spec
        self.words = host.words
        self.explorer_view = explorer_view
        self.view = view
        self.bank = bank
        self.confirm: Callable[[str], bool] = lambda text: _ask_yes(host.dialog_parent(), text)
        self.session: StudySession | None = None
        self.questions: list[Question] = []
        self._making: Iterator[None] | None = None  # the steps of making the questions, while they run
        self._skin: list[SkinPoint] = []  # the skin points gathered for them so far
        self.feedback: Feedback | None = None  # the answer to the current question, once given
        self.touches: list[int] = []  # skin vertices touched for the current question
        self.seed = date.today().toordinal() if seed is None else seed
        self._store = store

        self.panel = QuizPanel(self.words)
        self.panel.reset_button.setVisible(spec.allows(ids.RESET_PROGRESS))
        self.panel.choice_made.connect(self.answer)
        self.panel.finish_requested.connect(self.finish_touches)
        self.panel.card_requested.connect(self.open_card)
        self.panel.next_requested.connect(self.next_question)
        self.panel.new_round_requested.connect(self.new_round)
        self.panel.progress_requested.connect(self.show_progress)
        self.panel.reset_requested.connect(self._on_reset)
        dock = fixed_dock(QCoreApplication.translate("StudyMode", "Quiz"), "quiz", self.panel, host.dialog_parent())
        dock.setMinimumWidth(340)
        host.add_dock(dock, Qt.DockWidgetArea.RightDockWidgetArea, tab_with="explorer")
        dock.raise_()
        self.dock = dock
        self.progress, problem = self.store.load()
        self.panel.show_message(problem)
        # after the first frame: the body shows at once, the questions follow
        host.body.scene.frames.drawn.connect(self._on_first_frame)

    @property
    def store(self) -> ProgressStore:
        if self._store is None:
            from app.study.store import ProgressStore, data_dir

            self._store = ProgressStore(data_dir())
        return self._store

    def _on_first_frame(self, _took: float) -> None:
        self.host.body.scene.frames.drawn.disconnect(self._on_first_frame)
        soon(self, self.start)  # not after the window is gone

    # -- making the questions ----------------------------------------------------------------
    def start(self) -> None:
        """Make the questions (once, a short step per event-loop turn) and begin a round."""
        if self.questions or self._making is not None:
            return
        self._making = chain(self._gathering_skin(), self.bank.preparing())
        self._make_questions()

    def _gathering_skin(self) -> Iterator[None]:
        """Every skin vertex as the generator reads it (~17,000), a thousand a step."""
        count = len(self.explorer_view.labels.points)
        for first in range(0, count, 1000):
            self._skin.extend(skin_points(self.explorer_view.labels, range(first, min(first + 1000, count))))
            yield

    @property
    def making_questions(self) -> bool:
        return self._making is not None

    def _make_questions(self) -> None:
        assert self._making is not None
        until = time.perf_counter() + MAKING_SLICE_S
        while time.perf_counter() < until:
            if next(self._making, _MADE) is _MADE:
                break
        else:
            soon(self, self._make_questions)  # a touch in between is answered first
            return
        self._making = None
        self.questions = self.bank.generate(self._skin, self.seed)
        self._skin = []
        self.new_round()

    # -- the round ---------------------------------------------------------------------------
    @property
    def current(self) -> Question | None:
        return self.session.current if self.session is not None and self.feedback is None else None

    def new_round(self, questions: Sequence[Question] | None = None) -> None:
        """A round of ROUND questions drawn from `questions` (every generated one by default)."""
        if not self.questions:
            self.start()
            return
        pool = self.questions if questions is None else questions
        from app.study.session import StudySession

        self.session = StudySession(pool, self.progress, count=ROUND, seed=self.seed)
        self.seed += 1
        self._show_scores()
        self.feedback = None
        self._ask()

    def _ask(self) -> None:
        assert self.session is not None
        question = self.session.current
        self.touches = []
        if question is None:
            review: dict[str, list[str]] = {}
            for missed in self.session.missed:
                card = self.words.card(missed.card) if missed.card else None
                if card is not None and card.title not in review.setdefault(missed.topic, []):
                    review[missed.topic].append(card.title)
            self.panel.show_round_over(self.session.scores(), review)
            self.view.show(None)
            return
        if question.answer_with in ("touch", "touch_all") and not self.host.state.show_skin:
            self.host.state.show_skin = True  # a touch answer needs the skin
        self.panel.show_question(question, self.session)
        self._show(self._question_picture(question))
        shown = question.shown
        if shown is not None:  # its spot (or area) faces the student before the question is read
            self._turn_to(
                self.view.near(shown.point)
                if shown.point is not None
                else self._skin_of(question.light or (f"region_{shown.spot.region}",), shown.spot.side)
            )
        elif question.light:  # a lit structure (a nerve, an entrapment site, a source) shows
            self._turn_to_structures(question.light, None)
        self.host.show_status(self.panel.prompt.text())

    def _skin_of(self, ids: Sequence[str], side: str | None) -> np.ndarray:
        """The skin vertices of the territories among `ids`, on one side (both for None or midline)."""
        labels = self.explorer_view.labels
        mask = np.zeros(len(labels.points), dtype=bool)
        for any_id in ids:
            if is_territory(any_id):
                mask |= labels.territory_mask(any_id, side if side in ("left", "right") else None)  # type: ignore[arg-type]
        return np.flatnonzero(mask)

    def _turn_to(self, vertices: np.ndarray) -> None:
        direction = self.view.facing(vertices)
        if direction is not None:
            self.host.camera.request_facing(direction)

    def _turn_to_structures(self, ids: Sequence[str], side: Side | None) -> None:
        direction = self.view.facing_structures(tuple(ids), side)
        if direction is not None:
            self.host.camera.request_facing(direction)

    def _show(self, picture: Picture) -> None:
        """Show a quiz picture with the skin as solid as it needs: a lit strip is hard to read on
        see-through skin, a lit nerve or joint hard to see through solid skin."""
        self.view.show(picture)
        state = self.host.state
        if picture.skin and state.skin_opacity < ANSWER_SKIN_OPACITY:
            state.skin_opacity = ANSWER_SKIN_OPACITY
        elif picture.lit and not picture.skin and state.skin_opacity > SEE_THROUGH_OPACITY:
            state.skin_opacity = SEE_THROUGH_OPACITY

    def _question_picture(self, question: Question) -> Picture:
        side = question.shown.spot.side if question.shown is not None else None
        picture = Picture.of(question.light, ASK, side)
        spot = question.shown.point if question.shown is not None else None
        return Picture(picture.lit, picture.skin, side, tuple(self.touches), spot)

    def picture_now(self) -> Picture | None:
        """The current question's picture (None between questions): what stepping back returns to."""
        question = self.current
        return self._question_picture(question) if question is not None else None

    def take_touch(self, x: float, y: float) -> bool:
        """A click on the body (VTK display pixels): True when it answered (or tried to answer) a
        touch question, False to leave it to the explorer."""
        question = self.current
        if question is None or question.answer_with == "choice":
            return False
        ev = self.explorer_view
        vertex = ev.picker.pick(x, y)
        if vertex is None:
            self.host.show_status(QCoreApplication.translate("StudyMode", "Touch the skin of the body to answer."))
            return True
        if question.answer_with == "touch":
            self.touches = [vertex]
            self._answer(question, skin_point(ev.labels, vertex))
        else:
            self.touches.append(vertex)
            self.panel.touches_counted(len(self.touches))
            self.view.show(self._question_picture(question))
        return True

    def answer(self, choice: str) -> None:
        question = self.current
        if question is not None and question.answer_with == "choice":
            self._answer(question, choice)

    def finish_touches(self) -> None:
        question = self.current
        if question is not None and question.answer_with == "touch_all" and self.touches:
            labels = self.explorer_view.labels
            self._answer(question, [skin_point(labels, v, BORDER_TOLERANCE_M) for v in self.touches])

    def _answer(self, question: Question, answer: str | SkinPoint | list[SkinPoint]) -> None:
        assert self.session is not None
        feedback = self.session.answer(answer)
        self.feedback = feedback
        self.progress = self.session.progress
        self._save()
        side = None  # both sides, unless the question is about one spot (a touch, or the lit spot)
        if question.answer_with == "touch":
            side = self.explorer_view.labels.spot(self.touches[-1]).side
        elif question.shown is not None:
            side = question.shown.spot.side
        asked = self._question_picture(question)
        shown = asked.plus(Picture.of(feedback.answer, RIGHT, side))
        self._show(Picture(shown.lit, shown.skin, side, tuple(self.touches), shown.spot))
        if question.answer_with != "touch_all" and question.shown is None:  # the answer faces the student
            skin = self._skin_of(feedback.answer, side)
            if len(skin):
                self._turn_to(skin)
            else:  # structures alone (an entrapment site and its nerve)
                self._turn_to_structures(feedback.answer, side)
        chosen = answer if isinstance(answer, str) else None
        card = self.words.card(feedback.card) if feedback.card else None
        references = self.host.explorer.knowledge.references
        card_html = titled_card_html(self.words, feedback.card, references, self.spec.card_first_section)
        self.panel.show_feedback(feedback, question.right_choice, chosen, card.title if card else None, card_html)
        self._show_scores()
        self.host.show_status(self.panel.feedback.text())

    def open_card(self) -> None:
        """The feedback's card in the explorer's sources tab; its way back returns to this feedback."""
        if self.session is not None and self.feedback is not None and self.feedback.card is not None:
            back = QCoreApplication.translate("StudyMode", "◀ Back to the quiz (question {0})")
            asked = self.session.number - 1  # answered: the session counts it already
            self.host.show_card_aside(self.feedback.card, back.format(asked), self.back_to_quiz)

    def back_to_quiz(self) -> None:
        """The quiz in front again where the student was: its picture on the body, focus on Next."""
        self.dock.raise_()
        self.view.show(self.view.picture)
        (self.panel.next_button if self.feedback is not None else self.panel).setFocus()

    def show_progress(self) -> None:
        """Progress over the days: each topic's questions by Leitner box, never asked, and due now."""
        from app.study.schedule import FIRST_BOX, LAST_BOX

        now = datetime.now(timezone.utc)
        boxes: dict[str, list[int]] = {}
        due: dict[str, int] = {}
        for question in self.questions:
            counts = boxes.setdefault(question.topic, [0] * (LAST_BOX - FIRST_BOX + 2))
            item = self.progress.items.get(question.id)
            counts[0 if item is None else item.box - FIRST_BOX + 1] += 1
            due[question.topic] = due.get(question.topic, 0) + self.progress.is_due(question.id, now)
        self.panel.show_progress({t: boxes[t] for t in TOPICS if t in boxes}, due)

    def _show_scores(self) -> None:
        assert self.session is not None
        topics = {q.id: q.topic for q in self.questions}
        self.panel.show_scores(self.session.scores(), self.progress.topic_totals(topics))

    def next_question(self) -> None:
        if self.session is None:
            return
        self.feedback = None
        self._ask()

    def _save(self) -> None:
        from app.study.store import ProgressError

        if ids.PROGRESS not in self.spec.writes:
            return
        try:
            self.store.save(self.progress)
        except ProgressError as error:
            self.panel.show_message(str(error))

    def _on_reset(self) -> None:
        from app.study.store import ProgressError

        if not self.confirm(
            QCoreApplication.translate("StudyMode", "Forget every answer so far? Your scores start again from nothing.")
        ):
            return
        try:
            self.progress = self.store.reset()
        except ProgressError as error:
            self.panel.show_message(str(error))
            return
        self.panel.show_message(QCoreApplication.translate("StudyMode", "Your progress was reset."))
        self.new_round()

    def close(self) -> None:
        drawn = self.host.body.scene.frames.drawn
        if self._on_first_frame in drawn:
            drawn.disconnect(self._on_first_frame)
