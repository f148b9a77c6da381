"""The 3D body: actors for skin, bones and muscles, bound to a ViewState.

The scene is handed a plotter (STYLE.md habit 5): a `QtInteractor` in the app, an off-screen
`pv.Plotter` in tests and in `referral-atlas screenshot`. Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyvista as pv

from app.domain.view_state import CameraRequests, ViewState
from app.scene.assets import Model

BACKGROUND = ("#20262e", "#3b4552")  # bottom, top gradient


@dataclass(frozen=True)
class Material:
    color: str
    specular: float
    specular_power: float
    ambient: float = 0.12
    diffuse: float = 0.85


SKIN = Material(color="#e8b89a", specular=0.12, specular_power=12)
BONE = Material(color="#efe6d2", specular=0.35, specular_power=25)
MUSCLE = Material(color="#b3473d", specular=0.2, specular_power=15)

# Camera direction (from the focal point toward the eye) and view-up per named view, in RAS.
VIEW_DIRECTIONS: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "anterior": ((0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "posterior": ((0.0, -1.0, 0.0), (0.0, 0.0, 1.0)),
    "left": ((-1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
    "right": ((1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
    "plantar": ((0.0, 0.0, -1.0), (0.0, 1.0, 0.0)),
}
PLANTAR_HEIGHT_M = 0.12  # the plantar view frames the feet only
MUSCLE_TUBE_RADIUS_M = 0.006
# Multisampling doubles the frame time on a software renderer (llvmpipe, 1280×800: ~64 → ~39 ms
# without it), so it is switched off while the camera moves and back on at rest.
MULTI_SAMPLES_AT_REST = 4


def _body_surface(skin: pv.PolyData) -> pv.PolyData:
    """The skin without the cap that closes the crop at the ribs."""
    if "is_cap" not in skin.cell_data:
        return skin
    return skin.remove_cells(np.flatnonzero(skin.cell_data["is_cap"] != 0))


class AnatomyScene:
    def __init__(
        self,
        plotter: pv.Plotter,
        model: Model,
        state: ViewState | None = None,
        camera: CameraRequests | None = None,
    ) -> None:
        self.plotter = plotter
        self.model = model
        self.state = state or ViewState()
        self.camera = camera or CameraRequests()
        self._skin_surface = _body_surface(model.skin)
        self._muscle_tubes = model.muscles.tube(radius=MUSCLE_TUBE_RADIUS_M, n_sides=10)

        plotter.set_background(BACKGROUND[0], top=BACKGROUND[1])
        self.bones_actor = self._add(model.bones, BONE, "bones")
        self.muscles_actor = self._add(self._muscle_tubes, MUSCLE, "muscles")
        self.skin_actor = self._add(self._skin_surface, SKIN, "skin")
        self._apply_state()

        self._connections: list[tuple[object, Callable[..., None]]] = [
            (self.state.events.skin_opacity, self._on_skin_opacity_change),
            (self.state.events.show_skin, self._on_layers_change),
            (self.state.events.show_bones, self._on_layers_change),
            (self.state.events.show_muscles, self._on_layers_change),
            (self.camera.view_requested, self.set_view),
            (self.camera.reset_requested, self.reset_view),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)  # type: ignore[attr-defined]
        self.set_view("anterior", render=False)

    def _add(self, mesh: pv.PolyData, material: Material, name: str) -> pv.Actor:
        return self.plotter.add_mesh(
            mesh,
            name=name,
            color=material.color,
            smooth_shading=True,
            specular=material.specular,
            specular_power=material.specular_power,
            ambient=material.ambient,
            diffuse=material.diffuse,
            scalars=None,
            show_scalar_bar=False,
            reset_camera=False,
        )

    def enable_interaction_lod(self) -> None:
        """Draw cheaper frames while the user turns the body; full quality when the motion ends."""
        style = self.plotter.iren.interactor.GetInteractorStyle()
        self._lod_observers = [
            style.AddObserver("StartInteractionEvent", lambda *_: self._set_quality(moving=True)),
            style.AddObserver("EndInteractionEvent", lambda *_: self._set_quality(moving=False)),
        ]
        self._lod_style = style
        self.plotter.ren_win.SetMultiSamples(MULTI_SAMPLES_AT_REST)

    def _set_quality(self, moving: bool) -> None:
        self.plotter.ren_win.SetMultiSamples(0 if moving else MULTI_SAMPLES_AT_REST)
        if not moving:
            self.plotter.render()

    def close(self) -> None:
        for tag in getattr(self, "_lod_observers", []):
            self._lod_style.RemoveObserver(tag)
        for signal, slot in self._connections:
            signal.disconnect(slot)  # type: ignore[attr-defined]
        self._connections.clear()

    # -- state → actors -------------------------------------------------------------------
    def _apply_state(self) -> None:
        self.skin_actor.prop.opacity = self.state.skin_opacity
        self.skin_actor.visibility = self.state.show_skin and self.state.skin_opacity > 0.0
        self.bones_actor.visibility = self.state.show_bones
        self.muscles_actor.visibility = self.state.show_muscles

    def _on_skin_opacity_change(self, _value: float) -> None:
        self._apply_state()
        self.plotter.render()

    def _on_layers_change(self, _value: bool) -> None:
        self._apply_state()
        self.plotter.render()

    # -- camera ---------------------------------------------------------------------------
    def set_view(self, view: str, render: bool = True) -> None:
        direction, up = VIEW_DIRECTIONS[view]
        bounds = list(self.model.skin.bounds)
        if view == "plantar":
            bounds[5] = bounds[4] + PLANTAR_HEIGHT_M
        centre = np.array([(bounds[0] + bounds[1]) / 2, (bounds[2] + bounds[3]) / 2, (bounds[4] + bounds[5]) / 2])
        camera = self.plotter.camera
        camera.focal_point = centre
        camera.position = centre + np.asarray(direction)
        camera.up = up
        self.plotter.reset_camera(bounds=bounds)
        if render:
            self.plotter.render()

    def reset_view(self) -> None:
        self.set_view("anterior")

    def camera_direction(self) -> np.ndarray:
        """Unit vector from the focal point toward the eye (for tests and the status line)."""
        camera = self.plotter.camera
        vector = np.asarray(camera.position) - np.asarray(camera.focal_point)
        return vector / np.linalg.norm(vector)
