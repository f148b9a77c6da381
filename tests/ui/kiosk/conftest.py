"""The kiosk window under Xvfb with the committed model and content, a clock the test moves, a staff
PIN, a quick corner hold, and its exit codes recorded instead of ending the test run."""

from dataclasses import replace

import pytest

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


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def make_kiosk(qtbot, model, knowledge, clock):
    made = []

    def make(spec=None, size=(1280, 800)):
        from app.ui.kiosk.window import KioskWindow

        window = KioskWindow(model, knowledge, spec or short_spec(), clock=clock,
                             quit_app=lambda code: window.exit_codes.append(code))  # fmt: skip
        window.exit_codes = []
        window.show()
        window.resize(*size)
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(lambda: window.scene.frames.count > 0 and not window.animating())
        made.append(window)
        return window

    yield make
    for window in made:
        if not window._leaving:
            window.leave(0)


@pytest.fixture
def kiosk(make_kiosk):
    return make_kiosk()
