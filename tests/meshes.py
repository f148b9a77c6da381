"""Geometry helpers for the model tests."""

import numpy as np
import pyvista as pv


def winding_number(mesh: pv.PolyData, pts: np.ndarray, chunk: int = 256) -> np.ndarray:
    """Generalised winding number (about 1 inside, 0 outside). Used for the bones because the
    source bone meshes (myo-sim) have holes, duplicate faces and non-manifold seams, which make
    ray-parity tests such as vtkSelectEnclosedPoints unreliable there."""
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
