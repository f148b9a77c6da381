"""`tools/drive_windows.py` still finds what an outside script finds through Qt's widget tree: the 3D
view as a pyvistaqt QtInteractor, the buttons and docks by their text, and a touch in the middle of
the view answered (issue 20). Two modes keep it short; the student's is the clinician's window."""

import json
import os
import subprocess
import sys
from pathlib import Path

DRIVE = Path(__file__).resolve().parents[1] / "tools" / "drive_windows.py"


def test_the_windows_are_found_and_answer_a_touch_through_the_widget_tree(tmp_path):
    out = tmp_path / "found.json"
    run = subprocess.run(
        [sys.executable, str(DRIVE), "--mode", "clinician", "--mode", "kiosk", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "LP_NUM_THREADS": "1"},
    )
    assert run.returncode == 0, run.stderr[-3000:]
    clinician, kiosk = json.loads(out.read_text(encoding="utf-8"))
    for found in (clinician, kiosk):
        assert found["view_found"] == "QtInteractor", found["mode"]
        assert found["urgent_button"], found["mode"]
    assert "What could it be?" in clinician["docks"]
    assert {"Front", "Back"} <= set(clinician["toolbar_actions"]), clinician["toolbar_actions"]
    assert clinician["lists_after_touch"]["Possible sources"] > 0
    assert clinician["status_after_touch"].startswith("You touched")
    assert {"When to get help now", "Start again"} <= set(kiosk["buttons"]), kiosk["buttons"]
    assert sum(kiosk["lists_after_touch"].values()) > 0
    assert "Tap a name to read more." in kiosk["labels_after_touch"]
