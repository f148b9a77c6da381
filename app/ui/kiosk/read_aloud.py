"""Cards read aloud offline by espeak-ng, when the kiosk's config turns it on and the program is
installed (`apt install espeak-ng`: an optional extra, never a dependency). Without it the kiosk
shows no button. The text goes to the program's standard input; it writes no file. A QProcess runs
it, so a finished reading is reaped at once (no defunct process) and announces its end."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable

from PySide6.QtCore import QObject, QProcess, Signal

log = logging.getLogger(__name__)
PROGRAM = "espeak-ng"
STOP_WAIT_MS = 1000


class ReadAloud(QObject):
    speaking_changed = Signal(bool)

    def __init__(self, language: str, which: Callable[[str], str | None] = shutil.which,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.language = language
        self.program = which(PROGRAM)
        self._process: QProcess | None = None

    @property
    def available(self) -> bool:
        return self.program is not None

    @property
    def speaking(self) -> bool:
        return self._process is not None

    def speak(self, text: str) -> None:
        """Say `text`, stopping whatever was being said."""
        self.stop()
        if self.program is None or not text.strip():
            return
        process = QProcess(self)
        process.setProgram(self.program)
        process.setArguments(["-v", self.language, "--stdin"])
        process.setStandardOutputFile(QProcess.nullDevice())
        process.setStandardErrorFile(QProcess.nullDevice())
        process.finished.connect(lambda _code, _status: self._on_finished(process))
        process.errorOccurred.connect(lambda error: self._on_error(process, error))
        self._process = process
        process.start()
        process.write(text.encode())
        process.closeWriteChannel()
        self.speaking_changed.emit(True)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.state() != QProcess.ProcessState.NotRunning:
            process.terminate()
            if not process.waitForFinished(STOP_WAIT_MS):
                process.kill()
                process.waitForFinished(STOP_WAIT_MS)
        process.deleteLater()
        self.speaking_changed.emit(False)

    def _on_finished(self, process: QProcess) -> None:
        if process is self._process:
            self._process = None
            process.deleteLater()
            self.speaking_changed.emit(False)

    def _on_error(self, process: QProcess, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and process is self._process:
            log.warning("read aloud failed: %s cannot run", self.program)
            self._on_finished(process)
