"""What start-up leaves behind in the process."""

import subprocess
import sys


def test_startup_imports_turn_garbage_collection_back_on():
    code = "import gc, app.main\nprint(gc.isenabled(), gc.get_freeze_count() > 0)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True"]
