"""The 3D body: actors for skin, bones and muscles, bound to a ViewState.

The scene is handed a plotter (STYLE.md habit 5): a `QtInteractor` in the app, an off-screen
`pv.Plotter` in tests and in `referral-atlas screenshot`. Nothing here imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyvista as pv
from psygnal import SignalInstance
from vtkmodules.vtkCommonExecutionModel import vtkAlgorithm
from vtkmodules.vtkRenderingCore import vtkMapper

from app.domain.view_state import LAYER_FIELDS, CameraRequests, ViewState
from app.scene import camera_moves
from app.scene.assets import Model, structure_names
from app.scene.coarse import CoarseCopy, ShapeMaker, kept_shapes, let_go
from app.scene.frames import Frames, Quality
from app.scene.highlight import ColourState, NamedCells
from app.scene.overlays import LayeredColours, hex_to_rgb

BACKGROUND = ("#20262e", "#3b4552")  # bottom, top gradient
HIGH_CONTRAST_BACKGROUND = ("#000000", "#000000")  # the high-contrast theme: no grey behind the body


@dataclass(frozen=True)
class Material:
    color: str
    specular: float
    specular_power: float
    ambient: float = 0.12
    diffuse: float = 0.85
    opacity: float = 1.0


SKIN = Material(color="#e8b89a", specular=0.12, specular_power=12)
BONE = Material(color="#efe6d2", specular=0.35, specular_power=25)
MUSCLE = Material(color="#b3473d", specular=0.2, specular_power=15)
NERVE = Material(color="#f2cf5b", specular=0.3, specular_power=20)
STRUCTURE = Material(color="#8fb8d8", specular=0.25, specular_power=20)
# Fascia and tendons are thin sheets: drawn see-through, so the foot's bones show through the
# plantar fascia instead of a pale plate over the midfoot.
SHEET = Material(color="#e9dcc0", specular=0.3, specular_power=20, opacity=0.45)
SHEETS = ("plantar_fascia", "achilles_tendon")
LAYER_SWITCHES = {"sheets": "show_structures"}  # a drawn layer shown with another layer's switch
# Colours of authored structures by name prefix (discs, joints, soft tissue), else STRUCTURE's.
STRUCTURE_COLOURS = {
    "disc_": "#8fb8d8",
    "facet_": "#9fd4c4",
    "sacroiliac_joint": "#9fd4c4",
    "hip_joint": "#9fd4c4",
    "trochanteric_bursa": "#c7a2d9",
    "plantar_fascia": "#e9dcc0",
    "achilles_tendon": "#e9dcc0",
    "piriformis": MUSCLE.color,
    "gluteus_medius": MUSCLE.color,
}

MUSCLE_TUBE_RADIUS_M = 0.006
NERVE_TUBE_SIDES = 6
NERVE_POINT_STEP = 3  # centreline points every ~9 mm for the drawn tube
# The tubes are closed and wound outward, so their far sides never show: not drawing them saves
# ~3 ms a frame on llvmpipe. Bones and joints are not all wound outward: they keep both sides.
ONE_SIDED = ("muscles", "nerves")
SKIN_LAYER_ORDER = ("overlay", "differences", "reach", "touched")
# Anti-aliasing at rest only (app/scene/frames.py), and FXAA rather than multisampling: on a
# software renderer (llvmpipe, 1280×800, the full model) a frame takes ~90 ms bare, ~125 ms with
# FXAA and ~280 ms with 4× multisampling.


def _body_surface(skin: pv.PolyData) -> pv.PolyData:
    """The skin without the cap that closes the crop at the ribs, keeping every point id
    (territory labels are stored per skin point)."""
    if "is_cap" not in skin.cell_data:
        return skin
    keep = np.asarray(skin.cell_data["is_cap"]) == 0
    faces = skin.regular_faces[keep]
    surface: pv.PolyData = pv.PolyData.from_regular_faces(skin.points, faces)
    for name in skin.point_data:
        surface.point_data[name] = skin.point_data[name]
    for name in skin.field_data:
        surface.field_data[name] = skin.field_data[name]
    return surface


def _split_named(mesh: pv.PolyData, prefixes: tuple[str, ...]) -> tuple[pv.PolyData, pv.PolyData]:
    """The mesh without, and with only, the named structures whose names start with `prefixes`
    (each part keeps `structure_index` and `structure_names`)."""
    if mesh.n_cells == 0 or "structure_index" not in mesh.cell_data:
        return mesh, pv.PolyData()
    names = structure_names(mesh)
    chosen = np.array([name.startswith(prefixes) for name in names])
    inside = chosen[np.asarray(mesh.cell_data["structure_index"])]
    parts = []
    for keep in (~inside, inside):  # every point kept, as _body_surface does: the ids stay valid
        part = pv.PolyData.from_regular_faces(mesh.points, mesh.regular_faces[keep])
        part.cell_data["structure_index"] = np.asarray(mesh.cell_data["structure_index"])[keep]
        part.field_data["structure_names"] = mesh.field_data["structure_names"]
        parts.append(part)
    return parts[0], parts[1]


def _nerve_tubes(nerves: pv.PolyData) -> pv.PolyData:
    """The nerves as tubes, from every NERVE_POINT_STEP-th centreline point (the lines are
    sampled every 3 mm: 110k triangles and a third of a frame on llvmpipe, for a thin tube)."""
    if nerves.n_cells == 0:
        return nerves
    points = np.asarray(nerves.points)
    keep: list[np.ndarray] = []
    for cell in range(nerves.n_cells):
        ids = np.asarray(nerves.get_cell(cell).point_ids)
        picked = ids[::NERVE_POINT_STEP]
        keep.append(picked if picked[-1] == ids[-1] else np.append(picked, ids[-1]))
    thinned = pv.PolyData(points, lines=np.concatenate([[len(ids), *ids] for ids in keep]))
    thinned.point_data["radius"] = nerves.point_data["radius"]
    thinned.cell_data["structure_index"] = nerves.cell_data["structure_index"]
    thinned.field_data["structure_names"] = nerves.field_data["structure_names"]
    tubes: pv.PolyData = thinned.tube(scalars="radius", absolute=True, n_sides=NERVE_TUBE_SIDES)
    return tubes


def _base_colours(n_cells: int, named: NamedCells, material: Material) -> np.ndarray:
    colours = np.tile(hex_to_rgb(material.color), (n_cells, 1))
    if material is STRUCTURE:
        for name, cells in named.cells.items():
            prefix = next((p for p in STRUCTURE_COLOURS if name.startswith(p)), None)
            if prefix:
                colours[cells] = hex_to_rgb(STRUCTURE_COLOURS[prefix])
    return colours


def _keep_normals(mesh: pv.PolyData) -> pv.PolyData:
    """The mesh, in place, with the point normals PyVista's smooth shading works out for it,
    computed once and kept. Without them its smooth-shading filter computes them again (and
    re-winds the triangles, so the GPU's index buffers are built again) whenever any array of
    the mesh changes: on every touch, for the skin's and the lit structures' new colours."""
    if mesh.n_cells > mesh.n_verts + mesh.n_lines and mesh.point_data.active_normals is None:
        mesh.copy_from(mesh.compute_normals(cell_normals=False, split_vertices=False), deep=False)
    return mesh


def _feed(mapper: vtkMapper, mesh: pv.PolyData) -> None:
    """Give a mapper a new mesh at the head of its pipeline (PyVista puts a smooth-shading filter
    between the mesh and the mapper)."""
    algorithm: vtkAlgorithm = mapper
    upstream = algorithm.GetInputAlgorithm()
    while upstream is not None and not upstream.IsA("vtkTrivialProducer"):
        algorithm, upstream = upstream, upstream.GetInputAlgorithm()
    algorithm.SetInputDataObject(mesh)


class AnatomyScene:
    def __init__(
        self,
        plotter: pv.BasePlotter,  # pv.Plotter off screen, a QtInteractor in a window
        model: Model,
        state: ViewState | None = None,
        camera: CameraRequests | None = None,
    ) -> None:
        self.plotter = plotter
        self.model = model
        self.state = state or ViewState()
        self.camera = camera or CameraRequests()
        self.frames = Frames(plotter)
        self.skin_surface = _keep_normals(_body_surface(model.skin))
        joints, sheets = _split_named(model.structures, SHEETS)
        drawn = {
            "bones": (model.bones, BONE),
            "muscles": (model.muscles.tube(radius=MUSCLE_TUBE_RADIUS_M, n_sides=10), MUSCLE),
            "nerves": (_nerve_tubes(model.nerves), NERVE),
            "structures": (joints, STRUCTURE),
            "sheets": (sheets, SHEET),
        }
        self._set_background()
        self.colours: dict[str, ColourState] = {}
        self.meshes: dict[str, pv.PolyData] = {}
        self.actors: dict[str, pv.Actor] = {}
        for name, (mesh, material) in drawn.items():
            if mesh.n_cells == 0:
                continue
            _keep_normals(mesh)
            named = NamedCells.of(mesh)
            self.colours[name] = ColourState(_base_colours(mesh.n_cells, named, material), named)
            mesh.cell_data["rgb"] = self.colours[name].colours()
            self.meshes[name] = mesh
            self.actors[name] = self._add(mesh, material, name, scalars="rgb")
        for name in ONE_SIDED:
            if name in self.actors:
                self.actors[name].prop.culling = "back"
        self.bones_actor = self.actors["bones"]
        self.muscles_actor = self.actors["muscles"]
        self.skin_faces = self.skin_surface.regular_faces
        self.skin_layers = LayeredColours(self.skin_surface.n_cells, hex_to_rgb(SKIN.color), SKIN_LAYER_ORDER)
        self.skin_surface.cell_data["rgb"] = self.skin_layers.blend()
        self.skin_drawn = self.skin_surface  # the skin itself, or a cut of it while a map shows
        self.skin_actor = self._add(self.skin_surface, SKIN, "skin", scalars="rgb")
        # only the near side of the see-through skin: one layer of skin over the inside, never
        # the far side blended on top of it, and half the fragments to draw
        self.skin_actor.prop.culling = "back"
        # With one layer of see-through skin, plain blending draws what order-independent
        # translucency draws, at a third less per frame on llvmpipe (84 -> 48 ms at 632×749).
        plotter.renderer.SetUseOIT(False)
        self._apply_state()
        # While the view moves each layer draws a coarse copy (app/scene/coarse.py), started in
        # spare time once the window is up (the first frame has the cores to itself).
        self._full_mappers: dict[str, vtkMapper] = {name: actor.GetMapper() for name, actor in self._drawn_actors()}
        self._coarse: dict[str, CoarseCopy] = {}
        self._coarse_shapes: ShapeMaker | None = None
        self._coarse_coming: list[str] = []  # the layers whose shapes are still to take
        self.frames.in_spare_time(self._start_coarse_copies)
        self.frames.quality_changed.connect(self._on_quality_change)

        self._connections: list[tuple[SignalInstance, Callable[..., None]]] = [
            (self.state.events.skin_opacity, self._on_skin_opacity_change),
            *((getattr(self.state.events, field), self._on_layers_change) for field in LAYER_FIELDS),
            (self.state.events.high_contrast, self._on_contrast_change),
            (self.state.events.text_scale, self._on_text_scale_change),
            (self.camera.view_requested, self.set_view),
            (self.camera.facing_requested, self.face),
            (self.camera.reset_requested, self.reset_view),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)
        self.set_view("anterior")

    def _add(self, mesh: pv.PolyData, material: Material, name: str, scalars: str | None = None) -> pv.Actor:
        return self.plotter.add_mesh(
            mesh,
            name=name,
            color=material.color,
            smooth_shading=True,
            specular=material.specular,
            specular_power=material.specular_power,
            opacity=material.opacity,
            ambient=material.ambient,
            diffuse=material.diffuse,
            scalars=scalars,
            rgb=scalars is not None,
            show_scalar_bar=False,
            reset_camera=False,
        )

    def add_overlay(self, mesh: pv.DataSet, name: str, **style: Any) -> pv.Actor:
        """A mesh drawn over the body (markers, paths, labels' anchors): never picked, never
        moving the camera, and only a frame requested."""
        actor: pv.Actor = self.plotter.add_mesh(
            mesh, name=name, reset_camera=False, pickable=False, render=False, **style
        )
        return actor

    def light(self, lit: dict[str, str]) -> None:
        """Colour the named structures (name -> colour) and dim the rest; `{}` restores all."""
        for name, state in self.colours.items():
            mine = {s: c for s, c in lit.items() if s in state.named.cells}
            if (mine, bool(lit)) == (state.lit, state.dimmed):
                continue
            state.lit, state.dimmed = mine, bool(lit)
            self.meshes[name].cell_data["rgb"] = state.colours()
            self._recolour_coarse(name)

    def set_skin_layer(
        self, name: str, point_mask: np.ndarray | None, colour: str = "#ffffff", opacity: float = 1.0
    ) -> None:
        """Tint the skin where `point_mask` holds (a triangle counts when two corners do); None removes."""
        if point_mask is None or not point_mask.any():
            self.skin_layers.remove_layer(name)
            return
        weights = (point_mask[self.skin_faces].sum(axis=1) >= 2).astype(float)
        self.skin_layers.set_layer(name, hex_to_rgb(colour), weights, opacity)

    def refresh_skin(self) -> None:
        """Re-blend the skin's colour layers into the one skin mesh (no new actors); colours
        that did not change are not sent again (a touch in the same dermatome, a cleared map)."""
        colours = self.skin_layers.blend()
        if not np.array_equal(colours, self.skin_drawn.cell_data["rgb"]):
            self.skin_drawn.cell_data["rgb"] = colours
            self._recolour_coarse("skin")

    def draw_skin_cut(self, cut: pv.PolyData | None) -> None:
        """Draw the skin cut along a map's boundaries (`overlays.cut_along_labels`), or whole
        (None); the same actor, so picking and the layers carry on."""
        drawn = cut if cut is not None else self.skin_surface
        if drawn is self.skin_drawn:
            return
        self.skin_layers.set_cells(np.asarray(cut.cell_data["orig_cell"]) if cut is not None else None)
        _keep_normals(drawn)
        drawn.cell_data["rgb"] = self.skin_layers.blend()
        _feed(self._full_mappers["skin"], drawn)
        self.skin_drawn = drawn
        self._recolour_coarse("skin")

    # -- coarse copies while moving ---------------------------------------------------------
    def _drawn_actors(self) -> list[tuple[str, pv.Actor]]:
        return [*self.actors.items(), ("skin", self.skin_actor)]

    def _full_mesh(self, name: str) -> pv.PolyData:
        return self.skin_surface if name == "skin" else self.meshes[name]

    def _start_coarse_copies(self) -> None:
        """Have the worker make the coarse shapes, the biggest first, and take them as they come."""
        names = sorted(self._full_mappers, key=lambda n: -self._full_mesh(n).n_cells)
        self._coarse_shapes = kept_shapes(self.model, {name: self._full_mesh(name) for name in names})
        self._coarse_coming = names
        self._take_coarse_copies()

    def _take_coarse_copies(self) -> None:
        assert self._coarse_shapes is not None
        made = self._coarse_shapes.made()
        done = [name for name in self._coarse_coming if name in made]
        for name in done:
            self._coarse_coming.remove(name)
            shape = made[name]
            if shape is not None:
                self._coarse[name] = CoarseCopy.of(shape, self._full_mappers[name])
                self._recolour_coarse(name)
        if self._coarse_coming or not self._coarse_shapes.done:  # until the worker is reaped too
            self.frames.in_spare_time(self._take_coarse_copies)  # look again in a moment
        quality = self.frames.quality
        if done and quality is not None:
            self._on_quality_change(quality)

    def _recolour_coarse(self, name: str) -> None:
        """Give a layer's coarse copy the colours its full mesh has now (the skin's per skin
        cell, through the map's cut when one is drawn)."""
        copy = self._coarse.get(name)
        if copy is None:
            return
        if name != "skin" or self.skin_layers.cells is None:
            copy.take_colours(np.asarray(self._full_mesh(name).cell_data["rgb"]))
            return
        per_cell = np.asarray(self.skin_surface.cell_data["rgb"]).copy()
        per_cell[self.skin_layers.cells] = np.asarray(self.skin_drawn.cell_data["rgb"])
        copy.take_colours(per_cell)

    def cells_drawn(self) -> int:
        """Cells the shown layers draw now (fewer while the view moves, once the copies are made)."""
        return sum(
            actor.GetMapper().GetInput().GetNumberOfCells() for _, actor in self._drawn_actors() if actor.visibility
        )

    def _on_quality_change(self, quality: Quality) -> None:
        for name, actor in self._drawn_actors():
            copy = self._coarse.get(name)
            actor.SetMapper(copy.mapper if copy is not None and quality.coarse else self._full_mappers[name])

    def draw_from_event_loop(self, wake: Callable[[float], None], present: Callable[[], None]) -> None:
        """Draw on screen: frames come from the host's event loop (see `Frames.attach`), cheap
        while the camera moves, with FXAA at rest instead of multisampling."""
        window, interactor = self.plotter.ren_win, self.plotter.iren
        assert window is not None, "drawn on a closed plotter"
        assert interactor is not None, "drawn from an event loop: the plotter has an interactor"
        window.SetMultiSamples(0)
        self.frames.follow_interactor(interactor.interactor)
        self.frames.attach(wake, present)

    def close(self) -> None:
        self.frames.quality_changed.disconnect(self._on_quality_change)
        self.frames.close()
        if self._coarse_shapes is not None:  # an unfinished worker stops with the last window using it
            let_go(self.model, self._coarse_shapes)
            self._coarse_shapes = None
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()

    # -- state → actors -------------------------------------------------------------------
    def _apply_state(self) -> None:
        self.skin_actor.prop.opacity = self.state.skin_opacity
        self.skin_actor.visibility = self.state.show_skin and self.state.skin_opacity > 0.0
        for layer, actor in self.actors.items():
            actor.visibility = getattr(self.state, LAYER_SWITCHES.get(layer, f"show_{layer}"))

    def _on_skin_opacity_change(self, _value: float) -> None:
        self._apply_state()
        self.frames.request()

    def _on_layers_change(self, _value: bool) -> None:
        self._apply_state()
        self.frames.request()

    def _set_background(self) -> None:
        bottom, top = HIGH_CONTRAST_BACKGROUND if self.state.high_contrast else BACKGROUND
        self.plotter.renderer.set_background(bottom, top=top)  # the one renderer

    def _on_contrast_change(self, _value: bool) -> None:
        self._set_background()
        self.frames.request()

    def _on_text_scale_change(self, _scale: float) -> None:
        self.frames.request()  # the labels are placed again, at the new size, before the frame

    def text_px(self, base_px: int) -> int:
        """A label's font size in 3D at the presenter's text size (`ViewState.text_scale`)."""
        return round(base_px * self.state.text_scale)

    # -- camera (app/scene/camera_moves.py): each move asks for one frame ------------------
    def face(self, direction: tuple[float, float, float]) -> None:
        """Look at the whole body from any direction (a quiz turns it to its spot), framed as a view."""
        camera_moves.face(self.plotter, self.model.skin, direction)
        self.frames.request()

    def set_view(self, view: str) -> None:
        camera_moves.show_view(self.plotter, self.model.skin, view)
        self.frames.request()

    def reset_view(self) -> None:
        self.set_view("anterior")

    def turn(self, azimuth_deg: float = 0.0, elevation_deg: float = 0.0) -> None:
        """Turn the body round its vertical axis and tip it toward or away (the arrow keys)."""
        camera_moves.turn(self.plotter, azimuth_deg, elevation_deg)
        self.frames.request()

    def dolly(self, factor: float) -> None:
        """Move the camera toward the focal point (factor > 1) or away (a pinch)."""
        camera_moves.dolly(self.plotter, factor)
        self.frames.request()

    def pan(self, dx: float, dy: float) -> None:
        """Move the camera in the view plane so the body follows a drag of (dx, dy) display pixels."""
        camera_moves.pan(self.plotter, dx, dy)
        self.frames.request()

    def zoom(self, factor: float) -> None:
        camera_moves.zoom(self.plotter, factor)
        self.frames.request()

    def camera_direction(self) -> np.ndarray:
        """Unit vector from the focal point toward the eye (for tests and the status line)."""
        return camera_moves.direction(self.plotter)
