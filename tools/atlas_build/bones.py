"""Bones and muscle lines from myo-sim (Rajagopal full-body model) and their registration into the skin:
bounded optimisation against the skin's signed distance (pelvis and lumbar levels; per leg thigh, shank
and foot; each toe along the skin's toe), the left leg the mirror of the right.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .geometry import (
    MIRROR,
    Affine,
    FastSignedDistance,
    about,
    polydata,
    rot_x,
    rot_z,
    rotation_between,
    rotvec,
    scaled_about,
    stretched_about,
    subsample,
)
from .skin import SkinSource

MYO_VERSION = "0.2.4"

SIDES = {"right": "r", "left": "l"}

SIGN = {"right": 1.0, "left": -1.0}  # RAS: +x is the body's right

# myo-sim body -> segment (rigid unit moved together during registration)
SPINE = ("lumbar5", "lumbar4", "lumbar3", "lumbar2", "lumbar1", "torso")  # caudal -> cranial

BODY_SEGMENT = {
    "pelvis": "pelvis",
    "sacrum": "pelvis",
    **{b: b for b in SPINE},
    **{
        b + "_" + s: seg + "_" + side
        for side, s in SIDES.items()
        for b, seg in (
            ("femur", "thigh"),
            ("patella", "thigh"),
            ("tibia", "shank"),
            ("talus", "foot"),
            ("calcn", "foot"),
            ("toes", "foot"),
        )
    },
}

SEGMENT_BONES = {
    "pelvis": ["pelvis_right", "pelvis_left", "sacrum"],
    **{b: [f"vertebra_L{b[-1]}"] for b in SPINE[:-1]},
    "torso": ["vertebra_T12"],
    **{
        f"{seg}_{side}": [f"{bone}_{side}" for bone in bones]
        for side in SIDES
        for seg, bones in (
            ("thigh", ("femur", "patella")),
            ("shank", ("tibia", "fibula")),
            ("foot", ("talus", "foot", "toes")),
        )
    },
}

# structure name -> myo-sim mesh name
BONE_MESHES = {
    "vertebra_T12": "torso_geom_1_thoracic12_s",
    **{f"vertebra_L{i}": f"lumbar{i}_geom_1_lumbar{i}" for i in range(1, 6)},
    "sacrum": "sacrum_geom_1_sacrum",
    **{
        f"{bone}_{side}": f"{s}_{mesh}"
        for side, s in SIDES.items()
        for bone, mesh in (
            ("pelvis", "pelvis"),
            ("femur", "femur"),
            ("patella", "patella"),
            ("tibia", "tibia"),
            ("fibula", "fibula"),
            ("talus", "talus"),
            ("foot", "foot"),
            ("toes", "bofoot"),
        )
    },
}

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

TOE_PULP = 0.009  # m of soft tissue in front of each toe's distal phalanx

FOOT_SOFT_TISSUE = 0.016  # m: heel pad behind the calcaneus plus the pulp in front of the hallux


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


def skin_section_centre(surface, z: float, side: float) -> np.ndarray:
    """Centre of the skin outline of one leg at height z (side +1 right, -1 left)."""
    cut = surface.slice(normal="z", origin=(0.0, 0.0, z))
    pts = np.asarray(cut.points)
    pts = pts[side * pts[:, 0] > 0.0]
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    return 0.5 * (lo + hi)


@dataclass
class Registration:
    transforms: dict[str, Affine]  # segment -> transform from myo world into RAS
    joints: dict[str, np.ndarray]  # hip_centre_right, knee_centre_right, ankle_centre_right ...
    scale: float
    params: dict[str, list[float]]  # the fitted parameters, printed by the build
    toes: ToeRays


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
        return (
            scaled_about(float(np.exp(0.1 * p[3])), centre)
            .then(about(rot_x(0.1 * p[2]), centre))
            .then(Affine(np.eye(3), np.array([0.0, 0.01 * p[0], 0.01 * p[1]])))
        )

    # --- spine: one sagittal angle per level [0.1 rad], about the joint below each vertebra
    pivots = [base(bp[b]) for b in SPINE[:-1]]
    pivots.append(2 * pivots[-1] - pivots[-2])  # T12/L1 joint: one level above L2/L1
    spine_pts = [pts(SEGMENT_BONES[b], 150) for b in SPINE]

    def spine_tfs(pelvis: Affine, q) -> list[Affine]:
        tf = pelvis
        out = []
        for angle, pivot in zip(q, pivots, strict=False):
            tf = tf.then(about(rot_x(0.1 * angle), tf(pivot)))
            out.append(tf)
        return out

    # pelvis and spine together: the pelvic tilt sets the sacral slope the lumbar spine rises from
    def trunk_cost(x) -> float:
        p, q = x[:4], x[4:]
        pelvis = pelvis_tf(p)
        cost = clearance_cost(sd(pelvis(pelvis_pts)), 12.0)
        cost += (
            sum(clearance_cost(sd(tf(pp)), 14.0) for tf, pp in zip(spine_tfs(pelvis, q), spine_pts, strict=False)) / 2.0
        )
        reg = (p[0] / 5.0) ** 2 + (p[1] / 2.0) ** 2 + (p[2] / 2.0) ** 2 + (p[3] / 1.0) ** 2
        reg += 2.0 * float(np.sum(np.diff(np.r_[0.0, q]) ** 2)) + 1.0 * float(np.sum(q**2))
        return cost + reg

    # each spinal level within +-0.15 rad (about 9 degrees) of the source posture
    bounds = [(-6, 6), (-3, 3), (-3, 3), (-1, 0.5)] + [(-1.5, 1.5)] * len(SPINE)
    x_trunk = minimize(
        trunk_cost,
        np.zeros(4 + len(SPINE)),
        method="Powell",
        bounds=bounds,
        options={"xtol": 1e-3, "ftol": 1e-7, "maxfev": 8000},
    ).x
    p_pelvis, q_spine = x_trunk[:4], x_trunk[4:]
    pelvis = pelvis_tf(p_pelvis)
    transforms = {"pelvis": base.then(pelvis)}
    for body, tf in zip(SPINE, spine_tfs(pelvis, q_spine), strict=False):
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
    toe_out = float(
        np.arctan2(s_toe[1] - s_heel[1], s_toe[0] - s_heel[0]) - np.arctan2(b_toe[1] - b_heel[1], b_toe[0] - b_heel[0])
    )
    # the bone foot fits the skin foot's length less the heel pad and the toe pulp
    foot_scale = float((np.linalg.norm((s_toe - s_heel)[:2]) - FOOT_SOFT_TISSUE) / np.linalg.norm((b_toe - b_heel)[:2]))

    def leg_tfs(v) -> tuple[Affine, Affine, Affine, np.ndarray, np.ndarray]:
        thigh = pelvis.then(about(rotvec(0.1 * v[0:3]) @ align_thigh, hip)).then(
            scaled_about(float(np.exp(0.1 * v[3])), hip)
        )
        knee = thigh(knee_b)
        ankle1 = thigh(ankle_b)
        ankle_t = skin_section_centre_cached(float(ankle1[2]))
        align_shank = rotation_between(ankle1 - knee, ankle_t - knee)
        shank = thigh.then(about(rotvec(0.1 * v[4:7]) @ align_shank, knee)).then(
            scaled_about(float(np.exp(0.1 * v[7])), knee)
        )
        ankle = shank(ankle_b)
        foot = (
            pelvis.then(Affine(np.eye(3), ankle - ankle0))
            .then(about(rotvec(0.1 * v[8:11]) @ rot_z(toe_out), ankle))
            .then(scaled_about(foot_scale * float(np.exp(0.1 * v[11])), ankle))
            .then(Affine(np.eye(3), 0.01 * v[12:15]))
        )
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
        cost = (
            clearance_cost(sd(thigh(thigh_pts)), 12.0)
            + clearance_cost(sd(shank(shank_pts)), 8.0, 300.0)
            + 2.0 * clearance_cost(sd(foot(foot_pts)), 7.0, 100.0)
        )
        reg = (
            float(np.sum(v[[0, 1, 2, 4, 5, 6, 8, 9, 10]] ** 2)) / 4.0
            + float(np.sum(v[[3, 7, 11]] ** 2))
            + 20.0 * float(np.sum(v[12:15] ** 2))
        )
        return cost + reg

    bounds = [(-2, 2), (-2, 2), (-1.5, 1.5), (-0.5, 0.5)] * 2 + [(-2, 2)] * 3 + [(-0.5, 0.5)] + [(-1, 1)] * 3
    v_leg = minimize(
        leg_cost, np.zeros(15), method="Powell", bounds=bounds, options={"xtol": 1e-3, "ftol": 1e-6, "maxfev": 6000}
    ).x
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
    params = {
        "pelvis": p_pelvis.tolist(),
        "spine": q_spine.tolist(),
        "leg": v_leg.tolist(),
        "toes": [t for ray in toes.params for t in ray],
    }
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


def place_toes(
    skin: SkinSource, skeleton: Skeleton, foot: Affine, mirror_myo: Affine, mirror_ras: Affine, sd: FastSignedDistance
) -> ToeRays:
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
            return (
                start.then(about(rotvec(0.1 * v[0:3]), pivot))
                .then(scaled_about(float(np.exp(0.1 * v[3])), pivot))
                .then(Affine(np.eye(3), 0.001 * v[4:7]))
            )

        # a toe is barely wider than its bones: keep clear of the skin, but keep the tip in the
        # skin's own toe (without this pull the thin little toe's bones slide into the web)
        def ray_cost(v, ray_pts=ray_pts, ray_tf_of=ray_tf_of, tip=tip, target=target) -> float:
            reg = float(np.sum(v[0:3] ** 2)) + float(v[3] ** 2) + float(np.sum(v[4:7] ** 2)) / 4.0
            tf = ray_tf_of(v)
            tip_mm = 1000.0 * float(np.linalg.norm(tf(tip[None])[0] - target))
            return clearance_cost(sd(tf(ray_pts)), 6.0) + 0.2 * reg + 0.03 * tip_mm**2

        v = minimize(
            ray_cost,
            np.zeros(7),
            method="Powell",
            bounds=[(-2, 2)] * 3 + [(-1.5, 0.5)] + [(-3, 3)] * 3,
            options={"xtol": 1e-3, "ftol": 1e-7, "maxfev": 3000},
        ).x
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
    mesh = mesh.compute_normals(
        cell_normals=False, split_vertices=False, auto_orient_normals=False, consistent_normals=False
    )
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
