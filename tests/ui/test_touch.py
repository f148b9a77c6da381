"""A real click on the skin under Xvfb: the panel fills and the source lights up in the next frame."""

import numpy as np
import pytest
from pixels import click, colour_distance, grab, skin_point_near, widget_point, world_to_pixel
from PySide6.QtCore import QPoint, Qt


def test_clicking_the_top_of_the_left_foot_lights_the_l5_pathway(qtbot, window):
    window.camera.request_view("anterior")
    foot = skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1))
    before = grab(window)
    click(qtbot, window, foot)
    qtbot.waitUntil(lambda: window.panel.sources.candidate_list.count() > 0)

    top = window.explorer.candidates[:3]
    assert any("L4_L5" in c.id or c.source in ("disc_L4_L5", "L5") for c in top), [c.id for c in top]
    assert window.explorer.touches[0].spot.side == "left"
    assert "left" in window.panel.where.text()
    assert "L5" in window.explorer.touches[0].spot.dermatomes
    assert window.panel.sources.card_view.toPlainText().strip()

    disc = window.explorer_view.paths.centres["disc_L4_L5"]
    after = grab(window)
    row, col = world_to_pixel(window.interactor, disc)
    assert colour_distance(before[row, col], after[row, col]) > 25, "the L4–L5 disc should light up"
    assert window.explorer_view.path_points, "a path from the source to the spot is drawn"


def test_a_drag_turns_the_body_without_touching(qtbot, window):
    window.camera.request_view("anterior")
    start = widget_point(window, skin_point_near(window, "patella_right", (0, 1, 0)))
    qtbot.mousePress(window.interactor, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(window.interactor, start + QPoint(80, 0))
    qtbot.mouseRelease(window.interactor, Qt.MouseButton.LeftButton, pos=start + QPoint(80, 0))
    assert window.explorer.touches == ()


def test_area_mode_combines_touches(qtbot, window):
    window.camera.request_view("anterior")
    window.panel.area_button.click()
    for landmark in ("metatarsal_head_3_right", "metatarsal_head_1_right"):
        click(qtbot, window, skin_point_near(window, landmark, (0, 0, 1)))
    qtbot.waitUntil(lambda: not window.animating())
    assert len(window.explorer.touches) == 2
    assert all(0.0 <= c.explains <= 1.0 for c in window.explorer.candidates)


def test_urgent_sign_puts_the_urgent_card_first(qtbot, window):
    box = next(b for (kind, _), b in window.panel.questions.answer_boxes.items() if kind == "red_flags")
    box.setChecked(True)
    assert window.explorer.candidates[0].mechanism == "urgent"
    assert window.explorer.selected == window.explorer.candidates[0]


def test_choosing_a_source_shows_where_it_can_send_pain(qtbot, window):
    index = window.panel.from_source.source_box.findData("flat_feet")
    assert index > 0
    window.panel.from_source.source_box.setCurrentIndex(index)
    assert window.explorer.source is not None
    assert window.panel.from_source.reach_view.toPlainText().strip(), "the words come at once"
    qtbot.waitUntil(lambda: window.scene.frames.idle)
    assert window.scene.skin_layers.layers.get("reach") is not None
    assert window.panel.from_source.reach_view.toPlainText().strip()


def test_ctrl_click_on_a_bone_shows_where_its_joint_can_send_pain(qtbot, window):
    window.camera.request_view("anterior")
    for layer in ("show_muscles", "show_nerves", "show_structures"):
        setattr(window.state, layer, False)
    kneecap = np.asarray(window.explorer_view.scene.model.landmarks["patella_right"]) - (0, 0.01, 0)
    qtbot.mouseClick(
        window.interactor, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, widget_point(window, kneecap)
    )
    assert window.explorer.source is not None and window.explorer.source.source == "knee_joint"
    assert window.explorer.touches == (), "a Ctrl+click is not a touch"
    assert window.panel.tabs.currentWidget() is window.panel.from_source
    assert window.panel.from_source.source_box.currentData() == "knee_joint"


def test_with_the_skin_hidden_a_click_picks_what_lies_beneath(qtbot, window):
    window.camera.request_view("anterior")
    window.state.show_skin = False
    for layer in ("show_muscles", "show_nerves", "show_structures"):
        setattr(window.state, layer, False)
    click(qtbot, window, np.asarray(window.explorer_view.scene.model.landmarks["patella_left"]) - (0, 0.01, 0))
    assert window.explorer.source is not None and window.explorer.source.source == "knee_joint"


def test_a_touch_after_a_touch_picks_without_building_the_skin_locator_again(qtbot, window):
    """Each touch gives the skin new colours; the pick's cell locator keeps its search structure
    (the skin never moves) instead of rebuilding it before the next answer (~3 ms)."""
    window.camera.request_view("anterior")
    locator = window.explorer_view.picker._locator
    built = locator.GetBuildTime()
    for landmark in ("patella_right", "metatarsal_head_3_left"):
        point = skin_point_near(window, landmark, (0, 1, 0.3))
        click(qtbot, window, point)
        qtbot.waitUntil(
            lambda: window.panel.sources.candidate_list.count() > 0 and not window.animating(), timeout=5000
        )
        assert np.linalg.norm(np.asarray(window.explorer.touches[-1].point) - point) < 0.02
    assert locator.GetBuildTime() == built


def test_the_reverse_view_tints_a_discs_own_strip_more_than_a_place_it_reaches_weakly(qtbot, window):
    """The L4–L5 disc: its L4 strip (knee, shin, inner leg) tinted strongly, the front of the thigh
    (reached by a weaker route) less; painted alike, the two came out 117 and 133."""
    window.state.skin_opacity = 1.0
    window.camera.request_view("anterior")
    qtbot.waitUntil(lambda: not window.animating())
    before = grab(window)
    window.explorer.show_source("disc_L4_L5")
    qtbot.waitUntil(lambda: not window.animating())
    after = grab(window)
    labels = window.explorer_view.labels

    def change(territory):
        point = labels.points[labels.centre_vertex(territory, "right")]
        row, col = world_to_pixel(window.interactor, point)
        return colour_distance(before[row, col], after[row, col])

    strip, thigh = change("dermatome_L4"), change("region_anterior_thigh")  # 0.54 against 0.27 of strength
    assert strip > 1.3 * thigh, (strip, thigh)


@pytest.mark.parametrize(
    "where",
    [(0.0, 0.083, 0.775), (0.032, 0.108, 0.748)],
    ids=["perineum", "upper inner thigh beside the perineum"],
)
def test_a_saddle_touch_leads_with_the_cauda_equina_check_then_numbness_makes_it_the_emergency(qtbot, window, where):
    """Issue 18: a touch in the saddle area (the perineum, and the upper inner thigh beside it) asks about
    saddle numbness and the bladder before any source."""
    labels = window.explorer_view.labels
    window.explorer_view.touch_vertex(labels.nearest_point(where))
    qtbot.waitUntil(lambda: window.panel.sources.candidate_list.count() > 0)
    first = window.explorer.candidates[0]
    assert first.asks == ("saddle_numbness", "bladder_bowel") and window.explorer.selected == first
    assert window.panel.sources.candidate_list.item(0).data(Qt.ItemDataRole.UserRole) == first.id
    assert "Check the urgent signs" in window.panel.where.text()
    assert "Go to an emergency department now" in window.panel.sources.card_view.toPlainText()
    box = window.panel.questions.answer_boxes[("features", "numbness")]
    box.setChecked(True)
    assert window.explorer.candidates[0].id == "red_flag_cauda_equina"
    assert window.explorer.candidates[0].urgency == "emergency"
