"""`python -m app.scene.coarse_worker`: make the coarse shapes (app/scene/coarse.py) in a process of
its own, so that no VTK work runs on a second thread of the app.

Meshes come on standard input and shapes go back on standard output as frames (app/scene/coarse_wire.py).
In: `points`, `faces`, `strips` per mesh until the input ends. Out, in the same order, one frame per
mesh: `points`, `faces`, `normals`, `source_cells`; no arrays (too small to be worth it); or `error`
(why it failed). The whole input is read before pyvista is imported, so the app
hands it over at once.
"""

from __future__ import annotations

import sys
import traceback
from typing import BinaryIO

import numpy as np

from app.scene.coarse_wire import pack, take_frame, unpack


def _read_frames(stream: BinaryIO) -> list[dict[str, np.ndarray]]:
    received = bytearray(stream.read())
    frames = []
    while (payload := take_frame(received)) is not None:
        frames.append(unpack(payload))
    if received:
        raise EOFError("the meshes' input ended inside a frame")
    return frames


def main() -> int:
    meshes = _read_frames(sys.stdin.buffer)
    import pyvista as pv

    from app.scene.coarse import CoarseShape

    for mesh in meshes:
        try:
            shape = CoarseShape.of(pv.PolyData(mesh["points"], faces=mesh["faces"], strips=mesh["strips"]))
        except Exception:  # noqa: BLE001 - any failure of one mesh is sent back as its error
            reply = pack(error=np.array(traceback.format_exc()))
        else:
            reply = pack() if shape is None else pack(**vars(shape))
        sys.stdout.buffer.write(reply)
        sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
