"""What a window offers the tools it hosts (the study tools), so they never reach into its members:
the body, the explorer, the interface's words, a place for a dock, the status line, and events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from psygnal import Signal

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDockWidget, QWidget

    from app.domain.explorer import Explorer
    from app.domain.knowledge import InLanguage
    from app.domain.view_state import CameraRequests, ViewState
    from app.ui.body_view import BodyView


class HostEvents:
    """What a window announces to its tools (MNE's ui_events in small)."""

    closing = Signal()  # the window is closing: let go of it and of the body


class Host(Protocol):
    body: BodyView
    explorer: Explorer
    state: ViewState
    camera: CameraRequests
    events: HostEvents

    @property
    def words(self) -> InLanguage: ...

    def add_dock(self, dock: QDockWidget, area: Qt.DockWidgetArea, tab_with: str | None = None) -> None: ...

    def show_status(self, text: str) -> None: ...

    def dialog_parent(self) -> QWidget: ...
