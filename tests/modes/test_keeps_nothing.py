"""A kiosk keeps nothing but its technical log, and the log keeps nothing a visitor did."""

import logging
import logging.handlers
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.modes import ids
from app.modes.config import KioskConfig
from app.modes.keeps_nothing import (
    LOG_DIR_ENV,
    NO_CACHE_ENV,
    SCRATCH_ENV,
    VISITOR_FIELDS,
    VisitorDataFilter,
    kiosk_environment,
    kiosk_session,
    prepare_process,
    report_content_error,
    start_technical_log,
)
from app.modes.spec import CLINICIAN, STUDENT, kiosk_spec

REPO = Path(__file__).parents[2]


def test_the_environment_turns_caches_off_and_sends_the_rest_to_scratch(tmp_path):
    base = {"HOME": "/home/k", "PATH": "/usr/bin", "REFERRAL_ATLAS_CACHE_DIR": "/home/k/cache"}
    env = kiosk_environment(base, tmp_path / "s", tmp_path / "log")
    assert env["MESA_SHADER_CACHE_DISABLE"] == "true" and env["MESA_GLSL_CACHE_DISABLE"] == "true"
    assert env["__GL_SHADER_DISK_CACHE"] == "0" and env["QT_DISABLE_SHADER_DISK_CACHE"] == "1"
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"
    for key in (
        "XDG_CACHE_HOME",
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_STATE_HOME",
        "TMPDIR",
        "MESA_SHADER_CACHE_DIR",
        "__GL_SHADER_DISK_CACHE_PATH",
    ):
        assert Path(env[key]).is_relative_to(tmp_path / "s"), key
    assert env[LOG_DIR_ENV] == str(tmp_path / "log") and env[SCRATCH_ENV] == str(tmp_path / "s")
    assert "REFERRAL_ATLAS_CACHE_DIR" not in env  # the content cache follows XDG_CACHE_HOME into scratch
    assert env["HOME"] == "/home/k" and base["PATH"] == "/usr/bin"  # the rest passes; base is left alone


def test_a_session_folder_is_private_and_removed_afterwards(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    with pytest.raises(RuntimeError), kiosk_session({"PATH": "/usr/bin"}) as env:
        scratch = Path(env[SCRATCH_ENV])
        assert scratch.parent == tmp_path  # on the runtime folder's tmpfs
        assert stat.S_IMODE(scratch.stat().st_mode) == 0o700
        (Path(env["XDG_CACHE_HOME"]) / "mesa_shader_cache").mkdir()
        raise RuntimeError("the kiosk crashed")
    assert not scratch.exists()


def test_modes_that_may_write_are_left_alone():
    assert prepare_process(CLINICIAN) is None and prepare_process(STUDENT) is None


SESSION = """
import logging, sys, tempfile
from app.modes.config import KioskConfig
from app.modes.keeps_nothing import prepare_process, start_technical_log
from app.modes.spec import kiosk_spec
if sys.argv[1] == "kiosk":
    prepare_process(kiosk_spec(KioskConfig()))
start_technical_log()
log = logging.getLogger("app.session")
log.info("kiosk started")
log.info("touched %s", "L5 dermatome", extra={"touch": "L5"})
from app.content.cache import load_cached
from app.resources import content_dir
load_cached(content_dir())
tempfile.NamedTemporaryFile(delete=False).write(b"x")
import pyvista as pv
plotter = pv.Plotter(off_screen=True, window_size=(64, 64))
plotter.add_mesh(pv.Sphere(), smooth_shading=True)
plotter.screenshot(None)
plotter.close()
"""


def _session_files(tmp_path: Path, mode: str) -> list[str]:
    """Run a scripted session in a fresh HOME; every file under tmp_path afterwards."""
    home = tmp_path / mode
    (home / "tmp").mkdir(parents=True)
    env = {
        "HOME": str(home),
        "TMPDIR": str(home / "tmp"),
        "PATH": os.environ.get("PATH", "/usr/bin"),
        "LIBGL_ALWAYS_SOFTWARE": "1",
        "PYTHONPATH": str(REPO),
        **{k: os.environ[k] for k in ("DISPLAY", "XAUTHORITY") if k in os.environ},
    }
    subprocess.run([sys.executable, "-c", SESSION, mode], env=env, cwd=home, check=True, capture_output=True)
    return sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())


@pytest.mark.skipif("DISPLAY" not in os.environ, reason="renders through X (pytest-xvfb gives one)")
def test_a_kiosk_session_writes_no_file_but_the_log(tmp_path):
    desk = _session_files(tmp_path, "clinician")
    assert any(f.startswith(".cache/") for f in desk)  # the control: the content cache, matplotlib's fonts …
    assert any(f.startswith("tmp/") for f in desk)
    kiosk = _session_files(tmp_path, "kiosk")
    assert kiosk == [".local/state/referral-atlas/log/referral-atlas.log"]
    text = (tmp_path / "kiosk" / kiosk[0]).read_text()
    assert "kiosk started" in text and "L5" not in text


def test_the_log_filter_drops_records_with_visitor_data():
    keep = VisitorDataFilter()

    def record(**extra):
        item = logging.LogRecord("app.x", logging.INFO, __file__, 1, "something", (), None)
        item.__dict__.update(extra)
        return item

    assert keep.filter(record())
    for name in sorted(VISITOR_FIELDS):
        assert not keep.filter(record(**{name: "L5"})), name


def test_the_technical_log_rotates_and_holds_no_visitor_data(tmp_path, monkeypatch):
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "log"))
    before = list(logging.getLogger("app").handlers)
    path = start_technical_log("test")
    assert start_technical_log("test") == path  # once only
    [handler] = [h for h in logging.getLogger("app").handlers if h not in before]
    assert isinstance(handler, logging.handlers.RotatingFileHandler) and handler.backupCount >= 1
    log = logging.getLogger("app.modes.anything")
    log.info("config read")
    log.info("picked %s", "piriformis", extra={"selection": "piriformis"})
    log.info("answered", extra={"visitor": True})
    report_content_error("piriformis_syndrome", "0.1.0+3fa2c91e")
    handler.flush()
    text = path.read_text()
    assert "config read" in text and "picked" not in text and "answered" not in text
    assert "content error reported: card piriformis_syndrome, content version 0.1.0+3fa2c91e" in text


def test_a_log_folder_that_cannot_be_made_does_not_stop_the_app(tmp_path, monkeypatch, capsys):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "file" / "log"))
    assert start_technical_log("test") is None
    assert "cannot write the log" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("card", "version"), [("a card with words", "1"), ("piriformis", "v1 because I said so"), ("", "1")]
)
def test_a_content_error_report_carries_only_an_id_and_a_version(card, version):
    with pytest.raises(ValueError):
        report_content_error(card, version)


def test_only_the_kiosk_keeps_nothing():
    assert kiosk_spec(KioskConfig()).keeps_nothing
    assert all(ids.CACHES in spec.writes for spec in (CLINICIAN, STUDENT))
    assert set(NO_CACHE_ENV) >= {"MESA_SHADER_CACHE_DISABLE", "QT_DISABLE_SHADER_DISK_CACHE"}
