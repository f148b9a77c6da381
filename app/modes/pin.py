"""The staff PIN that leaves the kiosk: a salted scrypt hash in the kiosk config, checked in
constant time, with retries slowed down.

The record keeps the algorithm and its parameters beside the salt and hash, so a later release can
raise the cost (or change the function) and still check PINs set before. The PIN guards the touch
screen, not the machine: anyone with a shell on the kiosk does not need it.
"""

from __future__ import annotations

import base64
import binascii
import enum
import getpass
import hashlib
import hmac
import os
import re
import sys
import time
from collections.abc import Callable
from typing import Literal, TextIO

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.domain.errors import AtlasError

PIN_PATTERN = re.compile(r"^[0-9]{4,12}$")
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1  # ~16 MB and ~50 ms per check: slow to guess, quick to use
SALT_BYTES = 16
HASH_BYTES = 32
MAX_MEMORY = 2**30  # bytes one check may take: 1 GiB (the default takes 16 MB)


class PinError(AtlasError):
    """A new PIN is not acceptable, or the two entries differ."""


class PinRecord(BaseModel):
    """How a PIN was hashed and the result; salt and hash in standard base64."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    algorithm: Literal["scrypt"] = "scrypt"
    n: int = Field(SCRYPT_N, ge=2**10, le=2**20)
    r: int = Field(SCRYPT_R, ge=1, le=32)
    p: int = Field(SCRYPT_P, ge=1, le=16)
    salt: str
    hash: str

    @field_validator("n")
    @classmethod
    def _power_of_two(cls, n: int) -> int:
        if n & (n - 1):
            raise ValueError("n must be a power of two")
        return n

    @model_validator(mode="after")
    def _scrypt_accepts(self) -> PinRecord:
        """The limits hashlib.scrypt (OpenSSL) holds `_derive` to, so that a record that reads can be checked."""
        if self.n >= 2 ** (16 * self.r):
            raise ValueError(f"n must be below 2**{16 * self.r} when r is {self.r}")
        if _maxmem(self.n, self.r) > MAX_MEMORY + 2**20:
            raise ValueError(f"n·r is {self.n * self.r}; at most {MAX_MEMORY // 256} (1 GiB a check)")
        return self

    @field_validator("salt", "hash")
    @classmethod
    def _base64(cls, text: str) -> str:
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("must be base64") from None
        if len(raw) < 16:
            raise ValueError("must hold at least 16 bytes")
        return text


def _maxmem(n: int, r: int) -> int:
    return 256 * n * r + 2**20  # scrypt takes 128·r·(n + p + 2) bytes; p ≤ 16 fits in the 1 MiB


def _derive(pin: str, salt: bytes, n: int, r: int, p: int, size: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=size, maxmem=_maxmem(n, r))


def check_pin_format(pin: str) -> None:
    if not PIN_PATTERN.match(pin):
        raise PinError("a staff PIN is 4 to 12 digits (6 or more recommended); nothing was changed")


def hash_pin(pin: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> PinRecord:
    """A fresh salted record for `pin` (checked with `check_pin_format` first)."""
    check_pin_format(pin)
    salt = os.urandom(SALT_BYTES)
    digest = _derive(pin, salt, n, r, p, HASH_BYTES)
    return PinRecord(n=n, r=r, p=p, salt=base64.b64encode(salt).decode(), hash=base64.b64encode(digest).decode())


def verify_pin(record: PinRecord, pin: str) -> bool:
    """Whether `pin` matches, compared in constant time."""
    expected = base64.b64decode(record.hash)
    actual = _derive(pin, base64.b64decode(record.salt), record.n, record.r, record.p, len(expected))
    return hmac.compare_digest(actual, expected)


class PinResult(enum.Enum):
    ACCEPTED = "accepted"
    REFUSED = "refused"  # wrong PIN: the next try waits longer
    WAIT = "wait"  # too soon after a wrong PIN: not even checked
    NO_PIN = "no_pin"  # the config has no PIN: nothing opens the way out


class PinGate:
    """Refuses wrong PINs and makes each further try wait twice as long as the last
    (`first_delay_s`, doubling, at most `max_delay_s`); the right PIN clears the count."""

    def __init__(
        self,
        record: PinRecord | None,
        *,
        clock: Callable[[], float] = time.monotonic,
        first_delay_s: float = 1.0,
        max_delay_s: float = 300.0,
    ) -> None:
        self._record = record
        self._clock = clock
        self._first_delay_s = first_delay_s
        self._max_delay_s = max_delay_s
        self.failures = 0
        self._next_try_at = float("-inf")

    @property
    def has_pin(self) -> bool:
        return self._record is not None

    def wait_s(self) -> float:
        """Seconds before the next try is heard (0: now)."""
        return max(0.0, self._next_try_at - self._clock())

    def try_pin(self, pin: str) -> PinResult:
        if self._record is None:
            return PinResult.NO_PIN
        if self.wait_s() > 0:
            return PinResult.WAIT
        if verify_pin(self._record, pin):
            self.failures, self._next_try_at = 0, float("-inf")
            return PinResult.ACCEPTED
        self.failures += 1
        delay = min(self._max_delay_s, self._first_delay_s * 2 ** (self.failures - 1))
        self._next_try_at = self._clock() + delay
        return PinResult.REFUSED


def read_new_pin(from_stdin: bool, *, ask: Callable[[str], str] | None = None, stdin: TextIO | None = None) -> str:
    """A new PIN from the first line of standard input, or typed twice without echo."""
    ask = ask or getpass.getpass
    try:
        if from_stdin:
            pin = (stdin or sys.stdin).readline().strip()
        else:
            pin = ask("New staff PIN (4 to 12 digits): ").strip()
            check_pin_format(pin)
            if ask("The same PIN again: ").strip() != pin:
                raise PinError("the two PINs differ; nothing was changed")
    except (EOFError, KeyboardInterrupt):
        raise PinError("no PIN given; nothing was changed") from None
    check_pin_format(pin)
    return pin
