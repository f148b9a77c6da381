"""How meshes and coarse shapes cross the pipes between the app and its coarse-shape worker
(app/scene/coarse.py, app/scene/coarse_worker.py): frames of a length (8 bytes, little-endian) and
an .npz of plain arrays, read with allow_pickle=False, so nothing that crosses can run code."""

from __future__ import annotations

import io
import struct

import numpy as np

_LENGTH = struct.Struct("<Q")


def pack(**arrays: np.ndarray) -> bytes:
    """One frame holding `arrays`."""
    payload = io.BytesIO()
    np.savez(payload, **arrays)  # type: ignore[arg-type]
    return _LENGTH.pack(payload.tell()) + payload.getvalue()


def unpack(payload: bytes) -> dict[str, np.ndarray]:
    with np.load(io.BytesIO(payload), allow_pickle=False) as arrays:
        return {name: arrays[name] for name in arrays.files}


def take_frame(received: bytearray) -> bytes | None:
    """The first whole frame's payload, removed from `received`, or None when none has fully come."""
    if len(received) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack_from(received)
    end = _LENGTH.size + length
    if len(received) < end:
        return None
    payload = bytes(received[_LENGTH.size : end])
    del received[:end]
    return payload
