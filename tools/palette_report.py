"""Print the smallest CIEDE2000 difference of each palette in normal vision and under simulated
protanopia, deuteranopia and tritanopia, against its threshold (why those: tests/colour_vision.py).

    .venv/bin/python tools/palette_report.py      (needs the test extras: pip install -e '.[test]')
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the shared colour_vision module

from colour_vision import VISIONS, minimum_table

from app.scene.assets import load_model


def main() -> int:
    table = minimum_table(load_model().skin)
    width = max(len(palette) for palette, _, _ in table)
    print(f"{'palette':<{width}}  min  " + "  ".join(f"{vision:>12}" for vision in VISIONS))
    failed = False
    for palette, threshold, worst in table:
        cells = []
        for vision in VISIONS:
            value = worst[vision][0]
            failed |= value < threshold
            cells.append(f"{value:>11.1f}{'!' if value < threshold else ' '}")
        print(f"{palette:<{width}}  {threshold:>3.0f}  " + "  ".join(cells))
    print("\nclosest pair per palette and vision:")
    for palette, _, worst in table:
        print(f"  {palette}: " + "; ".join(f"{v} {a} / {b}" for v, (_, a, b) in worst.items()))
    print("\n! = below the threshold" if failed else "\nevery palette is above its threshold")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
