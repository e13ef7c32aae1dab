"""Roadmap: the Gantt re-planned live as the plan changes, why each step sits where it
does, the constraints, pins and exclusions, and scenarios."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QScrollArea,
                               QSplitter, QVBoxLayout, QWidget)

from ... import words
from ...roadmap import progress

from .. import edits
from ..clock import today
from ..widgets.banner import Banner
from ..widgets.chart import SceneChart
from .base import View
from .timeline_panel import ConstraintsPanel, ExcludedPanel, StepPanel
from .timeline_scenarios import ComparisonDialog, ScenarioBar
from .timeline_legend import GanttLegend
from .timeline_usage import UsageView
from .timeline_view import GanttView


DRAG_REDRAW_MS = 120  # a window being dragged redraws the roadmap this long after it stops


class RoadmapView(View):
    name = "roadmap"
    title = "Roadmap"
    listens_to_roadmap = True

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        top = QHBoxLayout()
        self.scenarios = ScenarioBar(document)
        self.scenarios.compare_requested.connect(self.compare)
        top.addWidget(self.scenarios)
        top.addSpacing(12)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Roadmap summary and planning state")
        self.status.setToolTip("The planner shows an instant roadmap at once, then improves it in the background; "
                               "the bound says how far from the best possible it can be at most")
        top.addWidget(self.status, 1)
        layout.addLayout(top)
        self.banner = Banner(closable=False)
        self.banner.setObjectName("roadmap_banner")
        layout.addWidget(self.banner)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setProperty("muted", "true")
        layout.addWidget(self.warnings)
        self.progress_hint = QLabel()
        self.progress_hint.setWordWrap(True)
        self.progress_hint.setAccessibleName("Steps whose progress is not recorded")
        layout.addWidget(self.progress_hint)

        keys = QHBoxLayout()
        self.legend = GanttLegend()
        keys.addWidget(self.legend, 1)
        self.all_links = QCheckBox("Show all dependencies")
        self.all_links.setToolTip("Draw an arrow for every dependency; otherwise only the selected step's")
        self.all_links.toggled.connect(self.show_all_links)
        keys.addWidget(self.all_links, 0, Qt.AlignmentFlag.AlignTop)
        self.baseline = QPushButton("Baseline")
        self.baseline.setToolTip("Keep this roadmap as the baseline: each step then shows where the baseline had it "
                                 "(a dashed outline) and how far it slipped")
        baseline_menu = QMenu(self.baseline)
        self.take_baseline = baseline_menu.addAction("Keep this roadmap as the baseline",
                                                     lambda: edits.take_baseline(self.document))
        self.clear_baseline = baseline_menu.addAction("Clear the baseline", lambda: edits.clear_baseline(self.document))
        self.baseline.setMenu(baseline_menu)
        keys.addWidget(self.baseline, 0, Qt.AlignmentFlag.AlignTop)
        self.scale = QComboBox()
        self.scale.setAccessibleName("Time scale")
        self.scale.setToolTip("Zoom the time axis: the whole roadmap in the view, or months, quarters or years "
                              "(or Ctrl+wheel over the chart)")
        for key, text in (("fit", "Fit to window"), ("month", "Months"), ("quarter", "Quarters"), ("year", "Years")):
            self.scale.addItem(text, key)
        self.scale.currentIndexChanged.connect(self._scale_changed)
        scale_label = QLabel("Time sca&le:")
        scale_label.setBuddy(self.scale)
        keys.addWidget(scale_label, 0, Qt.AlignmentFlag.AlignTop)
        keys.addWidget(self.scale, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(keys)
        self.gantt = GanttView()
        self.usage = UsageView()
        self.usage.setObjectName("roadmap_usage")
        self.gantt.horizontalScrollBar().valueChanged.connect(self.usage.horizontalScrollBar().setValue)
        self.usage.horizontalScrollBar().valueChanged.connect(self.gantt.horizontalScrollBar().setValue)
        self.gantt.step_selected.connect(self._step_selected)
        self.gantt.scale_requested.connect(lambda scale: self.scale.setCurrentIndex(self.scale.findData(scale)))
        self.gantt.pin_requested.connect(self.pin)
        self.gantt.exclude_requested.connect(lambda step: edits.pin_item(self.document, step, None, excluded=True))
        self.gantt.options_requested.connect(lambda cap: self.navigate.emit("options", cap))
        self.gantt.progress_requested.connect(lambda step, status: edits.set_progress(self.document, step, status))
        self.gantt.resized.connect(self._gantt_resized)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 4, 0)
        self.step_panel = StepPanel()
        self.step_panel.options_requested.connect(lambda cap: self.navigate.emit("options", cap))
        self.step_panel.pin_requested.connect(self.pin)
        self.constraints = ConstraintsPanel(document)
        self.excluded = ExcludedPanel()
        self.excluded.restore_requested.connect(lambda step: edits.pin_item(self.document, step, None))
        self.excluded.undrop_requested.connect(lambda step: edits.set_progress(self.document, step, None))
        for panel in (self.step_panel, self.constraints, self.excluded):
            side_layout.addWidget(panel)
        side_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(side)
        scroll.setMinimumWidth(260)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMaximumWidth(400)
        self.chart_split = QSplitter(Qt.Orientation.Vertical)
        self.chart_split.setObjectName("roadmap_chart_split")
        self.chart_split.addWidget(self.gantt)
        self.chart_split.addWidget(self.usage)
        self.chart_split.setChildrenCollapsible(False)
        self.chart_split.setStretchFactor(0, 1)
        self.chart_split.setStretchFactor(1, 0)
        self._user_split = False  # once the user moves the split, it is theirs
        self.chart_split.splitterMoved.connect(self._split_moved)
        splitter = QSplitter()
        splitter.addWidget(self.chart_split)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([900, 300])
        layout.addWidget(splitter, 1)
        self._width = 0
        self._rebuild = QTimer(self)
        self._rebuild.setSingleShot(True)
        self._rebuild.setInterval(DRAG_REDRAW_MS)
        self._rebuild.timeout.connect(self._draw)
        self.comparison: ComparisonDialog | None = None

    # -- refresh -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.scenarios.refresh()
        self._draw()

    def _draw(self) -> None:
        document = self.document
        roadmap, catalog = document.roadmap, document.catalog
        self._width = self.gantt.viewport().width()
        if roadmap is None:
            lines = "\n".join(f"• {line}" for line in document.diagnosis)
            self.banner.show_message("This roadmap cannot meet its constraints. Change what these say (or undo "
                                     f"with Ctrl+Z):\n{lines}", "error")
            self.gantt.clear_roadmap("No roadmap: see the message above.")
            self.usage.hide()
            self.warnings.clear()
            self.progress_hint.hide()
            self._show_raw_settings()
        else:
            self.banner.hide()
            if roadmap.items:
                self.gantt.today = today()
                self.gantt.show_roadmap(catalog, roadmap)
                self.usage.show_usage(catalog, roadmap, self.gantt.gantt.geometry)
                self.usage.show()
                self._size_usage()
            else:
                self.usage.hide()
                self.gantt.clear_roadmap("Every target is met: there is nothing to plan. Raise a target in the "
                                         "Assessment view, or set a framework target.")
            self.constraints.show_settings(roadmap.settings, roadmap.currency)
            pins = dict(document.state.pins)
            if document.scenario:
                pins.update(document.state.scenarios[document.scenario].get("pins", {}))
            self.excluded.show_excluded(roadmap.excluded_items, pins, roadmap.dropped_items)
            self.legend.show_marks(bool(document.state.baseline), bool(roadmap.excluded_items or roadmap.dropped_items))
            self._show_baseline(roadmap)
            self.warnings.setText("\n".join(f"⚠ {w}" for w in roadmap.warnings))
            self.warnings.setVisible(bool(roadmap.warnings))
            hint = progress.unrecorded_words(progress.unrecorded(roadmap, today()), roadmap.settings, today())
            self.progress_hint.setText(f"<b>Record progress:</b> {escape(hint)}" if hint else "")
            self.progress_hint.setVisible(bool(hint) and not self.document.read_only)
        self._show_status()

    def _size_usage(self) -> None:
        """Give the capacity and budget chart the room it needs, up to 40% of the
        height, until the user moves the split: from then on it is theirs."""
        total = sum(self.chart_split.sizes())
        if self._user_split or total <= 0 or self.usage.isHidden():
            return
        below = min(self.usage.content_height(), int(total * 0.4))
        self.chart_split.setSizes([total - below, below])

    def _split_moved(self) -> None:
        self._user_split = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_usage()

    def _show_baseline(self, roadmap) -> None:
        taken = self.document.state.baseline_taken
        self.baseline.setText(f"Baseline of {taken}" if taken else "Baseline")
        self.clear_baseline.setEnabled(bool(taken))
        self.take_baseline.setEnabled(bool(roadmap.items) and not self.document.read_only)

    def _scale_changed(self) -> None:
        self.gantt.scale = self.scale.currentData()
        if self.document.roadmap is not None and self.document.roadmap.items:
            self._draw()

    def show_all_links(self, every: bool) -> None:
        self.gantt.set_all_links(every)

    def _show_raw_settings(self) -> None:
        """The constraints as entered, when they make the roadmap impossible."""
        from ...roadmap.engine import inputs
        from ...roadmap.settings import SettingsError, read_settings

        try:
            settings = read_settings(self.document.catalog, inputs(self.document.state, self.document.scenario)[0])
        except (SettingsError, Exception):  # noqa: BLE001 - the banner already says what is wrong
            return
        self.constraints.show_settings(settings, self.document.catalog.info.currency)

    def _show_status(self) -> None:
        roadmap = self.document.roadmap
        state = escape(self.document.status_text())
        if roadmap is None or not roadmap.items:
            self.status.setText(state)
            return
        s, cur = roadmap.settings, roadmap.currency
        self.status.setText(
            f"<b>{len(roadmap.items)} steps</b>, {words.span(s, 0, roadmap.makespan)} · one-time "
            f"<b>{words.money(roadmap.totals.one_time, cur)}</b> · {roadmap.totals.horizon_years:g}-year total cost "
            f"{words.money(roadmap.totals.total, cur)} · <i>{state}</i>")

    def _planning_changed(self, stage: str) -> None:
        if self.isVisible():
            self._show_status()

    def _gantt_resized(self) -> None:
        """Fit the time axis to the new width: on the next turn of the event loop for a
        big change (the first layout), shortly after for a window being dragged. Never
        inside the resize: it can come from a new style sheet (a zoom), and drawing
        builds widgets while Qt re-polishes every widget (a real-window soak crashed so
        in QApplication.setStyleSheet)."""
        change = abs(self.gantt.viewport().width() - self._width)
        if not self.isVisible() or self._stale or change <= 24:
            return
        self._rebuild.setInterval(0 if change > 200 else DRAG_REDRAW_MS)
        self._rebuild.start()

    # -- actions -----------------------------------------------------------------------------

    def _step_selected(self, step_id: str) -> None:
        roadmap = self.document.roadmap
        step = next((i for i in roadmap.items if i.id == step_id), None) if roadmap and step_id else None
        self.step_panel.show_step(step, roadmap.settings if roadmap else None, self.document.catalog)

    def pin(self, step_id: str, period) -> None:
        edits.pin_item(self.document, step_id, period)

    def compare(self) -> ComparisonDialog:
        self.comparison = ComparisonDialog(self.document, self)
        self.comparison.show()
        return self.comparison

    def select_capability(self, capability: str) -> None:
        self.ensure_fresh()
        roadmap = self.document.roadmap
        first = next((i for i in roadmap.items if i.capability == capability), None) if roadmap else None
        if first is not None:
            self.gantt.select_step(first.id)
            self.gantt.setFocus()

    def charts(self) -> list:
        if self.document.roadmap is None or not self.document.roadmap.items:
            return []
        return [SceneChart("Roadmap", self.gantt.gantt, self.gantt),
                SceneChart("Capacity and budget", self.usage.usage, self.usage)]
