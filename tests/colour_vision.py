"""Colour differences as people with each kind of colour vision see them, for the palette test
(tests/scene/test_colour_vision.py) and its table (tools/palette_report.py).

Dichromacy is simulated with Machado, Oliveira & Fernandes (2009) at full severity, applied to
linear sRGB as colorspacious and DaltonLens do; differences are CIEDE2000 (Sharma et al. 2005)
in CIELAB under D65, both from colour-science. Machado's tritan model is the least exact of the
three (colour-science warns that it approximates tritanopia by a cone shift), so its figures are
a guide, not a measurement.

Thresholds (ΔE00, in every one of the four visions):
- 2.3 and below is about a just-noticeable difference (Sharma & Trussell), judged side by side in
  good light; a screen in a clinic, a shaded curved body and a glance need several times that.
- NEIGHBOUR_MIN = 10: two territories that share a boundary are large patches with a dark line
  between them; ten is four JNDs, clearly a different colour at a glance (about the step
  between neighbouring colours of Tol's qualitative palettes under simulation).
- MECHANISM_MIN = 14: a mechanism colour must be recognised, not only told apart: it is matched
  across the screen between small marks (a card's edge, a square in a line of text) and lit
  structures in 3D, so it needs more than the neighbours. (Tol's "bright" palette itself gets
  8.6 between its blue and green under tritanopia; the blue/purple pair sets the 14.)
- BACKGROUND_MIN = 10: a mark against what it is drawn on (a card's edge on the white panel, a
  territory against bare skin, the boundary line and the hatching against a territory).
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np

with warnings.catch_warnings():  # "SciPy related API features are not available": none are used
    warnings.simplefilter("ignore")
    import colour

VISIONS = {"normal": None, "protanopia": "Protanomaly", "deuteranopia": "Deuteranomaly", "tritanopia": "Tritanomaly"}
NEIGHBOUR_MIN = 10.0
MECHANISM_MIN = 14.0
BACKGROUND_MIN = 10.0
_D65 = colour.CCS_ILLUMINANTS["CIE 1931 2 Degree Standard Observer"]["D65"]


def _matrix(vision: str) -> np.ndarray:
    deficiency = VISIONS[vision]
    if deficiency is None:
        return np.eye(3)
    with warnings.catch_warnings():  # the tritan approximation warning, said once in the docstring
        warnings.simplefilter("ignore")
        return colour.blindness.matrix_cvd_Machado2009(deficiency, 1.0)


def lab(rgb: np.ndarray, vision: str = "normal") -> np.ndarray:
    """CIELAB of sRGB colours (… × 3, 0..1) as seen with `vision`."""
    linear = colour.cctf_decoding(np.asarray(rgb, dtype=float), function="sRGB")
    seen = np.clip(linear @ _matrix(vision).T, 0.0, 1.0)
    return colour.XYZ_to_Lab(colour.RGB_to_XYZ(seen, "sRGB", apply_cctf_decoding=False), _D65)


def delta_e(a: np.ndarray, b: np.ndarray, vision: str = "normal") -> np.ndarray:
    """CIEDE2000 between sRGB colours a and b (broadcast) as seen with `vision`."""
    return np.asarray(colour.delta_E(lab(a, vision), lab(b, vision), method="CIE 2000"))


def rgb(hex_colour: str) -> np.ndarray:
    value = hex_colour.lstrip("#")
    return np.array([int(value[i : i + 2], 16) / 255.0 for i in (0, 2, 4)])


def skin_neighbours(faces: np.ndarray, point_labels: np.ndarray) -> list[tuple[int, int]]:
    """Label pairs (a < b) that meet along an edge of the skin mesh; -1 is bare skin."""
    edges = np.sort(np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
    a, b = point_labels[edges[:, 0]], point_labels[edges[:, 1]]
    differ = a != b
    pairs = np.unique(np.sort(np.column_stack([a[differ], b[differ]]), axis=1), axis=0)
    return [(int(x), int(y)) for x, y in pairs]


def worst_pair(colours: dict[str, np.ndarray], pairs: list[tuple[str, str]], vision: str) -> tuple[float, str, str]:
    """The smallest ΔE00 among the named pairs, and which pair it is."""
    found = [(float(delta_e(colours[x], colours[y], vision)), x, y) for x, y in pairs]
    return min(found)


def all_pairs(names: list[str]) -> list[tuple[str, str]]:
    return list(itertools.combinations(names, 2))


def palette_checks(skin) -> list[tuple[str, float, dict[str, np.ndarray], list[tuple[str, str]]]]:
    """Every colour pair the app relies on: (palette, threshold, colours by name, pairs to tell apart).

    Map colours are taken as drawn: at the overlay's opacity over the skin tone."""
    from app.scene.highlight import MECHANISM_COLOURS
    from app.scene.overlays import territory_colours
    from app.scene.scene import SKIN
    from app.scene.skin_labels import LABEL_ARRAYS
    from app.scene.skin_overlays import BOUNDARY_COLOUR, HATCH_COLOUR, HATCH_OPACITY, OVERLAY_ARRAYS, OVERLAY_OPACITY

    mechanisms = {name: rgb(value) for name, value in MECHANISM_COLOURS.items()}
    on_white = {**mechanisms, "white panel": rgb("#ffffff")}
    checks = [
        ("mechanisms", MECHANISM_MIN, mechanisms, all_pairs(list(mechanisms))),
        ("mechanisms on the white panel", BACKGROUND_MIN, on_white, [(m, "white panel") for m in mechanisms]),
    ]
    faces = skin.regular_faces
    skin_tone = rgb(SKIN.color)
    for overlay, array in OVERLAY_ARRAYS.items():
        names = [str(n) for n in np.asarray(skin.field_data[LABEL_ARRAYS[array]])]
        drawn = (
            OVERLAY_OPACITY * territory_colours(LABEL_ARRAYS[array], tuple(names)) + (1 - OVERLAY_OPACITY) * skin_tone
        )
        colours = {
            **dict(zip(names, drawn, strict=False)),
            "bare skin": skin_tone,
            "boundary line": rgb(BOUNDARY_COLOUR),
        }
        name_of = dict(enumerate(names)) | {-1: "bare skin"}
        pairs = [(name_of[a], name_of[b]) for a, b in skin_neighbours(faces, np.asarray(skin.point_data[array]))]
        pairs += [(name, "boundary line") for name in names]
        checks.append((f"map: {overlay}", NEIGHBOUR_MIN, colours, pairs))
        if overlay == "dermatomes":
            hatched = {
                f"{n} hatched": (1 - HATCH_OPACITY) * c + HATCH_OPACITY * rgb(HATCH_COLOUR)
                for n, c in zip(names, drawn, strict=False)
            }
            checks.append(
                (
                    "hatching where the dermatome maps differ",
                    BACKGROUND_MIN,
                    {**dict(zip(names, drawn, strict=False)), **hatched},
                    [(n, f"{n} hatched") for n in names],
                )
            )
    return checks


def minimum_table(skin) -> list[tuple[str, float, dict[str, tuple[float, str, str]]]]:
    """For each palette: its threshold and, per vision, the smallest ΔE00 and the pair it is between."""
    return [
        (palette, threshold, {vision: worst_pair(colours, pairs, vision) for vision in VISIONS})
        for palette, threshold, colours, pairs in palette_checks(skin)
    ]
