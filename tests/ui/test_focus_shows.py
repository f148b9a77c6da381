"""Access that shows (issue 22, defects 5-6): keyboard focus is visible on the 3D view and on every
control, 2 px or more, in both themes; in high contrast a ticked box looks ticked and the
Questions headings are readable."""

import pytest
from pixels import colour_distance, contrast_ratio
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QGroupBox, QStyle, QStyleOptionButton

from app.ui.theme import THEMES


def _rgb(image, point):
    colour = image.pixelColor(point)
    return (colour.red(), colour.green(), colour.blue())


def _hex_rgb(hex_colour):
    colour = QColor(hex_colour)
    return (colour.red(), colour.green(), colour.blue())


def _settle(qtbot, window):
    qtbot.waitUntil(lambda: not window.animating())
    QCoreApplication.processEvents()  # a re-polished frame's update, posted to the event loop


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_the_3d_view_shows_keyboard_focus(qtbot, window, contrast):
    """Defect 5: Tab reached the 3D view and nothing on screen changed."""
    window.theme.set_contrast(contrast, remember=False)
    focus = _hex_rgb(THEMES[contrast].focus)
    frame = window.view_frame
    edge = [frame.mapTo(window, QPoint(x, frame.height() // 2)) for x in range(5)]
    window.panel.pick_button.setFocus(Qt.FocusReason.TabFocusReason)
    _settle(qtbot, window)
    before = window.grab().toImage()
    assert not any(colour_distance(_rgb(before, p), focus) < 30 for p in edge), "no ring while elsewhere"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)  # the place picker … then the body
    while window.focusWidget() is not window.interactor:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Backtab)
    _settle(qtbot, window)
    after = window.grab().toImage()
    ring = [p for p in edge if colour_distance(_rgb(after, p), focus) < 30]
    assert len(ring) >= 3, f"a ring of 3 px or more in the focus colour round the view ({len(ring)} px)"


@pytest.mark.parametrize("contrast", ["normal", "high"])
def test_focus_rings_are_at_least_2px(qtbot, window, contrast):
    """Defect 5: the other focus rings were 1 px."""
    window.theme.set_contrast(contrast, remember=False)
    assert int(THEMES[contrast].focus_width.removesuffix("px")) >= 2
    focus = _hex_rgb(THEMES[contrast].focus)
    button = window.panel.pick_button
    box = next(b for b in window.findChildren(QCheckBox) if b.isVisible())
    for widget in (button, box, window.panel.sources.candidate_list):  # a list showed no focus in the normal theme
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        _settle(qtbot, window)
        image = widget.grab().toImage()
        middle = image.height() // 2
        ring = [x for x in range(6) if colour_distance(_rgb(image, QPoint(x, middle)), focus) < 40]
        assert len(ring) >= 2, f"{type(widget).__name__}: focus ring {len(ring)} px"


def _indicator(box):
    option = QStyleOptionButton()
    box.initStyleOption(option)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)


def test_high_contrast_check_boxes_read_right(qtbot, window):
    """Defect 6: a ticked box showed a faint grey tick on white, an empty one a bright white square."""
    window.theme.set_contrast("high", remember=False)
    colours = THEMES["high"]
    window.setFocus()
    boxes = [b for b in window.findChildren(QCheckBox) if b.isVisible() and b.isEnabled()]
    ticked = next(b for b in boxes if b.isChecked())
    empty = next(b for b in boxes if not b.isChecked())
    _settle(qtbot, window)
    for box, fill in ((ticked, colours.check), (empty, colours.panel)):
        image = box.grab().toImage()
        rect = _indicator(box)
        inside = [
            _rgb(image, QPoint(x, y))
            for x in range(rect.left() + 3, rect.right() - 2)
            for y in range(rect.top() + 3, rect.bottom() - 2)
        ]
        filled = sum(colour_distance(c, _hex_rgb(fill)) < 60 for c in inside) / len(inside)
        assert filled >= 0.5, f"{box.text()}: its box is filled {fill} ({filled:.0%})"
        if box is ticked:
            dark = sum(sum(c) < 150 for c in inside) / len(inside)
            assert dark >= 0.08, "a dark tick on the yellow fill"
        edge = _rgb(image, QPoint(rect.left(), rect.center().y()))
        assert colour_distance(edge, _hex_rgb(colours.text)) < 60 or box is ticked, "an empty box: white outline"


def test_high_contrast_question_headings_are_readable(qtbot, window):
    """Defect 6: the Questions headings were white on light grey."""
    window.theme.set_contrast("high", remember=False)
    window.panel.tabs.setCurrentWidget(window.panel.questions)
    _settle(qtbot, window)
    group = next(g for g in window.panel.questions.findChildren(QGroupBox) if g.isVisible())
    image = window.grab().toImage()
    title_row = group.mapTo(window, QPoint(group.width() // 2, 4))
    behind = QColor(*_rgb(image, title_row)).name()
    assert contrast_ratio(THEMES["high"].group_title, behind) >= 7.0, behind
