"""The app itself (not only the CLI) reports a damaged model in one message and does not start."""

import shutil

from PySide6.QtWidgets import QMessageBox

from app import main
from app.resources import ASSETS_ENV, assets_dir


def test_damaged_asset_is_shown_and_named(qtbot, tmp_path, monkeypatch, capsys):
    damaged = tmp_path / "models"
    shutil.copytree(assets_dir(), damaged)
    (damaged / "bones.vtp").write_bytes(b"\0" * 10)
    monkeypatch.setenv(ASSETS_ENV, str(damaged))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))

    assert main.load_model_or_report() is None
    assert len(shown) == 1 and "bones.vtp" in shown[0] and "tools/build_assets.py" in shown[0]
    assert "bones.vtp" in capsys.readouterr().err
