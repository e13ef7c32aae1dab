"""The dependency graph as a QGraphicsScene: a node per capability, an edge per pair of
capabilities with their level pairs. Built once per catalog; a plan change only
recolours the nodes and rewrites their level lines.

Every size is in units of the font's height, so the graph grows with the app's zoom.
Node names wrap onto two lines, all nodes as wide as the longest name needs. An edge
leaves the right side of a prerequisite and enters the left side of what needs it, each
at a port of its own (ordered by where the edge goes, so edges fan out instead of
crossing at the node), and crosses the layers in between in the lanes the layout keeps
free for it. `arrange` spreads the rows to the shape of the view, so a fitted graph uses
the height it is given. Arrow heads are drawn at paint time, at least HEAD_PIXELS on
screen at any zoom."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem

from .. import theme
from ..graph_layout import Bend, Layout, Link, place

NODE_ROLE = 1
MODES = (("level", "Current level"), ("gap", "Gap to target"), ("dimension", "Dimension"))

NAME_LINES = 2  # a name wraps onto at most this many lines; a longer one is elided in the middle
WIDEST = 20.0  # font heights: no node is wider
GAP_X = 3.4  # font heights between layers, where the edges curve
GAP_NODES = 0.5  # font heights between two nodes of a layer
LANE = 0.35  # font heights an edge's lane takes beside a node or another lane
PORT_STEP = 0.45  # font heights between two edges leaving one side of a node
MOST_STRETCH = 1.9  # rows spread to the view's shape at most this much
HEAD_PIXELS = 10.0  # an arrow head is never smaller than this on screen
HEAD_SMALLEST, HEAD_LARGEST = 0.6, 1.4  # font heights: an arrow head's size at high and at low zoom


def wrap(text: str, metrics: QFontMetricsF, width: float, most: int = NAME_LINES) -> list[str]:
    """`text` on at most `most` lines no wider than `width`, broken between words, as many
    words on each line as fit; what is left for the last line is elided in the middle."""
    words, lines = text.split(), []
    while words and len(lines) < most - 1:
        count = 1
        while count < len(words) and metrics.horizontalAdvance(" ".join(words[:count + 1])) <= width:
            count += 1
        if metrics.horizontalAdvance(words[0]) > width:
            break
        lines.append(" ".join(words[:count]))
        words = words[count:]
    if words:
        lines.append(metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideMiddle, width))
    return lines


def name_width(name: str, metrics: QFontMetricsF, most: int = NAME_LINES) -> float:
    """The narrowest width at which `name` wraps onto `most` lines (between words)."""
    words = name.split()
    if len(words) <= 1 or most <= 1:
        return metrics.horizontalAdvance(name)
    if most == 2:
        return min(max(metrics.horizontalAdvance(" ".join(words[:i])), metrics.horizontalAdvance(" ".join(words[i:])))
                   for i in range(1, len(words)))
    return min(max(metrics.horizontalAdvance(" ".join(words[:i])), name_width(" ".join(words[i:]), metrics, most - 1))
               for i in range(1, len(words)))


class NodeItem(QGraphicsRectItem):
    def __init__(self, cap, rect: QRectF, font: QFont | None = None):
        super().__init__(rect)
        self.cap = cap
        self.setData(NODE_ROLE, cap.id)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.fill, self.ink, self.border = QColor(), QColor(), QColor()
        self.hatched = False  # not applicable: the lightest level and its grey look alike, the hatch does not
        self.lines = (cap.name, "")
        self.font = font or QFont()
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self.metrics = (QFontMetricsF(self.bold), QFontMetricsF(self.font))
        self.name_lines = [cap.name]

    def padding(self) -> float:
        return self.metrics[1].height() * 0.4

    def wrap_name(self) -> None:
        """The name on as many lines as the node's width needs (see `wrap`)."""
        self.name_lines = wrap(self.cap.name, self.metrics[0], self.rect().width() - 2 * self.padding())

    def paint(self, painter, option, widget=None) -> None:
        rect = self.rect()
        painter.setBrush(self.fill)
        painter.setPen(QPen(self.border, 2.6 if self.isSelected() else 1))
        pad = self.padding()
        painter.drawRoundedRect(rect, pad, pad)
        if self.hatched:
            painter.save()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(hatch(self.border))
            painter.drawRoundedRect(rect, pad, pad)
            painter.restore()
        painter.setPen(self.ink)
        bold, plain = self.metrics
        block = len(self.name_lines) * bold.lineSpacing() + plain.height()
        top = rect.top() + (rect.height() - block) / 2
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.setFont(self.bold)
        for line in self.name_lines:
            painter.drawText(QRectF(rect.left() + pad, top, rect.width() - 2 * pad, bold.lineSpacing()), align, line)
            top += bold.lineSpacing()
        painter.setFont(self.font)
        painter.drawText(QRectF(rect.left() + pad, top, rect.width() - 2 * pad, plain.height()), align,
                         plain.elidedText(self.lines[1], Qt.TextElideMode.ElideMiddle, rect.width() - 2 * pad))

    def hoverEnterEvent(self, event) -> None:
        super().hoverEnterEvent(event)
        if isinstance(self.scene(), GraphScene):
            self.scene().hover(self.cap.id)

    def hoverLeaveEvent(self, event) -> None:
        super().hoverLeaveEvent(event)
        if isinstance(self.scene(), GraphScene):
            self.scene().hover(None)


class EdgeItem(QGraphicsPathItem):
    """A curve from what is needed to what needs it, stroked in the pen, with an arrow
    head filled in the brush at the end that needs."""

    def __init__(self, link: Link, back: bool):
        super().__init__()
        self.link = link
        self.back = back
        self.label = None
        self.label_near_needs = True  # where the label sits: by the prerequisite or by what needs it
        self.gaps: list[QPainterPath] = []  # the curves between layers, from needs to capability
        self.tip, self.pointing = QPointF(), 1.0  # the arrow's tip; +1 it points right, -1 left
        self.head_range = (7.0, 7.0)  # the smallest and largest arrow head, scene units

    def set_route(self, points: list[QPointF]) -> None:
        """A curve through `points`, from needs to capability: [port, (lane start, lane
        end) for each layer crossed, port]. Between layers the curve leaves and arrives
        level; along a lane it runs straight."""
        path = QPainterPath(points[0])
        self.gaps = []
        for i, (p, q) in enumerate(zip(points, points[1:])):
            if i % 2:
                path.lineTo(q)
                continue
            bend = QPointF((q.x() - p.x()) / 2, 0)
            path.cubicTo(p + bend, q - bend, q)
            gap = QPainterPath(p)
            gap.cubicTo(p + bend, q - bend, q)
            self.gaps.append(gap)
        self.tip = points[-1]
        self.pointing = 1.0 if points[-1].x() >= points[-2].x() else -1.0
        self.setPath(path)
        self.place_label()

    def head_size(self, scale: float) -> float:
        """Scene units: HEAD_PIXELS on screen at `scale`, within the font's range."""
        smallest, largest = self.head_range
        return min(largest, max(smallest, HEAD_PIXELS / max(scale, 1e-6)))

    def head(self, scale: float) -> QPolygonF:
        size = self.head_size(scale)
        back = QPointF(self.pointing * size, 0)
        return QPolygonF([self.tip, self.tip - back + QPointF(0, size * 0.45), self.tip - back - QPointF(0, size * 0.45)])

    def boundingRect(self) -> QRectF:
        largest = self.head_range[1]
        return super().boundingRect().adjusted(-largest, -largest, largest, largest)

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self.pen())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.brush())
        painter.drawPolygon(self.head(abs(painter.worldTransform().m11()) or 1.0))

    def text(self) -> str:
        """"at 3 needs 2" for each level pair of the edge."""
        return "; ".join(f"at {level} needs {needs}{' (optional)' if optional else ''}"
                         for level, needs, optional, _, _ in self.link.pairs)

    def label_point(self, near_needs: bool) -> QPointF:
        """The middle of the curve between layers next to the prerequisite, or next to
        what needs it."""
        if not self.gaps:
            return self.path().pointAtPercent(0.5)
        return (self.gaps[0] if near_needs else self.gaps[-1]).pointAtPercent(0.5)

    def place_label(self) -> None:
        if self.label is not None:
            box = self.label.boundingRect()
            self.label.setPos(self.label_point(self.label_near_needs) - QPointF(box.width() / 2, box.height() + 2))


class EdgeLabel(QGraphicsSimpleTextItem):
    """The levels of a highlighted edge, on a backdrop so crossing lines do not garble it."""

    def __init__(self, text: str, c: theme.Colours):
        super().__init__(text)
        self.setBrush(c.q("accent"))
        self._backdrop = c.q("base")
        self.setZValue(3)

    def paint(self, painter, option, widget=None) -> None:
        painter.fillRect(self.boundingRect().adjusted(-2, 0, 2, 0), self._backdrop)
        super().paint(painter, option, widget)


class GraphScene(QGraphicsScene):
    hovered = Signal(object)  # the capability under the mouse, or None

    def __init__(self, parent=None):
        super().__init__(parent)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.layered: Layout | None = None
        self.centres: dict = {}
        self.routes: dict = {}  # id(edge) -> the capabilities and bends it runs through
        self.edge_of: dict = {}  # id(edge) -> edge
        self.stretch = 0.0
        self.under_mouse: str | None = None
        self.unit = 15.0  # the font's height
        self.node_size = (180.0, 50.0)

    def build(self, catalog, layout: Layout, font: QFont, c: theme.Colours) -> None:
        self.nodes, self.edges, self.layered, self.under_mouse = {}, [], layout, None  # before clear(): it may
        self.clear()  # emit selectionChanged, whose handler must not meet the items it deletes
        plain = QFontMetricsF(font)
        bold_font = QFont(font)
        bold_font.setBold(True)
        bold = QFontMetricsF(bold_font)
        unit = self.unit = plain.height()
        pad = unit * 0.4
        status = max(plain.horizontalAdvance(f"now {catalog.scale.last - 1} → target {catalog.scale.last}"),
                     plain.horizontalAdvance("not applicable"))
        width = min(WIDEST * unit, max([status] + [name_width(cap.name, bold) for cap in catalog.capabilities]) + 2 * pad)
        height = NAME_LINES * bold.lineSpacing() + plain.height() + 2 * pad
        self.node_size = (width, height)
        caps = {cap.id: cap for cap in catalog.capabilities}
        for layer in layout.layers:
            for cap_id in layer:
                node = NodeItem(caps[cap_id], QRectF(0, 0, width, height), font)
                node.wrap_name()
                node.setZValue(2)
                self.addItem(node)
                self.nodes[cap_id] = node
        for link in layout.links:
            edge = EdgeItem(link, (link.needs, link.capability) in layout.back)
            edge.head_range = (HEAD_SMALLEST * unit, HEAD_LARGEST * unit)
            edge.setZValue(1 if edge.back else 0)
            edge.setToolTip(f"{caps[link.capability].name} needs {caps[link.needs].name}: {edge.text()}")
            self.addItem(edge)
            self.edges.append(edge)

        def size(item) -> float:
            return unit * 0.15 if isinstance(item, Bend) else height

        def gap(upper, lower) -> float:
            return unit * (LANE if isinstance(upper, Bend) or isinstance(lower, Bend) else GAP_NODES)

        self.centres = place(layout, size, gap)
        self.routes = {id(edge): layout.route(edge.link) for edge in self.edges}
        self.edge_of = {id(edge): edge for edge in self.edges}
        self.stretch = 0.0
        self.arrange()

    def stretch_for(self, aspect: float | None) -> float:
        """How far to spread the rows so that the graph's shape is the view's (width over
        height), within 1 (packed) and MOST_STRETCH."""
        if not aspect or not self.centres:
            return 1.0
        width, height = self.node_size
        layers = max(1, len(self.layered.rows))
        wide = layers * width + (layers - 1) * GAP_X * self.unit + 2 * self.unit
        span = max(self.centres.values()) - min(self.centres.values())
        target = wide / aspect - 2 * self.unit - height
        return min(MOST_STRETCH, max(1.0, target / span if span > 0 else 1.0))

    def arrange(self, aspect: float | None = None) -> bool:
        """Place the nodes and route the edges, the rows spread to fit a view of `aspect`
        (width over height). False when nothing moved."""
        stretch = self.stretch_for(aspect)
        if self.layered is None or abs(stretch - self.stretch) < 0.005:
            return False
        self.stretch = stretch
        width, height = self.node_size
        step = width + GAP_X * self.unit
        layer = {cap: x for cap, (x, _) in self.layered.position.items()}
        y = {item: centre * stretch for item, centre in self.centres.items()}
        for cap_id, node in self.nodes.items():
            node.setRect(QRectF(layer[cap_id] * step, y[cap_id] - height / 2, width, height))
        routes = self.routes
        ports = self._ports(routes, y)
        bounds = QRectF()
        for edge in self.edges:
            route = routes[id(edge)]
            points = [QPointF(layer[route[0]] * step + width, ports[(id(edge), route[0])])]
            for bend in route[1:-1]:
                points += [QPointF(bend.layer * step, y[bend]), QPointF(bend.layer * step + width, y[bend])]
            points.append(QPointF(layer[route[-1]] * step, ports[(id(edge), route[-1])]))
            if route[0] != edge.link.needs:  # a back edge: drawn from what is needed, pointing back
                points.reverse()
            edge.set_route(points)
            bounds = bounds.united(edge.path().boundingRect())
        for node in self.nodes.values():
            bounds = bounds.united(node.rect())
        margin = self.unit
        self.setSceneRect(bounds.adjusted(-margin, -margin, margin, margin))
        return True

    def _ports(self, routes: dict, y: dict) -> dict:
        """Where each edge meets each of its two nodes. The arrows into a node's left side
        all end at its middle, one arrow head for all; the edges leaving a node (and the
        arrows of edges drawn backwards) are spread along its side in the order of where
        they go, so they fan out without crossing at the node."""
        sides: dict[tuple[str, str], list] = {}
        for key, route in routes.items():
            forward = route[-1] == self.edge_of[key].link.capability
            sides.setdefault((route[0], "right"), []).append((y[route[1]], key))
            sides.setdefault((route[-1], "left" if forward else "left, leaving"), []).append((y[route[-2]], key))
        height = self.node_size[1]
        ports = {}
        for (cap_id, side), ends in sides.items():
            ends.sort(key=lambda end: end[0])
            if side == "left":
                ports.update(((key, cap_id), y[cap_id]) for _, key in ends)
                continue
            step = min(PORT_STEP * self.unit, height * 0.7 / max(1, len(ends) - 1))
            first = y[cap_id] - step * (len(ends) - 1) / 2
            if side == "left, leaving":  # below the arrows' point
                first = y[cap_id] + height * 0.3 - step * (len(ends) - 1)
            for i, (_, key) in enumerate(ends):
                ports[(key, cap_id)] = first + i * step
        return ports

    def hover(self, cap_id: str | None) -> None:
        if cap_id != self.under_mouse:
            self.under_mouse = cap_id
            self.hovered.emit(cap_id)

    def colour(self, document, mode: str, c: theme.Colours) -> None:
        """Fill each node by current level, gap or dimension, and write its levels."""
        scores, catalog = document.scores, document.catalog
        dims = {d.id: i for i, d in enumerate(catalog.dimensions)}
        for cap_id, node in self.nodes.items():
            now, target = scores.current.get(cap_id), scores.target(cap_id)
            if mode == "level":
                fill = c.level(now, catalog.scale.first, catalog.scale.last)
            elif mode == "gap":
                fill = gap_colour(now, target, c)
            else:
                fill = c.dimension(node.cap.dimension, dims.get(node.cap.dimension, 0))
            node.fill = fill
            node.hatched = now is None
            node.ink = theme.on(fill)
            node.border = c.q("text")
            node.lines = (node.cap.name, "not applicable" if now is None else
                          f"now {now}" + (f" → target {target}" if target is not None and target > now else ""))
            node.setToolTip(f"<b>{escape(node.cap.name)}</b><br>{escape(node.cap.summary)}<br>"
                            f"{escape(node.lines[1])}. Click to see what it needs; double-click to assess it.")
            node.update()


def gap_colour(now, target, c: theme.Colours) -> QColor:
    if now is None:
        return c.q("not_applicable")
    gap = 0 if target is None else target - now
    if gap <= 0:
        return QColor(c.levels[1])
    return c.q("target") if gap == 1 else c.q("critical")


NOT_APPLICABLE = "Not applicable"  # the legend's name for the hatched nodes


def hatch(colour: QColor) -> QBrush:
    """The diagonal lines over a not-applicable node and its key's swatch: faint, under
    the node's words."""
    faint = QColor(colour)
    faint.setAlphaF(0.35)
    return QBrush(faint, Qt.BrushStyle.BDiagPattern)


def legend(mode: str, catalog, c: theme.Colours) -> list[tuple[str, QColor]]:
    if mode == "level":
        return [(f"{lv} {catalog.scale.name(lv)}", c.level(lv, catalog.scale.first, catalog.scale.last))
                for lv in catalog.scale.levels] + [(NOT_APPLICABLE, c.q("not_applicable"))]
    if mode == "gap":
        return [("no gap", QColor(c.levels[1])), ("1 level to go", c.q("target")), ("2 or more", c.q("critical")),
                (NOT_APPLICABLE, c.q("not_applicable"))]
    return [(d.name, c.dimension(d.id, i)) for i, d in enumerate(catalog.dimensions)]


def edge_pen(edge: EdgeItem, c: theme.Colours, strong: bool) -> QPen:
    """Cosmetic: as many pixels wide at any zoom."""
    pen = QPen(c.q("accent") if strong else c.q("muted"), 2.4 if strong else 1.3)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    if edge.link.optional or edge.back:
        pen.setDashPattern([4.0, 2.5])
    elif edge.link.inferred:
        pen.setDashPattern([1.0, 2.0])
    return pen


def arrow_brush(c: theme.Colours, strong: bool) -> QBrush:
    return QBrush(c.q("accent") if strong else c.q("muted"))
