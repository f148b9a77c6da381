"""A legend panel drawn beside an off-screen render (for docs and handouts), with Pillow.

VTK's legend box colours each entry's text with its swatch colour and sits on top of the body;
here the render keeps the left of the picture and the legend gets a column of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)  # Debian's fonts-dejavu-core
TEXT = "#f2f2f2"
MUTED = "#b8c0cc"
PANEL = "#1b2027"


@dataclass(frozen=True)
class LegendSection:
    title: str
    entries: list[tuple[str, str]] = field(default_factory=list)  # (text, swatch colour or "")
    note: str = ""


def panel_width(height: int) -> int:
    """Width of the legend column for a picture of this height."""
    return max(220, height * 3 // 10)


def _font(size: int, bold: bool = False) -> Font:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def with_legend(render: np.ndarray, sections: list[LegendSection], width: int) -> Image.Image:
    """The render (H × W × 3) with a legend column of `width` pixels on its right."""
    height = render.shape[0]
    image = Image.new("RGB", (render.shape[1] + width, height), PANEL)
    image.paste(Image.fromarray(render[..., :3]), (0, 0))
    draw = ImageDraw.Draw(image)
    size = max(12, height // 55)
    title_font, font, small = _font(round(size * 1.15), bold=True), _font(size), _font(round(size * 0.85))
    left = render.shape[1] + size
    inner = width - 2 * size
    swatch = round(size * 1.1)
    y = size
    for section in sections:
        for line in _wrap(draw, section.title, title_font, inner):
            draw.text((left, y), line, fill=TEXT, font=title_font)
            y += round(size * 1.5)
        y += size // 3
        for text, colour in section.entries:
            indent = swatch + size // 2 if colour else 0
            if colour:
                draw.rectangle((left, y + 1, left + swatch, y + 1 + swatch), fill=colour, outline="#000000")
            for line in _wrap(draw, text, font, inner - indent):
                draw.text((left + indent, y), line, fill=TEXT, font=font)
                y += round(size * 1.35)
            y += size // 4
        for line in _wrap(draw, section.note, small, inner) if section.note else []:
            draw.text((left, y), line, fill=MUTED, font=small)
            y += round(size * 1.2)
        y += size
    return image
