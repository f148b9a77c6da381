"""Synthetic touch on the kiosk's 3D view: one finger turns, pinch zooms, two fingers pan, a double
tap resets the view, a tap is a touch."""

import numpy as np
import pytest
from pixels import skin_point_near, widget_point
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest


@pytest.fixture(scope="module")
def device():
    return QTest.createTouchDevice()


def camera(kiosk):
    cam = kiosk.scene.plotter.camera
    return np.asarray(cam.position), np.asarray(cam.focal_point), cam.distance


def drag(kiosk, device, start: QPoint, step: QPoint, steps: int = 6):
    view = kiosk.interactor
    QTest.touchEvent(view, device).press(0, start, view).commit()
    for i in range(1, steps + 1):
        QTest.touchEvent(view, device).move(0, start + step * i, view).commit()
    QTest.touchEvent(view, device).release(0, start + step * steps, view).commit()


def two_fingers(kiosk, device, a: QPoint, b: QPoint, step_a: QPoint, step_b: QPoint, steps: int = 6):
    view = kiosk.interactor
    QTest.touchEvent(view, device).press(0, a, view).press(1, b, view).commit()
    for i in range(1, steps + 1):
        QTest.touchEvent(view, device).move(0, a + step_a * i, view).move(1, b + step_b * i, view).commit()
    QTest.touchEvent(view, device).release(0, a + step_a * steps, view).release(1, b + step_b * steps, view).commit()


def tap(kiosk, device, at: QPoint):
    view = kiosk.interactor
    QTest.touchEvent(view, device).press(0, at, view).commit()
    QTest.touchEvent(view, device).release(0, at, view).commit()


def test_one_finger_turns_the_body_without_touching(qtbot, kiosk, device):
    position, focal, distance = camera(kiosk)
    centre = kiosk.interactor.rect().center()
    drag(kiosk, device, centre, QPoint(20, 0))
    after, after_focal, after_distance = camera(kiosk)
    assert np.linalg.norm(after - position) > 0.05, "the camera turned round the body"
    assert np.allclose(after_focal, focal) and after_distance == pytest.approx(distance, rel=1e-3)
    assert kiosk.explorer.touches == ()
    qtbot.waitUntil(lambda: not kiosk.animating())  # drawn, and back at full quality


def test_a_pinch_zooms_and_two_fingers_pan(kiosk, device):
    _, _focal, distance = camera(kiosk)
    centre = kiosk.interactor.rect().center()
    two_fingers(kiosk, device, centre - QPoint(40, 0), centre + QPoint(40, 0), QPoint(-15, 0), QPoint(15, 0))
    _, pinched_focal, pinched = camera(kiosk)
    assert pinched < distance * 0.6, "fingers apart bring the body closer"
    two_fingers(kiosk, device, centre - QPoint(40, 0), centre + QPoint(40, 0), QPoint(10, 0), QPoint(10, 0))
    _, panned_focal, panned = camera(kiosk)
    assert np.linalg.norm(panned_focal - pinched_focal) > 0.01, "both fingers moving together pan"
    assert panned == pytest.approx(pinched, rel=0.02)
    assert kiosk.explorer.touches == ()


def test_a_tap_is_a_touch_and_a_double_tap_resets_the_view(qtbot, kiosk, device):
    foot = widget_point(kiosk, skin_point_near(kiosk, "metatarsal_head_3_left", (0, 0, 1)))
    tap(kiosk, device, foot)
    qtbot.waitUntil(lambda: bool(kiosk.explorer.touches))
    assert kiosk.explorer.touches[0].spot.side == "left"
    kiosk.camera.request_reset()  # home for the view's width while a card is read (the body gives way)
    qtbot.waitUntil(lambda: not kiosk.animating())
    home, _, _ = camera(kiosk)
    drag(kiosk, device, kiosk.interactor.rect().center(), QPoint(25, 0))
    assert np.linalg.norm(camera(kiosk)[0] - home) > 0.05
    centre = kiosk.interactor.rect().center()
    tap(kiosk, device, centre)
    tap(kiosk, device, centre)
    assert np.allclose(camera(kiosk)[0], home, atol=1e-6), "a double tap puts the view back"
