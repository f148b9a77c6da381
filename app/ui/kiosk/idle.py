"""The kiosk's idle policy: "Still there?" after the spec's idle time, a count-down, then a reset and
the attract screen (the body turning slowly through AnatomyScene.turn, at a low frame rate).

`KioskIdle` keeps the time of the last input and the attract loop; it says what is due through
its signals and the window's pages show it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from app.modes import ids
from app.modes.spec import ModeSpec
from app.scene.scene import AnatomyScene

TICK_MS = 250


class KioskIdle(QObject):
    prompt_due = Signal(int)  # "Still there?", with the seconds left before the reset
    active = Signal()  # input within the idle time: no prompt
    reset_due = Signal()  # the idle time is over (or nothing of a visitor is on screen): start again
    attract_changed = Signal(bool)  # the attract screen came (True) or went (False)

    def __init__(
        self,
        spec: ModeSpec,
        scene: AnatomyScene,
        clock: Callable[[], float],
        is_blank: Callable[[], bool],
        staff_busy: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec  # the window's, as the staff change it for the session
        self.scene = scene
        self.clock = clock
        self.is_blank = is_blank  # nothing of a visitor on screen
        self.staff_busy = staff_busy  # a member of staff is at the PIN pad
        self.attracting = False
        self.last_input = clock()
        self._attract_last: float | None = None
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        if spec.idle is not None:
            self._timer.start()

    def note_input(self) -> None:
        self.last_input = self.clock()

    def tick(self) -> None:
        idle = self.spec.idle
        if idle is None or self.attracting or self._stopped:
            return
        if self.staff_busy():  # no "Still there?", no reset under the PIN pad
            self.note_input()
        idle_for = self.clock() - self.last_input
        phase = idle.phase(idle_for)
        if phase == "active":
            self.active.emit()
        elif phase == "prompt" and not self.is_blank() and self.spec.shows(ids.IDLE_PROMPT):
            self.prompt_due.emit(idle.seconds_left(idle_for))
        elif phase == "reset" or self.is_blank():
            self.reset_due.emit()
            self.enter_attract()

    def enter_attract(self) -> None:
        if self.attracting or not self.spec.shows(ids.ATTRACT_SCREEN):
            return
        self.attracting = True
        self.attract_changed.emit(True)
        attract = self.spec.attract
        if attract is not None:
            self._attract_last = None
            self.scene.frames.animate(self._attract_step, interval_s=1.0 / attract.frames_per_s)

    def _attract_step(self, now: float) -> bool:
        attract = self.spec.attract
        if not self.attracting or attract is None:
            return False
        step = 0.0 if self._attract_last is None else now - self._attract_last
        self._attract_last = now
        self.scene.turn(attract.degrees_per_s * step)
        return True

    def leave_attract(self) -> None:
        """The body stops turning where it is, so that the touch that woke the kiosk lands on what
        the visitor saw (everything of the last visitor went when the attract screen came)."""
        if not self.attracting:
            return
        self.attracting = False
        self.scene.frames.stop(self._attract_step)
        self.attract_changed.emit(False)
        self.note_input()

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
