"""Collect the UI strings into the Spanish .ts file and compile it to the .qm the app loads.

    .venv/bin/python tools/update_translations.py          # after changing UI strings
    .venv/bin/python tools/update_translations.py --check  # exit 1 when the files are not current

New strings arrive in the .ts as unfinished; translate them in Qt Linguist (`pyside6-linguist`)
or any editor, then run this again to compile. A test runs `--check`.

The .qm stays committed beside its .ts: a source checkout and a wheel then run without Qt's tools
(compiling them in the wheel's build would make PySide6, ~100 MB, a build requirement of every
`pip install`). `--check` fails when a .ts changed without its .qm (tests/test_translations_build.py),
and the standalone bundle compiles its own .qm from the .ts (packaging/bundle.py).
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "app" / "ui" / "translations"
LANGUAGES = ("es",)


def sources() -> list[Path]:
    return sorted([*(ROOT / "app" / "ui").rglob("*.py"), ROOT / "app" / "main.py"])


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"update_translations: {name} not found; install PySide6 (it ships {name})")
    return found


def update(ts: Path, qm: Path) -> None:
    subprocess.run(
        [
            tool("pyside6-lupdate"),
            *map(str, sources()),
            "-no-obsolete",
            "-locations",
            "none",
            "-silent",
            "-ts",
            str(ts),
        ],
        check=True,
    )
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def messages(ts: Path) -> set[tuple[str, str]]:
    root = ElementTree.parse(ts).getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", ""))
        for context in root.iter("context")
        for message in context.iter("message")
    }


def unfinished(ts: Path) -> list[str]:
    root = ElementTree.parse(ts).getroot()
    return [
        message.findtext("source", "")
        for message in root.iter("message")
        if message.find("translation") is None or message.find("translation").get("type") == "unfinished"
    ]


def check(language: str) -> list[str]:
    """What is not current: strings in the code missing from the .ts, a stale .qm, untranslated strings."""
    ts, qm = TRANSLATIONS / f"referral_atlas_{language}.ts", TRANSLATIONS / f"referral_atlas_{language}.qm"
    if not ts.is_file() or not qm.is_file():
        return [f"{ts.name} or {qm.name} is missing: run tools/update_translations.py"]
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        fresh_ts, fresh_qm = Path(scratch) / ts.name, Path(scratch) / qm.name
        shutil.copy(ts, fresh_ts)
        update(fresh_ts, fresh_qm)
        added, gone = messages(fresh_ts) - messages(ts), messages(ts) - messages(fresh_ts)
        problems += [f"{ts.name}: not collected yet: {context}: {source!r}" for context, source in sorted(added)]
        problems += [f"{ts.name}: no longer in the code: {context}: {source!r}" for context, source in sorted(gone)]
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(fresh_qm)], check=True)
        if not filecmp.cmp(fresh_qm, qm, shallow=False):
            problems.append(f"{qm.name} is older than {ts.name}: run tools/update_translations.py")
    problems += [f"{ts.name}: not translated: {source!r}" for source in unfinished(ts)]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report what is not current; change nothing")
    args = parser.parse_args()
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    if args.check:
        problems = [p for language in LANGUAGES for p in check(language)]
        print("\n".join(problems) or "translations are current")
        return 1 if problems else 0
    for language in LANGUAGES:
        update(TRANSLATIONS / f"referral_atlas_{language}.ts", TRANSLATIONS / f"referral_atlas_{language}.qm")
        print(f"{language}: {len(unfinished(TRANSLATIONS / f'referral_atlas_{language}.ts'))} strings to translate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
