"""Territory labels on the committed skin (issue 4): ISNCSCI key sensory points, nerve fields, mirror
symmetry and regions. Plain pytest on the assets (pyvista/VTK only, no Qt).

The key points are placed on the skin from the bony landmarks the way an examiner finds them
(CLINICAL.md §1): over the medial malleolus (L4), on the dorsum over the third metatarsal head (L5),
on the lateral heel (S1), in the middle of the popliteal fossa (S2), over the medial femoral condyle
(L3), halfway from the mid-inguinal point to the medial femoral condyle on the front of the thigh
(L2), halfway between T12 and L2 (L1), at the middle of the inguinal ligament (T12), at umbilicus
level in the mid-clavicular line (T10), halfway between T10 and T12 (T11), over the ischial
tuberosity / infragluteal fold (S3) and beside the anus (S4_S5).
"""

from __future__ import annotations

import numpy as np
import pytest
from vtkmodules.vtkCommonDataModel import vtkStaticPointLocator

from app.domain.territory_labels import DERMATOMES, REGIONS, SKIN_NERVES
from app.scene.skin_labels import LABEL_ARRAYS

SIDES = {"right": 1, "left": -1}
MIDLINE_REGIONS = {"perineum"}


class Skin:
    """The labelled skin with helpers to find skin points the way an examiner would."""

    def __init__(self, mesh, landmarks):  # type: ignore[no-untyped-def]
        self.mesh = mesh
        self.lm = {name: np.asarray(value, dtype=float) for name, value in landmarks.items()}
        self.points = np.asarray(mesh.points, dtype=float)
        self.normals = np.asarray(mesh.point_data["Normals"], dtype=float)
        self.side = np.asarray(mesh.point_data["side"])
        self.labels = {name: np.asarray(mesh.point_data[name]) for name in LABEL_ARRAYS}
        self.names = {
            field: [str(n) for n in np.asarray(mesh.field_data[field])] for field in set(LABEL_ARRAYS.values())
        }
        cap = np.zeros(mesh.n_cells, bool)
        if "is_cap" in mesh.cell_data:
            cap = np.asarray(mesh.cell_data["is_cap"]).astype(bool)
        faces = mesh.faces.reshape(-1, 4)[:, 1:]
        self.on_skin = np.zeros(len(self.points), bool)
        self.on_skin[np.unique(faces[~cap])] = True

    def name(self, array: str, point_id: int) -> str | None:
        index = int(self.labels[array][point_id])
        return self.names[LABEL_ARRAYS[array]][index] if index >= 0 else None

    def mask(self, array: str, label: str) -> np.ndarray:
        return self.labels[array] == self.names[LABEL_ARRAYS[array]].index(label)

    def nearest(self, target: np.ndarray, sign: int) -> int:
        """Nearest skin vertex on one side (side label sign, or midline)."""
        ok = self.on_skin & (self.side != -sign)
        ids = np.flatnonzero(ok)
        return int(ids[np.argmin(np.linalg.norm(self.points[ids] - target, axis=1))])

    def along(self, origin: np.ndarray, direction: np.ndarray, sign: int, radius: float = 0.012) -> int:
        """Skin vertex where a ray from `origin` along `direction` leaves the body (the surface facing
        that way, nearest to the origin along the ray)."""
        direction = np.asarray(direction, dtype=float)
        direction = direction / np.linalg.norm(direction)
        d = self.points - origin
        t = d @ direction
        off = np.linalg.norm(d - np.outer(t, direction), axis=1)
        ok = self.on_skin & (self.side != -sign) & (off < radius) & (self.normals @ direction > 0.2)
        ids = np.flatnonzero(ok)
        assert len(ids), f"no skin along the ray from {origin} towards {direction}"
        return int(ids[np.argmin(np.abs(t[ids]))])

    def L(self, name: str, side: str) -> np.ndarray:
        return self.lm[f"{name}_{side}"]

    def anus(self) -> np.ndarray:
        it = 0.5 * (self.lm["ischial_tuberosity_right"] + self.lm["ischial_tuberosity_left"])
        sel = self.on_skin & (np.abs(self.points[:, 0]) < 0.006)
        sel &= (np.abs(self.points[:, 1] - it[1]) < 0.06) & (np.abs(self.points[:, 2] - it[2]) < 0.08)
        ids = np.flatnonzero(sel)
        return self.points[ids[np.argmin(np.linalg.norm(self.points[ids] - (0.0, it[1], it[2] + 0.01), axis=1))]]

    def umbilicus(self) -> np.ndarray:
        """The navel: the landmark if it lies on the skin, else the deepest point of the dense
        cluster of front-midline vertices above the pubis (how the mesh models the navel)."""
        given = self.lm["umbilicus"]
        nearest = int(np.argmin(np.linalg.norm(self.points - given, axis=1)))
        if np.linalg.norm(self.points[nearest] - given) < 0.015 and self.normals[nearest, 1] > 0.5:
            return given  # on the front of the belly
        pt_z = self.lm["pubic_tubercle_right"][2]
        band = self.on_skin & (np.abs(self.points[:, 0]) < 0.006) & (self.normals[:, 1] > 0.6)
        band &= (self.points[:, 2] > pt_z + 0.05) & (self.points[:, 2] < pt_z + 0.3)
        z = self.points[band, 2]
        counts, edges = np.histogram(z, bins=np.arange(z.min(), z.max() + 0.01, 0.01))
        lo = edges[int(np.argmax(counts))]
        ids = np.flatnonzero(band & (self.points[:, 2] >= lo) & (self.points[:, 2] < lo + 0.01))
        return self.points[ids[np.argmin(self.points[ids, 1])]]

    def key_points(self, side: str) -> dict[str, int]:
        s = SIDES[side]
        L = lambda name: self.L(name, side)  # noqa: E731
        P = self.points
        ant = np.array([0.0, 1.0, 0.0])
        mid_inguinal = 0.5 * (L("asis") + L("pubic_tubercle"))
        t12 = self.along(mid_inguinal, ant, s)
        mfc = L("medial_femoral_epicondyle")
        l3 = self.along(mfc + (0, 0, 0.01), (-s, 0.0, 0.0), s)
        l2 = self.along(0.5 * (P[t12] + mfc), (-0.4 * s, 1.0, 0.0), s)
        l1 = self.along(0.5 * (P[t12] + P[l2]), (-0.2 * s, 1.0, 0.0), s)
        umb = self.umbilicus()
        yc = 0.5 * (L("asis")[1] + L("psis")[1])
        t10 = self.along(np.array([mid_inguinal[0], yc, umb[2]]), ant, s)
        t11_origin = 0.5 * (P[t10] + P[t12])
        t11 = self.along(np.array([t11_origin[0], yc, t11_origin[2]]), ant, s)
        l4 = self.nearest(L("medial_malleolus"), s)
        l5 = self.along(L("metatarsal_head_3"), (0.0, 0.0, 1.0), s)
        calc, lmal = L("calcaneus_posterior"), L("lateral_malleolus")
        heel = np.array([calc[0], 0.6 * calc[1] + 0.4 * lmal[1], 0.5 * (calc[2] + lmal[2]) - 0.01])
        s1 = self.along(heel, (s, 0.0, 0.0), s)
        s2 = self.along(L("knee_centre"), (0.0, -1.0, 0.0), s)
        s3 = self.along(L("ischial_tuberosity"), (0.0, -1.0, 0.0), s)  # the skin behind it (standing)
        s45 = self.nearest(self.anus() + (0.01 * s, 0.0, 0.0), s)
        return {
            "T10": t10,
            "T11": t11,
            "T12": t12,
            "L1": l1,
            "L2": l2,
            "L3": l3,
            "L4": l4,
            "L5": l5,
            "S1": s1,
            "S2": s2,
            "S3": s3,
            "S4_S5": s45,
        }


@pytest.fixture(scope="module")
def skin(model):  # type: ignore[no-untyped-def]
    return Skin(model.skin, model.landmarks)


def test_arrays_follow_the_contract(skin):
    mesh = skin.mesh
    assert mesh.point_data["side"].dtype == np.int8
    for name in LABEL_ARRAYS:
        assert mesh.point_data[name].dtype == np.int16, name
    assert skin.names["dermatome_names"] == list(DERMATOMES)
    assert skin.names["cutaneous_nerve_names"] == list(SKIN_NERVES)
    assert skin.names["region_names"] == list(REGIONS)
    for name, field in LABEL_ARRAYS.items():
        values = skin.labels[name]
        assert values.min() >= -1 and values.max() < len(skin.names[field]), name
    assert set(np.unique(skin.side)) <= {-1, 0, 1}
    x = skin.points[:, 0]
    assert np.all(skin.side[x > 0.0105] == 1) and np.all(skin.side[x < -0.0105] == -1)
    assert np.all(skin.side[np.abs(x) < 0.0095] == 0)


def test_every_skin_vertex_has_a_region_and_most_have_a_dermatome(skin):
    assert np.all(skin.labels["region"][skin.on_skin] >= 0)
    # Above the T10 band (lower ribs) nothing is mapped; everything from the umbilicus down is.
    below_umbilicus = skin.on_skin & (skin.points[:, 2] < skin.umbilicus()[2])
    assert np.all(skin.labels["dermatome"][below_umbilicus] >= 0)
    assert np.all(skin.labels["dermatome_keegan"][below_umbilicus] >= 0)
    assert (skin.labels["dermatome"][skin.on_skin] >= 0).mean() > 0.9


@pytest.mark.parametrize("side", ["right", "left"])
def test_isncsci_key_points_have_their_own_dermatome_first(skin, side):
    wrong = {}
    for level, point_id in skin.key_points(side).items():
        got = skin.name("dermatome", point_id)
        if got != level:
            wrong[level] = (got, skin.name("dermatome_alt", point_id), skin.points[point_id].round(3).tolist())
    assert not wrong, f"{side}: key point -> (primary, alternate, xyz): {wrong}"


@pytest.mark.parametrize("side", ["right", "left"])
def test_key_points_lie_in_the_expected_regions(skin, side):
    points = skin.key_points(side)
    expected = {
        "T10": {"lower_abdomen"},
        "T12": {"groin"},
        "L2": {"anterior_thigh", "medial_thigh"},
        "L3": {"knee_front", "medial_thigh"},
        "L4": {"medial_ankle"},
        "L5": {"dorsum_of_foot", "middle_toes"},
        "S1": {"heel", "lateral_ankle"},
        "S2": {"knee_back"},
        "S3": {"buttock", "posterior_thigh", "perineum"},
        "S4_S5": {"perineum"},
    }
    got = {level: skin.name("region", points[level]) for level in expected}
    wrong = {level: region for level, region in got.items() if region not in expected[level]}
    assert not wrong, f"{side}: key point -> region: {wrong}"
    s = SIDES[side]
    for landmark, region in (("hallux_tip", "big_toe"), ("toe_5_tip", "little_toe"), ("calcaneus_posterior", "heel")):
        assert skin.name("region", skin.nearest(skin.L(landmark, side), s)) == region, landmark
    gt = skin.L("greater_trochanter", side)
    assert skin.name("region", skin.along(gt, (s, 0, 0), s)) == "lateral_hip"
    assert skin.name("region", skin.along(skin.lm["spinous_process_L3"], (0, -1, 0), s)) == "low_back"


def _limb_axis_x(skin: Skin, side: str, z: np.ndarray) -> np.ndarray:
    """x of the hip-knee-ankle centre line at height z (mirrored to +x)."""
    s = SIDES[side]
    centres = [skin.L(name, side) for name in ("ankle_centre", "knee_centre", "hip_centre")]
    return np.interp(z, [c[2] for c in centres], [s * c[0] for c in centres])


def _limb_axis_y(skin: Skin, side: str, z: np.ndarray) -> np.ndarray:
    centres = [skin.L(name, side) for name in ("ankle_centre", "knee_centre", "hip_centre")]
    return np.interp(z, [c[2] for c in centres], [c[1] for c in centres])


@pytest.mark.parametrize("side", ["right", "left"])
def test_every_nerve_field_is_on_its_part_of_the_body(skin, side):
    s = SIDES[side]
    L = lambda name: skin.L(name, side)  # noqa: E731
    one_side = skin.side == s
    knee_z, ankle_z, hip_z = L("knee_centre")[2], L("ankle_centre")[2], L("hip_centre")[2]
    mid_calf = 0.5 * (knee_z + ankle_z)
    problems = {}
    for nerve in SKIN_NERVES:
        members = skin.mask("cutaneous_nerve", nerve) & one_side
        if members.sum() < 10:
            problems[nerve] = f"only {members.sum()} vertices"
            continue
        P, nrm = skin.points[members], skin.normals[members]
        x, y, z = s * P[:, 0], P[:, 1], P[:, 2]
        medial = x < _limb_axis_x(skin, side, z)
        lateral = ~medial
        posterior = y < _limb_axis_y(skin, side, z)
        checks = {
            "saphenous": (medial & (z < knee_z + 0.06)).mean() > 0.8,
            "sural": ((lateral | posterior) & (z < mid_calf + 0.03)).mean() > 0.85,
            "lateral_femoral_cutaneous": (lateral & (z > knee_z) & (z < hip_z + 0.05)).mean() > 0.85,
            "superficial_fibular": (
                ((z < ankle_z + 0.03) & (nrm[:, 2] > -0.2)) | ((z < mid_calf + 0.05) & ~medial)
            ).mean()
            > 0.85,
            "deep_fibular": (np.linalg.norm(P - 0.5 * (L("metatarsal_head_1") + L("hallux_tip")), axis=1) < 0.06).mean()
            > 0.85,
            "lateral_sural_cutaneous": ((z < knee_z + 0.02) & (z > ankle_z) & (lateral | posterior)).mean() > 0.85,
            "medial_calcaneal": (np.linalg.norm(P - L("calcaneus_posterior"), axis=1) < 0.07).mean() > 0.85,
            "medial_plantar": ((nrm[:, 2] < 0) & (z < 0.04)).mean() > 0.8,
            "lateral_plantar": ((nrm[:, 2] < 0) & (z < 0.04)).mean() > 0.8,
            "posterior_femoral_cutaneous": (
                posterior & (z < L("ischial_tuberosity")[2] + 0.02) & (z > knee_z - 0.15)
            ).mean()
            > 0.8,
            "anterior_femoral_cutaneous": (
                ((y > _limb_axis_y(skin, side, z)) | medial) & (z > knee_z - 0.04) & (z < hip_z)
            ).mean()
            > 0.85,
            "obturator": (medial & (z > knee_z) & (z < hip_z)).mean() > 0.9,
            "genitofemoral": (np.linalg.norm(P - 0.5 * (L("asis") + L("pubic_tubercle")), axis=1) < 0.12).mean() > 0.9,
            "ilioinguinal": (np.linalg.norm(P - L("pubic_tubercle"), axis=1) < 0.16).mean() > 0.85,
            "iliohypogastric": ((z > L("pubic_tubercle")[2] - 0.02) & (z < L("iliac_crest_top")[2] + 0.06)).mean()
            > 0.9,
            "superior_cluneal": (
                (y < L("hip_centre")[1]) & (z > L("ischial_tuberosity")[2]) & (z < L("iliac_crest_top")[2] + 0.04)
            ).mean()
            > 0.9,
            "middle_cluneal": ((y < L("hip_centre")[1]) & (x < s * L("psis")[0] + 0.08)).mean() > 0.9,
            "inferior_cluneal": ((y < L("hip_centre")[1]) & (z < L("psis")[2])).mean() > 0.9,
        }
        if not checks[nerve]:
            problems[nerve] = "outside its expected part of the body"
    # sole split: the medial plantar field lies medial to the lateral plantar field
    mp = skin.points[skin.mask("cutaneous_nerve", "medial_plantar") & one_side]
    lp = skin.points[skin.mask("cutaneous_nerve", "lateral_plantar") & one_side]
    if len(mp) and len(lp) and not s * mp[:, 0].mean() < s * lp[:, 0].mean():
        problems["medial_plantar/lateral_plantar"] = "medial field is not medial"
    sup = skin.points[skin.mask("cutaneous_nerve", "superior_cluneal") & one_side]
    inf = skin.points[skin.mask("cutaneous_nerve", "inferior_cluneal") & one_side]
    if len(sup) and len(inf) and not sup[:, 2].mean() > inf[:, 2].mean():
        problems["superior/inferior_cluneal"] = "superior field is not above the inferior one"
    assert not problems, f"{side}: {problems}"


@pytest.mark.parametrize("side", ["right", "left"])
def test_dermatomes_sit_where_lee_puts_them(skin, side):
    """Coarse placement of the big limb dermatomes (Lee et al. 2008)."""
    s = SIDES[side]
    L = lambda name: skin.L(name, side)  # noqa: E731
    one_side = skin.side == s
    knee_z, ankle_z = L("knee_centre")[2], L("ankle_centre")[2]

    def share(level: str, condition) -> float:  # type: ignore[no-untyped-def]
        members = skin.mask("dermatome", level) & one_side
        P = skin.points[members]
        return float(condition(s * P[:, 0], P[:, 1], P[:, 2], P).mean())

    def medial(x, z):  # type: ignore[no-untyped-def]
        return x < _limb_axis_x(skin, side, z)

    assert share("L4", lambda x, y, z, P: (z < knee_z) & (medial(x, z) | (z < ankle_z))) > 0.85
    assert share("L5", lambda x, y, z, P: (z < knee_z) & ~medial(x, z) | (z < ankle_z)) > 0.85
    assert share("S1", lambda x, y, z, P: (z < knee_z) | (y < L("hip_centre")[1])) > 0.85
    assert share("S2", lambda x, y, z, P: (y < _limb_axis_y(skin, side, z)) & (z > ankle_z + 0.08)) > 0.85
    assert share("L3", lambda x, y, z, P: (z > knee_z - 0.1) & (z < L("hip_centre")[2])) > 0.85
    assert share("L1", lambda x, y, z, P: z > knee_z + 0.1) > 0.95
    # the sole is mostly S1; the dorsum of the foot mostly L5
    sole = one_side & skin.mask("region", "sole")
    assert (skin.labels["dermatome"][sole] == DERMATOMES.index("S1")).mean() > 0.8
    dorsum = one_side & skin.mask("region", "dorsum_of_foot")  # L5 medial two-thirds, S1 lateral third
    assert (skin.labels["dermatome"][dorsum] == DERMATOMES.index("L5")).mean() > 0.5
    assert (skin.labels["dermatome"][dorsum] == DERMATOMES.index("S1")).mean() < 0.4


def test_maps_differ_where_keegan_differs(skin):
    """Keegan & Garrett take L4 to the big toe and across the front of the knee."""
    for side, s in SIDES.items():
        tip = skin.points[skin.nearest(skin.L("hallux_tip", side), s)]
        near = np.flatnonzero(
            skin.on_skin
            & (np.linalg.norm(skin.points - tip, axis=1) < 0.025)
            & (skin.normals @ np.array([-s, 0.0, 0.0]) > 0.5)
        )
        toe = int(near[np.argmax(-s * skin.points[near, 0])])  # medial side of the big toe
        assert skin.name("dermatome_keegan", toe) == "L4"
        assert skin.name("dermatome", toe) == "L5" and skin.name("dermatome_alt", toe) == "L4"
        knee = skin.along(skin.L("patella", side), (0, 1, 0), s)
        assert skin.name("dermatome_keegan", knee) == "L4"
        assert skin.name("dermatome", knee) == "L3" and skin.name("dermatome_alt", knee) == "L4"
    differ = (skin.labels["dermatome"] != skin.labels["dermatome_keegan"]) & skin.on_skin
    assert 0.05 < differ.mean() < 0.6


def test_overlap_zones_carry_two_dermatomes(skin):
    alt = skin.labels["dermatome_alt"]
    prim = skin.labels["dermatome"]
    assert np.all(alt[alt >= 0] != prim[alt >= 0])
    share = (alt[skin.on_skin] >= 0).mean()
    assert 0.1 < share < 0.7, share


@pytest.mark.parametrize("array", list(LABEL_ARRAYS))
def test_left_and_right_maps_mirror(skin, array):
    right = np.flatnonzero((skin.side == 1) & skin.on_skin)
    left = np.flatnonzero((skin.side == -1) & skin.on_skin)
    from vtkmodules.util.numpy_support import numpy_to_vtk
    from vtkmodules.vtkCommonCore import vtkPoints
    from vtkmodules.vtkCommonDataModel import vtkPolyData

    pts = vtkPoints()
    pts.SetData(numpy_to_vtk(np.ascontiguousarray(skin.points[left]), deep=True))
    poly = vtkPolyData()
    poly.SetPoints(pts)
    locator = vtkStaticPointLocator()
    locator.SetDataSet(poly)
    locator.BuildLocator()
    mirrored = skin.points[right] * (-1.0, 1.0, 1.0)
    partner = left[[locator.FindClosestPoint(p) for p in mirrored]]
    a, b = skin.labels[array][right], skin.labels[array][partner]
    labelled = (a >= 0) | (b >= 0)
    agree = (a[labelled] == b[labelled]).mean()
    assert agree >= 0.95, f"{array}: {agree:.3f} of right vertices match their mirror"


def test_regions_present_on_both_sides(skin):
    missing = []
    for region in REGIONS:
        members = skin.mask("region", region)
        if region in MIDLINE_REGIONS:
            if members.sum() < 10:
                missing.append(region)
            continue
        for side, s in SIDES.items():
            if (members & (skin.side == s)).sum() < 10:
                missing.append(f"{region}_{side}")
    assert not missing


def test_every_dermatome_present_on_both_sides(skin):
    for array in ("dermatome", "dermatome_keegan"):
        for level in DERMATOMES:
            for s in (1, -1):
                assert (skin.mask(array, level) & (skin.side == s)).sum() >= 10, (array, level, s)
