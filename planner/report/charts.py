"""Charts of the PDF report, drawn as native reportlab Drawings.

Every chart is a pure function of plain Python values and returns a vector
``reportlab.graphics.shapes.Drawing`` (a list of them for the Gantt chart) no wider than
the width it is given, so the charts stay sharp in print and their text can be searched
and extracted from the PDF. Text is DejaVu Sans at 7 pt or more; a label that does not fit
is shortened with an ellipsis, measured with ``stringWidth``. Titles are left to the
document; each chart has a small legend wherever colour carries meaning.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .config import (CRITICAL, CURRENT, FONT, FONT_BOLD, INK, MUTED, NOT_APPLICABLE, ROLE_COLOURS, RULE, TARGET,
                     ZEBRA, dimension_colour, register_fonts)

SMALL = 7.0  # the smallest text: ticks, headers
TEXT = 7.5  # labels
LEGEND_LINE = 11.0
ELLIPSIS = "…"
WHITE = colors.white
Item = tuple[str, colors.Color | None, colors.Color | None, bool]  # legend: label, fill, stroke, dashed


# -- text and shapes ----------------------------------------------------------------------

def _width(text: str, size: float = TEXT, font: str = FONT) -> float:
    return stringWidth(text, font, size)


def _fit(text: str, room: float, size: float = TEXT, font: str = FONT) -> str:
    """``text``, cut short and ended with an ellipsis if it is wider than ``room`` points."""
    if _width(text, size, font) <= room:
        return text
    low, high = 0, len(text)  # the longest prefix that fits with the ellipsis
    while low < high:
        mid = (low + high + 1) // 2
        if _width(text[:mid].rstrip() + ELLIPSIS, size, font) <= room:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + ELLIPSIS if low else ""


def _fit_keeping(text: str, suffix: str, room: float, size: float = TEXT) -> str:
    """``text`` shortened to fit ``room`` with ``suffix`` (such as " (n/a)") kept whole after it."""
    return _fit(text, room - _width(suffix, size), size) + suffix if suffix else _fit(text, room, size)


def _wrap(text: str, room: float, lines: int, size: float = SMALL) -> list[str]:
    """Break ``text`` at spaces into at most ``lines`` lines of ``room`` points; the last is cut short."""
    words, out = text.split(), []
    while words and len(out) < lines:
        line = words.pop(0)
        while words and _width(f"{line} {words[0]}", size) <= room:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] += " " + " ".join(words)
    return [_fit(line, room, size) for line in out] or [""]


def _text(x: float, y: float, text: str, size: float = TEXT, colour=INK, anchor: str = "start",
          font: str = FONT) -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)


def _tint(colour: colors.Color, amount: float) -> colors.Color:
    """``colour`` mixed with white: 0 keeps it, 1 gives white."""
    return colors.Color(*(c + (1 - c) * amount for c in (colour.red, colour.green, colour.blue)))


def _box(x, y, w, h, fill, stroke=None, stroke_width: float = 0.0, dashed: bool = False) -> Rect:
    return Rect(x, y, w, h, fillColor=fill, strokeColor=stroke, strokeWidth=stroke_width if stroke else 0,
                strokeDashArray=[3, 1.5] if dashed else None)


def _legend(items: list[Item], width: float) -> tuple[Group, float]:
    """A legend wrapped to ``width``, its top at the returned height: boxes for fills, else line samples."""
    placed, x, row = [], 0.0, 0
    for label, fill, stroke, dashed in items:
        label = _fit(label, width - 16)
        need = 14 + _width(label)
        if x > 0 and x + need > width:
            x, row = 0.0, row + 1
        placed.append((x, row, label, fill, stroke, dashed))
        x += need + 10
    height = (row + 1) * LEGEND_LINE if items else 0.0
    group = Group()
    for x, row, label, fill, stroke, dashed in placed:
        y = height - (row + 1) * LEGEND_LINE + 2.5
        if fill is not None:
            group.add(_box(x, y - 0.5, 10, 7, fill, stroke, 1.2))
        else:
            group.add(Line(x, y + 2.5, x + 10, y + 2.5, strokeColor=stroke, strokeWidth=1.5,
                           strokeDashArray=[3, 1.5] if dashed else None))
        group.add(_text(x + 14, y, label))
    return group, height


def _empty(width: float, message: str = "No data") -> Drawing:
    register_fonts()
    drawing = Drawing(max(width, 1.0), 18)
    drawing.add(_text(0, 5, _fit(message, width, TEXT), TEXT, MUTED))
    return drawing


def _nice_ticks(peak: float) -> list[float]:
    """4 to 6 round tick values from 0 to at least ``peak``."""
    peak = peak if peak > 0 else 1.0
    raw = peak / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    return [i * step for i in range(math.ceil(peak / step - 1e-9) + 1)]


def _compact(value: float, unit: str = "") -> str:
    """1.25k, 3.4M: short tick labels, with ``unit`` appended as given (e.g. " FTE")."""
    for bound, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= bound:
            return f"{value / bound:.2f}".rstrip("0").rstrip(".") + suffix + unit
    return (f"{value:.3f}".rstrip("0").rstrip(".") or "0") + unit


# -- radar --------------------------------------------------------------------------------

def radar(axes: list[str], current: list[float | None], target: list[float | None], scale_max: float,
          width: float, height: float) -> Drawing:
    """A spider chart of current (filled) against target (dashed) per axis; paired bars below 3 axes."""
    register_fonts()
    if not axes:
        return _empty(width)
    top = max(float(scale_max), 1.0)
    padded = [list(vals[:len(axes)]) + [None] * (len(axes) - len(vals)) for vals in (current, target)]
    values = [[min(max(float(v or 0), 0.0), top) for v in vals] for vals in padded]
    names = [(a, " (n/a)" if i >= len(current) or current[i] is None else "") for i, a in enumerate(axes)]
    if len(axes) < 3:
        return _paired_bars(names, *values, top, width, height)
    legend, legend_h = _legend([("Current", _tint(CURRENT, 0.75), CURRENT, False), ("Target", None, TARGET, True)],
                               width)
    drawing = Drawing(width, height)
    drawing.add(legend)
    n, base = len(axes), legend_h + 4
    room = min(max(_width(a + s) for a, s in names), width * 0.25)
    r = max(min((height - base) / 2 - 2 * TEXT - 2, width / 2 - room - 10), 15.0)
    cx, cy = width / 2, base + (height - base) / 2 - 1
    angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]

    def point(i: int, value: float) -> list[float]:
        return [cx + r * value / top * math.cos(angles[i]), cy + r * value / top * math.sin(angles[i])]

    levels = list(range(1, int(top) + 1)) + ([top] if top != int(top) else [])
    for level in levels:
        drawing.add(Polygon(sum((point(i, level) for i in range(n)), []), fillColor=None, strokeColor=RULE,
                            strokeWidth=0.6))
    for i in range(n):
        drawing.add(Line(cx, cy, *point(i, top), strokeColor=RULE, strokeWidth=0.6))
    drawing.add(Polygon(sum((point(i, v) for i, v in enumerate(values[0])), []), fillColor=CURRENT,
                        fillOpacity=0.22, strokeColor=CURRENT, strokeWidth=1.2))
    drawing.add(Polygon(sum((point(i, v) for i, v in enumerate(values[1])), []), fillColor=None,
                        strokeColor=TARGET, strokeWidth=1.6, strokeDashArray=[4, 2]))
    every = max(1, math.ceil(9 / (r / top)))  # keep level numbers 9 pt apart
    for level in [0, *levels][::-1][::every]:  # on a white backing, just inside each ring
        y, text = cy + r * level / top - (7.5 if level else 3), f"{level:g}"
        drawing.add(_box(cx - 3 - _width(text, SMALL), y - 1.2, _width(text, SMALL) + 2, 7, WHITE))
        drawing.add(_text(cx - 2, y, text, SMALL, MUTED, "end"))
    sides: dict[str, list[list]] = {"start": [], "end": []}
    centred, boxes = [], []
    for i, name in enumerate(names):
        c, s = math.cos(angles[i]), math.sin(angles[i])
        x, y = cx + (r + 5) * c, cy + (r + 5) * s
        if abs(c) < 0.15:  # top or bottom: centred above or below the rings
            centred.append((x, y - 1 if s > 0 else y - TEXT, name))
        else:
            anchor = "start" if c > 0 else "end"
            sides[anchor].append([y + 2.5 * s - 2.6, x, name, width - x - 1 if c > 0 else x - 1])
    for anchor, labels in sides.items():  # push labels on one side apart, top to bottom
        labels.sort(key=lambda label: -label[0])
        for above, label in zip(labels, labels[1:]):
            label[0] = min(label[0], above[0] - TEXT - 1.5)
        for y, x, name, space in labels:
            text = _fit_keeping(*name, space)
            drawing.add(_text(x, y, text, anchor=anchor))
            w = _width(text) * (1 if anchor == "start" else -1)
            boxes.append((min(x, x + w), y - 2, max(x, x + w), y + 6))
    for x, y, name in centred:  # as wide as the side labels at the same height leave room for
        half = min([x - 2, width - x - 2] + [(b[0] - x if b[0] >= x else x - b[2]) - 4
                                             for b in boxes if b[1] < y + 6 and b[3] > y - 2])
        drawing.add(_text(x, y, _fit_keeping(*name, 2 * half), anchor="middle"))
    return drawing


def _paired_bars(names: list[tuple[str, str]], current: list[float], target: list[float], top: float, width: float,
                 height: float) -> Drawing:
    """The radar's fallback for one or two axes: a current and a target bar per axis."""
    legend, legend_h = _legend([("Current", CURRENT, None, False), ("Target", _tint(TARGET, 0.45), TARGET, False)],
                               width)
    drawing = Drawing(width, height)
    drawing.add(legend)
    label_w = min(max(_width(a + s) for a, s in names) + 4, width * 0.35)
    x0, x1, y0 = label_w + 6, width - 6, legend_h + 16
    row_h, scale = (height - 2 - y0) / len(names), (x1 - x0) / top
    for level in range(int(top) + 1):
        drawing.add(Line(x0 + level * scale, y0, x0 + level * scale, height - 2, strokeColor=RULE, strokeWidth=0.6))
        drawing.add(_text(x0 + level * scale, y0 - 9, str(level), SMALL, MUTED, "middle"))
    bar_h = max(min(10.0, row_h * 0.3), 2.0)
    for i, name in enumerate(names):
        mid = height - 2 - row_h * (i + 0.5)
        drawing.add(_text(label_w, mid - 2.6, _fit_keeping(*name, label_w), anchor="end"))
        drawing.add(_box(x0, mid + 1, current[i] * scale, bar_h, CURRENT))
        drawing.add(_box(x0, mid - 1 - bar_h, target[i] * scale, bar_h, _tint(TARGET, 0.45), TARGET, 1.0))
    return drawing


# -- heatmap ------------------------------------------------------------------------------

def heatmap(rows: list[tuple[str, str, int | None, int | None]], level_names: list[str], first_level: int,
            width: float, row_height: float = 11) -> Drawing:
    """One row per capability, one column per level: in place, planned, or not applicable."""
    register_fonts()
    if not rows or not level_names:
        return _empty(width)
    size, n = max(SMALL, min(8.0, row_height * 0.7)), len(level_names)
    label_w = min(max(_width(r[0], size) for r in rows) + 10, width * 0.4)
    col_w = (width - label_w) / n
    headers = [[str(first_level + j)] + _wrap(name, col_w - 2, 2) for j, name in enumerate(level_names)]
    header_h = max(len(h) for h in headers) * 8.5 + 4
    planned = _tint(TARGET, 0.55)
    legend, legend_h = _legend([("In place", CURRENT, None, False), ("Planned", planned, None, False),
                                ("Not applicable", NOT_APPLICABLE, RULE, False)], width)
    height = header_h + len(rows) * row_height + 4 + legend_h
    drawing = Drawing(width, height)
    drawing.add(legend)
    top = height - header_h
    for j, lines in enumerate(headers):
        for k, line in enumerate(lines):  # the level number, then its name on up to two lines
            drawing.add(_text(label_w + col_w * (j + 0.5), height - 7.5 - k * 8.5, line, SMALL, MUTED, "middle"))
    dims = list(dict.fromkeys(r[1] for r in rows))
    for i, (label, dim, now, goal) in enumerate(rows):
        y = top - (i + 1) * row_height
        baseline = y + row_height / 2 - size * 0.35
        drawing.add(_box(0, y + 1, 3, row_height - 2, dimension_colour(dim, dims.index(dim))))
        drawing.add(_text(6, baseline, _fit(label, label_w - 10, size), size))
        for j in range(n):
            level = first_level + j
            fill, stroke = ((NOT_APPLICABLE, None) if now is None else (CURRENT, None) if level <= now
                            else (planned, None) if goal is not None and level <= goal else (WHITE, RULE))
            drawing.add(_box(label_w + j * col_w + 0.5, y + 1, col_w - 1, row_height - 2, fill, stroke, 0.4))
        if now is None:
            drawing.add(_text(label_w + (width - label_w) / 2, baseline, "n/a", size, MUTED, "middle"))
    return drawing


def heatmaps(rows: list[tuple[str, str, int | None, int | None]], level_names: list[str], first_level: int,
             width: float, max_rows_per_chart: int = 50) -> list[Drawing]:
    """The heatmap in charts of at most `max_rows_per_chart` rows, each of which fits a
    page (a catalog of 10,000 capabilities made one chart 110,000 points tall)."""
    chunks = [rows[i:i + max_rows_per_chart] for i in range(0, len(rows), max_rows_per_chart)] or [rows]
    return [heatmap(chunk, level_names, first_level, width) for chunk in chunks]


# -- gantt --------------------------------------------------------------------------------

GANTT_ROW = 12.0
GANTT_AXIS = 14.0
MILESTONE_AREA = 44.0


def gantt(bars: list[dict], milestones: list[dict], periods: int, quarter_of: Callable[[int], str], width: float,
          max_rows_per_chart: int = 40) -> list[Drawing]:
    """Bars per lane against quarters, with milestone diamonds; one Drawing per ``max_rows_per_chart`` rows.

    A chart's rows are its lane bands and its bars. A lane that runs on into the next chart
    gets its band again there, marked "(cont.)"; a band is never left alone at the bottom.
    """
    register_fonts()
    if not bars and not milestones:
        return [_empty(width)]
    lanes: dict[str, tuple[int, colors.Color]] = {}
    for bar in bars:
        if bar["lane"] not in lanes:
            lanes[bar["lane"]] = (len(lanes), dimension_colour(bar.get("lane_id", bar["lane"]), len(lanes)))
    periods = max([periods, 1] + [b["finish"] for b in bars] + [m["period"] for m in milestones])
    ordered = sorted(bars, key=lambda b: (lanes[b["lane"]][0], b["start"], b["finish"]))
    limit, pages, rows, shown, started = max(2, max_rows_per_chart), [], [], set(), set()
    for bar in ordered:
        if rows and len(rows) + 1 + (bar["lane"] not in shown) > limit:
            pages.append(rows)
            rows, shown = [], set()
        if bar["lane"] not in shown:
            rows.append(("lane", bar["lane"] + (" (cont.)" if bar["lane"] in started else ""), bar["lane"]))
            shown.add(bar["lane"])
            started.add(bar["lane"])
        rows.append(("bar", bar["label"], bar))
    pages.append(rows)
    items: list[Item] = [(lane, colour, None, False) for lane, (_, colour) in lanes.items()]
    if any(b.get("critical") for b in bars):
        items.append(("Critical path", WHITE, CRITICAL, False))
    return [_gantt_chart(page, lanes, milestones, periods, quarter_of, width, items) for page in pages]


def _gantt_chart(rows: list[tuple], lanes: dict, milestones: list[dict], periods: int,
                 quarter_of: Callable[[int], str], width: float, items: list[Item]) -> Drawing:
    legend, legend_h = _legend(items, width)
    area = MILESTONE_AREA if milestones else 0.0
    height = GANTT_AXIS + len(rows) * GANTT_ROW + area + 4 + legend_h
    drawing = Drawing(width, height)
    drawing.add(legend)
    label_w = width * 0.3
    x0, x1, top = label_w + 2, width - 5, height - GANTT_AXIS
    scale = (x1 - x0) / periods
    diamond_y = legend_h + 4 + area - 7
    grid_bottom = diamond_y - 5 if milestones else top - len(rows) * GANTT_ROW
    for k, (kind, label, _) in enumerate(rows):  # lane bands under the grid
        if kind == "lane":
            drawing.add(_box(0, top - (k + 1) * GANTT_ROW, width, GANTT_ROW, ZEBRA))
    spans: list[list] = []  # [quarter, first period, end period]
    for p in range(periods):
        quarter = quarter_of(p)
        if spans and spans[-1][0] == quarter:
            spans[-1][2] = p + 1
        else:
            spans.append([quarter, p, p + 1])
    right = last_line = -math.inf
    for quarter, start, end in spans:
        if x0 + start * scale - last_line >= 3:  # no grey hatching when quarters are very narrow
            drawing.add(Line(x0 + start * scale, grid_bottom, x0 + start * scale, top, strokeColor=RULE,
                             strokeWidth=0.5))
            last_line = x0 + start * scale
        half = _width(quarter, SMALL) / 2
        centre = min(x0 + (start + end) / 2 * scale, width - half)  # a short last quarter keeps its label
        if centre - half >= right + 4:
            drawing.add(_text(centre, top + 4, quarter, SMALL, MUTED, "middle"))
            right = centre + half
    drawing.add(Line(x1, grid_bottom, x1, top, strokeColor=RULE, strokeWidth=0.5))
    drawing.add(Line(x0, top, x1, top, strokeColor=MUTED, strokeWidth=0.6))
    for k, (kind, label, value) in enumerate(rows):
        y = top - (k + 1) * GANTT_ROW
        if kind == "lane":
            drawing.add(_box(0, y + 2, 3, GANTT_ROW - 4, lanes[value][1]))
            drawing.add(_text(6, y + 3.4, _fit(label, width - 10, TEXT, FONT_BOLD), TEXT, INK, font=FONT_BOLD))
            continue
        drawing.add(_text(8, y + 3.4, _fit(label, label_w - 12)))
        start, finish = value["start"] * scale, value["finish"] * scale
        critical = bool(value.get("critical"))
        drawing.add(_box(x0 + start, y + 2.5, max(finish - start, 1.5), GANTT_ROW - 5, lanes[value["lane"]][1],
                         CRITICAL if critical else None, 1.5))
    if milestones:
        _milestones(drawing, milestones, x0, scale, diamond_y, top, width)
    return drawing


def _milestones(drawing: Drawing, milestones: list[dict], x0: float, scale: float, y: float, top: float,
                width: float) -> None:
    """Diamonds on a row of their own, labels staggered on up to three lines below."""
    drawing.add(_text(6, y - 2.6, "Milestones", TEXT, MUTED))
    ends = [-math.inf] * 3  # right end of the last label on each line
    for stone in sorted(milestones, key=lambda m: m["period"]):
        x = x0 + stone["period"] * scale
        drawing.add(Line(x, y + 4, x, top, strokeColor=MUTED, strokeWidth=0.4, strokeDashArray=[1, 2]))
        drawing.add(Polygon([x, y + 4, x + 4, y, x, y - 4, x - 4, y], fillColor=INK, strokeColor=None))
        label = _fit(str(stone["label"]), width * 0.25, SMALL)
        w = _width(label, SMALL)
        left = min(max(x - w / 2, 2.0), width - 2 - w)
        line = next((i for i in range(3) if left >= ends[i] + 4), None)
        if line is None:  # no line is free: shorten the label to the room on the emptiest line
            line = min(range(3), key=lambda i: ends[i])
            left = ends[line] + 4
            label = _fit(label, min(x + w / 2, width - 2) - left, SMALL)
            if not label:
                continue
            w = _width(label, SMALL)
        drawing.add(_text(left, y - 14 - line * 9, label, SMALL, INK))
        ends[line] = left + w


# -- bars ---------------------------------------------------------------------------------

def bars(categories: list[str], series: dict[str, list[float]], width: float, height: float,
         limit: list[float] | None = None, unit: str = "", stacked: bool = True) -> Drawing:
    """Stacked (or grouped) vertical bars per category, with an optional dashed limit step."""
    register_fonts()
    names = list(series)
    if not categories or not names:
        return _empty(width)
    n = len(categories)
    values = {k: [max(float(v or 0), 0.0) for v in list(series[k])[:n]] + [0.0] * max(0, n - len(series[k]))
              for k in names}
    limits = [float(v) for v in limit[:n]] if limit else []
    peaks = [sum(v[i] for v in values.values()) if stacked else max(v[i] for v in values.values()) for i in range(n)]
    ticks = _nice_ticks(max(peaks + limits))
    tick_labels = [_compact(t, unit) for t in ticks]
    items: list[Item] = [(name, ROLE_COLOURS[i % len(ROLE_COLOURS)], None, False) for i, name in enumerate(names)]
    legend, legend_h = _legend(items + ([("Limit", None, MUTED, True)] if limits else []), width)
    x0, x1 = max(_width(t, SMALL) for t in tick_labels) + 5, width - 4
    slot = (x1 - x0) / n
    rotate = max(_width(c) for c in categories) > slot - 3
    every = max(1, math.ceil(TEXT * 2.2 / slot)) if rotate else 1
    if rotate:  # 30 degrees: a label of w points drops w / 2
        cut = [_fit(c, min(height * 0.3 * 2, (x0 + slot * (i + 0.5) + 2) / math.cos(math.pi / 6)))
               for i, c in enumerate(categories)]
        label_h = max(_width(c) for c in cut) / 2 + TEXT + 6
    else:
        cut, label_h = list(categories), TEXT + 6
    drawing = Drawing(width, height)
    drawing.add(legend)
    y0, y1 = legend_h + 4 + label_h, height - 8
    scale = (y1 - y0) / ticks[-1]
    for tick, text in zip(ticks, tick_labels):
        drawing.add(Line(x0, y0 + tick * scale, x1, y0 + tick * scale, strokeColor=RULE, strokeWidth=0.5))
        drawing.add(_text(x0 - 3, y0 + tick * scale - 2.5, text, SMALL, MUTED, "end"))
    group_w = slot * 0.65
    for i in range(n):
        left, base = x0 + slot * i + (slot - group_w) / 2, y0
        for k, name in enumerate(names):
            h = values[name][i] * scale
            colour = ROLE_COLOURS[k % len(ROLE_COLOURS)]
            if stacked and h > 0:
                drawing.add(_box(left, base, group_w, h, colour, WHITE, 0.4))
                base += h
            elif not stacked and h > 0:
                drawing.add(_box(left + k * group_w / len(names), y0, group_w / len(names), h, colour))
    if limits:
        points = []
        for i, v in enumerate(limits):
            points += [x0 + slot * i, y0 + v * scale, x0 + slot * (i + 1), y0 + v * scale]
        drawing.add(PolyLine(points, strokeColor=MUTED, strokeWidth=1.3, strokeDashArray=[4, 2]))
    drawing.add(Line(x0, y0, x1, y0, strokeColor=MUTED, strokeWidth=0.8))
    for i, text in enumerate(cut):
        centre = x0 + slot * (i + 0.5)
        if i % every:
            continue
        if not rotate:
            drawing.add(_text(centre, y0 - TEXT - 2, text, TEXT, INK, "middle"))
            continue
        label = Group(_text(0, 0, text, TEXT, INK, "end"))
        label.transform = (math.cos(math.pi / 6), math.sin(math.pi / 6), -math.sin(math.pi / 6),
                           math.cos(math.pi / 6), centre + 2, y0 - 9)
        drawing.add(label)
    return drawing
