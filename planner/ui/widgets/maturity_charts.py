"""Maturity charts painted with QPainter: the radar of current and target by dimension,
and the capability-by-level heatmap. Both read the document's scores when painted."""

from __future__ import annotations

from html import escape

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QToolTip

from .. import theme
from .chart import ChartWidget


def _legend(painter: QPainter, x: float, y: float, items: list[tuple[str, QColor, QColor, bool]],
            fm: QFontMetricsF, c: theme.Colours) -> None:
    """One row of swatches with labels: (label, fill, stroke, dashed)."""
    box = fm.height() * 0.7
    for label, fill, stroke, dashed in items:
        pen = QPen(stroke, 1.5, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawRect(QRectF(x, y + (fm.height() - box) / 2, box * 1.4, box))
        painter.setPen(c.q("text"))
        painter.drawText(QPointF(x + box * 1.4 + 5, y + fm.ascent()), label)
        x += box * 1.4 + 5 + fm.horizontalAdvance(label) + fm.height()


class RadarChart(ChartWidget):
    title = "Maturity by dimension"

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setAccessibleName("Radar chart of current and target maturity by dimension")
        self.setMinimumSize(260, 240)

    def sizeHint(self) -> QSize:
        return QSize(420, 340)

    def series(self) -> tuple[list[str], list[float | None], list[float | None]]:
        scores = self.document.scores
        now = [d for d in scores.dimensions if d.dimension != "overall"]
        target = {d.dimension: d.mean_level for d in scores.target_dimensions}
        return [d.name for d in now], [d.mean_level for d in now], [target.get(d.dimension) for d in now]

    def paint_chart(self, painter: QPainter, rect: QRectF, c: theme.Colours) -> None:
        names, current, target = self.series()
        scale = self.document.catalog.scale
        fm = QFontMetricsF(painter.font())
        legend_h = fm.height() * 1.6
        label_w = min(max((fm.horizontalAdvance(n) for n in names), default=0) + 8, rect.width() * 0.24)
        radius = max(20.0, min((rect.width() - 2 * label_w) / 2 - 6,
                               (rect.height() - legend_h) / 2 - fm.height() * 2.4))
        centre = QPointF(rect.center().x(), rect.top() + fm.height() * 2.4 + radius)
        n = max(3, len(names))
        span = max(1, scale.last - scale.first)

        def point(i: int, value: float) -> QPointF:
            angle = -math.pi / 2 + 2 * math.pi * i / n
            r = radius * (value - scale.first) / span
            return QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle))

        painter.setPen(QPen(c.q("border"), 1))  # the grid colour was all but invisible on the card
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for level in scale.levels:
            if level == scale.first:
                continue
            painter.drawPolygon(QPolygonF([point(i, level) for i in range(n)]))
        for i in range(len(names)):
            painter.drawLine(centre, point(i, scale.last))
        painter.setPen(c.q("text"))
        self.label_boxes: list[QRectF] = []  # where each axis label's text went
        for i, name in enumerate(names):
            box = self._label_box(point(i, scale.last), centre, label_w, fm, rect)
            flags = self._label_alignment(point(i, scale.last), centre) | Qt.TextFlag.TextWordWrap
            self.label_boxes.append(painter.boundingRect(box, flags, name))
            painter.drawText(box, flags, name)
        for values, colour, fill, dashed in ((target, c.q("target"), None, True),
                                             (current, c.q("current"), c.q("current"), False)):
            shape = QPolygonF([point(i, v if v is not None else scale.first) for i, v in enumerate(values)])
            pen = QPen(colour, 2.2, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            if fill is not None:
                fill = QColor(fill)
                fill.setAlphaF(0.22)
                painter.setBrush(fill)
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolygon(shape)
        self._level_numbers(painter, centre, radius, n, c, fm)
        current_fill = c.q("current")
        current_fill.setAlphaF(0.22)
        legend = [("Current", current_fill, c.q("current"), False), ("Target", QColor(0, 0, 0, 0), c.q("target"), True)]
        # under the bottom axis's label, not at the foot of a tall card (the wrap-up's was 300 px below)
        self.legend_top = min(rect.bottom() - legend_h + 4, centre.y() + radius + fm.height() * 2.6)
        _legend(painter, rect.left() + 8, self.legend_top, legend, fm, c)

    def _level_numbers(self, painter: QPainter, centre: QPointF, radius: float, n: int, c: theme.Colours,
                       fm: QFontMetricsF) -> None:
        """The scale's numbers on each ring where it crosses the line halfway between the
        first two axes, where no axis label sits, over the shapes on a patch of the card (they were under the
        fill, and the top one touched the first axis's label)."""
        scale = self.document.catalog.scale
        angle = -math.pi / 2 + math.pi / n
        span = max(1, scale.last - scale.first)
        self.number_boxes: list[QRectF] = []
        for level in scale.levels:
            r = radius * (level - scale.first) / span * math.cos(math.pi / n)  # on the ring's edge
            at = QPointF(centre.x() + r * math.cos(angle), centre.y() + r * math.sin(angle))
            width = fm.horizontalAdvance(str(level)) + 4
            box = QRectF(at.x() - width / 2, at.y() - fm.height() / 2, width, fm.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(c.q("base"))
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(c.q("muted"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(level))
            self.number_boxes.append(box)

    @staticmethod
    def _label_box(tip: QPointF, centre: QPointF, width: float, fm: QFontMetricsF, rect: QRectF) -> QRectF:
        """Where an axis label goes: beyond the axis tip, two lines tall at most."""
        height = fm.height() * 2.2
        if abs(tip.x() - centre.x()) < 1:  # top or bottom axis
            y = tip.y() - height - 2 if tip.y() < centre.y() else tip.y() + 2
            return QRectF(tip.x() - width, y, 2 * width, height)
        x = tip.x() + 6 if tip.x() > centre.x() else tip.x() - width - 6
        return QRectF(max(rect.left(), min(x, rect.right() - width)), tip.y() - height / 2, width, height)

    @staticmethod
    def _label_alignment(tip: QPointF, centre: QPointF) -> Qt.AlignmentFlag:
        if abs(tip.x() - centre.x()) < 1:
            vertical = Qt.AlignmentFlag.AlignBottom if tip.y() < centre.y() else Qt.AlignmentFlag.AlignTop
            return Qt.AlignmentFlag.AlignHCenter | vertical
        side = Qt.AlignmentFlag.AlignLeft if tip.x() > centre.x() else Qt.AlignmentFlag.AlignRight
        return side | Qt.AlignmentFlag.AlignVCenter


class Heatmap(ChartWidget):
    """Rows: capabilities by dimension; columns: levels. A cell is filled when the level
    is in place, tinted when the target plans it, grey when not applicable."""

    title = "Capabilities by level"
    capability_clicked = Signal(str)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.setMouseTracking(True)
        self.setAccessibleName("Heatmap of capabilities by level: in place, planned, not applicable")
        self._rows: list[tuple[QRectF, str]] = []
        self.level_names: list[str] = []  # the column headers as last drawn

    def sizeHint(self) -> QSize:
        fm = QFontMetricsF(self.font())
        rows = len(self.document.catalog.capabilities) + len(self.document.catalog.dimensions)
        return QSize(620, int(fm.height() * 1.25 * rows + fm.height() * 6))

    def minimumSizeHint(self) -> QSize:
        return QSize(420, self.sizeHint().height())

    def paint_chart(self, painter: QPainter, rect: QRectF, c: theme.Colours) -> None:
        catalog, scores = self.document.catalog, self.document.scores
        fm = QFontMetricsF(painter.font())
        row_h = fm.height() * 1.25
        label_w, cell_w, levels = self._columns(rect.width(), fm)
        x0, y = rect.left() + label_w, rect.top() + 2
        planned = c.q("target")
        planned.setAlphaF(0.45)
        # the key first, so it shows without scrolling
        legend = [("In place", c.q("current"), c.q("current"), False), ("Planned (target)", planned, c.q("target"), False),
                  ("Not applicable", c.q("not_applicable"), c.q("muted"), False)]
        _legend(painter, rect.left() + 8, y, legend, fm, c)
        y += fm.height() * 1.5
        y += self._header(painter, QRectF(x0, y, cell_w * len(levels), fm.height()), levels, c) + fm.height() * 0.3
        self._rows = []
        for d_index, dim in enumerate(catalog.dimensions):
            painter.setPen(c.q("text"))
            bold = painter.font()
            bold.setBold(True)
            painter.save()
            painter.setFont(bold)
            painter.drawText(QRectF(rect.left(), y, rect.width(), row_h), Qt.AlignmentFlag.AlignVCenter, dim.name)
            painter.restore()
            y += row_h
            for cap in (x for x in catalog.capabilities if x.dimension == dim.id):
                now = scores.current.get(cap.id)
                target = scores.target(cap.id)
                painter.fillRect(QRectF(rect.left(), y + 2, 4, row_h - 4), c.dimension(dim.id, d_index))
                painter.setPen(c.q("muted" if now is None else "text"))
                name = fm.elidedText(cap.name, Qt.TextElideMode.ElideMiddle, label_w - 14)  # whole in its tooltip
                painter.drawText(QRectF(rect.left() + 10, y, label_w - 12, row_h), Qt.AlignmentFlag.AlignVCenter, name)
                for i, level in enumerate(levels):
                    cell = QRectF(x0 + i * cell_w + 1, y + 2, cell_w - 2, row_h - 4)
                    if level > cap.max_level:
                        continue
                    if now is None:
                        fill = c.q("not_applicable")
                    elif level <= now:
                        fill = c.q("current")
                    elif target is not None and level <= target:
                        fill = planned
                    else:
                        fill = c.q("base")
                    painter.fillRect(cell, fill)
                    # outlined like the key's swatches: a planned cell in the target colour and a grey
                    # one in the muted colour, both of which read on the card (4.5:1)
                    outline = "muted" if now is None else "target" if fill is planned else "border"
                    painter.setPen(QPen(c.q(outline), 0.8))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.drawRect(cell)
                self._rows.append((QRectF(rect.left(), y, rect.width(), row_h), cap.id))
                y += row_h

    def _header(self, painter: QPainter, rect: QRectF, levels: list[int], c: theme.Colours) -> float:
        """Each level's number over its name, the names in a smaller type when the cells
        are narrow (down to 65%). Names still too wide for their cell take turns on two
        lines, each as wide as two cells (a projector at 1024 pixels), and are elided only
        past that. `rect` holds the numbers' line; returns the header's whole height."""
        scale = self.document.catalog.scale
        cell_w = rect.width() / len(levels)
        small = QFont(painter.font())
        names = [scale.name(level) for level in levels]
        widest = max(QFontMetricsF(small).horizontalAdvance(name) for name in names)
        small.setPointSizeF(small.pointSizeF() * max(0.65, min(1.0, (cell_w - 10) / max(widest, 1.0))))
        sm = QFontMetricsF(small)
        staggered = len(levels) > 1 and any(sm.horizontalAdvance(name) > cell_w - 2 for name in names)
        room = 2 * cell_w - 6 if staggered else cell_w - 2
        self.level_names = []
        painter.save()
        painter.setPen(c.q("muted"))
        for i, level in enumerate(levels):
            centre = rect.left() + (i + 0.5) * cell_w
            painter.setFont(self.font())
            painter.drawText(QRectF(centre - cell_w / 2, rect.top(), cell_w, rect.height()), Qt.AlignmentFlag.AlignCenter,
                             str(level))
            name = sm.elidedText(names[i], Qt.TextElideMode.ElideRight, room)
            self.level_names.append(name)
            width = sm.horizontalAdvance(name) + 2
            left = min(max(centre - width / 2, rect.left() - cell_w / 2), rect.right() + 6 - width)
            top = rect.bottom() + (sm.height() if staggered and i % 2 else 0)
            painter.setFont(small)
            painter.drawText(QRectF(left, top, width, sm.height()), Qt.AlignmentFlag.AlignCenter, name)
        painter.restore()
        return rect.height() + sm.height() * (2 if staggered else 1)

    def _columns(self, width: float, fm: QFontMetricsF) -> tuple[float, float, list[int]]:
        """Width of the name column, width of a level cell, and the levels."""
        catalog = self.document.catalog
        label_w = min(width * 0.4, max(fm.horizontalAdvance(cap.name) for cap in catalog.capabilities) + 18)
        levels = list(catalog.scale.levels)
        return label_w, (width - label_w - 8) / len(levels), levels

    def capability_at(self, pos: QPointF) -> tuple[str, int | None] | None:
        """The capability (and level column) under a point of the widget."""
        for row, cap_id in self._rows:
            if row.contains(pos):
                label_w, cell_w, levels = self._columns(self.width(), QFontMetricsF(self.font()))
                column = int((pos.x() - label_w) // cell_w) if pos.x() >= label_w else None
                level = levels[column] if column is not None and 0 <= column < len(levels) else None
                return cap_id, level
        return None

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            hit = self.capability_at(QPointF(event.pos()))
            if hit is None:
                QToolTip.hideText()
                return True
            cap = self.document.catalog.capability(hit[0])
            level = hit[1] if hit[1] is not None and hit[1] <= cap.max_level else None
            now = self.document.scores.current.get(cap.id)
            text = f"<b>{escape(cap.name)}</b> — now {'N/A' if now is None else now}"
            if level is not None:
                text += f"<br>Level {level} {escape(self.document.catalog.scale.name(level))}: " \
                        f"{escape(cap.level(level).descriptor)}"
            QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event) -> None:
        hit = self.capability_at(QPointF(event.position()))
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self.capability_clicked.emit(hit[0])
        super().mouseReleaseEvent(event)


