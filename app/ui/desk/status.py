"""What the desk's status line says as the body is used: the view and how to touch, where a touch
landed, and once why the path does not pulse. It follows the host's camera, explorer and body
(app/ui/host.py); the window's own actions say the rest through `show_status`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from psygnal import SignalInstance
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStatusBar

from app.domain.explorer import Touch
from app.ui.desk.controls import VIEW_NAMES
from app.ui.i18n import tr

if TYPE_CHECKING:
    from app.ui.host import Host

log = logging.getLogger(__name__)


class DeskStatus(QObject):
    def __init__(self, host: Host, status: QStatusBar) -> None:
        super().__init__(status)
        self.host, self.status = host, status
        self.touch_note = self.tr("click where it hurts")
        if host.body.problem is not None:
            self.touch_note = self.tr("touch is off: {0}").format(host.body.problem)
        self.view = "anterior"
        self._connections: list[tuple[SignalInstance, Callable[..., None]]] = [
            (host.camera.view_requested, self.show_view),
            (host.camera.reset_requested, self._on_view_reset),
            (host.explorer.changed, self._on_explorer_change),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        host.body.answered.connect(self._on_touch_answered)
        if host.body.explorer_view is not None:
            host.body.explorer_view.pulse_skipped.connect(self._on_pulse_skipped)
        host.events.closing.connect(self._close)
        self.show_view("anterior")

    def _close(self) -> None:
        """The window closes: let go of what it hosts."""
        self.host.events.closing.disconnect(self._close)
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()
        self.host.body.answered.disconnect(self._on_touch_answered)
        explorer_view = self.host.body.explorer_view
        if explorer_view is not None and self._on_pulse_skipped in explorer_view.pulse_skipped:
            explorer_view.pulse_skipped.disconnect(self._on_pulse_skipped)

    def show_view(self, view: str) -> None:
        self.view = view
        note = self.tr("View: {0} · {1} · drag to turn, scroll to zoom")
        self.status.showMessage(note.format(tr(VIEW_NAMES[view]), self.touch_note))

    def _on_view_reset(self) -> None:
        self.show_view("anterior")

    def _on_explorer_change(self) -> None:
        explorer = self.host.explorer
        if not explorer.touches and not explorer.urgent_shown:  # Start again: no stale "You touched …"
            self.show_view(self.view)

    def _on_touch_answered(self, touch: Touch) -> None:
        """Say where: a marked area (a stroke) by every place it crosses, not by its last spot (a
        stroke down the outer thigh that ends at the knee is not 'the front of the knee')."""
        words, explorer = self.host.words, self.host.explorer
        if len(explorer.touches) > 1:
            places = dict.fromkeys(words.marked(explorer.place(t)) for t in explorer.touches)
            self.status.showMessage(self.tr("You marked {0}.").format("; ".join(places)))
            return
        self.status.showMessage(self.tr("You touched {0}.").format(words.marked(explorer.place(touch))))

    def _on_pulse_skipped(self, frame_s: float) -> None:
        """Say once why the path does not pulse (frames too slow here to animate smoothly)."""
        explorer_view = self.host.body.explorer_view
        assert explorer_view is not None
        explorer_view.pulse_skipped.disconnect(self._on_pulse_skipped)
        log.info("the path does not pulse: %.0f ms a frame", frame_s * 1000)  # for staff, not the patient
        note = self.tr("The path does not pulse, to keep the picture quick on this computer.")
        self.status.showMessage(" · ".join(m for m in (self.status.currentMessage(), note) if m))
