"""The skin's labels: every dermatome, skin nerve field and body region the atlas names, in the order
the skin mesh stores them (tools/atlas_build/territories.py writes them into skin.vtp's field arrays;
content/territories.yaml defines each one as `dermatome_<label>`, `field_<label>`, `region_<label>`).
"""

from __future__ import annotations

DERMATOMES = ("T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3", "S4_S5")
SKIN_NERVES = (
    "iliohypogastric",
    "ilioinguinal",
    "genitofemoral",
    "lateral_femoral_cutaneous",
    "anterior_femoral_cutaneous",
    "obturator",
    "saphenous",
    "posterior_femoral_cutaneous",
    "lateral_sural_cutaneous",
    "superficial_fibular",
    "deep_fibular",
    "sural",
    "medial_calcaneal",
    "medial_plantar",
    "lateral_plantar",
    "superior_cluneal",
    "middle_cluneal",
    "inferior_cluneal",
)
REGIONS = (
    "low_back",
    "sacrum",
    "lower_abdomen",
    "groin",
    "perineum",
    "buttock",
    "lateral_hip",
    "anterior_thigh",
    "medial_thigh",
    "lateral_thigh",
    "posterior_thigh",
    "knee_front",
    "knee_back",
    "medial_leg",
    "shin",
    "lateral_leg",
    "calf",
    "medial_ankle",
    "lateral_ankle",
    "heel",
    "sole",
    "dorsum_of_foot",
    "big_toe",
    "middle_toes",
    "little_toe",
)
