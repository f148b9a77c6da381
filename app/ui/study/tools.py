"""The study tools (`ISOLATE`, `FOLLOW_NERVE`, `LABELS_ALL`): a dock under "Show" to see one
system alone, isolate a structure, follow a nerve from its roots to the skin, and name them all."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker, Qt

from app.domain.view_state import LAYER_FIELDS
from app.modes import ids
from app.modes.spec import ModeSpec
from app.scene.explorer_view import ExplorerView
from app.scene.structure_labels import StructureLabels
from app.scene.study_view import FOLLOW, Picture, StudyView
from app.study.course import followable_nerves, nerve_course
from app.study.names import structure_name
from app.ui.study.tools_panel import ToolsPanel
from app.ui.widgets import fixed_dock

if TYPE_CHECKING:
    from app.ui.host import Host


class StudyTools(QObject):
    """What the tools panel asks for, done on the host's body and view state."""

    def __init__(
        self,
        host: Host,
        spec: ModeSpec,
        explorer_view: ExplorerView,
        view: StudyView,
        labels: StructureLabels | None,
        picture_now: Callable[[], Picture | None],
    ) -> None:
        super().__init__(host.dialog_parent())
        self.host = host
        self.words = host.words
        self.explorer_view = explorer_view
        self.view = view
        self.labels = labels
        self.picture_now = picture_now  # what stepping back returns to (the quiz's question)
        self.isolating = False  # the next click on a structure isolates it
        self._saved_layers: dict[str, bool] | None = None
        self.panel = ToolsPanel(
            followable_nerves(host.explorer.knowledge, self.words.language),
            spec.allows(ids.ISOLATE),
            spec.allows(ids.FOLLOW_NERVE),
            spec.allows(ids.LABELS_ALL),
        )
        self.panel.system_chosen.connect(self.show_system)
        self.panel.isolate_toggled.connect(self._on_isolate_toggle)
        self.panel.step_back.connect(self.step_back)
        self.panel.nerve_chosen.connect(self.follow_nerve)
        self.panel.labels_toggled.connect(self.show_labels)
        title = QCoreApplication.translate("StudyMode", "Study tools")
        dock = fixed_dock(title, "study_tools", self.panel, host.dialog_parent())
        host.add_dock(dock, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.dock = dock

    def take_touch(self, x: float, y: float) -> bool:
        """A click while isolating picks the structure under it (True); otherwise False."""
        if not self.isolating:
            return False
        name = self.explorer_view.picker.pick_structure(x, y)
        if name is not None:
            self.isolate(name)
        return True

    def show_system(self, layer: str) -> None:
        """One layer alone (`show_bones` …), or every layer back as it was ("")."""
        state = self.host.state
        if not layer:
            self._restore_layers()
            return
        if self._saved_layers is None:
            self._saved_layers = {f: getattr(state, f) for f in LAYER_FIELDS}
        for field in LAYER_FIELDS:
            setattr(state, field, field == layer)

    def _restore_layers(self) -> None:
        if self._saved_layers is not None:
            for field, on in self._saved_layers.items():
                setattr(self.host.state, field, on)
            self._saved_layers = None

    def _on_isolate_toggle(self, on: bool) -> None:
        self.isolating = on
        if on:
            self.host.show_status(
                QCoreApplication.translate("StudyMode", "Click a bone, nerve, muscle or joint to isolate it.")
            )

    def isolate(self, mesh_name: str) -> None:
        """Light one structure, fade the rest."""
        self.view.show(Picture(lit=((mesh_name, FOLLOW),)))
        self.isolating = False
        self.panel.isolate_button.setChecked(False)
        self.host.show_status(
            QCoreApplication.translate("StudyMode", "{0} alone. Step back out to see everything.").format(
                structure_name(self.words, mesh_name)
            )
        )

    def follow_nerve(self, nerve: str) -> None:
        """The nerve's course lit from its roots to its skin (both sides)."""
        if not nerve:
            return
        course = nerve_course(self.host.explorer.knowledge, nerve)
        self.view.show(
            Picture(lit=tuple((s, FOLLOW) for s in course.structures), skin=tuple((t, FOLLOW) for t in course.skin))
        )
        self.host.state.show_nerves = True
        self.host.show_status(
            QCoreApplication.translate(
                "StudyMode", "Following the {0}: from its roots to the skin it supplies."
            ).format(self.words.title(nerve).rsplit(" (", 1)[0].lower())
        )

    def step_back(self) -> None:
        """Out of isolate, follow and one-system views: the body as it was."""
        self._restore_layers()
        self.isolating = False
        for box in (self.panel.system_box, self.panel.nerve_box):
            with QSignalBlocker(box):
                box.setCurrentIndex(0)
        self.panel.isolate_button.setChecked(False)
        self.host.show_status(QCoreApplication.translate("StudyMode", "The whole body is back in view."))
        self.view.show(self.picture_now())

    def show_labels(self, on: bool) -> None:
        if self.labels is not None:
            self.labels.show(on)
