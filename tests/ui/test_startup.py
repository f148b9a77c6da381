"""What start-up leaves behind in the process."""

import subprocess
import sys


def test_startup_imports_turn_garbage_collection_back_on():
    code = "import gc, app.main\nprint(gc.isenabled(), gc.get_freeze_count() > 0)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True"]


def test_the_main_window_loads_neither_pydantic_nor_the_content_schema():
    """A clinician's start reads the kept content copy: the schema (~130 ms with pydantic) is for
    checking content, not for showing it."""
    import subprocess
    import sys

    code = "import sys, app.ui.main_window; print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'app.content.schema'))))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout
