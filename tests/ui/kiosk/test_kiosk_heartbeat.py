"""The kiosk's event loop beats for kiosk-run's watchdog (issue 25, defect 3): the real kiosk, started
as kiosk-run starts it, writes to the pipe it was given, again and again."""

import os
import select
import subprocess
import time

from app.modes.supervisor import HEARTBEAT_ENV, KIOSK_COMMAND


def test_the_real_kiosk_beats_from_its_event_loop(qapp, tmp_path):
    beats, end = os.pipe()
    env = {
        **os.environ,
        HEARTBEAT_ENV: str(end),
        "REFERRAL_ATLAS_LOG_DIR": str(tmp_path),
        "REFERRAL_ATLAS_KIOSK_CONFIG": str(tmp_path / "none.toml"),
        "REFERRAL_ATLAS_SCRATCH": str(tmp_path),
    }
    kiosk = subprocess.Popen(KIOSK_COMMAND, env=env, pass_fds=(end,))
    os.close(end)
    got, deadline = b"", time.monotonic() + 120
    try:
        while len(got) < 3 and time.monotonic() < deadline and kiosk.poll() is None:
            ready, _, _ = select.select([beats], [], [], 1.0)
            if ready:
                got += os.read(beats, 16)
    finally:
        kiosk.kill()
        kiosk.wait()
        os.close(beats)
    assert got[:3] == b"...", (got, kiosk.returncode)
