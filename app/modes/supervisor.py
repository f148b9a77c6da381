"""`referral-atlas kiosk-run`: keep the kiosk on screen.

The supervisor starts the kiosk as a child process and starts it again when it stops, waiting
longer after each failure. Exit code 0 means staff left through the PIN: the supervisor stops
too. After `max_failures` failures within `window_s` it shows the "out of order" screen instead.
Each child gets a fresh private scratch folder for its caches, removed when it ends, so a crash
leaves nothing behind either. No Qt here: the out-of-order screen is a callable the caller gives.

A watchdog: the child gets the write end of a pipe (`HEARTBEAT_ENV` names its descriptor) and its
event loop writes a byte to it every `HEARTBEAT_S` (`Heartbeat`). A child that has beaten once and
then stays silent for `hang_s` (frozen, or its event loop stuck) is killed, logged, and counts as a
failure; one that never beats gets `start_s` for its start. The child dies with the supervisor
(PR_SET_PDEATHSIG), so a killed `kiosk-run` leaves no kiosk behind.

A kiosk command that cannot be run at all (a missing or non-executable program) is not tried again:
the out-of-order screen shows at once. `kiosk-run` refuses to start without a display to show the
kiosk on, and its errors reach stderr as well as its log, each naming the problem and the fix.
"""

from __future__ import annotations

import ctypes
import logging
import os
import select
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import FrameType

from app.modes.keeps_nothing import LOG_NAMESPACE, kiosk_session, remove_stale_scratch, start_technical_log

KIOSK_COMMAND = (sys.executable, "-m", "app", "--kiosk")
HEARTBEAT_ENV = "REFERRAL_ATLAS_HEARTBEAT_FD"
HEARTBEAT_S = 1.0
_PR_SET_PDEATHSIG = 1
OUT_OF_ORDER_COMMAND = (sys.executable, "-m", "app.ui.kiosk.out_of_order")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestartPolicy:
    max_failures: int = 5
    window_s: float = 600.0
    first_delay_s: float = 1.0
    max_delay_s: float = 60.0
    hang_s: float = 10.0  # no heartbeat for this long after the first one: the kiosk is hung
    start_s: float = 120.0  # the first heartbeat may take this long (model, content, first frame)

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
            if code is None:  # it would not start next time either
                log.error("showing the out-of-order screen")
                self.out_of_order()
                return 1
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

    def _run_child(self) -> int | None:
        """The child's exit code; None when its command cannot be run at all."""
        with self.session() as env:
            beats, beat_end = os.pipe()
            try:
                child = subprocess.Popen(  # kiosk-run starts no thread: preexec_fn is safe here
                    self.command,
                    env={**env, HEARTBEAT_ENV: str(beat_end)},
                    pass_fds=(beat_end,),
                    preexec_fn=_die_with_parent,  # noqa: PLW1509
                )
            except OSError as error:
                log.error(
                    "cannot start the kiosk: %s: %s; reinstall Referral Atlas (or correct the kiosk command)",
                    error.filename or self.command[0],
                    error.strerror,
                )
                os.close(beats)
                return None
            finally:
                os.close(beat_end)
            try:
                return self._watch(child, beats)
            finally:  # the supervisor itself is being stopped: take the kiosk down with it
                os.close(beats)
                if child.poll() is None:
                    child.terminate()
                    try:
                        child.wait(timeout=5)
                    except subprocess.TimeoutExpired:
                        child.kill()
                        child.wait()

    def _watch(self, child: subprocess.Popen[bytes], beats: int) -> int:
        """The child's exit code; a child silent past its deadline is killed (a failure)."""
        last, beaten, open_ = time.monotonic(), False, True
        while child.poll() is None:
            silent_s = time.monotonic() - last
            limit = self.policy.hang_s if beaten else self.policy.start_s
            if silent_s > limit:
                log.error("kiosk hung: no heartbeat for %.0f s; stopping it", silent_s)
                child.kill()  # SIGKILL ends a stopped (SIGSTOP) process too
                child.wait()
                return -signal.SIGKILL
            ready, _, _ = select.select([beats] if open_ else [], [], [], min(HEARTBEAT_S, limit - silent_s + 0.01))
            if ready:
                if os.read(beats, 4096):
                    if not beaten:
                        log.info("kiosk is up: first heartbeat %.1f s after its start", time.monotonic() - last)
                    last, beaten = time.monotonic(), True
                else:  # the child closed its end (it is ending): no more beats to wait for
                    open_ = False
        return child.returncode


def show_out_of_order() -> None:
    """The plain "out of order" screen, in its own process with the kiosk's private caches."""
    with kiosk_session() as env:
        code = subprocess.run(OUT_OF_ORDER_COMMAND, env=dict(env), check=False).returncode
    if code != 0:
        log.error("the out-of-order screen could not be shown either (code %d): see the lines above", code)


def display_problem(env: Mapping[str, str]) -> str | None:
    """Why Qt could not open a window, when the environment already says so (Qt itself would print
    a platform-plugin message and abort): no X or Wayland display. Other Qt platforms (eglfs,
    linuxfb, an explicit wayland) are left to Qt."""
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform not in ("", "xcb") or env.get("DISPLAY"):
        return None
    if not platform and (env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland"):
        return None  # Qt takes Wayland
    return (
        "no display to show the kiosk on (DISPLAY is not set): start kiosk-run inside the kiosk user's "
        "graphical session, under cage or from the desktop's autostart or a systemd user unit (README, 'Kiosk')"
    )


def _die_with_parent() -> None:
    """In the child before it runs: SIGKILL when the supervisor dies, however it dies (Linux)."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class Heartbeat:
    """The kiosk's side of the watchdog: `beat()` from its event loop writes a byte down the pipe
    `kiosk-run` gave it; without a supervisor it does nothing."""

    def __init__(self) -> None:
        given = os.environ.pop(HEARTBEAT_ENV, "")
        self.fd: int | None = int(given) if given.isdigit() else None
        if self.fd is not None:
            try:
                os.set_blocking(self.fd, False)
                os.set_inheritable(self.fd, False)
            except OSError:
                self.fd = None

    def beat(self) -> None:
        if self.fd is None:
            return
        try:
            os.write(self.fd, b".")
        except BlockingIOError:  # the supervisor has beats still to read
            pass
        except OSError:  # the supervisor is gone
            self.fd = None


def _stop(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds through Supervisor._run_child, which stops the child


def run_kiosk(command: Sequence[str] | None = None) -> int:
    """The `kiosk-run` command: log to `kiosk-run.log` (errors to stderr too), stop cleanly on
    SIGTERM (systemd's stop)."""
    start_technical_log("kiosk-run")
    errors = logging.StreamHandler(sys.stderr)
    errors.setLevel(logging.ERROR)
    errors.setFormatter(logging.Formatter("referral-atlas kiosk-run: %(message)s"))
    logger = logging.getLogger(LOG_NAMESPACE)
    logger.addHandler(errors)
    try:
        problem = display_problem(os.environ)
        if problem is not None:
            log.error(problem)
            return 1
        signal.signal(signal.SIGTERM, _stop)
        log.info("kiosk-run started")
        for folder in remove_stale_scratch():
            log.warning("removed %s, left by a kiosk that was killed", folder)
        return Supervisor(command or KIOSK_COMMAND, out_of_order=show_out_of_order).run()
    finally:
        logger.removeHandler(errors)
