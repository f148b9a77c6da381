"""Shows an `Explorer` on the 3D body: touch markers, lit sources, paths, the pulse, reverse maps.

A picked skin vertex becomes a domain `Touch` here (STYLE.md habit 3); picking itself is
app/scene/picking.py. Nothing above the scene sees VTK.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyvista as pv
from psygnal import Signal, SignalInstance
from vtkmodules.vtkCommonDataModel import vtkStaticCellLocator

from app.domain.effects import Effects, reach_tiers
from app.domain.explorer import Explorer, Touch
from app.domain.ranking import Candidate
from app.scene.highlight import MECHANISM_COLOURS, PathBuilder, arc_position, geometry_names
from app.scene.kinetic_chain import ChainStep, chain_mesh, chain_steps, label_points, source_level
from app.scene.overlays import cut_along_labels, hex_to_rgb
from app.scene.picking import Picker, built_locator, first_hit
from app.scene.scene import AnatomyScene
from app.scene.skin_labels import SkinLabels

MARKER_RADIUS_M = 0.012
PATH_WIDTH_PX = 5
SELECTED_PATH_WIDTH_PX = 9
PULSE_RADIUS_M = 0.014
PULSE_S = 1.4  # the pulse runs from the source to the spot in this time, whatever the frame rate
PULSE_FRAME_BUDGET_S = 0.125  # slower frames than this (8 fps) would make the pulse jump: no pulse
MAX_PATHS = 4  # more lines than this turn the picture into a tangle
REACH_LAYER = "reach"
CHAIN_FONT_PX = 12  # the kinetic chain's evidence labels, at the presenter's text size 1
REACH_TIER_OPACITY = (0.0, 0.25, 0.45, 0.75)  # how strongly the reverse view tints each tier of place
TOUCH_LAYER = "touched"
REACH_CUTS_KEPT = 4


class ExplorerView:
    """Follows the explorer: a change only marks the picture stale and asks for a frame; the
    highlight is worked out and the actors updated just before that frame, so the words show
    first and a burst of changes costs one update. The actors are made once and reused."""

    pulse_skipped = Signal(float)  # seconds a frame takes here, over PULSE_FRAME_BUDGET_S

    def __init__(self, scene: AnatomyScene, explorer: Explorer, labels: SkinLabels) -> None:
        self.scene = scene
        self.explorer = explorer
        self.labels = labels
        model = scene.model
        self.paths = PathBuilder.from_meshes(model.nerves, [model.bones, model.muscles, model.structures])
        self.geometry = set(self.paths.centres) | {n for s in scene.colours.values() for n in s.named.cells}
        self.path_points: dict[str, np.ndarray] = {}
        self.picker = Picker(scene, labels, explorer.knowledge)
        self.words = explorer.knowledge.in_language("en")  # the labels' language (the window sets its own)
        self._marker = pv.Sphere(radius=MARKER_RADIUS_M)  # made once: a new sphere took ~3 ms a touch
        self._markers = scene.add_overlay(self._marker.copy(), "touch_markers", color="#ffffff", ambient=0.5)
        self._path_actors = [
            scene.add_overlay(pv.lines_from_points(np.zeros((2, 3))), f"path_{i}", render_lines_as_tubes=True)
            for i in range(MAX_PATHS)
        ]
        self._pulse_actor = scene.add_overlay(pv.Sphere(radius=PULSE_RADIUS_M), "pulse", color="#ffffff", ambient=0.8)
        self._chain_actor = scene.add_overlay(
            pv.Arrow(), "kinetic_chain", color=MECHANISM_COLOURS["biomechanical"], ambient=0.4
        )
        self.chain: list[ChainStep] = []  # the kinetic chain of the source shown, drawn as arrows
        self._chain_locator: vtkStaticCellLocator | None = None  # for a click on the arrows
        for actor in (self._markers, *self._path_actors, self._pulse_actor, self._chain_actor):
            actor.visibility = False
        self._stale = True
        self._reach_cuts: dict[str, pv.PolyData] = {}
        self._pulse_points: np.ndarray | None = None
        self._pulse_start: float | None = None
        scene.frames.before_frame(self._prepare)
        # Every change of touches or answers ends in selection_changed; the reverse view and a
        # comparison announce themselves.
        self._connections: list[tuple[SignalInstance, Callable[..., None]]] = [
            (explorer.selection_changed, self._on_explorer_event),
            (explorer.source_changed, self._on_explorer_event),
            (explorer.comparison_changed, self._on_explorer_event),
            (scene.state.events.overlay, self._on_explorer_event),  # a map takes the skin's cut over
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

    def close(self) -> None:
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()
        self.scene.frames.stop(self._pulse_step)

    def touch_vertex(self, point_id: int, add: bool = False) -> Touch:
        """Turn a skin vertex into a domain touch and hand it to the explorer."""
        touch = self.labels.touch(point_id)
        self.explorer.touch(touch, add=add)
        return touch

    # -- explorer → scene --------------------------------------------------------------------
    def _on_explorer_event(self, _value: object) -> None:
        """The latest change wins: the running pulse stops now, the next frame shows the change."""
        self._stale = True
        self._pulse_points = None
        self.scene.frames.stop(self._pulse_step)
        self.scene.frames.request()

    def _prepare(self) -> None:
        if not self._stale:
            return
        self._stale = False
        self.highlight()
        self._update_actors()
        self._start_pulse()

    def highlight(self) -> None:
        """Everything but drawing: lit structures, paths and the skin layers."""
        explorer = self.explorer
        lit: dict[str, str] = {}
        self.path_points = {}
        skin_layers = self.scene.skin_layers
        if explorer.source is not None:
            self._show_reach(explorer.source, lit)
        else:
            skin_layers.remove_layer(REACH_LAYER)
            if self.scene.state.overlay == "none":
                self.scene.draw_skin_cut(None)
            self.chain = []
        touches = explorer.touches
        if touches:
            anchor = np.asarray(touches[-1].point)
            side = touches[-1].spot.side
            comparison = explorer.comparison
            shown = [comparison.first, comparison.second] if comparison else self.explorer.lit(MAX_PATHS)
            for candidate in reversed(shown):  # the best one's colours win where sources share geometry
                colour = MECHANISM_COLOURS.get(candidate.mechanism, MECHANISM_COLOURS["referred"])
                for domain_id in candidate.path[:-1] or candidate.path:
                    for name in geometry_names(domain_id, side, self.geometry):
                        lit[name] = colour
                for name in geometry_names(candidate.source, side, self.geometry):
                    lit[name] = colour
                points = self.paths.path(candidate.path, side, anchor)
                if len(points) > 1:
                    self.path_points[candidate.id] = points
            mask = np.zeros(self.labels.points.shape[0], dtype=bool)
            for touch in touches:
                spot = touch.spot
                for dermatome in spot.dermatomes[:1]:
                    mask |= self.labels.territory_mask(f"dermatome_{dermatome}", spot.side)
            self.scene.set_skin_layer(TOUCH_LAYER, mask, "#ffffff", opacity=0.35)
        else:
            self.scene.set_skin_layer(TOUCH_LAYER, None)
        for candidate in explorer.candidates:  # urgent signs light up over everything else
            if candidate.mechanism == "urgent":
                for name in geometry_names(candidate.source, None, self.geometry):
                    lit[name] = MECHANISM_COLOURS["urgent"]
        self.scene.light(lit)

    def _show_reach(self, effects: Effects, lit: dict[str, str]) -> None:
        condition = self.explorer.knowledge.conditions.get(effects.source)
        variants = tuple(v.source for v in condition.variants) if condition is not None else ()
        self.chain = chain_steps(effects, source_level(effects, variants))
        tiers = np.zeros(self.labels.points.shape[0], dtype=np.int64)  # 0 unreached, 1 weak … 3 strong
        for place, tier in reach_tiers(effects).items():
            mask = self.labels.territory_mask(place)
            tiers[mask] = np.maximum(tiers[mask], tier)
        shade = np.asarray(REACH_TIER_OPACITY)  # by tier, 0 first
        colour = hex_to_rgb(MECHANISM_COLOURS["referred"])
        if self.scene.state.overlay == "none" and tiers.any():  # no map owns the skin's cut: cut along the reach
            cut = self._reach_cut(effects.source, tiers)
            self.scene.draw_skin_cut(cut)
            self.scene.skin_layers.set_layer(
                REACH_LAYER, colour, shade[np.asarray(cut.cell_data["label"])], 1.0, cut=True
            )
        elif tiers.any():  # over a map: a triangle takes the tier most of its corners have
            faces = self.scene.skin_faces
            self.scene.skin_layers.set_layer(REACH_LAYER, colour, shade[np.median(tiers[faces], axis=1).astype(int)])
        else:
            self.scene.skin_layers.remove_layer(REACH_LAYER)
        for structure in (effects.source, *effects.structures):
            for name in geometry_names(structure, None, self.geometry):
                lit[name] = MECHANISM_COLOURS["referred"]
        # the source itself in the colour of how it causes pain, as a touch lights it: a disc lit
        # in the reach's blue looked as it does unlit
        own = [(v.source, v.mechanism) for v in condition.variants] if condition is not None else []
        if not own and effects.links:
            own = [(effects.source, max(effects.links, key=lambda link: link.strength).mechanism)]
        for structure, mechanism in own:
            for name in geometry_names(structure, None, self.geometry):
                lit[name] = MECHANISM_COLOURS.get(mechanism, MECHANISM_COLOURS["referred"])

    def _reach_cut(self, source: str, tiers: np.ndarray) -> pv.PolyData:
        """The skin cut along the edge of what a source reaches, so the edge is a smooth curve
        rather than a saw-tooth of whole triangles (~150 ms; the last few are kept)."""
        if source not in self._reach_cuts:
            if len(self._reach_cuts) >= REACH_CUTS_KEPT:
                self._reach_cuts.pop(next(iter(self._reach_cuts)))
            self._reach_cuts[source] = cut_along_labels(self.scene.skin_surface, tiers)
        return self._reach_cuts[source]

    # -- actors --------------------------------------------------------------------------------
    def _update_actors(self) -> None:
        touches = self.explorer.touches
        if touches:
            markers = pv.PolyData(np.array([t.point for t in touches])).glyph(
                geom=self._marker, scale=False, orient=False
            )
            self._markers.mapper.SetInputData(markers)
        self._markers.visibility = bool(touches)
        selected = self.explorer.selected
        by_id = {c.id: c for c in self.explorer.candidates}
        paths = list(self.path_points.items())
        for actor, (candidate_id, points) in zip(self._path_actors, paths, strict=False):
            mechanism = by_id[candidate_id].mechanism
            actor.mapper.SetInputData(pv.lines_from_points(points))
            actor.prop.color = MECHANISM_COLOURS.get(mechanism, MECHANISM_COLOURS["referred"])
            comparison = self.explorer.comparison
            is_selected = comparison is not None or (selected is not None and candidate_id == selected.id)
            actor.prop.line_width = SELECTED_PATH_WIDTH_PX if is_selected else PATH_WIDTH_PX
            actor.visibility = True
        for actor in self._path_actors[len(paths) :]:
            actor.visibility = False
        self._update_chain()
        self.scene.refresh_skin()

    def _update_chain(self) -> None:
        plotter = self.scene.plotter
        arrows = chain_mesh(self.chain, self.paths.centres)
        self._chain_actor.visibility = arrows.n_cells > 0
        plotter.renderer.remove_actor("kinetic_chain_labels", render=False)
        self._chain_locator = None
        if arrows.n_cells == 0:
            return
        self._chain_locator = built_locator(arrows)
        self._chain_actor.mapper.SetInputData(arrows)
        points, words = label_points(self.chain, self.paths.centres, self.words)
        plotter.add_point_labels(
            points,
            words,
            name="kinetic_chain_labels",
            font_size=self.scene.text_px(CHAIN_FONT_PX),
            point_size=1,
            shape_opacity=0.7,
            always_visible=True,
            reset_camera=False,
            pickable=False,
            render=False,
        )

    def chain_at(self, x: float, y: float) -> bool:
        """Whether the kinetic chain's arrows are under display pixels (x, y)."""
        self._prepare()  # the arrows of the source shown, even before its first frame
        if self._chain_locator is None or not self._chain_actor.visibility:
            return False
        return first_hit(self._chain_locator, self.picker.view_ray(x, y)) is not None

    # -- pulse ---------------------------------------------------------------------------------
    def pulse_path(self) -> np.ndarray | None:
        """The path the pulse runs along: the selected candidate's, from the spine outward."""
        selected = self.explorer.selected
        return self.path_points.get(selected.id) if selected is not None else None

    @property
    def pulsing(self) -> bool:
        return self._pulse_points is not None

    def _start_pulse(self) -> None:
        """Run the pulse along the selected path, time-based, when frames are quick enough here."""
        self._pulse_actor.visibility = False
        self._pulse_points = None
        points = self.pulse_path()
        frames = self.scene.frames
        if points is None or not frames.live:
            return
        cost = frames.expected_cost()
        if cost is not None and cost > PULSE_FRAME_BUDGET_S:
            self.pulse_skipped.emit(cost)
            return
        self._pulse_points, self._pulse_start = points, None
        frames.animate(self._pulse_step)

    def _pulse_step(self, now: float) -> bool:
        if self._pulse_points is None:
            return False
        if self._pulse_start is None:
            self._pulse_start = now
        fraction = (now - self._pulse_start) / PULSE_S
        if fraction >= 1.0:
            self._pulse_actor.visibility = False
            self._pulse_points = None
            return False
        self._pulse_actor.position = arc_position(self._pulse_points, fraction)
        self._pulse_actor.visibility = True
        return True

    # -- camera --------------------------------------------------------------------------------
    def focus(self, candidate: Candidate) -> None:
        """Turn the camera toward a candidate's source, keeping the touched spot in view."""
        side = self.explorer.touches[-1].spot.side if self.explorer.touches else None
        names = geometry_names(candidate.source, side, self.geometry)
        centres = [self.paths.centres[n] for n in names if n in self.paths.centres]
        if not centres:
            return
        target = np.mean(centres, axis=0)
        camera = self.scene.plotter.camera
        offset = np.asarray(camera.position) - np.asarray(camera.focal_point)
        camera.focal_point = target
        camera.position = target + offset * 0.6
        self.scene.frames.request()
