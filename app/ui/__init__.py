"""The PySide6 widgets. Importing any of them sets QT_API first (app/ui/qt_env.py), so pyvistaqt,
which goes through qtpy, always binds to PySide6."""

import app.ui.qt_env  # noqa: F401
