"""One round of study: which question comes next, the answers, the score per topic.

Order of a round: items due again (lowest Leitner box first, then the longest overdue), then new
items (a seeded shuffle, taking the topics in turn so one topic does not crowd out the others), then,
if the round is still short, items not yet due (the soonest first). A missed item comes back after
`again_after` other items (or at the end of a shorter round), at most `MAX_AGAIN` times a round,
so a round can grow past its planned length (`planned`, `asked_again`). The choices of a question are
shuffled afresh each time it is shown, never in the order of its last showing this round.
The score per topic counts each item's first answer in the round.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from app.study.items import TOPICS, Feedback, Question
from app.study.schedule import Progress

AGAIN_AFTER = 3
MAX_AGAIN = 2


@dataclass(frozen=True)
class TopicScore:
    right: int
    asked: int


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class StudySession:
    def __init__(
        self,
        questions: Sequence[Question],
        progress: Progress,
        *,
        count: int = 10,
        seed: int = 0,
        topics: Iterable[str] | None = None,
        again_after: int = AGAIN_AFTER,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        wanted = set(topics) if topics is not None else set(TOPICS)
        self._questions = {q.id: q for q in questions if q.topic in wanted}
        self._progress = progress
        self._clock = clock
        self.again_after = again_after  # a missed item comes back after this many others
        self.max_again = MAX_AGAIN  # at most this many times a round
        self._again: dict[str, int] = {}
        self._first: dict[str, bool] = {}  # item id -> right at its first answer this round
        self._seed = seed
        self._orders: dict[str, tuple[str, ...]] = {}  # item id -> its choices' order when last shown
        self._answered = 0
        self._queue = self._plan(count, random.Random(seed))
        self.planned = len(self._queue)  # the round's length before any missed item came back
        self._current = self._showing()

    def _plan(self, count: int, rng: random.Random) -> list[str]:
        now = self._clock()
        seen = self._progress.items
        ids = sorted(self._questions)
        due = sorted((i for i in ids if self._progress.is_due(i, now)), key=lambda i: (seen[i].box, seen[i].due, i))
        by_topic: dict[str, list[str]] = {}
        for item_id in ids:
            if item_id not in seen:
                by_topic.setdefault(self._questions[item_id].topic, []).append(item_id)
        for group in by_topic.values():
            rng.shuffle(group)
        order = [t for t in TOPICS if t in by_topic]
        rng.shuffle(order)
        fresh: list[str] = []
        while any(by_topic.values()):
            fresh += [by_topic[t].pop() for t in order if by_topic[t]]
        later = sorted((i for i in ids if i in seen and i not in due), key=lambda i: (seen[i].due, i))
        return (due + fresh + later)[: max(0, count)]

    def _showing(self) -> Question | None:
        if not self._queue:
            return None
        item_id = self._queue[0]
        question = self._questions[item_id]
        if len(question.choices) < 2:
            return question
        choices = list(question.choices)
        random.Random(f"{self._seed}/{item_id}/{self._answered}").shuffle(choices)
        if tuple(c.id for c in choices) == self._orders.get(item_id):
            choices = choices[1:] + choices[:1]
        self._orders[item_id] = tuple(c.id for c in choices)
        return replace(question, choices=tuple(choices))

    @property
    def missed(self) -> list[Question]:
        """The questions missed at their first answer this round."""
        return [self._questions[i] for i, right in self._first.items() if not right]

    @property
    def current(self) -> Question | None:
        """The question to show now, its choices in this showing's order (None when the round is over)."""
        return self._current

    @property
    def number(self) -> int:
        """The current question's place in the round (1 for the first)."""
        return self._answered + 1

    @property
    def length(self) -> int:
        """The round's length as it stands: answered so far and still to come."""
        return self._answered + len(self._queue)

    @property
    def asked_again(self) -> int:
        """Questions added to the round so far because they were missed."""
        return self.length - self.planned

    @property
    def repeat(self) -> bool:
        """The current question was missed earlier this round and is asked again."""
        return bool(self._queue) and self._queue[0] in self._first

    @property
    def upcoming(self) -> tuple[Question, ...]:
        """The questions still to come, the current one first (a missed one is put back in here)."""
        return tuple(self._questions[i] for i in self._queue)

    @property
    def remaining(self) -> int:
        return len(self._queue)

    @property
    def progress(self) -> Progress:
        """The progress with this round's answers (save it with `ProgressStore.save`)."""
        return self._progress

    def answer(self, answer: object) -> Feedback:
        """Check the current question's answer, record it and move on (a miss comes back later)."""
        question = self.current
        if question is None:
            raise IndexError("the round is over")
        feedback = question.check(answer)  # type: ignore[arg-type]
        self._progress = self._progress.recorded(question.id, feedback.right, self._clock())
        self._first.setdefault(question.id, feedback.right)
        self._queue.pop(0)
        self._answered += 1
        if not feedback.right and self._again.get(question.id, 0) < MAX_AGAIN:
            self._again[question.id] = self._again.get(question.id, 0) + 1
            self._queue.insert(min(self.again_after, len(self._queue)), question.id)
        self._current = self._showing()
        return feedback

    def scores(self) -> dict[str, TopicScore]:
        """Right first answers and items asked, per topic, in `TOPICS` order."""
        out: dict[str, TopicScore] = {}
        for topic in TOPICS:
            firsts = [right for item_id, right in self._first.items() if self._questions[item_id].topic == topic]
            if firsts:
                out[topic] = TopicScore(sum(firsts), len(firsts))
        return out
