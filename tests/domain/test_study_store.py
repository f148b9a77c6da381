"""The progress file (app/study/store.py): survives a restart; a corrupt, truncated, wrong-version or
wrong-shape file is set aside with a message, never a crash; writes are atomic; reset forgets."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.study.schedule import Progress
from app.study.store import DATA_ENV, FILE_NAME, ProgressError, ProgressStore, data_dir

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _some_progress() -> Progress:
    return Progress.empty().recorded("touch:dermatome_L5", True, NOW).recorded("entrapment:fibular_head", False, NOW)


def test_progress_survives_a_restart(tmp_path: Path) -> None:
    ProgressStore(tmp_path / "new" / "folder").save(_some_progress())
    loaded, message = ProgressStore(tmp_path / "new" / "folder").load()
    assert message is None and loaded == _some_progress()
    data = json.loads((tmp_path / "new" / "folder" / FILE_NAME).read_text())
    assert data["version"] == 1 and set(data["items"]) == {"touch:dermatome_L5", "entrapment:fibular_head"}


def test_no_file_is_fresh_progress(tmp_path: Path) -> None:
    assert ProgressStore(tmp_path).load() == (Progress.empty(), None)


BAD_FILES = {
    "corrupt": b"\x00\xffnot json at all",
    "truncated": b'{"version": 1, "items": {"touch:dermatome_L5": {"box": 2, "due": "2026-03-',
    "wrong version": b'{"version": 2, "items": {}}',
    "no version": b'{"items": {}}',
    "wrong shape": b"[1, 2, 3]",
    "wrong field": b'{"version": 1, "items": {"q": {"box": 9, "due": "2026-03-02T09:00:00Z"}}}',
    "naive time": b'{"version": 1, "items": {"q": {"box": 1, "due": "2026-03-02T09:00:00"}}}',
    "extra key": b'{"version": 1, "items": {}, "run": "os.system"}',
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_file_is_set_aside_with_a_message(tmp_path: Path, kind: str) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(BAD_FILES[kind])
    store = ProgressStore(tmp_path)
    progress, message = store.load()
    assert progress == Progress.empty()
    assert message is not None and str(path) in message and "\n" not in message
    aside = list(tmp_path.glob(f"{FILE_NAME}.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == BAD_FILES[kind] and aside[0].name in message
    assert not path.exists()
    # and the next start is clean, keeping the set-aside copy
    store.save(_some_progress())
    assert store.load() == (_some_progress(), None)
    assert len(list(tmp_path.glob(f"{FILE_NAME}.corrupt-*"))) == 1


def test_an_unreadable_file_is_a_message_too(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).mkdir()  # e.g. a folder where the file should be
    progress, message = ProgressStore(tmp_path).load()
    assert progress == Progress.empty() and message is not None and "could not be read" in message


def test_wrong_version_says_so(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text('{"version": 2, "items": {}}')
    _, message = ProgressStore(tmp_path).load()
    assert message is not None and "version 2" in message and "version 1" in message


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ProgressStore(tmp_path)
    store.save(_some_progress())
    before = store.path.read_bytes()

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ProgressError, match="could not save study progress"):
        store.save(Progress.empty())
    assert store.path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME], "no temporary file is left behind"


def test_reset_forgets(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.save(_some_progress())
    assert store.reset() == Progress.empty()
    assert store.load() == (Progress.empty(), None)
    store.reset()  # nothing to remove: still fine


def test_data_dir_honours_the_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    assert data_dir() == tmp_path
    monkeypatch.delenv(DATA_ENV)
    assert data_dir().name == "referral-atlas"


def test_two_windows_on_one_home_keep_each_others_answers(tmp_path: Path) -> None:
    """Issue 25, defect 10: each window saved its own copy (4 answers across two windows left 2)."""
    first, second = ProgressStore(tmp_path), ProgressStore(tmp_path)
    mine, yours = first.load()[0], second.load()[0]
    for n in range(2):
        mine = mine.recorded(f"a:{n}", True, NOW)
        first.save(mine)
        yours = yours.recorded(f"b:{n}", False, NOW)
        second.save(yours)
    assert set(ProgressStore(tmp_path).load()[0].items) == {"a:0", "a:1", "b:0", "b:1"}


def test_the_later_answer_to_one_item_wins_the_merge() -> None:
    later = datetime(2026, 3, 3, tzinfo=timezone.utc)
    old, new = Progress.empty().recorded("q", True, NOW), Progress.empty().recorded("q", False, later)
    assert old.merged(new).items["q"] == new.items["q"] == new.merged(old).items["q"]


_WRITER = """
import sys
from datetime import datetime, timezone
from app.study.store import ProgressStore
store, me = ProgressStore(sys.argv[1]), sys.argv[2]
for n in range(int(sys.argv[3])):
    progress = store.load()[0]
    store.save(progress.recorded(f"{me}:{n}", True, datetime.now(timezone.utc)))
"""


def test_concurrent_writers_lose_no_update(tmp_path: Path) -> None:
    """Issue 25, defect 10: four processes writing through the store lost 299 of 600 updates."""
    import subprocess
    import sys

    writers = [subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path), f"w{w}", "50"]) for w in range(4)]
    assert [w.wait(timeout=120) for w in writers] == [0, 0, 0, 0]
    assert len(ProgressStore(tmp_path).load()[0].items) == 200


@pytest.mark.parametrize("kind", ["huge", "fifo"])
def test_a_huge_or_odd_progress_file_is_set_aside_unread(tmp_path: Path, kind: str) -> None:
    path = tmp_path / FILE_NAME
    if kind == "fifo":
        os.mkfifo(path)
    else:
        with open(path, "wb") as out:
            out.truncate(100_000_000)  # sparse: 100 MB in no time
    progress, message = ProgressStore(tmp_path).load()
    assert progress == Progress.empty() and message is not None and str(path) in message
    assert ("file is 100.0 MB" if kind == "huge" else "could not be read (not a regular file") in message
    assert len(list(tmp_path.glob(f"{FILE_NAME}.corrupt-*"))) == (kind == "huge")
