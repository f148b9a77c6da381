"""Run a benchmark under Xvfb when there is no display (as CI and the test suite do)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def display(width: int = 1920, height: int = 1200) -> Iterator[None]:
    os.environ.setdefault("LIBGL_ALWAYS_SOFTWARE", "1")
    os.environ.setdefault("QT_API", "pyside6")
    if os.environ.get("DISPLAY"):
        yield
        return
    from pyvirtualdisplay import Display

    with Display(visible=False, size=(width, height), color_depth=24):
        yield
