"""The main window: the 3D view in the middle, layers and views on the left, a status line."""

from __future__ import annotations

import app.ui.qt_env  # noqa: F401  (sets QT_API before pyvistaqt loads)

from PySide6.QtCore import QEvent, QObject, Qt, QSignalBlocker
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QMainWindow,
    QSlider,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from pyvistaqt import QtInteractor

from app.domain.view_state import CameraRequests, ViewState
from app.scene.assets import Model, structure_names
from app.scene.scene import AnatomyScene

VIEW_ACTIONS = (
    ("anterior", "Front", "1"),
    ("posterior", "Back", "2"),
    ("left", "Left side", "3"),
    ("right", "Right side", "4"),
    ("plantar", "Soles", "5"),
)
LAYER_LABELS = (("show_skin", "Skin"), ("show_bones", "Bones"), ("show_muscles", "Muscles"))


class _SwallowKeys(QObject):
    """VTK's own key bindings (q quits, w wireframe, 3 stereo …) are not for patients: eat them."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        return event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)


class MainWindow(QMainWindow):
    def __init__(self, model: Model, state: ViewState | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Referral Atlas")
        self.resize(1280, 800)
        self.state = state or ViewState()
        self.camera = CameraRequests()

        self.interactor = QtInteractor(self, auto_update=False)
        self._key_filter = _SwallowKeys(self)
        self.interactor.installEventFilter(self._key_filter)
        self.setCentralWidget(self.interactor)
        self.scene = AnatomyScene(self.interactor, model, self.state, self.camera)
        self.scene.enable_interaction_lod()

        self._build_view_toolbar()
        self._build_layers_dock()
        self._model_summary = (
            f"{model.skin.n_cells:,} skin triangles · {len(structure_names(model.bones))} bones · "
            f"{len(structure_names(model.muscles))} muscle lines"
        )
        self.camera.view_requested.connect(self._on_view_change)
        self._on_view_change("anterior")

    # -- building ---------------------------------------------------------------------------
    def _build_view_toolbar(self) -> None:
        toolbar = QToolBar("Views", self)
        toolbar.setObjectName("views")
        toolbar.setMovable(False)
        self.view_actions: dict[str, QAction] = {}
        for view, label, key in VIEW_ACTIONS:
            action = QAction(label, self)
            action.setShortcut(QKeySequence(key))
            action.setToolTip(f"{label} view ({key})")
            action.triggered.connect(lambda _checked=False, v=view: self.camera.request_view(v))
            toolbar.addAction(action)
            self.view_actions[view] = action
        reset = QAction("Reset", self)
        reset.setShortcuts([QKeySequence("0"), QKeySequence(Qt.Key.Key_Home)])
        reset.setToolTip("Reset the view (0 or Home)")
        reset.triggered.connect(self.camera.request_reset)
        toolbar.addAction(reset)
        self.view_actions["reset"] = reset
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _build_layers_dock(self) -> None:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layers = QGroupBox("Layers")
        layers_layout = QVBoxLayout(layers)
        self.layer_boxes: dict[str, QCheckBox] = {}
        for field, label in LAYER_LABELS:
            box = QCheckBox(label)
            box.setChecked(getattr(self.state, field))
            box.toggled.connect(lambda checked, f=field: setattr(self.state, f, checked))
            getattr(self.state.events, field).connect(self._on_layers_change)
            layers_layout.addWidget(box)
            self.layer_boxes[field] = box
        layout.addWidget(layers)

        skin = QGroupBox("Skin")
        skin_layout = QVBoxLayout(skin)
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setValue(round(self.state.skin_opacity * 100))
        self.opacity_slider.setAccessibleName("Skin opacity")
        self.opacity_slider.valueChanged.connect(lambda v: setattr(self.state, "skin_opacity", v / 100))
        self.state.events.skin_opacity.connect(self._on_skin_opacity_change)
        ends = QWidget()
        ends_layout = QVBoxLayout(ends)
        ends_layout.setContentsMargins(0, 0, 0, 0)
        ends_layout.addWidget(QLabel("see-through  ←→  solid"))
        skin_layout.addWidget(self.opacity_slider)
        skin_layout.addWidget(ends)
        layout.addWidget(skin)
        layout.addStretch(1)

        dock = QDockWidget("Show", self)
        dock.setObjectName("layers")
        dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        dock.setWidget(panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

    # -- model → widgets ----------------------------------------------------------------------
    def _on_layers_change(self, _value: bool) -> None:
        for field, box in self.layer_boxes.items():
            with QSignalBlocker(box):
                box.setChecked(getattr(self.state, field))

    def _on_skin_opacity_change(self, value: float) -> None:
        with QSignalBlocker(self.opacity_slider):
            self.opacity_slider.setValue(round(value * 100))

    def _on_view_change(self, view: str) -> None:
        label = dict((v, lbl) for v, lbl, _ in VIEW_ACTIONS)[view]
        self.statusBar().showMessage(f"View: {label} · {self._model_summary} · drag to turn, scroll to zoom")

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt name)
        self.camera.view_requested.disconnect(self._on_view_change)
        for field, _label in LAYER_LABELS:
            getattr(self.state.events, field).disconnect(self._on_layers_change)
        self.state.events.skin_opacity.disconnect(self._on_skin_opacity_change)
        self.scene.close()
        self.interactor.close()
        super().closeEvent(event)
