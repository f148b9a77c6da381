"""Printing in the kiosk: the card on screen goes straight to one printer (the config's `printer`,
else the system's default), never through a print or file dialog and never to a file. A kiosk
with no printer to use offers no print button."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

log = logging.getLogger(__name__)


def find_printer(name: str | None) -> str | None:
    """The printer to use: the named one if the system has it, else (no name) the default one."""
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    return None if info.isNull() else info.printerName()


def send_to_printer(document: QTextDocument, printer_name: str) -> bool:
    """Print `document` on the named system printer; False when the printer refuses it."""
    printer = QPrinter(QPrinterInfo.printerInfo(printer_name), QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    printer.setOutputFileName("")  # a printer, never a file
    document.print_(printer)
    return printer.printerState() != QPrinter.PrinterState.Error


class KioskPrinter:
    """The one printer a kiosk prints to, looked up again before each page (printers come and go)."""

    def __init__(
        self,
        name: str | None,
        find: Callable[[str | None], str | None] = find_printer,
        send: Callable[[QTextDocument, str], bool] = send_to_printer,
    ) -> None:
        self.wanted = name
        self._find, self._send = find, send

    def available(self) -> str | None:
        """The printer's name, or None (logged) when there is none to use."""
        found = self._find(self.wanted)
        if found is None:
            wanted = f"printer {self.wanted!r}" if self.wanted else "default printer"
            log.warning(
                "printing is on but the system has no %s: no print button (set `printer` in the kiosk config)", wanted
            )
        return found

    def print_document(self, document: QTextDocument) -> bool:
        name = self._find(self.wanted)
        if name is None:
            return False
        if self._send(document, name):
            log.info("a page was sent to printer %s", name)
            return True
        log.warning("printer %s refused a page", name)
        return False
