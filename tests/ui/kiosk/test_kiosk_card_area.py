"""The card is easy to read and to scroll on a touch screen (issue 19, defect 5): a tall card area
(the body gives way while a card is read), a finger-wide scroll bar, a drag that scrolls the card
like a phone for a pointer too, and a double click that puts the view back as a double tap does."""

import numpy as np
import pytest
from pixels import click
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
    assert kiosk.pages.card_view.height() >= 0.5 * kiosk.height(), (kiosk.pages.card_view.height(), kiosk.height())
    assert kiosk.pages.side.width() > kiosk.interactor.width() * 1.1
    assert kiosk.pages.card_view.verticalScrollBar().width() >= kiosk.spec.touch_target_px
    kiosk.start_again()
    qtbot.waitUntil(lambda: kiosk.interactor.width() == body_width)


def test_a_pointer_drag_scrolls_the_card(qtbot, full_hd_kiosk):
    kiosk = full_hd_kiosk
    touch_left_foot(qtbot, kiosk)
    bar = kiosk.pages.card_view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    viewport = kiosk.pages.card_view.viewport()
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


@pytest.mark.parametrize(("size", "share"), [((1920, 1080), 0.45), ((1280, 800), 0.28)])
def test_the_card_keeps_its_room_with_three_names_and_every_button(qtbot, make_kiosk, size, share):
    """The front of the thigh (three names, a pose to play) with printing on: the card's buttons
    share one row, so the card is not squeezed under a stack of them (at 1280x800 it had 178 px)."""
    from test_kiosk_no_way_out import printing_spec

    from app.ui.kiosk.printing import KioskPrinter

    kiosk = make_kiosk(printing_spec(), size=size)
    kiosk.printer = KioskPrinter("Front desk", find=lambda name: name, send=lambda _document, _name: True)
    kiosk.staff_access.set_printing(True)
    kiosk.camera.request_view("anterior")
    marks, labels = kiosk.explorer_view.scene.model.landmarks, kiosk.explorer_view.labels
    front_of_thigh = (np.asarray(marks["asis_right"]) + np.asarray(marks["patella_right"])) / 2 + (0, 0.1, 0)
    click(qtbot, kiosk, labels.points[labels.nearest_point(tuple(front_of_thigh))])
    pages = kiosk.pages
    qtbot.waitUntil(lambda: pages.candidate_list.count() == 3)
    pages.candidate_list.setCurrentRow(1)  # hip arthritis: a pose to play
    qtbot.waitUntil(lambda: pages.moves.button.isVisible() and pages.print_button.isVisible())
    qtbot.waitUntil(lambda: pages.card_view.height() >= share * kiosk.height(), timeout=2000)
    assert pages.moves.button.y() == pages.print_button.y(), "one row of buttons"
    bar = pages.candidate_list.verticalScrollBar()
    last = pages.candidate_list.visualItemRect(pages.candidate_list.item(2))
    assert last.bottom() <= pages.candidate_list.viewport().height() or bar.maximum() > 0, "every name reachable"
