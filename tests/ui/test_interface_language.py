"""Spanish through Qt's translation system: the .ts/.qm are current, and the window speaks Spanish."""

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QGroupBox, QLabel, QTabWidget

from app.ui.i18n import TRANSLATIONS, choose_language, current_language, remember_language

ROOT = Path(__file__).resolve().parents[2]


def test_the_translation_files_are_current_and_complete():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def translated() -> dict[str, str]:
    root = ElementTree.parse(TRANSLATIONS / "referral_atlas_es.ts").getroot()
    return {m.findtext("source", ""): m.findtext("translation", "") for m in root.iter("message")}


def visible_texts(window) -> list[str]:
    texts = [action.text() for action in window.toolbar.actions() if action.text()]
    for kind, read in (
        (QAbstractButton, lambda w: w.text()),
        (QLabel, lambda w: w.text()),
        (QGroupBox, lambda w: w.title()),
        (QDockWidget, lambda w: w.windowTitle()),
    ):
        texts += [read(widget) for widget in window.findChildren(kind) if read(widget)]
    for tabs in window.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    return texts


def test_the_window_starts_in_spanish_with_no_english_left_where_a_translation_exists(qtbot, spanish, model, knowledge):
    from app.ui.main_window import MainWindow

    window = MainWindow(model, knowledge)
    qtbot.addWidget(window)
    assert current_language() == "es"
    texts = visible_texts(window)
    assert "Frente" in texts and "¿Qué podría ser?" in texts and "Señales urgentes" in texts
    english = {source for source, spanish_text in translated().items() if spanish_text and spanish_text != source}
    left = sorted(text for text in texts if text in english)
    assert not left, left
    window.close()


def test_the_language_is_the_one_asked_then_the_last_chosen_then_the_systems(tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert choose_language("es", settings) == "es"
    remember_language("es", settings)
    assert choose_language(None, settings) == "es"
    assert choose_language("en", settings) == "en"
    remember_language("xx", settings)
    assert choose_language(None, settings) in ("en", "es")


def test_lang_es_is_accepted_on_the_command_line():
    from app.cli import build_parser

    assert build_parser().parse_args(["--lang", "es"]).lang == "es"
