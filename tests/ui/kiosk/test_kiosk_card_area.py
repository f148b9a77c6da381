"""The card is easy to read and to scroll on a touch screen (issue 19, defect 5): a tall card area
(the body gives way while a card is read), a finger-wide scroll bar, a drag that scrolls the card
like a phone for a pointer too, and a double click that puts the view back as a double tap does."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from test_kiosk_window import touch_left_foot


@pytest.fixture
def full_hd_kiosk(make_kiosk):
    return make_kiosk(size=(1920, 1080))


def test_the_card_area_is_most_of_the_height_and_the_body_gives_way(qtbot, full_hd_kiosk):
    kiosk = full_hd_kiosk
    body_width = kiosk.interactor.width()
    touch_left_foot(qtbot, kiosk)
    qtbot.waitUntil(lambda: kiosk.interactor.width() < body_width)
    assert kiosk.card_view.height() >= 0.5 * kiosk.height(), (kiosk.card_view.height(), kiosk.height())
    assert kiosk.side.width() > kiosk.interactor.width() * 1.1
    assert kiosk.card_view.verticalScrollBar().width() >= kiosk.spec.touch_target_px
    kiosk.start_again()
    qtbot.waitUntil(lambda: kiosk.interactor.width() == body_width)


def test_a_pointer_drag_scrolls_the_card(qtbot, full_hd_kiosk):
    kiosk = full_hd_kiosk
    touch_left_foot(qtbot, kiosk)
    bar = kiosk.card_view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    viewport = kiosk.card_view.viewport()
    start = QPoint(viewport.width() // 2, viewport.height() - 40)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 21):
        QTest.mouseMove(viewport, start - QPoint(0, 15 * step))
        qtbot.wait(10)  # a drag takes time: QScroller tells a drag from a tap by the moves' timing
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start - QPoint(0, 300))
    qtbot.waitUntil(lambda: bar.value() > 100, timeout=3000)


def test_a_double_click_puts_the_view_back(qtbot, full_hd_kiosk):
    kiosk = full_hd_kiosk
    home = np.asarray(kiosk.scene.plotter.camera.position)
    kiosk.scene.turn(60)
    kiosk.scene.frames.request()
    qtbot.waitUntil(lambda: not kiosk.animating())
    assert np.linalg.norm(np.asarray(kiosk.scene.plotter.camera.position) - home) > 1e-3
    QTest.mouseDClick(kiosk.interactor, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.waitUntil(lambda: np.allclose(kiosk.scene.plotter.camera.position, home, atol=1e-6), timeout=3000)
