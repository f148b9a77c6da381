"""`referral-atlas install-desktop`: put the launcher (.desktop), the AppStream metadata and the
icon set (app/desktop/) where a freedesktop desktop finds them.

Per user into `$XDG_DATA_HOME` (`~/.local/share`); `--system` into `/usr/local/share` for every
user (as root). The launcher's `Exec` becomes the command that ran this one (the bundle's program,
the installed script, or this Python with `-m app`), so it works wherever the app was installed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from app.domain.errors import AtlasError

APP_ID = "org.referralatlas.ReferralAtlas"
SOURCE = Path(__file__).resolve().parent / "desktop"
SYSTEM_DATA_DIR = Path("/usr/local/share")


def window_icon() -> Path:
    """The icon the app gives its windows (a PNG: Qt reads it without its SVG module)."""
    return SOURCE / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"


def data_dir(system: bool) -> Path:
    if system:
        return SYSTEM_DATA_DIR
    xdg = os.environ.get("XDG_DATA_HOME")
    return Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"


def own_command() -> list[str]:
    """The command that starts this very installation of the app."""
    if getattr(sys, "frozen", False):  # the PyInstaller bundle's program
        return [sys.executable]
    script = Path(sys.argv[0])
    if script.name == "referral-atlas" and script.is_file():  # the installed console script
        return [str(script.resolve())]
    return [sys.executable, "-m", "app"]


def _quoted(argument: str) -> str:
    """A desktop-entry Exec argument (its own quoting rules: double quotes, \\ before " ` $ \\)."""
    if not any(c in argument for c in " \t\n\"'\\><~|&;$*?#()`"):
        return argument
    return '"' + "".join("\\" + c if c in '"`$\\' else c for c in argument) + '"'


def launcher_text(command: list[str]) -> str:
    """The .desktop file with `Exec` and `TryExec` pointing at `command`."""
    lines = []
    for line in (SOURCE / f"{APP_ID}.desktop").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        if key == "Exec":
            extra = shlex.split(value)[1:]
            lines.append("Exec=" + " ".join(_quoted(a).replace("%", "%%") for a in (*command, *extra)))
        elif key == "TryExec":
            lines.append(f"TryExec={command[0]}")
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def targets(base: Path) -> dict[Path, Path | None]:
    """Each installed file and the file it is copied from (None: the launcher, written)."""
    icons = SOURCE / "icons"
    files: dict[Path, Path | None] = {
        base / "applications" / f"{APP_ID}.desktop": None,
        base / "metainfo" / f"{APP_ID}.metainfo.xml": SOURCE / f"{APP_ID}.metainfo.xml",
        base / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": icons / f"{APP_ID}.svg",
    }
    for png in sorted((icons / "hicolor").glob(f"*/apps/{APP_ID}.png")):
        files[base / "icons" / png.relative_to(icons)] = png
    return files


def install(base: Path, command: list[str] | None = None) -> list[Path]:
    written = []
    try:
        for target, source in targets(base).items():
            target.parent.mkdir(parents=True, exist_ok=True)
            if source is None:
                target.write_text(launcher_text(command or own_command()), encoding="utf-8")
            else:
                shutil.copyfile(source, target)
            written.append(target)
    except OSError as error:
        hint = " (for every user: run it as root)" if str(base).startswith(str(SYSTEM_DATA_DIR)) else ""
        raise AtlasError(f"install-desktop: cannot write {error.filename}: {error.strerror}{hint}") from error
    _refresh(base)
    return written


def remove(base: Path) -> list[Path]:
    removed = [target for target in targets(base) if target.is_file()]
    for target in removed:
        target.unlink()
    _refresh(base)
    return removed


def _refresh(base: Path) -> None:
    """The desktop's caches, where their tools exist (menus and icons show up without a new login)."""
    for tool, folder in (("update-desktop-database", base / "applications"),
                         ("gtk-update-icon-cache", base / "icons" / "hicolor")):  # fmt: skip
        found = shutil.which(tool)
        if found and folder.is_dir():
            args = [found, "-q", str(folder)] if tool.startswith("update") else [found, "-q", "-t", "-f", str(folder)]
            subprocess.run(args, check=False, capture_output=True, timeout=60)
