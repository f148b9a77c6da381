"""Cards read aloud offline by espeak-ng, when the kiosk's config turns it on and the program is
installed (`apt install espeak-ng`: an optional extra, never a dependency). Without it the kiosk
shows no button. The text goes to the program's standard input; it writes no file."""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Callable

log = logging.getLogger(__name__)
PROGRAM = "espeak-ng"


class ReadAloud:
    def __init__(self, language: str, which: Callable[[str], str | None] = shutil.which) -> None:
        self.language = language
        self.program = which(PROGRAM)
        self._speaking: subprocess.Popen[bytes] | None = None

    @property
    def available(self) -> bool:
        return self.program is not None

    def speak(self, text: str) -> None:
        """Say `text`, stopping whatever was being said."""
        self.stop()
        if self.program is None or not text.strip():
            return
        try:
            self._speaking = subprocess.Popen(
                [self.program, "-v", self.language, "--stdin"],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            assert self._speaking.stdin is not None
            self._speaking.stdin.write(text.encode())
            self._speaking.stdin.close()
        except OSError as error:
            log.warning("read aloud failed: %s cannot run (%s)", self.program, error.strerror)
            self._speaking = None

    def stop(self) -> None:
        speaking, self._speaking = self._speaking, None
        if speaking is not None and speaking.poll() is None:
            speaking.terminate()
            try:
                speaking.wait(timeout=1)
            except subprocess.TimeoutExpired:
                speaking.kill()
