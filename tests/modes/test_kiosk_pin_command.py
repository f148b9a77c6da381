"""`referral-atlas kiosk-pin`: staff set the PIN; the kiosk's other settings stay as they were."""

import io

from app.cli import main
from app.modes.config import CONFIG_ENV, load_kiosk_config
from app.modes.pin import PinGate, PinResult


def test_kiosk_pin_sets_the_pin_and_keeps_the_settings(tmp_path, monkeypatch, capsys):
    path = tmp_path / "referral-atlas" / "kiosk.toml"
    monkeypatch.setenv(CONFIG_ENV, str(path))
    path.parent.mkdir()
    path.write_text("idle_s = 60\nprinting = true\n")
    monkeypatch.setattr("sys.stdin", io.StringIO("864200\n"))
    assert main(["kiosk-pin", "--pin-stdin"]) == 0
    assert str(path) in capsys.readouterr().out
    config = load_kiosk_config(path)
    assert config.idle_s == 60 and config.printing
    gate = PinGate(config.pin)
    assert gate.try_pin("864200") is PinResult.ACCEPTED


def test_kiosk_pin_typed_twice(tmp_path, monkeypatch):
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "kiosk.toml"))
    answers = iter(["5555", "5555"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(answers))
    assert main(["kiosk-pin"]) == 0
    assert PinGate(load_kiosk_config(tmp_path / "kiosk.toml").pin).try_pin("5555") is PinResult.ACCEPTED


def test_kiosk_pin_refuses_a_bad_pin_or_a_broken_file_and_changes_nothing(tmp_path, monkeypatch, capsys):
    path = tmp_path / "kiosk.toml"
    monkeypatch.setenv(CONFIG_ENV, str(path))
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    assert main(["kiosk-pin", "--pin-stdin"]) == 1
    assert "4 to 12 digits" in capsys.readouterr().err and not path.exists()
    path.write_text("idle_s = [\n")
    monkeypatch.setattr("sys.stdin", io.StringIO("123456\n"))
    assert main(["kiosk-pin", "--pin-stdin"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"referral-atlas: {path}: not valid TOML") and "nothing was changed" in err
    assert path.read_text() == "idle_s = [\n"


def test_kiosk_pin_with_an_empty_variable_writes_nowhere(monkeypatch, capsys):
    """Issue 25, defect 9: an empty variable meant the system path, and kiosk-pin wrote there."""
    monkeypatch.setenv(CONFIG_ENV, "")
    monkeypatch.setattr("sys.stdin", io.StringIO("123456\n"))
    assert main(["kiosk-pin", "--pin-stdin"]) == 1
    assert "set but empty" in capsys.readouterr().err
