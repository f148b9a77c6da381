"""Leitner schedule and study session (app/study/schedule.py, session.py): a missed item comes back in the
same round after a few others and again on a later day; right answers space it out."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.domain.query import Spot
from app.study.items import TOPICS, Question
from app.study.questions import QuestionBank
from app.study.schedule import INTERVALS, LAST_BOX, Progress
from app.study.session import AGAIN_AFTER, MAX_AGAIN, StudySession

DAY1 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def questions(question_bank: QuestionBank) -> list[Question]:
    return question_bank.generate(seed=3)


def _right(q: Question) -> object:
    return q.key.right  # type: ignore[attr-defined]


def _wrong(q: Question) -> object:
    return next(c.id for c in q.choices if c.id != _right(q))


def _choice_only(questions: list[Question]) -> list[Question]:
    return [q for q in questions if q.answer_with == "choice"]


def test_leitner_boxes_move_up_when_right_and_back_to_one_when_wrong() -> None:
    progress = Progress.empty()
    now = DAY1
    for box in range(2, LAST_BOX + 1):
        progress = progress.recorded("q", True, now)
        assert progress.items["q"].box == box and progress.items["q"].due == now + INTERVALS[box]
    progress = progress.recorded("q", True, now)
    assert progress.items["q"].box == LAST_BOX, "the last box keeps it"
    progress = progress.recorded("q", False, now)
    item = progress.items["q"]
    assert (item.box, item.due, item.right, item.wrong) == (1, now, LAST_BOX, 1)
    assert [INTERVALS[b].days for b in sorted(INTERVALS)] == [0, 1, 3, 7, 21]


def test_a_missed_item_comes_back_after_a_few_others(questions: list[Question]) -> None:
    session = StudySession(_choice_only(questions), Progress.empty(), count=8, seed=1, clock=Clock(DAY1))
    missed = session.current
    assert missed is not None
    assert not session.answer(_wrong(missed)).right
    for _ in range(AGAIN_AFTER):
        q = session.current
        assert q is not None and q.id != missed.id
        assert session.answer(_right(q)).right
    assert session.current is not None and session.current.id == missed.id, "back after AGAIN_AFTER other items"
    session.answer(_right(missed))
    assert missed.id not in [q.id for q in session.upcoming]
    # the second try moves it up a box; the miss stays on its record and in the round's score
    assert session.progress.items[missed.id].box == 2 and session.progress.items[missed.id].wrong == 1
    assert session.scores()[missed.topic].right < session.scores()[missed.topic].asked


def test_a_missed_item_does_not_loop_for_ever(questions: list[Question]) -> None:
    session = StudySession(_choice_only(questions), Progress.empty(), count=1, seed=1, clock=Clock(DAY1))
    missed = session.current
    assert missed is not None
    asked = 0
    while session.current is not None:
        session.answer(_wrong(session.current))
        asked += 1
    assert asked == 1 + MAX_AGAIN


def test_missed_items_come_first_on_a_later_day_and_right_ones_wait(questions: list[Question]) -> None:
    clock = Clock(DAY1)
    first = StudySession(_choice_only(questions), Progress.empty(), count=4, seed=5, clock=clock)
    asked: list[str] = []
    while first.current is not None:
        q = first.current
        first.answer(_right(q) if asked else _wrong(q))  # the first one missed, then right on its return
        asked.append(q.id)
    missed = asked[0]
    assert asked.count(missed) == 2 and len(set(asked)) == 4
    # every item is now in box 2, due the next day
    clock.now = DAY1 + timedelta(hours=1)
    later = StudySession(_choice_only(questions), first.progress, count=4, seed=6, clock=clock)
    assert later.current is not None and later.current.id not in asked, "nothing is due within the hour"
    clock.now = DAY1 + timedelta(days=1, minutes=1)
    next_day = StudySession(_choice_only(questions), first.progress, count=10, seed=6, clock=clock)
    assert next_day.current is not None and next_day.current.id in asked
    # answer it wrong: box 1 again, and it is due at once
    progress = first.progress.recorded(missed, False, clock.now)
    again = StudySession(_choice_only(questions), progress, count=3, seed=7, clock=clock)
    assert again.current is not None and again.current.id == missed, "box 1 comes before box 2"


def test_new_items_take_the_topics_in_turn(questions: list[Question]) -> None:
    session = StudySession(questions, Progress.empty(), count=len(TOPICS), seed=2, clock=Clock(DAY1))
    topics: dict[str, str] = {}
    while session.current is not None:
        q = session.current
        topics[q.id] = q.topic
        session.answer(_right(q) if q.answer_with == "choice" else Spot() if q.answer_with == "touch" else [])
    assert sorted(topics.values()) == sorted(TOPICS)


def test_score_per_topic_counts_first_answers(questions: list[Question]) -> None:
    pool = [q for q in _choice_only(questions) if q.topic in ("entrapment_sites", "referred_pain")]
    session = StudySession(pool, Progress.empty(), count=4, seed=9, clock=Clock(DAY1))
    expected: dict[str, list[bool]] = {}
    seen: set[str] = set()
    while session.current is not None:
        q = session.current
        right = q.id in seen or len(seen) % 2 == 0
        if q.id not in seen:
            expected.setdefault(q.topic, []).append(right)
        seen.add(q.id)
        session.answer(_right(q) if right else _wrong(q))
    scores = session.scores()
    assert {t: (s.right, s.asked) for t, s in scores.items()} == {t: (sum(v), len(v)) for t, v in expected.items()}
    totals = session.progress.topic_totals({q.id: q.topic for q in pool})
    assert sum(asked for _, asked in totals.values()) >= sum(s.asked for s in scores.values())


def test_same_seed_same_round(questions: list[Question]) -> None:
    def order(seed: int) -> list[str]:
        session = StudySession(_choice_only(questions), Progress.empty(), count=6, seed=seed, clock=Clock(DAY1))
        out = []
        while session.current is not None:
            out.append(session.current.id)
            session.answer(_right(session.current))
        return out

    assert order(4) == order(4)
    assert order(4) != order(5)


def test_a_repeated_question_shows_its_choices_in_another_order(questions: list[Question]) -> None:
    """Issue 22, defect 2: the options are shuffled per showing, so a missed question asked again
    is not answered from the position of the button."""
    many = [q for q in _choice_only(questions) if len(q.choices) >= 3]
    session = StudySession(many, Progress.empty(), count=4, seed=2, clock=Clock(DAY1))
    first = session.current
    assert first is not None
    order = [c.id for c in first.choices]
    assert sorted(order) == sorted(c.id for c in next(q for q in many if q.id == first.id).choices)
    session.answer(_wrong(first))
    while session.current is not None and session.current.id != first.id:
        session.answer(_right(session.current))
    again = session.current
    assert again is not None and session.repeat
    assert [c.id for c in again.choices] != order
    assert session.answer(_right(again)).right, "the answer key does not depend on the order"


def test_a_round_that_grows_says_by_how_much(questions: list[Question]) -> None:
    """Issue 22, defect 2: 10 planned, and each missed question put back adds to the round's length."""
    session = StudySession(_choice_only(questions), Progress.empty(), count=10, seed=1, clock=Clock(DAY1))
    assert (session.planned, session.length, session.asked_again, session.number) == (10, 10, 0, 1)
    for _ in range(2):
        q = session.current
        assert q is not None
        session.answer(_wrong(q))
    assert (session.planned, session.length, session.asked_again, session.number) == (10, 12, 2, 3)
    assert not session.repeat
