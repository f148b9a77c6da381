"""The watchdog's time to bring back a frozen kiosk (issue 25): the real `referral-atlas kiosk-run`
with the real kiosk under Xvfb; once the kiosk has drawn its first frame, `kill -STOP` freezes it
(the picture stays, nothing answers), and the clock runs until a new kiosk has drawn its first frame.

Measured from the moment of the SIGSTOP, by polling the technical logs (kiosk-run.log and the
kiosk's referral-atlas.log, every 20 ms) for: kiosk-run's "kiosk hung" line (the watchdog noticed:
the policy's `hang_s`, 10 s, plus up to a heartbeat), its "first heartbeat" line for the new kiosk
(the new event loop turns), and the new kiosk's "first frame drawn" line (visitors can use it again).
The restart's own wait (`first_delay_s`, 1 s after the first failure) and the new kiosk's start are
inside the last figure; the kiosk's start alone (model, content, first frame) is printed too.

    python benchmarks/watchdog.py            # 3 freezes
    python benchmarks/watchdog.py --runs 1
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _xvfb import display

POLL_S = 0.02
TIMEOUT_S = 300.0


class Logs:
    """New lines of the two technical logs, as they are written."""

    def __init__(self, folder: Path) -> None:
        self.files = [folder / "kiosk-run.log", folder / "referral-atlas.log"]
        self.read = dict.fromkeys(self.files, 0)

    def wait_for(self, texts: tuple[str, ...], since: float) -> dict[str, float]:
        """Seconds from `since` (time.monotonic) until a new line holding each of `texts` appeared."""
        seen: dict[str, float] = {}
        while len(seen) < len(texts):
            if time.monotonic() - since > TIMEOUT_S:
                raise TimeoutError(f"not in the logs within {TIMEOUT_S:.0f} s: {set(texts) - set(seen)}")
            for path in self.files:
                if not path.exists():
                    continue
                lines = path.read_text(encoding="utf-8").splitlines()
                new, self.read[path] = lines[self.read[path] :], len(lines)
                for text in texts:
                    if text not in seen and any(text in line for line in new):
                        seen[text] = time.monotonic() - since
            time.sleep(POLL_S)
        return seen

    def skip_to_end(self) -> None:
        for path in self.files:
            self.read[path] = len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0


def kiosk_pid(supervisor: int) -> int:
    children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
    if len(children) != 1:
        raise RuntimeError(f"kiosk-run has {len(children)} children")
    return int(children[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="watchdog-"))
    env = {**os.environ, "REFERRAL_ATLAS_LOG_DIR": str(folder), "XDG_RUNTIME_DIR": str(folder),
           "REFERRAL_ATLAS_KIOSK_CONFIG": str(folder / "kiosk.toml")}  # fmt: skip
    logs = Logs(folder)
    started = time.monotonic()
    run = subprocess.Popen([sys.executable, "-m", "app", "kiosk-run"], env=env, stderr=subprocess.DEVNULL)
    noticed, beating, drawn = [], [], []
    try:
        first_start = logs.wait_for(("first frame drawn",), started)["first frame drawn"]
        for _ in range(args.runs):
            logs.skip_to_end()
            time.sleep(2.0)  # the kiosk settles (its coarse shapes, the attract screen's timer)
            frozen = kiosk_pid(run.pid)
            logs.skip_to_end()
            stopped = time.monotonic()
            os.kill(frozen, signal.SIGSTOP)
            seen = logs.wait_for(("kiosk hung", "kiosk is up", "first frame drawn"), stopped)
            noticed.append(seen["kiosk hung"])
            beating.append(seen["kiosk is up"])
            drawn.append(seen["first frame drawn"])
    finally:
        run.send_signal(signal.SIGTERM)
        run.wait(timeout=60)
    load = os.getloadavg()
    print(
        f"kiosk-run with the real kiosk under Xvfb; load average {load[0]:.1f} / {load[1]:.1f} ({os.cpu_count()} cores)"
    )
    print(f"first start: the kiosk's first frame {first_start:.1f} s after kiosk-run started")
    print(f"{len(drawn)} freezes (SIGSTOP), seconds from the freeze:")
    for name, values in (("hang noticed", noticed), ("new kiosk beating", beating), ("new kiosk drawn", drawn)):
        each = ", ".join(f"{v:.1f}" for v in values)
        print(f"  {name}: median {statistics.median(values):.1f} s, max {max(values):.1f} s ({each})")


if __name__ == "__main__":
    with display(1280, 800):
        main()
