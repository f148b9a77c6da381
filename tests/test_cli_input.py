"""Bad command-line input of every subcommand: one clear line on stderr and a non-zero exit, never a
traceback, and nothing drawn or written (issue 13: checked before any work starts)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.content.cache import CACHE_ENV

# (test id, arguments); {tmp} is a fresh folder that exists and takes files.
BAD = [
    # screenshot --out: empty, a folder, no or a wrong extension, a missing folder, a place that takes no files
    ("out-empty", ["screenshot", "--out", ""]),
    ("out-blank", ["screenshot", "--out", "   "]),
    ("out-folder", ["screenshot", "--out", "{tmp}"]),
    ("out-no-extension", ["screenshot", "--out", "{tmp}/body"]),
    ("out-wrong-extension", ["screenshot", "--out", "{tmp}/body.gif"]),
    ("out-missing-folder", ["screenshot", "--out", "{tmp}/nope/body.png"]),
    ("out-unwritable", ["screenshot", "--out", "/proc/body.png"]),
    ("out-missing", ["screenshot"]),
    # screenshot --size: too small (the hang and the bad_alloc of the issue), too big, letters, junk
    ("size-16x16-map", ["screenshot", "--size", "16x16", "--overlay", "dermatomes", "--out", "{tmp}/a.png"]),
    ("size-16x800-point", ["screenshot", "--size", "16x800", "--point", "0.1,0,0.5", "--out", "{tmp}/a.png"]),
    ("size-no-room-for-legend", ["screenshot", "--size", "200x800", "--point", "0.1,0,0.5", "--out", "{tmp}/a.png"]),
    ("size-zero", ["screenshot", "--size", "0x0", "--out", "{tmp}/a.png"]),
    ("size-negative", ["screenshot", "--size", "-5x100", "--out", "{tmp}/a.png"]),
    ("size-huge", ["screenshot", "--size", "99999999999999999999x800", "--out", "{tmp}/a.png"]),
    ("size-8192", ["screenshot", "--size", "8192x8192", "--out", "{tmp}/a.png"]),
    ("size-letters", ["screenshot", "--size", "wide", "--out", "{tmp}/a.png"]),
    ("size-one-number", ["screenshot", "--size", "1280", "--out", "{tmp}/a.png"]),
    ("size-three-numbers", ["screenshot", "--size", "64x64x64", "--out", "{tmp}/a.png"]),
    ("size-empty", ["screenshot", "--size", "", "--out", "{tmp}/a.png"]),
    ("size-nan", ["screenshot", "--size", "nanxnan", "--out", "{tmp}/a.png"]),
    # screenshot --point and --skin-opacity
    ("point-nan", ["screenshot", "--point", "nan,0,0", "--out", "{tmp}/a.png"]),
    ("point-inf", ["screenshot", "--point", "inf,0,0", "--out", "{tmp}/a.png"]),
    ("point-minus-inf", ["screenshot", "--point", "-inf,0,0", "--out", "{tmp}/a.png"]),
    ("point-far", ["screenshot", "--point", "0,0,1e9", "--out", "{tmp}/a.png"]),
    ("point-millimetres", ["screenshot", "--point", "100,-50,300", "--out", "{tmp}/a.png"]),
    ("point-letters", ["screenshot", "--point", "a,b,c", "--out", "{tmp}/a.png"]),
    ("point-empty", ["screenshot", "--point", "", "--out", "{tmp}/a.png"]),
    ("point-two", ["screenshot", "--point", "0.1,0.2", "--out", "{tmp}/a.png"]),
    ("point-four", ["screenshot", "--point", "0.1,0.2,0.3,0.4", "--out", "{tmp}/a.png"]),
    ("opacity-nan", ["screenshot", "--skin-opacity", "nan", "--out", "{tmp}/a.png"]),
    ("opacity-big", ["screenshot", "--skin-opacity", "2", "--out", "{tmp}/a.png"]),
    ("opacity-letters", ["screenshot", "--skin-opacity", "half", "--out", "{tmp}/a.png"]),
    ("view-unknown", ["screenshot", "--view", "sideways", "--out", "{tmp}/a.png"]),
    ("overlay-unknown", ["screenshot", "--overlay", "tattoos", "--out", "{tmp}/a.png"]),
    # query
    ("query-nothing", ["query"]),
    ("query-point-and-place", ["query", "--point", "0.1,0,0.5", "--dermatome", "L5"]),
    ("query-point-nan", ["query", "--point", "nan,nan,nan"]),
    ("query-point-far", ["query", "--point", "0,0,5"]),
    ("query-point-letters", ["query", "--point", "foot"]),
    ("query-dermatome-unknown", ["query", "--dermatome", "L9"]),
    ("query-dermatome-typo", ["query", "--dermatome", "l5"]),
    ("query-dermatome-empty", ["query", "--dermatome", ""]),
    ("query-nerve-unknown", ["query", "--nerve", "surall"]),
    ("query-region-unknown", ["query", "--region", "heal"]),
    ("query-region-empty", ["query", "--region", ""]),
    ("query-feels-unknown", ["query", "--dermatome", "L5", "--feels", "shootin"]),
    ("query-worse-with-unknown", ["query", "--dermatome", "L5", "--worse-with", "sneezing_loudly"]),
    ("query-checks-unknown", ["query", "--dermatome", "L5", "--checks", "nope"]),
    ("query-red-flags-unknown", ["query", "--red-flags", "fever_x"]),
    ("query-side-unknown", ["query", "--dermatome", "L5", "--side", "up"]),
    ("query-top-zero", ["query", "--dermatome", "L5", "--top", "0"]),
    ("query-top-negative", ["query", "--dermatome", "L5", "--top", "-3"]),
    ("query-top-huge", ["query", "--dermatome", "L5", "--top", "99999999999"]),
    ("query-top-float", ["query", "--dermatome", "L5", "--top", "1e99"]),
    ("query-top-letters", ["query", "--dermatome", "L5", "--top", "ten"]),
    # effects
    ("effects-source-missing", ["effects"]),
    ("effects-source-empty", ["effects", "--source", ""]),
    ("effects-source-unknown", ["effects", "--source", "spleen"]),
    ("effects-source-typo", ["effects", "--source", "piriformis_syndrom"]),
    # the commands without input, and the app itself
    ("landmarks-extra", ["landmarks", "--bogus"]),
    ("check-content-extra", ["check-content", "extra"]),
    ("command-unknown", ["frobnicate"]),
    ("app-lang-unknown", ["--lang", "fr"]),
    ("app-option-unknown", ["--bogus"]),
]


@pytest.fixture(scope="module")
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as done:  # argparse's own exit
        return int(done.code or 0)


@pytest.mark.parametrize("argv", [argv for _, argv in BAD], ids=[name for name, _ in BAD])
def test_bad_input_gives_one_line_and_a_non_zero_exit(argv, tmp_path, cache_folder, monkeypatch, capsys):
    monkeypatch.setenv(CACHE_ENV, str(cache_folder))
    code = _run([arg.replace("{tmp}", str(tmp_path)) for arg in argv])
    out, err = capsys.readouterr()
    assert code != 0
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and out == ""
    assert list(tmp_path.iterdir()) == [], "nothing is written"


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["query", "--dermatome", "l5"], "did you mean L5?"),
        (["query", "--region", "dorsum_foot"], "did you mean dorsum_of_foot?"),
        (["query", "--nerve", "surall"], "did you mean sural?"),
        (["query", "--dermatome", "L5", "--feels", "shootin"], "did you mean shooting?"),
        (["effects", "--source", "piriformis_syndrom"], "did you mean piriformis_syndrome"),
    ],
)
def test_an_unknown_id_gets_the_closest_known_ones(argv, hint, cache_folder, monkeypatch, capsys):
    monkeypatch.setenv(CACHE_ENV, str(cache_folder))
    assert _run(argv) == 1
    assert hint in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["screenshot", "--size", "16x16", "--overlay", "dermatomes"],
        ["screenshot", "--point", "nan,0,0"],
        ["screenshot", "--size", "16x800", "--point", "0.1,0,0.5"],
    ],
    ids=["16x16-map", "nan-point", "16x800-point"],
)
def test_the_reported_hangs_end_at_once_with_one_line(argv, tmp_path):
    """These hung ("Couldn't build the shader program") or aborted (std::bad_alloc) inside VTK."""
    out = tmp_path / "a.png"
    result = subprocess.run(
        [sys.executable, "-m", "app", *argv, "--out", str(out)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and not out.exists()
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr, result.stderr


def test_the_smallest_size_still_draws_as_a_jpeg(tmp_path):
    out = tmp_path / "small.jpg"
    assert main(["screenshot", "--size", "64x64", "--out", str(out)]) == 0
    assert out.stat().st_size > 0
