"""The content copy kept between starts: used when nothing changed, refreshed when anything did."""

import shutil
import subprocess
import sys

import pytest

from app.content import load
from app.content.cache import CACHE_ENV, load_cached
from app.resources import CONTENT_ENV, content_dir


@pytest.fixture
def content(tmp_path, monkeypatch):
    folder = tmp_path / "content"
    shutil.copytree(content_dir(), folder)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return folder


def test_the_kept_copy_is_the_same_knowledge(content, tmp_path):
    fresh, fresh_issues = load(content, check_reading=False)
    first, _ = load_cached(content)
    assert len(list((tmp_path / "cache").glob("content-*.pickle"))) == 1
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
    assert len(list((tmp_path / "cache").glob("content-*.pickle"))) == 1, "the stale copy is gone"


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
