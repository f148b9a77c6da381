"""`referral-atlas kiosk-run`: restart the kiosk when it stops, give up after repeated failures,
stop when staff leave."""

import os
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.cli import main
from app.modes.keeps_nothing import SCRATCH_ENV, kiosk_session
from app.modes.supervisor import RestartPolicy, Supervisor


def child(tmp_path: Path, body: str) -> list[str]:
    """A child that counts its starts in tmp_path/starts, then runs `body` (with `starts` set)."""
    script = tmp_path / "child.py"
    script.write_text(
        textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        count = Path({str(tmp_path / "starts")!r})
        starts = int(count.read_text()) + 1 if count.exists() else 1
        count.write_text(str(starts))
    """)
        + textwrap.dedent(body)
    )
    return [sys.executable, str(script)]


def starts(tmp_path: Path) -> int:
    return int((tmp_path / "starts").read_text())


@contextmanager
def plain_session():
    yield dict(os.environ)


def supervisor(command, **kwargs):
    shown, waits = [], []
    made = Supervisor(
        command,
        out_of_order=lambda: shown.append(True),
        sleep=waits.append,
        session=plain_session,
        policy=RestartPolicy(max_failures=3, window_s=600, first_delay_s=1, max_delay_s=60),
        **kwargs,
    )
    return made, shown, waits


def test_a_crashed_kiosk_is_restarted_until_it_closes_cleanly(tmp_path):
    made, shown, waits = supervisor(child(tmp_path, "sys.exit(1 if starts < 3 else 0)"))
    assert made.run() == 0
    assert starts(tmp_path) == 3 and waits == [1, 2] and not shown


def test_repeated_failures_show_the_out_of_order_screen(tmp_path):
    made, shown, waits = supervisor(child(tmp_path, "sys.exit(1)"))
    assert made.run() == 1
    assert starts(tmp_path) == 3 and waits == [1, 2] and shown == [True]


def test_a_kiosk_killed_by_a_signal_counts_as_a_failure(tmp_path):
    made, _shown, _ = supervisor(child(tmp_path, "os.kill(os.getpid(), 9) if starts == 1 else sys.exit(0)"))
    assert made.run() == 0 and starts(tmp_path) == 2


def test_failures_older_than_the_window_are_forgotten(tmp_path):
    now = [0.0]

    def clock():
        now[0] += 400  # each failure comes 400 s after the last; the window is 600 s
        return now[0]

    made, shown, waits = supervisor(child(tmp_path, "sys.exit(1 if starts < 6 else 0)"), clock=clock)
    assert made.run() == 0 and not shown
    assert waits == [1, 2, 2, 2, 2]


def test_staff_leaving_stops_the_supervisor(tmp_path):
    made, _shown, waits = supervisor(child(tmp_path, "sys.exit(0)"))
    assert made.run() == 0 and starts(tmp_path) == 1 and waits == []


def test_a_command_that_cannot_start_shows_the_out_of_order_screen_at_once(tmp_path):
    made, shown, waits = supervisor([str(tmp_path / "no-such-program")])
    assert made.run() == 1 and shown == [True]
    assert waits == [], "a missing program is not started again and again"


def test_kiosk_run_says_why_a_kiosk_cannot_start_and_the_fix(tmp_path, monkeypatch, capsys):
    """Issue 25, defect 11: `kiosk-run --child /nonexistent` said nothing of the missing program."""
    import app.modes.supervisor as supervisor_module

    shown = []
    monkeypatch.setattr(supervisor_module, "show_out_of_order", lambda: shown.append(True))
    monkeypatch.setenv("REFERRAL_ATLAS_LOG_DIR", str(tmp_path))
    monkeypatch.setenv("DISPLAY", ":0")
    assert main(["kiosk-run", "--child", "/nonexistent"]) == 1
    assert shown == [True]
    err = capsys.readouterr().err
    assert "cannot start the kiosk: /nonexistent: No such file or directory; reinstall Referral Atlas" in err
    assert "cannot start the kiosk: /nonexistent" in (tmp_path / "kiosk-run.log").read_text()


def test_kiosk_run_without_a_display_says_so_and_how_to_start_it(tmp_path):
    """Issue 25, defect 11: with no display it ended in Qt's platform-plugin message after 15 s of
    restarts."""
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env |= {"REFERRAL_ATLAS_LOG_DIR": str(tmp_path), "XDG_SESSION_TYPE": "tty"}
    run = subprocess.run(
        [sys.executable, "-m", "app", "kiosk-run", "--child", "/nonexistent"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        "referral-atlas kiosk-run: no display to show the kiosk on (DISPLAY is not set): start kiosk-run inside "
        "the kiosk user's graphical session, under cage or from the desktop's autostart or a systemd user unit "
        "(README, 'Kiosk')"
    ]


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({}, True),
        ({"QT_QPA_PLATFORM": "xcb"}, True),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, True),
        ({"DISPLAY": ":0"}, False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, False),
        ({"XDG_SESSION_TYPE": "wayland"}, False),
        ({"QT_QPA_PLATFORM": "wayland"}, False),  # cage (README): Qt finds its socket
        ({"QT_QPA_PLATFORM": "eglfs"}, False),
    ],
)
def test_a_missing_display_is_named_before_any_kiosk_starts(env, problem):
    from app.modes.supervisor import display_problem

    assert (display_problem(env) is not None) == problem


def test_each_kiosk_gets_a_fresh_private_scratch_folder_removed_afterwards(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    seen = tmp_path / "seen"
    command = child(
        tmp_path,
        f"""
        scratch = Path(os.environ[{SCRATCH_ENV!r}])
        (scratch / "cache" / "leftover").write_text("x")
        with open({str(seen)!r}, "a") as out:
            out.write(str(scratch) + "\\n")
        sys.exit(1 if starts < 2 else 0)
    """,
    )
    made = Supervisor(command, out_of_order=lambda: None, sleep=lambda _s: None, session=kiosk_session)
    assert made.run() == 0
    folders = seen.read_text().split()
    assert len(set(folders)) == 2 and not any(Path(f).exists() for f in folders)


def test_policy_delays_double_up_to_the_most():
    policy = RestartPolicy(first_delay_s=1, max_delay_s=10)
    assert [policy.delay_s(n) for n in range(1, 7)] == [1, 2, 4, 8, 10, 10]


def test_kiosk_run_command_stops_when_staff_leave(tmp_path, monkeypatch):
    monkeypatch.setenv("REFERRAL_ATLAS_LOG_DIR", str(tmp_path / "log"))
    assert main(["kiosk-run", "--child", f"{sys.executable} -c 'raise SystemExit(0)'"]) == 0
    assert "kiosk closed by staff" in (tmp_path / "log" / "kiosk-run.log").read_text()


BEAT = "fd = int(os.environ['REFERRAL_ATLAS_HEARTBEAT_FD']); os.write(fd, b'.')\n"


def test_a_frozen_kiosk_is_killed_logged_and_restarted(tmp_path, caplog):
    """Issue 25, defect 3: a kiosk stopped with SIGSTOP after its first heartbeat."""
    import logging
    import time

    command = child(
        tmp_path, BEAT + "import signal\nos.kill(os.getpid(), signal.SIGSTOP) if starts == 1 else sys.exit(0)\n"
    )
    made = Supervisor(command, out_of_order=lambda: None, sleep=lambda _s: None, session=plain_session,
                      policy=RestartPolicy(hang_s=0.5, start_s=30))  # fmt: skip
    began = time.monotonic()
    with caplog.at_level(logging.INFO, logger="app"):
        assert made.run() == 0
    assert starts(tmp_path) == 2 and time.monotonic() - began < 20
    assert any("kiosk hung: no heartbeat" in r.getMessage() for r in caplog.records)
    assert any("signal 9" in r.getMessage() for r in caplog.records)


def test_a_kiosk_that_never_beats_gets_its_start_time(tmp_path):
    command = child(tmp_path, "import time\ntime.sleep(60) if starts == 1 else sys.exit(0)\n")
    made = Supervisor(command, out_of_order=lambda: None, sleep=lambda _s: None, session=plain_session,
                      policy=RestartPolicy(hang_s=0.2, start_s=1))  # fmt: skip
    assert made.run() == 0 and starts(tmp_path) == 2


def test_the_heartbeat_reaches_the_supervisor_through_the_pipe(tmp_path, monkeypatch):
    from app.modes.supervisor import HEARTBEAT_ENV, Heartbeat

    read, write = os.pipe()
    monkeypatch.setenv(HEARTBEAT_ENV, str(write))
    beat = Heartbeat()
    assert HEARTBEAT_ENV not in os.environ
    beat.beat()
    assert os.read(read, 10) == b"."
    os.close(read)
    beat.beat()  # the supervisor is gone: nothing raised, no more writes
    assert beat.fd is None
    os.close(write)


def test_killing_kiosk_run_takes_its_kiosk_and_the_next_start_its_scratch(tmp_path, monkeypatch):
    import signal
    import subprocess

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("REFERRAL_ATLAS_LOG_DIR", str(tmp_path / "log"))
    pid_file = tmp_path / "kiosk.pid"
    script = tmp_path / "kiosk.py"
    script.write_text(f"import os, time\nopen({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(120)\n")
    run = subprocess.Popen([sys.executable, "-m", "app", "kiosk-run", "--child", f"{sys.executable} {script}"])
    try:
        deadline = time_now() + 60
        while not (pid_file.exists() and pid_file.read_text()) and time_now() < deadline and run.poll() is None:
            wait_a_little()
        kiosk = int(pid_file.read_text())
        scratch = list(tmp_path.glob("referral-atlas-kiosk-*"))
        assert len(scratch) == 1
        run.send_signal(signal.SIGKILL)
        run.wait()
        deadline = time_now() + 10
        while alive(kiosk) and time_now() < deadline:
            wait_a_little()
        assert not alive(kiosk), "the kiosk died with kiosk-run"
    finally:
        run.kill()
    assert main(["kiosk-run", "--child", f"{sys.executable} -c 'raise SystemExit(0)'"]) == 0
    assert not scratch[0].exists()
    assert f"removed {scratch[0]}" in (tmp_path / "log" / "kiosk-run.log").read_text()


def time_now():
    import time

    return time.monotonic()


def wait_a_little():
    import select

    select.select([], [], [], 0.05)  # a poll interval while waiting on a condition, not a fixed wait


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
