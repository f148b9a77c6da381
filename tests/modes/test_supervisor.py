"""`referral-atlas kiosk-run`: restart the kiosk when it stops, give up after repeated failures,
stop when staff leave."""

import os
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

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


def test_a_command_that_cannot_start_is_a_failure(tmp_path):
    made, shown, _ = supervisor([str(tmp_path / "no-such-program")])
    assert made.run() == 1 and shown == [True]


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
