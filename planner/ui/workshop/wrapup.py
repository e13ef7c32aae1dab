"""The wrap-up screens: where the room stands (radar, crosswalk, top gaps, where votes
and teams disagree), and what it means (the roadmap's first wave and its milestones,
re-planned from the room's scores)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ... import words

from ...assessment.workshop import most_disagreement, team_splits
from ..views.dashboard import top_gaps
from ..widgets.maturity_charts import RadarChart
from . import style
from .slide import label

GAPS_SHOWN = 4  # gaps and disagreements listed; 2 more on a large screen without teams to compare
WAVE_PERIODS = 3  # the first wave: steps that start in the first three periods


class SummarySlide(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.compact = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = label("title")
        self.title.setText("Where we stand")
        layout.addWidget(self.title)
        self.columns = columns = QHBoxLayout()
        columns.setSpacing(24)
        self.radar = RadarChart(session.document)
        self.radar.setContentsMargins(24, 0, 0, 0)
        self.radar.setAccessibleName("Maturity by dimension, now and target")
        columns.addWidget(self.radar, 1)
        side = QVBoxLayout()
        self.crosswalk = label("board")
        self.crosswalk.setAccessibleName("Maturity scales")
        self.gaps = label("board")
        self.split = label("board")
        for widget in (self.crosswalk, self.gaps, self.split):
            side.addWidget(widget)
        side.addStretch(1)
        columns.addLayout(side, 1)
        layout.addLayout(columns, 1)

    def set_compact(self, compact: bool) -> None:
        self.compact = compact

    def refresh(self) -> None:
        document = self.session.document
        catalog, scores = document.catalog, document.scores
        votes = document.state.assessment().votes
        splits = [s for s in team_splits(votes) if s.spread > 0][:GAPS_SHOWN]
        roomy = not self.compact and not splits  # a large screen, and no teams' lists to fit in
        listed = GAPS_SHOWN + 2 if roomy else GAPS_SHOWN  # longer lists,
        self.columns.setStretch(0, 3 if roomy else 1)  # and a larger radar (as large as its width allows)
        self.columns.setStretch(1, 2 if roomy else 1)
        self.radar.update()
        lines = []
        for att in scores.frameworks:
            target = f" → target {att.target}" if att.target > att.now else ""
            lines.append(f"<b>{escape(catalog.framework(att.framework).name)}</b>: {att.now} {escape(att.now_name)}"
                         f"{target}")
        self.crosswalk.setText("<br>".join(lines))
        names = {c.id: c.name for c in catalog.capabilities}
        gaps = top_gaps(document, listed)
        self.gaps.setText("<b>Top gaps</b><br>" + ("<br>".join(
            f"{escape(names[cap])}: {now} → {target}" for cap, now, target, _ in gaps) or "None: every target is met."))
        rows = [f"{escape(names.get(cap, cap))}: spread {spread}" + (" ⚑" if spread >= 2 else "")
                for cap, spread in most_disagreement(votes, listed)]
        text = "<b>Most disagreement</b><br>" + ("<br>".join(rows) or "The votes agree everywhere.")
        if splits:
            alert = style.of(self).alert
            text += "<br><b>Where the teams disagree</b><br>" + "<br>".join(
                f"{escape(names.get(s.capability, s.capability))}: "
                + ", ".join(f"{escape(team)} {median:g}" for team, median in s.medians.items())
                + (f" <span style='color:{alert}'>⚑</span>" if s.disagreement else "") for s in splits)
        self.split.setText(text)


class MeaningSlide(QWidget):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = label("title")
        self.title.setText("What this means")
        self.status = label("header")
        self.wave = label("board")
        self.wave.setAccessibleName("First wave of the roadmap")
        self.milestones = label("board")
        self.milestones.setAccessibleName("Milestones")
        for widget in (self.title, self.status, self.wave, self.milestones):
            layout.addWidget(widget)
        layout.addStretch(1)

    def refresh(self) -> None:
        document = self.session.document
        roadmap = document.roadmap
        self.status.setText(escape(f"Re-planned from the room's scores · {document.status_text()}"))
        if roadmap is None:
            problems = document.diagnosis or ["The roadmap could not be planned."]
            self.wave.setText("<b>No roadmap</b><br>" + "<br>".join(escape(p) for p in problems))
            self.milestones.setText("")
            return
        settings = roadmap.settings
        first = [item for item in roadmap.items if item.start < WAVE_PERIODS]
        first.sort(key=lambda item: (item.start, item.name))
        shown = first[:8]
        self.wave.setText(
            f"<b>First wave</b> ({escape(words.span(settings, 0, WAVE_PERIODS))}): "
            f"{len(first)} step(s)<br>" + "<br>".join(
                f"{escape(words.period_label(settings, item.start))}: {escape(item.name)} ({escape(item.approach)})" for item in shown)
            + (f"<br>and {len(first) - len(shown)} more" if len(first) > len(shown) else ""))
        lines = [f"◆ {escape(words.framework_level(m.framework_name, m.level))} ({escape(m.level_name)}): "
                 + (escape(m.quarter) if m.reached is not None else "not reached by these targets")
                 for m in roadmap.milestones]
        self.milestones.setText("<b>Milestones</b><br>" + ("<br>".join(lines) or "No framework targets set.")
                                + f"<br><br>{len(roadmap.items)} steps in all, to "
                                  f"{escape(words.period_label(settings, words.last_period(roadmap.makespan)))}. "
                                  "Press P for the PDF.")
