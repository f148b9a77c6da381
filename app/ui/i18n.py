"""The interface language, through Qt's own translation system.

UI strings are written with `self.tr()` / `QCoreApplication.translate()`; `tools/update_translations.py`
collects them into `app/ui/translations/referral_atlas_<lang>.ts` (pyside6-lupdate) and compiles
the `.qm` beside it (pyside6-lrelease); a test checks that both are current. The language is the
one asked for (`--lang`), else the one chosen last time, else the system's when the app has it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from app.ui.qt_env import running_app

LANGUAGES = {"en": "English", "es": "Español"}
SOURCE_LANGUAGE = "en"
TRANSLATIONS = Path(__file__).with_name("translations")
SETTING = "language"


def tr(text: object, context: str = "MainWindow") -> str:
    """Words outside a widget's own `self.tr`: marked QT_TRANSLATE_NOOP(context, …), or written as
    `tr("…")`, which pyside6-lupdate files under no context; either is found."""
    said = QCoreApplication.translate(context, str(text))
    return said if said != str(text) else QCoreApplication.translate("", str(text))


def qm_file(language: str) -> Path:
    return TRANSLATIONS / f"referral_atlas_{language}.qm"


def choose_language(asked: str | None, settings: QSettings | None = None) -> str:
    """`--lang` if given, else the language chosen last time, else the system's if we have it."""
    if asked in LANGUAGES:
        return asked
    remembered = str((settings or QSettings()).value(SETTING, ""))
    if remembered in LANGUAGES:
        return remembered
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else SOURCE_LANGUAGE


def current_language() -> str:
    """The language the application is shown in now."""
    app = QCoreApplication.instance()
    language = app.property("language") if app is not None else None
    return str(language) if language in LANGUAGES else SOURCE_LANGUAGE


def remember_language(language: str, settings: QSettings | None = None) -> None:
    (settings or QSettings()).setValue(SETTING, language)


class Translation:
    """The translators installed for one language (the app's own and Qt's standard dialogs')."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []

    def install(self, language: str) -> bool:
        """Switch the whole application to `language`; False when its translation is missing."""
        app = running_app()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        app.setProperty("language", SOURCE_LANGUAGE)
        if language == SOURCE_LANGUAGE:
            return True
        ours, qt = QTranslator(), QTranslator()
        if not ours.load(str(qm_file(language))):
            return False
        self._installed.append(ours)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._installed.append(qt)
        for translator in self._installed:
            app.installTranslator(translator)
        app.setProperty("language", language)
        return True
