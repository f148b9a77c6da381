"""Landmarks (model coordinates, RAS metres) from the registered bone meshes, the umbilicus from the skin,
and the bone-inside-skin report.
"""

from __future__ import annotations

import numpy as np

from .bones import SIGN, Registration, Skeleton, transform_bone
from .geometry import SignedDistance


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
