"""What a window offers the tools it hosts, so they never reach into its members: the body, the
explorer, the interface's words, a place for a dock, the status line, and events (`Host`: the
study tools, the theme, the screen reader's announcer, the compare view, the desk's status line); and what the desk
window offers its control registry besides (`DeskHost`: app/ui/desk/controls.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from psygnal import Signal

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import Qt, SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar, QWidget

    from app.domain.explorer import Explorer
    from app.domain.knowledge import InLanguage
    from app.domain.query import Side
    from app.domain.search import SearchIndex
    from app.domain.view_state import CameraRequests, ViewState
    from app.modes.spec import ModeSpec
    from app.scene.skin_overlays import SkinOverlays
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

    def show_card_aside(self, card_id: str, back_text: str, back: Callable[[], None]) -> None: ...


class DeskHost(Host, Protocol):
    """The desk window as its control registry sees it: where controls go and what they call."""

    spec: ModeSpec
    overlays: SkinOverlays | None
    search_index: SearchIndex
    toolbar: QToolBar
    find_bar: QToolBar
    language_menu: QMenu

    @property
    def contrast_action(self) -> QAction: ...

    @property
    def card_shown(self) -> SignalInstance: ...  # a card opened on its own (str: its id)

    @property
    def card_on_show(self) -> str | None: ...  # the card opened on its own that the panel shows

    def show_card(self, card_id: str) -> None: ...

    def touch_region(self, region: str, side: Side = "right", add: bool = False) -> None: ...

    def open_handout(self) -> None: ...

    def show_language_menu(self) -> None: ...

    def choose_language(self, language: str) -> None: ...

    def on_layers_dock_chosen(self, shown: bool) -> None: ...
