"""What student self-study adds to a window, built from the mode's spec through the host API:

- names on demand (`HOVER_NAMES`, `PRESS_HOLD_NAMES`): `HoverNames` over the 3D view;
- the study tools (`ISOLATE`, `FOLLOW_NERVE`, `LABELS_ALL`): `StudyTools` (app/ui/study/tools.py);
- the quiz (`QUIZ_PANEL`): `Quiz` (app/ui/study/quiz.py).

`StudyMode` takes the body's touches first and hands each to the part it is for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from app.modes import ids
from app.modes.spec import ModeSpec
from app.scene.structure_labels import SOLID_SKIN, StructureLabels
from app.scene.study_view import StudyView
from app.study.names import spot_name, structure_name
from app.study.questions import QuestionBank
from app.ui.study.hover import HoverNames
from app.ui.study.quiz import Quiz
from app.ui.study.tools import StudyTools

if TYPE_CHECKING:
    from app.study.store import ProgressStore
    from app.ui.host import Host


class StudyMode(QObject):
    def __init__(
        self,
        host: Host,
        spec: ModeSpec,
        store: ProgressStore | None = None,
        seed: int | None = None,
        bank: QuestionBank | None = None,
    ) -> None:
        super().__init__(host.dialog_parent())
        self.host = host
        self.spec = spec
        self.words = host.words  # names in the interface's language
        self.explorer_view = ev = host.body.explorer_view
        self.view: StudyView | None = None
        self.labels: StructureLabels | None = None
        self.hover: HoverNames | None = None
        self.tools: StudyTools | None = None
        self.quiz: Quiz | None = None
        host.events.closing.connect(self.close)
        if ev is None:  # no labelled skin: nothing to touch, name or light
            return
        host.body.intercept_touches(self.take_touch)
        self.view = StudyView(host.body.scene, ev.labels, ev.geometry)
        names = lambda mesh_name: structure_name(self.words, mesh_name, short=True)  # noqa: E731
        if spec.allows(ids.LABELS_ALL):
            self.labels = StructureLabels(host.body.scene, names)
        hover, hold = spec.allows(ids.HOVER_NAMES), ids.PRESS_HOLD_NAMES in spec.gestures
        if hover or hold:
            self.hover = HoverNames(host.body.widget, self.name_at, host.show_status, hover, hold)
        if spec.shows(ids.QUIZ_PANEL) and spec.allows(ids.QUIZ):
            bank = bank or QuestionBank(host.explorer.knowledge)
            self.quiz = Quiz(host, spec, ev, self.view, bank, store, seed)
        if spec.allows(ids.ISOLATE) or spec.allows(ids.FOLLOW_NERVE) or spec.allows(ids.LABELS_ALL):
            picture_now = self.quiz.picture_now if self.quiz is not None else lambda: None
            self.tools = StudyTools(host, spec, ev, self.view, self.labels, picture_now)

    def take_touch(self, x: float, y: float, _add: bool) -> bool:
        """A click on the body (VTK display pixels): True when study took it (a held press that
        named something, a pick to isolate, an answer), False to leave it to the explorer."""
        if self.hover is not None and self.hover.took_touch():
            return True
        if self.tools is not None and self.tools.take_touch(x, y):
            return True
        return self.quiz is not None and self.quiz.take_touch(x, y)

    def name_at(self, x: float, y: float) -> str | None:
        """What lies under a display position: through see-through skin the structure, else the skin."""
        ev = self.explorer_view
        assert ev is not None
        state = self.host.state
        if not (state.show_skin and state.skin_opacity >= SOLID_SKIN):
            name = ev.picker.pick_structure(x, y)
            if name is not None:
                return structure_name(self.words, name)
        vertex = ev.picker.pick(x, y)
        return spot_name(self.words, ev.labels.spot(vertex)) if vertex is not None else None

    def close(self) -> None:
        self.host.events.closing.disconnect(self.close)
        if self.explorer_view is not None:
            self.host.body.release_touches(self.take_touch)
        if self.quiz is not None:
            self.quiz.close()
        if self.labels is not None:
            self.labels.close()
