"""Shared geometry helpers of the builders: rotations and affine maps, PolyData from arrays, signed
distance to a surface, smooth curves (Catmull-Rom, resampling) and surface primitives (tubes,
ellipsoids, slabs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyvista as pv


def unit(v: np.ndarray) -> np.ndarray:
    """v scaled to length 1 (a zero vector is returned as it is)."""
    n = float(np.linalg.norm(v))
    return v / n if n > 1e-12 else v


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


def polydata(points: np.ndarray, triangles: np.ndarray) -> pv.PolyData:
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

        mesh = surface.compute_normals(
            cell_normals=True,
            point_normals=True,
            split_vertices=False,
            auto_orient_normals=True,
            consistent_normals=True,
        )
        centres = np.asarray(mesh.cell_centers().points, dtype=np.float64)
        self.samples = np.vstack([np.asarray(mesh.points, dtype=np.float64), centres])
        self.normals = np.vstack(
            [
                np.asarray(mesh.point_data["Normals"], dtype=np.float64),
                np.asarray(mesh.cell_data["Normals"], dtype=np.float64),
            ]
        )
        self.tree = cKDTree(self.samples)

    def __call__(self, points: np.ndarray) -> np.ndarray:
        _, i = self.tree.query(points)
        return np.einsum("ij,ij->i", points - self.samples[i], self.normals[i])


MIRROR = np.diag([-1.0, 1.0, 1.0])


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


# -- curves and surface primitives (nerves and structures) ---------------------------------------
SPACING = 0.003  # m between centreline samples

Vec = np.ndarray


def vec(*xyz: float) -> Vec:
    return np.array(xyz, dtype=float)


def dedupe(points: Sequence[Vec], min_gap: float = 1e-3) -> np.ndarray:
    out = [np.asarray(points[0], float)]
    for p in points[1:]:
        p = np.asarray(p, float)
        if np.linalg.norm(p - out[-1]) > min_gap:
            out.append(p)
    return np.array(out)


def catmull_rom(points: Sequence[Vec], per_segment: int = 24, alpha: float = 0.5) -> np.ndarray:
    """Centripetal Catmull-Rom spline through all control points (dense samples)."""
    p = dedupe(points)
    if len(p) < 2:
        return p
    ext = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    out = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        t0 = 0.0
        t1 = t0 + max(np.linalg.norm(p1 - p0), 1e-6) ** alpha
        t2 = t1 + max(np.linalg.norm(p2 - p1), 1e-6) ** alpha
        t3 = t2 + max(np.linalg.norm(p3 - p2), 1e-6) ** alpha
        t = np.linspace(t1, t2, per_segment, endpoint=False)[:, None]
        a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1
        a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2
        a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3
        b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2
        b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3
        out.append((t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2)
    out.append(p[-1][None, :])
    return np.vstack(out)


def resample(points: np.ndarray, spacing: float = SPACING) -> np.ndarray:
    """Points evenly spaced by arc length (first and last kept)."""
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    n = max(2, round(along[-1] / spacing) + 1)
    s = np.linspace(0.0, along[-1], n)
    return np.column_stack([np.interp(s, along, points[:, k]) for k in range(3)])


def arc_fraction(points: np.ndarray) -> np.ndarray:
    steps = np.linalg.norm(np.diff(points, axis=0), axis=1)
    along = np.concatenate([[0.0], np.cumsum(steps)])
    return along / max(along[-1], 1e-9)


def smooth_closed(values: np.ndarray, passes: int = 2) -> np.ndarray:
    for _ in range(passes):
        values = 0.25 * np.roll(values, 1, axis=0) + 0.5 * values + 0.25 * np.roll(values, -1, axis=0)
    return values


def grid_faces(nu: int, nv: int, offset: int = 0, closed_v: bool = False, flip: bool = False) -> np.ndarray:
    faces = []
    vmax = nv if closed_v else nv - 1
    for i in range(nu - 1):
        for j in range(vmax):
            a = offset + i * nv + j
            b = offset + i * nv + (j + 1) % nv
            c = offset + (i + 1) * nv + (j + 1) % nv
            d = offset + (i + 1) * nv + j
            tri = [(a, b, c), (a, c, d)]
            for t in tri:
                faces.append(t[::-1] if flip else t)
    return np.array(faces, dtype=np.int64)


def tube_surface(
    centre: np.ndarray,
    frame_u: np.ndarray,
    frame_v: np.ndarray,
    ru: np.ndarray,
    rv: np.ndarray,
    n_theta: int = 24,
    cap: bool = True,
) -> pv.PolyData:
    """Elliptic tube along a centreline; radii ru (along frame_u) and rv per station."""
    th = np.linspace(0, 2 * np.pi, n_theta, endpoint=False)
    rings = (
        centre[:, None, :]
        + (ru[:, None] * np.cos(th)[None, :])[:, :, None] * frame_u[:, None, :]
        + (rv[:, None] * np.sin(th)[None, :])[:, :, None] * frame_v[:, None, :]
    )
    n = len(centre)
    pts = rings.reshape(-1, 3)
    tris = grid_faces(n, n_theta, closed_v=True)
    if cap:
        c0 = len(pts)
        pts = np.vstack([pts, centre[0], centre[-1]])
        caps = [(c0, (j + 1) % n_theta, j) for j in range(n_theta)]
        last = (n - 1) * n_theta
        caps += [(c0 + 1, last + j, last + (j + 1) % n_theta) for j in range(n_theta)]
        tris = np.vstack([tris, np.array(caps)])
    return polydata(pts, tris)


def line_frames(centre: np.ndarray, up_hint: Vec) -> tuple[np.ndarray, np.ndarray]:
    """Per-station (u, v) frame: u = the part of up_hint perpendicular to the tangent."""
    t = np.gradient(centre, axis=0)
    t /= np.linalg.norm(t, axis=1, keepdims=True)
    u = up_hint[None, :] - (t @ up_hint)[:, None] * t
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    v = np.cross(t, u)
    return u, v


def ellipsoid(centre: Vec, axes: np.ndarray, radii: Sequence[float], n: int = 20) -> pv.PolyData:
    sphere = pv.Sphere(radius=1.0, theta_resolution=n, phi_resolution=n)
    pts = np.asarray(sphere.points) * np.asarray(radii)[None, :]
    pts = pts @ np.asarray(axes) + centre
    out = sphere.copy()
    out.points = pts
    return out.triangulate()


def slab(sheet: np.ndarray, normal: np.ndarray, thickness: np.ndarray | float) -> pv.PolyData:
    """Closed slab around a (nu, nv, 3) mid-surface, offset ± thickness/2 along the normals."""
    nu, nv, _ = sheet.shape
    th = np.broadcast_to(np.asarray(thickness, float), (nu, nv))
    top = sheet + normal * (th[..., None] / 2)
    bot = sheet - normal * (th[..., None] / 2)
    pts = np.vstack([top.reshape(-1, 3), bot.reshape(-1, 3)])
    tris = [grid_faces(nu, nv), grid_faces(nu, nv, offset=nu * nv, flip=True)]
    ring = (
        [(0, j) for j in range(nv)]
        + [(i, nv - 1) for i in range(1, nu)]
        + [(nu - 1, j) for j in range(nv - 2, -1, -1)]
        + [(i, 0) for i in range(nu - 2, 0, -1)]
    )
    walls = []
    for a in range(len(ring)):
        i0, j0 = ring[a]
        i1, j1 = ring[(a + 1) % len(ring)]
        p, q = i0 * nv + j0, i1 * nv + j1
        walls += [(p, p + nu * nv, q), (q, p + nu * nv, q + nu * nv)]
    tris.append(np.array(walls))
    mesh = polydata(pts, np.vstack(tris))
    return mesh.compute_normals(auto_orient_normals=True, cell_normals=False, split_vertices=False)
