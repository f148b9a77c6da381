"""Composition root: QApplication, model, window."""

from __future__ import annotations

import argparse
import sys

import app.ui.qt_env  # noqa: F401  (sets QT_API before pyvistaqt loads)

from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain.errors import AtlasError
from app.scene.assets import Model, load_model


def load_model_or_report(parent: object = None) -> Model | None:
    """Load the model; on failure, say what is wrong and how to fix it (stderr and a dialog)."""
    try:
        return load_model()
    except AtlasError as error:
        print(f"referral-atlas: {error}", file=sys.stderr)
        QMessageBox.critical(None, "Referral Atlas cannot start", str(error))
        return None


def run_app(args: argparse.Namespace) -> int:
    from app.ui.main_window import MainWindow

    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_app.setApplicationName("Referral Atlas")
    model = load_model_or_report()
    if model is None:
        return 1
    window = MainWindow(model)
    window.show()
    return qt_app.exec()
