"""One card per maturity framework: where the organisation is now, where the targets
take it, and what the next level still needs."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from .. import theme

SHOWN_UNMET = 3

FRAMEWORK_TIPS = {
    "google": "Google Cloud's MLOps levels: 0 manual process, 1 ML pipeline automation (continuous training), "
              "2 CI/CD pipeline automation.",
    "microsoft": "Microsoft's MLOps maturity model, levels 0-4: from no MLOps to full MLOps automated operations.",
    "stages": "A five-stage maturity scale: Ad hoc, Repeatable, Defined, Managed, Optimized.",
    "nlh": "A quick three-step reading: No MLOps, Low MLOps, High MLOps.",
}


class LevelSteps(QWidget):
    """The framework's levels as steps: filled up to now, outlined up to the target."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.levels: list[int] = []
        self.now = 0
        self.target = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(160, int(QFontMetricsF(self.font()).height() * 1.3))

    def set_levels(self, levels: list[int], now: int, target: int) -> None:
        self.levels, self.now, self.target = levels, now, target
        self.update()

    def paintEvent(self, event) -> None:
        if not self.levels:
            return
        c = theme.colours(self)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetricsF(self.font())
        gap = 4.0
        width = (self.width() - gap * (len(self.levels) - 1)) / len(self.levels)
        for i, level in enumerate(self.levels):
            box = QRectF(i * (width + gap), 1, width, self.height() - 2)
            if level <= self.now:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(c.q("current"))
                text = c.q("accent_text") if not c.dark else c.q("base")
            elif level <= self.target:
                painter.setPen(QPen(c.q("target"), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                text = c.q("text")
            else:
                painter.setPen(QPen(c.q("border"), 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                text = c.q("muted")
            painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 3, 3)
            painter.setPen(text)
            painter.drawText(QPointF(box.center().x() - fm.horizontalAdvance(str(level)) / 2,
                                     box.center().y() + fm.ascent() / 2 - 1), str(level))
        painter.end()


class CrosswalkCard(QFrame):
    def __init__(self, framework, parent=None):
        super().__init__(parent)
        self.framework = framework
        self.setProperty("card", "true")
        self.setToolTip(FRAMEWORK_TIPS.get(framework.id, framework.description or framework.name))
        self.setAccessibleName(f"{framework.name}: attainment")
        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        title = QLabel(framework.name)
        title.setProperty("heading", "2")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.steps = LevelSteps()
        layout.addWidget(self.steps)
        self.now = QLabel()
        self.now.setWordWrap(True)
        layout.addWidget(self.now)
        self.next = QLabel()
        self.next.setWordWrap(True)
        self.next.setProperty("muted", "true")
        self.next.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.next)
        layout.addStretch(1)

    def show_attainment(self, attainment, catalog) -> None:
        levels = [fl.level for fl in self.framework.levels]
        self.steps.set_levels(levels, attainment.now, attainment.target)
        now = f"<b>Now:</b> level {attainment.now}, {escape(attainment.now_name)}"
        if attainment.target > attainment.now:
            now += f"<br><b>Target:</b> level {attainment.target}, {escape(attainment.target_name)}"
        else:
            now += f"<br><b>Target:</b> stays at level {attainment.now}"
        self.now.setText(now)
        if attainment.next_level is None:
            self.next.setText("The top of this scale.")
            self.next.setToolTip("")
            return
        names = {c.id: c.name for c in catalog.capabilities}
        unmet = [f"{escape(names.get(u.capability, u.capability))} at {u.required} (now {u.current})"
                 for u in attainment.next_unmet]
        head = f"Level {attainment.next_level} still needs:"
        shown = unmet[:SHOWN_UNMET] + ([f"and {len(unmet) - SHOWN_UNMET} more"] if len(unmet) > SHOWN_UNMET else [])
        self.next.setText(head + "<br>• " + "<br>• ".join(shown) if unmet else head + " nothing more")
        self.next.setToolTip("<br>".join([head, *unmet]))
        self.setAccessibleDescription(f"Now level {attainment.now}, target {attainment.target}. "
                                      f"{head} {'; '.join(unmet)}")


