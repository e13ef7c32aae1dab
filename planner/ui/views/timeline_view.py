"""The Gantt's view: select a step, drag it to a later period to pin it, or use the
context menu and the keyboard (Ctrl+Right pins the selected step one period later)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QPainter, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsSimpleTextItem, QGraphicsView, QMenu

from ... import words

from .. import theme
from .timeline_scene import BAR_ROLE, WEEKS_PER_MONTH, GanttScene, StepBar, zoomed


class GanttView(QGraphicsView):
    step_selected = Signal(str)  # step id, "" when none
    pin_requested = Signal(str, object)  # step id, period (None: free it)
    exclude_requested = Signal(str)
    options_requested = Signal(str)  # capability id
    progress_requested = Signal(str, object)  # step id, "started" | "done" | "dropped" | None (forget)
    scale_requested = Signal(str)  # Ctrl+wheel over the chart: the time scale one step finer or coarser

    def __init__(self, parent=None):
        super().__init__(parent)
        self.gantt = GanttScene(self)
        self.setScene(self.gantt)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Roadmap Gantt chart")
        self.setToolTip("")
        self._drag: tuple[StepBar, float, QRectF] | None = None  # bar, press x, its rect
        self._ghost: QGraphicsRectItem | None = None
        self._hint: QGraphicsSimpleTextItem | None = None
        self.all_links = False
        self.today: date | None = None
        self.scale = "fit"  # the time scale: fit, month, quarter or year
        self.gantt.selectionChanged.connect(self._selection_changed)

    # -- selection ---------------------------------------------------------------------------

    def selected_step(self):
        items = [i for i in self.gantt.selectedItems() if isinstance(i, StepBar)]
        return items[0].step if items else None

    def select_step(self, step_id: str) -> None:
        bar = self.gantt.bars.get(step_id)
        if bar is None:
            return
        self.gantt.clearSelection()
        bar.setSelected(True)
        self.ensureVisible(bar, 40, 20)

    def _selection_changed(self) -> None:
        step = self.selected_step()
        self.gantt.show_links(step.id if step else None, self.all_links)
        self.step_selected.emit(step.id if step else "")

    def set_all_links(self, every: bool) -> None:
        """Draw every dependency, or only the selected step's."""
        self.all_links = every
        step = self.selected_step()
        self.gantt.show_links(step.id if step else None, every)

    def _bar_at(self, pos) -> StepBar | None:
        for item in self.items(pos):
            if item.data(BAR_ROLE):
                return item
        return None

    # -- dragging to pin ---------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:
        bar = self._bar_at(event.position().toPoint())
        super().mousePressEvent(event)
        if bar is not None and event.button() == Qt.MouseButton.LeftButton:
            bar.setSelected(True)
            self._drag = (bar, self.mapToScene(event.position().toPoint()).x(), bar.rect())

    def mouseMoveEvent(self, event) -> None:
        if self._drag is None or not event.buttons() & Qt.MouseButton.LeftButton:
            super().mouseMoveEvent(event)
            return
        bar, start_x, rect = self._drag
        period = self._target_period(event)
        g = self.gantt.geometry
        shift = max(0, period - bar.step.start) * g.period_width
        c = theme.colours(self)
        if self._ghost is None:
            self._ghost = self.gantt.addRect(rect, QPen(c.q("text"), 1.5, Qt.PenStyle.DashLine),
                                             QBrush(Qt.BrushStyle.NoBrush))
            self._hint = self.gantt.addSimpleText("")
            self._hint.setBrush(c.q("text"))
            self._ghost.setZValue(5)
            self._hint.setZValue(5)
        self._ghost.setRect(rect.translated(shift, 0))
        later = period > bar.step.start
        label = words.period_label(self._settings, period) if later else "drag right to pin later"
        self._hint.setText(f"Pin to {label}" if later else label)
        self._hint.setPos(rect.left() + shift, rect.top() - self._hint.boundingRect().height() - 1)

    def mouseReleaseEvent(self, event) -> None:
        if self._drag is None:
            super().mouseReleaseEvent(event)
            return
        bar, _, _ = self._drag
        period = self._target_period(event)
        self._drag = None
        for item in (self._ghost, self._hint):
            if item is not None:
                self.gantt.removeItem(item)
        self._ghost = self._hint = None
        super().mouseReleaseEvent(event)
        if period > bar.step.start:  # only later: earlier would break what the planner proved
            self.pin_requested.emit(bar.step.id, period)

    def _target_period(self, event) -> int:
        bar, start_x, _ = self._drag
        moved = self.mapToScene(event.position().toPoint()).x() - start_x
        return max(0, bar.step.start + round(moved / self.gantt.geometry.period_width))

    # -- menu and keys -----------------------------------------------------------------------

    def menu_for(self, step) -> QMenu:
        """The context menu of a step (tests trigger its actions)."""
        menu = QMenu(self)
        if step.pinned:
            menu.addAction("Free it (let the planner place it)", lambda: self.pin_requested.emit(step.id, None))
        else:
            menu.addAction(f"Pin to {words.period_label(self._settings, step.start)}",
                           lambda: self.pin_requested.emit(step.id, step.start))
        later = QAction(f"Pin one {self._settings.time_unit} later (Ctrl+Right)", menu)
        later.triggered.connect(lambda: self.pin_requested.emit(step.id, step.start + 1))
        menu.addAction(later)
        menu.addAction("Exclude from the roadmap", lambda: self.exclude_requested.emit(step.id))
        menu.addSeparator()
        for status, text in (("started", "Mark started today"), ("done", "Mark done today"),
                             ("dropped", "Mark dropped today")):
            if step.status != status:
                menu.addAction(text, lambda s=status: self.progress_requested.emit(step.id, s))
        if step.status:
            menu.addAction("Forget its progress", lambda: self.progress_requested.emit(step.id, None))
        menu.addSeparator()
        menu.addAction("Build, adopt or buy…", lambda: self.options_requested.emit(step.capability))
        return menu

    def wheelEvent(self, event) -> None:
        """Ctrl+wheel zooms the time axis through years, quarters and months, on the chart
        itself; the wheel alone scrolls."""
        delta = event.angleDelta().y()
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier or not delta or not self.gantt.bars:
            super().wheelEvent(event)
            return
        per_month = self.gantt.geometry.period_width * WEEKS_PER_MONTH / self._settings.weeks_per_period
        scale = zoomed(self.scale, per_month, finer=delta > 0)
        if scale != self.scale:
            self.scale_requested.emit(scale)
        event.accept()

    def contextMenuEvent(self, event) -> None:
        bar = self._bar_at(event.pos())
        if bar is None:
            return
        self.gantt.clearSelection()
        bar.setSelected(True)
        self.menu_for(bar.step).popup(event.globalPos())

    def keyPressEvent(self, event) -> None:
        step = self.selected_step()
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.gantt.bars:
            order = sorted(self.gantt.bars, key=lambda i: self.gantt.rows[i])
            index = order.index(step.id) if step else -1
            index = max(0, min(len(order) - 1, index + (1 if key == Qt.Key.Key_Down else -1)))
            self.select_step(order[index])
            return
        if step is not None and key == Qt.Key.Key_Right and mods & Qt.KeyboardModifier.ControlModifier:
            self.pin_requested.emit(step.id, step.start + 1)
            return
        if step is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.options_requested.emit(step.capability)
            return
        if step is not None and key == Qt.Key.Key_Delete:
            self.exclude_requested.emit(step.id)
            return
        if step is not None and key == Qt.Key.Key_Menu:
            bar = self.gantt.bars[step.id]
            self.menu_for(step).popup(self.viewport().mapToGlobal(self.mapFromScene(bar.rect().center())))
            return
        super().keyPressEvent(event)

    # -- building ----------------------------------------------------------------------------

    resized = Signal()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def show_roadmap(self, catalog, roadmap) -> None:
        """Rebuild for this roadmap, keeping the selection and the scroll position."""
        selected = self.selected_step()
        self._settings = roadmap.settings
        h, v = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        self.gantt.blockSignals(True)
        room = self.viewport().width() - (0 if self.verticalScrollBar().isVisible()
                                          else self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent))
        self.gantt.build(catalog, roadmap, self.font(), theme.colours(self), room, selected.id if selected else None,
                         self.today, self.all_links, self.scale)
        self.gantt.blockSignals(False)
        self.horizontalScrollBar().setValue(h)
        self.verticalScrollBar().setValue(v)
        self._selection_changed()

    def clear_roadmap(self, message: str) -> None:
        self.gantt.clear()
        self.gantt.bars, self.gantt.rows = {}, {}
        text = self.gantt.addSimpleText(message)
        text.setBrush(theme.colours(self).q("muted"))
        text.setPos(QPointF(16, 16))
        self.gantt.setSceneRect(QRectF(0, 0, 400, 60))
        self.step_selected.emit("")
