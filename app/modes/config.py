"""The kiosk's one config file: TOML in the system config folder (platformdirs' site config path,
`/etc/xdg/referral-atlas/kiosk.toml` on Linux), or `REFERRAL_ATLAS_KIOSK_CONFIG`.

The kiosk only reads it. A missing or broken file never stops the kiosk: the broken settings get
their safe defaults and the log gets one line naming the file and the fix. `referral-atlas
kiosk-pin` is the one writer; it refuses to overwrite a broken file.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.bounded import read_bounded
from app.domain.errors import AtlasError
from app.domain.knowledge import LANGUAGES
from app.modes.pin import PinRecord

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover (3.10)
    import tomli as tomllib

CONFIG_ENV = "REFERRAL_ATLAS_KIOSK_CONFIG"
MAX_CONFIG_BYTES = 64_000  # the file is a dozen lines
IDLE_S_RANGE = (10.0, 3600.0)  # seconds untouched before "Still there?"
PROMPT_S_RANGE = (20.0, 120.0)  # the time to answer it: at least 20 s (WCAG 2.2.1, Timing Adjustable)
FIX = "fix it as root (see README, 'Kiosk') or remove it"
log = logging.getLogger(__name__)


class KioskConfigError(AtlasError):
    """The kiosk config cannot be read strictly (for `kiosk-pin`) or cannot be written."""


class KioskConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    idle_s: float = Field(90.0, ge=IDLE_S_RANGE[0], le=IDLE_S_RANGE[1], allow_inf_nan=False)
    prompt_s: float = Field(20.0, ge=PROMPT_S_RANGE[0], le=PROMPT_S_RANGE[1], allow_inf_nan=False)
    language: str = Field("en", pattern=r"^[a-z]{2,3}([_-][A-Za-z]{2,4})?$")
    printing: bool = False
    printer: str = Field("", max_length=200)  # a printer's name; empty: the system's default printer
    read_aloud: bool = False
    screen: int = Field(0, ge=0, le=16)
    pin: PinRecord | None = None


def kiosk_config_path() -> Path:
    """`REFERRAL_ATLAS_KIOSK_CONFIG`, else the system file; the variable set but empty is an error
    (it would quietly mean the system file, and `kiosk-pin` would write there)."""
    override = os.environ.get(CONFIG_ENV)
    if override is not None and not override.strip():
        raise KioskConfigError(
            f"{CONFIG_ENV} is set but empty: give it the config file's path, or unset it for the system file"
        )
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.site_config_path("referral-atlas") / "kiosk.toml"


def _read_table(path: Path) -> dict[str, Any]:
    """The file's table; OSError for a file that cannot be read, ValueError for one that is not TOML."""
    try:
        return tomllib.loads(read_bounded(path, MAX_CONFIG_BYTES).decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"not valid TOML: {error}") from None


def _problems(error: ValidationError) -> dict[str, str]:
    """Each broken top-level setting and what is wrong with it."""
    found: dict[str, str] = {}
    for item in error.errors():
        key = str(item["loc"][0]) if item["loc"] else "file"
        where = ".".join(str(part) for part in item["loc"])
        found.setdefault(key, f"{where}: {'unknown setting' if item['type'] == 'extra_forbidden' else item['msg']}")
    return found


def load_kiosk_config(path: Path | None = None) -> KioskConfig:
    """The config for the running kiosk. Never raises: what cannot be used gets its default and one
    warning line names the file, what was wrong and the fix."""
    try:
        path = path or kiosk_config_path()
    except KioskConfigError as error:
        log.warning("%s; using the defaults", error)
        return KioskConfig()
    try:
        table = _read_table(path)
    except FileNotFoundError:
        log.warning(
            "kiosk config %s not found: using the defaults (idle 90 s, no printing, no staff PIN, so staff "
            "cannot leave from the screen); set a PIN with `sudo referral-atlas kiosk-pin`",
            path,
        )
        return KioskConfig()
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        log.warning("kiosk config %s cannot be used (%s): using the defaults; %s", path, reason, FIX)
        return KioskConfig()
    try:
        config = KioskConfig.model_validate(table)
    except ValidationError as error:
        problems = _problems(error)
        kept = {key: value for key, value in table.items() if key not in problems}
        try:
            config = KioskConfig.model_validate(kept)
        except ValidationError:  # cannot happen with per-key checks; stay safe anyway
            config = KioskConfig()
        log.warning(
            "kiosk config %s: %s: using the defaults for %s; %s",
            path,
            "; ".join(problems.values()),
            ", ".join(sorted(problems)),
            FIX,
        )
    if config.language not in ("en", *LANGUAGES):
        log.warning(
            "kiosk config %s: language %r has no translation (%s have one): the kiosk shows English; %s",
            path,
            config.language,
            ", ".join(("en", *LANGUAGES)),
            FIX,
        )
    return config


def read_kiosk_config(path: Path) -> KioskConfig:
    """The config as it stands, for changing it: a missing file is the defaults, a broken one raises."""
    try:
        table = _read_table(path)
    except FileNotFoundError:
        return KioskConfig()
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        raise KioskConfigError(f"{path}: {reason}; nothing was changed: {FIX}") from None
    try:
        return KioskConfig.model_validate(table)
    except ValidationError as error:
        raise KioskConfigError(f"{path}: {'; '.join(_problems(error).values())}; nothing was changed: {FIX}") from None


def dump_kiosk_config(config: KioskConfig) -> str:
    """The config as commented TOML (every value is a number, a boolean or a plain ASCII string,
    and a JSON string of those is a TOML basic string)."""
    lines = [
        "# Referral Atlas kiosk settings. The kiosk reads this file and never writes it.",
        "# Edit as root; `referral-atlas kiosk-pin` sets the staff PIN. See README, 'Kiosk'.",
        "",
        f'idle_s = {config.idle_s!r}  # seconds untouched before "Still there?" (10 to 3600)',
        f"prompt_s = {config.prompt_s!r}  # the time to answer before the screen resets (20 to 120)",
        f"language = {json.dumps(config.language)}  # the default interface language",
        f"printing = {str(config.printing).lower()}  # a print button for the card on screen (no dialog)",
        f"printer = {json.dumps(config.printer)}  # the printer's name; empty: the system's default printer",
        f"read_aloud = {str(config.read_aloud).lower()}  # cards spoken aloud (needs the optional speech engine)",
        f"screen = {config.screen}  # which screen the kiosk fills (0 = the first)",
    ]
    if config.pin is not None:
        lines += ["", "# The staff PIN's salted hash (written by `referral-atlas kiosk-pin`; do not edit).", "[pin]"]
        lines += [f"{key} = {json.dumps(value)}" for key, value in config.pin.model_dump().items()]
    return "\n".join(lines) + "\n"


def write_kiosk_config(config: KioskConfig, path: Path) -> None:
    """Replace the file in one step (a reader sees the old file or the new one), readable by the
    kiosk's own user (mode 0644), writable only by its owner."""
    scratch: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=".kiosk-", suffix=".toml.tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(dump_kiosk_config(config))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(scratch, 0o644)
        os.replace(scratch, path)
        scratch = None
    except OSError as error:
        hint = (
            "run as root (sudo referral-atlas kiosk-pin) or set REFERRAL_ATLAS_KIOSK_CONFIG to a file you can write"
            if isinstance(error, PermissionError)
            else "check the folder and the disk"
        )
        raise KioskConfigError(f"cannot write {path}: {error.strerror}; {hint}") from None
    finally:
        if scratch is not None:
            Path(scratch).unlink(missing_ok=True)
