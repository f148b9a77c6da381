"""Back and forward through what was shown: a ranked source, a card, a source's reverse view.

Qt-free; the UI records a step whenever the shown thing changes and, going back, shows the step it
is given (the touches of a step are kept, so going back across a new touch restores the old one).
Nothing is written anywhere: the history lives as long as the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from psygnal import Signal

from app.domain.explorer import Touch

STEP_KINDS = ("candidate", "card", "source")
LIMIT = 100


@dataclass(frozen=True)
class Step:
    kind: str  # one of STEP_KINDS
    id: str  # candidate, card or source id
    touches: tuple[Touch, ...] = ()  # the touches the step was shown for


class History:
    changed = Signal()  # can_back / can_forward may have changed

    def __init__(self, limit: int = LIMIT) -> None:
        self.steps: list[Step] = []
        self.index = -1  # the step shown now
        self.limit = limit
        self.moving = False  # while a step is being shown again, its own changes are not recorded

    @property
    def current(self) -> Step | None:
        return self.steps[self.index] if self.steps else None

    @property
    def can_back(self) -> bool:
        return self.index > 0

    @property
    def can_forward(self) -> bool:
        return self.index < len(self.steps) - 1

    def record(self, step: Step) -> None:
        """A new thing is shown: it becomes the current step and the forward steps are dropped."""
        if step.kind not in STEP_KINDS:
            raise ValueError(f"unknown step kind {step.kind!r}; expected one of {', '.join(STEP_KINDS)}")
        if self.moving or step == self.current:
            return
        del self.steps[self.index + 1 :]
        self.steps.append(step)
        del self.steps[: max(0, len(self.steps) - self.limit)]
        self.index = len(self.steps) - 1
        self.changed.emit()

    def back(self) -> Step | None:
        return self._go(-1)

    def forward(self) -> Step | None:
        return self._go(+1)

    def _go(self, by: int) -> Step | None:
        target = self.index + by
        if not 0 <= target < len(self.steps):
            return None
        self.index = target
        self.changed.emit()
        return self.steps[target]
