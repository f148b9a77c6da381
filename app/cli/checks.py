"""Checks of command-line input, made before any work starts: one clear line and a non-zero exit
for anything wrong, never a traceback (and never a bad size or point handed to VTK).

The argparse `type=` functions run while the arguments are parsed; `known` runs once the content
is loaded, with a "did you mean …" from difflib.
"""

from __future__ import annotations

import argparse
import difflib
import math
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

from app.domain.errors import AtlasError

# px each side. Below 64, VTK's anti-aliasing (SSAA) shaders fail and the render hangs. SSAA draws
# √5 times larger each side, so Mesa's 16384 px texture limit gives a black picture from 7328 px on;
# 4096×4096 already takes 2 GB and 25 s.
SIZE_RANGE = (64, 4096)
POINT_LIMIT_M = 3.0  # the body spans about ±0.3 m across and 0–1.2 m up: farther is a typo (mm for m?)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_TOP = 1000


class OneLineParser(argparse.ArgumentParser):
    """argparse with its errors on one line (`referral-atlas query: argument --top: …`), exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {shortened(message)} (see --help)\n")


MAX_MESSAGE = 400  # characters of an error line: a pasted 100 kB value is not echoed whole


def shortened(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else f"{message[:MAX_MESSAGE]}… ({len(message):,} characters)"


def point(text: str) -> tuple[float, float, float]:
    """X,Y,Z in model metres: three finite numbers within a few metres of the body."""
    parts = text.split(",")
    try:
        values = tuple(float(v) for v in parts)
    except ValueError:
        values = ()
    if len(values) != 3:
        raise argparse.ArgumentTypeError(f"expected X,Y,Z in metres such as 0.1,-0.05,0.3, got {text!r}") from None
    if not all(math.isfinite(v) for v in values):
        raise argparse.ArgumentTypeError(f"point {text!r} is not made of finite numbers")
    if max(abs(v) for v in values) > POINT_LIMIT_M:
        raise argparse.ArgumentTypeError(
            f"point {text!r} is more than {POINT_LIMIT_M:g} m from the body (the model is in metres, not millimetres)"
        )
    return values[0], values[1], values[2]


def size(text: str) -> tuple[int, int]:
    """WxH in pixels, each side within SIZE_RANGE."""
    low, high = SIZE_RANGE
    try:
        w, h = (int(v) for v in text.lower().replace("×", "x").split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WxH such as 1280x800, got {text!r}") from None
    if not (low <= w <= high and low <= h <= high):
        raise argparse.ArgumentTypeError(f"size {text} is out of range: each side {low} to {high} px")
    return (w, h)


def _number_between(text: str, low: float, high: float) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"expected a number from {low:g} to {high:g}, got {text!r}")
    return value


def unit_interval(text: str) -> float:
    """A number from 0 to 1."""
    return _number_between(text, 0.0, 1.0)


def zoom(text: str) -> float:
    """A zoom factor from 1 to 8."""
    return _number_between(text, 1.0, 8.0)


def count(text: str) -> int:
    """A whole number from 1 to MAX_TOP."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_TOP:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to {MAX_TOP}, got {text!r}")
    return value


def image_path(text: str) -> Path:
    """A picture file to write (see `output_path`)."""
    return output_path(text, IMAGE_SUFFIXES, "body.png")


def output_path(text: str, suffixes: tuple[str, ...], example: str) -> Path:
    """A file to write: a name with one of `suffixes` (not a folder) in a folder that exists and
    takes new files (tried with a scratch file, which also catches read-only and virtual folders).
    Raises AtlasError: the command line was fine, the place is not."""
    if not text.strip():
        raise AtlasError(f"--out: give a file name such as {example}")
    path = Path(text).expanduser()
    if path.is_dir():
        raise AtlasError(f"--out: {path} is a folder; give a file name such as {path / example}")
    if path.suffix.lower() not in suffixes:
        raise AtlasError(f"--out: {path}: give a name ending in {' or '.join(suffixes[:2])}")
    folder = path.parent
    if not folder.is_dir():
        raise AtlasError(f"{folder}: folder does not exist; create it or choose another --out")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
        if path.exists() and not os.access(path, os.W_OK):
            raise PermissionError
    except OSError:
        raise AtlasError(f"--out: {path}: cannot write there; choose another --out") from None
    return path


def known(values: Iterable[str], choices: Iterable[str], what: str, option: str) -> None:
    """Raise AtlasError naming the first value not among `choices`, with the closest ones."""
    pool = sorted(set(choices))
    folded = {choice.lower(): choice for choice in pool}
    for value in values:
        if value in pool:
            continue
        close = [folded[c] for c in difflib.get_close_matches(value.lower(), folded, n=3, cutoff=0.6)]
        if close:
            hint = f"did you mean {' or '.join(close)}?"
        else:
            hint = f"known: {', '.join(pool[:8])}{', …' if len(pool) > 8 else ''} ({len(pool)} in all)"
        raise AtlasError(f"{option}: unknown {what} {value!r}; {hint}")
