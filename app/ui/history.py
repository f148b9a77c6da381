"""Back and forward (Alt+← / Alt+→ and two toolbar buttons) through sources, cards and reverse views.

Records a step whenever the explorer selects a source, shows a reverse view, or the panel opens a
card; going back shows the step again through the same public calls the widgets use.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from app.domain.effects import Effects
from app.domain.explorer import Explorer
from app.domain.history import History, Step
from app.domain.ranking import Candidate


class HistoryControl(QObject):
    def __init__(
        self, explorer: Explorer, card_shown: SignalInstance, show_card: Callable[[str], None], toolbar: QToolBar
    ) -> None:
        super().__init__(toolbar)
        self.explorer = explorer
        self.show_card = show_card  # opens a card as the panel's links do; `card_shown` tells of each
        self.history = History()
        self.back_action = QAction("◀", toolbar)
        self.back_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))  # Alt+← (⌘[ on macOS)
        self.back_action.setToolTip(self.tr("Go back to what was shown before"))
        self.forward_action = QAction("▶", toolbar)
        self.forward_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Forward))
        self.forward_action.setToolTip(self.tr("Go forward again"))
        for action, name, slot in (
            (self.back_action, self.tr("Go back"), self.back),
            (self.forward_action, self.tr("Go forward"), self.forward),
        ):
            action.setStatusTip(name)
            action.triggered.connect(slot)
            toolbar.addAction(action)
            toolbar.widgetForAction(action).setAccessibleName(name)
        self._connections = [
            (explorer.selection_changed, self._on_selection_change),
            (explorer.source_changed, self._on_source_change),
            (card_shown, self._on_card_shown),
            (self.history.changed, self._on_history_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self._on_history_change()

    def close(self) -> None:
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()

    def back(self) -> None:
        self._show(self.history.back())

    def forward(self) -> None:
        self._show(self.history.forward())

    # -- what is shown → history ---------------------------------------------------------------
    def _on_selection_change(self, candidate: Candidate | None) -> None:
        if candidate is not None:
            self.history.record(Step("candidate", candidate.id, self.explorer.touches))

    def _on_source_change(self, shown: Effects | None) -> None:
        if shown is not None:
            self.history.record(Step("source", shown.source))

    def _on_card_shown(self, card_id: str) -> None:
        self.history.record(Step("card", card_id, self.explorer.touches))

    def _on_history_change(self) -> None:
        self.back_action.setEnabled(self.history.can_back)
        self.forward_action.setEnabled(self.history.can_forward)

    # -- history → what is shown ---------------------------------------------------------------
    def _show(self, step: Step | None) -> None:
        if step is None:
            return
        explorer = self.explorer
        self.history.moving = True
        try:
            if step.kind == "source":
                explorer.show_source(step.id)
                return
            if step.touches and step.touches != explorer.touches:
                for number, touch in enumerate(step.touches):
                    explorer.touch(touch, add=number > 0)
            if step.kind == "card":
                self.show_card(step.id)
            else:
                explorer.select(None)  # the panel may show another card over the same selection
                explorer.select(step.id)
        finally:
            self.history.moving = False
