"""Leitner boxes: when a quiz item comes back.

Five boxes. A new item starts in box 1. A right answer moves the item up one box, a wrong one sends
it back to box 1. An item is due again this long after its last answer:

    box 1: at once (missed items also come back within the session, after a few other items)
    box 2: 1 day       box 3: 3 days       box 4: 7 days       box 5: 21 days

The record is plain validated data (pydantic), saved by `app.study.store` as a small versioned JSON.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

VERSION: Literal[1] = 1
INTERVALS = {1: timedelta(0), 2: timedelta(days=1), 3: timedelta(days=3), 4: timedelta(days=7), 5: timedelta(days=21)}
FIRST_BOX, LAST_BOX = min(INTERVALS), max(INTERVALS)


class ItemProgress(BaseModel):
    """How one item (a question id) has gone so far."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    box: int = Field(ge=FIRST_BOX, le=LAST_BOX)
    due: AwareDatetime
    right: int = Field(default=0, ge=0)
    wrong: int = Field(default=0, ge=0)
    last: AwareDatetime | None = None


class Progress(BaseModel):
    """Every item answered at least once, by question id."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    version: Literal[1]  # required: a file without it is not ours
    items: dict[str, ItemProgress]

    @classmethod
    def empty(cls) -> Progress:
        return cls(version=VERSION, items={})

    def recorded(self, item_id: str, right: bool, now: datetime) -> Progress:
        """This progress with one more answer: up a box when right, back to box 1 when wrong."""
        old = self.items.get(item_id)
        box = FIRST_BOX if old is None else old.box
        box = min(LAST_BOX, box + 1) if right else FIRST_BOX
        item = ItemProgress(
            box=box,
            due=now + INTERVALS[box],
            last=now,
            right=(old.right if old else 0) + right,
            wrong=(old.wrong if old else 0) + (not right),
        )
        return self.model_copy(update={"items": {**self.items, item_id: item}})

    def merged(self, other: Progress) -> Progress:
        """Both progresses (two windows on one file): per item, the one answered last (then the one
        answered more often)."""

        def when(item: ItemProgress) -> tuple[datetime, int]:
            return item.last or datetime.min.replace(tzinfo=timezone.utc), item.right + item.wrong

        items = dict(self.items)
        for item_id, item in other.items.items():
            if item_id not in items or when(item) > when(items[item_id]):
                items[item_id] = item
        return self.model_copy(update={"items": items})

    def is_due(self, item_id: str, now: datetime) -> bool:
        """Seen before and due again (new items are not 'due': they are new)."""
        item = self.items.get(item_id)
        return item is not None and item.due <= now

    def topic_totals(self, topics: dict[str, str]) -> dict[str, tuple[int, int]]:
        """(right, answered) over all days, per topic; `topics` maps question id -> topic."""
        totals: dict[str, tuple[int, int]] = {}
        for item_id, item in self.items.items():
            topic = topics.get(item_id)
            if topic is not None:
                right, answered = totals.get(topic, (0, 0))
                totals[topic] = (right + item.right, answered + item.right + item.wrong)
        return totals
