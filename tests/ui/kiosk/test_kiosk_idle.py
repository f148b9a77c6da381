"""Idle: "Still there?" with a countdown, then the attract screen (the body turning slowly at a low
frame rate); leaving it, nothing of the last visitor is left (state checked, not just widgets)."""

import time

import numpy as np
from kiosk_setup import IDLE
from pixels import click, skin_point_near, widget_point
from PySide6.QtCore import QPoint, Qt

from app.domain.explorer import Answers


def visit(qtbot, kiosk):
    """A visitor: a touch, a red-flag answer, another candidate chosen, the view turned, cards scrolled."""
    kiosk.camera.request_view("anterior")
    click(qtbot, kiosk, skin_point_near(kiosk, "metatarsal_head_3_left", (0, 0, 1)))
    qtbot.waitUntil(lambda: bool(kiosk.explorer.touches))
    kiosk.pages.candidate_list.setCurrentRow(1)
    kiosk.pages.urgent_button.click()
    item = kiosk.pages.flag_list.item(1)
    item.setSelected(True)
    kiosk.pages.flag_list.itemClicked.emit(item)
    kiosk.pages.card_view.verticalScrollBar().setValue(kiosk.pages.card_view.verticalScrollBar().maximum())
    kiosk.scene.plotter.camera.azimuth += 40
    assert kiosk.explorer.answers.red_flags


def camera_position(kiosk):
    return np.asarray(kiosk.scene.plotter.camera.position)


def test_idle_prompts_counts_down_then_resets_everything_and_attracts(qtbot, kiosk, clock):
    # the coarse shapes in and their worker reaped: the frames counted below are the attract loop's own
    qtbot.waitUntil(lambda: kiosk.scene.frames.spare_work == 0, timeout=60_000)
    home = camera_position(kiosk)
    visit(qtbot, kiosk)
    clock.advance(IDLE.prompt_after_s - 1)
    kiosk.idle.tick()
    assert not kiosk.pages.prompt.isVisible()
    clock.advance(1)
    kiosk.idle.tick()
    assert kiosk.pages.prompt.isVisible() and "15 s" in kiosk.pages.prompt.countdown.text()
    clock.advance(IDLE.countdown_s - 1)
    kiosk.idle.tick()
    assert "1 s" in kiosk.pages.prompt.countdown.text() and kiosk.explorer.touches, (
        "nothing is reset before the countdown ends"
    )
    clock.advance(1)
    kiosk.idle.tick()

    explorer = kiosk.explorer
    assert explorer.touches == () and explorer.answers == Answers() and explorer.candidates == []
    assert explorer.selected is None and explorer.source is None
    assert not kiosk.pages.prompt.isVisible() and kiosk.idle.attracting
    assert kiosk.pages.side.currentWidget() is kiosk.pages.attract_page
    assert not kiosk.pages.card_view.toPlainText() and kiosk.pages.candidate_list.count() == 0
    assert not kiosk.pages.flag_list.selectedItems()
    assert all(
        v.verticalScrollBar().value() == 0
        for v in (kiosk.pages.card_view, kiosk.pages.urgent_view, kiosk.pages.flag_list)
    )

    # the body turns slowly, at the attract loop's low frame rate (counted once the reset's own
    # moves, such as the pose standing straight again, are over: the attract loop alone runs)
    qtbot.waitUntil(lambda: len(kiosk.scene.frames._animations) == 1, timeout=5000)
    start, frames = camera_position(kiosk), kiosk.scene.frames.count
    began = time.perf_counter()
    qtbot.waitUntil(lambda: kiosk.scene.frames.count - frames >= 5, timeout=5000)
    took = time.perf_counter() - began  # a loop drawing as fast as it can would draw 5 frames far sooner
    assert np.linalg.norm(camera_position(kiosk) - start) > 1e-3, "the body turns"
    assert 0 < kiosk.scene.frames.count - frames <= kiosk.spec.attract.frames_per_s * took + 2
    assert kiosk.explorer_view.path_points == {}, "the last visitor's paths are gone from the picture"

    # the next visitor's first touch is answered at once, on the body as it was turned (issue 19, defect 3)
    turned = camera_position(kiosk)
    assert np.linalg.norm(turned - home) > 1e-3
    spot = skin_point_near(kiosk, "asis_left", (0, 1, 0))  # the front of the hip, in view as the body turns
    qtbot.mouseClick(kiosk.interactor, Qt.MouseButton.LeftButton, pos=widget_point(kiosk, spot))
    assert not kiosk.idle.attracting
    qtbot.waitUntil(
        lambda: bool(kiosk.explorer.touches) and kiosk.pages.side.currentWidget() is kiosk.pages.result_page
    )
    assert kiosk.pages.candidate_list.count() > 0
    qtbot.waitUntil(lambda: not kiosk.animating())


def test_a_tap_on_a_button_of_the_attract_screen_does_what_it_says(qtbot, kiosk, clock):
    clock.advance(IDLE.prompt_after_s)
    kiosk.idle.tick()
    assert kiosk.idle.attracting
    qtbot.mouseClick(kiosk.pages.urgent_button, Qt.MouseButton.LeftButton)
    assert not kiosk.idle.attracting and kiosk.pages.side.currentWidget() is kiosk.pages.urgent_page


def test_still_here_or_a_touch_keeps_the_visit(qtbot, kiosk, clock):
    visit(qtbot, kiosk)
    clock.advance(IDLE.prompt_after_s + 2)
    kiosk.idle.tick()
    assert kiosk.pages.prompt.isVisible()
    kiosk.pages.prompt.still_here.click()
    assert not kiosk.pages.prompt.isVisible()
    clock.advance(IDLE.countdown_s)
    kiosk.idle.tick()
    assert kiosk.explorer.touches and not kiosk.idle.attracting and not kiosk.pages.prompt.isVisible()
    clock.advance(IDLE.prompt_after_s + 1 - IDLE.countdown_s)
    kiosk.idle.tick()
    assert kiosk.pages.prompt.isVisible()
    qtbot.mousePress(kiosk.pages.side, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    kiosk.idle.tick()
    assert not kiosk.pages.prompt.isVisible() and kiosk.explorer.touches


def test_an_untouched_kiosk_goes_to_its_attract_screen_without_asking(qtbot, kiosk, clock):
    clock.advance(IDLE.prompt_after_s)
    kiosk.idle.tick()
    assert kiosk.idle.attracting and not kiosk.pages.prompt.isVisible()


def test_the_idle_timer_ticks_by_itself(qtbot, kiosk, clock):
    visit(qtbot, kiosk)
    clock.advance(IDLE.prompt_after_s + IDLE.countdown_s)
    qtbot.waitUntil(lambda: kiosk.idle.attracting, timeout=2000)
    assert kiosk.explorer.touches == ()
