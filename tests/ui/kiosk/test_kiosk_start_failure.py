"""Nothing technical in front of a visitor (issue 25, defect 5): a kiosk that cannot start shows the
out-of-order screen and writes the cause to the technical log, never a dialog."""

import logging
import shutil

import pytest
from kiosk_setup import short_spec
from PySide6.QtWidgets import QApplication, QMessageBox

from app import main
from app.resources import ASSETS_ENV, CONTENT_ENV, assets_dir
from app.ui.i18n import Translation
from app.ui.kiosk.out_of_order import OutOfOrderWindow


@pytest.fixture
def no_dialogs(monkeypatch):
    shown = []
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, _n=name, **kwargs: shown.append((_n, args)))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(("exec", self.text())))
    return shown


def _broken_model(tmp_path, monkeypatch):
    damaged = tmp_path / "models"
    shutil.copytree(assets_dir(), damaged)
    (damaged / "bones.vtp").write_bytes(b"\0" * 10)
    monkeypatch.setenv(ASSETS_ENV, str(damaged))


def _missing_content(tmp_path, monkeypatch):
    monkeypatch.setenv(CONTENT_ENV, str(tmp_path / "no-content"))


@pytest.mark.parametrize("breaker", [_broken_model, _missing_content], ids=["damaged-model", "missing-content"])
def test_a_kiosk_that_cannot_start_shows_out_of_order_and_logs_why(
    qtbot, tmp_path, monkeypatch, caplog, no_dialogs, breaker
):
    breaker(tmp_path, monkeypatch)
    monkeypatch.setattr(QApplication, "setQuitOnLastWindowClosed", lambda *_: None)
    with caplog.at_level(logging.ERROR, logger="app"):
        shown = main.start_kiosk(Translation(), short_spec(), 0.0)
    qtbot.addWidget(shown)
    assert isinstance(shown, OutOfOrderWindow)
    qtbot.waitUntil(shown.isVisible)
    assert shown.isFullScreen() and no_dialogs == []
    what = "bones.vtp" if breaker is _broken_model else "no-content"
    assert [r.name for r in caplog.records if what in r.getMessage() and "out-of-order" in r.getMessage()] == [
        "app.main"
    ]
