"""The handout PDF from the window (a real click, the toolbar action, a typed note) and headless.

Its text is read back with poppler's pdftotext and its pages drawn with pdftoppm (./run installs
poppler-utils): the sources, the care advice, the references and the picture must be on it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
from PIL import Image
from pixels import click, skin_point_near
from PySide6.QtCore import Qt

from app.ui.handout import printers
from app.version import app_version, content_release


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(path: Path, folder: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def test_the_handout_holds_the_view_sources_care_and_references(qtbot, window, tmp_path):
    window.camera.request_view("anterior")
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1)))
    qtbot.waitUntil(lambda: bool(window.explorer.candidates) and not window.animating())
    qtbot.mouseClick(window.toolbar.widgetForAction(window.controls.handout_action), Qt.MouseButton.LeftButton)
    dialog = window.handout_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.note, "Walk a little every day.")
    out = dialog.save_pdf(tmp_path / "handout.pdf")
    assert dialog.print_button.isEnabled() == bool(printers()), "Print… only where a printer is set up"

    text = " ".join(pdf_text(out).split())
    sources = [s.title for s in dialog.handout().sources]
    assert len(sources) == 3 and all(" ".join(title.split()) in text for title in sources), (sources, text[:800])
    assert "Pain in your left foot" in text and "Side: left" in text and f"{date.today():%d %B %Y}" in text
    assert "What helps" in text and "When to get care now" in text and "Numbness between the legs" in text
    assert "not a diagnosis" in text and "Walk a little every day." in text
    assert "References" in text and "[1] National Institute for Health and Care Excellence" in text
    assert "nice_ng59" not in text and "card:" not in text

    first = np.asarray(Image.open(pdf_pages(out, tmp_path)[0]).convert("RGB"), dtype=int)
    height, width = first.shape[:2]  # the picture sits beside the care-now box, top right
    beside = first[height // 8 : height // 3, 3 * width // 5 : 9 * width // 10]
    assert (beside.sum(axis=2) < 200).mean() > 0.3, "the dark 3D view is printed on the first page"
    dialog.reject()


def test_the_headless_command_writes_the_same_handout(tmp_path):
    out = tmp_path / "headless.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "handout",
            "--point",
            "-0.218,0.157,0.04",
            "--out",
            str(out),
            "--note",
            "See me in 3 weeks.",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(pdf_text(out).split())
    assert "Pain in your left foot" in text and "Slipped disc between L4 and L5" in text
    assert "When to get care now" in text and "See me in 3 weeks." in text and "References" in text
    assert f"Made with Referral Atlas {app_version()}, content {content_release()}" in text
    images = subprocess.run(["pdfimages", "-list", str(out)], check=True, capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) >= 3, "the picture of the view is in the PDF"


def test_a_bad_out_folder_is_one_clear_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "app", "handout", "--point", "0,0,0", "--out", str(tmp_path / "no" / "x.pdf")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "folder does not exist" in done.stderr


def _page_text(path: Path, page: int) -> str:
    done = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    )
    return " ".join(done.stdout.split())


def test_the_handout_is_what_the_clinician_hands_over(qtbot, window, tmp_path):
    """Issue 21, defect 2: the top of the left foot, Shooting and Worse bending, the L5–S1 disc
    selected. Before: a bunion (14th, 0.08) was source 3, the selected disc was missing, the
    references named the stored files, care-now split over pages 1 and 2, four pages."""
    window.camera.request_view("anterior")
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1)))
    qtbot.waitUntil(lambda: bool(window.explorer.candidates) and not window.animating())
    window.panel.questions.answer_boxes[("features", "shooting")].click()
    window.panel.questions.answer_boxes[("triggers", "bending")].click()
    ids = [c.id for c in window.explorer.candidates]
    row = ids.index("lumbar_disc_herniation_L5_S1")
    window.panel.tabs.setCurrentIndex(0)
    window.panel.sources.candidate_list.setCurrentRow(row)
    assert window.explorer.selected.id == "lumbar_disc_herniation_L5_S1"
    window.controls.handout_action.trigger()
    dialog = window.handout_dialog
    qtbot.waitUntil(dialog.isVisible)

    handout = dialog.handout()
    titles = [s.title for s in handout.sources]
    assert titles[0] == window.panel.title_of(window.explorer.selected), titles
    assert not any("Bunion" in t for t in titles), titles
    likely = {window.panel.title_of(c) for c in window.explorer.candidates if window.explorer.likely(c)}
    assert set(titles) <= likely
    for paper in ("A4", "Letter"):
        dialog.paper.setCurrentIndex(dialog.paper.findData(paper))
        out = dialog.save_pdf(tmp_path / f"{paper}.pdf")
        assert str(out) in dialog.message.text(), "the confirmation names the file"
        pages = pdf_pages(out, tmp_path / paper) if (tmp_path / paper).mkdir() is None else []
        assert 1 <= len(pages) <= 2, (paper, len(pages))
        first = _page_text(out, 1)
        assert "When to get care now" in first and "you have had cancer" in first, "the care-now block is whole"
        assert first.index("When to get care now") < first.index("Possible sources")
        text = " ".join(pdf_text(out).split())
        assert "shared source" not in text and ".txt" not in text and "article_" not in text
        assert "Weller SJ (2000)" in text or "(2016)" in text, "references with authors and year"
    dialog.reject()


def test_save_pdf_starts_in_documents_and_preview_shows_the_sheet(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtPrintSupport import QPrintPreviewWidget
    from PySide6.QtWidgets import QFileDialog

    from app.ui import handout as handout_module

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if Path(documents).is_dir():
        assert handout_module.documents_folder() == Path(documents)
    monkeypatch.setattr(handout_module, "documents_folder", lambda: tmp_path)
    (tmp_path / f"handout-{date.today():%Y-%m-%d}.pdf").write_bytes(b"an earlier sheet")
    asked = {}

    def answer(_parent, _title, suggested, _filter):
        asked["suggested"] = suggested
        return suggested, "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1)))
    qtbot.waitUntil(lambda: bool(window.explorer.candidates) and not window.animating())
    window.controls.handout_action.trigger()
    dialog = window.handout_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / f"handout-{date.today():%Y-%m-%d}-2.pdf"
    assert asked["suggested"] == str(saved), "in Documents, never over an earlier sheet"
    assert saved.is_file() and dialog.isVisible() and str(saved) in dialog.message.text()

    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.isVisible())
    pages = dialog.preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: pages.pageCount() >= 1)
    assert pages.pageCount() <= 2
    dialog.preview.reject()
    dialog.reject()
