"""`referral-atlas kiosk-run`: keep the kiosk on screen.

The supervisor starts the kiosk as a child process and starts it again when it stops, waiting
longer after each failure. Exit code 0 means staff left through the PIN: the supervisor stops
too. After `max_failures` failures within `window_s` it shows the "out of order" screen instead.
Each child gets a fresh private scratch folder for its caches, removed when it ends, so a crash
leaves nothing behind either. No Qt here: the out-of-order screen is a callable the caller gives.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import FrameType

from app.modes.keeps_nothing import kiosk_session, start_technical_log

KIOSK_COMMAND = (sys.executable, "-m", "app", "--kiosk")
OUT_OF_ORDER_COMMAND = (sys.executable, "-m", "app.ui.kiosk.out_of_order")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestartPolicy:
    max_failures: int = 5
    window_s: float = 600.0
    first_delay_s: float = 1.0
    max_delay_s: float = 60.0

    def delay_s(self, recent_failures: int) -> float:
        """The wait before the next start, after `recent_failures` (≥ 1) failures in the window."""
        return float(min(self.max_delay_s, self.first_delay_s * 2 ** (recent_failures - 1)))


class Supervisor:
    def __init__(
        self,
        command: Sequence[str] = KIOSK_COMMAND,
        *,
        out_of_order: Callable[[], object],
        policy: RestartPolicy | None = None,
        session: Callable[[], AbstractContextManager[Mapping[str, str]]] = kiosk_session,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.command = list(command)
        self.out_of_order = out_of_order
        self.policy = policy or RestartPolicy()
        self.session = session
        self.sleep = sleep
        self.clock = clock

    def run(self) -> int:
        """0 when staff closed the kiosk; 1 after the out-of-order screen ends."""
        failures: deque[float] = deque()
        while True:
            code = self._run_child()
            if code == 0:
                log.info("kiosk closed by staff")
                return 0
            now = self.clock()
            failures.append(now)
            while failures[0] < now - self.policy.window_s:
                failures.popleft()
            how = f"signal {-code}" if code < 0 else f"code {code}"
            if len(failures) >= self.policy.max_failures:
                log.error(
                    "kiosk stopped with %s, %d failures in %.0f s: showing the out-of-order screen",
                    how,
                    len(failures),
                    self.policy.window_s,
                )
                self.out_of_order()
                return 1
            delay = self.policy.delay_s(len(failures))
            log.warning(
                "kiosk stopped with %s (failure %d of %d): restarting in %.0f s",
                how,
                len(failures),
                self.policy.max_failures,
                delay,
            )
            self.sleep(delay)

    def _run_child(self) -> int:
        with self.session() as env:
            try:
                child = subprocess.Popen(self.command, env=dict(env))
            except OSError as error:
                log.error("cannot start the kiosk (%s): %s", " ".join(self.command), error.strerror)
                return 127
            try:
                return child.wait()
            finally:  # the supervisor itself is being stopped: take the kiosk down with it
                if child.poll() is None:
                    child.terminate()
                    try:
                        child.wait(timeout=5)
                    except subprocess.TimeoutExpired:
                        child.kill()
                        child.wait()


def show_out_of_order() -> None:
    """The plain "out of order" screen, in its own process with the kiosk's private caches."""
    with kiosk_session() as env:
        subprocess.run(OUT_OF_ORDER_COMMAND, env=dict(env), check=False)


def _stop(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through Supervisor._run_child, which stops the child


def run_kiosk(command: Sequence[str] | None = None) -> int:
    """The `kiosk-run` command: log to `kiosk-run.log`, stop cleanly on SIGTERM (systemd's stop)."""
    start_technical_log("kiosk-run")
    signal.signal(signal.SIGTERM, _stop)
    log.info("kiosk-run started")
    return Supervisor(command or KIOSK_COMMAND, out_of_order=show_out_of_order).run()
