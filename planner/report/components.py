"""Flowables for the report: styles, escaped paragraphs and long tables.

Every piece of user or catalog text goes through `text()`, which escapes it before it
reaches reportlab's paragraph markup, so a note with `<b>`, `&` or `<unclosed` prints as
written and never breaks the build.
"""

from __future__ import annotations

from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, LongTable, Paragraph, Spacer, TableStyle

from ..words import money  # noqa: F401 - the report words money as every output does
from . import config as c


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    c.register_fonts()
    base = ParagraphStyle("body", fontName=c.FONT, fontSize=9, leading=12, textColor=c.INK, alignment=TA_LEFT)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.2),
        "cell_bold": ParagraphStyle("cell_bold", parent=base, fontName=c.FONT_BOLD, fontSize=7.5, leading=9.2),
        "head": ParagraphStyle("head", parent=base, fontName=c.FONT_BOLD, fontSize=7.5, leading=9.2,
                               textColor=c.colors.white),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8, leading=10.5, textColor=c.MUTED),
        "h1": ParagraphStyle("h1", parent=base, fontName=c.FONT_BOLD, fontSize=16, leading=20, spaceBefore=4,
                             spaceAfter=8, textColor=c.ACCENT),
        "h2": ParagraphStyle("h2", parent=base, fontName=c.FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=8,
                             spaceAfter=4, textColor=c.INK),
        "h2_appendix": ParagraphStyle("h2_appendix", parent=base, fontName=c.FONT_BOLD, fontSize=11.5, leading=15,
                                      spaceBefore=8, spaceAfter=4, textColor=c.INK),
        "h3": ParagraphStyle("h3", parent=base, fontName=c.FONT_BOLD, fontSize=9.5, leading=12, spaceBefore=4,
                             spaceAfter=2),
        "title": ParagraphStyle("title", parent=base, fontName=c.FONT_BOLD, fontSize=26, leading=32,
                                textColor=c.ACCENT),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=13, leading=18, textColor=c.MUTED),
        "figure": ParagraphStyle("figure", parent=base, fontSize=7.5, leading=9.5, textColor=c.MUTED,
                                 spaceBefore=2, spaceAfter=8),
    }


MAX_TEXT = 1000  # characters of one user or catalog text the PDF prints (a table cell must fit a page)


def text(value: object) -> str:
    """Escape user or catalog text for paragraph markup; keep line breaks. A text longer
    than MAX_TEXT is shortened, and says so: a 1 MB description kept reportlab busy for
    minutes, and a cell taller than a page cannot be laid out at all."""
    raw = "" if value is None else str(value)
    if len(raw) > MAX_TEXT:
        raw = raw[:MAX_TEXT].rstrip() + f"… (shortened for the PDF: {len(raw):,} characters in all)"
    if raw.count("\n") > 40:
        raw = "\n".join(raw.split("\n")[:40]) + "…"
    return escape(raw).replace("\n", "<br/>")


def para(value: object, style: str = "body", markup: str = "") -> Paragraph:
    """A paragraph of escaped text; `markup` is trusted markup of our own placed before it."""
    return Paragraph(markup + text(value), styles()[style])


def heading(value: str, level: int = 1, in_contents: bool = True) -> Paragraph:
    """A section heading; the document turns h1/h2 into bookmarks and, with
    `in_contents`, table-of-contents entries."""
    name = f"h{level}" if in_contents or level != 2 else "h2_appendix"
    return Paragraph(text(value), styles()[name])


def pairs(rows: list[list[object]], widths: list[float]) -> LongTable:
    """A two-column label/value table without a header row."""
    st = styles()
    data = [[Paragraph(text(k), st["cell_bold"]), Paragraph(text(v), st["cell"])] for k, v in rows]
    result = LongTable(data, colWidths=widths, hAlign="LEFT")
    result.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.25, c.RULE), ("LINEABOVE", (0, 0), (-1, 0), 1.2, c.ACCENT),
                                ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return result


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)


def table(header: list[str], rows: list[list[object]], widths: list[float], bold_first: bool = False,
          zebra: bool = True) -> LongTable:
    """A table that splits across pages and repeats its header. Cells may be flowables
    (kept as they are) or plain values (escaped into paragraphs)."""
    st = styles()
    data = [[Paragraph(text(h), st["head"]) for h in header]]
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            if hasattr(cell, "wrapOn"):
                cells.append(cell)
            else:
                cells.append(Paragraph(text(cell), st["cell_bold" if bold_first and i == 0 else "cell"]))
        data.append(cells)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), c.ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, c.RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if zebra:
        style += [("BACKGROUND", (0, r), (-1, r), c.ZEBRA) for r in range(2, len(data), 2)]
    result = LongTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    result.setStyle(TableStyle(style))
    return result


def figure(drawing, caption: str) -> KeepTogether:
    return KeepTogether([drawing, para(caption, "figure")])


def fraction_widths(total: float, parts: list[float]) -> list[float]:
    """Column widths in points from relative parts."""
    whole = sum(parts)
    return [total * p / whole for p in parts]
