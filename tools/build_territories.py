"""Relabel the skin of a model folder: `python tools/build_territories.py [models_dir]`.

The labelling is tools/atlas_build/territories.py; tools/build_assets.py runs it at the end of its pipeline.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # app.domain.territory_labels
from atlas_build.territories import main

if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
