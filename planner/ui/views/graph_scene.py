"""The dependency graph as a QGraphicsScene: a node per capability, an edge per pair of
capabilities with their level pairs. Built once per catalog; a plan change only
recolours the nodes and rewrites their level lines."""

from __future__ import annotations

import math
from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsRectItem, QGraphicsScene, QGraphicsSimpleTextItem

from .. import theme
from ..graph_layout import Layout, Link

NODE_ROLE = 1
MODES = (("level", "Current level"), ("gap", "Gap to target"), ("dimension", "Dimension"))


class NodeItem(QGraphicsRectItem):
    def __init__(self, cap, rect: QRectF):
        super().__init__(rect)
        self.cap = cap
        self.setData(NODE_ROLE, cap.id)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.fill, self.ink, self.border = QColor(), QColor(), QColor()
        self.lines = (cap.name, "")
        self.font = QFont()

    def paint(self, painter, option, widget=None) -> None:
        rect = self.rect()
        painter.setBrush(self.fill)
        painter.setPen(QPen(self.border, 2.6 if self.isSelected() else 1))
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(self.ink)
        bold = QFont(self.font)
        bold.setBold(True)
        fm = QFontMetricsF(bold)
        painter.setFont(bold)
        name = fm.elidedText(self.lines[0], Qt.TextElideMode.ElideRight, rect.width() - 12)
        painter.drawText(QRectF(rect.left() + 6, rect.top() + 3, rect.width() - 12, rect.height() / 2),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
        painter.setFont(self.font)
        painter.drawText(QRectF(rect.left() + 6, rect.center().y(), rect.width() - 12, rect.height() / 2 - 3),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.lines[1])


class EdgeItem(QGraphicsPathItem):
    """A curve stroked in the pen, with an arrow head filled in the brush."""

    def __init__(self, link: Link, back: bool):
        super().__init__()
        self.link = link
        self.back = back
        self.label = None
        self.curve = QPainterPath()
        self.head = QPolygonF()

    def set_shape(self, curve: QPainterPath, head: QPolygonF) -> None:
        self.curve, self.head = curve, head
        whole = QPainterPath(curve)
        whole.addPolygon(head)
        self.setPath(whole)

    def paint(self, painter, option, widget=None) -> None:
        painter.setPen(self.pen())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.curve)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.brush())
        painter.drawPolygon(self.head)

    def text(self) -> str:
        """"at 3 needs 2" for each level pair of the edge."""
        return "; ".join(f"at {level} needs {needs}{' (optional)' if optional else ''}"
                         for level, needs, optional, _, _ in self.link.pairs)


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
    def __init__(self, parent=None):
        super().__init__(parent)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []

    def build(self, catalog, layout: Layout, font: QFont, c: theme.Colours) -> None:
        self.clear()
        self.nodes, self.edges = {}, []
        fm = QFontMetricsF(font)
        width = min(240.0, max(fm.horizontalAdvance(cap.name) for cap in catalog.capabilities) * 1.08 + 20)
        height = fm.height() * 2.8
        gap_x, gap_y = max(60.0, width * 0.3), height * 0.45
        tallest = max(len(layer) for layer in layout.layers)
        caps = {cap.id: cap for cap in catalog.capabilities}
        for x, layer in enumerate(layout.layers):
            offset = (tallest - len(layer)) * (height + gap_y) / 2  # centre each layer
            for y, cap_id in enumerate(layer):
                rect = QRectF(x * (width + gap_x), offset + y * (height + gap_y), width, height)
                node = NodeItem(caps[cap_id], rect)
                node.font = font
                node.setZValue(2)
                self.addItem(node)
                self.nodes[cap_id] = node
        for link in layout.links:
            edge = EdgeItem(link, (link.needs, link.capability) in layout.back)
            edge.set_shape(*self._path(self.nodes[link.needs].rect(), self.nodes[link.capability].rect(), edge.back))
            edge.setZValue(1 if edge.back else 0)
            edge.setToolTip(f"{caps[link.capability].name} needs {caps[link.needs].name}: {edge.text()}")
            self.addItem(edge)
            self.edges.append(edge)
        self.setSceneRect(self.itemsBoundingRect().adjusted(-30, -30, 30, 30))

    @staticmethod
    def _path(source: QRectF, target: QRectF, back: bool) -> tuple[QPainterPath, QPolygonF]:
        """A smooth curve from the prerequisite's right side to the dependant's left side,
        with an arrow head; a back edge loops under both nodes."""
        path = QPainterPath()
        if not back:
            start, end = QPointF(source.right(), source.center().y()), QPointF(target.left(), target.center().y())
            bend = max(40.0, (end.x() - start.x()) * 0.5)
            path.moveTo(start)
            path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
            angle = 0.0  # the curve arrives horizontally
        else:
            start, end = QPointF(source.center().x(), source.bottom()), QPointF(target.center().x(), target.bottom())
            drop = 40 + abs(start.x() - end.x()) * 0.15
            path.moveTo(start)
            path.cubicTo(start + QPointF(0, drop), end + QPointF(0, drop), end)
            angle = -math.pi / 2
        tip, size = end, 7.0
        head = QPolygonF([tip, tip - QPointF(size * math.cos(angle - 0.45), size * math.sin(angle - 0.45)),
                          tip - QPointF(size * math.cos(angle + 0.45), size * math.sin(angle + 0.45))])
        return path, head

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


def legend(mode: str, catalog, c: theme.Colours) -> list[tuple[str, QColor]]:
    if mode == "level":
        return [(f"{lv} {catalog.scale.name(lv)}", c.level(lv, catalog.scale.first, catalog.scale.last))
                for lv in catalog.scale.levels] + [("not applicable", c.q("not_applicable"))]
    if mode == "gap":
        return [("no gap", QColor(c.levels[1])), ("1 level to go", c.q("target")), ("2 or more", c.q("critical")),
                ("not applicable", c.q("not_applicable"))]
    return [(d.name, c.dimension(d.id, i)) for i, d in enumerate(catalog.dimensions)]


def edge_pen(edge: EdgeItem, c: theme.Colours, strong: bool) -> QPen:
    colour = c.q("accent") if strong else c.q("muted")
    pen = QPen(colour, 2.2 if strong else 1.1)
    if edge.link.optional or edge.back:
        pen.setStyle(Qt.PenStyle.DashLine)
    elif edge.link.inferred:
        pen.setStyle(Qt.PenStyle.DotLine)
    return pen


def arrow_brush(c: theme.Colours, strong: bool) -> QBrush:
    return QBrush(c.q("accent") if strong else c.q("muted"))
