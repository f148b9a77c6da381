"""The skin mesh as a graph of vertices and edges, for cleaning per-vertex labels: a majority filter
over neighbours, connected pieces of one label, small islands merged into their surroundings, and
overlap bands along label boundaries (territories.py).
"""

from __future__ import annotations

import numpy as np

NONE = -1  # a vertex without a label


def mesh_edges(faces: np.ndarray) -> np.ndarray:
    """Unique undirected edges (E x 2) of a triangle list (F x 3)."""
    e = np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]])
    e.sort(axis=1)
    return np.unique(e, axis=0)


def majority_filter(
    labels: np.ndarray, edges: np.ndarray, n_labels: int, iterations: int = 3, frozen: np.ndarray | None = None
) -> np.ndarray:
    """Each vertex takes the most common label among itself (weight 1.5) and its neighbours."""
    lab = labels.astype(np.int64).copy()
    n = len(lab)
    for _ in range(iterations):
        counts = np.zeros((n, n_labels + 1), np.float32)
        idx = lab + 1
        counts[np.arange(n), idx] += 1.5
        np.add.at(counts, (edges[:, 0], idx[edges[:, 1]]), 1.0)
        np.add.at(counts, (edges[:, 1], idx[edges[:, 0]]), 1.0)
        new = counts.argmax(axis=1) - 1
        if frozen is not None:
            new[frozen] = lab[frozen]
        if np.array_equal(new, lab):
            break
        lab = new
    return lab.astype(labels.dtype)


def components(labels: np.ndarray, edges: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Connected-component id per vertex among edges joining equal labels (and equal group)."""
    n = len(labels)
    same = (labels[edges[:, 0]] == labels[edges[:, 1]]) & (group[edges[:, 0]] == group[edges[:, 1]])
    e = edges[same]
    comp = np.arange(n)
    while True:
        a = np.minimum(comp[e[:, 0]], comp[e[:, 1]])
        new = comp.copy()
        np.minimum.at(new, e[:, 0], a)
        np.minimum.at(new, e[:, 1], a)
        new = new[new]  # pointer jumping
        if np.array_equal(new, comp):
            return comp
        comp = new


def remove_islands(
    labels: np.ndarray, edges: np.ndarray, n_labels: int, min_size: int, group: np.ndarray
) -> np.ndarray:
    """Merge connected patches smaller than min_size vertices into the surrounding label."""
    lab = labels.copy()
    for _ in range(4):
        comp = components(lab, edges, group)
        sizes = np.bincount(comp, minlength=len(lab))
        small = sizes[comp] < min_size
        if not small.any():
            break
        # neighbours' labels from outside the small patch vote
        n = len(lab)
        counts = np.zeros((n, n_labels + 1), np.float32)
        idx = lab.astype(np.int64) + 1
        for a, b in ((0, 1), (1, 0)):
            ok = (~small[edges[:, b]]) & (group[edges[:, a]] == group[edges[:, b]])
            np.add.at(counts, (edges[ok, a], idx[edges[ok, b]]), 1.0)
        # spread votes through each small patch: sum per component
        comp_counts = np.zeros((n, n_labels + 1), np.float32)
        np.add.at(comp_counts, comp[small], counts[small])
        votes = comp_counts[comp]
        has = votes.sum(axis=1) > 0
        change = small & has
        lab[change] = (votes[change].argmax(axis=1) - 1).astype(lab.dtype)
    return lab


def overlap_alternates(primary: np.ndarray, edges: np.ndarray, steps: int, group: np.ndarray) -> np.ndarray:
    """For vertices within `steps` edges of a different primary label: that label, else -1.
    Where two labels reach a vertex in the same step the lower id wins, so the answer does not
    depend on the order of the mesh's edges (and the two sides mirror)."""
    n = len(primary)
    cand = np.full(n, NONE, np.int64)
    e = edges[(group[edges[:, 0]] == group[edges[:, 1]])]
    unset = np.iinfo(np.int64).max
    for _ in range(steps):
        best = np.full(n, unset, np.int64)
        for a, b in ((0, 1), (1, 0)):
            src = np.where(primary[e[:, b]] != primary[e[:, a]], primary[e[:, b]], cand[e[:, b]])
            ok = (cand[e[:, a]] == NONE) & (src != NONE) & (src != primary[e[:, a]])
            np.minimum.at(best, e[ok, a], src[ok])
        new = np.where((cand == NONE) & (best != unset), best, cand)
        if np.array_equal(new, cand):
            break
        cand = new
    return cand
