"""The kiosk config: read-only to the kiosk, safe defaults and one clear log line when broken."""

import logging
import os
import stat
from pathlib import Path

import pytest

from app.modes.config import (
    CONFIG_ENV,
    KioskConfig,
    KioskConfigError,
    dump_kiosk_config,
    kiosk_config_path,
    load_kiosk_config,
    read_kiosk_config,
    write_kiosk_config,
)
from app.modes.pin import hash_pin, verify_pin


@pytest.fixture
def path(tmp_path):
    return tmp_path / "etc" / "kiosk.toml"


def warnings(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_the_path_is_the_site_config_folder_unless_overridden(monkeypatch, tmp_path):
    monkeypatch.delenv(CONFIG_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "xdg"))
    assert kiosk_config_path() == tmp_path / "xdg" / "referral-atlas" / "kiosk.toml"
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "mine.toml"))
    assert kiosk_config_path() == tmp_path / "mine.toml"


def test_the_defaults():
    config = KioskConfig()
    assert (config.idle_s, config.prompt_s, config.language) == (90, 15, "en")
    assert not config.printing and not config.read_aloud and config.screen == 0 and config.pin is None


def test_a_good_file_is_read(path):
    path.parent.mkdir()
    path.write_text("idle_s = 45\nprompt_s = 10\nlanguage = 'es'\nprinting = true\nscreen = 1\n")
    config = load_kiosk_config(path)
    assert (config.idle_s, config.prompt_s, config.language, config.printing, config.screen) == (45, 10, "es", True, 1)


def test_a_missing_file_gives_defaults_and_one_line(path, caplog):
    assert load_kiosk_config(path) == KioskConfig()
    [line] = warnings(caplog)
    assert str(path) in line and "kiosk-pin" in line


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("idle_s = = 3\n", "not valid TOML"),
        (b"idle_s = 30 # caf\xe9\n", "not UTF-8"),
    ],
)
def test_an_unreadable_file_gives_defaults_and_one_line(path, caplog, text, what):
    path.parent.mkdir()
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    assert load_kiosk_config(path) == KioskConfig()
    [line] = warnings(caplog)
    assert str(path) in line and what in line and "README" in line


def test_a_file_that_cannot_be_opened_gives_defaults(path, caplog):
    path.mkdir(parents=True)  # a folder where the file should be
    assert load_kiosk_config(path) == KioskConfig()
    assert len(warnings(caplog)) == 1


def test_broken_settings_get_their_defaults_and_the_rest_is_kept(path, caplog):
    pin = hash_pin("2580", n=2**10)
    config = KioskConfig(printing=True, pin=pin)
    path.parent.mkdir()
    path.write_text("colour = 'red'\n" + dump_kiosk_config(config).replace("idle_s = 90.0", "idle_s = 2"))
    loaded = load_kiosk_config(path)
    assert loaded.idle_s == 90 and loaded.printing and loaded.pin == pin
    [line] = warnings(caplog)
    assert "idle_s" in line and "colour: unknown setting" in line and str(path) in line


def test_a_broken_pin_record_drops_the_pin_only(path, caplog):
    path.parent.mkdir()
    path.write_text("idle_s = 60\n[pin]\nalgorithm = 'md5'\nsalt = 'x'\nhash = 'y'\n")
    loaded = load_kiosk_config(path)
    assert loaded.pin is None and loaded.idle_s == 60
    [line] = warnings(caplog)
    assert line.count("pin.") >= 1


def test_the_written_file_reads_back_with_its_comments(path):
    config = KioskConfig(idle_s=120, language="pt_BR", read_aloud=True, pin=hash_pin("97531", n=2**10))
    write_kiosk_config(config, path)
    text = path.read_text()
    assert text.startswith("# Referral Atlas kiosk settings")
    assert read_kiosk_config(path) == config
    assert verify_pin(read_kiosk_config(path).pin, "97531")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in path.parent.iterdir()] == ["kiosk.toml"]  # no temporary file left


def test_strict_reading_refuses_a_broken_file(path):
    path.parent.mkdir()
    path.write_text("idle_s = 'soon'\n")
    with pytest.raises(KioskConfigError, match="idle_s.*nothing was changed"):
        read_kiosk_config(path)
    assert read_kiosk_config(path.with_name("absent.toml")) == KioskConfig()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_folder_that_cannot_be_written_says_what_to_do(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    with pytest.raises(KioskConfigError, match="run as root.*REFERRAL_ATLAS_KIOSK_CONFIG"):
        write_kiosk_config(KioskConfig(), folder / "kiosk.toml")


def test_a_write_that_fails_says_what_to_do(tmp_path, monkeypatch):
    """Also as root: a read-only folder raises PermissionError from mkstemp."""

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("app.modes.config.tempfile.mkstemp", refuse)
    with pytest.raises(KioskConfigError, match="cannot write .*kiosk.toml: Permission denied; run as root"):
        write_kiosk_config(KioskConfig(), tmp_path / "kiosk.toml")


@pytest.mark.parametrize("kind", ["zero", "fifo", "folder", "huge"])
def test_a_config_that_is_no_small_regular_file_gives_defaults_at_once(tmp_path, caplog, kind):
    """Issue 25, defect 9: /dev/zero gave a MemoryError, a FIFO hung the kiosk and kiosk-pin."""
    path = {"zero": lambda: Path("/dev/zero"), "folder": lambda: tmp_path}.get(kind, lambda: tmp_path / "kiosk.toml")()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "huge":
        path.write_text("# " + "x" * 100_000 + "\nidle_s = 60\n")
    assert load_kiosk_config(path) == KioskConfig()
    what = "file is" if kind == "huge" else "not a regular file"
    assert any(str(path) in line and what in line for line in warnings(caplog)), warnings(caplog)
    with pytest.raises(KioskConfigError, match=what):
        read_kiosk_config(path)


def test_an_empty_variable_is_no_path(monkeypatch, caplog):
    monkeypatch.setenv(CONFIG_ENV, "")
    with pytest.raises(KioskConfigError, match="set but empty"):
        kiosk_config_path()
    assert load_kiosk_config() == KioskConfig() and any("set but empty" in line for line in warnings(caplog))


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_setting_that_is_no_number_says_so(path, caplog, value):
    path.parent.mkdir(parents=True)
    path.write_text(f"idle_s = {value}\n")
    assert load_kiosk_config(path).idle_s == 90.0
    assert any("finite number" in line for line in warnings(caplog)), warnings(caplog)
