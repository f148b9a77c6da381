"""What a screen reader says when the answer changes: Qt's accessibility announcements, their
words made Qt-free (app/content/answer_text.py, app/content/card_html.py). The announcer follows
the host's explorer and lets go when the host closes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from psygnal import SignalInstance
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget

from app.content.answer_text import where_said
from app.content.card_html import card_lines
from app.domain.ranking import Candidate
from app.ui.card_words import answer_words, card_words

if TYPE_CHECKING:
    from app.ui.host import Host


class Announcer(QObject):
    """Tells the screen reader of a new touch answer and of the source chosen in the list."""

    announced = Signal(str)  # every message, also when no screen reader listens (tests, logs)

    def __init__(self, host: Host, speaker: QWidget) -> None:
        super().__init__(speaker)
        self.host = host
        self.explorer = explorer = host.explorer
        self.words = host.words
        self.speaker = speaker  # the widget the announcements come from
        self._said_for: tuple[object, ...] = ()
        self._connections: list[tuple[SignalInstance, Callable[..., None]]] = [
            (explorer.changed, self._on_change),
            (explorer.selection_changed, self._on_selection_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        host.events.closing.connect(self.close)

    def say(self, message: str) -> None:
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.speaker, message))
        self.announced.emit(message)

    def _on_change(self) -> None:
        explorer = self.explorer
        said_for = (explorer.touches, explorer.urgent_shown, tuple(c.id for c in explorer.candidates))
        if said_for == self._said_for:
            return
        self._said_for = said_for
        where = where_said(explorer, self.words, answer_words())
        ranked = explorer.candidates
        if not ranked:
            self.say(where)
            return
        first = self.words.shown_title(ranked[0])
        self.say(self.tr("{0} {1} possible sources; the first is {2}.").format(where, len(ranked), first))

    def _on_selection_change(self, candidate: Candidate | None) -> None:
        if candidate is None or candidate not in self.explorer.candidates:
            return
        explorer = self.explorer
        lines = card_lines(candidate, len(explorer.touches), self.words, card_words(), explorer.likely(candidate))
        self.say(self.tr("Chosen: {0}").format(". ".join(line for line in lines if line)))

    def close(self) -> None:
        self.host.events.closing.disconnect(self.close)
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()
