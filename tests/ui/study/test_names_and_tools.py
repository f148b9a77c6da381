"""Names on hover, isolate and peel, follow a nerve, in the student window under Xvfb (issue 10)."""

import numpy as np
from pixels import click, shaft_points, skin_point_near, widget_point
from PySide6.QtCore import Qt


def test_hovering_the_femur_names_it_with_its_side(qtbot, student):
    window = student
    window.camera.request_view("anterior")
    qtbot.waitUntil(lambda: not window.animating())
    frames_before = window.scene.frames.count
    for side in ("right", "left"):
        shaft = shaft_points(window.scene.model.bones, f"femur_{side}")
        at = widget_point(window, shaft[len(shaft) // 2] + (0, 0.03, 0))  # the front of the shaft
        qtbot.mouseMove(window.interactor, at)
        qtbot.waitUntil(lambda s=side: window.statusBar().currentMessage() == f"Femur, {s}")
    assert window.scene.frames.count == frames_before, "naming draws no frame"
    assert window.study.hover.picks <= 4, "moves are coalesced into a pick at rest"


def test_hover_over_solid_skin_names_the_skin_territory(qtbot, student):
    window = student
    window.state.skin_opacity = 1.0
    window.camera.request_view("anterior")
    qtbot.waitUntil(lambda: not window.animating())
    shaft = shaft_points(window.scene.model.bones, "femur_right")
    qtbot.mouseMove(window.interactor, widget_point(window, shaft[len(shaft) // 2] + (0, 0.06, 0)))
    qtbot.waitUntil(lambda: "thigh, right" in window.statusBar().currentMessage())
    assert "dermatome" in window.statusBar().currentMessage()


def test_isolate_a_picked_bone_fades_the_rest_and_step_back_restores(qtbot, student):
    window = student
    window.camera.request_view("anterior")
    qtbot.waitUntil(lambda: not window.animating())
    window.study.tools.panel.isolate_button.click()
    shaft = shaft_points(window.scene.model.bones, "femur_left")
    qtbot.mouseClick(window.interactor, Qt.MouseButton.LeftButton, pos=widget_point(window, shaft[len(shaft) // 2]))
    qtbot.waitUntil(lambda: not window.animating())
    bones = window.scene.colours["bones"]
    assert set(bones.lit) == {"femur_left"} and bones.dimmed
    assert window.scene.colours["nerves"].dimmed, "everything else fades"
    assert window.explorer.touches == (), "the pick is not a touch"
    assert "Femur, left alone" in window.statusBar().currentMessage()
    window.study.tools.panel.back_button.click()
    qtbot.waitUntil(lambda: not window.animating())
    assert "alone" not in window.statusBar().currentMessage(), "issue 21, defect 10: the isolate ends"
    assert window.study.quiz.current is not None  # the quiz's own picture is back
    assert "femur_left" not in window.scene.colours["bones"].lit


def test_one_system_alone_and_back(qtbot, student):
    window = student
    tools = window.study.tools
    tools.panel.system_box.setCurrentIndex(tools.panel.system_box.findData("show_nerves"))
    state = window.state
    assert (state.show_nerves, state.show_bones, state.show_skin, state.show_muscles) == (True, False, False, False)
    tools.panel.back_button.click()
    assert state.show_bones and state.show_skin and state.show_muscles


def test_following_the_sciatic_nerve_lights_its_course_from_root_to_skin(qtbot, student):
    window = student
    tools = window.study.tools
    tools.panel.nerve_box.setCurrentIndex(tools.panel.nerve_box.findData("sciatic"))
    qtbot.waitUntil(lambda: not window.animating())
    lit = set(window.scene.colours["nerves"].lit)
    for name in ("L5_right", "S1_left", "sacral_plexus_right", "sciatic_left", "common_fibular_right", "sural_left"):
        assert name in lit, name
    assert "femoral_right" not in lit
    layer = window.scene.skin_layers.layers["study_0"]
    labels = window.explorer_view.labels
    sural = labels.territory_mask("field_sural")
    faces = window.scene.skin_faces
    on_sural = sural[faces].sum(axis=1) >= 2
    cells = window.scene.skin_layers.cells  # tinted on the skin cut along the tint's edge
    on_sural = on_sural[cells] if cells is not None else on_sural
    assert np.mean(layer.weights[on_sural] > 0) > 0.9, "the sural nerve's skin is lit"


def test_all_labels_are_placed_without_overlap(qtbot, student):
    window = student
    window.study.tools.panel.labels_box.setChecked(True)
    qtbot.waitUntil(lambda: not window.animating())
    placed = window.study.labels.placed
    assert any(p.text == "Femur, right" for p in placed), [p.text for p in placed]
    window.study.tools.panel.labels_box.setChecked(False)
    qtbot.waitUntil(lambda: not window.animating())
    assert window.study.labels.placed == []


def test_press_and_hold_names_without_touching(qtbot, student):
    from app.ui.study.hover import HOLD_MS

    window = student
    question = next(q for q in window.study.quiz.questions if q.id == "touch:dermatome_L5")
    window.study.quiz.new_round([question])
    window.camera.request_view("anterior")
    qtbot.waitUntil(lambda: not window.animating())
    window.study.hover.hover = False  # a finger: no hover, only the hold
    shaft = shaft_points(window.scene.model.bones, "femur_right")
    at = widget_point(window, shaft[len(shaft) // 2] + (0, 0.03, 0))
    qtbot.mousePress(window.interactor, Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Femur, right", timeout=HOLD_MS + 2000)
    qtbot.mouseRelease(window.interactor, Qt.MouseButton.LeftButton, pos=at)
    assert window.statusBar().currentMessage() == "Femur, right"
    assert window.study.quiz.feedback is None and window.study.quiz.touches == [], "a held press is not an answer"
    qtbot.mouseClick(window.interactor, Qt.MouseButton.LeftButton, pos=at)
    qtbot.waitUntil(lambda: window.study.quiz.feedback is not None)  # a plain click still answers


def test_the_student_window_differs_from_the_clinicians(qtbot, student, window):
    from PySide6.QtWidgets import QDockWidget

    assert student.findChild(QDockWidget, "quiz") is not None and student.study.hover is not None
    assert window.findChild(QDockWidget, "quiz") is None
    # names on hover are chairside too now: the clinician's status line says what is under the pointer
    assert window.study is not None and window.study.hover is not None


def test_student_cards_show_the_clinicians_section_first(qtbot, student, window):
    student.panel.show_card("common_fibular")
    text = student.panel.sources.card_view.toPlainText()
    assert text.index("For clinicians and students") < text.index("What it is")
    window.panel.show_card("common_fibular")
    text = window.panel.sources.card_view.toPlainText()
    assert text.index("What it is") < text.index("For clinicians and students")


def test_a_touch_right_after_start_is_answered_while_the_questions_are_made(
    qtbot, model, knowledge, data_dir, monkeypatch
):
    """Making the questions takes about a second; done in one go after the first frame, a student's
    first touch waited for all of it."""
    from app.modes.spec import STUDENT
    from app.ui.main_window import MainWindow

    window = MainWindow(model, knowledge, spec=STUDENT)  # a bank of its own, made afresh
    window.resize(1280, 800)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.scene.frames.count > 0)
    foot = skin_point_near(window, "metatarsal_head_3_left", (0, 0, 1))
    qtbot.waitUntil(lambda: window.study.quiz.making_questions)
    click(qtbot, window, foot)
    qtbot.waitUntil(lambda: window.panel.sources.candidate_list.count() > 0, timeout=3000)
    assert window.study.quiz.session is None, "answered before the questions were ready"
    # a bank made afresh: about a second here, a minute on a loaded 2-core machine
    qtbot.waitUntil(lambda: window.study.quiz.session is not None, timeout=60000)
    assert any(q.kind == "spine_or_hip" for q in window.study.quiz.questions)
    window.close()


def test_the_hover_name_shows_next_to_the_pointer_and_follows_it(qtbot, student):
    """Issue 22, defect 4: the name showed only in the status line (off-screen on a small laptop);
    now a label beside the pointer says it too, drawn on screen, and moves with the pointer."""
    from PySide6.QtGui import QGuiApplication

    window = student
    window.camera.request_view("anterior")
    qtbot.waitUntil(lambda: not window.animating())
    tag = window.study.hover.tag
    shaft = shaft_points(window.scene.model.bones, "femur_right")
    at = widget_point(window, shaft[len(shaft) // 2] + (0, 0.03, 0))
    qtbot.mouseMove(window.interactor, at)
    qtbot.waitUntil(lambda: tag.isVisible() and tag.text() == "Femur, right")
    assert window.statusBar().currentMessage() == "Femur, right", "the status line says it as well"
    pointer = window.interactor.mapToGlobal(at)
    gap = tag.geometry().topLeft() - pointer
    assert 0 < gap.x() <= 40 and 0 < gap.y() <= 40, "right beside the pointer"
    shot = QGuiApplication.primaryScreen().grabWindow(0, *tag.geometry().getRect()).toImage()
    colours = {shot.pixelColor(x, shot.height() // 2).name() for x in range(shot.width())}
    assert len(colours) > 3, "the name is drawn on the screen (words on a plain box)"
    window.study.hover._hover_timer.setInterval(10_000)  # the next name would come at rest: watch the move alone
    moved = at + type(at)(25, 10)
    qtbot.mouseMove(window.interactor, moved)
    qtbot.waitUntil(lambda: tag.geometry().topLeft() - window.interactor.mapToGlobal(moved) == gap)
    qtbot.mouseMove(window, window.rect().topLeft() + type(at)(5, 5))
    qtbot.waitUntil(lambda: not tag.isVisible())
