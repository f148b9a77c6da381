"""The skeleton posed (issue 24): bones turn about joint centres, children follow their parents.

`Skeleton` holds the rest geometry: the segments (pelvis, each lumbar vertebra, and per leg the
thigh, shin, talus, foot and toes), their joints and centres (hip, knee and ankle centres, the
malleoli and metatarsal heads from landmarks.json; the lumbar joints at the discs' centres; the
subtalar centre under the ankle's), and which segment each bone belongs to. `transforms` turns a
pose at a phase into one rigid (or, for a shortened shin, scaled) map per segment, chained from
the pelvis down: x' = A x + b. A joint's centre is where both its segments put it.

`PoseView` applies them to a scene's drawn meshes: each point of the nerves, muscles, joints and
sheets follows the bone nearest it at rest, and the coarse copies are moved while a pose plays.
Nothing here imports Qt; frames are requested, never drawn (DESIGN.md §6).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyvista as pv
from psygnal import Signal
from vtkmodules.vtkCommonDataModel import vtkStaticPointLocator

from app.domain.poses import POSED_SIDE, JointMotion, Pose, loop_phase, motions_at, moving_steps
from app.scene.assets import Model, structure_names
from app.scene.overlays import hex_to_rgb
from app.scene.scene import AnatomyScene

LUMBAR = ("L1", "L2", "L3", "L4", "L5")
SIDES = ("left", "right")
LEG = ("femur", "tibia", "talus", "foot", "toes")  # proximal to distal
SEGMENT_OF_BONE = {
    "sacrum": "pelvis", "pelvis_left": "pelvis", "pelvis_right": "pelvis", "vertebra_T12": "L1",
    **{f"vertebra_{level}": level for level in LUMBAR},
    **{f"{bone}_{side}": f"{seg}_{side}" for side in SIDES
       for bone, seg in (("femur", "femur"), ("patella", "femur"), ("tibia", "tibia"), ("fibula", "tibia"),
                         ("talus", "talus"), ("foot", "foot"), ("toes", "toes"))},
}  # fmt: skip
JOINT_OF = {"femur": "hip", "tibia": "knee", "talus": "ankle", "foot": "subtalar", "toes": "toes"}
SUBTALAR_DROP_M = 0.025  # the subtalar joint lies about this far below the ankle centre (talus height)
SEE_THROUGH_SKIN = 0.12  # the skin's opacity while the skeleton is posed
PLAY_PERIOD_S = 4.0  # one 0 → 1 → 0 loop
# a step's evidence, surest darkest (viridis-like: told apart in every colour-vision type by lightness)
EVIDENCE_COLOURS = {"strong": "#2c7fb8", "moderate": "#41b6c4", "limited": "#a1dab4", "weak": "#ffffcc"}
# the ring lighting a moving joint: round the bones there, as seen from the front and the side
RING_RADIUS_M = {"lumbar": 0.07, "pelvis": 0.15, "hip": 0.06, "knee": 0.06, "tibia": 0.05, "ankle": 0.05,
                 "subtalar": 0.055, "toes": 0.05}  # fmt: skip
RING_TUBE_M = 0.005
NOTE_FONT_PX = 12  # the note on the view ("angles drawn 3×"), at the presenter's text size 1
NOTE_COLOUR = "#f2f2f2"  # on the dark background of both themes
# where a joint's ring sits: the segment that turns there (its centre), on the posed side
JOINT_SEGMENT = {"lumbar": "L3", "pelvis": "pelvis", "hip": "femur", "knee": "tibia", "tibia": "tibia",
                 "ankle": "talus", "subtalar": "foot", "toes": "toes"}  # fmt: skip


def rotation(axis: np.ndarray, degrees: float) -> np.ndarray:
    """Rodrigues: the matrix turning `degrees` about the unit `axis` (right-hand rule)."""
    x, y, z = axis / np.linalg.norm(axis)
    k = np.array([[0.0, -z, y], [z, 0.0, -x], [-y, x, 0.0]])
    a = math.radians(degrees)
    turn: np.ndarray = np.eye(3) + math.sin(a) * k + (1.0 - math.cos(a)) * (k @ k)
    return turn


def _mirror(axis: np.ndarray) -> np.ndarray:
    """A right-side rotation axis as the left side's: reflect x, and the turn's sense with it."""
    return np.array([axis[0], -axis[1], -axis[2]])


@dataclass(frozen=True)
class Segment:
    name: str
    parent: str | None
    joint: str | None  # the joint (MOTIONS key) between it and its parent
    centre: np.ndarray  # that joint's centre at rest


@dataclass(frozen=True)
class Affine:
    """x' = matrix @ x + offset; `turn` is the rotation alone (what its children inherit)."""

    matrix: np.ndarray
    offset: np.ndarray
    turn: np.ndarray

    def apply(self, points: np.ndarray) -> np.ndarray:
        moved: np.ndarray = points @ self.matrix.T + self.offset
        return moved


EYE = np.eye(3)
EYE.flags.writeable = False


class Skeleton:
    """The model's bones as a chain of segments rooted at the pelvis."""

    def __init__(self, model: Model) -> None:
        marks = {name: np.asarray(xyz, float) for name, xyz in model.landmarks.items()}
        discs = _centres(model.structures, [f"disc_{a}_{b}" for a, b in zip(LUMBAR, (*LUMBAR[1:], "S1"), strict=True)])
        self.bones = model.bones
        segments = [Segment("pelvis", None, None, (marks["hip_centre_left"] + marks["hip_centre_right"]) / 2)]
        parent = "pelvis"
        for level in reversed(LUMBAR):  # L5 sits on the sacrum, L4 on L5 …
            below = "S1" if level == "L5" else LUMBAR[LUMBAR.index(level) + 1]
            segments.append(Segment(level, parent, "lumbar", discs[f"disc_{level}_{below}"]))
            parent = level
        self.axes: dict[str, dict[str, np.ndarray]] = {}
        self.hip_centres = {side: marks[f"hip_centre_{side}"] for side in SIDES}
        for side in SIDES:
            ankle = marks[f"ankle_centre_{side}"]
            centres = {
                "femur": marks[f"hip_centre_{side}"], "tibia": marks[f"knee_centre_{side}"], "talus": ankle,
                "foot": ankle - np.array([0.0, 0.0, SUBTALAR_DROP_M]),
                "toes": (marks[f"metatarsal_head_1_{side}"] + marks[f"metatarsal_head_5_{side}"]) / 2,
            }  # fmt: skip
            parent = "pelvis"
            for bone in LEG:
                segments.append(Segment(f"{bone}_{side}", parent, JOINT_OF[bone], centres[bone]))
                parent = f"{bone}_{side}"
            mirror = np.array([1.0 if side == "right" else -1.0, 1.0, 1.0])
            self.axes[side] = {
                "mediolateral": np.array([1.0, 0.0, 0.0]), "anteroposterior": np.array([0.0, 1.0, 0.0]),
                "vertical": np.array([0.0, 0.0, 1.0]),
                # landmark axes written as the right side's (the left's are mirrored like all of them)
                "talocrural": _unit((marks[f"lateral_malleolus_{side}"] - marks[f"medial_malleolus_{side}"]) * mirror),
                "metatarsal": _unit((marks[f"metatarsal_head_5_{side}"] - marks[f"metatarsal_head_1_{side}"]) * mirror),
                "femoral": _unit((centres["femur"] - centres["tibia"]) * mirror),
                "tibial": _unit((centres["tibia"] - ankle) * mirror),
                "length": _unit(ankle - centres["tibia"]),
            }  # fmt: skip
        self.segments = {s.name: s for s in segments}
        self.names = [s.name for s in segments]  # parents before children
        # the joints whose motions turn a segment: its own joint's, and its bone's (a shin's length);
        # the other side's segments stand still
        self._own_joints = {
            s.name: {s.joint, s.name.split("_")[0]} if s.name.rsplit("_", 1)[-1] in (s.name, POSED_SIDE) else set()
            for s in segments
        }
        names = structure_names(model.bones)
        index = {name: self.names.index(SEGMENT_OF_BONE[name]) for name in names if name in SEGMENT_OF_BONE}
        cell_segment = np.array([index.get(name, 0) for name in names])[
            np.asarray(model.bones.cell_data["structure_index"])
        ]
        self.bone_segment = np.zeros(model.bones.n_points, dtype=np.int64)
        self.bone_segment[model.bones.regular_faces.ravel()] = np.repeat(cell_segment, 3)
        self._locator = vtkStaticPointLocator()
        self._locator.SetDataSet(model.bones)
        self._locator.BuildLocator()

    def joint_at(self, joint: str) -> tuple[str, np.ndarray]:
        """The segment that turns at `joint` on the posed side and the joint's centre at rest
        (a shin's shortening: the middle of the shin)."""
        name = JOINT_SEGMENT[joint]
        segment = self.segments.get(name) or self.segments[f"{name}_{POSED_SIDE}"]
        if joint == "tibia":
            return segment.name, (segment.centre + self.segments[f"talus_{POSED_SIDE}"].centre) / 2
        return segment.name, segment.centre

    def segment_of_points(self, points: np.ndarray) -> np.ndarray:
        """Per point, the segment of the bone point nearest it (what a nerve or muscle moves with)."""
        find = self._locator.FindClosestPoint
        return self.bone_segment[np.fromiter((find(p) for p in np.asarray(points, float)), np.int64, len(points))]

    def transforms(self, pose: Pose | None, phase: float) -> dict[str, Affine]:
        """One map per segment for `pose` at `phase` on the posed side (None or phase 0: rest)."""
        motions = motions_at(pose, phase) if pose is not None else []
        out: dict[str, Affine] = {"pelvis": self._pelvis([m for m in motions if m.joint == "pelvis"])}
        for name in self.names[1:]:
            seg = self.segments[name]
            assert seg.parent is not None
            parent = out[seg.parent]
            turn, scale = EYE, EYE
            for m in motions:
                if m.joint not in self._own_joints[name]:
                    continue
                if m.axis == "length":
                    axis = self.axes[POSED_SIDE]["length"]
                    length = float(np.linalg.norm(self.segments[f"talus_{POSED_SIDE}"].centre - seg.centre))
                    scale = EYE - (m.size / 1000.0 / length) * np.outer(axis, axis)
                else:
                    turn = turn @ self._turn(m, name, share=len(LUMBAR) if seg.joint == "lumbar" else 1)
            # the thighs stand: a pelvis motion does not swing them (their hip steps turn them)
            whole = turn if seg.joint == "hip" else parent.turn @ turn
            matrix = whole @ scale
            origin = parent.matrix @ seg.centre + parent.offset
            out[name] = Affine(matrix, origin - matrix @ seg.centre, whole)
        return out

    def _turn(self, motion: JointMotion, segment: str, share: int = 1) -> np.ndarray:
        side = segment.rsplit("_", 1)[1] if "_" in segment else None
        axis = self.axes[side or POSED_SIDE][motion.axis]
        if (side or POSED_SIDE) == "left":
            axis = _mirror(axis)
        return rotation(axis, motion.size / share)

    def _pelvis(self, motions: list[JointMotion]) -> Affine:
        turn = EYE
        pivot = self.segments["pelvis"].centre
        for m in motions:
            turn = turn @ self._turn(m, "pelvis")
            if m.axis == "anteroposterior":  # a drop pivots on the standing hip (content/poses.yaml)
                # signs are the posed side's: a negative turn drops the other side
                pivot = self.hip_centres[POSED_SIDE if m.size < 0 else _other(POSED_SIDE)]
        return Affine(turn, pivot - turn @ pivot, turn)


def _ring(radius: float) -> tuple[np.ndarray, np.ndarray]:
    """A flat ring about the origin, round the vertical (a bracelet round a joint): points, triangles."""
    torus = pv.ParametricTorus(ringradius=radius, crosssectionradius=RING_TUBE_M, u_res=36, v_res=8, w_res=2)
    torus = torus.triangulate()
    return np.asarray(torus.points).copy(), torus.regular_faces.copy()


def _other(side: str) -> str:
    return "right" if side == "left" else "left"


def _unit(vector: np.ndarray) -> np.ndarray:
    return np.asarray(vector, float) / float(np.linalg.norm(vector))


def _centres(mesh: pv.PolyData, names: list[str]) -> dict[str, np.ndarray]:
    """The mean of each named structure's points."""
    all_names = structure_names(mesh)
    cells = np.asarray(mesh.cell_data["structure_index"])
    faces = mesh.regular_faces
    return {
        name: np.asarray(mesh.points)[np.unique(faces[cells == all_names.index(name)])].mean(axis=0) for name in names
    }


def stacked(maps: list[Affine]) -> tuple[np.ndarray, np.ndarray]:
    """The segments' maps as arrays: per segment [matrix | offset] (3×4) and its turn (3×3)."""
    affines, turns = np.empty((len(maps), 3, 4)), np.empty((len(maps), 3, 3))
    for index, m in enumerate(maps):
        affines[index, :, :3], affines[index, :, 3], turns[index] = m.matrix, m.offset, m.turn
    return affines, turns


@dataclass
class _Moved:
    """One mesh that follows the skeleton. Found once: its points sorted by segment (`order`, one
    run of it per segment) with their rest coordinates and normals in that order. A frame turns
    each run whose segment's map changed with one matrix product, writes it into the mesh's own
    arrays and marks them modified (what has the renderer upload them again)."""

    mesh: pv.PolyData
    order: np.ndarray
    runs: list[tuple[int, int, int]]  # (segment, first, last + 1) in `order`
    rest: np.ndarray  # (n, 3), in `order`
    normals: np.ndarray | None  # (n, 3), in `order`: the active normals (a tube's too)
    placed: np.ndarray | None = None  # the maps the mesh shows now (None: at rest, as made)

    @classmethod
    def of(cls, mesh: pv.PolyData, segment: np.ndarray) -> _Moved:
        order = np.argsort(segment, kind="stable")
        ends = np.flatnonzero(np.diff(segment[order])) + 1
        starts, stops = np.r_[0, ends], np.r_[ends, len(order)]
        runs = [(int(segment[order[a]]), int(a), int(b)) for a, b in zip(starts, stops, strict=True) if b > a]
        normals = mesh.point_data.active_normals
        return cls(
            mesh, order, runs, np.asarray(mesh.points, float)[order],
            None if normals is None else np.asarray(normals, float)[order],
        )  # fmt: skip

    def place(self, affines: np.ndarray, turns: np.ndarray) -> None:
        """Put each point where its segment's map takes it (`stacked` maps, by segment)."""
        changed = np.ones(len(affines), bool) if self.placed is None else (affines != self.placed).any(axis=(1, 2))
        if not changed.any():
            return
        points = np.asarray(self.mesh.points)  # views of the mesh's own arrays, not kept
        active = self.mesh.point_data.active_normals
        normals = None if active is None or self.normals is None else np.asarray(active)
        for segment, first, stop in self.runs:
            if changed[segment]:
                ids = self.order[first:stop]
                affine = affines[segment]
                points[ids] = self.rest[first:stop] @ affine[:, :3].T + affine[:, 3]
                if normals is not None and self.normals is not None:
                    normals[ids] = self.normals[first:stop] @ turns[segment].T
        self.placed = affines.copy()
        # what the renderer looks at to upload them again (the mesh's own time is not enough)
        self.mesh.GetPoints().GetData().Modified()
        if normals is not None:
            self.mesh.GetPointData().GetNormals().Modified()


class PoseView:
    """A scene's skeleton posed: `show(pose, phase)` at once, or `play(pose)` looped in time.

    While posed the skin is see-through (through the view state, given back at rest), a ring
    coloured by its evidence lights each joint as its step moves, and `note` (how much the angles
    are exaggerated) is written on the view."""

    moved = Signal(float)  # the phase just shown (every frame while it plays)

    def __init__(self, scene: AnatomyScene, skeleton: Skeleton, clock: Callable[[], float] = time.perf_counter) -> None:
        self.scene = scene
        self.skeleton = skeleton
        self.clock = clock
        self.pose: Pose | None = None
        self.phase = 0.0
        self.note = ""
        self._full = {name: self._follow(mesh, bones=name == "bones") for name, mesh in scene.meshes.items()}
        self._coarse: dict[str, _Moved] = {}
        self._skin_opacity: float | None = None  # the skin's opacity before it went see-through
        self._started = 0.0
        self._playing = False
        self._rings = {joint: _ring(radius) for joint, radius in RING_RADIUS_M.items()}
        self._lit_joints: tuple[tuple[str, str], ...] = ()  # (joint, evidence) lit now
        self._lit_mesh: pv.PolyData | None = None
        first = self._rings_mesh((("knee", "weak"),), [self._rings["knee"][0]])
        self._lit = scene.plotter.add_mesh(
            first, scalars="rgb", rgb=True, ambient=0.6, name="pose_joints", reset_camera=False, pickable=False,
            render=False,
        )  # fmt: skip
        self._lit.visibility = False
        self._text: object | None = None

    @property
    def playing(self) -> bool:
        return self._playing

    def _rings_mesh(self, lit: tuple[tuple[str, str], ...], points: list[np.ndarray]) -> pv.PolyData:
        faces, offset = [], 0
        for (joint, _evidence), placed in zip(lit, points, strict=True):
            faces.append(self._rings[joint][1] + offset)
            offset += len(placed)
        mesh: pv.PolyData = pv.PolyData.from_regular_faces(np.concatenate(points), np.concatenate(faces))
        mesh.point_data["rgb"] = np.concatenate(
            [
                np.tile(hex_to_rgb(EVIDENCE_COLOURS[evidence]), (len(p), 1))
                for (_j, evidence), p in zip(lit, points, strict=True)
            ]
        )
        return mesh

    def _follow(self, mesh: pv.PolyData, bones: bool = False) -> _Moved:
        """`bones`: the full bones mesh, whose points' segments are known; any other mesh's
        points (a coarse copy of the bones too) take the segment of the nearest bone point."""
        return _Moved.of(mesh, self.skeleton.bone_segment if bones else self.skeleton.segment_of_points(mesh.points))

    def _coarse_moved(self) -> dict[str, _Moved]:
        """The coarse copies made so far (each followed once; made in spare time by the scene)."""
        for name, copy in self.scene._coarse.items():  # noqa: SLF001 - the copies are the scene's
            if name in self.scene.meshes and name not in self._coarse:
                self._coarse[name] = self._follow(copy.mesh)
        return self._coarse

    def show(self, pose: Pose | None, phase: float, coarse: bool = False) -> None:
        """Pose the skeleton (None: at rest, skin as it was); `coarse` moves the coarse copies
        (the frames drawn while it plays) and only the full meshes that have none yet, else all."""
        self.pose, self.phase = pose, phase
        maps = self.skeleton.transforms(pose, phase)
        affines, turns = stacked([maps[name] for name in self.skeleton.names])
        copies = self._coarse_moved()
        full = [m for name, m in self._full.items() if not coarse or name not in copies]
        for moved in (*full, *copies.values()):
            moved.place(affines, turns)
        self._see_through(pose is not None)
        self._light_joints(maps)
        self.scene.frames.request()
        self.moved.emit(phase)

    def _see_through(self, on: bool) -> None:
        state = self.scene.state
        if on and self._skin_opacity is None:
            self._skin_opacity = state.skin_opacity
            state.skin_opacity = min(state.skin_opacity, SEE_THROUGH_SKIN)
        elif not on and self._skin_opacity is not None:
            if state.skin_opacity == min(self._skin_opacity, SEE_THROUGH_SKIN):  # not changed meanwhile
                state.skin_opacity = self._skin_opacity
            self._skin_opacity = None

    def _light_joints(self, maps: dict[str, Affine]) -> None:
        """A ring round each joint whose step is under way, in its evidence's colour; the note.
        The rings' mesh is made again only when the lit joints change; between, its points move."""
        steps = moving_steps(self.pose, self.phase) if self.pose is not None and self.phase > 0 else []
        lit = tuple((s.joint, s.evidence) for s in {s.joint: s for s in reversed(steps)}.values())  # first step wins
        points = []
        for joint, _evidence in lit:
            segment, centre = self.skeleton.joint_at(joint)
            affine = maps[segment]
            points.append(self._rings[joint][0] @ affine.turn.T + affine.apply(centre[None])[0])
        if lit != self._lit_joints:
            self._lit_joints = lit
            self._lit_mesh = self._rings_mesh(lit, points) if lit else None
            if self._lit_mesh is not None:
                self._lit.mapper.SetInputData(self._lit_mesh)
        elif self._lit_mesh is not None:
            self._lit_mesh.points = np.concatenate(points)
        self._lit.visibility = bool(lit)
        plotter = self.scene.plotter
        if self.pose is not None and self.note:
            if self._text is None:
                # through the class: pyvista's decorator hides the bound methods' types from mypy
                self._text = pv.BasePlotter.add_text(
                    plotter, self.note, position="lower_left", font_size=self.scene.text_px(NOTE_FONT_PX),
                    color=NOTE_COLOUR, shadow=True, name="pose_note", render=False,
                )  # fmt: skip
        elif self._text is not None:
            pv.BasePlotter.remove_actor(plotter, "pose_note", render=False)
            self._text = None

    def play(self, pose: Pose) -> None:
        """Loop 0 → 1 → 0 by the clock (frames drop, never queue) until `stop`."""
        self.stop()
        self.pose, self._started, self._playing = pose, self.clock() - self._elapsed_at(self.phase), True
        self._see_through(True)
        self.scene.frames.animate(self._step)

    @staticmethod
    def _elapsed_at(phase: float) -> float:
        """Where in the loop a phase comes first (on the way up): a play carries on from where it was."""
        return phase * PLAY_PERIOD_S / 2

    def _step(self, now: float) -> bool:
        if not self._playing or self.pose is None:
            return False
        self.show(self.pose, loop_phase(now - self._started, PLAY_PERIOD_S), coarse=True)
        return True

    def stop(self) -> None:
        """Stop playing; the full meshes take the last phase shown."""
        if self._playing:
            self._playing = False
            self.scene.frames.stop(self._step)
            self.show(self.pose, self.phase)

    def close(self) -> None:
        """Stop, and the skeleton and the skin back as they were."""
        self.stop()
        if self.pose is not None or self._skin_opacity is not None:
            self.show(None, 0.0)
