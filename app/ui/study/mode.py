"""What student self-study adds to the main window, built from the mode's spec.

- names on demand (`HOVER_NAMES`, `PRESS_HOLD_NAMES`): `HoverNames` over the 3D view;
- study tools (`ISOLATE`, `FOLLOW_NERVE`, `LABELS_ALL`): a dock under "Show";
- the quiz (`QUIZ_PANEL`): a dock beside "What could it be?", a round of `StudySession`, progress
  saved after each answer (`PROGRESS` writes), touches on the body taken as answers.

The questions are made once, after the window's first frame: about a second of rankings, in
15 ms turns of the event loop, so touches in the meantime are answered at once.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime, timezone
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMessageBox, QWidget

from app.content.markdown import render_study_card
from app.domain.view_state import LAYER_FIELDS
from app.modes import ids
from app.modes.spec import ModeSpec
from app.scene.structure_labels import SOLID_SKIN, StructureLabels
from app.scene.study_view import ASK, FOLLOW, RIGHT, Picture, StudyView, is_territory
from app.study.course import followable_nerves, nerve_course
from app.study.items import BORDER_TOLERANCE_M, TOPICS, Feedback, Question
from app.study.names import spot_name, structure_name
from app.study.questions import QuestionBank
from app.study.skin import SkinPoint, skin_point, skin_points
from app.ui.study.hover import HoverNames
from app.ui.study.quiz_panel import QuizPanel
from app.ui.study.tools_panel import ToolsPanel

if TYPE_CHECKING:  # the quiz's session and store (pydantic) load with the quiz, not at every start
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


class StudyMode(QObject):
    def __init__(
        self,
        host: Host,
        spec: ModeSpec,
        store: ProgressStore | None = None,
        seed: int | None = None,
        bank: QuestionBank | None = None,
    ) -> None:
        super().__init__(host.dialog_parent())
        self.host = host
        self.spec = spec
        self.knowledge = host.explorer.knowledge
        self.bank = bank or QuestionBank(self.knowledge)
        self.words = host.words  # names in the interface's language
        self.explorer_view = host.body.explorer_view
        self.confirm: Callable[[str], bool] = lambda text: _ask_yes(host.dialog_parent(), text)
        self.view: StudyView | None = None
        self.labels: StructureLabels | None = None
        self.hover: HoverNames | None = None
        self.tools: ToolsPanel | None = None
        self.quiz: QuizPanel | None = None
        self.session: StudySession | None = None
        self.questions: list[Question] = []
        self._making: Iterator[None] | None = None  # the steps of making the questions, while they run
        self._skin: list[SkinPoint] = []  # the skin points gathered for them so far
        self.feedback: Feedback | None = None  # the answer to the current question, once given
        self.touches: list[int] = []  # skin vertices touched for the current question
        self.seed = date.today().toordinal() if seed is None else seed
        self._store = store
        self._isolating = False
        self._saved_layers: dict[str, bool] | None = None
        host.events.closing.connect(self.close)
        ev = self.explorer_view
        if ev is None:  # no labelled skin: nothing to touch, name or light
            return
        host.body.intercept_touches(self.take_touch)
        self.view = StudyView(host.body.scene, ev.labels, ev.geometry)
        names = lambda mesh_name: structure_name(self.words, mesh_name, short=True)  # noqa: E731
        if spec.allows(ids.LABELS_ALL):
            self.labels = StructureLabels(host.body.scene, names)
        hover, hold = spec.allows(ids.HOVER_NAMES), ids.PRESS_HOLD_NAMES in spec.gestures
        if hover or hold:
            self.hover = HoverNames(host.body.widget, self.name_at, self._show_name, hover, hold)
        if spec.allows(ids.ISOLATE) or spec.allows(ids.FOLLOW_NERVE) or spec.allows(ids.LABELS_ALL):
            self._build_tools()
        if spec.shows(ids.QUIZ_PANEL) and spec.allows(ids.QUIZ):
            self._build_quiz()

    # -- building ---------------------------------------------------------------------------

    @property
    def store(self) -> ProgressStore:
        if self._store is None:
            from app.study.store import ProgressStore, data_dir

            self._store = ProgressStore(data_dir())
        return self._store

    def _build_tools(self) -> None:
        spec = self.spec
        self.tools = ToolsPanel(
            followable_nerves(self.knowledge, self.words.language),
            spec.allows(ids.ISOLATE),
            spec.allows(ids.FOLLOW_NERVE),
            spec.allows(ids.LABELS_ALL),
        )
        self.tools.system_chosen.connect(self.show_system)
        self.tools.isolate_toggled.connect(self._on_isolate_toggle)
        self.tools.step_back.connect(self.step_back)
        self.tools.nerve_chosen.connect(self.follow_nerve)
        self.tools.labels_toggled.connect(self.show_labels)
        dock = QDockWidget(QCoreApplication.translate("StudyMode", "Study tools"), self.host.dialog_parent())
        dock.setObjectName("study_tools")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(self.tools)
        self.host.add_dock(dock, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tools_dock = dock

    def _build_quiz(self) -> None:
        host = self.host
        self.quiz = QuizPanel(self.words)
        self.quiz.reset_button.setVisible(self.spec.allows(ids.RESET_PROGRESS))
        self.quiz.choice_made.connect(self.answer)
        self.quiz.finish_requested.connect(self.finish_touches)
        self.quiz.next_requested.connect(self.next_question)
        self.quiz.new_round_requested.connect(self.new_round)
        self.quiz.progress_requested.connect(self.show_progress)
        self.quiz.reset_requested.connect(self._on_reset)
        dock = QDockWidget(QCoreApplication.translate("StudyMode", "Quiz"), host.dialog_parent())
        dock.setObjectName("quiz")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(self.quiz)
        dock.setMinimumWidth(340)
        host.add_dock(dock, Qt.DockWidgetArea.RightDockWidgetArea, tab_with="explorer")
        dock.raise_()
        self.quiz_dock = dock
        self.progress, problem = self.store.load()
        self.quiz.show_message(problem)
        # a timer of its own: a pending QTimer.singleShot(0, self, …) kept a deleted window alive (issue 25)
        self._next_step = QTimer(self, singleShot=True, interval=0)
        self._next_step.timeout.connect(self._make_questions)
        # after the first frame: the body shows at once, the questions follow
        host.body.scene.frames.drawn.connect(self._on_first_frame)

    def _on_first_frame(self, _took: float) -> None:
        self.host.body.scene.frames.drawn.disconnect(self._on_first_frame)
        QTimer.singleShot(0, self, self.start)  # not after the window is gone

    def start(self) -> None:
        """Make the questions (once, a short step per event-loop turn) and begin a round."""
        if self.quiz is None or self.questions or self._making is not None:
            return
        self._making = chain(self._gathering_skin(), self.bank.preparing())
        self._make_questions()

    def _gathering_skin(self) -> Iterator[None]:
        """Every skin vertex as the generator reads it (~17,000), a thousand a step."""
        assert self.explorer_view is not None
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
            self._next_step.start()  # a touch in between is answered first
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
        if self.quiz is None:
            return
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
        assert self.quiz is not None
        assert self.session is not None
        assert self.view is not None
        question = self.session.current
        self.touches = []
        if question is None:
            review: dict[str, list[str]] = {}
            for missed in self.session.missed:
                card = self.words.card(missed.card) if missed.card else None
                if card is not None and card.title not in review.setdefault(missed.topic, []):
                    review[missed.topic].append(card.title)
            self.quiz.show_round_over(self.session.scores(), review)
            self.view.show(None)
            return
        if question.answer_with in ("touch", "touch_all") and not self.host.state.show_skin:
            self.host.state.show_skin = True  # a touch answer needs the skin
        self.quiz.show_question(question, self.session)
        self._show(self._question_picture(question))
        shown = question.shown
        if shown is not None:  # its spot (or area) faces the student before the question is read
            self._turn_to(
                self.view.near(shown.point)
                if shown.point is not None
                else self._skin_of(question.light or (f"region_{shown.spot.region}",), shown.spot.side)
            )
        self.host.show_status(self.quiz.prompt.text())

    def _skin_of(self, ids: Sequence[str], side: str | None) -> np.ndarray:
        """The skin vertices of the territories among `ids`, on one side (both for None or midline)."""
        assert self.explorer_view is not None
        labels = self.explorer_view.labels
        mask = np.zeros(len(labels.points), dtype=bool)
        for any_id in ids:
            if is_territory(any_id):
                mask |= labels.territory_mask(any_id, side if side in ("left", "right") else None)  # type: ignore[arg-type]
        return np.flatnonzero(mask)

    def _turn_to(self, vertices: np.ndarray) -> None:
        assert self.view is not None
        direction = self.view.facing(vertices)
        if direction is not None:
            self.host.camera.request_facing(direction)

    def _show(self, picture: Picture) -> None:
        """Show a quiz picture with the skin as solid as it needs: a lit strip is hard to read on
        see-through skin, a lit nerve or joint hard to see through solid skin."""
        assert self.view is not None
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

    def take_touch(self, x: float, y: float, add: bool) -> bool:
        """A click on the body (VTK display pixels): True when study took it (a held press that
        named something, a pick to isolate, an answer), False to leave it to the explorer."""
        if self.hover is not None and self.hover.took_touch():
            return True
        ev = self.explorer_view
        if ev is None:
            return False
        if self._isolating:
            name = ev.picker.pick_structure(x, y)
            if name is not None:
                self.isolate(name)
            return True
        question = self.current
        if question is None or question.answer_with == "choice":
            return False
        vertex = ev.picker.pick(x, y)
        if vertex is None:
            self.host.show_status(QCoreApplication.translate("StudyMode", "Touch the skin of the body to answer."))
            return True
        if question.answer_with == "touch":
            self.touches = [vertex]
            self._answer(question, skin_point(ev.labels, vertex))
        else:
            self.touches.append(vertex)
            assert self.quiz is not None
            assert self.view is not None
            self.quiz.touches_counted(len(self.touches))
            self.view.show(self._question_picture(question))
        return True

    def answer(self, choice: str) -> None:
        question = self.current
        if question is not None and question.answer_with == "choice":
            self._answer(question, choice)

    def finish_touches(self) -> None:
        question = self.current
        if question is not None and question.answer_with == "touch_all" and self.touches:
            ev = self.explorer_view
            assert ev is not None
            self._answer(question, [skin_point(ev.labels, v, BORDER_TOLERANCE_M) for v in self.touches])

    def _answer(self, question: Question, answer: str | SkinPoint | list[SkinPoint]) -> None:
        assert self.session is not None
        assert self.quiz is not None
        assert self.view is not None
        feedback = self.session.answer(answer)
        self.feedback = feedback
        self.progress = self.session.progress
        self._save()
        side = None  # both sides, unless the question is about one spot (a touch, or the lit spot)
        if question.answer_with == "touch" and self.explorer_view is not None:
            side = self.explorer_view.labels.spot(self.touches[-1]).side
        elif question.shown is not None:
            side = question.shown.spot.side
        asked = self._question_picture(question)
        shown = asked.plus(Picture.of(feedback.answer, RIGHT, side))
        self._show(Picture(shown.lit, shown.skin, side, tuple(self.touches), shown.spot))
        if question.answer_with != "touch_all" and question.shown is None:  # the answer faces the student
            self._turn_to(self._skin_of(feedback.answer, side))
        chosen = answer if isinstance(answer, str) else None
        card = self.words.card(feedback.card) if feedback.card else None
        self.quiz.show_feedback(
            feedback, question.right_choice, chosen, card.title if card else None, self._card_html(feedback.card)
        )
        self._show_scores()
        self.host.show_status(self.quiz.feedback.text())

    def show_progress(self) -> None:
        """Progress over the days: each topic's questions by Leitner box, never asked, and due now."""
        from app.study.schedule import FIRST_BOX, LAST_BOX

        assert self.quiz is not None
        now = datetime.now(timezone.utc)
        boxes: dict[str, list[int]] = {}
        due: dict[str, int] = {}
        for question in self.questions:
            counts = boxes.setdefault(question.topic, [0] * (LAST_BOX - FIRST_BOX + 2))
            item = self.progress.items.get(question.id)
            counts[0 if item is None else item.box - FIRST_BOX + 1] += 1
            due[question.topic] = due.get(question.topic, 0) + self.progress.is_due(question.id, now)
        self.quiz.show_progress({t: boxes[t] for t in TOPICS if t in boxes}, due)

    def _show_scores(self) -> None:
        assert self.quiz is not None
        assert self.session is not None
        topics = {q.id: q.topic for q in self.questions}
        self.quiz.show_scores(self.session.scores(), self.progress.topic_totals(topics))

    def _card_html(self, card_id: str | None) -> str:
        card = self.words.card(card_id) if card_id else None
        if card is None:
            return ""
        return f"<h2>{html.escape(card.title)}</h2>" + render_study_card(
            card, self.knowledge.references, self.spec.card_first_section
        )

    def next_question(self) -> None:
        if self.session is None:
            return
        self.feedback = None
        self._ask()

    def _save(self) -> None:
        from app.study.store import ProgressError

        if ids.PROGRESS not in self.spec.writes:
            return
        assert self.quiz is not None
        try:
            self.store.save(self.progress)
        except ProgressError as error:
            self.quiz.show_message(str(error))

    def _on_reset(self) -> None:
        from app.study.store import ProgressError

        if not self.confirm(
            QCoreApplication.translate("StudyMode", "Forget every answer so far? Your scores start again from nothing.")
        ):
            return
        assert self.quiz is not None
        try:
            self.progress = self.store.reset()
        except ProgressError as error:
            self.quiz.show_message(str(error))
            return
        self.quiz.show_message(QCoreApplication.translate("StudyMode", "Your progress was reset."))
        self.new_round()

    # -- names on demand ----------------------------------------------------------------------
    def name_at(self, x: float, y: float) -> str | None:
        """What lies under a display position: through see-through skin the structure, else the skin."""
        ev = self.explorer_view
        assert ev is not None
        state = self.host.state
        if not (state.show_skin and state.skin_opacity >= SOLID_SKIN):
            name = ev.picker.pick_structure(x, y)
            if name is not None:
                return structure_name(self.words, name)
        vertex = ev.picker.pick(x, y)
        return spot_name(self.words, ev.labels.spot(vertex)) if vertex is not None else None

    def _show_name(self, name: str) -> None:
        self.host.show_status(name)

    # -- isolate and peel ---------------------------------------------------------------------
    def show_system(self, layer: str) -> None:
        """One layer alone (`show_bones` …), or every layer back as it was ("")."""
        state = self.host.state
        if not layer:
            self._restore_layers()
            return
        if self._saved_layers is None:
            self._saved_layers = {f: getattr(state, f) for f in LAYER_FIELDS}
        for field in LAYER_FIELDS:
            setattr(state, field, field == layer)

    def _restore_layers(self) -> None:
        if self._saved_layers is not None:
            for field, on in self._saved_layers.items():
                setattr(self.host.state, field, on)
            self._saved_layers = None

    def _on_isolate_toggle(self, on: bool) -> None:
        self._isolating = on
        if on:
            self.host.show_status(
                QCoreApplication.translate("StudyMode", "Click a bone, nerve, muscle or joint to isolate it.")
            )

    def isolate(self, mesh_name: str) -> None:
        """Light one structure, fade the rest."""
        assert self.view is not None
        self.view.show(Picture(lit=((mesh_name, FOLLOW),)))
        self._isolating = False
        if self.tools is not None:
            self.tools.isolate_button.setChecked(False)
        self.host.show_status(
            QCoreApplication.translate("StudyMode", "{0} alone. Step back out to see everything.").format(
                structure_name(self.words, mesh_name)
            )
        )

    def follow_nerve(self, nerve: str) -> None:
        """The nerve's course lit from its roots to its skin (both sides)."""
        if not nerve or self.view is None:
            return
        course = nerve_course(self.knowledge, nerve)
        self.view.show(
            Picture(lit=tuple((s, FOLLOW) for s in course.structures), skin=tuple((t, FOLLOW) for t in course.skin))
        )
        self.host.state.show_nerves = True
        self.host.show_status(
            QCoreApplication.translate(
                "StudyMode", "Following the {0}: from its roots to the skin it supplies."
            ).format(self.words.title(nerve).rsplit(" (", 1)[0].lower())
        )

    def step_back(self) -> None:
        """Out of isolate, follow and one-system views: the body as it was."""
        self._restore_layers()
        self._isolating = False
        if self.tools is not None:
            for box in (self.tools.system_box, self.tools.nerve_box):
                with QSignalBlocker(box):
                    box.setCurrentIndex(0)
            self.tools.isolate_button.setChecked(False)
        if self.view is not None:
            question = self.current
            self.view.show(self._question_picture(question) if question is not None else None)

    def show_labels(self, on: bool) -> None:
        if self.labels is not None:
            self.labels.show(on)

    def close(self) -> None:
        self.host.events.closing.disconnect(self.close)
        if self.explorer_view is not None:
            self.host.body.release_touches(self.take_touch)
        drawn = self.host.body.scene.frames.drawn
        if self._on_first_frame in drawn:
            drawn.disconnect(self._on_first_frame)
        if self.labels is not None:
            self.labels.close()
