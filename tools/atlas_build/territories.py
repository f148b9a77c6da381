"""Label every skin vertex with dermatomes, cutaneous nerve fields and body regions.

Reads `assets/models/skin.vtp`, `landmarks.json` and the sacrum of `bones.vtp`, computes per-vertex
labels from body-relative coordinates and writes them back into skin.vtp (point arrays `side`,
`dermatome`, `dermatome_alt`, `dermatome_keegan`, `cutaneous_nerve`, `cutaneous_nerve_alt`, `region`;
field arrays `dermatome_names`, `cutaneous_nerve_names`, `region_names`), then updates manifest.json.

How it works (all numpy, one pass per side; the left side is mirrored onto the right so every rule
is written once):
- Coordinates per vertex: the thigh frame (u = 0 at the hip centre .. 1 at the knee centre along the
  hip->knee axis, angle around it: 0 anterior, +90 lateral, 180 posterior, -90 medial), the leg frame
  (v = 0 at the knee centre .. 1 at the ankle centre), the foot frame (distance from the back of the
  heel along the heel->metatarsal-heads axis, medial->lateral fraction of the local foot width,
  height above the sole, toes beyond the metatarsal heads), and the trunk (angle phi around a vertical
  axis through the pelvis: 0 anterior midline, 90 lateral, 180 posterior midline; height against the
  inguinal ligament line ASIS->pubic tubercle, the iliac crest and the PSIS).
- Segments: trunk above the thigh root (inguinal crease in front, infragluteal fold from the ischial
  tuberosity behind, below the greater trochanter at the side), perineum between the thighs, thigh,
  knee, leg, foot.
- Dermatomes (Lee, McPhee & Stringer 2008 as primary, ISNCSCI key sensory points as anchors):
  trunk bands T10..L3 whose boundary heights are interpolated around the trunk (umbilicus and
  inguinal ligament in front, iliac crest at the side, spinous processes behind, sloping down and
  out over the upper buttock: the L1-L3 dorsal rami); sacral dermatomes as rings round the anus
  (S4_S5 perianal and over the coccyx, S3 medial buttock/ischial tuberosity/infragluteal fold and the
  upper inner thigh beside the perineum (the saddle), S2, S1 outwards, after Foerster, because Lee 2008
  leaves S3-S5 blank); oblique L1/L2/L3 bands on the front of the thigh;
  S2 strip down the back of the thigh to the popliteal fossa and upper calf; L4 medial leg, L5
  anterolateral leg and dorsum of the foot, S1 lateral foot, heel, sole and posterolateral calf.
  `dermatome_alt` carries the alternate label of CLINICAL_EVIDENCE §2b where Lee's map is variable
  (lateral thigh L4/L5, anterior knee L4, medial foot L5, medial sole L5, posterior thigh S1, buttock
  S3 ...) and, elsewhere, the neighbouring dermatome within a few cm of a boundary (overlap zones).
  `dermatome_keegan` follows Keegan & Garrett 1948: long bands from the back into the limb, L4 from
  the lateral thigh across the knee down the medial leg to the big toe, L5 posterolateral thigh ->
  lateral leg -> dorsum, S1 posterior thigh -> calf -> lateral foot and sole, S2 posteromedial.
- Cutaneous nerve fields (CLINICAL.md §3) by the same coordinates; `cutaneous_nerve_alt` = the
  neighbouring field near a border (fields overlap).
- Regions: the 25 region labels of CONTRACTS.md.
- Labels are cleaned with a majority filter over vertex neighbours and small islands are merged into
  their surroundings, so boundaries are clean.

`main(models_dir)` is called by tools/build_assets.py at the end of its pipeline; it also runs on its
own: `python tools/build_territories.py [models_dir]`.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.domain.territory_labels import DERMATOMES, REGIONS
from app.domain.territory_labels import SKIN_NERVES as NERVES

from . import manifest
from .geometry import unit
from .mesh_graph import NONE, components, majority_filter, mesh_edges, overlap_alternates, remove_islands

MIDLINE_HALF_WIDTH_M = 0.01
# sacral dermatomes as rings round the anus (outer radius, metres for a 1.75 m body, after Foerster);
# S4-S5 is perianal only: ISNCSCI tests it < 1 cm lateral to the mucocutaneous junction, so the ring
# stops about 1 cm beyond the anal margin and the skin over the ischial tuberosity is S3
RING_S45, RING_S3, RING_S2 = 0.024, 0.07, 0.11
# the S3 ring reaches round the thigh from behind to this angle in front of straight medial (-90)
SADDLE_THIGH_FRONT_DEG = -60.0
# the skin over the coccyx (S4-S5 and the coccygeal segment): each side of the midline, and down
# from the apex of the sacrum (the bone mesh has no coccyx; it is about 4 cm long, and its tip's skin)
COCCYX_HALF_WIDTH_M, COCCYX_SKIN_LENGTH_M = 0.012, 0.045
D = {name: i for i, name in enumerate(DERMATOMES)}
N = {name: i for i, name in enumerate(NERVES)}
R = {name: i for i, name in enumerate(REGIONS)}


# ----------------------------------------------------------------------------------------------
# small helpers
# ----------------------------------------------------------------------------------------------
def _interp_angle(phi: np.ndarray, table: dict[float, float]) -> np.ndarray:
    """Piecewise-linear value over an angle (degrees), table {angle: value}, clamped at the ends."""
    keys = np.array(sorted(table))
    return np.interp(phi, keys, np.array([table[k] for k in keys]))


def _interp_arrays(t: np.ndarray, keys: list[float], values: list) -> np.ndarray:  # type: ignore[type-arg]
    """Piecewise-linear blend over t between per-vertex (or scalar) values given at sorted keys."""
    karr = np.asarray(keys)
    vals = np.stack([np.broadcast_to(np.asarray(v, dtype=float), t.shape) for v in values])
    i = np.clip(np.searchsorted(karr, t, side="right") - 1, 0, len(keys) - 2)
    frac = np.clip((t - karr[i]) / (karr[i + 1] - karr[i]), 0.0, 1.0)
    cols = np.arange(t.shape[0])
    return (1 - frac) * vals[i, cols] + frac * vals[i + 1, cols]


def _wrap(angle: np.ndarray) -> np.ndarray:
    return (angle + 180.0) % 360.0 - 180.0


def _between(angle: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """Angle (deg, wrapped) in the arc going counter-clockwise (increasing) from lo to hi."""
    return _wrap(angle - lo) % 360.0 <= (_wrap(np.array(hi - lo)) % 360.0)


@dataclass
class Side:
    """Landmarks of one side, mirrored onto +x (the right) so rules are written once."""

    lm: dict[str, np.ndarray]
    mid: dict[str, np.ndarray]

    @classmethod
    def from_landmarks(cls, landmarks: dict[str, list[float]], side: str) -> Side:
        sign = 1.0 if side == "right" else -1.0
        flip = np.array([sign, 1.0, 1.0])
        lm = {
            name.removesuffix(f"_{side}"): np.asarray(value, dtype=float) * flip
            for name, value in landmarks.items()
            if name.endswith(f"_{side}")
        }
        mid = {
            name: np.asarray(value, dtype=float) * np.array([0.0, 1.0, 1.0])
            for name, value in landmarks.items()
            if not name.endswith(("_left", "_right"))
        }
        return cls(lm, mid)


# ----------------------------------------------------------------------------------------------
# the labelling of one side
# ----------------------------------------------------------------------------------------------
class Labeller:
    """Labels for vertices q (mirrored to the right side) with normals n (mirrored too)."""

    def __init__(
        self,
        q: np.ndarray,
        n: np.ndarray,
        s: Side,
        scale: float,
        anus: np.ndarray,
        crotch_z: float,
        edges: np.ndarray | None = None,
    ) -> None:
        self.q, self.n, self.s, self.k = q, n, s, scale
        self.anus = anus
        self.edges = edges  # mesh edges in this side's vertex numbering (for the toes)
        lm = s.lm
        x, y, z = q.T
        self.x, self.y, self.z = x, y, z
        m = len(q)
        self.m = m
        # --- thigh frame -------------------------------------------------------------------
        H, K, A = lm["hip_centre"], lm["knee_centre"], lm["ankle_centre"]
        self.u, _ = self._limb_frame(H, K)
        self.v, _ = self._limb_frame(K, A)
        # angles round the limb are measured from the soft-tissue centre line of this limb (fitted
        # to cross-sections of the skin), so they do not depend on how well the bones sit
        self.crotch_z = crotch_z
        self.th = self._skin_axis_angle(K[2] + 0.06 * scale, crotch_z - 0.03 * scale, (H, K))
        self.tl = self._skin_axis_angle(A[2] + 0.07 * scale, K[2] - 0.07 * scale, (K, A))
        # --- trunk frame -------------------------------------------------------------------
        asis, psis = lm["asis"], lm["psis"]
        # front-back centre of the trunk from the skin at ASIS height (bone registration may be off)
        slab = (np.abs(z - asis[2]) < 0.01 * scale) & (x < asis[0] + 0.02 * scale)
        yc = 0.5 * (y[slab].min() + y[slab].max()) if slab.sum() > 4 else 0.5 * (asis[1] + psis[1])
        self.yc = yc
        self.phi = np.degrees(np.arctan2(np.maximum(x, 0.0), y - yc))  # 0 ant, 90 lat, 180 post
        self.phi_of = lambda p: float(np.degrees(np.arctan2(max(p[0], 0.0), p[1] - yc)))
        self.zI = self._iliac_inguinal_line()
        # --- foot frame -------------------------------------------------------------------
        self._foot_frame()

    # ------------------------------------------------------------------ frames
    def _limb_frame(self, top: np.ndarray, bottom: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        axis = bottom - top
        length = np.linalg.norm(axis)
        a = axis / length
        ant = unit(np.array([0.0, 1.0, 0.0]) - a[1] * a)
        lat = np.cross(a, ant)  # +x for the right side
        d = self.q - top
        along = d @ a
        radial = d - np.outer(along, a)
        angle = np.degrees(np.arctan2(radial @ lat, radial @ ant))
        return along / length, angle

    def _skin_axis_angle(self, z_lo: float, z_hi: float, fallback: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """Angle (deg) round the limb: 0 anterior, +90 lateral, 180 posterior, -90 medial, measured
        in the horizontal plane from a straight line fitted to the centres of 1 cm skin slices."""
        x, y, z = self.x, self.y, self.z
        top, bottom = fallback
        lateral_of_midline = x > 0.35 * min(top[0], bottom[0])
        zs, cx, cy = [], [], []
        for z0 in np.arange(z_lo, z_hi, 0.01):
            sl = (z >= z0) & (z < z0 + 0.01) & lateral_of_midline
            if sl.sum() < 8:
                continue
            zs.append(z0 + 0.005)
            cx.append(0.5 * (x[sl].min() + x[sl].max()))
            cy.append(0.5 * (y[sl].min() + y[sl].max()))
        if len(zs) >= 3:
            ax, bx = np.polyfit(zs, cx, 1)
            ay, by = np.polyfit(zs, cy, 1)
        else:  # no clean slices: the joint centres
            t = (z - top[2]) / (bottom[2] - top[2])
            ax = (bottom[0] - top[0]) / (bottom[2] - top[2])
            bx = top[0] - ax * top[2]
            ay = (bottom[1] - top[1]) / (bottom[2] - top[2])
            by = top[1] - ay * top[2]
            del t
        dx = x - (ax * z + bx)
        dy = y - (ay * z + by)
        return np.degrees(np.arctan2(dx, dy))

    def _front_skin_point(self, x0: float, z0: float) -> np.ndarray:
        """The most anterior skin point at (x0, z0): where a ray forwards leaves the body."""
        near = (np.abs(self.x - x0) < 0.015 * self.k) & (np.abs(self.z - z0) < 0.015 * self.k)
        if not near.any():
            return np.array([x0, self.yc, z0])
        return self.q[near][np.argmax(self.y[near])]

    def _iliac_inguinal_line(self) -> np.ndarray:
        """Height of the inguinal ligament (front) / iliac crest (side) / PSIS (back) at each vertex."""
        lm, x = self.s.lm, self.x
        pt, asis, crest, psis = lm["pubic_tubercle"], lm["asis"], lm["iliac_crest_top"], lm["psis"]
        front = np.interp(x, [pt[0], asis[0]], [pt[2], asis[2]])
        a_asis, a_crest, a_psis = self.phi_of(asis), self.phi_of(crest), self.phi_of(psis)
        back = _interp_angle(self.phi, {a_asis: asis[2], a_crest: crest[2], a_psis: psis[2], 180.0: psis[2]})
        return np.where(self.phi <= a_asis, front, back)

    def _foot_frame(self) -> None:
        """Foot coordinates. The direction comes from the landmarks (heel -> metatarsal heads); the
        extent (back of the heel, tip of the toes) from the skin of this foot; the metatarsal heads
        are kept within the usual proportions of foot length (about 72% for the first, 63% for the
        fifth from the heel), so a loosely registered forefoot cannot move the toes."""
        lm, k = self.s.lm, self.k
        heel = lm["calcaneus_posterior"]
        m1, m5 = lm["metatarsal_head_1"], lm["metatarsal_head_5"]
        mid = 0.5 * (m1 + m5)
        fwd = mid - heel
        fwd[2] = 0.0
        fwd = unit(fwd)
        lat = np.cross(fwd, np.array([0.0, 0.0, 1.0]))  # +x-ish for the right foot
        self.fwd, self.flat = fwd, lat
        A = lm["ankle_centre"]
        near_foot = (self.z < A[2] + 0.02 * k) & (np.linalg.norm((self.q - A)[:, :2], axis=1) < 0.3 * k)
        d = self.q - heel
        f = d @ fwd
        if near_foot.sum() > 20:
            back = np.percentile(f[near_foot], 0.2)
            f = f - back
            length = float(np.percentile(f[near_foot], 99.8))
        else:
            length = float((mid - heel) @ fwd) / 0.7
        self.f = f  # metres forward of the back of the heel
        self.w = d @ lat  # metres lateral of the heel landmark
        self.f_len_total = length
        f_m1 = float((m1 - heel) @ fwd) - (0.0 if near_foot.sum() <= 20 else float(back))
        f_m5 = float((m5 - heel) @ fwd) - (0.0 if near_foot.sum() <= 20 else float(back))
        self.f_m1 = float(np.clip(f_m1, 0.66 * length, 0.76 * length))
        self.f_m5 = float(np.clip(f_m5, 0.58 * length, 0.68 * length))
        self.w_m1, self.w_m5 = (m1 - heel) @ lat, (m5 - heel) @ lat
        self.f_len = 0.5 * (self.f_m1 + self.f_m5)  # heel -> metatarsal heads
        # MTP line (oblique: the first head is further forward)
        t = np.clip((self.w - self.w_m1) / (self.w_m5 - self.w_m1), -0.5, 1.5)
        self.f_mtp = self.f_m1 + t * (self.f_m5 - self.f_m1)
        self.omega = (self.w - self.w_m1) / (self.w_m5 - self.w_m1)  # 0 at 1st head, 1 at 5th

    def foot_mask(self) -> np.ndarray:
        """Below the ankle centre, plus the instep: the dorsum in front of the ankle crease rises
        above the ankle centre's height over the talus and navicular, and is foot skin."""
        A, k = self.s.lm["ankle_centre"], self.k
        ahead = (self.q - A) @ self.fwd  # metres in front of the ankle centre
        instep = (self.z < A[2] + 0.03 * k) & (ahead > 0.035 * k)
        return ((self.z < A[2]) | instep) & (self.v > 0.97)

    def toe_zone(self, foot: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Toe vertices and their number, 1 (big toe) .. 5 (little toe). The toes are separate
        fingers of skin beyond the webs: cut the forefoot ever further forward from the MTP line
        until five pieces fall apart; the toes start at that cut, and the toe zone is split
        between the pieces' centre lines. Without separate toes in the mesh: 2.5 cm beyond the
        MTP line and fixed fractions of the foot width."""
        k = self.k
        fallback = foot & (self.f > self.f_mtp + 0.025 * k)
        self.toe_centres, self.web_offset = None, 0.025 * k
        number = np.where(self.rel < 0.34, 1, np.where(self.rel > 0.84, 5, 3))
        if self.edges is None:
            return fallback, number
        e = self.edges
        forefoot = foot & (self.f > self.f_mtp)
        for offset in np.arange(0.0, 0.08, 0.0025) * k:
            cut = forefoot & (self.f > self.f_mtp + offset)
            inside = cut[e[:, 0]] & cut[e[:, 1]]
            comp = components(np.zeros(self.m, np.int64), e[inside], np.zeros(self.m, np.int64))
            ids, sizes = np.unique(comp[cut], return_counts=True)
            if (sizes >= 12).sum() >= 5:
                pieces = ids[np.argsort(sizes)[::-1][:5]]
                centres = sorted(float(np.median(self.w[comp == c])) for c in pieces)
                bounds = np.array([0.5 * (a + b) for a, b in itertools.pairwise(centres)])
                toes = forefoot & (self.f > self.f_mtp + offset - 0.004 * k)
                self.toe_centres, self.web_offset = centres, offset
                return toes, 1 + np.searchsorted(bounds, self.w)
        return fallback, number

    def set_foot_width(self, foot: np.ndarray) -> None:
        """Medial->lateral fraction of the local foot width (1 cm bins along the foot)."""
        f, w = self.f, self.w
        rel = np.full(self.m, 0.5)
        if foot.any():
            bins = np.floor(f / 0.01).astype(int)
            fb, wb = bins[foot], w[foot]
            lo_b, hi_b = fb.min(), fb.max()
            nb = hi_b - lo_b + 1
            wmin = np.full(nb, np.inf)
            wmax = np.full(nb, -np.inf)
            np.minimum.at(wmin, fb - lo_b, wb)
            np.maximum.at(wmax, fb - lo_b, wb)
            idx = np.clip(bins - lo_b, 0, nb - 1)
            width = np.maximum(wmax[idx] - wmin[idx], 1e-3)
            rel = np.clip((w - wmin[idx]) / width, 0.0, 1.0)
        self.rel = rel
        sole_z = self.z[foot].min() if foot.any() else 0.0
        self.h = self.z - sole_z

    # ------------------------------------------------------------------ segments
    def segments(self) -> dict[str, np.ndarray]:
        lm, k = self.s.lm, self.k
        x, y, z, th = self.x, self.y, self.z, self.th
        it, gt, pt = lm["ischial_tuberosity"], lm["greater_trochanter"], lm["pubic_tubercle"]
        # thigh root height as a function of the angle round the thigh
        crease = self.zI - 0.025 * k
        fold = it[2] - 0.02 * k + 0.35 * np.maximum(x - it[0] - 0.03 * k, 0.0)
        lateral_root = gt[2] - 0.07 * k
        medial_root = pt[2] - 0.035 * k
        # around the thigh: crease in front, greater trochanter at the side, fold behind, crotch medially
        rootz = _interp_arrays(
            th,
            [-180.0, -135.0, -90.0, -45.0, 60.0, 100.0, 140.0, 180.0],
            [fold, fold, medial_root, crease, crease, lateral_root, fold, fold],
        )
        knee_top = lm["knee_centre"][2] + 0.075 * k
        below_root = (z < rootz) & (self.u > -0.2)
        # the perineum faces down between the thighs (the forward-facing mons belongs to the groin)
        perineum = (
            (x < self._perineum_half_width())
            & (z < lm["pubic_tubercle"][2] - 0.01 * k)
            & (z > self.anus[2] - 0.06 * k)
            & ((self.n[:, 2] < -0.25) | ((y < self.anus[1] + 0.01 * k) & (self._anal_distance() < 0.04 * k)))
        )
        foot = self.foot_mask()
        limb = below_root & ~perineum
        trunk = ~limb & ~perineum & ~foot
        knee = limb & (z < knee_top) & (z > lm["knee_centre"][2] - 0.06 * k) & ~foot
        thigh = limb & (z >= knee_top)
        leg = limb & ~thigh & ~knee & ~foot
        self.rootz = rootz
        return {"trunk": trunk, "perineum": perineum, "thigh": thigh, "knee": knee, "leg": leg, "foot": foot}

    def _perineum_half_width(self) -> float:
        # medial to the ischial tuberosities and the thigh roots: about half of the IT half-distance
        return max(0.45 * self.s.lm["ischial_tuberosity"][0], 0.025 * self.k)

    # ------------------------------------------------------------------ trunk dermatome bands
    def trunk_band_boundaries(self) -> np.ndarray:
        """Heights (m) of the boundaries B0..B6 between T10-top, T10|T11, T11|T12, T12|L1, L1|L2,
        L2|L3 and L3|sacral at every vertex, interpolated round the trunk."""
        lm, mid, k = self.s.lm, self.s.mid, self.k
        zI, phi = self.zI, self.phi
        umb = mid["umbilicus"]
        mid_ing = 0.5 * (lm["asis"] + lm["pubic_tubercle"])
        dd = max(umb[2] - mid_ing[2], 0.06 * k)  # umbilicus -> mid-inguinal height, ~12 cm
        crest = lm["iliac_crest_top"][2]
        psis = lm["psis"][2]
        sp = {n: mid[f"spinous_process_{n}"][2] for n in ("L1", "L2", "L3", "L4", "L5", "S1")}
        # anterior: relative to the ligament line (zI) and the umbilicus (T10 key point level)
        ant = [
            umb[2] + max(0.4 * dd, 0.035 * k),  # top of T10 (T9 and above are not mapped)
            umb[2] - 0.25 * dd,  # T10 | T11 (T10 key point: umbilicus level)
            zI + 0.2 * dd,  # T11 | T12 (T11 key point: midway umbilicus - ligament)
            zI - 0.022 * k,  # T12 | L1 (just below the ligament: the groin crease)
            zI - 2.0 * dd,  # L1 | L2 (thigh rules take over below the crease)
            zI - 2.0 * dd,
            zI - 2.0 * dd,
        ]
        # lateral (phi 90): relative to the iliac crest, in units of about one vertebral level
        b = 0.04 * k
        lat = [
            crest + 4.5 * b,
            crest + 3.0 * b,
            crest + 1.3 * b,
            crest - 0.6 * b,  # T12 (subcostal, lateral cutaneous branch) just over the crest
            crest - 1.9 * b,  # L1 (iliohypogastric lateral branch) then L2 onto the lateral thigh
            crest - 8.0 * b,
            crest - 8.5 * b,
        ]
        # posterior midline: dorsal rami descend, so each band sits lower than its vertebra
        post = [
            sp["L1"] + 1.2 * b,
            sp["L1"],
            sp["L2"],
            sp["L3"],
            sp["L4"],
            sp["L5"],
            min(sp["S1"], psis) - 0.2 * b,
        ]
        # bands slope down and out over the back and buttock (phi 135 lower than the midline)
        out = np.empty((7, self.m))
        for i in range(7):
            p135 = post[i] - (1.2 * b if i >= 3 else 0.6 * b)
            out[i] = np.where(
                phi < 90,
                ant[i] + (lat[i] - ant[i]) * np.clip((phi - 45.0) / 45.0, 0, 1),
                np.where(
                    phi < 135,
                    lat[i] + (p135 - lat[i]) * (phi - 90.0) / 45.0,
                    p135 + (post[i] - p135) * (phi - 135.0) / 45.0,
                ),
            )
        # keep the boundaries ordered top to bottom
        return np.minimum.accumulate(out, axis=0)

    # ------------------------------------------------------------------ the labels
    def label(self) -> dict[str, np.ndarray]:
        seg = self.segments()
        self.set_foot_width(seg["foot"])
        m = self.m
        derm = np.full(m, NONE, np.int16)
        alt = np.full(m, NONE, np.int16)
        keeg = np.full(m, NONE, np.int16)
        nerve = np.full(m, NONE, np.int16)
        nalt = np.full(m, NONE, np.int16)
        region = np.full(m, NONE, np.int16)
        out = {
            "dermatome": derm,
            "dermatome_alt": alt,
            "dermatome_keegan": keeg,
            "cutaneous_nerve": nerve,
            "cutaneous_nerve_alt": nalt,
            "region": region,
        }
        self._trunk(seg, out)
        self._perineum(seg, out)
        self._thigh(seg["thigh"], out)
        self._knee(seg["knee"], out)
        self._leg(seg["leg"], out)
        self._foot(seg["foot"], out)
        self._ankle(seg, out)
        return out

    # trunk, buttock, lateral hip, groin, low back, sacrum ----------------------------------------
    def _trunk(self, seg: dict[str, np.ndarray], out: dict[str, np.ndarray]) -> None:
        lm, k = self.s.lm, self.k
        t = seg["trunk"]
        x, y, z, phi, zI = self.x, self.y, self.z, self.phi, self.zI
        B = self.trunk_band_boundaries()
        band = (z[None, :] < B).sum(axis=0)  # 0 above T10 top, 1 T10, 2 T11, 3 T12, 4 L1, 5 L2, 6 L3, 7 sacral
        psis, it, gt = lm["psis"], lm["ischial_tuberosity"], lm["greater_trochanter"]
        # the skin just below and beside the PSIS is sacral (middle cluneal nerves, S1-S3 dorsal rami),
        # never L3: the sloping L3 band stays lateral, over the upper buttock (CLINICAL.md §2, issue 18)
        below_psis = t & (phi > 120) & (x < psis[0] + 0.03 * k) & (z <= psis[2]) & (z > psis[2] - 0.08 * k)
        band = np.where(below_psis & (band == 6), 7, band)
        lee = np.array([NONE, D["T10"], D["T11"], D["T12"], D["L1"], D["L2"], D["L3"], NONE])[band]
        # sacral dermatomes: rings round the anus (Foerster; Lee 2008 leaves S3-S5 blank)
        ra = self._anal_distance()
        sacral = (band == 7) & t
        ring = np.where(
            self._s4_s5(ra),
            D["S4_S5"],
            np.where(ra < RING_S3 * k, D["S3"], np.where(ra < RING_S2 * k, D["S2"], D["S1"])),
        )
        # the buttock fold reads S3 or S2 (the top of the S2 strip of the back of the thigh), not S1
        ring = np.where((ring == D["S1"]) & (z < it[2] + 0.02 * k), D["S2"], ring)
        lee = np.where(band == 7, ring, lee)
        derm, alt, keeg = out["dermatome"], out["dermatome_alt"], out["dermatome_keegan"]
        derm[t] = lee[t]
        # alternates (CLINICAL_EVIDENCE §2b): T12 suprapubic alt L1; buttock S1-S2 alt S3 ...
        supra = t & (band == 3) & (phi < 60)
        alt[supra] = D["L1"]
        alt[sacral & (derm == D["S2"])] = D["S3"]
        alt[sacral & (derm == D["S4_S5"])] = D["S3"]
        alt[sacral & (derm == D["S1"])] = D["S2"]
        alt[sacral & (derm == D["S3"])] = D["S2"]
        # Keegan & Garrett: long bands from the back; L4/L5 cross the mid buttock towards the lateral
        # thigh, S1 the lower lateral buttock, S2 the lower medial buttock and fold
        kband = lee.copy()
        mid_buttock = sacral & (ra >= RING_S3 * k)
        kb_lat = np.clip((x - psis[0]) / max(gt[0] - psis[0], 1e-3), 0, 1.5)
        kb_h = (z - it[2]) / max(psis[2] - it[2], 1e-3)  # 0 at ischial tuberosity, 1 at PSIS
        ksel = np.where(
            kb_h > 0.55,
            np.where(kb_lat > 0.45, D["L4"], np.where(kb_lat > 0.1, D["L5"], D["S1"])),
            np.where(kb_lat > 0.6, D["L5"], np.where(kb_lat > 0.3, D["S1"], D["S2"])),
        )
        kband = np.where(mid_buttock, ksel, kband)
        kband = np.where(sacral & (ra < RING_S3 * k) & (ra >= RING_S45 * k), D["S3"], kband)
        kband = np.where(sacral & self._s4_s5(ra), D["S4_S5"], kband)
        # beside the lumbar spine Keegan & Garrett's bands start at the mid-dorsal line at their own
        # level (continuous bands L3-S2), not descended like the dorsal rami of Foerster-type maps
        sp = {n: self.s.mid[f"spinous_process_{n}"][2] for n in ("L1", "L2", "L3", "L4", "L5", "S1")}
        levels = ("L1", "L2", "L3", "L4", "L5", "S1")
        tops = [sp["L1"] + 0.5 * (sp["L1"] - sp["L2"])] + [0.5 * (sp[a] + sp[b]) for a, b in itertools.pairwise(levels)]
        lumbar_back = t & (phi > 140) & (x < psis[0] + 0.03 * k) & (z < tops[0]) & ~sacral
        kg_level = np.array([D[n] for n in levels])[
            np.clip((z[None, :] < np.array(tops)[:, None]).sum(axis=0) - 1, 0, 5)
        ]
        kband = np.where(lumbar_back, kg_level, kband)
        keeg[t] = kband[t]

        # regions
        region, nerve = out["region"], out["cutaneous_nerve"]
        nalt = out["cutaneous_nerve_alt"]
        lateral = (phi >= 60) & (phi <= 115)
        sac_half = psis[0] + 0.015 * k
        coccyx_z = self.anus[2] + 0.045 * k
        sacrum = t & (phi > 150) & (x < sac_half) & (z < psis[2] + 0.02 * k) & (z > coccyx_z)
        above_crest = z > zI + 0.01 * k
        low_back = t & (phi >= 90) & above_crest & ~sacrum
        abdomen = t & (phi < 90) & (z > zI + 0.03 * k)
        groin = t & (phi < 65) & ~abdomen
        lateral_hip = t & ~above_crest & lateral & (z > gt[2] - 0.06 * k) & ~groin & ~sacrum
        buttock = t & ~(sacrum | low_back | abdomen | groin | lateral_hip)
        for name, mask in (
            ("low_back", low_back),
            ("sacrum", sacrum),
            ("lower_abdomen", abdomen),
            ("groin", groin),
            ("lateral_hip", lateral_hip),
            ("buttock", buttock),
        ):
            region[mask] = R[name]
        # groin extends a little below the crease onto the thigh root (handled in _thigh)

        # cutaneous nerves
        pt = lm["pubic_tubercle"]
        suprapubic = t & (phi < 70) & (z < zI + 0.06 * k) & (z > zI - 0.03 * k) & (x < lm["asis"][0] - 0.01 * k)
        nerve[suprapubic] = N["iliohypogastric"]
        medial_groin = t & (phi < 50) & (z <= zI + 0.0) & (x < pt[0] + 0.035 * k)
        nerve[medial_groin] = N["ilioinguinal"]
        nalt[suprapubic & (x < pt[0] + 0.03 * k)] = N["ilioinguinal"]
        # lateral branch of the iliohypogastric over the crest to the upper lateral buttock
        lat_ih = t & (phi > 75) & (phi < 125) & (z < zI + 0.03 * k) & (z > zI - 0.07 * k)
        nerve[lat_ih] = N["iliohypogastric"]
        # superior cluneal: cross the crest ~7-8 cm from the midline, upper buttock
        sup_cl = t & (phi >= 115) & (z < zI + 0.025 * k) & (z > zI - 0.11 * k) & (x > sac_half) & (x < gt[0])
        nerve[sup_cl] = N["superior_cluneal"]
        # middle cluneal: over the sacrum and the medial buttock
        mid_cl = t & (phi > 130) & (z <= zI + 0.02 * k) & ~sup_cl & (x < psis[0] + 0.06 * k) & (ra > RING_S45 * k)
        mid_cl &= z > it[2] + 0.07 * k  # the lower medial buttock belongs to the inferior cluneal branches
        nerve[mid_cl & ~sup_cl] = N["middle_cluneal"]
        # inferior cluneal: lower buttock, infragluteal fold, skin lateral to the anus
        inf_cl = t & (phi > 110) & ~sup_cl & ~mid_cl & (z < it[2] + 0.1 * k)
        nerve[inf_cl] = N["inferior_cluneal"]
        rest_buttock = t & (phi > 110) & (nerve == NONE) & ~low_back & (z < zI)
        # mid buttock between the superior and inferior cluneal fields: superior above, inferior below
        midz = 0.5 * (zI - 0.11 * k + it[2] + 0.1 * k)
        nerve[rest_buttock & (z >= midz)] = N["superior_cluneal"]
        nerve[rest_buttock & (z < midz)] = N["inferior_cluneal"]
        # lateral hip below the iliohypogastric branch: lateral femoral cutaneous reaches up to the
        # greater trochanter in front, the superior cluneal behind
        lh_rest = t & lateral_hip & (nerve == NONE)
        nerve[lh_rest & (phi < 95)] = N["lateral_femoral_cutaneous"]
        nerve[lh_rest & (phi >= 95)] = N["superior_cluneal"]
        # genitofemoral femoral branch starts just below the crease (thigh)
        del y

    def _anal_distance(self) -> np.ndarray:
        """Distance to the anus, stretched vertically a little (the saddle rings are taller than wide)."""
        d = self.q - self.anus
        return np.sqrt(d[:, 0] ** 2 + (0.8 * d[:, 1]) ** 2 + (0.75 * d[:, 2]) ** 2)

    def _s4_s5(self, ra: np.ndarray) -> np.ndarray:
        """S4-S5: the perianal ring, and the skin over the coccyx, in the natal cleft below the apex of
        the sacrum (S4, S5 and the coccygeal nerve: Foerster; Keegan & Garrett)."""
        k, apex = self.k, self.s.mid["sacrum_apex"]
        over_coccyx = (self.x < COCCYX_HALF_WIDTH_M * k) & (self.y < self.anus[1]) & (self.z < apex[2])
        over_coccyx &= self.z > apex[2] - COCCYX_SKIN_LENGTH_M * k
        return (ra < RING_S45 * k) | over_coccyx

    def _perineum(self, seg: dict[str, np.ndarray], out: dict[str, np.ndarray]) -> None:
        p = seg["perineum"]
        ra = self._anal_distance()
        perianal = self._s4_s5(ra)
        front = self.y > self.anus[1] + 0.5 * (self.s.mid["pubic_symphysis"][1] - self.anus[1])
        d = np.where(perianal, D["S4_S5"], np.where(front, D["L1"], D["S3"]))
        out["dermatome"][p] = d[p]
        out["dermatome_alt"][p & ~perianal & ~front] = D["S2"]
        out["dermatome_alt"][p & ~perianal & front] = D["S3"]
        out["dermatome_keegan"][p] = np.where(perianal, D["S4_S5"], np.where(front, D["L1"], D["S3"]))[p]
        out["region"][p] = R["perineum"]
        out["cutaneous_nerve"][p & front] = N["ilioinguinal"]
        out["cutaneous_nerve_alt"][p & front] = N["genitofemoral"]
        out["cutaneous_nerve"][p & ~front & ~perianal] = N["posterior_femoral_cutaneous"]  # perineal branch

    # thigh ------------------------------------------------------------------------------------
    def _thigh(self, t: np.ndarray, out: dict[str, np.ndarray]) -> None:
        u, th, k = self.u, self.th, self.k
        lm = self.s.lm
        z = self.z
        derm, alt, keeg = out["dermatome"], out["dermatome_alt"], out["dermatome_keegan"]
        nerve, nalt, region = out["cutaneous_nerve"], out["cutaneous_nerve_alt"], out["region"]
        # Lee: oblique bands on the front/medial thigh, lower medially (down and medially)
        b = u + 0.15 * np.clip(th, -100, 60) / 90.0
        front = (th >= -115) & (th < 50)
        lateral = (th >= 50) & (th < 118)
        postlat = (th >= 118) & (th < 150)
        post = (th >= 150) | (th < -145)
        postmed = (th >= -145) & (th < -115)
        ant_band = np.where(b < 0.26, D["L1"], np.where(b < 0.6, D["L2"], D["L3"]))
        lee = np.full(self.m, NONE, np.int16)
        lee = np.where(front, ant_band, lee)
        lee = np.where(lateral, np.where(u < 0.5, D["L2"], D["L3"]), lee)
        lee = np.where(postlat, D["S1"], lee)
        lee = np.where(post, D["S2"], lee)
        lee = np.where(postmed, np.where(u < 0.55, D["S2"], D["L3"]), lee)
        # S3 at the ischial tuberosity / medial infragluteal fold (ISNCSCI) and, in the same ring round
        # the anus, on the upper inner thigh beside the perineum: the saddle (Foerster, Keegan & Garrett;
        # the perineal branch of the posterior femoral cutaneous nerve). The ring reaches about 6 cm
        # below the crotch on the inner face and less towards the front, where the groin is L1.
        ra = self._anal_distance()
        s3 = (ra < RING_S3 * k) & ((th > 100) | (th < SADDLE_THIGH_FRONT_DEG))
        inner = s3 & (th >= -100) & (th < 0)  # the inner face; behind it the sitting bone and the fold
        lee = np.where(s3, D["S3"], lee)
        derm[t] = lee[t]
        a = np.full(self.m, NONE, np.int16)
        a = np.where(lateral, np.where(th < 85, D["L4"], D["L5"]), a)  # Keegan's bands (low confidence)
        a = np.where(postlat, D["S2"], a)
        a = np.where(post, np.where(th > 0, D["S1"], np.where(u < 0.3, D["S3"], NONE)), a)
        a = np.where(s3, np.where(inner, D["L1"], D["S2"]), a)  # L1: Lee 2008, the ilioinguinal nerve
        alt[t] = a[t]
        # Keegan & Garrett: L1 top, L2, L3 front and medial to the medial knee; L4 lateral (crossing
        # the front of the knee); L5 posterolateral; S1 posterior; S2 posteromedial
        kb = u + 0.2 * np.clip(th, -100, 60) / 90.0
        kant = np.where(kb < 0.2, D["L1"], np.where(kb < 0.5, D["L2"], D["L3"]))
        kg = np.where(front, kant, NONE)
        kg = np.where(front & (th > -30) & (u > 0.85), D["L4"], kg)  # L4 crosses the front of the knee
        kg = np.where(lateral, np.where(th < 95, D["L4"], D["L5"]), kg)
        kg = np.where(postlat, D["L5"], kg)
        kg = np.where(post, np.where(th > 0, D["S1"], D["S2"]), kg)
        kg = np.where(postmed, D["S2"], kg)
        kg = np.where(s3, D["S3"], kg)
        keeg[t] = kg[t]

        # nerves
        mid_ing_x = 0.5 * (lm["asis"][0] + lm["pubic_tubercle"][0])
        nv = np.full(self.m, NONE, np.int16)
        nv = np.where((th >= 25) & (th < 125) & (u > 0.0), N["lateral_femoral_cutaneous"], nv)
        nv = np.where((th >= -75) & (th < 25), N["anterior_femoral_cutaneous"], nv)
        nv = np.where((th >= -125) & (th < -75), N["anterior_femoral_cutaneous"], nv)  # medial femoral cut.
        nv = np.where((th >= 125) | (th < -125), N["posterior_femoral_cutaneous"], nv)
        nv = np.where((th >= -125) & (th < -70) & (u > 0.35) & (u < 0.8), N["obturator"], nv)
        nv = np.where((th >= -100) & (th < -40) & (u < 0.3), N["ilioinguinal"], nv)  # anteromedial only
        mid_ing = 0.5 * (lm["asis"] + lm["pubic_tubercle"])
        gf_centre = self._front_skin_point(mid_ing_x, mid_ing[2] - 0.045 * k)
        gf = (th >= -45) & (th < 25) & (np.linalg.norm(self.q - gf_centre, axis=1) < 0.05 * k)
        nv = np.where(gf, N["genitofemoral"], nv)
        # the skin over the ischial tuberosity and the infragluteal fold (ISNCSCI S3): lower buttock,
        # inferior cluneal branches of the posterior femoral cutaneous nerve
        fold = s3 & ~inner & (z > lm["ischial_tuberosity"][2] - 0.06 * k)
        nv = np.where(fold, N["inferior_cluneal"], nv)
        nerve[t] = nv[t]
        na = np.full(self.m, NONE, np.int16)
        na = np.where(nv == N["obturator"], N["anterior_femoral_cutaneous"], na)
        na = np.where(gf, N["ilioinguinal"], na)
        na = np.where(fold | inner, N["posterior_femoral_cutaneous"], na)  # inner: its perineal branch
        nalt[t] = na[t]

        # regions
        groin = t & (th > -110) & (th < 40) & (z > self.rootz - 0.05 * k)
        rg = np.where(front & (th > -60), R["anterior_thigh"], R["medial_thigh"])
        rg = np.where(lateral, R["lateral_thigh"], rg)
        rg = np.where(post | postlat | (postmed & (th > -125)), R["posterior_thigh"], rg)
        rg = np.where((th >= -115) & (th < -60), R["medial_thigh"], rg)
        rg = np.where(groin, R["groin"], rg)
        rg = np.where(lateral & (z > lm["greater_trochanter"][2] - 0.06 * k), R["lateral_hip"], rg)
        rg = np.where(fold, R["buttock"], rg)
        region[t] = rg[t]

    # knee --------------------------------------------------------------------------------------
    def _knee(self, t: np.ndarray, out: dict[str, np.ndarray]) -> None:
        th, k, z = self.tl, self.k, self.z
        kz = self.s.lm["knee_centre"][2]
        above = z >= kz - 0.01 * k  # above the joint line ~ thigh
        front = (th > -100) & (th < 100)
        medial = th <= -100
        lee = np.where(front, np.where((th > 45) & ~above, D["L5"], D["L3"]), NONE)
        lee = np.where(~front, np.where(th > 130, np.where(above, D["S2"], D["S1"]), D["S2"]), lee)
        lee = np.where(~front & (th < -130), D["S2"], lee)
        lee = np.where(medial & (th > -130), D["L3"], lee)
        # the lateral knee below the joint line (fibular head and neck) is leg skin: L5 in front of
        # the posterolateral S1 strip, supplied by the lateral sural cutaneous nerve (common fibular)
        fibular = ~above & (th >= 45) & (th < 145)
        lee = np.where(fibular, D["L5"], lee)
        out["dermatome"][t] = lee[t]
        a = np.where(front & (th > -50) & (th < 45), D["L4"], NONE)  # Keegan's L4 across the knee
        a = np.where(front & (th >= 45), np.where(above, D["L4"], D["L3"]), a)
        a = np.where(~front & (th > 130), np.where(above, D["S1"], D["S2"]), a)
        a = np.where(fibular, np.where(th >= 125, D["S1"], np.where(th < 75, D["L4"], NONE)), a)
        out["dermatome_alt"][t] = a[t]
        kg = np.where(front, np.where(th > 60, np.where(above, D["L4"], D["L5"]), D["L4"]), NONE)
        kg = np.where(front & (th < -60) & above, D["L3"], kg)
        kg = np.where(~front, np.where(th > 0, D["S1"], D["S2"]), kg)
        kg = np.where(fibular, D["L5"], kg)
        out["dermatome_keegan"][t] = kg[t]
        nv = np.where(front, N["anterior_femoral_cutaneous"], N["posterior_femoral_cutaneous"])
        nv = np.where(
            front & (th > 50), np.where(above, N["lateral_femoral_cutaneous"], N["lateral_sural_cutaneous"]), nv
        )
        nv = np.where((th < -40) & (th > -135) & ~above, N["saphenous"], nv)
        nv = np.where((th <= -50) & (th > -135) & above, N["saphenous"], nv)
        infrapatellar = front & (th > -40) & (th < 50) & (z < kz - 0.015 * k)
        nv = np.where(infrapatellar, N["saphenous"], nv)
        nv = np.where(fibular & ~infrapatellar, N["lateral_sural_cutaneous"], nv)
        out["cutaneous_nerve"][t] = nv[t]
        na = np.where(front & (th > -40) & (th < 50) & ~infrapatellar, N["saphenous"], NONE)
        na = np.where(infrapatellar, N["anterior_femoral_cutaneous"], na)
        out["cutaneous_nerve_alt"][t] = na[t]
        rg = np.where(front, R["knee_front"], R["knee_back"])
        rg = np.where(fibular & (th >= 60) & (z < self.s.lm["fibular_head"][2] + 0.01 * k), R["lateral_leg"], rg)
        out["region"][t] = rg[t]

    # leg ----------------------------------------------------------------------------------------
    def _leg(self, t: np.ndarray, out: dict[str, np.ndarray]) -> None:
        th, v = self.tl, self.v
        medial = (th >= -140) & (th < -8)
        antlat = (th >= -8) & (th < 125)
        postlat = (th >= 125) & (th < 165)
        post = (th >= 165) | (th < -140)
        lee = np.where(medial, np.where(v < 0.12, D["L3"], D["L4"]), NONE)
        lee = np.where(antlat, D["L5"], lee)
        lee = np.where(postlat, D["S1"], lee)
        lee = np.where(post, np.where(v < 0.55, D["S2"], D["S1"]), lee)
        lee = np.where(post & (th < -150) & (v >= 0.55), D["L4"], lee) if False else lee
        out["dermatome"][t] = lee[t]
        a = np.where(medial & (v < 0.12), D["L4"], NONE)
        a = np.where(post & (v >= 0.45), D["S2"], a)
        a = np.where(post & (v < 0.45), D["S1"], a)
        out["dermatome_alt"][t] = a[t]
        kg = np.where((th >= -130) & (th < 0), D["L4"], NONE)
        kg = np.where((th >= 0) & (th < 120), D["L5"], kg)
        kg = np.where((th >= 120) | (th < -165), D["S1"], kg)
        kg = np.where((th >= -165) & (th < -130), D["S2"], kg)
        out["dermatome_keegan"][t] = kg[t]
        nv = np.where((th >= -150) & (th < -10), N["saphenous"], NONE)
        nv = np.where(
            (th >= -10) & (th < 150), np.where(v < 0.5, N["lateral_sural_cutaneous"], N["superficial_fibular"]), nv
        )
        nv = np.where((th >= 110) & (th < 150) & (v >= 0.5), N["sural"], nv)
        nv = np.where((th >= 150) | (th < -150), np.where(v < 0.35, N["posterior_femoral_cutaneous"], N["sural"]), nv)
        infrapatellar = (th >= -40) & (th < 10) & (v < 0.2)
        nv = np.where(infrapatellar, N["saphenous"], nv)
        out["cutaneous_nerve"][t] = nv[t]
        rg = np.where(medial & (th < -35), R["medial_leg"], NONE)
        rg = np.where((th >= -35) & (th < 35), R["shin"], rg)
        rg = np.where((th >= 35) & (th < 130), R["lateral_leg"], rg)
        rg = np.where((th >= 130) | (th < -140), R["calf"], rg)
        out["region"][t] = rg[t]

    # foot ---------------------------------------------------------------------------------------
    def _foot(self, t: np.ndarray, out: dict[str, np.ndarray]) -> None:
        k = self.k
        f, rel, h, n = self.f, self.rel, self.h, self.n
        heel = f < 0.28 * self.f_len
        toes, toe_number = self.toe_zone(t)
        plantar = (n[:, 2] < np.where(toes, -0.65, -0.45)) & (h < 0.03 * k)
        lat_face = n @ self.flat
        medial_edge = ~plantar & ~toes & ((rel < 0.1) | ((lat_face < -0.55) & (rel < 0.35)))
        lateral_edge = ~plantar & ~toes & ((rel > 0.9) | ((lat_face > 0.55) & (rel > 0.65)))
        big = toes & (toe_number == 1)
        little = toes & (toe_number == 5)
        mid_toes = toes & ~big & ~little
        # Lee dermatomes
        lee = np.full(self.m, D["L5"], np.int16)
        lee = np.where(lateral_edge | little, D["S1"], lee)
        lee = np.where(plantar | heel, D["S1"], lee)
        # L4 along the medial border back from the midfoot (arch, navicular), L5 on the forefoot
        midfoot_medial = medial_edge & ~toes & ~heel & (f < 0.62 * self.f_len_total)
        lee = np.where(midfoot_medial, D["L4"], lee)
        out["dermatome"][t] = lee[t]
        a = np.full(self.m, NONE, np.int16)
        a = np.where(midfoot_medial, D["L5"], a)
        a = np.where(medial_edge & ~toes & ~heel & ~midfoot_medial, D["L4"], a)
        a = np.where(big & ~plantar & (lat_face < -0.3), D["L4"], a)  # medial side of the big toe
        a = np.where(plantar & ~heel & (rel < 0.55), D["L5"], a)
        a = np.where(plantar & toes & (rel < 0.6), D["L5"], a)  # plantar big, 2nd and 3rd toes
        a = np.where(heel & medial_edge, D["L4"], a)
        out["dermatome_alt"][t] = a[t]
        kg = np.full(self.m, D["L5"], np.int16)
        kg = np.where((medial_edge & ~heel) | (big & (lat_face < 0.0) & ~plantar), D["L4"], kg)
        kg = np.where(lateral_edge | little | heel, D["S1"], kg)
        kg = np.where(plantar & ~heel, np.where(rel < 0.5, D["L5"], D["S1"]), kg)
        out["dermatome_keegan"][t] = kg[t]
        # nerves
        # first web space: between the centre lines of the big and second toes, from just behind
        # the MTP heads to a little beyond the web
        if self.toe_centres is not None:
            w_lo, w_hi = self.toe_centres[0], self.toe_centres[1]
            web_x = (self.w > w_lo + 0.15 * (w_hi - w_lo)) & (self.w < w_hi - 0.1 * (w_hi - w_lo))
        else:
            web_x = (rel > 0.12) & (rel < 0.42)
        web = ~plantar & web_x & (f > self.f_mtp - 0.02 * k) & (f < self.f_mtp + self.web_offset + 0.012 * k)
        nv = np.full(self.m, N["superficial_fibular"], np.int16)
        nv = np.where(web, N["deep_fibular"], nv)
        nv = np.where(medial_edge & ~toes & (f < self.f_m1 - 0.005 * k), N["saphenous"], nv)
        nv = np.where(lateral_edge | (little & ~plantar), N["sural"], nv)
        nv = np.where(plantar, np.where(rel < 0.62, N["medial_plantar"], N["lateral_plantar"]), nv)
        nv = np.where(plantar & toes, np.where(rel < 0.75, N["medial_plantar"], N["lateral_plantar"]), nv)
        nv = np.where(heel & (plantar | medial_edge | (rel < 0.5)), N["medial_calcaneal"], nv)
        nv = np.where(heel & ~plantar & (rel >= 0.5), N["sural"], nv)
        out["cutaneous_nerve"][t] = nv[t]
        na = np.where(medial_edge & ~toes & ~heel, N["superficial_fibular"], NONE)
        na = np.where(heel & plantar & (rel > 0.55), N["lateral_plantar"], na)
        out["cutaneous_nerve_alt"][t] = na[t]
        rg = np.where(plantar, R["sole"], R["dorsum_of_foot"])
        rg = np.where(heel & (plantar | (f < 0.2 * self.f_len) | medial_edge | lateral_edge), R["heel"], rg)
        rg = np.where(
            (medial_edge | lateral_edge) & ~heel & ~toes, np.where(plantar, R["sole"], R["dorsum_of_foot"]), rg
        )
        rg = np.where(big, R["big_toe"], np.where(little, R["little_toe"], np.where(mid_toes, R["middle_toes"], rg)))
        # the medial eminence of the first metatarsal head (a bunion's place) is the big toe joint
        bunion_site = medial_edge & ~plantar & (np.abs(f - self.f_m1) < 0.015 * k)
        rg = np.where(bunion_site, R["big_toe"], rg)
        out["region"][t] = rg[t]

    # ankles --------------------------------------------------------------------------------------
    def _ankle(self, seg: dict[str, np.ndarray], out: dict[str, np.ndarray]) -> None:
        lm, k = self.s.lm, self.k
        near_leg_or_foot = seg["leg"] | seg["foot"]
        mm, lmall = lm["medial_malleolus"], lm["lateral_malleolus"]
        dm = np.linalg.norm(self.q - mm, axis=1)
        dl = np.linalg.norm(self.q - lmall, axis=1)
        med = near_leg_or_foot & (dm < 0.042 * k) & (dm < dl)
        lat = near_leg_or_foot & (dl < 0.042 * k) & (dl <= dm)
        out["region"][med] = R["medial_ankle"]
        out["region"][lat] = R["lateral_ankle"]
        out["dermatome"][med] = D["L4"]
        out["dermatome_keegan"][med] = D["L4"]
        out["cutaneous_nerve"][med] = N["saphenous"]
        # lateral malleolus: S1 behind and below (sural), L5 in front (superficial fibular)
        front = (self.q - lmall) @ self.fwd > 0.005 * k
        out["dermatome"][lat] = np.where(front, D["L5"], D["S1"])[lat]
        out["dermatome_alt"][lat] = np.where(front, D["S1"], D["L5"])[lat]
        out["dermatome_keegan"][lat] = np.where(front, D["L5"], D["S1"])[lat]
        out["cutaneous_nerve"][lat] = np.where(front, N["superficial_fibular"], N["sural"])[lat]


# ----------------------------------------------------------------------------------------------
# whole skin
# ----------------------------------------------------------------------------------------------
def find_anus(points: np.ndarray, landmarks: dict[str, list[float]]) -> np.ndarray:
    """Skin vertex at the anus: on the midline, between the ischial tuberosities, deepest in the
    natal cleft (the highest midline point of the crotch behind the perineal body)."""
    it_r = np.asarray(landmarks["ischial_tuberosity_right"])
    it_l = np.asarray(landmarks["ischial_tuberosity_left"])
    it = 0.5 * (it_r + it_l)
    sel = np.abs(points[:, 0]) < 0.006
    sel &= np.abs(points[:, 1] - it[1]) < 0.06
    sel &= np.abs(points[:, 2] - it[2]) < 0.08
    if not sel.any():
        return np.array([0.0, it[1], it[2]])
    cand = points[sel]
    # the anus is where the midline surface between the buttocks is closest to the ischial line
    d = np.linalg.norm(cand - np.array([0.0, it[1], it[2] + 0.01]), axis=1)
    return cand[np.argmin(d)]


def sacrum_apex(bones) -> list[float]:  # type: ignore[no-untyped-def]
    """The lowest point of the sacrum in the bones mesh (structure `sacrum`): where the coccyx begins."""
    names = [str(n) for n in np.asarray(bones.field_data["structure_names"])]
    index = np.asarray(bones.cell_data["structure_index"])
    sacrum = bones.extract_cells(np.flatnonzero(index == names.index("sacrum")))
    points = np.asarray(sacrum.points, dtype=float)
    return points[int(np.argmin(points[:, 2]))].tolist()


def find_crotch_z(points: np.ndarray, landmarks: dict[str, list[float]]) -> float:
    """Height of the crotch: the lowest skin point on the midline between the thighs."""
    pt = np.asarray(landmarks["pubic_tubercle_right"])
    sel = (np.abs(points[:, 0]) < 0.01) & (points[:, 2] < pt[2]) & (points[:, 2] > 0.3 * pt[2])
    return float(points[sel, 2].min()) if sel.any() else float(pt[2] - 0.06)


def compute_labels(
    points: np.ndarray,
    normals: np.ndarray,
    faces: np.ndarray,
    landmarks: dict[str, list[float]],
    stature: float,
    skin_vertices: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """All label arrays for a skin (points, normals, triangle faces) and its landmarks."""
    n = len(points)
    side = np.where(points[:, 0] > MIDLINE_HALF_WIDTH_M, 1, np.where(points[:, 0] < -MIDLINE_HALF_WIDTH_M, -1, 0))
    side = side.astype(np.int8)
    scale = stature / 1.75
    anus = find_anus(points, landmarks)
    crotch_z = find_crotch_z(points, landmarks)
    labels = {
        name: np.full(n, NONE, np.int16)
        for name in (
            "dermatome",
            "dermatome_alt",
            "dermatome_keegan",
            "cutaneous_nerve",
            "cutaneous_nerve_alt",
            "region",
        )
    }
    all_edges = mesh_edges(faces)
    for name, sign in (("right", 1.0), ("left", -1.0)):
        sel = points[:, 0] >= 0 if sign > 0 else points[:, 0] < 0
        flip = np.array([sign, 1.0, 1.0])
        q = points[sel] * flip
        nn = normals[sel] * flip
        local = np.full(n, -1)
        local[sel] = np.arange(sel.sum())
        side_edges = local[all_edges]
        side_edges = side_edges[(side_edges >= 0).all(axis=1)]
        lab = Labeller(
            q, nn, Side.from_landmarks(landmarks, name), scale, anus * np.array([0.0, 1, 1]), crotch_z, side_edges
        )
        out = lab.label()
        for key, values in out.items():
            labels[key][sel] = values
    if skin_vertices is not None:
        for values in labels.values():
            values[~skin_vertices] = NONE
    # clean boundaries: majority filter within each side half (labels never cross the midline
    # differently: the group keeps left and right apart except through midline vertices)
    edges = mesh_edges(faces)
    group = np.where(points[:, 0] >= 0, 1, -1)
    mean_edge = float(np.linalg.norm(points[edges[:, 0]] - points[edges[:, 1]], axis=1).mean())
    sizes = {
        "dermatome": len(DERMATOMES),
        "dermatome_keegan": len(DERMATOMES),
        "cutaneous_nerve": len(NERVES),
        "region": len(REGIONS),
    }
    frozen = ~skin_vertices if skin_vertices is not None else None
    for key, count in sizes.items():
        lab = majority_filter(labels[key], edges, count, iterations=3, frozen=frozen)
        lab = remove_islands(lab, edges, count, min_size=12, group=group)
        labels[key] = lab
    # explicit alternates that equal the primary are dropped; elsewhere the overlap band gives one
    steps_derm = max(1, round(0.025 * scale / mean_edge))
    steps_nerve = max(1, round(0.015 * scale / mean_edge))
    for key, prim, steps, count in (
        ("dermatome_alt", "dermatome", steps_derm, len(DERMATOMES)),
        ("cutaneous_nerve_alt", "cutaneous_nerve", steps_nerve, len(NERVES)),
    ):
        explicit = majority_filter(labels[key], edges, count, iterations=2, frozen=frozen)
        explicit = np.where(explicit == labels[prim], NONE, explicit)
        band = overlap_alternates(labels[prim].astype(np.int64), edges, steps, group)
        alt = np.where(explicit != NONE, explicit, band)
        alt = np.where(labels[prim] == NONE, NONE, alt)
        labels[key] = alt.astype(np.int16)
    # The base mesh is symmetric: each left vertex with an exact mirror partner takes the right
    # partner's labels, so float noise on boundaries cannot draw the two sides differently.
    left, partner = mirror_partners(points)
    for values in labels.values():
        values[left] = values[partner]
    labels["side"] = side
    return labels


def mirror_partners(points: np.ndarray, tolerance: float = 1e-4) -> tuple[np.ndarray, np.ndarray]:
    """Left vertices (x < 0) whose mirror image is a right vertex (within `tolerance` m), and
    those right vertices."""
    from scipy.spatial import cKDTree

    right = np.flatnonzero(points[:, 0] > 0)
    left = np.flatnonzero(points[:, 0] < 0)
    dist, nearest = cKDTree(points[right]).query(points[left] * (-1.0, 1.0, 1.0))
    paired = dist < tolerance
    return left[paired], right[nearest[paired]]


# ----------------------------------------------------------------------------------------------
# the skin file
# ----------------------------------------------------------------------------------------------
def label_skin(skin, landmarks: dict[str, list[float]], stature: float):  # type: ignore[no-untyped-def]
    """Return a copy of the skin PolyData with the label arrays added."""
    import pyvista as pv

    skin = skin.copy()
    faces = (
        skin.faces.reshape(-1, 4)[:, 1:] if skin.is_all_triangles else skin.triangulate().faces.reshape(-1, 4)[:, 1:]
    )
    points = np.asarray(skin.points, dtype=float)
    if "Normals" in skin.point_data:
        normals = np.asarray(skin.point_data["Normals"], dtype=float)
    else:
        normals = np.asarray(skin.compute_normals(cell_normals=False, split_vertices=False).point_data["Normals"])
    skin_vertices = None
    if "is_cap" in skin.cell_data:
        cap = np.asarray(skin.cell_data["is_cap"]).astype(bool)
        skin_vertices = np.zeros(len(points), bool)
        skin_vertices[np.unique(faces[~cap])] = True
    labels = compute_labels(points, normals, faces, landmarks, stature, skin_vertices)
    for key in (
        "side",
        "dermatome",
        "dermatome_alt",
        "dermatome_keegan",
        "cutaneous_nerve",
        "cutaneous_nerve_alt",
        "region",
    ):
        skin.point_data[key] = labels[key]
    skin.field_data["dermatome_names"] = np.array(DERMATOMES)
    skin.field_data["cutaneous_nerve_names"] = np.array(NERVES)
    skin.field_data["region_names"] = np.array(REGIONS)
    assert isinstance(skin, pv.PolyData)
    return skin


def main(models_dir: Path | None = None) -> int:
    import pyvista as pv

    models_dir = Path(models_dir) if models_dir else Path(__file__).resolve().parents[2] / "assets" / "models"
    start = time.perf_counter()
    skin_path = models_dir / "skin.vtp"
    data = json.loads((models_dir / "landmarks.json").read_text(encoding="utf-8"))
    skin = pv.read(skin_path)
    stature = float(data.get("stature_m") or 1.75)
    landmarks = {**data["landmarks"], "sacrum_apex": sacrum_apex(pv.read(models_dir / "bones.vtp"))}
    labelled = label_skin(skin, landmarks, stature)
    manifest.write_vtp(labelled, skin_path)
    manifest.update_entry(models_dir, "skin.vtp")  # keeps the source recorded for skin.vtp
    elapsed = time.perf_counter() - start
    counts = np.bincount(
        labelled.point_data["dermatome"][labelled.point_data["dermatome"] >= 0], minlength=len(DERMATOMES)
    )
    print(f"territories: {labelled.n_points} vertices labelled in {elapsed:.1f} s")
    print("  dermatome vertices: " + ", ".join(f"{d} {c}" for d, c in zip(DERMATOMES, counts, strict=False)))
    return 0
