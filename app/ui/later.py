"""Calls put off to the event loop's next free moment, tied to an owner."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def soon(owner: QObject, call: Callable[[], object]) -> None:
    """Call `call` once the event loop is free, unless `owner` is gone by then.

    Not `QTimer.singleShot(0, owner, call)`: PySide6 6.11 keeps `call` (and all it holds: a whole
    window) for ever when the owner goes before it runs. A timer the owner owns goes with it."""
    timer = QTimer(owner, singleShot=True, interval=0)
    timer.timeout.connect(call)
    timer.timeout.connect(timer.deleteLater)
    timer.start()
