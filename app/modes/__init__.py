"""Qt-free policy for the clinician, student and kiosk modes (DESIGN.md §7).

`mode_for(args)` picks a `ModeSpec`; the UI applies it and asks it what exists (`spec.allows(id)`,
`spec.shows(panel)`, `spec.key_allowed(keys)`); ids are the plain strings in `app.modes.ids`.
"""

from __future__ import annotations

from app.modes.config import KioskConfig, kiosk_config_path, load_kiosk_config
from app.modes.keeps_nothing import prepare_process, report_content_error, start_technical_log
from app.modes.pin import PinGate, PinRecord, PinResult
from app.modes.spec import CLINICIAN, STUDENT, IdlePolicy, ModeError, ModeSpec, StaffExit, kiosk_spec, mode_for

__all__ = [
    "CLINICIAN", "STUDENT", "IdlePolicy", "KioskConfig", "ModeError", "ModeSpec", "PinGate", "PinRecord",
    "PinResult", "StaffExit", "kiosk_config_path", "kiosk_spec", "load_kiosk_config", "mode_for",
    "prepare_process", "report_content_error", "start_technical_log",
]  # fmt: skip
