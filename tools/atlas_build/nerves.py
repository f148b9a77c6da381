"""Author the nerves, and write them with the structures in between (issue 4, item 2).

Reads `skin.vtp`, `bones.vtp`, `landmarks.json` (and `muscles.vtp` when present) from the models
directory and writes

- `nerves.vtp`: one smooth polyline per nerve and side (`<id>_<side>`, `cauda_equina` midline),
  ordered proximal -> distal, sampled every ~3 mm, point array `radius` (m), cell array
  `structure_index` (int32) and field array `structure_names`;
- `structures.vtp`: closed (or, for the hip capsule, sleeve) triangle surfaces for the discs,
  facet joints, sacroiliac joints, hip joint capsules, trochanteric bursae, plantar fasciae,
  Achilles tendons, piriformis and gluteus medius, same naming scheme;

and records both in manifest.json (source: authored by the project).

How the geometry is made
- Everything is placed from the bony landmarks and from the bone meshes themselves, probed with
  ray casts: the vertebral bodies, their endplates, canal and pedicles (sagittal and vertical rays
  through each vertebra), the anterior sacral surface and foramina, the greater sciatic notch
  (free space behind the hip between sacrum and ilium seen from behind), the obturator foramen
  (the hole in the pelvis seen from the front), the iliac fossa, the outer ilium, bone
  cross-sections of the femur/tibia/fibula, and the skin (rays from inside a limb outwards give a
  point a chosen depth under the skin for the cutaneous nerves).
- Each nerve is a list of control points; a centripetal Catmull-Rom spline runs through them and is
  resampled at 3 mm. The centreline is then relaxed: points closer to a bone than radius + 1 mm are
  pushed out along the bone's distance gradient, points closer to the skin than radius + 1.5 mm
  are pulled in, with light smoothing between passes. Branches start on their parent's final
  centreline, roots end on their plexus.
- The sacrum mesh is solid (no sacral canal, no foramina), so the cauda equina below S1 and the
  first centimetres of the S1-S3 roots run inside it by design; only there is the bone rule lifted.
- Both sides are built from their own landmarks and bones (not mirrored).

The model they are authored against is body.py, the structures' surfaces structures.py, curves and
surface primitives geometry.py. `main(models_dir)` is called by the assets pipeline; run alone:
`python tools/build_nerves.py [dir]`. Only numpy, pyvista and vtk are needed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyvista as pv

from . import manifest
from .body import SIDES, Body, BoneField
from .geometry import Vec, arc_fraction, catmull_rom, resample, unit, vec
from .structures import build_structures, structures_polydata

LICENCE = "MIT"  # the repository's licence (pyproject.toml); authored by the project


@dataclass
class Nerve:
    name: str
    points: np.ndarray
    radius: np.ndarray


@dataclass
class NerveBuilder:
    body: Body
    nerves: dict[str, Nerve] = field(default_factory=dict)

    def _push(self, p: np.ndarray, r: np.ndarray, bone: BoneField, bone_gap: float, skin_gap: float) -> float:
        """Move points (in place) out of the bones and into the skin; returns the largest move."""
        moved = 0.0
        d = bone(p)
        need = r + bone_gap
        bad = d < need
        if bad.any():
            p[bad] += bone.gradient(p[bad]) * (need[bad] - d[bad])[:, None]
            moved = max(moved, float(np.max(need[bad] - d[bad])))
        skin = self.body.skin_dist
        ds = skin(p)
        need_s = -(r + skin_gap)
        bad = ds > need_s
        if bad.any():
            p[bad] -= skin.gradient(p[bad]) * (ds[bad] - need_s[bad])[:, None]
            moved = max(moved, float(np.max(ds[bad] - need_s[bad])))
            # where bone and skin are too close for both clearances, sit halfway between them
            sub = np.where(bad)[0]
            db = bone(p[sub])
            squeeze = db < 0.5 * need[sub]
            if squeeze.any():
                q = sub[squeeze]
                g = bone.gradient(p[q])
                gap = -skin(p[q]) - db[squeeze]
                p[q] += g * (0.5 * gap)[:, None]
        return moved

    def _violation(self, p: np.ndarray, r: np.ndarray, bone: BoneField, bone_gap: float, skin_gap: float) -> np.ndarray:
        """How far each point is from meeting both clearances (0 when it meets them)."""
        vb = np.maximum(0.0, r + bone_gap - bone(p))
        vs = np.maximum(0.0, self.body.skin_dist(p) + r + skin_gap)
        return vb + vs

    def _unkink(
        self, pts: np.ndarray, radius: np.ndarray, fix_start: bool, fix_end: bool, bone: BoneField
    ) -> np.ndarray:
        """Round off sharp corners left where bone and skin clearances fight, as long as the
        centreline stays out of the bone and under the skin (clearances may shrink there)."""
        pts = pts.copy()
        for _ in range(30):
            if len(pts) < 3:
                break
            seg = np.diff(pts, axis=0)
            length = np.linalg.norm(seg, axis=1)
            unit_seg = seg / np.maximum(length, 1e-9)[:, None]
            turn = np.arccos(np.clip(np.sum(unit_seg[1:] * unit_seg[:-1], axis=1), -1, 1))
            bend = 0.5 * (length[1:] + length[:-1]) / np.maximum(turn, 1e-9)
            sharp = np.where(bend < 1.6 * radius[1:-1])[0] + 1
            if len(sharp) == 0:
                break
            idx = np.unique(np.clip(np.concatenate([sharp - 1, sharp, sharp + 1]), 1, len(pts) - 2))
            if fix_start:
                idx = idx[idx != 0]
            if fix_end:
                idx = idx[idx != len(pts) - 1]
            cand = pts[idx] + 0.5 * (0.5 * (pts[idx - 1] + pts[idx + 1]) - pts[idx])
            ok = (bone(cand) > 0.0005) & (self.body.skin_dist(cand) < -0.0005)
            pts[idx[ok]] = cand[ok]
        return pts

    def relax(
        self,
        pts: np.ndarray,
        radius: np.ndarray,
        fix_start: bool,
        fix_end: bool,
        bone_gap: float = 0.001,
        skin_gap: float = 0.0015,
        sacrum_ok: bool = False,
        iterations: int = 40,
    ) -> np.ndarray:
        """Push the centreline out of the bones and into the skin, smoothing between passes."""
        bone = self.body.bone_dist_no_sacrum if sacrum_ok else self.body.bone_dist
        pts = pts.copy()
        lo = 1 if fix_start else 0
        hi = len(pts) - 1 if fix_end else len(pts)
        a, b = max(lo, 1), min(hi, len(pts) - 1)
        for it in range(iterations):
            if it and b - a > 0:
                pts[a:b] += 0.35 * (0.5 * (pts[a - 1 : b - 1] + pts[a + 1 : b + 1]) - pts[a:b])
            p = pts[lo:hi]
            moved = self._push(p, radius[lo:hi], bone, bone_gap, skin_gap)
            pts[lo:hi] = p
            if it > 20 and moved < 2e-4:
                break
        # even spacing, then smooth only where smoothing keeps the clearances
        r0, r1 = radius[0], radius[-1]
        for _ in range(3):
            pts = resample(pts)
            radius = r0 + (r1 - r0) * arc_fraction(pts)
            lo = 1 if fix_start else 0
            hi = len(pts) - 1 if fix_end else len(pts)
            a, b = max(lo, 1), min(hi, len(pts) - 1)
            for _ in range(25):
                if b - a <= 0:
                    break
                cand = pts[a:b] + 0.5 * (0.5 * (pts[a - 1 : b - 1] + pts[a + 1 : b + 1]) - pts[a:b])
                ok = self._violation(cand, radius[a:b], bone, bone_gap, skin_gap) <= 1e-5
                pts[a:b][ok] = cand[ok]
            moved = 0.0
            for _ in range(6):
                p = pts[lo:hi]
                moved = self._push(p, radius[lo:hi], bone, bone_gap, skin_gap)
                pts[lo:hi] = p
                if moved < 1e-5:
                    break
            if moved < 1e-5:
                break
        pts = self._unkink(pts, radius, fix_start, fix_end, bone)
        # even spacing again; points that the resampling put back inside a bone or out of the
        # skin are nudged out (hard limits only, so corners stay round)
        pts = resample(pts)
        radius = r0 + (r1 - r0) * arc_fraction(pts)
        lo = 1 if fix_start else 0
        hi = len(pts) - 1 if fix_end else len(pts)
        for _ in range(3):
            p = pts[lo:hi]
            if self._push(p, radius[lo:hi] * 0.0, bone, 0.0008, 0.0008) < 1e-6:
                break
            pts[lo:hi] = p
        return pts

    def add(
        self,
        name: str,
        control: Sequence[Vec],
        r0: float,
        r1: float | None = None,
        start: Vec | None = None,
        end: Vec | None = None,
        **relax_kw: object,
    ) -> Nerve:
        ctrl = [np.asarray(c, float) for c in control]
        if start is not None:
            ctrl = [np.asarray(start, float), *ctrl]
        if end is not None:
            ctrl = [*ctrl, np.asarray(end, float)]
        pts = resample(catmull_rom(ctrl))
        r_end = r1 if r1 is not None else r0
        radius = r0 + (r_end - r0) * arc_fraction(pts)
        pts = self.relax(pts, radius, start is not None, end is not None, **relax_kw)  # type: ignore[arg-type]
        radius = r0 + (r_end - r0) * arc_fraction(pts)
        if start is not None:
            pts[0] = start
        if end is not None:
            pts[-1] = end
        nerve = Nerve(name, pts, radius)
        self.nerves[name] = nerve
        return nerve

    def at(self, name: str, where: float | str) -> Vec:
        """A point on a built nerve: 'start', 'end', a fraction of its length, or ('z', value)."""
        pts = self.nerves[name].points
        if where == "start":
            return pts[0].copy()
        if where == "end":
            return pts[-1].copy()
        f = arc_fraction(pts)
        return np.array([np.interp(float(where), f, pts[:, k]) for k in range(3)])

    def at_z(self, name: str, z: float) -> Vec:
        pts = self.nerves[name].points
        return pts[int(np.argmin(np.abs(pts[:, 2] - z)))].copy()

    def nearest(self, name: str, p: Vec) -> Vec:
        pts = self.nerves[name].points
        return pts[int(np.argmin(np.linalg.norm(pts - p, axis=1)))].copy()


def build_nerves(body: Body) -> list[Nerve]:
    nb = NerveBuilder(body)
    B = body
    V = B.vertebrae
    levels = ["L1", "L2", "L3", "L4", "L5"]
    above = {"L1": "T12", "L2": "L1", "L3": "L2", "L4": "L3", "L5": "L4"}

    order = ["T12", *levels]

    def disc_z(upper: str) -> float:
        """z of the gap below vertebra `upper` (midline, centre of the endplates)."""
        i = order.index(upper)
        lower_top = V[order[i + 1]].sup_centre[2] if i + 1 < len(order) else B.sacral_top
        return 0.5 * (V[upper].inf_centre[2] + lower_top)

    # --- cauda equina: canal centres L1 -> S2 ----------------------------------------------
    cauda = []
    for lv in levels:
        v = V[lv]
        cauda.append(vec(v.x0, v.canal[1], v.sup_centre[2] + 0.002))
        cauda.append(vec(v.x0, v.canal[1], v.body_centre[2]))
    s1 = B.sacral_foramina[("S1", 1.0)]
    s2 = B.sacral_foramina[("S2", 1.0)]
    l5 = V["L5"]
    cauda.append(vec(l5.x0, l5.canal[1], B.sacral_top - 0.002))
    cauda.append(B.sacral_canal(s1[2] + 0.008))
    cauda.append(B.sacral_canal(s2[2]))
    nb.add("cauda_equina", cauda, 0.0045, 0.0025, bone_gap=0.0003, sacrum_ok=True)

    out_order = ["cauda_equina"]
    for side, s in SIDES:
        names = _build_side(nb, B, side, s, levels, above, disc_z)
        out_order.extend(names)
    return [nb.nerves[n] for n in out_order]


def _build_side(
    nb: NerveBuilder,
    B: Body,
    side: str,
    s: float,
    levels: list[str],
    above: dict[str, str],
    disc_z: Callable[[str], float],
) -> list[str]:
    k = B.k
    V = B.vertebrae
    X = vec(s, 0, 0)
    Y = vec(0, 1, 0)
    Z = vec(0, 0, 1)

    def off(p: Vec, lat: float = 0.0, ant: float = 0.0, up: float = 0.0) -> Vec:
        return np.asarray(p, float) + lat * X + ant * Y + up * Z

    def L(name: str) -> Vec:
        return B.L(name, side)

    def n(base: str) -> str:
        return f"{base}_{side}"

    names: list[str] = []

    def add(base: str, control: Sequence[Vec], r0: float, r1: float | None = None, **kw: object) -> None:
        nb.add(n(base), control, r0, r1, **kw)  # type: ignore[arg-type]
        names.append(n(base))

    hip = L("hip_centre")
    asis, pt, _psis, it, gt = (
        L("asis"),
        L("pubic_tubercle"),
        L("psis"),
        L("ischial_tuberosity"),
        L("greater_trochanter"),
    )
    crest = L("iliac_crest_top")
    kc, mfe, lfe, fh = (
        L("knee_centre"),
        L("medial_femoral_epicondyle"),
        L("lateral_femoral_epicondyle"),
        L("fibular_head"),
    )
    mm, lmal, ac, cp = L("medial_malleolus"), L("lateral_malleolus"), L("ankle_centre"), L("calcaneus_posterior")
    mt1, mt3, mt5 = L("metatarsal_head_1"), L("metatarsal_head_3"), L("metatarsal_head_5")
    mt2 = 0.5 * (mt1 + mt3)
    nav, toe5 = L("navicular_tuberosity"), L("toe_5_tip")
    femur, tibia, fibula = n("femur"), n("tibia"), n("fibula")
    foot_bones = (n("foot"), n("talus"), n("toes"))

    def femur_c(z: float) -> Vec:
        return B.section_centre(femur, z)

    def leg_c(z: float) -> Vec:
        return 0.5 * (B.section_centre(tibia, z) + B.section_centre(fibula, z))

    def _face(bones: str | tuple[str, ...], x: float, z: float, gap: float, direction: Vec) -> Vec:
        names_ = (bones,) if isinstance(bones, str) else bones
        cast = B.caster(*names_)
        for xx in (x, B.section_centre(names_[0], z)[0]):
            hit = cast.first(vec(xx, 0.0, z) - direction * 0.6, direction, 1.2)
            if hit is not None:
                return vec(x, hit[1], z) - direction * gap
        c = B.section_centre(names_[0], z)
        return vec(x, c[1], z) - direction * (B.section_radius(names_[0], z) + gap)

    def back_of(bones: str | tuple[str, ...], x: float, z: float, gap: float) -> Vec:
        """A point `gap` behind the back of the bone(s) at (x, z)."""
        return _face(bones, x, z, gap, Y)

    def front_of(bones: str | tuple[str, ...], x: float, z: float, gap: float) -> Vec:
        return _face(bones, x, z, gap, -Y)

    def skin_dir(centre: Vec, lat: float, ant: float, depth: float) -> Vec:
        return B.under_skin(centre, lat * X + ant * Y, depth)

    def foot_inside(x: float, y: float) -> Vec:
        lo = B.bone_below(x, y, foot_bones)
        hi = B.bone_above(x, y, foot_bones, 0.3)
        if lo is None or hi is None:
            sole = B.skin_ray.first(vec(x, y, -0.2), Z, 0.4)
            return vec(x, y, (sole[2] if sole is not None else 0.0) + 0.02)
        return vec(x, y, 0.5 * (lo + hi))

    def plantar(x: float, y: float, frac: float = 0.3) -> Vec:
        """Between the foot bones and the sole, deep to the plantar aponeurosis."""
        return B.layer(foot_inside(x, y), -Z, frac)

    def dorsal(x: float, y: float, frac: float = 0.5) -> Vec:
        return B.layer(foot_inside(x, y), Z, frac)

    # ---------------------------------------------------------------- lumbar plexus and roots
    joins = {}
    foramina = {}
    for lv in levels:
        v = V[lv]
        fz = v.pedicle_bottom - 0.004
        foramina[lv] = vec(v.x0 + s * v.pedicle_x, v.y_post - 0.002, fz)
        i = levels.index(lv)  # the plexus fans out downwards: lower roots join it further out
        joins[lv] = vec(
            v.x0 + s * (v.half_width + (0.013 + 0.005 * i) * k), v.y_post + 0.008 + 0.002 * i, fz - 0.02 * k
        )
    l5 = V["L5"]
    plexus_bottom = vec(l5.x0 + s * (l5.half_width + 0.034 * k), l5.body_centre[1] + 0.004, l5.body_centre[2] - 0.01)
    add("lumbar_plexus", [joins["L1"], joins["L2"], joins["L3"], joins["L4"], plexus_bottom], 0.003, 0.0035)
    plexus = n("lumbar_plexus")

    # sciatic exit below piriformis in the greater sciatic notch
    notch, z_apex, lateral_x = B.sciatic_notch(side, s)
    piri_half = 0.009 * k
    r_sci = 0.0055
    z_exit = z_apex - 0.004 - piri_half - r_sci - 0.003
    x_exit = B.sacrum_x0 + s * (lateral_x(z_exit) - 0.006)
    sci_exit = vec(x_exit, notch[1], z_exit)
    sci_start = off(sci_exit, lat=-0.012, ant=0.016, up=0.004)

    # sacral plexus: lumbosacral trunk over the ala to the notch, collecting S1-S3
    hw_top = B.sacral_half_width(B.sacral_top - 0.01)
    trunk_top = B.sacral_front(B.sacrum_x0 + s * 0.6 * hw_top, B.sacral_top - 0.012) + 0.008 * Y
    f1, f2, f3 = (B.sacral_foramina[(lv, s)] for lv in ("S1", "S2", "S3"))
    # the roots converge on the greater sciatic foramen: a broad band narrowing to the sciatic
    sp1 = off(f1, lat=0.018, ant=0.008, up=-0.012)
    sp2 = off(f2, lat=0.026, ant=0.009, up=-0.012)
    sp3 = 0.5 * (off(f3, lat=0.03, ant=0.009, up=-0.008) + sci_start)
    add("sacral_plexus", [trunk_top, sp1, sp2, sp3, sci_start], 0.004, 0.005)
    sacral = n("sacral_plexus")

    for lv in levels:
        v = V[lv]
        up_z = disc_z(above[lv]) if above[lv] in V else v.sup_centre[2] + 0.01
        start = vec(v.x0 + s * 0.003, v.canal[1], up_z)
        recess = vec(v.x0 + s * max(v.pedicle_medial - 0.003, 0.004), v.y_post - 0.004, v.body_centre[2] + 0.002)
        f = foramina[lv]
        exit_ = off(f, lat=0.010 * k, ant=0.005, up=-0.008)
        start = nb.nearest("cauda_equina", start) + s * 0.002 * X
        if lv == "L5":
            ala = off(trunk_top, lat=0.004, up=0.012, ant=-0.002)
            add(lv, [recess, f, exit_, ala], 0.0025, start=start, end=nb.at(sacral, "start"), bone_gap=0.0005)
        else:
            add(lv, [recess, f, exit_], 0.0025, start=start, end=nb.nearest(plexus, joins[lv]), bone_gap=0.0005)
    for lv, fpt in (("S1", f1), ("S2", f2), ("S3", f3)):
        start = nb.nearest("cauda_equina", B.sacral_canal(fpt[2] + 0.012)) + s * 0.002 * X
        mid = off(fpt, ant=-0.004)
        outside = off(fpt, ant=0.005, lat=0.004, up=-0.003)
        add(
            lv,
            [mid, fpt, outside],
            0.0025,
            start=start,
            end=nb.nearest(sacral, off(outside, lat=0.016, up=-0.016)),
            bone_gap=0.0005,
            sacrum_ok=True,
        )

    # ---------------------------------------------------------------- sciatic and its branches
    mig = it + 0.45 * (gt - it)
    sc3 = vec(mig[0], min(it[1], mig[1]) - 0.006, mig[2] - 0.004)
    q = sci_exit + 0.4 * (sc3 - sci_exit)
    sc2 = back_of((n("pelvis"), femur), q[0], q[2], 0.009)  # over the back of the ischium
    bif_z = kc[2] + 0.09 * k
    bif_x = 0.5 * (mfe[0] + lfe[0])
    bif = back_of(femur, bif_x, bif_z, 0.022)
    z4 = it[2] - 0.06 * k
    x4 = sc3[0] + (bif_x - sc3[0]) * (sc3[2] - z4) / (sc3[2] - bif_z)
    sc4 = back_of(femur, x4, z4, 0.03)
    z5 = 0.5 * (z4 + bif_z)
    sc5 = back_of(femur, x4 + (bif_x - x4) * (z4 - z5) / (z4 - bif_z), z5, 0.03)
    sci_behind = vec(x_exit + s * 0.004, B.notch_back[side] - 0.009, z_exit - 0.006)
    add(
        "sciatic",
        [sci_exit, sci_behind, sc2, sc3, sc4, sc5, bif],
        0.0055,
        0.005,
        start=nb.at(sacral, "end"),
        bone_gap=0.002,
    )
    sciatic = n("sciatic")

    # tibial
    kz = kc[2]
    t1 = back_of((femur, tibia), kc[0], kz, 0.025)
    z2 = kz - 0.10 * k
    c2 = B.section_centre(tibia, z2) * 0.6 + B.section_centre(fibula, z2) * 0.4
    t2 = back_of(tibia, c2[0], z2, 0.022)
    t2[0] = c2[0]
    z3 = 0.5 * (kz + mm[2])
    c3 = B.section_centre(tibia, z3) * 0.65 + B.section_centre(fibula, z3) * 0.35
    t3 = back_of(tibia, c3[0], z3, 0.018)
    t3[0] = c3[0]
    z4t = mm[2] + 0.08 * k
    c4 = B.section_centre(tibia, z4t)
    t4 = back_of(tibia, c4[0], z4t, 0.012)
    tunnel = B.layer(off(mm, lat=0.01), unit(-Y - 0.3 * Z - 0.3 * X), 0.45)
    division = B.layer(foot_inside(mm[0] + s * 0.012, mm[1] - 0.004), unit(-0.6 * X - Z), 0.45)
    add("tibial", [t1, t2, t3, t4, tunnel, division], 0.004, 0.003, start=nb.at(sciatic, "end"))
    tibial = n("tibial")

    # plantar nerves
    mp1 = plantar(nav[0] + s * 0.010, nav[1])
    mid1 = 0.5 * (nav + mt1)
    mp2 = plantar(mid1[0] + s * 0.010, mid1[1])
    mp3 = plantar(mt1[0] + s * 0.010, mt1[1])
    mp4 = plantar(mt1[0] + s * 0.014, mt1[1] + 0.02)
    add("medial_plantar", [mp1, mp2, mp3, mp4], 0.002, 0.0015, start=nb.at(tibial, "end"))
    heel_mid = 0.5 * (mm + lmal)
    lp1 = plantar(heel_mid[0], cp[1] + 0.04 * k)
    base5 = off(mt5, ant=-0.04 * k, lat=-0.008)
    lp2 = plantar(base5[0], base5[1])
    lp3 = plantar(mt5[0] - s * 0.010, mt5[1])
    lp4 = plantar(mt5[0] - s * 0.013, mt5[1] + 0.018)
    add("lateral_plantar", [lp1, lp2, lp3, lp4], 0.002, 0.0015, start=nb.at(tibial, "end"))
    mc1 = B.layer(foot_inside(cp[0], cp[1] + 0.022), unit(-X - 0.3 * Z), 0.5)
    mc2 = plantar(cp[0], cp[1] + 0.025, 0.4)
    add("medial_calcaneal", [mc1, mc2], 0.0015, start=nb.at_z(tibial, mm[2] + 0.006))

    # sural (medial sural cutaneous from the tibial in the popliteal fossa, joined by the fibular
    # communicating branch: drawn as one nerve)
    z = kz - 0.12 * k
    su1 = skin_dir(leg_c(z), 0.0, -1.0, 0.010)
    z = 0.5 * (kz + lmal[2])
    su2 = skin_dir(leg_c(z), 0.3, -1.0, 0.007)
    z = lmal[2] + 0.08 * k
    su3 = skin_dir(leg_c(z), 0.75, -0.65, 0.006)
    su4 = B.layer(off(lmal, lat=-0.008), unit(-Y + 0.3 * X - 0.2 * Z), 0.5)
    su5 = B.layer(off(lmal, lat=-0.008), unit(0.5 * X + 0.3 * Y - Z), 0.5)
    b5 = off(mt5, ant=-0.035 * k)
    su6 = B.layer(foot_inside(b5[0] - s * 0.008, b5[1]), unit(X + 0.3 * Z), 0.5)
    t5 = 0.5 * (mt5 + toe5)
    su7 = B.layer(foot_inside(t5[0] - s * 0.008, t5[1]), unit(X + 0.3 * Z), 0.5)
    add("sural", [su1, su2, su3, su4, su5, su6, su7], 0.0018, 0.0015, start=nb.at_z(tibial, kz - 0.02))

    # common fibular round the fibular neck
    cf1 = back_of(femur, bif_x + 0.6 * (lfe[0] - bif_x), kz + 0.03, 0.012)
    cf1[0] = bif_x + 0.6 * (lfe[0] - bif_x)
    fib_neck_z = fh[2] - 0.022 * k
    fn_c = B.section_centre(fibula, fib_neck_z)
    fn_r = B.section_radius(fibula, fib_neck_z)
    cf2 = off(fh, ant=-0.010, lat=0.003, up=0.0)
    cf3 = off(fn_c, lat=fn_r + 0.005, ant=-0.002)
    cf_div = off(fn_c, lat=fn_r + 0.003, ant=fn_r + 0.006, up=-0.008)
    add("common_fibular", [cf1, cf2, cf3, cf_div], 0.0028, 0.0025, start=nb.at(sciatic, "end"))
    cfib = n("common_fibular")

    # lateral sural cutaneous
    z = kz - 0.05 * k
    ls1 = skin_dir(leg_c(z), 0.7, -0.7, 0.006)
    z = kz - 0.16 * k
    ls2 = skin_dir(leg_c(z), 0.9, -0.35, 0.004)
    add("lateral_sural_cutaneous", [ls1, ls2], 0.0015, start=nb.at_z(cfib, kz - 0.005))

    # superficial fibular
    z = fh[2] - 0.09 * k
    c = B.section_centre(fibula, z)
    sf1 = c + unit(0.6 * X + 0.8 * Y) * (B.section_radius(fibula, z) + 0.012)
    z = lmal[2] + 0.17 * k
    c = B.section_centre(fibula, z)
    sf2 = c + unit(0.55 * X + 0.85 * Y) * (B.section_radius(fibula, z) + 0.010)
    z = lmal[2] + 0.11 * k  # pierces the deep fascia here
    sf3 = skin_dir(leg_c(z), 0.5, 0.85, 0.004)
    z = lmal[2] + 0.035 * k
    sf4 = skin_dir(vec(ac[0], ac[1], z), 0.35, 0.94, 0.004)
    m = 0.5 * (ac + mt3)
    sf5 = dorsal(m[0] + s * 0.005, m[1])
    m = mt3 + 0.3 * (mt5 - mt3)
    sf6 = dorsal(m[0], m[1] - 0.012)
    add("superficial_fibular", [sf1, sf2, sf3, sf4, sf5, sf6], 0.002, 0.0015, start=nb.at(cfib, "end"))

    # deep fibular
    def membrane(z: float, w: float, ant: float) -> Vec:
        tc, fc = B.section_centre(tibia, z), B.section_centre(fibula, z)
        p = fc + w * (tc - fc)  # on the front of the interosseous membrane
        return vec(p[0], 0.5 * (tc[1] + fc[1]) + ant, z)

    df1 = membrane(fh[2] - 0.05 * k, 0.3, 0.012)
    df2 = membrane(0.5 * (kz + ac[2]), 0.4, 0.010)
    df3 = membrane(ac[2] + 0.07 * k, 0.55, 0.014)
    df4 = front_of((tibia, n("talus")), ac[0], ac[2] + 0.012, 0.007)
    m = ac + 0.55 * (0.5 * (mt1 + mt2) - ac)
    df5 = dorsal(m[0], m[1], 0.45)
    web = 0.5 * (mt1 + mt2) + 0.018 * k * Y
    df6 = dorsal(web[0], web[1])
    add("deep_fibular", [df1, df2, df3, df4, df5, df6], 0.002, 0.0015, start=nb.at(cfib, "end"))

    # posterior femoral cutaneous and inferior cluneal
    pf1 = off(sci_exit, lat=-0.012, up=-0.004, ant=-0.002)
    pf2 = off(sc3, ant=-0.014, lat=-0.014)
    z = it[2] - 0.045 * k
    pf3 = skin_dir(femur_c(z), -0.15, -1.0, 0.012)
    z = 0.5 * (it[2] + kz)
    pf4 = skin_dir(femur_c(z), -0.05, -1.0, 0.008)
    pf5 = skin_dir(vec(kc[0], kc[1], kz + 0.02), 0.0, -1.0, 0.008)
    pf6 = skin_dir(leg_c(kz - 0.10 * k), 0.0, -1.0, 0.005)
    add("posterior_femoral_cutaneous", [pf1, pf2, pf3, pf4, pf5, pf6], 0.0018, 0.0015, start=nb.at(sacral, 0.93))
    pfc = n("posterior_femoral_cutaneous")
    z = it[2] - 0.02 * k
    ic1 = B.under_skin(vec(it[0] + s * 0.03, hip[1], z), -Y, 0.006)
    z = it[2] + 0.035 * k
    ic2 = B.under_skin(vec(it[0] + s * 0.06, hip[1], z), -Y, 0.005)
    add("inferior_cluneal", [ic1, ic2], 0.0015, start=nb.at_z(pfc, it[2] - 0.035 * k))

    # ---------------------------------------------------------------- lumbar plexus branches
    il_mid = 0.5 * (asis + pt)  # inguinal ligament midpoint
    # femoral: psoas-iliacus groove, under the inguinal ligament lateral to the artery
    zf = 0.5 * (nb.at(plexus, "end")[2] + il_mid[2])
    in_pelvis = vec(B.sacrum_x0 + 0.3 * (asis[0] - B.sacrum_x0), asis[1] - 0.03, zf)
    fossa = B.surface_from(n("pelvis"), in_pelvis, unit(X - 0.55 * Y), 0.016)
    fm1 = off(fossa, ant=0.010)
    fm2 = off(il_mid, up=0.022, ant=-0.018, lat=0.006)
    fm3 = off(il_mid, up=-0.008, ant=-0.012, lat=0.010)
    fm4 = off(fm3, up=-0.04 * k, ant=-0.002)
    add("femoral", [fm1, fm2, fm3, fm4], 0.0035, 0.003, start=nb.at(plexus, "end"))
    femoral = n("femoral")

    # anterior femoral cutaneous
    z = fm4[2] - 0.06 * k
    af1 = skin_dir(femur_c(z), -0.25, 1.0, 0.012)
    z = 0.5 * (hip[2] + kz)
    af2 = skin_dir(femur_c(z), -0.2, 1.0, 0.008)
    z = kz + 0.10 * k
    af3 = skin_dir(femur_c(z), -0.3, 1.0, 0.006)
    add("anterior_femoral_cutaneous", [af1, af2, af3], 0.0018, 0.0015, start=nb.at(femoral, "end"))

    # saphenous through the adductor canal
    def around_femur(z: float, lat: float, ant: float, gap: float) -> Vec:
        c = femur_c(z)
        return c + unit(lat * X + ant * Y) * (B.section_radius(femur, z) + gap)

    sa1 = around_femur(fm4[2] - 0.08 * k, -0.5, 0.85, 0.028)
    sa2 = around_femur(0.5 * (hip[2] + kz), -0.8, 0.55, 0.022)
    sa3 = around_femur(mfe[2] + 0.10 * k, -0.9, 0.2, 0.02)
    sa4 = off(mfe, lat=-0.012, ant=-0.012)
    sa5 = skin_dir(B.section_centre(tibia, kz - 0.10 * k), -0.95, -0.3, 0.005)
    sa6 = skin_dir(B.section_centre(tibia, mm[2] + 0.12 * k), -0.9, 0.1, 0.004)
    sa7 = B.layer(off(mm, lat=0.01), unit(-0.6 * X + 0.8 * Y), 0.5)
    sa8 = B.layer(foot_inside(nav[0] + s * 0.01, nav[1]), unit(-X + 0.5 * Z), 0.5)
    f9 = nav + 0.6 * (mt1 - nav)
    sa9 = B.layer(foot_inside(f9[0] + s * 0.008, f9[1]), unit(-0.6 * X + Z), 0.5)
    add("saphenous", [sa1, sa2, sa3, sa4, sa5, sa6, sa7, sa8, sa9], 0.002, 0.0015, start=nb.at(femoral, "end"))

    # obturator: medial border of psoas, lateral pelvic wall, obturator canal, medial thigh
    canal = B.obturator_canal(side, s)
    ob1 = vec(B.sacrum_x0 + s * (hw_top + 0.004), B.promontory[1] + 0.008, B.promontory[2] - 0.02)
    zmid = 0.5 * (ob1[2] + canal[2])
    ob2 = B.surface_from(n("pelvis"), vec(B.sacrum_x0, hip[1] - 0.012, zmid), X, 0.012)
    ob3 = off(canal, ant=-0.010, up=0.004, lat=-0.004)
    ob4 = off(canal, ant=0.012, up=-0.010, lat=-0.004)
    z = canal[2] - 0.08 * k
    fc = femur_c(z)
    ob5 = vec(fc[0] - s * 0.045 * k, canal[1], z)
    z = 0.5 * (hip[2] + kz)
    ob6 = skin_dir(femur_c(z), -1.0, 0.1, 0.008)
    add("obturator", [ob1, ob2, ob3, ob4, ob5, ob6], 0.0028, 0.0018, start=nb.at(plexus, "end"))

    # lateral femoral cutaneous: across iliacus to just medial of the ASIS
    lf_start = nb.nearest(plexus, joins["L3"])
    lf1 = off(lf_start, lat=0.022 * k, up=-0.03 * k)
    z = asis[2] + 0.03 * k
    lf2 = B.surface_from(
        n("pelvis"), vec(B.sacrum_x0 + 0.45 * (asis[0] - B.sacrum_x0), asis[1] - 0.025, z), unit(X - 0.45 * Y), 0.018
    )
    lf3 = off(asis, lat=-0.015, ant=-0.008, up=-0.008)
    lf4 = off(asis, lat=-0.012, ant=-0.004, up=-0.05 * k)
    z = asis[2] - 0.10 * k
    lf5 = skin_dir(femur_c(z), 0.3, 1.0, 0.006)
    z = 0.5 * (hip[2] + kz)
    lf6 = skin_dir(femur_c(z), 0.85, 0.5, 0.005)
    z = kz + 0.10 * k
    lf7 = skin_dir(femur_c(z), 1.0, 0.2, 0.005)
    add("lateral_femoral_cutaneous", [lf1, lf2, lf3, lf4, lf5, lf6, lf7], 0.0018, 0.0015, start=lf_start)

    # genitofemoral: through psoas, down its front, femoral branch under the ligament
    gf_start = nb.nearest(plexus, joins["L2"])
    l3, l4 = V["L3"], V["L4"]
    gf1 = vec(l4.x0 + s * (l4.half_width + 0.012 * k), l4.y_ant - 0.004, 0.5 * (l3.inf_centre[2] + l4.sup_centre[2]))
    gf2 = vec(B.sacrum_x0 + s * (hw_top + 0.012), B.promontory[1] + 0.014, B.promontory[2])
    gf3 = off(il_mid, up=0.02, lat=-0.004, ant=-0.01)
    gf4 = off(il_mid, up=-0.02, ant=-0.004)
    z = il_mid[2] - 0.05 * k
    gf5 = skin_dir(femur_c(z), -0.2, 1.0, 0.006)
    add("genitofemoral", [gf1, gf2, gf3, gf4, gf5], 0.0018, 0.0015, start=gf_start)

    # iliohypogastric and ilioinguinal round the flank above the iliac crest
    ih_start = nb.at(plexus, "start")
    ih1 = off(ih_start, lat=0.025 * k, up=-0.005)
    ih2 = vec(B.sacrum_x0 + s * 0.8 * abs(crest[0] - B.sacrum_x0), ih_start[1] + 0.012, crest[2] + 0.04 * k)
    z = crest[2] + 0.03 * k
    ih3 = B.under_skin(B.trunk_centre(z), unit(X + 0.2 * Y), 0.015)
    z = asis[2] + 0.03 * k
    ih4 = B.under_skin(B.trunk_centre(z), unit(0.6 * X + 0.8 * Y), 0.012)
    z = pt[2] + 0.035 * k
    ih5 = B.under_skin(B.trunk_centre(z), unit(0.25 * X + Y), 0.008)
    add("iliohypogastric", [ih1, ih2, ih3, ih4, ih5], 0.0018, 0.0015, start=ih_start)

    ii_start = nb.at_z(plexus, ih_start[2] - 0.01)
    ii1 = off(ii_start, lat=0.022 * k, up=-0.015)
    ii2 = vec(B.sacrum_x0 + s * 0.8 * abs(crest[0] - B.sacrum_x0), ii_start[1] + 0.02, crest[2] + 0.015 * k)
    z = asis[2] + 0.012 * k
    ii3 = B.under_skin(B.trunk_centre(z), unit(0.85 * X + 0.55 * Y), 0.015)
    ii4 = off(il_mid, up=0.012, ant=0.004)
    ii5 = off(pt, up=0.012, lat=0.008, ant=0.006)
    z = pt[2] - 0.05 * k
    ii6 = skin_dir(femur_c(z), -1.0, 0.35, 0.006)
    add("ilioinguinal", [ii1, ii2, ii3, ii4, ii5, ii6], 0.0018, 0.0015, start=ii_start)

    # ---------------------------------------------------------------- cluneal nerves (dorsal rami)
    l1, l3v = V["L1"], V["L3"]
    sc_start = vec(l1.x0 + s * 0.025, l1.y_post - 0.035, l1.inf_centre[2] - 0.004)
    sc1 = B.under_skin(l3v.body_centre, unit(0.6 * X - Y), 0.02)
    c7 = B.crest_point(side, s, 0.07 * k)
    sc2 = off(c7, up=0.005, ant=-0.004)
    z = c7[2] - 0.07 * k
    sc3 = B.under_skin(vec(B.sacrum_x0 + s * 0.085 * k, hip[1], z), -Y, 0.005)
    z = c7[2] - 0.12 * k
    sc4 = B.under_skin(vec(B.sacrum_x0 + s * 0.10 * k, hip[1], z), -Y, 0.005)
    add("superior_cluneal", [sc_start, sc1, sc2, sc3, sc4], 0.0015)

    z2s = B.sacral_foramina[("S2", s)][2]
    mc_start = B.surface_from("sacrum", vec(B.sacrum_x0 + s * 0.018, -0.6, z2s), Y, 0.004, length=1.0)
    mcl1 = B.under_skin(vec(B.sacrum_x0 + s * 0.045, hip[1] - 0.03, z2s - 0.01), -Y, 0.008)
    mcl2 = B.under_skin(vec(B.sacrum_x0 + s * 0.07 * k, hip[1], z2s - 0.03), -Y, 0.005)
    add("middle_cluneal", [mc_start, mcl1, mcl2], 0.0015)
    return names


def nerves_polydata(nerves: list[Nerve]) -> pv.PolyData:
    pts, lines, radius, index = [], [], [], []
    offset = 0
    for i, nerve in enumerate(nerves):
        n = len(nerve.points)
        pts.append(nerve.points)
        radius.append(nerve.radius)
        lines.append(np.concatenate([[n], np.arange(offset, offset + n)]))
        index.append(i)
        offset += n
    mesh = pv.PolyData()
    mesh.points = np.vstack(pts).astype(np.float32)
    mesh.lines = np.concatenate(lines).astype(np.int64)
    mesh.point_data["radius"] = np.concatenate(radius).astype(np.float32)
    mesh.cell_data["structure_index"] = np.array(index, dtype=np.int32)
    mesh.field_data["structure_names"] = np.array([n.name for n in nerves])
    return mesh


SOURCE = {
    "package": "referral-atlas",
    "version": "authored",
    "path_in_package": "tools/build_nerves.py",
    "licence": LICENCE,
}


def main(models_dir: Path | None = None) -> int:
    models_dir = Path(models_dir) if models_dir else Path(__file__).resolve().parents[2] / "assets" / "models"
    start = time.perf_counter()
    body = Body(models_dir)
    nerves = build_nerves(body)
    nmesh = nerves_polydata(nerves)
    manifest.write_vtp(nmesh, models_dir / "nerves.vtp")
    manifest.update_entry(models_dir, "nerves.vtp", source=dict(SOURCE))
    parts = build_structures(body)
    smesh = structures_polydata(parts)
    manifest.write_vtp(smesh, models_dir / "structures.vtp")
    manifest.update_entry(models_dir, "structures.vtp", source=dict(SOURCE))
    length = sum(float(np.linalg.norm(np.diff(n.points, axis=0), axis=1).sum()) for n in nerves)
    print(
        f"nerves: {len(nerves)} polylines, {nmesh.n_points} points, {length:.1f} m; "
        f"structures: {len(parts)} surfaces, {smesh.n_cells} triangles "
        f"({time.perf_counter() - start:.1f} s)"
    )
    return 0
