"""Fonts, colours and page sizes of the PDF report, in one place."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"

PAPER = {"a4": A4, "letter": LETTER}

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#cbd2d9")
ACCENT = colors.HexColor("#1d4e89")
CURRENT = colors.HexColor("#1d4e89")  # where the organisation stands
TARGET = colors.HexColor("#f0a202")  # where it is going
CRITICAL = colors.HexColor("#c0392b")
NOT_APPLICABLE = colors.HexColor("#e4e7eb")
ZEBRA = colors.HexColor("#f5f7fa")

# Lane colours by dimension id; unknown dimensions cycle through the rest.
DIMENSION_COLOURS = {
    "data": colors.HexColor("#2a9d8f"),
    "model": colors.HexColor("#1d4e89"),
    "code": colors.HexColor("#7b5ea7"),
    "governance": colors.HexColor("#d17a22"),
}
EXTRA_COLOURS = [colors.HexColor(c) for c in ("#6c8ead", "#8d6e63", "#558b2f", "#ad1457")]

# One colour per role in capacity charts.
ROLE_COLOURS = [colors.HexColor(c) for c in ("#2a9d8f", "#1d4e89", "#7b5ea7", "#e76f51", "#d17a22", "#6c8ead")]


def dimension_colour(dimension: str, index: int = 0) -> colors.Color:
    return DIMENSION_COLOURS.get(dimension, EXTRA_COLOURS[index % len(EXTRA_COLOURS)])


def fonts_dir() -> Path:
    """The bundled fonts: inside the installed package, or in a source checkout."""
    from ..resources import resource

    return resource("fonts")


@lru_cache(maxsize=1)
def register_fonts() -> None:
    """Register DejaVu Sans once per process (it covers accented and Cyrillic letters)."""
    folder = fonts_dir()
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf"),
                       (FONT_ITALIC, "DejaVuSans-Oblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD)
