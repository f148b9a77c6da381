"""The kiosk's idle policy: "Still there?" after the spec's idle time, a count-down, then a reset and
the attract screen (the body turning slowly through AnatomyScene.turn, at a low frame rate)."""

from __future__ import annotations

from app.modes import ids


class KioskIdle:
    """Part of KioskWindow (app/ui/kiosk/window.py): idle."""

    def idle_tick(self) -> None:
        idle = self.spec.idle
        if idle is None or self.attracting or self._leaving:
            return
        if self.pin_pad is not None:  # a member of staff is at the pad: no "Still there?", no reset under it
            self._last_input = self.clock()
        idle_for = self.clock() - self._last_input
        phase = idle.phase(idle_for)
        if phase == "active":
            self.prompt.hide()
        elif phase == "prompt" and not self.is_blank() and self.spec.shows(ids.IDLE_PROMPT):
            self.countdown.setText(self.tr("The screen starts again in {0} s.").format(idle.seconds_left(idle_for)))
            if not self.prompt.isVisible():
                self.prompt.show()
                self.prompt.raise_()
                self._place_dialogs()
        elif phase == "reset" or self.is_blank():
            self.start_again()
            self.enter_attract()

    def _on_still_here(self) -> None:
        self._last_input = self.clock()
        self.prompt.hide()

    def enter_attract(self) -> None:
        if self.attracting or not self.spec.shows(ids.ATTRACT_SCREEN):
            return
        self.attracting = True
        self.instruction.setText(self.tr("Touch where it hurts"))
        self.side.setCurrentWidget(self.attract_page)
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
        if not self.attracting:
            return
        self.attracting = False
        self.scene.frames.stop(self._attract_step)
        self.start_again()
