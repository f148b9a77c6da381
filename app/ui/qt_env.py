"""Process-wide settings for start-up, in place before pyvistaqt (through qtpy) is imported."""

from __future__ import annotations

import ctypes
import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication, QObject
    from PySide6.QtWidgets import QApplication

os.environ.setdefault("QT_API", "pyside6")


@contextmanager
def collection_paused() -> Iterator[None]:
    """No garbage collection inside; what was built is then kept out of every later collection.

    Importing Qt, VTK and pyvista builds ~300k objects that live as long as the process and makes
    little garbage; the collector would scan them again and again (~0.3 s of start-up), and then
    in every full collection (~80 ms each, a stalled frame while the body turns)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def keep_for_the_session() -> None:
    """The window just built and what it holds (model, content) live as long as it does: kept out
    of later collections as the imports are, so a full collection (tens of ms) no longer lands in
    a touch's first frame."""
    gc.freeze()


@contextmanager
def window_replaced(old: QObject) -> Iterator[None]:
    """Around the rebuild of a window (another language): what the old one held may be collected
    once Qt has deleted it (frozen garbage would stay for good), then the new one is kept for the
    session as the first was. The collection waits for the old window's end: a language chosen
    from a menu runs in the menu's own event loop, and the student's study tools hold their window
    in a reference cycle that only the collector ends (collected and frozen before its deferred
    delete, each such window stayed: issue 25)."""
    from PySide6.QtCore import QTimer

    gc.unfreeze()
    yield
    old.destroyed.connect(lambda: QTimer.singleShot(0, _collect_and_keep))


def _collect_and_keep() -> None:
    gc.collect()
    _give_back_memory()
    gc.freeze()


def _give_back_memory() -> None:
    """Freed memory back to the system: glibc keeps what the old window held in its arenas (RSS
    grew ~6 MB a language switch; flat with this)."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def running_app() -> QCoreApplication:
    """The running application (Qt's instance() may be None: not once it runs)."""
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    assert app is not None, "the application is not running"
    return app


def widget_app() -> QApplication:
    """The running widget application, or a new one if none runs yet."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return QApplication(sys.argv[:1])
    assert isinstance(app, QApplication), "a QCoreApplication runs: the windows need a QApplication"
    return app
