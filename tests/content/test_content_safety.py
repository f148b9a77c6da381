"""Content safety (issue 13): hostile Markdown in a card renders inert, and a huge, non-UTF-8 or
empty file gives one clear `check-content` line while the rest loads."""

from __future__ import annotations

import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app.cli import main
from app.content import load
from app.content.markdown import ALLOWED_TAGS, render_card
from app.domain.knowledge import Knowledge
from app.resources import CONTENT_ENV

CONTENT = Path(__file__).resolve().parents[2] / "content"


class _Elements(HTMLParser):
    """Every element of rendered HTML with its attributes (text, escaped or not, is inert)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


# (what, Markdown); each must come out without live HTML, scripts, pictures or links off the atlas
HOSTILE = [
    ("raw-html", 'Hello <b onclick="steal()">bold</b> and <iframe src="https://evil.example"></iframe>'),
    ("script-block", "<script>alert(document.cookie)</script>"),
    ("script-inline", "Text <script src=https://evil.example/x.js></script> more"),
    ("img-onerror", "<img src=x onerror=alert(1)>"),
    ("markdown-image", "![a picture](https://evil.example/track.png)"),
    ("javascript-link", "[click](javascript:alert(1))"),
    ("javascript-mixed-case", "[click](JaVaScRiPt:alert(1))"),
    ("javascript-entity", "[click](&#106;avascript:alert(1))"),
    ("data-url", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
    ("external-link", "[a site](https://evil.example/page)"),
    ("autolink", "<https://evil.example/page>"),
    ("reference-link", "[a site][x]\n\n[x]: https://evil.example/page"),
    ("style-attribute", '<p style="background:url(https://evil.example)">x</p>'),
]


@pytest.mark.parametrize("markdown", [m for _, m in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_hostile_markdown_in_a_card_is_inert(knowledge: Knowledge, markdown: str) -> None:
    card = replace(knowledge.cards["flat_feet"], body=f"## What it is\n\n{markdown}\n\nSee [hip](card:hip_joint).\n")
    html = render_card(card, knowledge.references)
    elements = _Elements(html).found
    assert {tag for tag, _ in elements} <= ALLOWED_TAGS, html
    assert [(tag, attrs) for tag, attrs in elements if attrs] == [("a", {"href": "card:hip_joint"})], html


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    monkeypatch.setenv(CONTENT_ENV, str(root))
    return root


def _huge(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ("Walk a little more each day. " * 180_000), encoding="utf-8")  # ≈ 5 MB


def _not_utf8(path: Path) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].rstrip(b"\n") + b" caf\xe9 \xff\n"  # Latin-1 bytes on line 3
    path.write_bytes(b"".join(lines))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


# (file, how to spoil it, the line reported, what the line says)
SPOILED = [
    ("cards/flat_feet.md", _huge, 1, "file is 5.2 MB; keep it under 200 kB"),
    ("cards/flat_feet.md", _not_utf8, 3, "not UTF-8 text (byte 0xe9); save the file as UTF-8"),
    ("cards/flat_feet.md", _empty, 1, "file is empty; it should hold a card"),
    ("links.yaml", _huge, 1, "file is 5."),
    ("questions.yaml", _not_utf8, 3, "not UTF-8 text (byte 0xe9)"),
    ("structures.yaml", _empty, 1, "file is empty; it should hold 'schema: 1' and its entries"),
    ("references/core.yaml", _not_utf8, 3, "not UTF-8 text"),
    ("references/core.yaml", _empty, 1, "file is empty; it should hold reference entries"),
]


@pytest.mark.parametrize(
    ("name", "spoil", "line", "says"), SPOILED, ids=[f"{n}-{s.__name__.strip('_')}" for n, s, _, _ in SPOILED]
)
def test_a_huge_non_utf8_or_empty_file_gets_one_clear_line(
    copy: Path, capsys: pytest.CaptureFixture[str], loaded, name: str, spoil, line: int, says: str
) -> None:
    spoil(copy / name)
    assert main(["check-content"]) == 1
    out = capsys.readouterr().out.splitlines()
    mine = [text for text in out if text.startswith(f"{copy / name}:")]
    assert mine[0].startswith(f"{copy / name}:{line}: {says}"), out
    assert len(mine) <= 2, "the file, and at most one line for what names what it held"
    knowledge, _ = load(copy, check_reading=False)
    clean = loaded[0]
    if name.startswith("cards/"):
        assert "flat_feet" not in knowledge.cards and len(knowledge.cards) == len(clean.cards) - 1
    else:
        assert len(knowledge.cards) == len(clean.cards), "the rest loads"
        assert len(knowledge.territories) == len(clean.territories) or name == "structures.yaml"
