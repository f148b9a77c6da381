"""The skin maps in the desk window (issue 21, defect 9): a legend that names every territory in
the panel's words and shows every row, labels on the body in the same words."""

import numpy as np
import pytest


def choose_map(qtbot, window, overlay: str) -> None:
    dock = window.controls.layers_dock
    dock.overlay_box.setCurrentIndex(dock.overlay_box.findData(overlay))
    qtbot.waitUntil(lambda: dock.legend_list.count() == len(window.overlays.legend))
    qtbot.waitUntil(lambda: dock.legend_list.height() == dock.legend_list.sizeHint().height())


def drawn_colours(widget) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(widget.grab().toImage().Format.Format_RGB888)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.bytesPerLine() * height)
    return data.reshape(height, image.bytesPerLine())[:, : width * 3].reshape(height, width, 3)


@pytest.mark.parametrize("overlay", ["regions", "nerves", "dermatomes"])
def test_the_legend_shows_every_entry_by_name_without_a_sideways_scroll_bar(qtbot, window, overlay):
    """It showed four rows of ids ("dorsum–of–foot") in a box that scrolled both ways."""
    choose_map(qtbot, window, overlay)
    legend = window.controls.layers_dock.legend_list
    names = [legend.item(i).text() for i in range(legend.count())]
    assert len(names) == len(window.overlays.legend) > 10
    if overlay == "regions":
        assert "Top of the foot" in names and "Lower belly" in names, names
    assert not any("_" in name or ("–" in name and overlay != "dermatomes") for name in names), names
    assert not legend.horizontalScrollBar().isVisible() and not legend.verticalScrollBar().isVisible()
    last = legend.visualItemRect(legend.item(legend.count() - 1))
    assert last.bottom() <= legend.viewport().height() and last.right() <= legend.viewport().width() + 1
    pixels = drawn_colours(legend).reshape(-1, 3).astype(int)
    for _name, colour in window.overlays.legend:  # every swatch is drawn: no row is cut off
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        assert (np.abs(pixels - rgb).sum(axis=1) <= 6).sum() >= 20, colour


def test_the_map_labels_on_the_body_use_the_panels_words(qtbot, window):
    choose_map(qtbot, window, "regions")
    window.controls.layers_dock.labels_box.setChecked(True)
    assert window.state.show_labels
    qtbot.waitUntil(lambda: bool(window.overlays.placed_labels), timeout=10000)
    texts = [label.text for label in window.overlays.placed_labels]
    assert "Top of the foot" in texts and not any("_" in t or "dorsum" in t for t in texts), texts
