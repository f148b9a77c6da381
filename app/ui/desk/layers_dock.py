"""The "Show" dock on the left of the desk window: the layers, the skin's opacity and the skin maps
with their legend, each group only where the mode allows it. Widgets write to the view state; the
state's events set the widgets back, with their signals blocked."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.domain.knowledge import InLanguage
from app.domain.view_state import LAYER_FIELDS, ViewState
from app.modes import ids
from app.modes.spec import ModeSpec
from app.scene.skin_overlays import OVERLAY_TITLES, SkinOverlays
from app.ui.i18n import tr
from app.ui.widgets import labelled, narrow_combo
from app.ui.window_fit import scrolling

LAYER_LABELS = dict(  # QT_TRANSLATE_NOOP marks the words for pyside6-lupdate; tr shows them
    zip(
        LAYER_FIELDS,
        (
            QT_TRANSLATE_NOOP("MainWindow", "Skin"),
            QT_TRANSLATE_NOOP("MainWindow", "Bones"),
            QT_TRANSLATE_NOOP("MainWindow", "Muscles"),
            QT_TRANSLATE_NOOP("MainWindow", "Nerves"),
            QT_TRANSLATE_NOOP("MainWindow", "Discs, joints, bursa"),
        ),
        strict=True,
    )
)
NO_MAP = QT_TRANSLATE_NOOP("MainWindow", "No map")
MAP_LABEL = QT_TRANSLATE_NOOP("MainWindow", "Map:")  # what the map list controls (its name is its entry)


class LegendList(QListWidget):
    """Every entry in sight: short ones side by side, long names wrapped, as tall as its entries
    (the dock scrolls, never the list), never wider than the dock (no sideways scroll bar)."""

    def sizeHint(self) -> QSize:
        self.doItemsLayout()  # the entries laid out at the width it has now
        height = self.contentsSize().height() if self.count() else 0
        return QSize(super().sizeHint().width(), height + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometry()  # wrapped rows take more or less height at a new width


def legend_list() -> LegendList:
    box = LegendList()
    box.setWordWrap(True)
    box.setResizeMode(QListView.ResizeMode.Adjust)
    box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    box.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    return box


class LayersDock(QDockWidget):
    def __init__(
        self, state: ViewState, overlays: SkinOverlays | None, words: InLanguage, spec: ModeSpec, parent: QWidget
    ) -> None:
        super().__init__(tr("Show"), parent)
        self.setObjectName("layers")
        self.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.state, self.overlays, self.words = state, overlays, words
        panel = QWidget()
        layout = QVBoxLayout(panel)
        self.layer_boxes: dict[str, QCheckBox] = {}
        self.opacity_slider: QSlider | None = None
        self.overlay_box: QComboBox | None = None
        self.differences_box: QCheckBox | None = None
        self.labels_box: QCheckBox | None = None
        self.legend_list: QListWidget | None = None
        self.maps_group: QGroupBox | None = None
        if spec.allows(ids.LAYERS):
            layout.addWidget(self._layers())
        if spec.allows(ids.SKIN_OPACITY):
            layout.addWidget(self._opacity())
        if spec.allows(ids.MAPS):
            self.maps_group = self._maps(spec)
            layout.addWidget(self.maps_group, 1)
        else:
            layout.addStretch(1)
        self.setWidget(scrolling(panel, self.windowTitle()))  # larger text scrolls the column, never grows the window

    def _layers(self) -> QGroupBox:
        group = QGroupBox(tr("Layers"))
        group_layout = QVBoxLayout(group)
        for field, label in LAYER_LABELS.items():
            box = QCheckBox(tr(label))
            box.setChecked(getattr(self.state, field))
            box.toggled.connect(lambda checked, f=field: setattr(self.state, f, checked))
            getattr(self.state.events, field).connect(self._on_layers_change)
            group_layout.addWidget(box)
            self.layer_boxes[field] = box
        return group

    def _opacity(self) -> QGroupBox:
        group = QGroupBox(tr("Skin"))
        group_layout = QVBoxLayout(group)
        slider = QSlider(Qt.Orientation.Horizontal)
        slider.setRange(0, 100)
        slider.setValue(round(self.state.skin_opacity * 100))
        slider.setAccessibleName(tr("Skin opacity"))
        slider.valueChanged.connect(lambda v: setattr(self.state, "skin_opacity", v / 100))
        self.state.events.skin_opacity.connect(self._on_skin_opacity_change)
        self.opacity_slider = slider
        group_layout.addWidget(slider)
        group_layout.addWidget(QLabel(tr("see-through  ←→  solid")))
        return group

    def _maps(self, spec: ModeSpec) -> QGroupBox:
        group = QGroupBox(tr("Skin maps"))
        group_layout = QVBoxLayout(group)
        box = QComboBox()
        narrow_combo(box)
        box.addItem(tr(NO_MAP), "none")
        for key in OVERLAY_TITLES:
            box.addItem(self.words.phrase(f"overlay.{key}"), key)
        box.setAccessibleName(tr("Skin map"))
        box.currentIndexChanged.connect(self._on_overlay_chosen)
        self.overlay_box = box
        box.setEnabled(self.overlays is not None)
        group_layout.addWidget(labelled(tr(MAP_LABEL), box))
        widgets: list[QWidget] = []
        if spec.allows(ids.MAP_DIFFERENCES):
            self.differences_box = QCheckBox(tr("Hatch where maps differ"))
            self.differences_box.setToolTip(
                tr("Hatch where the Lee 2008 and Keegan & Garrett 1948 dermatome maps disagree")
            )
            self.differences_box.toggled.connect(lambda on: setattr(self.state, "show_map_differences", on))
            widgets.append(self.differences_box)
        if spec.allows(ids.MAP_LABELS):
            self.labels_box = QCheckBox(tr("Labels"))
            self.labels_box.toggled.connect(lambda on: setattr(self.state, "show_labels", on))
            widgets.append(self.labels_box)
        self.legend_list = legend_list()
        self.legend_list.setAccessibleName(tr("Map legend"))
        widgets.append(self.legend_list)
        self.state.events.overlay.connect(self._on_overlay_change)
        for widget in widgets:
            widget.setEnabled(self.overlays is not None)
            group_layout.addWidget(widget)
        return group

    def _on_overlay_chosen(self, _index: int) -> None:
        """A map makes the skin solid while it shows (`SolidSkinUnderMaps`); the slider can make
        it see-through again, to see the lit spine and the paths under it."""
        assert self.overlay_box is not None
        self.state.overlay = self.overlay_box.currentData()

    # -- model → widgets ----------------------------------------------------------------------
    def _on_layers_change(self, _value: bool) -> None:
        for field, box in self.layer_boxes.items():
            with QSignalBlocker(box):
                box.setChecked(getattr(self.state, field))

    def _on_skin_opacity_change(self, value: float) -> None:
        assert self.opacity_slider is not None
        with QSignalBlocker(self.opacity_slider):
            self.opacity_slider.setValue(round(value * 100))

    def _on_overlay_change(self, overlay: str) -> None:
        assert self.overlay_box is not None
        assert self.legend_list is not None
        with QSignalBlocker(self.overlay_box):
            self.overlay_box.setCurrentIndex(max(0, self.overlay_box.findData(overlay)))
        self.legend_list.clear()
        levels = overlay.startswith("dermatomes")  # L1 L2 L3 side by side; names one a line
        self.legend_list.setFlow(QListView.Flow.LeftToRight if levels else QListView.Flow.TopToBottom)
        self.legend_list.setWrapping(levels)
        for name, colour in self.overlays.legend if self.overlays else []:
            swatch = QPixmap(14, 14)  # the colour as a swatch; the text stays dark and readable
            swatch.fill(QColor(colour))
            self.legend_list.addItem(QListWidgetItem(QIcon(swatch), self.words.map_name(overlay, name)))
        self.legend_list.updateGeometry()
        if overlay != "none":  # the chosen map's legend scrolls into sight (once laid out)
            QTimer.singleShot(0, self, self._show_legend)

    def _show_legend(self) -> None:
        scroller = self.widget()
        panel = scroller.widget() if isinstance(scroller, QScrollArea) else None
        layout = panel.layout() if panel is not None else None
        if not isinstance(scroller, QScrollArea) or panel is None or layout is None or self.maps_group is None:
            return
        layout.activate()  # the new legend's height, before the scroll area hears of it
        viewport = scroller.viewport().size()
        panel.resize(viewport.width(), max(panel.sizeHint().height(), viewport.height()))
        scroller.verticalScrollBar().setValue(self.maps_group.y())  # the map's group at the top

    def close_connections(self) -> None:
        for field in self.layer_boxes:
            getattr(self.state.events, field).disconnect(self._on_layers_change)
        if self.opacity_slider is not None:
            self.state.events.skin_opacity.disconnect(self._on_skin_opacity_change)
        if self.overlay_box is not None:
            self.state.events.overlay.disconnect(self._on_overlay_change)
