"""The patient handout as a PDF (Qt's QTextDocument into a QPdfWriter) or on paper (QPrintDialog).

The words come from `app.content.handout`; this module only lays them on pages with the picture of
the view. Nothing is stored: the note lives in the dialog until it closes, the PDF goes where the
clinician chose.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QLocale, QMarginsF, QSizeF, QStandardPaths, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.content.handout import IMAGE_NAME, Handout, build_handout, handout_html
from app.domain.errors import AtlasError
from app.domain.explorer import Explorer
from app.domain.knowledge import Knowledge

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

PDF_DPI = 300
PICTURE_SIZE = (1200, 900)  # px of the headless picture (with its legend column)
MARGINS_MM = QMarginsF(16, 14, 16, 14)
POINT_SIZES = (10.5, 10, 9.5, 9)  # the body text, smaller only where a long sheet needs it
MAX_PAGES = 2
PAPERS = ("A4", "Letter")


def image_from_rgb(rgb: np.ndarray) -> QImage:
    """A QImage that owns a copy of RGB rows (top down), e.g. `interactor.picture()`."""
    rows = np.ascontiguousarray(rgb, dtype=np.uint8)
    height, width, _ = rows.shape
    return QImage(rows.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def page_layout(paper: str = "A4") -> QPageLayout:
    """The sheet's page: A4 or Letter, portrait, with MARGINS_MM."""
    size = QPageSize.PageSizeId.Letter if paper == "Letter" else QPageSize.PageSizeId.A4
    return QPageLayout(QPageSize(size), QPageLayout.Orientation.Portrait, MARGINS_MM, QPageLayout.Unit.Millimeter)


def default_paper() -> str:
    """Letter where the locale uses it (the US, Canada, Mexico …), else A4."""
    letter = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico, QLocale.Country.Chile}
    return "Letter" if QLocale().territory() in letter else "A4"


def handout_document(handout: Handout, picture: QImage | None, page: QPageLayout) -> QTextDocument:
    """The sheet laid out on `page` itself (Qt's own printing would add 2 cm margins of its own),
    its text a little smaller where that keeps it to MAX_PAGES."""
    document = QTextDocument()
    with_image = picture is not None and not picture.isNull()
    if with_image:
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(IMAGE_NAME), picture)
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInchY() if screen is not None else 96.0  # the document's own units
    area = page.paintRect(QPageLayout.Unit.Inch)
    document.setPageSize(QSizeF(area.width() * dpi, area.height() * dpi))
    html = handout_html(handout, with_image=with_image)
    for point_size in POINT_SIZES:
        document.setDefaultFont(QFont("DejaVu Sans", int(point_size)))  # whole points: 10.5 is drawn as 10
        document.setHtml(html)
        frame = document.rootFrame().frameFormat()
        frame.setMargin(0)
        document.rootFrame().setFrameFormat(frame)
        if document.pageCount() <= MAX_PAGES:
            break
    return document


def write_pdf(handout: Handout, picture: QImage | None, out: str | Path, paper: str = "A4") -> Path:
    """Write the handout to `out` on A4 or Letter `paper`; the folder must exist."""
    out = _writable(out)
    writer = QPdfWriter(str(out))
    writer.setResolution(PDF_DPI)
    writer.setTitle("Referral Atlas handout")
    writer.setCreator("Referral Atlas")
    page = page_layout(paper)
    writer.setPageLayout(page)
    handout_document(handout, picture, page).print_(writer)
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
    explorer.touch(labels.touch(vertex))
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


def user_folder(location: QStandardPaths.StandardLocation) -> Path:
    """The user's folder for `location` (Pictures, Documents …), else Documents, else home."""
    for where in (location, QStandardPaths.StandardLocation.DocumentsLocation):
        folder = QStandardPaths.writableLocation(where)
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def documents_folder() -> Path:
    """Where a handout is saved by default: the user's Documents folder (home if there is none)."""
    return user_folder(QStandardPaths.StandardLocation.DocumentsLocation)


def free_name(folder: Path, stem: str, suffix: str) -> Path:
    """folder/stem.suffix, or stem-2, -3 … when that name is taken (an earlier file is never replaced)."""
    candidate, n = folder / f"{stem}{suffix}", 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate


class HandoutDialog(QDialog):
    """A note for the patient (optional) and the paper, then Preview…, Save PDF… or Print…; the
    handout is made on demand."""

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
        paper_row = QHBoxLayout()
        paper_label = QLabel(self.tr("Paper:"))
        self.paper = QComboBox()
        for paper in PAPERS:
            self.paper.addItem(paper, paper)
        self.paper.setCurrentIndex(max(0, self.paper.findData(default_paper())))
        self.paper.setAccessibleName(self.tr("Paper size"))
        paper_label.setBuddy(self.paper)
        paper_row.addWidget(paper_label)
        paper_row.addWidget(self.paper)
        paper_row.addStretch(1)
        layout.addLayout(paper_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.preview_button = QPushButton(self.tr("Preview…"))
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setEnabled(bool(printers()))
        if not self.print_button.isEnabled():
            self.print_button.setToolTip(self.tr("No printer is set up on this computer; save a PDF instead."))
        for button in (self.preview_button, self.save_button, self.print_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self._on_preview)
        self.save_button.clicked.connect(self._on_save)
        self.print_button.clicked.connect(self._on_print)
        layout.addWidget(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.preview: QDialog | None = None
        self._preview_printer: QPrinter | None = None

    def handout(self) -> Handout:
        return self._make(self.note.toPlainText())

    def chosen_paper(self) -> str:
        return str(self.paper.currentData())

    def save_pdf(self, out: str | Path) -> Path:
        """Write the sheet to `out` and say so in the dialog, naming the file (it stays open)."""
        path = write_pdf(self.handout(), self._picture, out, self.chosen_paper())
        self.message.setText(self.tr("Saved the handout as {0}").format(path))
        return path

    def _on_save(self) -> None:
        suggested = free_name(documents_folder(), f"handout-{date.today():%Y-%m-%d}", ".pdf")
        out, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the handout"), str(suggested), "PDF (*.pdf)")
        if out:
            try:
                self.save_pdf(out)
            except AtlasError as error:
                self.message.setText(str(error))

    def _printer(self) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter  # printing support loads on first use

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(self.chosen_paper()))
        return printer

    def _paint(self, printer: QPrinter) -> None:
        handout_document(self.handout(), self._picture, printer.pageLayout()).print_(printer)

    def _on_preview(self) -> None:
        """The sheet as it will print (Qt's print preview), on the chosen paper."""
        from PySide6.QtPrintSupport import QPrintPreviewDialog

        self._preview_printer = self._printer()  # the dialog only points at it: kept while it shows
        preview = QPrintPreviewDialog(self._preview_printer, self)
        preview.setWindowTitle(self.tr("Handout preview"))
        preview.paintRequested.connect(self._paint)
        self.preview = preview
        preview.open()

    def _on_print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        printer = self._printer()
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self._paint(printer)
            self.message.setText(self.tr("Sent the handout to {0}").format(printer.printerName()))
