"""The kiosk window under Xvfb with the committed model and content, a clock the test moves, a staff
PIN, a quick corner hold, and its exit codes recorded instead of ending the test run."""

import pytest
from kiosk_setup import Clock, short_spec


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def make_kiosk(qtbot, model, knowledge, clock):
    made = []

    def make(spec=None, size=(1280, 800)):
        from app.ui.kiosk.window import KioskWindow

        exit_codes: list[int] = []
        window = KioskWindow(model, knowledge, spec or short_spec(), clock=clock, quit_app=exit_codes.append)
        window.exit_codes = exit_codes
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
