"""The patient handout as a PDF (Qt's QTextDocument into a QPdfWriter) or on paper (QPrintDialog).

The words come from `app.content.handout`; this module only lays them on pages with the picture of
the view. Nothing is stored: the note lives in the dialog until it closes, the PDF goes where the
clinician chose.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.content.handout import IMAGE_NAME, Handout, build_handout, handout_html
from app.domain.errors import AtlasError
from app.domain.explorer import Explorer, Touch
from app.domain.knowledge import Knowledge

PDF_DPI = 300
PICTURE_SIZE = (1200, 900)  # px of the headless picture (with its legend column)
MARGINS_MM = QMarginsF(18, 16, 18, 16)
BODY_POINT_SIZE = 10.5


def image_from_rgb(rgb: np.ndarray) -> QImage:
    """A QImage that owns a copy of RGB rows (top down), e.g. `interactor.picture()`."""
    rows = np.ascontiguousarray(rgb, dtype=np.uint8)
    height, width, _ = rows.shape
    return QImage(rows.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def handout_document(handout: Handout, picture: QImage | None) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(QFont("DejaVu Sans", BODY_POINT_SIZE))
    if picture is not None and not picture.isNull():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(IMAGE_NAME), picture)
    document.setHtml(handout_html(handout, with_image=picture is not None and not picture.isNull()))
    return document


def _lay_out(device: QPagedPaintDevice) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )


def write_pdf(handout: Handout, picture: QImage | None, out: str | Path) -> Path:
    """Write the handout to `out` (A4); the folder must exist."""
    out = _writable(out)
    writer = QPdfWriter(str(out))
    writer.setResolution(PDF_DPI)
    writer.setTitle("Referral Atlas handout")
    writer.setCreator("Referral Atlas")
    _lay_out(writer)
    handout_document(handout, picture).print_(writer)
    del writer  # the file is complete once the writer is gone
    if not out.is_file() or out.stat().st_size == 0:
        raise AtlasError(f"{out}: the PDF could not be written; check the folder is writable")
    return out


def _writable(out: str | Path) -> Path:
    out = Path(out)
    if not out.parent.is_dir():
        raise AtlasError(f"{out.parent}: folder does not exist; create it or choose another --out")
    return out


def handout_for_point(
    point: tuple[float, float, float], out: str | Path, note: str, view: str, knowledge: Knowledge, language: str = "en"
) -> Path:
    """`referral-atlas handout`: touch the skin nearest `point`, draw the view off-screen, write the
    PDF in `language`."""
    from app.scene.assets import load_skin
    from app.scene.offscreen import render_screenshot
    from app.scene.skin_labels import SkinLabels

    out = _writable(out)  # before the slow part
    if QGuiApplication.instance() is None:  # fonts and the PDF writer need one; no window is shown
        QGuiApplication([sys.argv[0] if sys.argv else "referral-atlas", "-platform", "offscreen"])
    labels = SkinLabels.from_skin(load_skin())
    vertex = labels.nearest_point(point)
    explorer = Explorer(knowledge)
    explorer.touch(Touch(tuple(float(v) for v in labels.points[vertex]), labels.spot(vertex)))
    with tempfile.TemporaryDirectory(prefix="referral-atlas-") as folder:
        png = render_screenshot(
            view=view,
            overlay="none",
            point=point,
            out=Path(folder) / IMAGE_NAME,
            size=PICTURE_SIZE,
            skin_opacity=None,
            knowledge=knowledge,
            language=language,
        )
        picture = QImage(str(png))
    return write_pdf(build_handout(explorer, note, language=language), picture, out)


def printers() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())


class HandoutDialog(QDialog):
    """A note for the patient (optional), then Save PDF… or Print…; the handout is made on demand."""

    def __init__(self, make: Callable[[str], Handout], picture: QImage | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Patient handout"))
        self._make = make  # note → Handout, from the explorer as it is now
        self._picture = picture
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("A note for the patient, if you like (printed on the sheet, never stored):"))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(self.tr("Note for the patient"))
        self.note.setPlaceholderText(self.tr("e.g. Walk a little every day; see me again in 3 weeks."))
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setEnabled(bool(printers()))
        if not self.print_button.isEnabled():
            self.print_button.setToolTip(self.tr("No printer is set up on this computer; save a PDF instead."))
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._on_save)
        self.print_button.clicked.connect(self._on_print)
        layout.addWidget(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    def handout(self) -> Handout:
        return self._make(self.note.toPlainText())

    def save_pdf(self, out: str | Path) -> Path:
        path = write_pdf(self.handout(), self._picture, out)
        self.message.setText(self.tr("Saved {0}").format(path))
        return path

    def _on_save(self) -> None:
        out, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the handout"), "handout.pdf", "PDF (*.pdf)")
        if out:
            try:
                self.save_pdf(out)
            except AtlasError as error:
                self.message.setText(str(error))
                return
            self.accept()

    def _on_print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        _lay_out(printer)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            handout_document(self.handout(), self._picture).print_(printer)
            self.accept()
