"""The investment-case PDF: page templates, running header and footer, bookmarks, table
of contents and metadata. The sections themselves are in sections.py, in a fixed order."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate, Paragraph
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.tableofcontents import TableOfContents

from . import config as c
from .components import styles
from .data import ReportData
from .sections import SECTIONS, cover

MARGIN = 18 * mm


class ReportDocument(BaseDocTemplate):
    """Turns each h1/h2 heading into a PDF bookmark and a table-of-contents entry. The
    running header is drawn when a page ends, so it names the section the page holds."""

    def __init__(self, target, data: ReportData, paper: str):
        self.data = data
        self._bookmarks = 0
        size = c.PAPER[paper]
        state = data.state
        super().__init__(
            target, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 4 * mm,
            bottomMargin=MARGIN, title=f"{state.name} - MLOps investment case",
            author=state.organisation or "MLOps Roadmap Planner", subject="MLOps maturity, roadmap and investment case",
            creator="MLOps Roadmap Planner", keywords=["MLOps", "roadmap", "maturity"],
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([
            PageTemplate(id="cover", frames=[frame], onPage=self._cover_page),
            PageTemplate(id="body", frames=[frame], onPageEnd=self._body_page),
        ])
        self._section = ""

    def afterFlowable(self, flowable) -> None:
        if not isinstance(flowable, Paragraph):
            return
        name = flowable.style.name
        if name == "toc_title":
            self._section = "Contents"
        if name not in ("h1", "h2", "h2_appendix"):
            return
        level = 0 if name == "h1" else 1
        title = flowable.getPlainText()
        if level == 0:
            self._section = title
        key = f"section-{self._bookmarks}"
        self._bookmarks += 1
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)
        if name != "h2_appendix":  # the appendix's many entries stay in the outline, not the contents
            self.notify("TOCEntry", (level, title, self.page, key))

    def handle_documentBegin(self) -> None:  # each multiBuild pass starts afresh
        self._bookmarks = 0
        self._section = ""
        super().handle_documentBegin()

    def _cover_page(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(c.ACCENT)
        canvas.rect(0, doc.pagesize[1] - 12 * mm, doc.pagesize[0], 12 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def _body_page(self, canvas, doc) -> None:
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFont(c.FONT, 7.5)
        canvas.setFillColor(c.MUTED)
        canvas.drawString(MARGIN, height - MARGIN + 2 * mm, _fit(f"{self.data.state.name} · investment case", 90))
        canvas.drawRightString(width - MARGIN, height - MARGIN + 2 * mm, _fit(self._section, 60))
        canvas.setStrokeColor(c.RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - MARGIN + 0.5 * mm, width - MARGIN, height - MARGIN + 0.5 * mm)
        canvas.line(MARGIN, MARGIN - 4 * mm, width - MARGIN, MARGIN - 4 * mm)
        canvas.drawString(MARGIN, MARGIN - 8 * mm,
                          _fit(f"{self.data.state.organisation or 'MLOps Roadmap Planner'} · generated "
                               f"{self.data.generated.isoformat()} · catalog {self.data.catalog.info.version}", 100))
        canvas.drawRightString(width - MARGIN, MARGIN - 8 * mm, f"Page {doc.page}")
        canvas.restoreState()


def _fit(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def build_pdf(data: ReportData, target: str | os.PathLike | BinaryIO, paper: str = "a4") -> int:
    """Write the report; return its page count. A path is written via a temporary file
    and renamed, so a failed build never leaves half a PDF behind."""
    if paper not in c.PAPER:
        raise ValueError(f"paper '{paper}' is not one of: {', '.join(c.PAPER)}")
    c.register_fonts()
    if hasattr(target, "write"):
        return _build(data, target, paper)
    path = Path(target)
    buffer = io.BytesIO()
    pages = _build(data, buffer, paper)
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(buffer.getvalue())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)  # nothing half-written is left behind
    return pages


def _build(data: ReportData, target, paper: str) -> int:
    doc = ReportDocument(target, data, paper)
    st = styles()
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [
        styles()["body"].clone("toc0", fontName=c.FONT_BOLD, fontSize=10, leading=15, leftIndent=0),
        styles()["body"].clone("toc1", fontSize=8.5, leading=11.5, leftIndent=12),
    ]
    story = [*cover(data, doc.width), NextPageTemplate("body"), PageBreak()]
    for section in SECTIONS:
        story += section(data, doc.width, toc, st)
    try:
        doc.multiBuild(story)
    except LayoutError as exc:  # a part taller than a page: say which, never a traceback
        raise ReportTooLarge(f"the report cannot lay out one of its parts on a page ({str(exc).splitlines()[0][:200]}); "
                             "shorten the longest texts of the plan or its catalog") from None
    return doc.page


class ReportTooLarge(ValueError):
    """A part of the report does not fit on a page; the message is meant for the user."""
