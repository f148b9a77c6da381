"""Qt-free policy for the clinician, student and kiosk modes (DESIGN.md §7).

`mode_for(args)` picks a `ModeSpec`; the UI applies it and asks it what exists (`spec.allows(id)`,
`spec.shows(panel)`, `spec.key_allowed(keys)`); ids are the plain strings in `app.modes.ids`.
"""

from __future__ import annotations

# The submodules are imported where they are used: the config's validation (pydantic) is only
# for the kiosk, and a clinician's start should not pay for it.
