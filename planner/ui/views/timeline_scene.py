"""The roadmap as a Gantt in a QGraphicsScene: a time header by month (or week) and
quarter, one lane per dimension, a bar per step, milestones, and capacity and budget use
per period under it, all on one time axis.

The scene is rebuilt from the roadmap value on each change (a few milliseconds for a
roadmap of tens of steps); it never edits anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem

from ... import words
from .. import theme

BAR_ROLE = 1  # QGraphicsItem.data key holding a bar's step id


@dataclass
class Geometry:
    """Where things are: the name column, the width of a period, the row height."""

    label_width: float
    period_width: float
    row_height: float
    top: float  # y of the first lane
    periods: int

    def x(self, period: float) -> float:
        return self.label_width + period * self.period_width

    def period_at(self, x: float) -> int:
        return round((x - self.label_width) / self.period_width)


class StepBar(QGraphicsRectItem):
    """One step of the roadmap. Selectable; the view drags it to pin it."""

    def __init__(self, item, rect: QRectF, c: theme.Colours, fill: QColor, text_colour: QColor):
        super().__init__(rect)
        self.step = item
        self.setData(BAR_ROLE, item.id)
        self.setBrush(QBrush(fill))
        outline = QPen(c.q("critical"), 2.2) if item.critical else QPen(fill.darker(130), 1)
        self.setPen(outline)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.SizeHorCursor)
        self.setToolTip(_tooltip(item))
        self.setAcceptHoverEvents(True)
        self._text_colour = text_colour
        self._selected_pen = QPen(c.q("text"), 2.4, Qt.PenStyle.DashLine)

    def paint(self, painter, option, widget=None) -> None:
        rect = self.rect()
        painter.setBrush(self.brush())
        painter.setPen(self._selected_pen if self.isSelected() else self.pen())
        painter.drawRoundedRect(rect, 3, 3)
        if self.step.pinned:  # a pin head on the left end
            path = QPainterPath()
            path.addEllipse(QPointF(rect.left() + 7, rect.center().y()), 3.2, 3.2)
            painter.setBrush(self._text_colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPath(path)


def _tooltip(item) -> str:
    lines = [f"<b>{_esc(item.name)}</b> ({item.approach}{', pinned' if item.pinned else ''}"
             f"{', on the critical path' if item.critical else ''})"]
    lines += [_esc(reason) for reason in item.why]
    lines.append("<i>Drag to a later month to pin it there; right-click for more.</i>")
    return "<br>".join(lines)


def _esc(text: str) -> str:
    from html import escape

    return escape(text)


class GanttScene(QGraphicsScene):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.geometry = Geometry(200, 40, 22, 0, 1)
        self.bars: dict[str, StepBar] = {}
        self.rows: dict[str, float] = {}  # step id -> y of its row

    def build(self, catalog, roadmap, font: QFont, c: theme.Colours, width: float, selected: str | None) -> None:
        """Lay the roadmap out for a view `width` pixels wide."""
        self.clear()
        self.bars, self.rows = {}, {}
        fm = QFontMetricsF(font)
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.85)
        bold = QFont(font)
        bold.setBold(True)
        periods = max(1, roadmap.makespan)
        label_w = min(max(fm.horizontalAdvance(i.name) for i in roadmap.items) + 28, max(180.0, width * 0.3))
        period_w = max(fm.horizontalAdvance("May 27") + 8 if roadmap.settings.time_unit == "month" else 16,
                       (width - label_w - 24) / periods)
        row_h = fm.height() * 1.45
        g = self.geometry = Geometry(label_w, period_w, row_h, fm.height() * 2.6, periods)
        self.setBackgroundBrush(c.q("base"))
        self._header(roadmap, g, font, small, fm, c)
        y = g.top
        order = {d.id: i for i, d in enumerate(catalog.dimensions)}
        for dim in sorted({i.dimension for i in roadmap.items}, key=lambda d: order.get(d, 99)):
            index = order.get(dim, 0)
            name = next((d.name for d in catalog.dimensions if d.id == dim), dim)
            lane = self.addRect(QRectF(0, y, g.x(periods), row_h), Qt.PenStyle.NoPen, QBrush(c.q("alt_base")))
            lane.setZValue(-2)
            self.addRect(QRectF(2, y + 3, 4, row_h - 6), Qt.PenStyle.NoPen, QBrush(c.dimension(dim, index)))
            self._text(name, bold, c.q("text"), 12, y + (row_h - fm.height()) / 2)
            y += row_h
            for item in (i for i in roadmap.items if i.dimension == dim):
                self._bar(item, g, y, fm, font, c, c.dimension(dim, index))
                y += row_h
        y = self._milestones(roadmap, g, y, fm, small, c)
        y = self._usage(catalog, roadmap, g, y + row_h * 0.4, fm, small, c)
        self._grid(roadmap, g, y, c)
        if selected in self.bars:
            self.bars[selected].setSelected(True)
        self.setSceneRect(QRectF(0, 0, g.x(periods) + 12, y + 8))

    # -- parts ------------------------------------------------------------------------------

    def _text(self, text: str, font: QFont, colour: QColor, x: float, y: float) -> QGraphicsSimpleTextItem:
        item = self.addSimpleText(text, font)
        item.setBrush(colour)
        item.setPos(x, y)
        return item

    def _header(self, roadmap, g: Geometry, font, small, fm, c) -> None:
        s = roadmap.settings
        quarter = None
        for p in range(g.periods):
            q = words.quarter(s, p)
            if q != quarter:
                quarter = q
                self._text(q, font, c.q("text"), g.x(p) + 4, 2)
                self.addLine(g.x(p), 0, g.x(p), g.top, QPen(c.q("border"), 1))
            label = words.period_label(s, p)
            if s.time_unit == "month":
                label = label.split()[0]
            elif p % 4:
                continue
            else:
                label = words.first_day(s, p).strftime("%d %b")
            text = self._text(label, small, c.q("muted"), 0, fm.height() * 1.3)
            text.setX(g.x(p) + (g.period_width - text.boundingRect().width()) / 2 if s.time_unit == "month"
                      else g.x(p) + 2)
        self.addLine(0, g.top - 1, g.x(g.periods), g.top - 1, QPen(c.q("border"), 1))

    def _bar(self, item, g: Geometry, y: float, fm, font, c, fill: QColor) -> None:
        name = fm.elidedText(item.name, Qt.TextElideMode.ElideRight, g.label_width - 24)
        label = self._text(name, font, c.q("text"), 18, y + (g.row_height - fm.height()) / 2)
        label.setToolTip(item.name)
        rect = QRectF(g.x(item.start) + 1, y + g.row_height * 0.18, item.duration * g.period_width - 2,
                      g.row_height * 0.64)
        text = QColor("#ffffff") if fill.lightness() < 150 else QColor("#10161c")
        bar = StepBar(item, rect, c, fill, text)
        self.addItem(bar)
        self.bars[item.id] = bar
        self.rows[item.id] = y

    def _milestones(self, roadmap, g: Geometry, y: float, fm, small, c) -> float:
        stones = sorted((m for m in roadmap.milestones if m.reached is not None), key=lambda m: (m.reached, m.framework))
        if not stones:
            return y
        self._text("Milestones", small, c.q("muted"), 12, y + 2)
        taken: list[float] = []  # right ends of labels on each text line, to avoid overlaps
        line_h = fm.height() * 0.95
        lowest = y + g.row_height
        for m in stones:
            x = g.x(m.reached + 1)  # at the end of the period it is reached in
            size = fm.height() * 0.32
            diamond = QPolygonF([QPointF(x, y + 4), QPointF(x + size, y + 4 + size), QPointF(x, y + 4 + 2 * size),
                                 QPointF(x - size, y + 4 + size)])
            colour = c.q("critical") if m.late else c.q("text")
            shape = self.addPolygon(diamond, QPen(colour, 1), QBrush(colour))
            label = f"{_short(m.framework_name)} L{m.level}"
            shape.setToolTip(f"{m.framework_name} level {m.level} ({m.level_name}): reached in "
                             f"{words.period_label(roadmap.settings, m.reached)} ({m.quarter}, by "
                             f"{m.date.isoformat()})" + (" — misses its deadline" if m.late else ""))
            width = fm.horizontalAdvance(label) * 0.9
            line = next((i for i, right in enumerate(taken) if right < x - width / 2 - 4), len(taken))
            if line == len(taken):
                taken.append(0.0)
            taken[line] = x + width / 2
            left = min(max(g.label_width, x - width / 2), g.x(g.periods) - width - 2)  # stays inside the chart
            text = self._text(label, small, colour, left, y + 4 + 2 * size + line * line_h)
            text.setToolTip(shape.toolTip())
            lowest = max(lowest, text.y() + line_h)
        return lowest + 4

    def _usage(self, catalog, roadmap, g: Geometry, y: float, fm, small, c) -> float:
        """One strip per role (FTE used against capacity) and one for the budget."""
        strips = [(r.name, roadmap.usage.get(r.id, ()), roadmap.settings.capacity.get(r.id), "FTE", i)
                  for i, r in enumerate(catalog.roles) if r.id in roadmap.usage]
        if roadmap.settings.budget_per_period is not None:
            strips.append(("Budget", roadmap.spend, roadmap.settings.budget_per_period, roadmap.currency, -1))
        strip_h = g.row_height * 1.2
        self._text("Capacity and budget used per period", small, c.q("muted"), 12, y)
        y += fm.height() * 1.1
        for name, used, limit, unit, index in strips:
            self._text(name, small, c.q("text"), 12, y + (strip_h - fm.height()) / 2)
            self.addLine(g.x(0), y + strip_h, g.x(g.periods), y + strip_h, QPen(c.q("grid"), 1))
            top = self.addLine(g.x(0), y + 2, g.x(g.periods), y + 2, QPen(c.q("border"), 1, Qt.PenStyle.DotLine))
            top.setToolTip(f"{name}: the top of the strip is the {'budget' if unit != 'FTE' else 'capacity'}")
            colour = c.role(index) if index >= 0 else c.q("target")
            for p in range(g.periods):
                cap = None if limit is None else limit.at(p)
                value = used[p] if p < len(used) else 0.0
                share = value / cap if cap and cap > 0 else (1.0 if value > 0 else 0.0)
                height = (strip_h - 3) * min(share, 1.0)
                over = cap is not None and value > cap + 1e-6
                fill = c.q("critical") if over else colour
                bar = self.addRect(QRectF(g.x(p) + 2, y + strip_h - height, g.period_width - 4, height),
                                   Qt.PenStyle.NoPen, QBrush(fill))
                shown = f"{value:,.0f} of {cap:,.0f} {unit}" if unit != "FTE" else f"{value:.2f} of {cap:g} FTE"
                bar.setToolTip(f"{name}, {words.period_label(roadmap.settings, p)}: "
                               f"{shown if cap is not None else value}")
            y += strip_h + 3
        return y

    def _grid(self, roadmap, g: Geometry, bottom: float, c) -> None:
        quarter = None
        for p in range(g.periods + 1):
            q = words.quarter(roadmap.settings, p) if p < g.periods else None
            major = q != quarter
            quarter = q
            line = self.addLine(g.x(p), g.top, g.x(p), bottom,
                                QPen(c.q("border") if major else c.q("grid"), 1,
                                     Qt.PenStyle.SolidLine if major else Qt.PenStyle.DotLine))
            line.setZValue(-1)


def _short(name: str) -> str:
    """"Google Cloud MLOps levels" -> "Google", for milestone labels."""
    return {"Five-stage maturity": "Five-stage", "No / Low / High MLOps": "No/Low/High"}.get(name, name.split()[0])
