"""The content copy kept between starts: used when nothing changed, refreshed when anything did."""

import json
import logging
import pickle
import re
import shutil
import subprocess
import sys

import pytest

from app.content import load
from app.content.cache import CACHE_ENV, READ_ONLY_ENV, cache_dir, fingerprint, load_cached
from app.resources import CONTENT_ENV, content_dir


@pytest.fixture
def content(tmp_path, monkeypatch):
    folder = tmp_path / "content"
    shutil.copytree(content_dir(), folder)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return folder


def test_the_kept_copy_is_the_same_knowledge(content, tmp_path):
    fresh, fresh_issues = load(content, check_reading=False)
    _first, _ = load_cached(content)
    assert len(list((tmp_path / "cache").glob("content-*.json"))) == 1
    again, issues = load_cached(content)
    assert issues == fresh_issues
    assert again.cards == fresh.cards and again.links == fresh.links
    assert set(again.conditions) == set(fresh.conditions) and again.references == fresh.references


def test_an_edited_card_is_read_afresh(content, tmp_path):
    load_cached(content)
    card = content / "cards" / "piriformis.md"
    card.write_text(card.read_text(encoding="utf-8").replace("title:", "title: Edited", 1), encoding="utf-8")
    knowledge, _ = load_cached(content)
    assert knowledge.cards["piriformis"].title.startswith("Edited")
    assert len(list((tmp_path / "cache").glob("content-*.json"))) == 1, "the stale copy is gone"


def test_a_broken_card_is_still_reported_from_the_copy(content):
    (content / "cards" / "piriformis.md").write_text("no front matter\n", encoding="utf-8")
    for _ in range(2):
        knowledge, issues = load_cached(content)
        assert "piriformis" not in knowledge.cards
        assert any(issue.file.endswith("piriformis.md") for issue in issues)


def test_an_unwritable_cache_still_loads(content, tmp_path, monkeypatch):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    knowledge, _ = load_cached(content)
    assert knowledge.cards


def test_a_start_from_the_copy_does_not_import_the_validation_code(content, tmp_path):
    load_cached(content)
    probe = (
        "import sys; from app.content.cache import load_cached; "
        f"k, _ = load_cached({str(content)!r}); "
        "print(bool(k.cards), 'app.content.loader' in sys.modules, 'pydantic' in sys.modules)"
    )
    env = {CACHE_ENV: str(tmp_path / "cache"), CONTENT_ENV: str(content), "PATH": ""}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["True", "False", "False"]


# -- a kept copy that is damaged or tampered with is ignored, never run ---------------------------
class _CreatesAFile:
    """Unpickled, this opens (so creates) a file: what a crafted cache file could do."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def _kept_copy(content):
    return cache_dir() / f"content-{fingerprint(content, False)}.json"


def _valid_copy(content):
    load_cached(content)
    return json.loads(_kept_copy(content).read_text(encoding="utf-8"))


def crafted_pickle(content, tmp_path):
    marker = tmp_path / "ran_code"
    payload = pickle.dumps(_CreatesAFile(marker))
    pickle.loads(payload)  # the payload is real: unpickled, it creates the file ...
    assert marker.exists()
    marker.unlink()  # ... which must not come back below
    return payload


def garbage(content, tmp_path):
    return bytes(range(256)) * 8


def truncated(content, tmp_path):
    whole = json.dumps(_valid_copy(content)).encode()
    return whole[: len(whole) // 2]


def wrong_top(content, tmp_path):
    return b"[1, 2, 3]"


def wrong_issue_shape(content, tmp_path):  # the old pickle's "too many values to unpack"
    data = _valid_copy(content)
    data["kept"]["issues"] = [["a", "b", "c", "d"]]
    return json.dumps(data).encode()


def wrong_field_type(content, tmp_path):
    data = _valid_copy(content)
    data["kept"]["knowledge"]["links"][0]["strength"] = "strong"
    return json.dumps(data).encode()


def extra_field(content, tmp_path):
    data = _valid_copy(content)
    data["kept"]["knowledge"]["cards"]["piriformis"]["__class__"] = "os.system"
    return json.dumps(data).encode()


def not_a_number(content, tmp_path):
    text = json.dumps(_valid_copy(content))
    return re.sub(r'"strength": [0-9.]+', '"strength": NaN', text, count=1).encode()


TAMPERED = [
    crafted_pickle,
    garbage,
    truncated,
    wrong_top,
    wrong_issue_shape,
    wrong_field_type,
    extra_field,
    not_a_number,
]


@pytest.mark.parametrize("make", TAMPERED, ids=[m.__name__ for m in TAMPERED])
def test_a_bad_kept_copy_is_ignored_logged_once_and_rebuilt(content, tmp_path, caplog, make):
    fresh, fresh_issues = load(content, check_reading=False)
    bad = make(content, tmp_path)
    target = _kept_copy(content)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bad)
    target.with_suffix(".pickle").write_bytes(bad)  # where the old format kept it: never read
    with caplog.at_level(logging.WARNING, logger="app.content.cache"):
        knowledge, issues = load_cached(content)
    assert not (tmp_path / "ran_code").exists()
    assert knowledge.cards == fresh.cards and knowledge.links == fresh.links and issues == fresh_issues
    lines = [r.getMessage() for r in caplog.records if r.name == "app.content.cache"]
    assert len(lines) == 1 and str(target) in lines[0] and "ignored" in lines[0], lines
    assert json.loads(target.read_text(encoding="utf-8"))["fingerprint"] == fingerprint(content, False), "rebuilt"
    assert not target.with_suffix(".pickle").exists(), "the old format is cleared away"
    caplog.clear()
    load_cached(content)
    assert not caplog.records, "the rebuilt copy is read without complaint"


def test_the_copy_holds_only_plain_data(content):
    data = _valid_copy(content)

    def kinds(value):
        if isinstance(value, dict):
            return {"dict"}.union(*(kinds(v) for v in value.values()))
        if isinstance(value, list):
            return {"list"}.union(*(kinds(v) for v in value))
        return {type(value).__name__}

    assert kinds(data) <= {"dict", "list", "str", "int", "float", "bool", "NoneType"}


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_no_copy_is_written_when_writing_is_off(content, tmp_path, monkeypatch, how):
    if how == "environment":
        monkeypatch.setenv(READ_ONLY_ENV, "1")
    knowledge, _ = load_cached(content, write=how != "argument")
    assert knowledge.cards and not (tmp_path / "cache").exists()


def test_a_read_only_start_still_uses_a_kept_copy(content, tmp_path):
    load_cached(content)
    probe = (
        "import sys; from app.content.cache import load_cached; "
        f"k, _ = load_cached({str(content)!r}, write=False); print('app.content.loader' in sys.modules)"
    )
    env = {CACHE_ENV: str(tmp_path / "cache"), CONTENT_ENV: str(content), "PATH": ""}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["False"]


def test_an_oversized_or_unreadable_copy_is_ignored(content, caplog):
    target = _kept_copy(content)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        out.truncate(60_000_000)  # sparse: no real disk used
    with caplog.at_level(logging.WARNING, logger="app.content.cache"):
        knowledge, _ = load_cached(content)
    assert knowledge.cards and "larger than 50 MB" in caplog.text
    target.unlink()
    target.mkdir()  # a folder where the file should be: cannot be read, nor replaced
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="app.content.cache"):
        knowledge, _ = load_cached(content)
    assert knowledge.cards and "ignored" in caplog.text and "not written" in caplog.text
