"""What the viewer shows, as Qt-free state that announces its changes (STYLE.md habit 1).

Widgets write here; the scene and the widgets listen through `state.events.<field>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from psygnal import Signal, evented

if TYPE_CHECKING:
    from psygnal import SignalGroup

VIEWS = ("anterior", "posterior", "left", "right", "plantar")
LAYERS = ("skin", "bones", "muscles", "nerves", "structures")
LAYER_FIELDS = tuple(f"show_{layer}" for layer in LAYERS)  # the ViewState field of each layer
OVERLAYS = ("none", "dermatomes", "dermatomes_keegan", "nerves", "regions")
MAP_SKIN_OPACITY = 1.0  # a skin map is read on solid skin: through see-through skin its colours look muddy


@evented
@dataclass
class ViewState:
    skin_opacity: float = 0.35
    show_skin: bool = True
    show_bones: bool = True
    show_muscles: bool = True
    show_nerves: bool = True
    show_structures: bool = True
    overlay: str = "none"  # one of OVERLAYS
    show_map_differences: bool = False  # mark where the Lee and Keegan dermatome maps disagree
    show_labels: bool = False
    high_contrast: bool = False  # the high-contrast theme: a black background, thicker map lines
    text_scale: float = 1.0  # the presenter's text size: labels in 3D follow it
    if TYPE_CHECKING:
        events: ClassVar[SignalGroup]  # made by @evented: one signal per field


class SolidSkinUnderMaps:
    """While a skin map shows, the skin is solid; when the map goes, the skin's opacity is back
    where it was, unless the person chose another opacity meanwhile (theirs is kept)."""

    def __init__(self, state: ViewState) -> None:
        self.state = state
        self._before: float | None = None  # the opacity before a map made the skin solid
        state.events.overlay.connect(self._on_overlay)
        state.events.skin_opacity.connect(self._on_opacity)

    def _on_overlay(self, overlay: str) -> None:
        state = self.state
        if overlay != "none" and self._before is None and state.skin_opacity < MAP_SKIN_OPACITY:
            before = state.skin_opacity
            state.skin_opacity = MAP_SKIN_OPACITY
            self._before = before
        elif overlay == "none" and self._before is not None:
            before, self._before = self._before, None
            state.skin_opacity = before

    def _on_opacity(self, opacity: float) -> None:
        if self._before is not None and opacity != MAP_SKIN_OPACITY:
            self._before = None  # the person set the opacity by hand: theirs stays after the map

    def close(self) -> None:
        self.state.events.overlay.disconnect(self._on_overlay)
        self.state.events.skin_opacity.disconnect(self._on_opacity)


class CameraRequests:
    """Camera moves are commands, not state: asking for 'anterior' twice moves the camera twice."""

    view_requested = Signal(str)
    facing_requested = Signal(tuple)  # (x, y, z): look at the body from this direction
    reset_requested = Signal()

    def request_view(self, view: str) -> None:
        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEWS)}")
        self.view_requested.emit(view)

    def request_facing(self, direction: tuple[float, float, float]) -> None:
        """Look at the body from `direction` (model coordinates, toward the eye), framed as a named view."""
        self.facing_requested.emit(tuple(float(v) for v in direction))

    def request_reset(self) -> None:
        self.reset_requested.emit()
