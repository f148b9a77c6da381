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


def test_two_modes_at_once_are_refused_in_one_line(capsys, tmp_path, monkeypatch):
    import logging

    from app.cli import build_parser
    from app.modes.keeps_nothing import LOG_DIR_ENV

    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path))
    handlers = list(logging.getLogger("app").handlers)
    try:
        assert main.run_app(build_parser().parse_args(["--kiosk", "--student"])) == 2
    finally:
        for handler in [h for h in logging.getLogger("app").handlers if h not in handlers]:
            logging.getLogger("app").removeHandler(handler)
            handler.close()
    assert "choose one of --kiosk and --student" in capsys.readouterr().err
