"""Composition root: QApplication, model, content, window."""

from __future__ import annotations

import argparse
import sys

from app.ui.qt_env import collection_paused

with collection_paused():
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.content.cache import load_cached
    from app.domain.errors import AtlasError
    from app.domain.knowledge import Knowledge
    from app.modes.spec import CLINICIAN, ModeSpec, mode_for
    from app.resources import content_dir
    from app.scene.assets import Model, load_model
    from app.ui.crash import install_crash_reports
    from app.ui.i18n import Translation, choose_language, remember_language
    from app.ui.main_window import MainWindow


def load_model_or_report() -> Model | None:
    """Load the model; on failure, say what is wrong and how to fix it (stderr and a dialog)."""
    try:
        return load_model()
    except AtlasError as error:
        print(f"referral-atlas: {error}", file=sys.stderr)
        QMessageBox.critical(None, "Referral Atlas cannot start", str(error))
        return None


def load_content_and_report() -> tuple[Knowledge, list[str]]:
    """Load content/ (through the copy kept from the last start when nothing changed); broken files
    are left out and listed, the rest is used. The reading grade is an authoring check, left to
    `referral-atlas check-content`."""
    knowledge, issues = load_cached(content_dir(), check_reading=False)
    problems = [f"{issue.file}:{issue.line}: {issue.problem}" for issue in issues]
    for problem in problems:
        print(f"referral-atlas: {problem}", file=sys.stderr)
    return knowledge, problems


class Windows:
    """The window on screen; a new language rebuilds it in that language (Qt translates as
    widgets are made), in the same place."""

    def __init__(self, model: Model, knowledge: Knowledge, translation: Translation, spec: ModeSpec = CLINICIAN) -> None:
        self.model, self.knowledge, self.translation, self.spec = model, knowledge, translation, spec
        self.window = self._open()

    def _open(self) -> MainWindow:
        window = MainWindow(self.model, self.knowledge, spec=self.spec)
        window.language_chosen.connect(self.switch_language)
        return window

    def switch_language(self, language: str) -> None:
        remember_language(language)
        self.translation.install(language)
        old, self.window = self.window, self._open()
        self.window.setGeometry(old.geometry())
        self.window.show()
        old.close()


def run_app(args: argparse.Namespace) -> int:
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    qt_app.setApplicationName("Referral Atlas")
    qt_app.setOrganizationName("referral-atlas")  # where QSettings keeps the language and text size
    translation = Translation()
    translation.install(choose_language(getattr(args, "lang", None)))
    model = load_model_or_report()
    if model is None:
        return 1
    knowledge, problems = load_content_and_report()
    windows = Windows(model, knowledge, translation, mode_for(args))
    # from here on an unexpected error is logged and shown in the status bar; the window stays up
    install_crash_reports(lambda text: windows.window.statusBar().showMessage(text))
    if problems:
        windows.window.statusBar().showMessage(
            f"{len(problems)} content problem(s); those cards are left out. Run `referral-atlas check-content`."
        )
    windows.window.show()
    return qt_app.exec()
