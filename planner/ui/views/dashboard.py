"""Dashboard: the radar of current and target by dimension, a card per maturity scale,
the capability-by-level heatmap and the biggest gaps."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QScrollArea,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ...assessment.gaps import top_gaps as ranked_gaps
from .. import edits
from ..widgets.maturity_charts import Heatmap, RadarChart
from .base import View
from .crosswalk import CrosswalkCard
from .glance import RoadmapGlance

TOP_GAPS = 10


def top_gaps(document, count: int = TOP_GAPS) -> list[tuple[str, int, int, int]]:
    """(capability, now, target, priority): the first `count` gaps in the order every
    output lists them (assessment/gaps.py: priority, then size, then catalog order)."""
    return ranked_gaps(document.catalog, document.scores, document.state.priorities)[:count]


def _card(title: str, body: QWidget, tip: str = "") -> QFrame:
    frame = QFrame()
    frame.setProperty("card", "true")
    layout = QVBoxLayout(frame)
    heading = QLabel(title)
    heading.setProperty("heading", "2")
    if tip:
        heading.setToolTip(tip)
    layout.addWidget(heading)
    layout.addWidget(body, 1)
    return frame


class DashboardView(View):
    name = "dashboard"
    title = "Dashboard"
    listens_to_roadmap = True

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.setContentsMargins(14, 2, 14, 4)
        self.heading = QLabel()
        self.heading.setProperty("heading", "1")
        self.heading.setContentsMargins(14, 10, 14, 0)
        self.heading.setMinimumWidth(100)
        outer.addWidget(self.heading)
        self.overall = QLabel()
        self.overall.setToolTip("Mean level over the applicable capabilities, now and at target "
                                "(not applicable ones are left out)")
        label = QLabel("&Assessment:")
        self.assessment = QComboBox()
        self.assessment.setAccessibleName("Assessment")
        self.assessment.setToolTip("The assessment the scores and the roadmap use (a plan can hold one per team)")
        label.setBuddy(self.assessment)
        self.assessment.activated.connect(self._assessment_chosen)
        header.addWidget(label)
        header.addWidget(self.assessment)
        header.addSpacing(16)
        header.addWidget(self.overall)
        header.addStretch(1)
        outer.addLayout(header)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(14, 6, 14, 14)
        grid.setSpacing(12)
        self.radar = RadarChart(document)
        grid.addWidget(_card("Maturity by dimension", self.radar,
                             "Mean level per dimension on the 0-4 scale: the filled shape is now, the dashed one "
                             "the target"), 0, 0)
        cards = QWidget()
        cards_layout = QGridLayout(cards)
        cards_layout.setContentsMargins(0, 0, 0, 0)
        cards_layout.setSpacing(12)
        self.cards = {}
        for i, fw in enumerate(document.catalog.frameworks):
            card = CrosswalkCard(fw)
            self.cards[fw.id] = card
            cards_layout.addWidget(card, i // 2, i % 2)
        grid.addWidget(cards, 0, 1)
        self.heatmap = Heatmap(document)
        self.heatmap.capability_clicked.connect(lambda cap: self.navigate.emit("assessment", cap))
        grid.addWidget(_card("Capabilities by level", self.heatmap,
                             "Each row a capability, each column a level: filled where the level is in place, "
                             "tinted where the target plans it. Click a row to assess it."), 1, 0)
        self.gaps = QTreeWidget()
        self.gaps.setHeaderLabels(["Capability", "Now → target", "Priority"])
        self.gaps.setRootIsDecorated(False)
        self.gaps.setAccessibleName("Top gaps")
        self.gaps.setToolTip("The largest gaps between now and target; double-click or press Enter to assess one")
        self.gaps.itemActivated.connect(lambda item: self.navigate.emit("assessment", item.data(0, Qt.ItemDataRole.UserRole)))
        self.gaps.header().setStretchLastSection(False)
        self.gaps.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.gaps.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.gaps.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.glance = RoadmapGlance()
        self.glance.open_roadmap.connect(lambda: self.navigate.emit("roadmap", ""))
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(12)
        side_layout.addWidget(self.glance)
        side_layout.addWidget(_card("Top gaps by priority", self.gaps, "The highest business priority first, then the largest gap"), 1)
        grid.addWidget(side, 1, 1)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 6)
        grid.setRowStretch(1, 1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

    def refresh(self) -> None:
        document = self.document
        state, scores, catalog = document.state, document.scores, document.catalog
        title = state.name + (f"  ·  {state.organisation}" if state.organisation else "")
        self.heading.setText(escape(title))
        self.heading.setToolTip(escape(title))
        overall = next(d for d in scores.dimensions if d.dimension == "overall")
        target = next(d for d in scores.target_dimensions if d.dimension == "overall")
        if overall.mean_level is not None:
            self.overall.setText(f"Overall <b>{overall.mean_level:.1f}</b> of {catalog.scale.last} "
                                 f"({overall.percent:.0f}%) → target <b>{target.mean_level:.1f}</b>")
        names = [a.name for a in state.assessments]
        if [self.assessment.itemText(i) for i in range(self.assessment.count())] != names:
            self.assessment.clear()
            self.assessment.addItems(names)
        self.assessment.setCurrentText(scores.assessment)
        self.assessment.setEnabled(len(names) > 1 and not document.read_only)
        for attainment in scores.frameworks:
            if attainment.framework in self.cards:
                self.cards[attainment.framework].show_attainment(attainment, catalog)
        self.radar.update()
        self.heatmap.updateGeometry()
        self.heatmap.update()
        self._fill_gaps()
        self.glance.show_document(document)

    def _fill_gaps(self) -> None:
        catalog = self.document.catalog
        self.gaps.clear()
        for cap_id, now, target, priority in top_gaps(self.document):
            cap = catalog.capability(cap_id)
            item = QTreeWidgetItem([cap.name, f"{now} → {target}", str(priority)])
            item.setData(0, Qt.ItemDataRole.UserRole, cap_id)
            item.setToolTip(0, f"{cap.name}: from level {now} ({catalog.scale.name(now)}) to {target} "
                               f"({catalog.scale.name(target)})")
            self.gaps.addTopLevelItem(item)
        if self.gaps.topLevelItemCount() == 0:
            self.gaps.addTopLevelItem(QTreeWidgetItem(["No gaps: every target is met", "", ""]))
        self.gaps.resizeColumnToContents(1)

    def _assessment_chosen(self, index: int) -> None:
        name = self.assessment.itemText(index)
        if name and name != self.document.state.active:
            edits.set_active_assessment(self.document, name)

    def charts(self) -> list:
        return [self.radar, self.heatmap]
