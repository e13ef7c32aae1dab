"""The key to the Gantt's marks, drawn with the same pens and colours as the chart:
critical path, pinned, selected, dependency, milestone, late milestone, today (or the
status date), done, the baseline's place, and where excluded steps are listed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from .. import theme

MARKS = ("critical", "pinned", "selected", "dependency", "milestone", "late", "today", "done", "baseline", "excluded")
WORDS = {
    "critical": "Critical path",
    "pinned": "Pinned",
    "selected": "Selected",
    "dependency": "Needs",
    "milestone": "Milestone",
    "late": "Late milestone",
    "today": "Today (or status date)",
    "done": "Done",
    "baseline": "Baseline (+2: 2 later)",
    "excluded": "Excluded or dropped (listed at the right)",
}


class GanttLegend(QWidget):
    """One line of swatches and words; wraps onto a second line when the view is narrow."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Key to the roadmap chart")
        self.setToolTip("Critical path: steps whose delay delays the roadmap. Pinned: placed by you. "
                        "Needs: the selected step's dependencies (View > Show all dependencies draws every one).")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.marks = tuple(m for m in MARKS if m not in ("baseline", "excluded"))

    def show_marks(self, baseline: bool, excluded: bool) -> None:
        """The key to what the chart shows now: the baseline's and the excluded steps'
        marks only when there are any."""
        marks = tuple(m for m in MARKS if (m != "baseline" or baseline) and (m != "excluded" or excluded))
        if marks != self.marks:
            self.marks = marks
            self.setFixedHeight(self.heightForWidth(self.width()))
            self.update()

    def _cells(self, width: float) -> list[tuple[str, QRectF]]:
        """Where each mark's swatch and words go, left to right, wrapping at `width`."""
        fm = QFontMetricsF(self.font())
        h = fm.height()
        x, y, out = 0.0, 0.0, []
        for mark in self.marks:
            cell = 26 + fm.horizontalAdvance(WORDS[mark]) + 16
            if x and x + cell > width:
                x, y = 0.0, y + h * 1.3
            out.append((mark, QRectF(x, y, cell, h * 1.3)))
            x += cell
        return out

    def sizeHint(self) -> QSize:
        cells = self._cells(max(200, self.width()))
        return QSize(int(sum(r.width() for _, r in cells)), int(cells[-1][1].bottom()) + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(self._cells(width)[-1][1].bottom()) + 2

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.setFixedHeight(self.heightForWidth(self.width()))

    def paintEvent(self, event) -> None:
        c = theme.colours(self)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetricsF(self.font())
        for mark, cell in self._cells(self.width()):
            swatch = QRectF(cell.left() + 1, cell.center().y() - fm.height() * 0.3, 20, fm.height() * 0.6)
            self._swatch(painter, mark, swatch, c)
            painter.setPen(c.q("text"))
            painter.drawText(QRectF(swatch.right() + 5, cell.top(), cell.width() - 26, cell.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, WORDS[mark])
        painter.end()

    def _swatch(self, painter: QPainter, mark: str, r: QRectF, c: theme.Colours) -> None:
        bar = c.q("accent")
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if mark in ("critical", "pinned", "selected", "excluded"):
            pens = {"critical": QPen(c.q("critical"), 2.2), "pinned": QPen(bar.darker(130), 1),
                    "selected": QPen(c.q("text"), 2, Qt.PenStyle.DashLine),
                    "excluded": QPen(c.q("muted"), 1, Qt.PenStyle.DotLine)}
            painter.setPen(pens[mark])
            painter.setBrush(Qt.BrushStyle.NoBrush if mark == "excluded" else bar)
            painter.drawRoundedRect(r, 3, 3)
            if mark == "pinned":
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(c.q("accent_text"))
                painter.drawEllipse(QPointF(r.left() + 6, r.center().y()), 3, 3)
        elif mark == "dependency":
            painter.setPen(QPen(c.q("text"), 1.6))
            path = QPainterPath(QPointF(r.left(), r.center().y()))
            path.lineTo(r.right(), r.center().y())
            path.moveTo(r.right(), r.center().y())
            path.lineTo(r.right() - 5, r.center().y() - 3.5)
            path.moveTo(r.right(), r.center().y())
            path.lineTo(r.right() - 5, r.center().y() + 3.5)
            painter.drawPath(path)
        elif mark in ("milestone", "late"):
            colour = c.q("critical") if mark == "late" else c.q("text")
            painter.setPen(QPen(colour, 1))
            painter.setBrush(colour)
            x, y, s = r.center().x(), r.center().y(), r.height() * 0.55
            painter.drawPolygon(QPolygonF([QPointF(x, y - s), QPointF(x + s, y), QPointF(x, y + s), QPointF(x - s, y)]))
        elif mark == "done":
            painter.setPen(QPen(bar.darker(130), 1))
            painter.setBrush(bar)
            painter.drawRoundedRect(r, 3, 3)
            painter.setBrush(QBrush(c.q("accent_text"), Qt.BrushStyle.BDiagPattern))
            painter.drawRoundedRect(r, 3, 3)
        elif mark == "baseline":
            painter.setPen(QPen(c.q("muted"), 1.2, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(r, 2, 2)
        elif mark == "today":
            painter.setPen(QPen(c.q("accent"), 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(r.center().x(), r.top() - 3), QPointF(r.center().x(), r.bottom() + 3))
