"""`soon`: a call put off to the event loop's next free moment, dropped (and let go) with its owner."""

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from app.ui.later import soon


class Owner(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.load = QObject()  # what the put-off call holds, through its owner
        self.calls = 0

    def step(self) -> None:
        self.calls += 1
        if self.calls < 3:
            soon(self, self.step)


def test_a_put_off_call_runs_once_the_loop_is_free_and_leaves_no_timer(qtbot):
    owner = Owner()
    soon(owner, owner.step)
    assert owner.calls == 0, "not at once"
    qtbot.waitUntil(lambda: owner.calls == 3)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not owner.findChildren(QTimer)


def test_a_call_put_off_when_its_owner_goes_is_dropped_and_let_go(qtbot):
    """With QTimer.singleShot(0, owner, call) PySide6 6.11 kept `call` and all it holds."""
    owner = Owner()
    held = weakref.ref(owner.load)
    soon(owner, owner.step)
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    owner = None
    gc.collect()
    assert held() is None
