"""What the kiosk tests share: a staff PIN, an idle policy, a clock the test moves, a quick spec."""

from dataclasses import replace

from app.modes.config import KioskConfig
from app.modes.pin import hash_pin
from app.modes.spec import IdlePolicy, kiosk_spec

PIN = "482916"
IDLE = IdlePolicy(prompt_after_s=90.0, countdown_s=15.0)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def short_spec():
    spec = kiosk_spec(KioskConfig(pin=hash_pin(PIN, n=2**10)))
    return replace(spec, idle=IDLE, staff_exit=replace(spec.staff_exit, hold_s=0.2))
