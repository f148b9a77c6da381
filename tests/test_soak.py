"""The soak (`benchmarks/soak.py`) still drives every mode: a short run takes each of its actions
once and fails on any error, so a renamed control breaks the suite, not the next long run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SOAK = Path(__file__).resolve().parents[1] / "benchmarks" / "soak.py"


@pytest.mark.parametrize(("mode", "actions"), [("clinician", 25), ("student", 30), ("kiosk", 15)])
def test_a_short_soak_takes_every_action_of_the_mode_without_a_failure(mode, actions):
    run = subprocess.run(
        [sys.executable, str(SOAK), "--mode", mode, "--actions", str(actions)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "LP_NUM_THREADS": "1"},
    )
    assert run.returncode == 0 and f"soak {mode}: PASS" in run.stdout, run.stdout[-4000:] + run.stderr[-2000:]
    assert "never tried" not in run.stdout
