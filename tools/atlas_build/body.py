"""The model the nerves and structures are authored against (tools/atlas_build/nerves.py and
structures.py): bones by name with ray casts and distances, the skin, the landmarks, vertebrae with
their endplates, canal and pedicles, fitted planes and free space between bones.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyvista as pv
import vtk
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy

from .geometry import Vec, unit, vec

SIDES = (("right", 1.0), ("left", -1.0))


class Caster:
    """Ray casts against one surface (vtkOBBTree)."""

    def __init__(self, mesh: pv.PolyData):
        self.mesh = mesh
        self.tree = vtk.vtkOBBTree()
        self.tree.SetDataSet(mesh)
        self.tree.BuildLocator()

    def hits(self, a: Vec, b: Vec) -> np.ndarray:
        pts = vtk.vtkPoints()
        self.tree.IntersectWithLine(tuple(map(float, a)), tuple(map(float, b)), pts, None)
        if pts.GetNumberOfPoints() == 0:
            return np.empty((0, 3))
        arr = vtk_to_numpy(pts.GetData()).astype(float)
        arr = arr[np.argsort(np.linalg.norm(arr - np.asarray(a), axis=1))]
        keep = [0] + [i for i in range(1, len(arr)) if np.linalg.norm(arr[i] - arr[i - 1]) > 1e-7]
        return arr[keep]

    def first(self, origin: Vec, direction: Vec, length: float = 1.0) -> Vec | None:
        d = unit(np.asarray(direction, float))
        h = self.hits(origin, np.asarray(origin) + d * length)
        return h[0] if len(h) else None


class Distance:
    """Signed distance (positive outside) to closed surfaces, vectorised, with gradient."""

    def __init__(self, mesh: pv.PolyData):
        self.fn = vtk.vtkImplicitPolyDataDistance()
        self.fn.SetInput(mesh)

    def __call__(self, pts: np.ndarray) -> np.ndarray:
        pts = np.ascontiguousarray(np.atleast_2d(pts), dtype=float)
        out = vtk.vtkDoubleArray()
        self.fn.FunctionValue(numpy_to_vtk(pts, deep=True), out)
        return vtk_to_numpy(out).astype(float).copy()

    def gradient(self, pts: np.ndarray, h: float = 2e-4) -> np.ndarray:
        pts = np.atleast_2d(pts)
        g = np.zeros_like(pts)
        for k in range(3):
            e = np.zeros(3)
            e[k] = h
            g[:, k] = (self(pts + e) - self(pts - e)) / (2 * h)
        n = np.linalg.norm(g, axis=1, keepdims=True)
        return g / np.maximum(n, 1e-9)


def winding_number(mesh: pv.PolyData, pts: np.ndarray, chunk: int = 256) -> np.ndarray:
    """Generalised winding number of a triangle mesh at the points (about 1 inside, 0 outside);
    robust to the holes, duplicate faces and seams of the source bone meshes."""
    f = mesh.regular_faces
    v = np.asarray(mesh.points, float)
    a0, b0, c0 = v[f[:, 0]], v[f[:, 1]], v[f[:, 2]]
    out = np.zeros(len(pts))
    for i in range(0, len(pts), chunk):
        p = pts[i : i + chunk][:, None, :]
        a, b, c = a0[None] - p, b0[None] - p, c0[None] - p
        la, lb, lc = (np.linalg.norm(x, axis=2) for x in (a, b, c))
        det = np.einsum("ijk,ijk->ij", a, np.cross(b, c))
        den = (
            la * lb * lc
            + np.einsum("ijk,ijk->ij", a, b) * lc
            + np.einsum("ijk,ijk->ij", b, c) * la
            + np.einsum("ijk,ijk->ij", c, a) * lb
        )
        out[i : i + chunk] = np.arctan2(det, den).sum(axis=1) / (2 * np.pi)
    return out


class BoneField:
    """Signed distance to the union of the bones (negative inside): unsigned distance from VTK,
    inside/outside from the winding number, so imperfect source meshes do not flip the sign.
    The winding number is taken on the source triangles as they are (`raw`): re-orienting a mesh
    with seams flips some of its faces and breaks it."""

    def __init__(self, parts: dict[str, pv.PolyData], raw: dict[str, pv.PolyData], skip: Sequence[str] = ()):
        self.items = []
        for name, mesh in parts.items():
            if name in skip:
                continue
            fn = vtk.vtkImplicitPolyDataDistance()
            fn.SetInput(mesh)
            # the winding number only decides inside/outside: a lighter copy of big meshes will do
            source = raw[name]
            coarse = source.decimate(1.0 - 3000.0 / source.n_cells) if source.n_cells > 4000 else source
            self.items.append((np.asarray(mesh.bounds, float), coarse, fn))

    def __call__(self, pts: np.ndarray) -> np.ndarray:
        return self.signed(pts)[0]

    def signed(self, pts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Signed distance and, per point, the index of the bone that sets it (-1 if none near)."""
        pts = np.ascontiguousarray(np.atleast_2d(pts), dtype=float)
        best = np.full(len(pts), 1.0)
        which = np.full(len(pts), -1)
        for index, (bounds, mesh, fn) in enumerate(self.items):
            lo, hi = bounds[0::2] - 0.05, bounds[1::2] + 0.05
            near = np.all((pts >= lo) & (pts <= hi), axis=1)
            if not near.any():
                continue
            q = pts[near]
            out = vtk.vtkDoubleArray()
            fn.FunctionValue(numpy_to_vtk(q, deep=True), out)
            sd = vtk_to_numpy(out).astype(float)
            u = np.abs(sd)
            inside = sd < 0
            # the winding number settles the sign near the surface, where seams and holes
            # mislead VTK; far outside the bone's box the point cannot be inside
            inb = np.all((q >= bounds[0::2] - 1e-3) & (q <= bounds[1::2] + 1e-3), axis=1)
            check = inb & ((u < 0.015) | inside)
            inside &= inb
            if check.any():
                inside[check] = winding_number(mesh, q[check]) > 0.5
            value = np.where(inside, -u, u)
            idx = np.where(near)[0]
            better = value < best[idx]
            best[idx[better]] = value[better]
            which[idx[better]] = index
        return best, which

    def gradient(self, pts: np.ndarray) -> np.ndarray:
        """Unit direction out of the nearest bone (away from its closest surface point)."""
        pts = np.atleast_2d(pts)
        value, which = self.signed(pts)
        g = np.zeros_like(pts)
        closest = [0.0, 0.0, 0.0]
        for i, (p, b) in enumerate(zip(pts, which, strict=False)):
            if b < 0:
                g[i] = (0.0, 0.0, 1.0)
                continue
            self.items[b][2].EvaluateFunctionAndGetClosestPoint(p, closest)
            d = p - np.asarray(closest)
            n = float(np.linalg.norm(d))
            if n < 1e-9:
                grad = [0.0, 0.0, 0.0]
                self.items[b][2].EvaluateGradient(p, grad)
                d, n = np.asarray(grad), 1.0
            g[i] = d / n * (1.0 if value[i] >= 0 else -1.0)
        return g / np.maximum(np.linalg.norm(g, axis=1, keepdims=True), 1e-9)


def closed_surface(mesh: pv.PolyData) -> pv.PolyData:
    mesh = mesh.triangulate().clean()
    return mesh.compute_normals(
        auto_orient_normals=True, consistent_normals=True, cell_normals=False, split_vertices=False
    )


def named_parts(mesh: pv.PolyData) -> dict[str, pv.PolyData]:
    names = [str(n) for n in np.asarray(mesh.field_data["structure_names"])]
    index = np.asarray(mesh.cell_data["structure_index"])
    parts = {}
    for i, name in enumerate(names):
        cells = np.where(index == i)[0]
        if len(cells):
            parts[name] = mesh.extract_cells(cells).extract_surface(algorithm="dataset_surface")
    return parts


def named_lines(mesh: pv.PolyData) -> dict[str, list[np.ndarray]]:
    if mesh.n_cells == 0 or "structure_names" not in mesh.field_data:
        return {}
    names = [str(n) for n in np.asarray(mesh.field_data["structure_names"])]
    index = np.asarray(mesh.cell_data["structure_index"])
    out: dict[str, list[np.ndarray]] = {}
    pts = np.asarray(mesh.points)
    for c in range(mesh.n_cells):
        out.setdefault(names[index[c]], []).append(pts[mesh.get_cell(c).point_ids])
    return out


@dataclass
class Vertebra:
    name: str
    x0: float
    body_centre: Vec
    y_post: float  # posterior wall of the body
    y_ant: float
    canal: Vec  # centre of the canal at mid-body height
    half_width: float  # body half width (x)
    inf_centre: Vec  # centre of the inferior endplate
    inf_normal: Vec  # pointing down (out of the body)
    sup_centre: Vec
    sup_normal: Vec  # pointing up
    foot_a: float  # endplate footprint half extents (x, y)
    foot_b: float
    pedicle_x: float  # |x - x0| of the pedicle centre
    pedicle_medial: float
    pedicle_bottom: float  # z of the lower edge of the pedicle


class Body:
    def __init__(self, models_dir: Path):
        self.dir = models_dir
        data = json.loads((models_dir / "landmarks.json").read_text(encoding="utf-8"))
        self.lm = {k: np.asarray(v, float) for k, v in data["landmarks"].items()}
        self.stature = float(data.get("stature_m") or 1.75)
        self.k = self.stature / 1.75
        skin = pv.read(models_dir / "skin.vtp")
        self.skin = closed_surface(skin)
        bones = pv.read(models_dir / "bones.vtp")
        raw = {n: m.triangulate() for n, m in named_parts(bones).items()}
        self.parts = {n: closed_surface(m) for n, m in raw.items()}
        self.all_bones = pv.merge(list(self.parts.values()))
        self.bone_dist = BoneField(self.parts, raw)
        self.bone_dist_no_sacrum = BoneField(self.parts, raw, skip=("sacrum",))
        self.skin_dist = Distance(self.skin)
        self.skin_ray = Caster(self.skin)
        self._casters: dict[str, Caster] = {}
        muscles_path = models_dir / "muscles.vtp"
        self.muscles = named_lines(pv.read(muscles_path)) if muscles_path.is_file() else {}
        self.vertebrae: dict[str, Vertebra] = {}
        self.notch_back: dict[str, float] = {}
        for level in ("T12", "L1", "L2", "L3", "L4", "L5"):
            name = f"vertebra_{level}"
            if name in self.parts:
                self.vertebrae[level] = self._analyse_vertebra(name)
        self._analyse_sacrum()

    # -- basic probes -------------------------------------------------------------------------
    def caster(self, *names: str) -> Caster:
        key = "+".join(names)
        if key not in self._casters:
            mesh = self.parts[names[0]] if len(names) == 1 else pv.merge([self.parts[n] for n in names])
            self._casters[key] = Caster(mesh)
        return self._casters[key]

    def L(self, name: str, side: str | None = None) -> Vec:
        return self.lm[f"{name}_{side}" if side else name].copy()

    def section_centre(self, bone: str, z: float) -> Vec:
        """Centroid of the bone's outline in the horizontal plane at height z."""
        mesh = self.parts[bone]
        zmin, zmax = mesh.bounds[4], mesh.bounds[5]
        z = float(np.clip(z, zmin + 1e-3, zmax - 1e-3))
        cut = mesh.slice(normal="z", origin=(0.0, 0.0, z))
        if cut.n_points == 0:
            pts = np.asarray(mesh.points)
            near = pts[np.abs(pts[:, 2] - z) < 0.01]
            return near.mean(axis=0) if len(near) else pts.mean(axis=0)
        c = np.asarray(cut.points).mean(axis=0)
        return vec(c[0], c[1], z)

    def section_radius(self, bone: str, z: float) -> float:
        mesh = self.parts[bone]
        cut = mesh.slice(normal="z", origin=(0.0, 0.0, float(z)))
        if cut.n_points == 0:
            return 0.01
        pts = np.asarray(cut.points)
        return float(np.median(np.linalg.norm(pts[:, :2] - pts[:, :2].mean(axis=0), axis=1)))

    def surface_from(
        self, bone: str | tuple[str, ...], origin: Vec, direction: Vec, gap: float, length: float = 0.4
    ) -> Vec:
        """A point `gap` outside the bone surface, found by a ray from `origin` (outside the bone)
        travelling along `direction` towards it. Falls back to origin when nothing is hit."""
        names = (bone,) if isinstance(bone, str) else bone
        d = unit(np.asarray(direction, float))
        hit = self.caster(*names).first(origin, d, length)
        return origin.copy() if hit is None else hit - d * gap

    def under_skin(self, inside: Vec, direction: Vec, depth: float, midline: float | None = 0.0) -> Vec:
        """The point `depth` under the skin, along a ray from a point inside the body. A ray heading
        for the other side stops at the midline (the thighs may be joined at the crotch)."""
        d = unit(np.asarray(direction, float))
        length = 0.6
        if (
            midline is not None
            and abs(d[0]) > 1e-6
            and abs(inside[0] - midline) > 0.005
            and (midline - inside[0]) * d[0] > 0
        ):
            length = min(length, (midline - inside[0]) / d[0])
        hit = self.skin_ray.first(inside, d, length)
        if hit is None:
            return inside + d * 0.7 * length
        return hit - d * depth

    def layer(self, origin: Vec, direction: Vec, frac: float, max_len: float = 0.3) -> Vec:
        """A point in the soft tissue between the outermost bone surface and the skin, `frac` of
        the way out, along a ray from `origin` (inside the body, usually inside a bone)."""
        d = unit(np.asarray(direction, float))
        skin = self.skin_ray.first(origin, d, max_len)
        if skin is None:
            return np.asarray(origin, float).copy()
        hits = self.caster(*self.parts).hits(origin, skin)
        base = hits[-1] if len(hits) else np.asarray(origin, float)
        return base + frac * (skin - base)

    def bone_below(self, x: float, y: float, names: tuple[str, ...], z_from: float = 0.3) -> float | None:
        """z of the lowest bone surface under (x, y) seen from below (sole side)."""
        hit = self.caster(*names).first(vec(x, y, -0.2), vec(0, 0, 1), 0.2 + z_from)
        return None if hit is None else float(hit[2])

    def bone_above(self, x: float, y: float, names: tuple[str, ...], z_top: float) -> float | None:
        hit = self.caster(*names).first(vec(x, y, z_top), vec(0, 0, -1), z_top + 0.2)
        return None if hit is None else float(hit[2])

    # -- spine ----------------------------------------------------------------------------------
    def _analyse_vertebra(self, name: str) -> Vertebra:
        mesh = self.parts[name]
        cast = self.caster(name)
        b = mesh.bounds
        x0 = 0.5 * (b[0] + b[1])
        rows = []
        for z in np.arange(b[4] + 5e-4, b[5], 1e-3):
            h = cast.hits(vec(x0, b[2] - 0.05, z), vec(x0, b[3] + 0.05, z))[:, 1]
            if len(h) >= 2 and len(h) % 2 == 0:
                rows.append((z, list(zip(h[0::2], h[1::2], strict=False))))
        y_front = max(iv[-1][1] for _, iv in rows)
        lengths = [iv[-1][1] - iv[-1][0] for _, iv in rows if iv[-1][1] > y_front - 0.008]
        max_len = max(lengths)
        body = [
            (z, iv[-1]) for z, iv in rows if iv[-1][1] > y_front - 0.008 and (iv[-1][1] - iv[-1][0]) > 0.55 * max_len
        ]
        bz = np.array([z for z, _ in body])
        y_post = float(np.median([iv[0] for _, iv in body]))
        y_ant = float(np.median([iv[1] for _, iv in body]))
        canal_rows = [
            (z, 0.5 * (iv[-2][1] + iv[-1][0])) for z, iv in rows if len(iv) >= 2 and iv[-1][0] - iv[-2][1] > 0.004
        ]
        if canal_rows:
            cz = float(np.median([z for z, _ in canal_rows]))
            cy = float(np.median([y for _, y in canal_rows]))
        else:
            cz, cy = float(bz.mean()), y_post - 0.008
        # endplates: vertical rays through the body footprint
        tops, bots = [], []
        for x in np.arange(x0 - 0.035, x0 + 0.035, 0.0015):
            for y in np.arange(y_post + 0.002, y_ant, 0.0015):
                h = cast.hits(vec(x, y, b[5] + 0.05), vec(x, y, b[4] - 0.05))
                if len(h) >= 2:
                    tops.append(h[0])
                    bots.append(h[-1])
        tops_a, bots_a = np.array(tops), np.array(bots)
        foot = tops_a[:, :2]
        fx, fy = np.median(foot[:, 0]), np.median(foot[:, 1])
        foot_a = float(np.percentile(np.abs(foot[:, 0] - fx), 97))
        foot_b = float(np.percentile(np.abs(foot[:, 1] - fy), 97))
        sup_c, sup_n = fit_plane(tops_a, up=True)
        inf_c, inf_n = fit_plane(bots_a, up=False)
        body_centre = 0.5 * (sup_c + inf_c)
        # pedicles: lateral rays from the canal centre at the canal's depth
        ped = []
        for z in np.arange(b[4] + 5e-4, b[5], 1e-3):
            dists = []
            for s in (1.0, -1.0):
                hit = cast.first(vec(x0, cy, z), vec(s, 0, 0), 0.045)
                dists.append(np.nan if hit is None else abs(hit[0] - x0))
            ped.append((z, np.nanmean(dists) if not np.all(np.isnan(dists)) else np.nan))
        pz = np.array([z for z, _ in ped])
        pd = np.array([d for _, d in ped])
        ok = np.isfinite(pd) & (pd < np.nanmin(pd) + 0.005) if np.isfinite(pd).any() else np.zeros(len(pd), bool)
        if ok.any():
            medial = float(np.nanmedian(pd[ok]))
            bottom = float(pz[ok].min())
        else:
            medial, bottom = 0.009, float(bz.mean())
        half_width = float(np.percentile(np.abs(foot[:, 0] - fx), 99))
        return Vertebra(
            name=name,
            x0=x0,
            body_centre=body_centre,
            y_post=y_post,
            y_ant=y_ant,
            canal=vec(x0, cy, cz),
            half_width=half_width,
            inf_centre=inf_c,
            inf_normal=inf_n,
            sup_centre=sup_c,
            sup_normal=sup_n,
            foot_a=foot_a,
            foot_b=foot_b,
            pedicle_x=medial + 0.004,
            pedicle_medial=medial,
            pedicle_bottom=bottom,
        )

    def _analyse_sacrum(self) -> None:
        mesh = self.parts["sacrum"]
        cast = self.caster("sacrum")
        b = mesh.bounds
        x0 = 0.5 * (b[0] + b[1])
        self.sacrum_x0 = x0
        prof = []
        for z in np.arange(b[4] + 1e-3, b[5] - 1e-3, 1e-3):
            front = cast.first(vec(x0, b[3] + 0.1, z), vec(0, -1, 0), 0.4)
            back = cast.first(vec(x0, b[2] - 0.1, z), vec(0, 1, 0), 0.4)
            if front is not None and back is not None:
                prof.append((z, front[1], back[1]))
        self.sacral_profile = np.array(prof)  # z, y anterior, y posterior (midline)
        l5 = self.vertebrae.get("L5")
        if l5 is not None:
            top = cast.first(vec(x0, 0.5 * (l5.y_post + l5.y_ant), l5.inf_centre[2]), vec(0, 0, -1), 0.2)
            z_top = float(top[2]) if top is not None else b[5]
        else:
            z_top = b[5]
        self.sacral_top = z_top
        y_prom = float(np.interp(z_top - 0.003, self.sacral_profile[:, 0], self.sacral_profile[:, 1]))
        self.promontory = vec(x0, y_prom, z_top)
        self.sacral_apex_z = float(b[4])
        pts = np.asarray(mesh.points)

        def half_width(z: float) -> float:
            near = pts[np.abs(pts[:, 2] - z) < 0.006]
            return float(np.max(np.abs(near[:, 0] - x0))) if len(near) else 0.03

        self.sacral_half_width = half_width
        self.sacral_foramina: dict[tuple[str, float], Vec] = {}
        length = z_top - self.sacral_apex_z
        for level, frac in (("S1", 0.20), ("S2", 0.40), ("S3", 0.58)):
            z = z_top - frac * length
            for _, s in SIDES:
                x = x0 + s * 0.5 * half_width(z)
                hit = cast.first(vec(x, b[3] + 0.1, z), vec(0, -1, 0), 0.4)
                y = (
                    hit[1]
                    if hit is not None
                    else float(np.interp(z, self.sacral_profile[:, 0], self.sacral_profile[:, 1]))
                )
                self.sacral_foramina[(level, s)] = vec(x, y + 0.002, z)

    def sacral_canal(self, z: float) -> Vec:
        zs, ya, yp = self.sacral_profile.T
        y_a = float(np.interp(z, zs, ya))
        y_p = float(np.interp(z, zs, yp))
        return vec(self.sacrum_x0, y_p + 0.35 * (y_a - y_p), z)

    def sacral_front(self, x: float, z: float) -> Vec:
        cast = self.caster("sacrum")
        b = self.parts["sacrum"].bounds
        hit = cast.first(vec(x, b[3] + 0.1, z), vec(0, -1, 0), 0.4)
        if hit is None:
            zs, ya, _ = self.sacral_profile.T
            return vec(x, float(np.interp(z, zs, ya)), z)
        return hit

    # -- pelvis -----------------------------------------------------------------------------
    def sciatic_notch(self, side: str, s: float) -> tuple[Vec, float, Callable[[float], float]]:
        """Apex of the greater sciatic notch (posterior projection), its z and the lateral
        border x(z) of the greater sciatic foramen."""
        hip = self.L("hip_centre", side)
        it = self.L("ischial_tuberosity", side)
        psis = self.L("psis", side)
        cast = self.caster(f"pelvis_{side}", "sacrum", f"femur_{side}")
        step = 0.002
        xs = np.arange(0.0, 0.16, step)
        zs = np.arange(it[2] + 0.02, psis[2], step)
        x_mid = self.sacrum_x0
        border = np.full(len(zs), np.nan)
        for i, z in enumerate(zs):
            free = np.array(
                [len(cast.hits(vec(x_mid + s * x, -0.5, z), vec(x_mid + s * x, hip[1], z))) == 0 for x in xs]
            )
            j = np.argmax(free) if free.any() else None
            if j is None or (j == 0 and not free[0]):
                continue
            k = j
            while k + 1 < len(xs) and free[k + 1]:
                k += 1
            if k + 1 < len(xs):  # bounded laterally by bone
                border[i] = xs[k]
        ok = np.isfinite(border)
        zs_ok, b_ok = zs[ok], border[ok]
        # notch apex: the most lateral reach of the foramen, upper half of the window
        upper = zs_ok > it[2] + 0.035
        i = int(np.argmax(np.where(upper, b_ok, -1)))
        z_apex = float(zs_ok[i])

        def lateral_x(z: float) -> float:
            return float(np.interp(z, zs_ok, b_ok))

        x_apex = x_mid + s * float(b_ok[i])
        # depth (y) of the notch: middle of the bone just lateral to the border
        h = cast.hits(vec(x_apex + s * 0.004, -0.5, z_apex), vec(x_apex + s * 0.004, hip[1] + 0.05, z_apex))
        y_back = float(h[0][1]) if len(h) else float(hip[1] - 0.045)
        self.notch_back[side] = y_back  # the back edge of the bone beside the notch
        return vec(x_apex, y_back + 0.006, z_apex), z_apex, lateral_x

    def obturator_canal(self, side: str, s: float) -> Vec:
        """The upper lateral corner of the obturator foramen (hole in the pelvis seen from the front)."""
        hip = self.L("hip_centre", side)
        it = self.L("ischial_tuberosity", side)
        pt = self.L("pubic_tubercle", side)
        cast = self.caster(f"pelvis_{side}")
        step = 0.002
        xs = np.arange(min(pt[0], it[0]) * s - 0.03, hip[0] * s + 0.01, step)
        zs = np.arange(it[2] - 0.01, hip[2] + 0.01, step)
        mask = np.zeros((len(zs), len(xs)), bool)
        for i, z in enumerate(zs):
            for j, x in enumerate(xs):
                mask[i, j] = len(cast.hits(vec(s * x, hip[1] - 0.15, z), vec(s * x, hip[1] + 0.15, z))) > 0
        holes = enclosed_free(mask)
        if holes.any():
            ii, jj = np.nonzero(holes)
            score = zs[ii] + 0.5 * xs[jj]
            kk = int(np.argmax(score))
            zc, xc = zs[ii[kk]] - 0.004, xs[jj[kk]] - 0.004
        else:
            c = 0.5 * (pt + it)
            xc, zc = abs(c[0]) + 0.01, c[2] + 0.01
        h = cast.hits(vec(s * xc, hip[1] - 0.15, zc + 0.008), vec(s * xc, hip[1] + 0.15, zc + 0.008))
        y = float(0.5 * (h[0][1] + h[-1][1])) if len(h) >= 2 else float(hip[1])
        return vec(s * xc, y, zc)

    def crest_point(self, side: str, s: float, x_from_midline: float) -> Vec:
        pts = np.asarray(self.parts[f"pelvis_{side}"].points)
        x = s * x_from_midline
        near = pts[np.abs(pts[:, 0] - x) < 0.008]
        psis = self.L("psis", side)
        back = near[near[:, 1] < psis[1] + 0.03]
        near = back if len(back) else near
        top = near[np.argmax(near[:, 2])]
        hit = self.caster(f"pelvis_{side}").first(vec(x, top[1], top[2] + 0.1), vec(0, 0, -1), 0.2)
        return hit if hit is not None else top

    def trunk_centre(self, z: float) -> Vec:
        back = self.skin_ray.first(vec(0, -1.0, z), vec(0, 1, 0), 2.0)
        front = self.skin_ray.first(vec(0, 1.0, z), vec(0, -1, 0), 2.0)
        if back is None or front is None:
            return vec(0, 0.05, z)
        return vec(0, 0.5 * (back[1] + front[1]), z)


def fit_plane(points: np.ndarray, up: bool) -> tuple[Vec, Vec]:
    """Least-squares plane (robust to a few stray hits); normal pointing up or down."""
    pts = points
    for _ in range(2):
        c = pts.mean(axis=0)
        _, _, vt = np.linalg.svd(pts - c)
        n = vt[2]
        d = (pts - c) @ n
        keep = np.abs(d) < max(0.0015, 2.5 * np.std(d))
        if keep.sum() > 6:
            pts = pts[keep]
    c = pts.mean(axis=0)
    _, _, vt = np.linalg.svd(pts - c)
    n = vt[2]
    if (n[2] > 0) != up:
        n = -n
    return c, n


def enclosed_free(mask: np.ndarray) -> np.ndarray:
    """Free cells (False in `mask`) not connected to the border of the window."""
    free = ~mask
    outside = np.zeros_like(free)
    stack = [(i, j) for i in range(free.shape[0]) for j in (0, free.shape[1] - 1) if free[i, j]]
    stack += [(i, j) for j in range(free.shape[1]) for i in (0, free.shape[0] - 1) if free[i, j]]
    while stack:
        i, j = stack.pop()
        if outside[i, j] or not free[i, j]:
            continue
        outside[i, j] = True
        for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            a, b = i + di, j + dj
            if 0 <= a < free.shape[0] and 0 <= b < free.shape[1] and free[a, b] and not outside[a, b]:
                stack.append((a, b))
    return free & ~outside
