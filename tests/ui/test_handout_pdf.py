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
    qtbot.mouseClick(window.toolbar.widgetForAction(window.handout_action), Qt.MouseButton.LeftButton)
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
    middle = first[first.shape[0] // 5 : first.shape[0] // 2, first.shape[1] // 4 : 3 * first.shape[1] // 4]
    assert (middle.sum(axis=2) < 200).mean() > 0.3, "the dark 3D view is printed on the first page"
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
