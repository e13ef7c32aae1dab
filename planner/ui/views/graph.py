"""Dependencies: the level-qualified graph, laid out in layers, coloured by current level,
gap or dimension. Selecting a capability lights up what it needs and what needs it, with
the levels on the edges; the panel under the graph says it in words. Hovering over a
capability lights up its edges."""

from __future__ import annotations

import base64
from html import escape

import networkx as nx
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGraphicsView, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter,
                               QVBoxLayout)

from .. import theme
from ..graph_layout import layout
from ..widgets.chart import SceneChart
from .base import View, search_field
from .graph_scene import (MODES, NODE_ROLE, NOT_APPLICABLE, EdgeLabel, GraphScene, arrow_brush, edge_pen, hatch,
                          legend)

ZOOM_STEP = 1.2
MOST_FIT = 1.5  # fitting never blows a small graph up past this
FAINT = 0.15  # the opacity of the edges away from the capability selected or under the mouse
PANEL_LINES = 5  # the panel under the graph starts this many lines high


def swatch_outline(c: theme.Colours) -> QColor:
    """The outline of a legend swatch: the nodes' border, so a swatch looks like a node,
    and it stands out on the window in both themes (the lightest level is almost white)."""
    return c.q("text")


_swatches: dict[tuple, str] = {}


def swatch_image(fill: QColor, outline: QColor, size: int, ratio: float = 1.0, hatched: bool = False) -> str:
    """A `size`-pixel square of `fill` in a one-pixel `outline` (hatched like a
    not-applicable node), as a data URL for rich text, drawn at the screen's device
    pixel ratio."""
    key = (fill.name(), outline.name(), size, ratio, hatched)
    if key not in _swatches:
        pixels, border = max(3, round(size * ratio)), max(1, round(ratio))
        image = QImage(pixels, pixels, QImage.Format.Format_RGB32)
        image.fill(outline)
        painter = QPainter(image)
        inside = QRect(border, border, pixels - 2 * border, pixels - 2 * border)
        painter.fillRect(inside, fill)
        if hatched:
            painter.scale(ratio, ratio)  # the hatch's lines as far apart as on the nodes
            painter.fillRect(QRectF(inside.topLeft() / ratio, inside.size() / ratio), hatch(outline))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        _swatches[key] = "data:image/png;base64," + base64.b64encode(bytes(data)).decode("ascii")
    return _swatches[key]


class Canvas(QGraphicsView):
    """Zoom with Ctrl+wheel or +/-, pan by dragging or with the arrow keys, F to fit."""

    node_activated = Signal(str)  # double-click on a capability

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Dependency graph")
        self.auto_fit = True  # fit on resize until the user zooms

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()

    def zoom(self, factor: float) -> None:
        self.auto_fit = False
        scale = self.transform().m11() * factor
        if 0.15 <= scale <= 4:
            self.scale(factor, factor)

    def fit(self) -> None:
        """The whole graph, its rows spread to the view's shape first, so it fills the
        view both ways where it can."""
        self.auto_fit = True
        view = self.viewport().rect()
        if view.width() < 8 or view.height() < 8:
            return
        self.scene().arrange(view.width() / view.height())
        rect = self.scene().sceneRect()
        scale = min(view.width() / max(1.0, rect.width()), view.height() / max(1.0, rect.height())) * 0.995
        scale = min(scale, MOST_FIT)
        self.resetTransform()
        self.scale(scale, scale)
        self.centerOn(rect.center())

    def mouseDoubleClickEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        while item is not None and not item.data(NODE_ROLE):
            item = item.parentItem()
        if item is not None:
            self.node_activated.emit(item.data(NODE_ROLE))
        else:
            super().mouseDoubleClickEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
        else:
            super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_F:
            self.fit()
        elif key == Qt.Key.Key_Escape:
            self.scene().clearSelection()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            chosen = [i.data(NODE_ROLE) for i in self.scene().selectedItems() if i.data(NODE_ROLE)]
            if chosen:
                self.node_activated.emit(chosen[0])
        else:
            super().keyPressEvent(event)


class GraphView(View):
    name = "graph"
    title = "Dependencies"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        catalog = document.catalog
        self.layout_ = layout([c.id for c in catalog.capabilities], catalog.dependencies)
        self.graph = nx.DiGraph()
        self.graph.add_nodes_from(c.id for c in catalog.capabilities)
        self.graph.add_edges_from((link.needs, link.capability) for link in self.layout_.links)
        self.scene = GraphScene(self)
        self.canvas = Canvas(self.scene)
        self.selected: str | None = None

        bar = QHBoxLayout()
        self.search = search_field(self, "Find a capability", "Find a capability in the graph")
        self.search.setToolTip("Type part of a name, then press Enter to select it in the graph")
        self.search.returnPressed.connect(self._find)
        bar.addWidget(self.search, 2)
        label = QLabel("C&olour by:")
        self.mode = QComboBox()
        for key, text in MODES:
            self.mode.addItem(text, key)
        self.mode.setAccessibleName("Colour nodes by")
        self.mode.setToolTip("Colour the capabilities by their current level, by how far they are from their "
                             "target, or by dimension")
        label.setBuddy(self.mode)
        self.mode.currentIndexChanged.connect(lambda _: self._recolour())
        bar.addWidget(label)
        bar.addWidget(self.mode)
        for text, tip, slot in (("−", "Zoom out (-, Ctrl+wheel)", lambda: self.canvas.zoom(1 / ZOOM_STEP)),
                                ("+", "Zoom in (+, Ctrl+wheel)", lambda: self.canvas.zoom(ZOOM_STEP)),
                                ("Fit", "Fit the graph to the view (F)", self.canvas.fit)):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0])
            button.clicked.connect(slot)
            bar.addWidget(button)
        self.implied = self.layout_.implied()
        self.every = QCheckBox("&Every dependency")
        self.every.setToolTip("Also draw the dependencies a longer path already implies (C needs B and B needs A: "
                              "C needs A). They always show for the capability selected or under the mouse.")
        self.every.toggled.connect(lambda _: self._highlight())
        bar.addWidget(self.every)
        self.legend = QLabel()
        self.legend.setAccessibleName("Legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)

        self.panel = QLabel("Click a capability to see what it needs and what needs it. Double-click it (or press "
                            "Enter) to assess it.")
        self.panel.setWordWrap(True)
        self.panel.setTextFormat(Qt.TextFormat.RichText)
        self.panel.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.panel.setAccessibleName("What the selected capability needs and what needs it")
        self.panel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Under the graph, not beside it: the graph is much wider than tall, so the view's
        # width goes to it, and the panel's lines are long.
        below = QScrollArea()
        below.setWidgetResizable(True)
        below.setWidget(self.panel)
        lines = QFontMetricsF(self.font()).lineSpacing()
        below.setMinimumHeight(round(lines * 3))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.canvas)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([round(lines * 30), round(lines * PANEL_LINES + 12)])
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        column.addLayout(bar)
        column.addWidget(self.legend)
        column.addWidget(splitter, 1)
        self.hovering: str | None = None
        self._restyle_queued: set[str] = set()
        self._restyle_timer = QTimer(self)  # a child: it never fires for a view already gone
        self._restyle_timer.setSingleShot(True)
        self._restyle_timer.setInterval(0)
        self._restyle_timer.timeout.connect(self._restyle)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.hovered.connect(self._hovered)
        self.canvas.node_activated.connect(lambda cap: self.navigate.emit("assessment", cap))
        self.scene.build(catalog, self.layout_, self.font(), theme.colours(self))

    # -- refresh ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._recolour()

    def _recolour(self) -> None:
        c = theme.colours(self)
        mode = self.mode.currentData()
        self.scene.colour(self.document, mode, c)
        size = round(QFontMetricsF(self.legend.font()).height() * 0.8)
        ratio, outline = self.legend.devicePixelRatioF(), swatch_outline(c)
        swatches = " ".join(f"<img src='{swatch_image(colour, outline, size, ratio, name == NOT_APPLICABLE)}' "
                            f"width={size} height={size} "
                            f"align=middle>&nbsp;{escape(name)}&nbsp;"
                            for name, colour in legend(mode, self.document.catalog, c))
        self.legend.setText(swatches + "&nbsp;&nbsp;Edges run from a prerequisite to what needs it: solid "
                            "required, dotted inferred, dashed optional or closing a cycle; an edge a longer path already "
                            "implies shows only for the capability in focus.")
        self._highlight()

    def changeEvent(self, event) -> None:
        """A new theme recolours the graph; a new font (the app's zoom) builds it again
        at the new size. Both on the next turn, once every widget has the change."""
        super().changeEvent(event)
        kind = {QEvent.Type.PaletteChange: "palette", QEvent.Type.FontChange: "font"}.get(event.type())
        if kind and hasattr(self, "_restyle_timer"):
            self._restyle_queued.add(kind)
            self._restyle_timer.start()

    def _restyle(self) -> None:
        kinds, self._restyle_queued = self._restyle_queued, set()
        if "font" in kinds:
            selected = self.selected
            self.scene.build(self.document.catalog, self.layout_, self.font(), theme.colours(self))
            self.selected = self.hovering = None
            if self.canvas.auto_fit:
                self.canvas.fit()
            if selected:
                self.scene.nodes[selected].setSelected(True)
        self._recolour()

    # -- selection --------------------------------------------------------------------------

    def _selection_changed(self) -> None:
        items = [i for i in self.scene.selectedItems() if i.data(NODE_ROLE)]
        self.selected = items[0].data(NODE_ROLE) if items else None
        self._highlight()

    def _hovered(self, cap: str | None) -> None:
        self.hovering = cap
        self._highlight()

    def _highlight(self) -> None:
        """The selected capability, else the one under the mouse, with its edges drawn
        strong and labelled with their levels and the other edges faint; a selection also
        dims the capabilities it has nothing to do with."""
        c = theme.colours(self)
        cap = self.selected
        focus = cap or self.hovering
        near = set(self.graph.predecessors(cap)) | set(self.graph.successors(cap)) if cap else set()
        far = (nx.ancestors(self.graph, cap) | nx.descendants(self.graph, cap)) if cap else set()
        for cap_id, node in self.scene.nodes.items():
            node.setOpacity(1.0 if not cap or cap_id == cap or cap_id in near else 0.55 if cap_id in far else 0.18)
        for edge in self.scene.edges:
            strong = focus is not None and focus in (edge.link.needs, edge.link.capability)
            edge.setPen(edge_pen(edge, c, strong))
            edge.setBrush(arrow_brush(c, strong))
            edge.setOpacity(1.0 if strong or not focus else FAINT)
            edge.setVisible(strong or self.every.isChecked()
                            or (edge.link.needs, edge.link.capability) not in self.implied)
            edge.setZValue(1.5 if strong else 1 if edge.back else 0)
            if edge.label is not None:
                self.scene.removeItem(edge.label)
                edge.label = None
            if strong:
                edge.label = EdgeLabel(edge.text(), c)
                edge.label_near_needs = focus == edge.link.capability  # by the other end: labels spread out
                edge.place_label()
                edge.label.setToolTip(edge.toolTip())
                self.scene.addItem(edge.label)
        self.panel.setText(self._words(cap) if cap else self.panel.text())

    def _words(self, cap_id: str) -> str:
        catalog = self.document.catalog
        names = {c.id: c.name for c in catalog.capabilities}
        needs = [e.link for e in self.scene.edges if e.link.capability == cap_id]
        needed = [e.link for e in self.scene.edges if e.link.needs == cap_id]
        now = self.document.scores.current.get(cap_id)
        wants = [f"• {escape(names[link.needs])} at level {needs_level} (for level {level})"
                 f"{' — optional' if optional else ''}: {escape(reason)}"
                 for link in needs for level, needs_level, optional, _, reason in link.pairs] or ["• nothing"]
        wanted = [f"• {escape(names[link.capability])} at level {level} (needs level {needs_level})"
                  f"{' — optional' if optional else ''}"
                  for link in needed for level, needs_level, optional, _, _ in link.pairs] or ["• nothing"]
        return (f"<b>{escape(names[cap_id])}</b> (now {'N/A' if now is None else now})"
                "<table width='100%' cellspacing=0 cellpadding=0><tr>"
                f"<td width='60%' valign=top><b>Needs:</b><br>{'<br>'.join(wants)}</td><td width=16></td>"
                f"<td valign=top><b>Needed by:</b><br>{'<br>'.join(wanted)}</td></tr></table>")

    def select_capability(self, capability: str) -> None:
        node = self.scene.nodes.get(capability)
        if node is None:
            return
        self.scene.clearSelection()
        node.setSelected(True)
        self.canvas.centerOn(node)

    def _find(self) -> None:
        text = self.search.text().strip().casefold()
        match = next((c.id for c in self.document.catalog.capabilities
                      if text and (text in c.name.casefold() or text in c.id)), None)
        if match:
            self.select_capability(match)
            self.canvas.setFocus()

    def charts(self) -> list:
        return [SceneChart("Dependency graph", self.scene, self.canvas)]
