"""Study tools: one system alone, isolate a picked structure, follow a nerve, all labels. The
panel only reports choices (signals); `StudyMode` applies them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QPushButton, QVBoxLayout, QWidget

from app.ui.i18n import tr
from app.ui.widgets import labelled, narrow_combo

SYSTEMS = (  # (id, words): the ViewState layer shown alone ("" for every layer)
    ("", QT_TRANSLATE_NOOP("ToolsPanel", "Every layer")),
    ("show_bones", QT_TRANSLATE_NOOP("ToolsPanel", "Bones alone")),
    ("show_nerves", QT_TRANSLATE_NOOP("ToolsPanel", "Nerves alone")),
    ("show_muscles", QT_TRANSLATE_NOOP("ToolsPanel", "Muscles alone")),
    ("show_structures", QT_TRANSLATE_NOOP("ToolsPanel", "Discs and joints alone")),
)


class ToolsPanel(QWidget):
    system_chosen = Signal(str)
    isolate_toggled = Signal(bool)
    step_back = Signal()
    nerve_chosen = Signal(str)
    labels_toggled = Signal(bool)

    def __init__(
        self, nerves: list[tuple[str, str]], isolate: bool, follow: bool, labels: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.system_box = QComboBox()
        narrow_combo(self.system_box)
        for system, words in SYSTEMS:
            self.system_box.addItem(tr(words, "ToolsPanel"), system)
        self.system_box.setAccessibleName(self.tr("Show one system alone"))
        self.system_box.currentIndexChanged.connect(lambda _i: self.system_chosen.emit(self.system_box.currentData()))
        self.isolate_button = QPushButton(self.tr("Isolate: pick a structure"))
        self.isolate_button.setCheckable(True)
        self.isolate_button.setToolTip(self.tr("Then click a bone, nerve, muscle or joint: the rest fades"))
        self.isolate_button.toggled.connect(self.isolate_toggled)
        self.nerve_box = QComboBox()
        narrow_combo(self.nerve_box)
        self.nerve_box.addItem(self.tr("Follow a nerve …"), "")
        for nerve, title in nerves:
            self.nerve_box.addItem(title, nerve)
        self.nerve_box.setAccessibleName(self.tr("Follow a nerve from root to skin"))
        self.nerve_box.currentIndexChanged.connect(lambda _i: self.nerve_chosen.emit(self.nerve_box.currentData()))
        self.back_button = QPushButton(self.tr("Step back out"))
        self.back_button.clicked.connect(self.step_back)
        self.labels_box = QCheckBox(self.tr("All labels"))
        self.labels_box.setToolTip(self.tr("Name every structure in view"))
        self.labels_box.toggled.connect(self.labels_toggled)
        peel = QGroupBox(self.tr("Peel the body"))
        peel_layout = QVBoxLayout(peel)
        if isolate:
            peel_layout.addWidget(labelled(self.tr("Show:"), self.system_box))
            peel_layout.addWidget(self.isolate_button)
        if follow:
            peel_layout.addWidget(labelled(self.tr("Nerve:"), self.nerve_box))
        if isolate or follow:
            peel_layout.addWidget(self.back_button)
            layout.addWidget(peel)
        if labels:
            layout.addWidget(self.labels_box)
        layout.addStretch(1)
