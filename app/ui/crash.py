"""Crash reports that help: an unexpected exception in the UI (a slot, an event handler, another
thread) and Qt's own warnings go with their traceback to a rotating log in the user's state folder,
the person sees one plain line, and the app keeps running.

PySide6 hands an exception raised in a slot to `sys.excepthook` and goes on with the event loop, so
the hook is where a report is made; nothing is re-raised and no dialog blocks the window.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler

LOG_ENV = "REFERRAL_ATLAS_LOG_DIR"
LOG_NAME = "referral-atlas.log"
MAX_LOG_BYTES = 1_000_000
LOG_BACKUPS = 3  # at most 4 MB of reports, newest first
_QT_LEVELS = {
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}  # Qt's debug messages are left out


def log_dir() -> Path:
    """`REFERRAL_ATLAS_LOG_DIR`, else the user's log folder inside the state folder
    (~/.local/state/referral-atlas/log on Linux)."""
    override = os.environ.get(LOG_ENV)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_log_path("referral-atlas")


class CrashReports:
    """The installed hooks; `uninstall` puts back what was there before."""

    def __init__(self, show: Callable[[str], None], folder: Path | None = None) -> None:
        self._show = show
        self.logger = logging.getLogger("referral_atlas.crash")
        self.logger.setLevel(logging.INFO)
        self.logger.propagate = False  # stderr gets a copy below, not the root logger's format
        self.log_path: Path | None = (folder or log_dir()) / LOG_NAME
        self._handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._handlers.append(
                RotatingFileHandler(self.log_path, maxBytes=MAX_LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
            )
        except OSError as error:  # a read-only home: reports still reach stderr
            print(f"referral-atlas: crash reports not written to {self.log_path} ({error.strerror})", file=sys.stderr)
            self.log_path = None
        for handler in self._handlers:
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
            self.logger.addHandler(handler)
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception
        self._previous_qt = qInstallMessageHandler(self._on_qt_message)

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook
        qInstallMessageHandler(self._previous_qt)
        for handler in self._handlers:
            self.logger.removeHandler(handler)
            handler.close()

    # -- the hooks ---------------------------------------------------------------------------------
    def _on_exception(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, error, tb)
            return
        self.logger.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, tb)).rstrip())
        try:
            self._show(self.message())
        except Exception:  # noqa: BLE001 - the report must not raise in turn (it would recurse)
            self.logger.error("the crash message could not be shown\n%s", traceback.format_exc().rstrip())

    def _on_thread_exception(self, args: Any) -> None:
        self._on_exception(args.exc_type, args.exc_value, args.exc_traceback)

    def _on_qt_message(self, kind: QtMsgType, context: QMessageLogContext, text: str) -> None:
        level = _QT_LEVELS.get(kind)
        if level is not None:
            where = f" ({context.file}:{context.line})" if context.file else ""
            self.logger.log(level, "Qt: %s%s", text, where)

    def message(self) -> str:
        """The one plain line the person sees."""
        where = str(self.log_path) if self.log_path is not None else "the terminal output"
        return QCoreApplication.translate(
            "CrashReports", "Something went wrong, but you can keep going. A report for staff is in {0}."
        ).format(where)


def install_crash_reports(show: Callable[[str], None], folder: Path | None = None) -> CrashReports:
    """Report unexpected UI exceptions and Qt warnings from now on; `show` gets the plain line
    (a status bar's showMessage, not a dialog)."""
    return CrashReports(show, folder)
