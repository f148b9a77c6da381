"""Chairside defects found by trying the window as a new user: each test fails on the old window."""

import numpy as np
import pytest
from pixels import click, colour_distance, grab, skin_point_near, widget_point, world_to_pixel
from PySide6.QtCore import QCoreApplication, Qt

from app.scene.highlight import MECHANISM_COLOURS


def settle(qtbot, window) -> None:
    QCoreApplication.processEvents()  # deliver what is queued, then wait for all it asks to draw
    qtbot.waitUntil(lambda: not window.animating(), timeout=5000)


def test_urgent_signs_put_the_urgent_cards_first_and_light_them(qtbot, window, model):
    before = grab(window)
    qtbot.keyClick(window.interactor, Qt.Key.Key_U)
    candidates = window.explorer.candidates
    assert candidates and candidates[0].mechanism == "urgent"
    assert {c.card for c in candidates if c.mechanism == "urgent"} >= {"red_flag_cauda_equina", "red_flag_infection"}
    assert window.panel.tabs.currentIndex() == 0
    assert window.explorer.selected == candidates[0]
    assert "care" in window.panel.sources.card_view.toPlainText().lower()
    settle(qtbot, window)
    purple = MECHANISM_COLOURS["urgent"]
    assert window.scene.colours["nerves"].lit.get("cauda_equina") == purple
    after = grab(window)
    centre = window.explorer_view.paths.centres["vertebra_L4"]  # infection's source: the lumbar spine
    row, col = world_to_pixel(window.interactor, centre)
    assert colour_distance(before[row, col], after[row, col]) > 25, "the lumbar spine turns purple"


def test_ticking_a_question_keeps_the_tab_and_reranks(qtbot, window):
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1)))
    settle(qtbot, window)
    window.panel.tabs.setCurrentWidget(window.panel.questions)
    before = [(c.id, c.score) for c in window.explorer.candidates]
    assert before, "the touch ranked sources"
    box = window.panel.questions.answer_boxes[("features", "shooting")]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert "shooting" in window.explorer.answers.features
    assert window.panel.tabs.currentWidget() is window.panel.questions, "the tab stays"
    assert [(c.id, c.score) for c in window.explorer.candidates] != before, "the answer re-ranks"
    assert "Best fits now" in window.panel.questions.top_now.text(), "the ranking stays in sight"


def test_long_answers_wrap_and_the_questions_never_scroll_sideways(qtbot, window):
    window.panel.tabs.setCurrentWidget(window.panel.questions)
    QCoreApplication.processEvents()  # the tab's layout
    scroller = window.panel.questions.scroller
    assert scroller.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    viewport = scroller.viewport().width()
    for box in window.panel.questions.answer_boxes.values():
        row = box.parentWidget()
        assert row.label.wordWrap() and row.label.text() == box.accessibleName()
        assert row.geometry().right() <= viewport, row.label.text()


def test_a_map_keeps_the_chosen_skin_transparency(qtbot, window):
    window.state.skin_opacity = 0.35
    window.controls.layers_dock.overlay_box.setCurrentIndex(
        window.controls.layers_dock.overlay_box.findData("dermatomes")
    )
    assert window.state.overlay == "dermatomes"
    assert window.state.skin_opacity == pytest.approx(0.35)
    window.controls.layers_dock.overlay_box.setCurrentIndex(window.controls.layers_dock.overlay_box.findData("none"))
    assert window.state.skin_opacity == pytest.approx(0.35)


def test_the_status_line_never_goes_stale(qtbot, window):
    qtbot.keyClick(window.interactor, Qt.Key.Key_5)
    assert "Soles" in window.statusBar().currentMessage()
    qtbot.keyClick(window.interactor, Qt.Key.Key_0)
    assert "Front" in window.statusBar().currentMessage()
    click(qtbot, window, skin_point_near(window, "patella_right", (0, 1, 0)))
    settle(qtbot, window)
    assert "You touched" in window.statusBar().currentMessage()
    qtbot.mouseClick(window.panel.clear_button, Qt.MouseButton.LeftButton)
    assert "You touched" not in window.statusBar().currentMessage()


def test_a_structure_pick_names_what_it_picked(qtbot, window, model):
    for layer in ("show_muscles", "show_nerves", "show_structures"):
        setattr(window.state, layer, False)
    settle(qtbot, window)
    from pixels import shaft_points

    shaft = shaft_points(model.bones, "femur_right", count=3)[1]  # the middle of the shaft, at any width
    qtbot.mouseClick(
        window.interactor, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, widget_point(window, shaft)
    )
    message = window.statusBar().currentMessage()
    assert "femur" in message.lower() and "bone" in message and "right" in message, message


def test_a_touch_says_when_content_for_it_is_missing(qtbot, model, tmp_path):
    """`colour:` typed into dermatome_L5: the foot still ranks its sources and the panel says why
    the L5 strip is not used."""
    import shutil

    from app.content import load
    from app.resources import content_dir
    from app.ui.main_window import MainWindow

    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    territories = copy / "territories.yaml"
    text = territories.read_text(encoding="utf-8")
    territories.write_text(
        text.replace("  - id: dermatome_L5", "  - id: dermatome_L5\n    colour: red", 1), encoding="utf-8"
    )
    knowledge, issues = load(copy, check_reading=False)
    assert any("colour" in issue.problem for issue in issues)
    window = MainWindow(model, knowledge)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.scene.frames.count > 0)
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1)))
    settle(qtbot, window)
    assert window.explorer.candidates, "the rest of the content still answers"
    assert window.panel.gaps.isVisible() and "L5" in window.panel.gaps.text()
    window.close()


def test_compare_draws_both_paths_and_puts_the_bedside_check_on_top(qtbot, window):
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1)))
    settle(qtbot, window)
    by_source = {c.source: c for c in window.explorer.candidates}
    disc = window.explorer.selected
    fibular = next(c for c in window.explorer.candidates if c.condition == "fibular_neuropathy")
    assert disc is not None and disc.source == "disc_L4_L5", [c.id for c in by_source.values()]
    window.panel.compare_menu.aboutToShow.emit()
    action = next(a for a in window.panel.compare_menu.actions() if fibular.title in a.text())
    action.trigger()
    assert window.compare_view.isVisible()
    assert "diff_l5_root_vs_fibular_nerve" in window.explorer.comparison.differentiators
    assert "fibular" in window.compare_view.checks.toPlainText().lower()
    first, second = (view.toPlainText() for view in window.compare_view.cards)
    assert disc.title in first and fibular.title in second
    settle(qtbot, window)
    assert set(window.explorer_view.path_points) == {disc.id, fibular.id}, "both paths, and only them"
    window.compare_view.close()
    assert window.explorer.comparison is None


def test_the_reverse_view_paints_smooth_edges_and_yields_the_cut_to_a_map(qtbot, window):
    scene = window.scene
    window.panel.from_source.source_box.setCurrentIndex(window.panel.from_source.source_box.findData("flat_feet"))
    settle(qtbot, window)
    assert scene.skin_drawn is not scene.skin_surface, "the skin is cut along the edge of the reach"
    assert scene.skin_layers.layers["reach"].cut
    window.controls.layers_dock.overlay_box.setCurrentIndex(
        window.controls.layers_dock.overlay_box.findData("dermatomes")
    )
    settle(qtbot, window)
    assert not scene.skin_layers.layers["reach"].cut, "under a map the reach is painted on the map's cut"
    assert "overlay" in scene.skin_layers.layers
    window.controls.layers_dock.overlay_box.setCurrentIndex(window.controls.layers_dock.overlay_box.findData("none"))
    settle(qtbot, window)
    assert scene.skin_layers.layers["reach"].cut
    window.panel.from_source.source_box.setCurrentIndex(0)
    settle(qtbot, window)
    assert scene.skin_drawn is scene.skin_surface and "reach" not in scene.skin_layers.layers


def test_ctrl_click_on_the_femur_picks_the_femur_not_the_skin_nerve_over_it(qtbot, window, model):
    """With every layer shown: the front of the thigh has skin nerves lying over the bone."""
    from pixels import shaft_points

    settle(qtbot, window)
    picked = set()
    for point in shaft_points(model.bones, "femur_right", count=6):
        pos = widget_point(window, point + np.array([0.0, 0.02, 0.0]))
        x, y = pos.x(), window.interactor.height() - 1 - pos.y()
        picked.add(
            window.explorer_view.picker.pick_structure(
                x * window.interactor.devicePixelRatioF(), y * window.interactor.devicePixelRatioF()
            )
        )
    assert picked == {"femur_right"}, picked


def test_urgent_signs_look_pressed_and_u_again_goes_back(qtbot, window):
    """Issue 21, defect 4: the button never looked pressed, U again changed nothing, and the
    Questions tab's "Best fits now" still listed the spot's sources."""
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1)))
    qtbot.waitUntil(lambda: bool(window.explorer.candidates) and not window.animating())
    spot_sources = [c.id for c in window.explorer.candidates]
    qtbot.keyClick(window.interactor, Qt.Key.Key_U)
    assert (
        window.controls.urgent_action.isChecked()
        and window.toolbar.widgetForAction(window.controls.urgent_action).isChecked()
    )
    urgent_titles = [window.panel.title_of(c) for c in window.explorer.candidates if c.mechanism == "urgent"]
    assert urgent_titles[0] in window.panel.questions.top_now.text(), window.panel.questions.top_now.text()
    qtbot.keyClick(window.interactor, Qt.Key.Key_U)
    assert not window.controls.urgent_action.isChecked() and not window.explorer.urgent_shown
    assert [c.id for c in window.explorer.candidates] == spot_sources, "back to the spot's own list"


def test_the_place_list_starts_on_the_side_last_touched(qtbot, window):
    """Issue 21, defect 10: the place dialog defaulted to Right after a left-side touch."""
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1)))
    qtbot.waitUntil(lambda: bool(window.explorer.touches) and not window.animating())
    assert window.explorer.touches[-1].spot.side == "left"
    qtbot.mouseClick(window.panel.pick_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.spot_picker is not None and window.spot_picker.isVisible())
    assert window.spot_picker.side_buttons["left"].isChecked()
    window.spot_picker.reject()


def test_the_panel_never_moves_under_the_pointer(qtbot, window):
    """Issue 21, defect 5: a buttock touch's maps note pushed the buttons down 24 px; ticking an
    answer low in Questions scrolled "Best fits now" out of sight."""
    buttons = (window.panel.pick_button, window.panel.area_button, window.panel.clear_button)
    before = [b.mapTo(window, b.rect().topLeft()) for b in buttons]
    window.camera.request_view("posterior")
    click(qtbot, window, skin_point_near(window, "ischial_tuberosity_left", (0, -1, 0)))
    qtbot.waitUntil(lambda: bool(window.explorer.candidates) and not window.animating())
    assert [b.mapTo(window, b.rect().topLeft()) for b in buttons] == before
    window.panel.tabs.setCurrentWidget(window.panel.questions)
    last = list(window.panel.questions.answer_boxes.values())[-1]
    window.panel.questions.scroller.ensureWidgetVisible(last)
    last.click()
    qtbot.waitUntil(lambda: "Best fits now" in window.panel.questions.top_now.text())
    top = window.panel.questions.top_now
    assert top.isVisible() and top.visibleRegion().boundingRect().height() == top.height()


def test_compare_has_a_close_button_that_ends_the_comparison(qtbot, window):
    """Issue 21, defect 10: Compare had no Close button."""
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1)))
    qtbot.waitUntil(lambda: len(window.explorer.candidates) > 1 and not window.animating())
    first, second = (c.id for c in window.explorer.candidates[:2])
    window.explorer.compare(first, second)
    qtbot.waitUntil(window.compare_view.isVisible)
    qtbot.mouseClick(window.compare_view.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.compare_view.isVisible())
    assert window.explorer.comparison is None
