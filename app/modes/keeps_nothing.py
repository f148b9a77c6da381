"""A kiosk keeps nothing: no file outlives the session except a rotating technical log.

- `kiosk_environment` sends every cache a library would write (Mesa's and NVIDIA's shader caches,
  Qt's program-binary cache, fontconfig, Python bytecode, temporary files, the XDG homes) into one
  private scratch folder, or turns it off; `kiosk_session` makes that folder (on the tmpfs of
  `XDG_RUNTIME_DIR` when there is one) and removes it when the session ends.
- `start_technical_log` writes what the machine did (starts, exits, config problems, content
  errors reported by staff) and never what a visitor did.

**The log rule.** The technical log drops every record that carries visitor data. Code that logs
anything about a visitor's touches, answers, selections, quiz answers or scores must mark the
record, either with `extra={"visitor": True}` or by passing the data as an extra field named in
`VISITOR_FIELDS` (`log.debug("picked %s", name, extra={"selection": name})`); such a record may
still reach a developer's console handler, never the file. Never put visitor data in the text of
an unmarked record.
"""

from __future__ import annotations

import atexit
import logging
import logging.handlers
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from app.modes.spec import ModeSpec

SCRATCH_ENV = "REFERRAL_ATLAS_SCRATCH"  # set for a process whose caches are already private
LOG_DIR_ENV = "REFERRAL_ATLAS_LOG_DIR"
LOG_NAMESPACE = "app"  # modules log through logging.getLogger(__name__)
LOG_MAX_BYTES = 256 * 1024
LOG_BACKUPS = 3
# Caches turned off outright (names checked against Mesa 22.3's and Qt 6's own strings).
NO_CACHE_ENV = {
    "MESA_SHADER_CACHE_DISABLE": "true",  # Mesa ≥ 21: the shader cache
    "MESA_GLSL_CACHE_DISABLE": "true",  # its older name, still read by Mesa 22
    "__GL_SHADER_DISK_CACHE": "0",  # the NVIDIA driver's shader cache
    "QT_DISABLE_SHADER_DISK_CACHE": "1",  # Qt's OpenGL program-binary cache (QOpenGLShaderProgram)
    "PYTHONDONTWRITEBYTECODE": "1",  # no __pycache__ beside the installed code
}
VISITOR_FIELDS = frozenset(
    {
        "visitor",
        "touch",
        "touches",
        "spot",
        "point",
        "selection",
        "candidate",
        "candidates",
        "answer",
        "answers",
        "red_flags",
        "query",
        "quiz_answer",
        "score",
    }
)
_CARD_ID = re.compile(r"^[a-z0-9_]{1,80}$")
_VERSION = re.compile(r"^[A-Za-z0-9._+-]{1,64}$")


def kiosk_environment(base: Mapping[str, str], scratch: Path, log_dir: Path) -> dict[str, str]:
    """`base` with every cache off or inside `scratch`, and the technical log kept in `log_dir`
    (the real one: the XDG state home now points into the scratch folder)."""
    env = {key: value for key, value in base.items() if key != "REFERRAL_ATLAS_CACHE_DIR"}
    env.update(NO_CACHE_ENV)
    cache = scratch / "cache"
    env.update(
        {
            "XDG_CACHE_HOME": str(cache),  # fontconfig, matplotlib, platformdirs (the content cache)
            "XDG_CONFIG_HOME": str(scratch / "config"),  # QSettings and anything else's settings
            "XDG_DATA_HOME": str(scratch / "data"),  # recently-used lists, app data
            "XDG_STATE_HOME": str(scratch / "state"),
            "TMPDIR": str(scratch / "tmp"),  # Python's and Qt's temporary files
            "MESA_SHADER_CACHE_DIR": str(cache / "mesa"),  # should a driver ignore the switch above
            "__GL_SHADER_DISK_CACHE_PATH": str(cache / "nvidia"),
            SCRATCH_ENV: str(scratch),
            LOG_DIR_ENV: str(log_dir),
        }
    )
    return env


SCRATCH_PREFIX = "referral-atlas-kiosk-"  # then the pid of the process that removes it, and a dash


def _scratch_parent() -> str:
    runtime = os.environ.get("XDG_RUNTIME_DIR")  # per-user tmpfs, mode 0700, emptied at logout
    return runtime if runtime and os.path.isdir(runtime) and os.access(runtime, os.W_OK) else tempfile.gettempdir()


def _make_scratch() -> Path:
    scratch = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=_scratch_parent()))  # mode 0700
    for sub in ("cache", "config", "data", "state", "tmp"):
        (scratch / sub).mkdir()
    return scratch


@contextmanager
def kiosk_session(base: Mapping[str, str] | None = None) -> Iterator[dict[str, str]]:
    """The environment for one kiosk process; its scratch folder is removed afterwards."""
    base = os.environ if base is None else base
    log_dir = technical_log_dir(base)
    scratch = _make_scratch()
    try:
        yield kiosk_environment(base, scratch, log_dir)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def remove_stale_scratch() -> list[Path]:
    """Remove the scratch folders whose process is gone (killed before it could remove them)."""
    removed = []
    for folder in Path(_scratch_parent()).glob(f"{SCRATCH_PREFIX}*-*"):
        pid = folder.name.removeprefix(SCRATCH_PREFIX).split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        pass
    return True


def prepare_process(spec: ModeSpec) -> Path | None:
    """Call first thing, before Qt starts: a mode that keeps nothing gets private caches in this
    very process (when a supervisor has not already given it some). Returns the scratch folder."""
    if not spec.keeps_nothing:
        return None
    sys.dont_write_bytecode = True
    given = os.environ.get(SCRATCH_ENV)
    if given and os.path.isdir(given):
        return Path(given)
    scratch = _make_scratch()
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    os.environ.update(kiosk_environment(os.environ, scratch, technical_log_dir()))
    tempfile.tempdir = os.environ["TMPDIR"]  # tempfile read the old TMPDIR once already
    return scratch


def technical_log_dir(env: Mapping[str, str] | None = None) -> Path:
    override = (os.environ if env is None else env).get(LOG_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_log_path("referral-atlas")


class VisitorDataFilter(logging.Filter):
    """Drops records that carry visitor data (the rule in this module's docstring)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return VISITOR_FIELDS.isdisjoint(vars(record))


def start_technical_log(name: str = "referral-atlas", level: int = logging.INFO) -> Path | None:
    """Attach the rotating technical log (`<user log folder>/<name>.log`, 256 KB × 4) to the app's
    loggers. A folder that cannot be written leaves the log on stderr only; it never stops the app."""
    path = technical_log_dir() / f"{name}.log"
    logger = logging.getLogger(LOG_NAMESPACE)
    logger.setLevel(min(logger.level or level, level))
    for handler in logger.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        print(f"referral-atlas: cannot write the log {path}: {error.strerror}; logging to stderr only", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(VisitorDataFilter())
    logger.addHandler(handler)
    return path


def report_content_error(card_id: str, content_version: str, logger: logging.Logger | None = None) -> None:
    """Staff's "report a content error": the card's id and the content's version, nothing else
    (no free text, nothing the visitor chose)."""
    if not _CARD_ID.match(card_id) or not _VERSION.match(content_version):
        raise ValueError(f"not a card id and content version: {card_id!r}, {content_version!r}")
    (logger or logging.getLogger(__name__)).warning(
        "content error reported: card %s, content version %s", card_id, content_version
    )
