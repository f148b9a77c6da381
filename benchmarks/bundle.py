"""The standalone bundle against `./run app` in the same run.

- size: the bundle's folder on disk and its archive;
- start: process start → the window's first frame (the line the app writes to its technical log),
  median of 5 interleaved starts each, after one warm-up start each (fontconfig's and the content's
  caches, as on a clinic PC's second start); the venv start is `./run app`'s command
  (`python -m app`, the same entry point as `.venv/bin/referral-atlas`);
- `query` at a spot: wall time, median of 3 each.
Each prints with the ratio bundle / venv. Builds dist/referral-atlas first when it is missing.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _xvfb import display  # noqa: E402

BUNDLE = ROOT / "dist" / "referral-atlas"
_BUILDER = importlib.util.spec_from_file_location("bundle_build", ROOT / "packaging" / "bundle.py")
builder = importlib.util.module_from_spec(_BUILDER)
_BUILDER.loader.exec_module(builder)
RUNS, QUERIES, TIMEOUT_S = 5, 3, 180


def first_frame_s(command: list[str], env: dict[str, str], log: Path) -> float:
    log_file = log / "referral-atlas.log"
    log_file.unlink(missing_ok=True)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env={**env, "REFERRAL_ATLAS_LOG_DIR": str(log)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        while time.perf_counter() - start < TIMEOUT_S:
            if log_file.exists() and "first frame drawn" in log_file.read_text():
                return time.perf_counter() - start
            if process.poll() is not None:
                raise SystemExit(f"{command[0]} exited with {process.returncode} before drawing")
            time.sleep(0.01)
        raise SystemExit(f"{command[0]} drew nothing within {TIMEOUT_S} s")
    finally:
        process.terminate()
        process.wait(timeout=60)


def query_s(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*command, "query", "--point=-0.218,0.157,0.04"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return time.perf_counter() - start


def main() -> int:
    if not (BUNDLE / "referral-atlas").exists():
        builder.build(ROOT / "dist", ROOT / "build")
    archives = sorted((ROOT / "dist").glob("referral-atlas-*.tar.gz"))
    with display(), tempfile.TemporaryDirectory() as scratch:
        base = {key: os.environ[key] for key in ("DISPLAY", "XAUTHORITY", "LIBGL_ALWAYS_SOFTWARE") if key in os.environ}
        variants = {
            "bundle": (
                [str(BUNDLE / "referral-atlas")],
                {**base, "HOME": f"{scratch}/b", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
            ),
            "venv": ([sys.executable, "-m", "app"], {**os.environ, "HOME": f"{scratch}/v"}),
        }
        starts: dict[str, list[float]] = {name: [] for name in variants}
        queries: dict[str, list[float]] = {name: [] for name in variants}
        for name, (command, env) in variants.items():
            Path(env["HOME"]).mkdir()
            first_frame_s(command, env, Path(scratch) / f"log-{name}")  # warm-up
        for _ in range(RUNS):
            for name, (command, env) in variants.items():
                starts[name].append(first_frame_s(command, env, Path(scratch) / f"log-{name}"))
        for _ in range(QUERIES):
            for name, (command, env) in variants.items():
                queries[name].append(query_s(command, env))
    start = {name: statistics.median(values) for name, values in starts.items()}
    query = {name: statistics.median(values) for name, values in queries.items()}
    print(f"bundle size: {builder.size_mb(BUNDLE):.0f} MB on disk"
          + (f", {archives[-1].name} {archives[-1].stat().st_size / 1e6:.0f} MB" if archives else ""))  # fmt: skip
    print(f"start to first frame, median of {RUNS}: bundle {start['bundle']:.2f} s, ./run app {start['venv']:.2f} s, "
          f"ratio {start['bundle'] / start['venv']:.2f}")  # fmt: skip
    print(f"query, median of {QUERIES}: bundle {query['bundle']:.2f} s, venv {query['venv']:.2f} s, "
          f"ratio {query['bundle'] / query['venv']:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
