"""What a screen reader says when the answer changes: Qt's accessibility announcements."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QTextDocumentFragment

from app.domain.explorer import Explorer
from app.domain.ranking import Candidate
from app.ui.explorer_panel import ExplorerPanel


class Announcer(QObject):
    """Tells the screen reader of a new touch answer and of the source chosen in the list."""

    announced = Signal(str)  # every message, also when no screen reader listens (tests, logs)

    def __init__(self, explorer: Explorer, panel: ExplorerPanel) -> None:
        super().__init__(panel)
        self.explorer = explorer
        self.panel = panel
        self._said_for: tuple[object, ...] = ()
        self._connections = [
            (explorer.changed, self._on_change),
            (explorer.selection_changed, self._on_selection_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

    def say(self, message: str) -> None:
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.panel, message))
        self.announced.emit(message)

    def _on_change(self) -> None:
        explorer = self.explorer
        said_for = (explorer.touches, explorer.urgent_shown, tuple(c.id for c in explorer.candidates))
        if said_for == self._said_for:
            return
        self._said_for = said_for
        where = QTextDocumentFragment.fromHtml(self.panel.where.text()).toPlainText()
        ranked = explorer.candidates
        if not ranked:
            self.say(where)
            return
        first = self.panel.title_of(ranked[0])
        self.say(self.tr("{0} {1} possible sources; the first is {2}.").format(where, len(ranked), first))

    def _on_selection_change(self, candidate: Candidate | None) -> None:
        if candidate is None:
            return
        for row in range(self.panel.candidate_list.count()):
            item = self.panel.candidate_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == candidate.id:
                self.say(self.tr("Chosen: {0}").format(item.data(Qt.ItemDataRole.AccessibleTextRole)))
                return

    def close(self) -> None:
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()
