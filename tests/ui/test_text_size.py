"""Presenter size: Ctrl+= / Ctrl+- / Ctrl+0 scale all text, and the size survives a restart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _point_size() -> float:
    return QApplication.font().pointSizeF()


def test_text_size_keys_scale_the_text_and_it_survives_a_restart(qtbot, window, model, knowledge):
    from app.ui.main_window import MainWindow

    normal = _point_size()
    card_normal = window.panel.sources.card_view.font().pointSizeF()
    for _ in range(2):
        qtbot.keyClick(window.interactor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert abs(_point_size() - normal * 1.3) < 0.05, (normal, _point_size())
    qtbot.waitUntil(lambda: window.panel.sources.card_view.font().pointSizeF() > card_normal)  # widgets follow
    assert "130%" in window.statusBar().currentMessage()
    qtbot.keyClick(window.interactor, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert abs(_point_size() - normal * 1.15) < 0.05
    window.close()
    assert abs(_point_size() - normal) < 0.05, "a closed window leaves the application's font as it was"

    again = MainWindow(model, knowledge)  # a new start reads the settings
    qtbot.addWidget(again)
    try:
        assert abs(again.text_size.scale - 1.15) < 1e-6
        assert abs(_point_size() - normal * 1.15) < 0.05
        again.show()
        qtbot.waitExposed(again)
        again.activateWindow()
        qtbot.waitUntil(again.isActiveWindow)
        qtbot.keyClick(again.interactor, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        assert abs(_point_size() - normal) < 0.05 and again.text_size.scale == 1.0
    finally:
        again.close()


def test_a_broken_setting_falls_back_to_normal(qtbot, window):
    from app.ui.text_size import SETTINGS_KEY, settings

    settings().setValue(SETTINGS_KEY, "huge")
    assert window.text_size._saved() == 1.0


def test_a_tall_window_starts_with_larger_text_and_the_presenter_scale_multiplies_it(qtbot, window):
    from app.ui.text_size import LARGE_WINDOW_SCALE

    normal = _point_size()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: abs(_point_size() - normal * LARGE_WINDOW_SCALE) < 0.05)
    qtbot.keyClick(window.interactor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert abs(_point_size() - normal * LARGE_WINDOW_SCALE * 1.15) < 0.05
    assert "115%" in window.statusBar().currentMessage()
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: abs(_point_size() - normal * 1.15) < 0.05)


def test_the_labels_in_3d_follow_the_presenter_text_size(qtbot, window):
    from app.scene.skin_overlays import LABEL_FONT_PX, LABELS_ACTOR

    def label_font_px() -> int:
        mapper = window.scene.plotter.actors[f"{LABELS_ACTOR}-labels"].GetMapper()
        return mapper.GetInputConnection(0, 0).GetProducer().GetTextProperty().GetFontSize()

    window.controls.layers_dock.overlay_box.setCurrentIndex(
        window.controls.layers_dock.overlay_box.findData("dermatomes")
    )
    window.controls.layers_dock.labels_box.setChecked(True)
    qtbot.waitUntil(lambda: not window.animating() and bool(window.overlays.placed_labels))
    assert label_font_px() == LABEL_FONT_PX
    shown = len(window.overlays.placed_labels)
    for _ in range(3):
        qtbot.keyClick(window.interactor, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.animating() and label_font_px() == round(LABEL_FONT_PX * 1.5))
    assert len(window.overlays.placed_labels) <= shown, "larger labels never overlap: fewer may fit"


def test_a_window_closed_before_its_restyle_runs_is_left_alone(qtbot, model, knowledge):
    """The restyle after a new application font is put off to the next free moment, tied to the
    window: a window deleted before then is not restyled (a bare timer called into the deleted
    window, or kept it alive)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from app.ui.main_window import MainWindow

    made = MainWindow(model, knowledge)
    made.show()
    qtbot.waitExposed(made)
    QCoreApplication.sendEvent(made, QEvent(QEvent.Type.ApplicationFontChange))
    made.close()
    made.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(50)  # the put-off restyle's moment: nothing is called in the deleted window
