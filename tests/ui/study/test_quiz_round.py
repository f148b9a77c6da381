"""The quiz in the student window under Xvfb, answered with real clicks on the body (issue 10)."""

import json

from pixels import click, colour_distance, grab, skin_point_near, world_to_pixel


def _only(window, question_id):
    question = next(q for q in window.study.quiz.questions if q.id == question_id)
    window.study.quiz.new_round([question])
    return question


def test_a_touch_on_the_l5_strip_scores_right_and_lights_the_answer(qtbot, student, data_dir):
    window = student
    _only(window, "touch:dermatome_L5")
    window.camera.request_view("anterior")
    qtbot.waitUntil(lambda: not window.animating())
    foot = skin_point_near(window, "metatarsal_head_3_right", (0, 0, 1))
    before = grab(window)
    click(qtbot, window, foot)
    qtbot.waitUntil(lambda: window.study.quiz.feedback is not None)

    assert window.study.quiz.feedback.right and window.study.quiz.feedback.score == 1.0
    assert window.study.quiz.panel.feedback.text().startswith("Right")
    assert window.study.quiz.panel.score_labels["dermatomes"].text() == "1/1 · 1/1"
    assert window.explorer.touches == (), "a quiz answer is not an explorer touch"
    qtbot.waitUntil(lambda: not window.animating())
    row, col = world_to_pixel(window.interactor, foot)
    assert colour_distance(before[row, col], grab(window)[row, col]) > 25, "the L5 strip is lit"
    saved = json.loads((data_dir / "study_progress.json").read_text())
    assert "touch:dermatome_L5" in saved["items"], "progress is saved after each answer"
    assert window.study.quiz.panel.card_view.toPlainText().strip(), "the card that explains it is shown"
    assert window.state.skin_opacity >= 0.55, "a lit strip needs a skin solid enough to read"


def test_a_touch_on_the_kneecap_is_wrong_for_l5_and_the_l5_strip_is_lit(qtbot, student, data_dir):
    window = student
    _only(window, "touch:dermatome_L5")
    window.camera.request_view("anterior")
    qtbot.waitUntil(lambda: not window.animating())
    knee = skin_point_near(window, "patella_right", (0, 1, 0))
    foot = skin_point_near(window, "metatarsal_head_3_right", (0, 0, 1))
    before = grab(window)
    click(qtbot, window, knee)
    qtbot.waitUntil(lambda: window.study.quiz.feedback is not None)

    feedback = window.study.quiz.feedback
    assert not feedback.right and feedback.score == 0.0
    said = window.study.quiz.panel.feedback.text()
    assert "L5" in said and said.startswith("Not quite")
    assert window.study.quiz.panel.score_labels["dermatomes"].text() == "0/1 · 0/1"
    qtbot.waitUntil(lambda: not window.animating())
    after = grab(window)
    row, col = world_to_pixel(window.interactor, foot)
    assert colour_distance(before[row, col], after[row, col]) > 25, "the right answer (L5) is lit"
    row, col = world_to_pixel(window.interactor, knee)
    assert colour_distance(after[row, col], (0x44, 0xAA, 0x99)) > 100, (
        "the touched knee is marked, not lit as the answer"
    )
    saved = json.loads((data_dir / "study_progress.json").read_text())
    assert saved["items"]["touch:dermatome_L5"]["box"] == 1
    # the missed item comes back in this round
    window.study.quiz.panel.next_button.click()
    assert window.study.quiz.current is not None and window.study.quiz.current.id == "touch:dermatome_L5"


def test_a_choice_question_answers_by_button_and_shows_the_clinicians_section_first(qtbot, student):
    window = student
    question = next(q for q in window.study.quiz.questions if q.kind == "entrapment_nerve" and "fibular" in q.id)
    window.study.quiz.new_round([question])
    wrong = next(c for c in question.choices if c.id != question.right_choice)
    window.study.quiz.panel.choice_buttons[wrong.id].click()
    assert not window.study.quiz.feedback.right
    assert question.right_choice in window.study.quiz.feedback.answer, "the right nerve is lit"
    lit = window.study.view.lit_names(window.study.view.picture)
    assert {"common_fibular_left", "common_fibular_right"} <= set(lit), "on both sides"
    assert window.state.skin_opacity <= 0.35, "a lit nerve shows through the skin"
    card = window.study.quiz.panel.card_view.toPlainText()
    assert card.index("For clinicians and students") < card.index("References")
    heading = card.splitlines()[1:3]
    assert any("For clinicians and students" in line for line in heading), card[:200]


def test_touch_every_area_is_scored_by_overlap(qtbot, student):
    window = student
    question = next(q for q in window.study.quiz.questions if q.id == "reach:disc_L4_L5")
    window.study.quiz.new_round([question])
    window.camera.request_view("anterior")
    qtbot.waitUntil(lambda: not window.animating())
    assert window.study.quiz.panel.finish_button.isVisible() and not window.study.quiz.panel.finish_button.isEnabled()
    for landmark, toward in (("metatarsal_head_3_right", (0, 0, 1)), ("tibial_tuberosity_right", (0.3, 1, 0))):
        click(qtbot, window, skin_point_near(window, landmark, toward))
    qtbot.waitUntil(lambda: len(window.study.quiz.touches) == 2)
    window.study.quiz.panel.finish_button.click()
    feedback = window.study.quiz.feedback
    assert feedback is not None and 0.0 < feedback.score <= 1.0
    assert window.study.view.picture.side is None, "where a disc can send pain is lit on both sides"


def test_progress_survives_a_restart(qtbot, open_student, data_dir):
    window = open_student()
    _only(window, "touch:dermatome_L5")
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_right", (0, 0, 1)))
    qtbot.waitUntil(lambda: window.study.quiz.feedback is not None)
    window.close()

    again = open_student()
    assert "touch:dermatome_L5" in again.study.quiz.progress.items
    assert again.study.quiz.progress.items["touch:dermatome_L5"].box == 2
    assert again.study.quiz.panel.score_labels["dermatomes"].text() == "– · 1/1", "all days' score kept"
    assert not again.study.quiz.panel.message.isVisible()


def test_a_corrupt_progress_file_is_set_aside_with_a_message(qtbot, open_student, data_dir):
    (data_dir / "study_progress.json").write_text('{"version": 1, "items": {"x": ')
    window = open_student()
    message = window.study.quiz.panel.message
    assert message.isVisible() and "could not be used" in message.text()
    assert list(data_dir.glob("study_progress.json.corrupt-*")), "the broken file is kept aside"
    assert window.study.quiz.current is not None, "the quiz runs with fresh progress"
    _only(window, "touch:dermatome_L5")
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_right", (0, 0, 1)))
    qtbot.waitUntil(lambda: window.study.quiz.feedback is not None)
    assert json.loads((data_dir / "study_progress.json").read_text())["items"], "saved afresh"


def test_reset_my_progress_forgets_the_answers(qtbot, student, data_dir):
    window = student
    _only(window, "touch:dermatome_L5")
    click(qtbot, window, skin_point_near(window, "metatarsal_head_3_right", (0, 0, 1)))
    qtbot.waitUntil(lambda: window.study.quiz.feedback is not None)
    window.study.quiz.confirm = lambda _text: True
    window.study.quiz.panel.reset_button.click()
    assert not (data_dir / "study_progress.json").exists()
    assert window.study.quiz.progress.items == {}
    assert all(label.text() == "–" for label in window.study.quiz.panel.score_labels.values())
