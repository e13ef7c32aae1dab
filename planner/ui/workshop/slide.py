"""The capability slide: the capability, its level descriptors, what the next level asks
for, the vote round, notes, and its dependencies in words. The audience sees a round's
votes only once it is revealed; the presenter sees the tally as it is typed."""

from __future__ import annotations

from collections import Counter
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...assessment.scoring import consensus
from ...assessment.workshop import needed_by_in_words, needs_in_words
from . import style

COMPACT_BELOW = 900  # window height under which the side panels list less


def label(role: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel()
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.RichText)
    widget.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    if role:
        widget.setProperty("role", role)
    return widget


class CapabilitySlide(QWidget):
    def __init__(self, session, presenter: bool = False, parent=None):
        super().__init__(parent)
        self.session = session
        self.presenter = presenter
        self.listed = 3  # criteria, dependents and notes shown before "and N more"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = label("title")
        self.title.setAccessibleName("Capability")
        self.summary = label()
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        columns = QHBoxLayout()
        self.levels = label()
        self.levels.setAccessibleName("Levels")
        columns.addWidget(self.levels, 3)
        side = QVBoxLayout()
        self.votes = label("panel")
        self.votes.setAccessibleName("Vote round")
        self.criteria = label("panel")
        self.depends = label("panel")
        self.notes = label("panel")
        for widget in (self.votes, self.criteria, self.depends, self.notes):
            side.addWidget(widget)
        side.addStretch(1)
        columns.addLayout(side, 2)
        layout.addLayout(columns, 1)

    def set_compact(self, compact: bool) -> None:
        self.listed = 2 if compact else 4
        self.levels.setProperty("compact", "true" if compact else "false")
        self.levels.style().unpolish(self.levels)
        self.levels.style().polish(self.levels)

    def refresh(self) -> None:
        session = self.session
        document, cap = session.document, session.capability
        scores = document.scores
        now, target = scores.current.get(cap.id), scores.target(cap.id)
        scale = document.catalog.scale
        state = ("not applicable" if now is None
                 else f"now {now}" + (f" → target {target}" if target and target > now else ""))
        marks = " · skipped" if cap.id in session.skipped else ""
        badge = f"{escape(state)}{marks}"
        if self.listed < 3:  # compact: the state leads the summary, so long names stay on one line
            self.title.setText(escape(cap.name))
            self.summary.setText(f"<b style='color:{style.ACCENT}'>{badge[0].upper() + badge[1:]}.</b> "
                                 f"{escape(cap.summary)}")
        else:
            self.title.setText(f"{escape(cap.name)} <span style='font-size:60%; color:{style.MUTED}'>{badge}</span>")
            self.summary.setText(escape(cap.summary))

        rows = []
        for level in cap.levels:
            current = level.level == now
            colour = style.ACCENT if current else (style.TARGET if target is not None and level.level == target
                                                   else style.TEXT)
            mark = "▶ " if current else ""
            bg = f" bgcolor='{style.PANEL}'" if current else ""
            rows.append(f"<tr><td{bg} style='color:{colour}; font-weight:bold; padding-right:12px'>"
                        f"{mark}{level.level}</td><td{bg}><b style='color:{colour}'>{escape(scale.name(level.level))}"
                        f"</b> {escape(level.descriptor)}</td></tr>")
        self.levels.setText("<table cellspacing='4'>" + "".join(rows) + "</table>")
        self._show_votes()
        self._show_criteria(cap, now)
        needs = needs_in_words(document.catalog, cap.id)
        needed = needed_by_in_words(document.catalog, cap.id)
        lines = []
        if needs:
            lines.append("<b>Needs</b><br>" + _listed(needs, self.listed))
        if needed:
            lines.append(f"<b>Needed by</b> {len(needed)} capability steps" if self.listed < 3 else
                         "<b>Needed by</b><br>" + _listed(needed, self.listed - 1))
        self.depends.setText("<br>".join(lines) or "No dependencies either way.")
        entry = document.state.assessment().entries.get(cap.id)
        evidence = entry.evidence[-(self.listed - 1):] if entry else ()
        self.notes.setVisible(bool(evidence))
        self.notes.setText("<b>Notes</b><br>" + "<br>".join(f"• {escape(e.note)}" for e in evidence))

    def _show_criteria(self, cap, now) -> None:
        nxt = next((lv for lv in cap.levels if now is not None and lv.level == now + 1), None)
        self.criteria.setVisible(nxt is not None and bool(nxt.criteria))
        if nxt is not None:
            self.criteria.setText(f"<b>To reach level {nxt.level}</b><br>" + _listed(nxt.criteria, self.listed, "☐ "))

    def _show_votes(self) -> None:
        session = self.session
        open_round = session.round
        saved = session.document.state.assessment().votes.get(session.capability.id, ())
        if open_round is None:
            result = consensus(saved)
            self.votes.setText(f"<b>Votes</b> {_result(result)}<br>" if result else
                               "<b>No votes yet.</b> Press V to start a round.")
            return
        votes = open_round.round().votes()
        if not open_round.revealed:
            tally = (_tally(votes) + (" · " + ", ".join(escape(n) for n in open_round.named) if open_round.named
                                      else "")) if self.presenter else ""
            self.votes.setText(f"<span style='color:{style.ACCENT}'><b>Vote round open</b></span>: "
                               f"{len(votes)} vote(s) in, hidden until revealed"
                               + (f"<br>{tally}" if tally else ""))
            return
        self.votes.setText(f"<span style='color:{style.ACCENT}'><b>Revealed</b></span>: {_tally(votes)}<br>"
                           f"{_result(consensus(votes))}")


def _listed(lines, count: int, bullet: str = "") -> str:
    shown = [bullet + escape(line) for line in lines[:count]]
    if len(lines) > count:
        shown.append(f"and {len(lines) - count} more")
    return "<br>".join(shown)


def _tally(votes) -> str:
    count = Counter(v.level for v in votes)
    return " ".join(f"<b>{level}</b>:{'●' * count[level]}" for level in sorted(count)) or "no votes"


def _result(result) -> str:
    flag = (f" <span style='color:{style.ALERT}'><b>⚑ disagreement</b></span> (2+ levels apart)"
            if result.disagreement else "")
    return f"median <b>{result.median:g}</b>, spread {result.spread}, {result.count} vote(s){flag}"
