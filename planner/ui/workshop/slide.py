"""The capability slide: the capability, its level descriptors, what the next level asks
for, the vote round, notes, and its dependencies in words. The audience sees a round's
votes only once it is revealed; the presenter sees the tally as it is typed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ... import words
from ...assessment.notes import distinct
from ...assessment.scoring import consensus
from ...assessment.workshop import needed_by_in_words, needs_in_words
from . import style

COMPACT_BELOW = 900  # window height under which the side panels list less
CURRENT, TARGET = "current", "target"


def label(role: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel()
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.RichText)
    widget.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    if role:
        widget.setProperty("role", role)
    return widget


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    descriptor: str
    kind: str = ""  # CURRENT, TARGET or ""


class LevelCards(QWidget):
    """The levels as cards that fill their column: the text is set as large as fits, from
    0.8 to 1.5 times the body text, so the slide uses its height at any window size. The
    size is worked out when painting, from the space the layout gives (the cards never
    ask for space themselves), so fitting never moves the layout."""

    SMALLEST, LARGEST = 0.8, 1.5

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.setAccessibleName("Levels")
        self.levels: tuple[Level, ...] = ()
        self.base = 18
        self._fitted: tuple | None = None  # (key, px, [card rects], [documents], gutter)

    def set_levels(self, levels, base: int) -> None:
        levels = tuple(levels)
        if (levels, base) != (self.levels, self.base):
            self.levels, self.base, self._fitted = levels, base, None
            self.setAccessibleDescription("\n".join(f"{lv.number} {lv.name}: {lv.descriptor}"
                                                    + (f" ({lv.kind})" if lv.kind else "") for lv in levels))
            self.update()

    def text(self) -> str:
        return self.accessibleDescription()

    # -- fitting ------------------------------------------------------------------------

    def _font(self, px: int, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(px)
        font.setBold(bold)
        return font

    def _document(self, level: Level, px: int, width: float, look: style.Look) -> QTextDocument:
        colour = {CURRENT: look.accent, TARGET: look.target}.get(level.kind, look.text)
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self._font(px))
        document.setHtml(f"<span style='color:{look.text}'><b style='color:{colour}'>{escape(level.name)}</b> "
                         f"{escape(level.descriptor)}</span>")
        document.setTextWidth(max(1.0, width))
        return document

    def _layout(self, px: int, width: float, look: style.Look):
        pad_x, pad_y, gap = px * 0.5, px * 0.3, px * 0.3
        gutter = QFontMetricsF(self._font(px, True)).horizontalAdvance("▶ 4") + pad_x
        documents = [self._document(lv, px, width - gutter - 2 * pad_x, look) for lv in self.levels]
        heights = [d.size().height() + 2 * pad_y for d in documents]
        return documents, heights, gutter, gap

    def fitted(self):
        """(text px, card rectangles, documents, gutter) for the present size."""
        look = style.of(self)
        key = (self.width(), self.height(), look, self.levels, self.base)
        if self._fitted is None or self._fitted[0] != key:
            width, height = float(self.width()), float(self.height())
            low, high = max(12, int(self.base * self.SMALLEST)), int(self.base * self.LARGEST)
            best = low
            while low <= high:  # the largest size whose cards fit the height
                middle = (low + high) // 2
                documents, heights, _, gap = self._layout(middle, width, look)
                if sum(heights) + gap * (len(heights) - 1) <= height:
                    best, low = middle, middle + 1
                else:
                    high = middle - 1
            documents, heights, gutter, gap = self._layout(best, width, look)
            spare = height - sum(heights) - gap * (len(heights) - 1)
            grow = max(0.0, min((spare - 0.01) / max(1, len(heights)), best * 0.9))  # roomier cards, no gap below
            rects, top = [], 0.0
            for h in heights:
                rects.append(QRectF(0, top, width, h + grow))
                top += h + grow + gap
            self._fitted = (key, best, rects, documents, gutter)
        return self._fitted[1:]

    def used_height(self) -> float:
        """How far down the cards reach."""
        _, rects, _, _ = self.fitted()
        return rects[-1].bottom() if rects else 0.0

    def text_px(self) -> int:
        return self.fitted()[0]

    # -- painting -----------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        if not self.levels:
            return
        look = style.of(self)
        px, rects, documents, gutter = self.fitted()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = px / 3
        for level, rect, document in zip(self.levels, rects, documents):
            inner = rect.adjusted(1.5, 1.5, -1.5, -1.5)
            if level.kind == CURRENT:
                painter.setPen(QPen(QColor(look.accent), 3))
                painter.setBrush(QColor(look.panel))
            elif level.kind == TARGET:
                painter.setPen(QPen(QColor(look.target), 2, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(look.panel))
            painter.drawRoundedRect(inner, radius, radius)
            text_h = document.size().height()
            top = rect.top() + (rect.height() - text_h) / 2
            colour = {CURRENT: look.accent, TARGET: look.target}.get(level.kind, look.text)
            painter.setPen(QColor(colour))
            painter.setFont(self._font(px, True))
            ascent = QFontMetricsF(painter.font()).ascent()
            painter.drawText(QPointF(rect.left() + px * 0.5, top + ascent),
                             ("▶ " if level.kind == CURRENT else "") + str(level.number))
            painter.save()
            painter.translate(rect.left() + px * 0.5 + gutter, top)
            document.drawContents(painter)
            painter.restore()
        painter.end()


class CapabilitySlide(QWidget):
    def __init__(self, session, presenter: bool = False, parent=None):
        super().__init__(parent)
        self.session = session
        self.presenter = presenter
        self.listed = 3  # criteria, dependents and notes shown before "and N more"
        self.base = 18
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = label("title")
        self.title.setAccessibleName("Capability")
        self.summary = label()
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        columns = QHBoxLayout()
        self.levels = LevelCards()
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

    def set_compact(self, compact: bool, base: int = 18) -> None:
        self.listed = 2 if compact else 4
        self.base = base

    def refresh(self) -> None:
        session = self.session
        look = style.of(self)
        document, cap = session.document, session.capability
        scores = document.scores
        now, target = scores.current.get(cap.id), scores.target(cap.id)
        scale = document.catalog.scale
        when = session.scored_here(cap.id)
        state = (f"not applicable ({when})" if now is None
                 else f"level {now} ({when})" + (f" → target {target}" if target and target > now else ""))
        marks = " · skipped" if cap.id in session.skipped else ""
        badge = f"{escape(state)}{marks}"
        if self.listed < 3:  # compact: the state leads the summary, so long names stay on one line
            self.title.setText(escape(cap.name))
            self.summary.setText(f"<b style='color:{look.accent}'>{badge[0].upper() + badge[1:]}.</b> "
                                 f"{escape(cap.summary)}")
        else:
            self.title.setText(f"{escape(cap.name)} <span style='font-size:60%; color:{look.muted}'>{badge}</span>")
            self.summary.setText(escape(cap.summary))

        self.levels.set_levels((Level(lv.level, scale.name(lv.level), lv.descriptor,
                                      CURRENT if lv.level == now else
                                      TARGET if target is not None and lv.level == target else "")
                                for lv in cap.levels), self.base)
        self._show_votes(look)
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
        evidence = shown_notes(entry.evidence if entry else (), self.listed - 1)
        self.notes.setVisible(bool(evidence))
        self.notes.setText("<b>Notes</b><br>" + "<br>".join(f"• {escape(e.note)}" for e in evidence))

    def _show_criteria(self, cap, now) -> None:
        nxt = next((lv for lv in cap.levels if now is not None and lv.level == now + 1), None)
        self.criteria.setVisible(nxt is not None and bool(nxt.criteria))
        if nxt is not None:
            self.criteria.setText(f"<b>To reach level {nxt.level}</b><br>" + _listed(nxt.criteria, self.listed, "☐ "))

    def _show_votes(self, look: style.Look) -> None:
        session = self.session
        open_round = session.round
        saved = session.document.state.assessment().votes.get(session.capability.id, ())
        if open_round is None:
            result = consensus(saved)
            self.votes.setText(f"<b>Votes</b> {_tally(saved)}<br>{_result(result, look)}" if result else
                               "<b>No votes yet.</b> Press V to start a round.")
            return
        votes = open_round.round().votes()
        if not open_round.revealed:
            tally = (_tally(votes) + (" · " + ", ".join(escape(n) for n in open_round.named) if open_round.named
                                      else "")) if self.presenter else ""
            self.votes.setText(f"<span style='color:{look.accent}'><b>Vote round open</b></span>: "
                               f"{words.count(len(votes), 'vote')} in, hidden until revealed"
                               + (f"<br>{tally}" if tally else ""))
            return
        self.votes.setText(f"<span style='color:{look.accent}'><b>Revealed</b></span>: {_tally(votes)}<br>"
                           f"{_result(consensus(votes), look)}")


def shown_notes(evidence, count: int) -> list:
    """The newest `count` notes, oldest first, each said once (assessment/notes.py), and
    a vote round's note left to the votes panel, which shows that round."""
    kept = [n for n in distinct(evidence) if not (n.added_by == "workshop" and n.note.startswith("Vote round:"))]
    return kept[-count:] if count > 0 else []


def _listed(lines, count: int, bullet: str = "") -> str:
    shown = [bullet + escape(line) for line in lines[:count]]
    if len(lines) > count:
        shown.append(f"and {len(lines) - count} more")
    return "<br>".join(shown)


def _tally(votes) -> str:
    count = Counter(v.level for v in votes)
    return " ".join(f"<b>{level}</b>:{'●' * count[level]}" for level in sorted(count)) or "no votes"


def _result(result, look: style.Look) -> str:
    flag = (f" <span style='color:{look.alert}'><b>⚑ disagreement</b></span> (2+ levels apart)"
            if result.disagreement else "")
    return f"median <b>{result.median:g}</b>, spread {result.spread}, {words.count(result.count, 'vote')}{flag}"
