"""Read aloud is off by default, and on (when the config says so) only with espeak-ng installed."""

import os
import stat
from dataclasses import replace

from test_kiosk_window import touch_left_foot

from app.modes import ids


def fake_espeak(folder, heard):
    program = folder / "espeak-ng"
    program.write_text(f'#!/bin/sh\necho "$@" > {heard}.args\ncat > {heard}\n')
    program.chmod(program.stat().st_mode | stat.S_IEXEC)


def test_no_read_aloud_button_unless_the_config_turns_it_on(kiosk):
    assert not kiosk.spec.allows(ids.READ_ALOUD) and kiosk.pages.read_button.isHidden()


def test_the_card_is_spoken_by_espeak_ng(qtbot, make_kiosk, tmp_path, monkeypatch):
    heard = tmp_path / "heard.txt"
    fake_espeak(tmp_path, heard)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    from kiosk_setup import short_spec

    spec = short_spec()
    kiosk = make_kiosk(replace(spec, actions=spec.actions | {ids.READ_ALOUD}))
    assert not kiosk.pages.read_button.isHidden()
    touch_left_foot(qtbot, kiosk)
    kiosk.pages.read_button.click()
    qtbot.waitUntil(lambda: heard.exists() and "What helps" in heard.read_text())
    assert (tmp_path / "heard.txt.args").read_text().split() == ["-v", "en", "--stdin"]


def test_without_espeak_ng_there_is_no_button(make_kiosk, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    from kiosk_setup import short_spec

    spec = short_spec()
    kiosk = make_kiosk(replace(spec, actions=spec.actions | {ids.READ_ALOUD}))
    assert not kiosk.reader.available and kiosk.pages.read_button.isHidden()


def slow_espeak(folder, heard):
    """Speaks for a long time (until stopped), as a long card does."""
    program = folder / "espeak-ng"
    program.write_text(f"#!/bin/sh\ncat > {heard}\nexec sleep 30\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)


def children_of(pid):
    import subprocess

    found = subprocess.run(["ps", "-o", "pid=,stat=,comm=", "--ppid", str(pid)], capture_output=True, text=True)
    return [line.split() for line in found.stdout.splitlines()]


def test_read_aloud_shows_that_it_speaks_stops_on_a_press_and_leaves_no_defunct_process(
    qtbot, make_kiosk, tmp_path, monkeypatch
):
    heard = tmp_path / "heard.txt"
    slow_espeak(tmp_path, heard)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    from kiosk_setup import short_spec

    spec = short_spec()
    kiosk = make_kiosk(replace(spec, actions=spec.actions | {ids.READ_ALOUD}))
    touch_left_foot(qtbot, kiosk)
    kiosk.pages.read_button.click()
    qtbot.waitUntil(lambda: heard.exists() and "What helps" in heard.read_text())
    assert kiosk.pages.read_button.isChecked() and kiosk.pages.read_button.text() == "Stop reading"
    kiosk.pages.read_button.click()
    assert not kiosk.reader.speaking
    assert not kiosk.pages.read_button.isChecked() and kiosk.pages.read_button.text() == "Read it to me"
    qtbot.waitUntil(lambda: not [c for c in children_of(os.getpid()) if c[2] in ("espeak-ng", "sleep", "sh")])


def test_a_reading_that_ends_by_itself_is_reaped_and_the_button_comes_back(qtbot, make_kiosk, tmp_path, monkeypatch):
    heard = tmp_path / "heard.txt"
    fake_espeak(tmp_path, heard)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    from kiosk_setup import short_spec

    spec = short_spec()
    kiosk = make_kiosk(replace(spec, actions=spec.actions | {ids.READ_ALOUD}))
    touch_left_foot(qtbot, kiosk)
    kiosk.pages.read_button.click()
    qtbot.waitUntil(lambda: not kiosk.reader.speaking and heard.exists())
    assert kiosk.pages.read_button.text() == "Read it to me" and not kiosk.pages.read_button.isChecked()
    assert not [c for c in children_of(os.getpid()) if "Z" in c[1] and c[2] != "python"], "no defunct reading left"
