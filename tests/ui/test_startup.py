"""What start-up leaves behind in the process."""

import subprocess
import sys


def test_startup_imports_turn_garbage_collection_back_on():
    code = "import gc, app.main\nprint(gc.isenabled(), gc.get_freeze_count() > 0)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True"]


def test_the_main_window_loads_neither_pydantic_nor_the_content_schema():
    """A clinician's start reads the kept content copy: the schema (~130 ms with pydantic) is for
    checking content, and the quiz's progress store for the first round, not for showing the window."""
    code = (
        "import os, sys; os.environ.setdefault('QT_API', 'pyside6')\n"
        "from PySide6.QtWidgets import QApplication; app = QApplication([])\n"
        "from app.main import load_content_and_report, load_model_or_report\n"
        "from app.ui.main_window import MainWindow\n"
        "window = MainWindow(load_model_or_report(), load_content_and_report()[0])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'app.content.schema'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout
