"""Process-wide settings for start-up, in place before pyvistaqt (through qtpy) is imported."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

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


def keep_for_the_session(collect: bool = False) -> None:
    """The window just built and what it holds (model, content) live as long as it does: kept out
    of later collections as the imports are, so a full collection (tens of ms) no longer lands in
    a touch's first frame. A rebuilt window (another language) calls it again after `let_go`,
    collecting the old window first (frozen garbage would stay for good)."""
    if collect:
        gc.collect()
    gc.freeze()


def let_go() -> None:
    """Before a window is replaced: what it held may be collected again once it closes."""
    gc.unfreeze()
