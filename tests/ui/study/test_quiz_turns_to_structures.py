"""Every question turns the body so that what it lights faces the student (issue 22, build item 1):
a question about a structure alone (an entrapment site, a nerve, a source to touch the areas of) has no
spot on the skin; the body turns to the skin over the structure, so the lit structure shows, inside
the view and not hidden behind bone, before the question is read (and the answer's before feedback)."""

from __future__ import annotations

import pytest
from pixels import grab, world_to_pixel


def _yellow(red, green, blue):
    return (red > 150) & (green > 110) & (blue < 0.5 * green)  # ASK #ffdd00 under 35 % skin


def _teal(red, green, blue):
    return (green > red + 20) & (green > 90) & (blue > 0.6 * green)  # RIGHT #44aa99 under the skin


def lit_share(window, ids, lit=_yellow) -> tuple[float, float]:
    """(share of the structures' sampled points projected inside the view, share of those whose
    pixel, or a neighbour's, shows the lit colour: in front, through the see-through skin)."""
    picture = grab(window).astype(int)
    height, width = picture.shape[:2]
    shows = lit(picture[..., 0], picture[..., 1], picture[..., 2])
    points = window.study.view.structure_points(tuple(ids), None)
    inside = shown = 0
    for point in points:
        row, col = world_to_pixel(window.interactor, point)
        if 1 <= row < height - 1 and 1 <= col < width - 1:
            inside += 1
            shown += bool(shows[row - 1 : row + 2, col - 1 : col + 2].any())
    return inside / len(points), shown / max(inside, 1)


@pytest.mark.parametrize(
    ("question_id", "start"),
    [
        ("reach:achilles_tendon", "anterior"),
        ("entrapment_site:common_fibular", "anterior"),
        ("entrapment:piriformis", "anterior"),
    ],
)
def test_a_structure_question_turns_the_lit_structure_to_the_student(qtbot, student, question_id, start):
    window = student
    quiz = window.study.quiz
    question = next(q for q in quiz.questions if q.id == question_id)
    assert question.shown is None and question.light
    window.camera.request_view(start)
    qtbot.waitUntil(lambda: not window.animating())
    quiz.new_round([question])
    qtbot.waitUntil(lambda: not window.animating())
    inside, shown = lit_share(window, question.light)
    assert inside == 1.0, "the lit structure lies inside the view"
    assert shown >= 0.5, f"the lit structure shows, not hidden ({shown:.0%} of its points)"


def test_the_answer_site_is_turned_to_before_the_feedback(qtbot, student):
    """Where is the tibial nerve caught? Asked with the nerve (the back of the leg) facing the
    student, answered with the front showing: the answer, the tarsal tunnel behind the inner ankle,
    is turned to before the feedback."""
    window = student
    quiz = window.study.quiz
    question = next(q for q in quiz.questions if q.id == "entrapment_site:tibial")
    window.camera.request_view("anterior")
    qtbot.waitUntil(lambda: not window.animating())
    quiz.new_round([question])
    qtbot.waitUntil(lambda: not window.animating())
    assert lit_share(window, question.light)[1] >= 0.5
    window.camera.request_view("anterior")  # the student turns the body to the front to think
    qtbot.waitUntil(lambda: not window.animating())
    quiz.panel.choice_buttons[question.right_choice].click()
    qtbot.waitUntil(lambda: quiz.feedback is not None and not window.animating())
    inside, shown = lit_share(window, ("tarsal_tunnel",), _teal)
    assert inside == 1.0 and shown >= 0.5, (inside, shown)
