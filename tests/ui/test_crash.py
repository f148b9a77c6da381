"""An unexpected exception in the UI is logged with its traceback, shown as one plain line, and the
app keeps running (issue 13). pytest-qt's own capture of slot exceptions is off here, so the
installed hook is the one that sees them."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import Qt, QTimer, qWarning
from PySide6.QtWidgets import QPushButton

from app.ui.crash import LOG_NAME, install_crash_reports


@pytest.fixture
def reports(tmp_path):
    shown: list[str] = []
    installed = install_crash_reports(shown.append, folder=tmp_path)
    yield installed, shown, tmp_path / LOG_NAME
    installed.uninstall()


def _boom() -> None:
    raise RuntimeError("boom in a slot")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_shown_once_and_the_app_keeps_running(qtbot, reports):
    installed, shown, log = reports
    button = QPushButton("press")
    qtbot.addWidget(button)
    button.clicked.connect(_boom)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    later: list[bool] = []
    QTimer.singleShot(0, lambda: later.append(True))
    qtbot.waitUntil(lambda: bool(later))  # the event loop still runs
    text = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in _boom" in text
    assert "RuntimeError: boom in a slot" in text
    assert shown == [installed.message()] and str(log) in shown[0] and "\n" not in shown[0]
    button.clicked.disconnect(_boom)
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert clicks == [True], "the button still works"


@pytest.mark.qt_no_exception_capture
def test_a_thread_error_and_a_qt_warning_reach_the_log(reports):
    _installed, shown, log = reports
    worker = threading.Thread(target=_boom)
    worker.start()
    worker.join()
    qWarning("a warning from Qt")
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: boom in a slot" in text and "WARNING Qt: a warning from Qt" in text
    assert len(shown) == 1


def test_uninstall_puts_back_the_previous_hooks(tmp_path):
    import sys

    before = sys.excepthook, threading.excepthook
    installed = install_crash_reports(lambda _: None, folder=tmp_path)
    ours = list(installed._handlers)
    installed.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
    assert not set(ours) & set(logging.getLogger("referral_atlas.crash").handlers)


def test_an_unwritable_log_folder_still_reports_to_stderr(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    shown: list[str] = []
    installed = install_crash_reports(shown.append, folder=blocker / "log")
    try:
        installed._on_exception(RuntimeError, RuntimeError("boom"), None)
    finally:
        installed.uninstall()
    err = capsys.readouterr().err
    assert "crash reports not written" in err and "RuntimeError: boom" in err
    assert shown and "the terminal output" in shown[0]


def test_the_app_reports_an_error_in_its_event_loop_and_carries_on(tmp_path):
    """`run_app` installs the reports: an error raised inside the running app lands in the log and
    in the status bar, and the loop goes on to the next event."""
    import os
    import subprocess
    import sys

    from app.content.cache import CACHE_ENV
    from app.ui.crash import LOG_ENV

    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "import app.main\n"
        "qt = QApplication(sys.argv[:1])\n"
        "def boom():\n"
        "    raise RuntimeError('boom in the running app')\n"
        "def after():\n"
        "    window = next(w for w in qt.topLevelWidgets() if isinstance(w, QMainWindow))\n"
        "    print('STATUS', window.statusBar().currentMessage(), flush=True)\n"
        "    qt.quit()\n"
        "QTimer.singleShot(0, boom)\n"
        "QTimer.singleShot(200, after)\n"
        "sys.exit(app.main.run_app(None))\n"
    )
    env = {**os.environ, LOG_ENV: str(tmp_path / "log"), CACHE_ENV: str(tmp_path / "cache")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "STATUS Something went wrong, but you can keep going." in result.stdout
    assert "RuntimeError: boom in the running app" in (tmp_path / "log" / LOG_NAME).read_text(encoding="utf-8")
