"""What a desktop user expects (issue 21, "What to build" 4): F1 says how to use the app beside the
keys; File → Save image of the view; a named list of saved views that open again; a saved views
file that cannot be read is said, named, and kept."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.modes import ids
from app.modes.spec import CLINICIAN


def menu_words(window) -> set[str]:
    words = set()
    for menu_action in window.menuBar().actions():
        words.add(menu_action.text())
        words |= {a.text() for a in menu_action.menu().actions()}
    return words


def test_f1_shows_how_to_use_beside_the_keys(qtbot, window):
    qtbot.keyClick(window.panel.pick_button, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_box is not None and window.help_box.isVisible())
    box = window.help_box
    assert "Click the body where it hurts" in box.how_to.toPlainText()
    assert "It is not a diagnosis" in box.how_to.toPlainText()
    assert "Larger text" in box.keys.toPlainText() and "Save image of the view" in box.keys.toPlainText()
    assert box.how_to.isVisible() and box.keys.isVisible()
    assert box.how_to.mapTo(box, box.how_to.rect().topRight()).x() <= box.keys.mapTo(box, box.keys.rect().topLeft()).x()
    assert box.width() <= window.screen().availableGeometry().width()
    box.close()


def test_the_how_to_is_in_spanish(qtbot, spanish, model, knowledge):
    from app.ui.help import how_to_html

    assert "Haga clic en el cuerpo donde duele" in how_to_html()


def test_the_menus_of_the_desk_follow_its_spec(qtbot, window, model, knowledge):
    words = menu_words(window)
    for text in ("&File", "&Help", "Save image of the view…", "Save this view…", "Quit", "How to use and keys"):
        assert text in words, text
    from app.ui.main_window import MainWindow

    bare = MainWindow(model, knowledge, spec=replace(CLINICIAN, actions=CLINICIAN.actions - {ids.SAVE_IMAGE}))
    qtbot.addWidget(bare)
    assert "Save image of the view…" not in menu_words(bare) and bare.image_saver is None
    assert "Save this view…" in menu_words(bare)
    bare.close()


def test_save_image_writes_the_view_as_a_png_and_names_the_file(qtbot, window, tmp_path):
    from app.ui.handout import user_folder

    saver = window.image_saver
    saver.ask()
    dialog = saver.dialog
    qtbot.waitUntil(dialog.isVisible)
    suggested = dialog.selectedFiles()[0]
    from PySide6.QtCore import QStandardPaths

    assert suggested.startswith(str(user_folder(QStandardPaths.StandardLocation.PicturesLocation)))
    assert suggested.endswith(".png")
    dialog.reject()
    path = saver.save(tmp_path / "view.png")
    assert path is not None and path.is_file()
    assert str(path) in window.statusBar().currentMessage()
    picture = np.asarray(Image.open(path).convert("RGB"), dtype=int)
    assert picture.shape[:2] == (window.interactor.height(), window.interactor.width()) or picture.shape[0] > 100
    assert float(np.std(picture)) > 10, "the picture shows the body, not a blank"
    assert saver.save(tmp_path / "no-such-folder" / "view.png") is None
    assert "Could not save" in window.statusBar().currentMessage()


def test_a_saved_view_opens_again_as_it_was(qtbot, window):
    views = window.saved_views
    window.touch_region("region_buttock", "left")
    qtbot.waitUntil(lambda: len(window.explorer.candidates) > 2)
    feature = window.explorer.knowledge.answers("features")[0][0]
    window.explorer.set_answer("features", feature, True)
    second = window.explorer.candidates[1].id
    window.explorer.select(second)
    window.state.overlay = "dermatomes"
    window.scene.set_view("posterior")
    camera = tuple(window.interactor.camera.position)
    assert views.save("Buttock, left")
    said = window.statusBar().currentMessage()
    assert "Buttock, left" in said and str(views.path) in said

    window.explorer.clear()
    window.state.overlay = "none"
    window.scene.set_view("anterior")
    views.reload()  # read back from the file
    views.open("Buttock, left")
    explorer = window.explorer
    assert explorer.touches and explorer.touches[0].spot.region == "buttock" and explorer.touches[0].spot.side == "left"
    assert feature in explorer.answers.features
    assert explorer.selected is not None and explorer.selected.id == second
    assert window.state.overlay == "dermatomes"
    assert np.allclose(window.interactor.camera.position, camera)
    assert [a.text() for a in views.open_menu.actions()] == ["Buttock, left"]
    views.delete("Buttock, left")
    assert views.views == [] and json.loads(views.path.read_text())["views"] == []


def test_a_saved_reverse_view_opens_again(qtbot, window):
    views = window.saved_views
    window.explorer.show_source("flat_feet")
    assert views.save("Flat feet")
    window.explorer.clear()
    views.open("Flat feet")
    assert window.explorer.source is not None and window.explorer.source.source == "flat_feet"


def test_an_unreadable_views_file_is_said_named_and_kept(qtbot, model, knowledge, tmp_path, monkeypatch):
    from app.study.store import DATA_ENV
    from app.ui.main_window import MainWindow

    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    broken = tmp_path / "saved-views.json"
    broken.write_text('{"version": 1, "views": [{"name": "x", "camera": "oops"', encoding="utf-8")
    window = MainWindow(model, knowledge)
    qtbot.addWidget(window)
    window.show()
    message = lambda: window.saved_views.message  # noqa: E731
    qtbot.waitUntil(lambda: isinstance(message(), QMessageBox) and message().isVisible())
    said = window.saved_views.message.text()
    assert str(broken) in said and "not valid JSON" in said and "Nothing was changed" in said
    assert window.saved_views.views == []
    assert window.saved_views.save("New")
    kept = tmp_path / "saved-views.json.unreadable"
    assert kept.read_text(encoding="utf-8").endswith('"oops"'), "the unreadable file is kept as it was"
    assert [v["name"] for v in json.loads(broken.read_text())["views"]] == ["New"]
    window.saved_views.message.close()
    window.close()
