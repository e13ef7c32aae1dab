"""Dependencies: the level-qualified graph, laid out in layers, coloured by current level,
gap or dimension. Selecting a capability lights up what it needs and what needs it, with
the levels on the edges; the panel says it in words."""

from __future__ import annotations

from html import escape

import networkx as nx
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QComboBox, QGraphicsView, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter,
                               QVBoxLayout)

from .. import theme
from ..graph_layout import layout
from ..widgets.chart import SceneChart
from .base import View, search_field
from .graph_scene import MODES, NODE_ROLE, EdgeLabel, GraphScene, arrow_brush, edge_pen, legend

ZOOM_STEP = 1.2
READABLE = 0.7  # fitting never shrinks labels below this; pan to see the rest


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
        """The whole graph when it stays readable; else as much as readable, from the
        left (where the prerequisites are)."""
        self.auto_fit = True
        rect = self.scene().sceneRect()
        view = self.viewport().rect()
        scale = min(view.width() / max(1.0, rect.width()), view.height() / max(1.0, rect.height()), 1.0)
        scale = max(scale, READABLE)
        self.resetTransform()
        self.scale(scale, scale)
        self.centerOn(rect.center() if scale > READABLE else
                      rect.topLeft() + self.mapToScene(view.center()) - self.mapToScene(view.topLeft()))

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
        side = QScrollArea()
        side.setWidgetResizable(True)
        side.setWidget(self.panel)
        side.setMinimumWidth(220)
        side.setMaximumWidth(340)
        splitter = QSplitter()
        splitter.addWidget(self.canvas)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([900, 300])
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        column.addLayout(bar)
        column.addWidget(self.legend)
        column.addWidget(splitter, 1)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.canvas.node_activated.connect(lambda cap: self.navigate.emit("assessment", cap))
        self.scene.build(catalog, self.layout_, self.font(), theme.colours(self))

    # -- refresh ----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._recolour()

    def _recolour(self) -> None:
        c = theme.colours(self)
        mode = self.mode.currentData()
        self.scene.colour(self.document, mode, c)
        swatches = " ".join(f"<span style='background:{colour.name()}'>&nbsp;&nbsp;&nbsp;</span>&nbsp;{escape(name)}"
                            "&nbsp;&nbsp;" for name, colour in legend(mode, self.document.catalog, c))
        self.legend.setText(swatches + "&nbsp;&nbsp; Edges run from a prerequisite to what needs it: solid "
                            "required, dotted inferred, dashed optional or closing a cycle.")
        self._highlight()

    # -- selection --------------------------------------------------------------------------

    def _selection_changed(self) -> None:
        items = [i for i in self.scene.selectedItems() if i.data(NODE_ROLE)]
        self.selected = items[0].data(NODE_ROLE) if items else None
        self._highlight()

    def _highlight(self) -> None:
        c = theme.colours(self)
        cap = self.selected
        near = set(self.graph.predecessors(cap)) | set(self.graph.successors(cap)) if cap else set()
        far = (nx.ancestors(self.graph, cap) | nx.descendants(self.graph, cap)) if cap else set()
        for cap_id, node in self.scene.nodes.items():
            node.setOpacity(1.0 if not cap or cap_id == cap or cap_id in near else 0.55 if cap_id in far else 0.18)
        for edge in self.scene.edges:
            strong = cap is not None and cap in (edge.link.needs, edge.link.capability)
            edge.setPen(edge_pen(edge, c, strong))
            edge.setBrush(arrow_brush(c, strong))
            edge.setOpacity(1.0 if strong or not cap else 0.12)
            if edge.label is not None:
                self.scene.removeItem(edge.label)
                edge.label = None
            if strong:
                edge.label = EdgeLabel(edge.text(), c)
                box = edge.label.boundingRect()
                edge.label.setPos(edge.path().pointAtPercent(0.5) - QPointF(box.width() / 2, box.height() + 2))
                edge.label.setToolTip(edge.toolTip())
                self.scene.addItem(edge.label)
        self.panel.setText(self._words(cap) if cap else self.panel.text())

    def _words(self, cap_id: str) -> str:
        catalog = self.document.catalog
        names = {c.id: c.name for c in catalog.capabilities}
        needs = [e.link for e in self.scene.edges if e.link.capability == cap_id]
        needed = [e.link for e in self.scene.edges if e.link.needs == cap_id]
        now = self.document.scores.current.get(cap_id)
        lines = [f"<b>{escape(names[cap_id])}</b> (now {'N/A' if now is None else now})", "<b>Needs:</b>"]
        lines += [f"• {escape(names[link.needs])} at level {needs_level} (for level {level})"
                  f"{' — optional' if optional else ''}: {escape(reason)}"
                  for link in needs for level, needs_level, optional, _, reason in link.pairs] or ["• nothing"]
        lines.append("<b>Needed by:</b>")
        lines += [f"• {escape(names[link.capability])} at level {level} (needs level {needs_level})"
                  f"{' — optional' if optional else ''}"
                  for link in needed for level, needs_level, optional, _, _ in link.pairs] or ["• nothing"]
        return "<br>".join(lines)

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
