"""Charts painted natively with QPainter. One painting routine serves the screen, PNG
and SVG export, so an exported chart is exactly what the user sees, and stays vector.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsScene, QSizePolicy, QWidget

from .. import theme


class ChartWidget(QWidget):
    title = "Chart"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 120)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        self.paint_chart(painter, QRectF(self.contentsRect()), theme.colours(self))
        painter.end()

    def paint_chart(self, painter: QPainter, rect: QRectF, c: theme.Colours) -> None:
        raise NotImplementedError

    # -- export ---------------------------------------------------------------------------

    def export_size(self) -> QSize:
        size = self.size() if self.isVisible() else self.sizeHint()
        return size.expandedTo(QSize(480, 320))

    def render_to(self, painter: QPainter, rect: QRectF) -> None:
        c = theme.colours(self)
        painter.fillRect(rect, c.q("base"))
        painter.setFont(self.font())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_chart(painter, rect, c)


class SceneChart:
    """A QGraphicsScene (the dependency graph, the Gantt) seen as an exportable chart."""

    def __init__(self, title: str, scene: QGraphicsScene, widget: QWidget):
        self.title = title
        self.scene = scene
        self.widget = widget

    def export_size(self) -> QSize:
        return self.scene.itemsBoundingRect().adjusted(-12, -12, 12, 12).size().toSize()

    def render_to(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, theme.colours(self.widget).q("base"))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        source = self.scene.itemsBoundingRect().adjusted(-12, -12, 12, 12)
        self.scene.render(painter, rect, source, Qt.AspectRatioMode.KeepAspectRatio)
