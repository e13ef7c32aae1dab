"""The roadmap at a glance, for the dashboard: span, cost, quality and milestones."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout

from ... import words

SHOWN_MILESTONES = 4


class RoadmapGlance(QFrame):
    open_roadmap = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setProperty("card", "true")
        layout = QVBoxLayout(self)
        heading = QLabel("Roadmap at a glance")
        heading.setProperty("heading", "2")
        layout.addWidget(heading)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAccessibleName("Roadmap summary")
        layout.addWidget(self.summary)
        self.button = QPushButton("Open the roadmap")
        self.button.setToolTip("The sequenced roadmap, why each step sits where it does, and its scenarios (Ctrl+5)")
        self.button.clicked.connect(self.open_roadmap)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_document(self, document) -> None:
        roadmap = document.roadmap
        if roadmap is None:
            problems = document.diagnosis
            self.summary.setText("<b>No roadmap:</b> the constraints cannot be met.<br>"
                                 + "<br>".join(f"• {escape(p)}" for p in problems[:3]))
            return
        s, cur = roadmap.settings, roadmap.currency
        lines = []
        if document.scenario:
            lines.append(f"<i>Scenario: {escape(document.scenario)}</i>")
        if not roadmap.items:
            lines.append("Every target is met: nothing to plan.")
        else:
            lines.append(f"<b>{len(roadmap.items)} steps</b>, {words.span(s, 0, roadmap.makespan)} "
                         f"({words.periods(roadmap.makespan, s.time_unit)}); {escape(document.status_text().lower())}")
            lines.append(f"One-time cost <b>{words.money(roadmap.totals.one_time, cur)}</b>; "
                         f"{roadmap.totals.horizon_years:g}-year total cost of ownership "
                         f"<b>{words.money(roadmap.totals.total, cur)}</b> "
                         "(estimates)")
        reached = [m for m in roadmap.milestones if m.reached is not None]
        reached.sort(key=lambda m: (m.reached, m.framework_name))
        for m in reached[:SHOWN_MILESTONES]:
            late = " <b>(late)</b>" if m.late else ""
            lines.append(f"◆ {escape(words.framework_level(m.framework_name, m.level))} ({escape(m.level_name)}): "
                         f"{m.quarter}{late}")
        if roadmap.warnings:
            lines.append(f"⚠ {escape(roadmap.warnings[0])}")
        self.summary.setText("<br>".join(lines))
