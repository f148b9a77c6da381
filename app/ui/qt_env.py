"""Process-wide settings that must be in place before pyvistaqt (through qtpy) is imported."""

from __future__ import annotations

import os

os.environ.setdefault("QT_API", "pyside6")
