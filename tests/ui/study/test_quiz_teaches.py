"""A quiz that teaches (issue 22): the spot faces the student before the question and the answer
before the feedback, the round says how long it is, the words are whole, and a round ends with a
summary and a view of progress over the days."""

import numpy as np
from pixels import click, grab, world_to_pixel
from PySide6.QtGui import QKeySequence


def _ask(window, question_id, view):
    """Show the body from `view`, then ask one question (the round of that question alone)."""
    qtbot_view = window.camera.request_view
    qtbot_view(view)
    question = next(q for q in window.study.quiz.questions if q.id == question_id)
    window.study.quiz.new_round([question])
    return window.study.quiz.current


def _pixels_of(window, vertices, sample=80):
    picture = grab(window)
    height, width = picture.shape[:2]
    out = []
    for vertex in vertices[:: max(1, len(vertices) // sample)]:
        row, col = world_to_pixel(window.interactor, window.explorer_view.labels.points[vertex])
        if 0 <= row < height and 0 <= col < width:
            out.append(picture[row, col, :3].astype(int))
    return np.array(out)


def test_the_groin_is_asked_with_the_groin_facing_the_student(qtbot, student):
    """Defect 1: the groin question came with the back view showing."""
    window = student
    groin = next(q for q in window.study.quiz.questions if q.id.startswith("spine_or_hip:groin:"))
    question = _ask(window, groin.id, "posterior")
    qtbot.waitUntil(lambda: not window.animating())
    groin = np.flatnonzero(window.explorer_view.labels.territory_mask("region_groin", question.shown.spot.side))
    assert window.scene.camera_direction()[1] > 0.5, "turned to the front"
    assert window.study.view.shown_from(groin, window.scene.camera_direction()) >= 0.5
    lit = _pixels_of(window, groin)
    yellow = (lit[:, 0] > 140) & (lit[:, 1] > 120) & (lit[:, 2] < lit[:, 0] - 40)
    assert yellow.mean() >= 0.3, "the lit groin shows in yellow where its skin is drawn"


def test_the_inner_lower_leg_is_not_shown_edge_on(qtbot, student):
    """Defect 1: "inner side of the lower leg" was shown from the right side."""
    window = student
    question = next(q for q in window.study.quiz.questions if q.id.startswith("spine_or_hip:medial_leg:"))
    window.camera.request_view("right")
    window.study.quiz.new_round([question])
    qtbot.waitUntil(lambda: not window.animating())
    area = np.flatnonzero(window.explorer_view.labels.territory_mask("region_medial_leg", question.shown.spot.side))
    assert window.study.view.shown_from(area, window.scene.camera_direction()) >= 0.5


def test_the_answer_strip_faces_the_student_before_the_feedback(qtbot, student):
    """Defect 1: the teal answer could be a hairline (seen edge-on or from behind). A wrong touch on
    the back of the leg for L4 (the inner leg and ankle): the L4 strip is turned to and drawn broad."""
    window = student
    _ask(window, "touch:dermatome_L4", "posterior")
    qtbot.waitUntil(lambda: not window.animating())
    labels = window.explorer_view.labels
    calf = labels.centre_vertex("region_calf", "right")
    click(qtbot, window, labels.points[calf])
    qtbot.waitUntil(lambda: window.study.quiz.feedback is not None)
    assert not window.study.quiz.feedback.right
    qtbot.waitUntil(lambda: not window.animating())
    strip = np.flatnonzero(labels.territory_mask("dermatome_L4", "right"))
    assert window.study.view.shown_from(strip, window.scene.camera_direction()) >= 0.4
    red, green = (grab(window).astype(int)[..., i] for i in (0, 1))
    teal = (green > red + 20) & (green > 90)  # the teal strip on the skin (the slate background is darker)
    assert teal.sum() > 2000, f"the L4 strip is a broad teal band, not a hairline ({teal.sum()} px)"


def test_finish_starts_with_no_touches_counted_on_a_new_question(qtbot, student):
    """Defect 2: "Finish: check my 3 touches" showed before any touch on a new question."""
    window = student
    study = window.study
    reach = [q for q in study.quiz.questions if q.kind == "reach"][:2]
    study.quiz.new_round(reach)
    qtbot.waitUntil(lambda: not window.animating())
    for _ in range(3):
        study.take_touch(*_display_of(window, window.explorer_view.labels.centre_vertex("region_low_back")), False)
    assert study.quiz.panel.finish_button.text() == "Finish: check my 3 touches"
    study.quiz.finish_touches()
    study.quiz.panel.next_button.click()
    assert study.quiz.current is not None and study.quiz.current.kind == "reach"
    assert study.quiz.panel.finish_button.text() == "Finish: check my touches"
    assert not study.quiz.panel.finish_button.isEnabled()


def _display_of(window, vertex):
    renderer = window.interactor.renderer
    renderer.SetWorldPoint(*window.explorer_view.labels.points[vertex], 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    return x, y


def test_the_round_says_how_long_it_is_and_why_it_grew(qtbot, student):
    """Defect 2: the round grew from 10 to 14 questions without saying why."""
    window = student
    study, quiz = window.study, window.study.quiz.panel
    choice = [q for q in study.quiz.questions if q.kind == "entrapment_nerve"][:3]
    study.quiz.new_round(choice)
    assert quiz.counter.text().startswith("Question 1 of 3")
    assert "A round has 3 questions" in quiz.round_note.text() and "comes back after 3 others" in (
        quiz.round_note.text()
    )
    missed = study.quiz.current
    quiz.choice_buttons[next(c.id for c in missed.choices if c.id != missed.right_choice)].click()
    quiz.next_button.click()
    assert quiz.counter.text().startswith("Question 2 of 4")
    assert quiz.round_note.text().startswith("3 questions planned + 1 asked again because they were missed")
    while study.quiz.current is not None and study.quiz.current.id != missed.id:
        quiz.choice_buttons[study.quiz.current.right_choice].click()
        quiz.next_button.click()
    assert quiz.round_note.text().startswith("Asked again: you missed it earlier in this round.")


def test_choice_words_are_whole_and_feedback_has_room(qtbot, student):
    """Defect 3: "Keegan _Garrett 1948" (an '&' taken as a shortcut) and feedback text touching its box."""
    window = student
    study = window.study
    question = next(q for q in study.quiz.questions if q.kind == "map_pair")
    study.quiz.new_round([question])
    texts = [b.text() for b in study.quiz.panel.choice_buttons.values()]
    assert any("Keegan" in t for t in texts)
    for button in study.quiz.panel.choice_buttons.values():
        assert QKeySequence.mnemonic(button.text()).isEmpty(), button.text()
        assert "&&" not in button.text() or "Keegan && Garrett" in button.text()
    study.quiz.panel.choice_buttons[question.right_choice].click()
    feedback = study.quiz.panel.feedback
    qtbot.waitUntil(lambda: feedback.isVisible() and feedback.height() >= feedback.heightForWidth(feedback.width()))
    image = feedback.grab().toImage()
    text = np.array([[_rgb(image.pixel(x, y)) for x in range(image.width())] for y in range(image.height())])
    dark = text.sum(axis=2) < 300  # the words (dark red on pale red); the border is a lighter line
    rows, cols = np.nonzero(dark[2:-2, 2:-2])
    assert rows.size, "the feedback shows words"
    assert rows.min() + 2 >= 6 and cols.min() + 2 >= 6, "the words keep 6 px from the box's top and left"
    assert image.height() - 1 - (rows.max() + 2) >= 6, "and from its bottom"


def _rgb(argb):
    return ((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF)


def test_a_round_ends_with_a_summary_per_topic_and_progress_over_days(qtbot, student):
    window = student
    study, quiz = window.study, window.study.quiz.panel
    picked = [q for q in study.quiz.questions if q.kind == "entrapment_nerve"][:2]
    study.quiz.new_round(picked)
    first = study.quiz.current
    quiz.choice_buttons[next(c.id for c in first.choices if c.id != first.right_choice)].click()
    while study.quiz.current is not None or study.quiz.feedback is not None:
        if study.quiz.feedback is not None:
            quiz.next_button.click()
        else:
            quiz.choice_buttons[study.quiz.current.right_choice].click()
    summary = quiz.card_view.toPlainText()
    assert "This round, per topic" in summary and "Entrapment sites" in summary and "1/2" in summary
    assert window.words.card(first.card).title in summary, "the card of the missed question to review"
    quiz.progress_button.click()
    progress = quiz.card_view.toPlainText()
    assert "My progress over the days" in progress and "Box 1" in progress and "Box 5" in progress
    lines = progress.splitlines()
    row = lines[lines.index("Entrapment sites") + 1 :][:7]
    never = sum(q.topic == "entrapment_sites" for q in study.quiz.questions) - 2
    assert row == [str(never), "0", "2", "0", "0", "0", "0"], "two asked, both in box 2 (right at the second try)"


def test_a_case_question_shows_its_pain_drawing_then_the_card(qtbot, student):
    """Build item 2: a pain drawing and two answers -> which source; the card afterwards."""
    window = student
    study = window.study
    case = next(q for q in study.quiz.questions if q.id.startswith("case:lumbar_disc_herniation_L5_S1:"))
    window.camera.request_view("posterior")
    study.quiz.new_round([case])
    qtbot.waitUntil(lambda: not window.animating())
    assert study.quiz.panel.counter.text().endswith("Clinical cases")
    drawing = {skin for skin, _colour in study.view.picture.skin}
    assert drawing == set(case.light) == {"region_calf", "region_heel"}
    area = np.flatnonzero(window.explorer_view.labels.territory_mask("region_calf", "right"))
    assert study.view.shown_from(area, window.scene.camera_direction()) >= 0.4, "the drawing faces the student"
    assert len(study.quiz.panel.choice_buttons) == 4
    study.quiz.panel.choice_buttons[case.right_choice].click()
    feedback = study.quiz.panel.feedback.text()
    assert feedback.startswith("Right. Slipped disc between L5 and S1 (S1 nerve root) fits better than")
    assert "Read more in the card below" in feedback
    card = window.words.card(case.card)
    assert study.quiz.panel.card_view.toPlainText().startswith(card.title)
