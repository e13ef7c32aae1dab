"""The roadmap as a Gantt in a QGraphicsScene: a time header by month (or week) and
quarter, the milestones right under it (visible without scrolling), one lane per
dimension, a bar per step marked with its approach, a today line, and dependency arrows
for the selected step (or every step). The capacity and budget chart is its own scene
(timeline_usage.py) on the same time axis, under this one in a splitter.

The scene is rebuilt from the roadmap value on each change (a few milliseconds for a
roadmap of tens of steps); it never edits anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsLineItem, QGraphicsPathItem, QGraphicsRectItem, QGraphicsScene,
                               QGraphicsSimpleTextItem)

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

    def __init__(self, item, rect: QRectF, c: theme.Colours, fill: QColor, text_colour: QColor, tooltip: str,
                 label_font: QFont):
        super().__init__(rect)
        self.step = item
        self.setData(BAR_ROLE, item.id)
        self.setBrush(QBrush(fill))
        outline = QPen(c.q("critical"), 2.2) if item.critical else QPen(fill.darker(130), 1)
        self.setPen(outline)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.SizeHorCursor)
        self.setToolTip(tooltip)
        self.setAcceptHoverEvents(True)
        self._text_colour = text_colour
        self._label_font = label_font
        self._selected_pen = QPen(c.q("text"), 2.4, Qt.PenStyle.DashLine)

    def paint(self, painter, option, widget=None) -> None:
        rect = self.rect()
        painter.setBrush(self.brush())
        painter.setPen(self._selected_pen if self.isSelected() else self.pen())
        painter.drawRoundedRect(rect, 3, 3)
        left = rect.left() + 4
        if self.step.pinned:  # a pin head on the left end
            path = QPainterPath()
            path.addEllipse(QPointF(rect.left() + 7, rect.center().y()), 3.2, 3.2)
            painter.setBrush(self._text_colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPath(path)
            left += 9
        if self.step.status == "done":  # history: hatched over, with its status in words
            painter.setBrush(QBrush(self._text_colour, Qt.BrushStyle.BDiagPattern))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(rect, 3, 3)
        room = rect.right() - 4 - left
        if room > 12:  # the approach, in the bar: "Adopt", or "A" in a narrow one
            painter.setPen(self._text_colour)
            painter.setFont(self._label_font)
            fm = painter.fontMetrics()
            word = APPROACH_WORDS.get(self.step.approach, self.step.approach.capitalize())
            if self.step.status:
                word = f"{self.step.status.capitalize()} · {word}"
            text = word if fm.horizontalAdvance(word) <= room else word[0]
            painter.drawText(QRectF(left, rect.top(), room, rect.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)


APPROACH_WORDS = {"build": "Build", "adopt": "Adopt", "buy": "Buy"}


def _tooltip(item, catalog, roadmap) -> str:
    """A step's hover text: approach and option, cost, team and why it sits there."""
    s = roadmap.settings
    option = catalog.option(item.option).name if item.option else "built in-house"
    roles = {r.id: r.name for r in catalog.roles}
    team = ", ".join(f"{roles.get(role, role)} {amount:.2f} FTE" for role, amount in
                     sorted(item.demand.items(), key=lambda kv: -kv[1]))
    marks = [m for m, on in (("pinned", item.pinned), ("on the critical path", item.critical),
                             (item.status, bool(item.status))) if on]
    if item.slip:
        marks.append(f"{words.periods(abs(item.slip), s.time_unit)} {'late' if item.slip > 0 else 'early'} "
                     "against the baseline")
    lines = [f"<b>{_esc(item.name)}</b>" + (f" ({', '.join(marks)})" if marks else ""),
             f"{APPROACH_WORDS.get(item.approach, item.approach)}: {_esc(option)}",
             f"{_esc(words.span(s, item.start, item.finish))}; one-time cost "
             f"{_esc(words.money(item.cost, roadmap.currency))}",
             f"Team: {_esc(team) or 'none'}"]
    lines += [f"• {_esc(reason)}" for reason in item.why]
    lines.append(f"<i>Drag to a later {s.time_unit} to pin it there; right-click for more.</i>")
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
        self.links: list[QGraphicsPathItem] = []  # the dependency arrows drawn
        self.today_line: QGraphicsLineItem | None = None
        self.milestone_labels: list[QGraphicsSimpleTextItem] = []  # as last drawn
        self.ghosts: dict[str, QGraphicsRectItem] = {}  # step id -> its place in the baseline
        self.slips: dict[str, QGraphicsSimpleTextItem] = {}  # step id -> "+2": periods later than the baseline
        self._colours = theme.LIGHT

    def build(self, catalog, roadmap, font: QFont, c: theme.Colours, width: float, selected: str | None,
              today: date | None = None, all_links: bool = False, scale: str = "fit") -> None:
        """Lay the roadmap out for a view `width` pixels wide; `today` draws the today
        line when it falls inside the roadmap."""
        self.clear()
        self.bars, self.rows, self.links, self.today_line = {}, {}, [], None
        self.milestone_labels: list[QGraphicsSimpleTextItem] = []
        self.ghosts, self.slips = {}, {}
        self._colours = c
        self._settings = roadmap.settings
        fm = QFontMetricsF(font)
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.85)
        bold = QFont(font)
        bold.setBold(True)
        self.geometry = g = layout(roadmap, fm, width, scale)
        self.setBackgroundBrush(c.q("base"))
        self._header(roadmap, g, font, small, fm, c)
        y = lanes = self._milestones(roadmap, g, g.top, fm, small, c)
        order = {d.id: i for i, d in enumerate(catalog.dimensions)}
        row_h, periods = g.row_height, g.periods
        for dim in sorted({i.dimension for i in roadmap.items}, key=lambda d: order.get(d, 99)):
            index = order.get(dim, 0)
            name = next((d.name for d in catalog.dimensions if d.id == dim), dim)
            lane = self.addRect(QRectF(0, y, g.x(periods), row_h), Qt.PenStyle.NoPen, QBrush(c.q("alt_base")))
            lane.setZValue(-2)
            self.addRect(QRectF(2, y + 3, 4, row_h - 6), Qt.PenStyle.NoPen, QBrush(c.dimension(dim, index)))
            self._text(name, bold, c.q("text"), 12, y + (row_h - fm.height()) / 2)
            y += row_h
            for item in (i for i in roadmap.items if i.dimension == dim):
                self._bar(item, g, y, fm, font, small, c, c.dimension(dim, index), _tooltip(item, catalog, roadmap))
                y += row_h
        self._grid(roadmap, g, y, c)
        status = roadmap.status_date is not None  # the status date is the line, once progress is recorded
        self._today(roadmap.settings, g, lanes, y, roadmap.status_date or today, small, c, status)
        if selected in self.bars:
            self.bars[selected].setSelected(True)
        self.show_links(selected if selected in self.bars else None, all_links)
        self.setSceneRect(QRectF(0, 0, g.x(periods) + 12, y + 8))

    def show_links(self, selected: str | None, every: bool) -> None:
        """Dependency arrows: into and out of the selected step, in the text colour; with
        `every`, all of them, faint, under the selected step's."""
        for link in self.links:
            self.removeItem(link)
        self.links = []
        c = self._colours
        for after, bar in self.bars.items():
            for before in (p for p in bar.step.predecessors if p in self.bars):
                mine = selected in (before, after)
                if mine or every:
                    colour = c.q("text") if mine else c.q("muted")
                    self.links.append(self._arrow(self.bars[before].rect(), bar.rect(), colour,
                                                  1.6 if mine else 0.9, 4 if mine else 3))

    def _arrow(self, source: QRectF, target: QRectF, colour: QColor, width: float, z: float) -> QGraphicsPathItem:
        """From the right end of `source` to the left end of `target`, with a head."""
        start = QPointF(source.right(), source.center().y())
        end = QPointF(target.left() - 1, target.center().y())
        path = QPainterPath(start)
        bend = max(10.0, (end.x() - start.x()) / 2)
        path.cubicTo(QPointF(start.x() + bend, start.y()), QPointF(end.x() - bend, end.y()), end)
        head = 5.0 + width
        path.moveTo(end)
        path.lineTo(end.x() - head, end.y() - head * 0.6)
        path.moveTo(end)
        path.lineTo(end.x() - head, end.y() + head * 0.6)
        item = self.addPath(path, QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        item.setZValue(z)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        return item

    def _today(self, settings, g: Geometry, lanes: float, bottom: float, today: date | None, small, c,
               status: bool = False) -> None:
        """A line at today's place in its period, when today falls inside the roadmap."""
        if today is None:
            return
        period = words.period_of(today, settings.start_date, settings.time_unit)
        if not 0 <= period < g.periods:
            return
        first, last = words.first_day(settings, period), words.last_day(settings, period)
        share = (today - first).days / max(1, (last - first).days + 1)
        x = g.x(period + share)
        self.today_line = self.addLine(x, g.top, x, bottom, QPen(c.q("accent"), 2, Qt.PenStyle.DashLine))
        self.today_line.setZValue(3)
        word = "Status date" if status else "Today"
        self.today_line.setToolTip(f"{word}, {today.isoformat()}")
        label = self._text(word, small, c.q("accent"), x + 4, lanes + 2)
        label.setZValue(3)
        label.setToolTip(self.today_line.toolTip())


    # -- parts ------------------------------------------------------------------------------

    def _text(self, text: str, font: QFont, colour: QColor, x: float, y: float) -> QGraphicsSimpleTextItem:
        item = self.addSimpleText(text, font)
        item.setBrush(colour)
        item.setPos(x, y)
        return item

    def _header(self, roadmap, g: Geometry, font, small, fm, c) -> None:
        """Two lines of time labels, as fine as the scale leaves room for: quarters (or
        years) over months (or weeks, or quarters)."""
        s = roadmap.settings
        sm = QFontMetricsF(small)
        month_w = g.period_width * WEEKS_PER_MONTH / s.weeks_per_period
        top = words.quarter if month_w * 3 >= fm.horizontalAdvance("Q4 2027") + 10 else _year
        fine = None if top is _year and month_w * 3 < sm.horizontalAdvance("Q4") + 8 else (
            "quarter" if top is _year else "month" if s.time_unit == "month" or month_w < 60 else "week")
        if s.time_unit == "month" and month_w < sm.horizontalAdvance("May") + 6:
            fine = "quarter" if fine else None
        shown, last = None, None
        for p in range(g.periods):
            label = top(s, p)
            if label != shown:
                shown = label
                self._text(label, font, c.q("text"), g.x(p) + 4, 2)
                self.addLine(g.x(p), 0, g.x(p), g.top, QPen(c.q("border"), 1))
            first = words.first_day(s, p)
            if fine == "quarter":
                text, key = words.quarter(s, p).split()[0], words.quarter(s, p)
            elif fine == "month":
                text, key = first.strftime("%b"), (first.year, first.month)
            elif fine == "week" and p % 4 == 0:
                text, key = first.strftime("%d %b"), p
            else:
                continue
            if key == last:
                continue
            last = key
            item = self._text(text, small, c.q("muted"), g.x(p) + 2, fm.height() * 1.3)
            if fine == "month" and s.time_unit == "month":  # centred in its period
                item.setX(g.x(p) + (g.period_width - item.boundingRect().width()) / 2)
        self.addLine(0, g.top - 1, g.x(g.periods), g.top - 1, QPen(c.q("border"), 1))

    def _bar(self, item, g: Geometry, y: float, fm, font, small, c, fill: QColor, tooltip: str) -> None:
        name = fm.elidedText(item.name, Qt.TextElideMode.ElideMiddle, g.label_width - 24)
        label = self._text(name, font, c.q("text"), 18, y + (g.row_height - fm.height()) / 2)
        label.setToolTip(item.name)
        rect = QRectF(g.x(item.start) + 1, y + g.row_height * 0.18, item.duration * g.period_width - 2,
                      g.row_height * 0.64)
        text = theme.on(fill)
        bar = StepBar(item, rect, c, fill, text, tooltip, small)
        self.addItem(bar)
        self.bars[item.id] = bar
        self.rows[item.id] = y
        if item.baseline is not None:  # where the baseline had it: a ghost behind the bar
            first, finish = item.baseline
            ghost = self.addRect(QRectF(g.x(first) + 1, y + g.row_height * 0.1, (finish - first) * g.period_width - 2,
                                        g.row_height * 0.8), QPen(c.q("muted"), 1.2, Qt.PenStyle.DashLine),
                                 QBrush(Qt.BrushStyle.NoBrush))
            ghost.setZValue(-0.5)
            ghost.setToolTip(f"{item.name} in the baseline: {words.span(self._settings, first, finish)}")
            self.ghosts[item.id] = ghost
        if item.slip:
            sign = "+" if item.slip > 0 else "−"
            mark = self._text(f"{sign}{abs(item.slip)}", small, c.q("critical") if item.slip > 0 else c.q("success"),
                              rect.right() + 4, y + (g.row_height - QFontMetricsF(small).height()) / 2)
            mark.setToolTip(f"{words.periods(abs(item.slip), self._settings.time_unit)} "
                            f"{'later' if item.slip > 0 else 'earlier'} than in the baseline")
            self.slips[item.id] = mark

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
            label = f"{words.short_framework(m.framework_name)} L{m.level}"
            shape.setToolTip(f"{words.framework_level(m.framework_name, m.level)} ({m.level_name}): reached in "
                             f"{words.period_label(roadmap.settings, m.reached)} ({m.quarter}, by "
                             f"{m.date.isoformat()})" + (" — misses its deadline" if m.late else ""))
            width = QFontMetricsF(small).horizontalAdvance(label)
            left = max(g.label_width, min(x - width / 2, g.x(g.periods) - width - 2))  # stays inside the chart
            line = next((i for i, right in enumerate(taken) if right < left - 4), len(taken))
            if line == len(taken):
                taken.append(0.0)
            taken[line] = left + width
            text = self._text(label, small, colour, left, y + 4 + 2 * size + line * line_h)
            text.setToolTip(shape.toolTip())
            # over the today line, on a patch of the chart's ground: the line ran through labels
            patch = self.addRect(text.sceneBoundingRect().adjusted(-1, 0, 1, 0), QPen(Qt.PenStyle.NoPen),
                                 QBrush(c.q("base")))
            patch.setZValue(3.4)
            text.setZValue(3.5)
            self.milestone_labels.append(text)
            lowest = max(lowest, text.y() + line_h)
        return lowest + 4

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


def _year(settings, period: int) -> str:
    return str(words.first_day(settings, period).year)


SCALES = {"fit": None, "month": 110.0, "quarter": 40.0, "year": 14.0}  # pixels per month (None: fit the view)
WEEKS_PER_MONTH = 52.0 / 12.0


def zoomed(scale: str, per_month: float, finer: bool) -> str:
    """The time scale one step finer (more pixels a month) or coarser than `scale`, shown
    at `per_month` pixels a month (the fitted scale has no width of its own): the same
    scale when there is none further that way."""
    fixed = sorted((width, name) for name, width in SCALES.items() if width is not None)
    if finer:
        return next((name for width, name in fixed if width > per_month + 1e-6), scale)
    return next((name for width, name in reversed(fixed) if width < per_month - 1e-6), scale)


def layout(roadmap, fm: QFontMetricsF, width: float, scale: str = "fit") -> Geometry:
    """The geometry of a roadmap's chart in a view `width` pixels wide, at a time scale:
    "fit" (the whole roadmap in the view), or so many pixels a month ("month",
    "quarter", "year": a month, a quarter or a year reads at a glance; the view
    scrolls). The capacity and budget chart uses the same, so both share one time axis."""
    periods = max(1, roadmap.makespan)
    label_w = min(max(fm.horizontalAdvance(i.name) for i in roadmap.items) + 28, max(180.0, width * 0.3))
    per_month = SCALES.get(scale)
    if per_month is None:
        period_w = max(fm.horizontalAdvance("May 27") + 8 if roadmap.settings.time_unit == "month" else 16,
                       (width - label_w - 24) / periods)
    else:
        period_w = per_month * roadmap.settings.weeks_per_period / WEEKS_PER_MONTH
    return Geometry(label_w, period_w, fm.height() * 1.45, fm.height() * 2.6, periods)
