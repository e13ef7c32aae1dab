"""Capacity and budget used per period, under the Gantt on the same time axis: one strip
per role in FTE and one for the budget in money. Each strip has its unit, an axis from 0
to its scale, the limit drawn as a line (a step line when it varies by period), the value
of each period, and a red band behind every period that needs more than the limit.

Like the Gantt, the scene is rebuilt from the roadmap value; it never edits anything.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView

from ... import words
from .. import theme
from .timeline_scene import Geometry

EPS = 1e-6


class Strip:
    """One row of the chart: what is used each period against its limit."""

    def __init__(self, name: str, used, limit, unit: str, colour: QColor, periods: int):
        self.name, self.unit, self.colour = name, unit, colour
        self.used = [used[p] if p < len(used) else 0.0 for p in range(periods)]
        self.limits = [None if limit is None else limit.at(p) for p in range(periods)]
        top = max([v for v in self.used] + [v for v in self.limits if v is not None] + [EPS])
        self.scale = top * 1.08  # a little room above the highest value or limit

    def over(self, period: int) -> bool:
        cap = self.limits[period]
        return cap is not None and self.used[period] > cap + EPS

    def value(self, amount: float) -> str:
        """An amount as the strip shows it: '1.5' FTE, '96k' money."""
        if self.unit == "FTE":
            return f"{amount:.1f}".rstrip("0").rstrip(".") if amount else "0"
        if abs(amount) >= 1e6:
            return f"{amount / 1e6:.1f}M".replace(".0M", "M")
        if abs(amount) >= 1e3:
            return f"{amount / 1e3:.0f}k"
        return f"{amount:.0f}"


def strips(catalog, roadmap, c: theme.Colours) -> list[Strip]:
    periods = max(1, roadmap.makespan)
    out = [Strip(r.name, roadmap.usage.get(r.id, ()), roadmap.settings.capacity.get(r.id), "FTE", c.role(i), periods)
           for i, r in enumerate(catalog.roles) if r.id in roadmap.usage]
    if roadmap.settings.budget_per_period is not None or any(roadmap.spend):
        out.append(Strip("Budget", roadmap.spend, roadmap.settings.budget_per_period, roadmap.currency,
                         c.q("target"), periods))
    return out


class UsageScene(QGraphicsScene):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.strips: list[Strip] = []
        self.over_bands: list = []  # (strip name, period) of each red band, for tests and tooltips

    def build(self, catalog, roadmap, font: QFont, c: theme.Colours, g: Geometry) -> None:
        self.clear()
        self.over_bands = []
        self.setBackgroundBrush(c.q("base"))
        fm = QFontMetricsF(font)
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.85)
        sm = QFontMetricsF(small)
        unit = roadmap.settings.time_unit
        title = self.addSimpleText(f"Capacity and budget used per {unit}", font)
        title.setBrush(c.q("text"))
        title.setPos(12, 4)
        key = self.addSimpleText("bars: used · line: limit · red band: more than the limit", small)
        key.setBrush(c.q("muted"))
        key.setPos(max(g.label_width, 12 + title.boundingRect().width() + 16), 4 + (fm.height() - sm.height()) / 2)
        y = 8 + fm.height() * 1.4
        strip_h = max(fm.height() * 2.1, 34.0)
        self.strips = strips(catalog, roadmap, c)
        right = g.x(g.periods)
        for strip in self.strips:
            self._strip(strip, roadmap.settings, g, y, strip_h, font, small, fm, sm, c, right)
            y += strip_h + fm.height() * 0.9  # room between a strip's 0 and the next one's limit
        self.setSceneRect(QRectF(0, 0, right + 12, y + 4))

    def _strip(self, strip: Strip, settings, g: Geometry, y: float, h: float, font, small, fm, sm, c, right) -> None:
        bottom = y + h

        def level(amount: float) -> float:
            return bottom - h * amount / strip.scale

        name = self.addSimpleText(strip.name, font)
        name.setBrush(c.q("text"))
        name.setPos(12, y + (h - fm.height()) / 2)
        unit = self.addSimpleText(strip.unit, small)
        unit.setBrush(c.q("muted"))
        unit.setPos(12 + name.boundingRect().width() + 6, y + (h - sm.height()) / 2 + 1)
        unit.setToolTip("FTE: full-time people" if strip.unit == "FTE" else f"money, in {strip.unit}")
        axis = QPen(c.q("border"), 1)
        self.addLine(g.x(0), y, g.x(0), bottom, axis)  # the axis, 0 at the bottom
        self.addLine(g.x(0), bottom, right, bottom, axis)
        for amount in sorted({0.0, *(v for v in strip.limits if v is not None)})[:3]:
            tick = self.addSimpleText(strip.value(amount), small)
            tick.setBrush(c.q("muted"))
            # 0 sits just above the axis, a limit just below its line: never against the next strip's
            top = level(amount) - sm.height() + 2 if amount == 0 else level(amount) - 2
            tick.setPos(g.x(0) - tick.boundingRect().width() - 4, top)
            self.addLine(g.x(0) - 3, level(amount), g.x(0), level(amount), axis)
        limit_pen = QPen(c.q("text"), 1.6, Qt.PenStyle.DashLine)
        for p in range(g.periods):
            used, cap = strip.used[p], strip.limits[p]
            left, width = g.x(p), g.period_width
            shown = (f"{used:.2f} of {cap:g} FTE" if strip.unit == "FTE" else
                     f"{words.money(used, strip.unit)} of {words.money(cap, strip.unit)}") if cap is not None \
                else (f"{used:.2f} FTE" if strip.unit == "FTE" else words.money(used, strip.unit))
            tip = f"{strip.name}, {words.period_label(settings, p)}: {shown}"
            if strip.over(p):
                band = self.addRect(QRectF(left, y, width, h), Qt.PenStyle.NoPen, QBrush(_band(c)))
                band.setZValue(-1)
                band.setToolTip(tip + " — more than the limit")
                self.over_bands.append((strip.name, p))
                tip += " — more than the limit"
            fill = c.q("critical") if strip.over(p) else strip.colour
            bar = self.addRect(QRectF(left + 3, level(used), width - 6, bottom - level(used)), Qt.PenStyle.NoPen,
                               QBrush(fill))
            bar.setToolTip(tip)
            if cap is not None:
                line = self.addLine(left, level(cap), left + width, level(cap), limit_pen)
                line.setZValue(2)
                line.setToolTip(f"{strip.name}: the limit, {shown.split(' of ')[-1]}")
                if p and strip.limits[p - 1] is not None and strip.limits[p - 1] != cap:
                    self.addLine(left, level(strip.limits[p - 1]), left, level(cap), limit_pen).setZValue(2)
            text = strip.value(used)
            if used > EPS and sm.horizontalAdvance(text) + 4 < width:
                label = self.addSimpleText(text, small)
                inside = bottom - level(used) > sm.height() + 2  # in the bar's top, else just above it
                label.setBrush(theme.on(fill) if inside else c.q("text"))
                label.setPos(left + (width - sm.horizontalAdvance(text)) / 2,
                             level(used) + 1 if inside else level(used) - sm.height() - 1)
                label.setZValue(3)


def _band(c: theme.Colours) -> QColor:
    band = QColor(c.critical)
    band.setAlpha(60 if c.dark else 40)
    return band


class UsageView(QGraphicsView):
    """The capacity and budget chart, scrolled with the Gantt above it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.usage = UsageScene(self)
        self.setScene(self.usage)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Capacity and budget used per period")

    def show_usage(self, catalog, roadmap, g: Geometry) -> None:
        self.usage.build(catalog, roadmap, self.font(), theme.colours(self), g)

    def content_height(self) -> int:
        return int(self.usage.sceneRect().height()) + 2
