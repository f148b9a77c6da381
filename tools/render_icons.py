"""Render the app's icon set from its one SVG (app/desktop/icons/org.referralatlas.ReferralAtlas.svg).

    .venv/bin/python tools/render_icons.py          # after changing the SVG
    .venv/bin/python tools/render_icons.py --check  # exit 1 when a PNG is missing or out of date

Writes hicolor/<N>x<N>/apps/<id>.png for the freedesktop icon theme, and the Windows .ico and macOS
.icns the CI bundles use (packaging/icons/). Rendering uses Qt's own SVG renderer (QtSvg, in PySide6).
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "org.referralatlas.ReferralAtlas"
ICONS = ROOT / "app" / "desktop" / "icons"
SVG = ICONS / f"{APP_ID}.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
PLATFORM_ICONS = ROOT / "packaging" / "icons"
TOLERANCE = 8  # the largest channel difference allowed between a committed PNG and a fresh render


def png_path(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(size: int) -> Image.Image:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["render_icons", "-platform", "offscreen"])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def stale() -> list[str]:
    problems = []
    for size in SIZES:
        path = png_path(size)
        if not path.is_file():
            problems.append(f"{path.relative_to(ROOT)} is missing")
            continue
        old = np.asarray(Image.open(path).convert("RGBA"), dtype=int)
        new = np.asarray(render(size), dtype=int)
        if old.shape != new.shape or np.abs(old - new).max() > TOLERANCE:
            problems.append(f"{path.relative_to(ROOT)} is not what {SVG.name} draws")
    return problems


def write() -> None:
    images = {size: render(size) for size in SIZES}
    for size, image in images.items():
        png_path(size).parent.mkdir(parents=True, exist_ok=True)
        image.save(png_path(size), optimize=True)
    PLATFORM_ICONS.mkdir(parents=True, exist_ok=True)
    images[256].save(PLATFORM_ICONS / "referral-atlas.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    images[512].save(PLATFORM_ICONS / "referral-atlas.icns")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report stale PNGs; change nothing")
    if parser.parse_args().check:
        problems = stale()
        print("\n".join(problems) or "icons are current")
        return 1 if problems else 0
    write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
