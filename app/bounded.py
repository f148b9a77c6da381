"""Reading a file the app is given without trusting what it is: a regular file of bounded size, read
without blocking and without reading more than the bound (a FIFO, a device such as /dev/zero, a
folder or a huge file is an OSError naming the file, never a hang or a MemoryError)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def size_text(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{count / 1e3:.0f} kB"


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file `path` if it holds at most `limit` bytes; OSError otherwise
    (FileNotFoundError when it is missing, EFBIG when it is larger, EINVAL when it is no regular file)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # a FIFO opens without a writer
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a folder, device or pipe)", str(path))
        chunks, total = [], 0
        while total <= limit and (chunk := os.read(fd, min(1 << 20, limit + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
        if total > limit or info.st_size > limit:
            size = max(total, info.st_size)
            raise OSError(errno.EFBIG, f"file is {size_text(size)}; keep it under {size_text(limit)}", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)
