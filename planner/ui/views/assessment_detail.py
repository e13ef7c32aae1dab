"""The panel that assesses one capability: what it is, its level, criteria, target,
confidence, not applicable, evidence and votes."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QRadioButton,
                               QVBoxLayout, QWidget)

from ...assessment.model import CONFIDENCES
from .. import edits
from .assessment_evidence import EvidenceSection, VotesSection
from .assessment_level import LevelSection

CONFIDENCE_TIPS = {
    "low": "A guess, or one person's view without evidence",
    "medium": "Some evidence, or a few people agree",
    "high": "Checked against evidence (dashboards, repositories, runbooks)",
}


class DetailPanel(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.cap = None
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.title = QLabel()
        self.title.setProperty("heading", "1")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.subtitle = QLabel()
        self.subtitle.setProperty("muted", "true")
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.subtitle)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        self.level = LevelSection(document)
        layout.addWidget(self.level)

        sure = QGroupBox("Confidence")
        sure.setToolTip("How sure you are of the level; low-confidence levels are listed as risks in the PDF")
        sure_layout = QHBoxLayout(sure)
        self.confidence = QButtonGroup(self)
        for index, value in enumerate(CONFIDENCES):
            button = QRadioButton(value.capitalize())
            button.setToolTip(CONFIDENCE_TIPS[value])
            button.setAccessibleName(f"Confidence {value}")
            self.confidence.addButton(button, index)
            sure_layout.addWidget(button)
        sure_layout.addStretch(1)
        self.confidence.idClicked.connect(
            lambda i: edits.set_confidence(self.document, self.cap.id, CONFIDENCES[i]))
        layout.addWidget(sure)

        na = QGroupBox("Not applicable")
        na.setToolTip("A capability the organisation does not need: it leaves the averages and the roadmap, "
                      "and framework requirements on it count as met")
        na_layout = QHBoxLayout(na)
        self.not_applicable = QCheckBox("Not applicable here, because:")
        self.not_applicable.setAccessibleName("Not applicable")
        self.not_applicable.toggled.connect(self._na_toggled)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("say why (required), then press Enter")
        self.reason.setAccessibleName("Why it is not applicable")
        self.reason.returnPressed.connect(self._na_reason)
        self.reason.editingFinished.connect(self._na_reason)
        na_layout.addWidget(self.not_applicable)
        na_layout.addWidget(self.reason, 1)
        layout.addWidget(na)

        self.evidence = EvidenceSection(document)
        layout.addWidget(self.evidence)
        self.votes = VotesSection(document)
        layout.addWidget(self.votes)
        layout.addStretch(1)

    def set_capability(self, cap) -> None:
        self.cap = cap
        self.setVisible(cap is not None)
        if cap is None:
            return
        self.level.set_capability(cap)
        self.evidence.set_capability(cap.id)
        self.votes.set_capability(cap)
        self.reason.clear()
        self.update_values()

    def update_values(self) -> None:
        cap, document = self.cap, self.document
        if cap is None:
            return
        catalog = document.catalog
        dim = next((d.name for d in catalog.dimensions if d.id == cap.dimension), cap.dimension)
        tags = {t.id: t.name for t in catalog.tags}
        entry = document.state.assessment().entries.get(cap.id)
        who = f" · assessed by {escape(entry.assessed_by)} on {entry.assessed_at[:10]}" if entry and entry.assessed_by else ""
        self.title.setText(escape(cap.name))
        self.subtitle.setText(escape(dim) + (" · " + ", ".join(escape(tags.get(t, t)) for t in cap.tags)
                                             if cap.tags else "") + who)
        self.summary.setText(escape(cap.summary))
        self.level.update_values()
        confidence = entry.confidence if entry else "medium"
        writable = not document.read_only
        for index, button in enumerate(self.confidence.buttons()):
            button.blockSignals(True)
            button.setChecked(CONFIDENCES[index] == confidence)
            button.setEnabled(writable)
            button.blockSignals(False)
        na = bool(entry and entry.not_applicable)
        self.not_applicable.blockSignals(True)
        self.not_applicable.setChecked(na)
        self.not_applicable.setEnabled(writable)
        self.not_applicable.blockSignals(False)
        if na and not self.reason.hasFocus():
            self.reason.setText(entry.na_reason)
        self.reason.setEnabled(writable)
        self.evidence.set_writable(writable)
        self.votes.set_writable(writable)
        self.votes.update_values()

    def _na_toggled(self, on: bool) -> None:
        if not on:
            edits.set_not_applicable(self.document, self.cap.id, False)
        elif self.reason.text().strip():
            edits.set_not_applicable(self.document, self.cap.id, True, self.reason.text().strip())
        else:
            self.reason.setFocus()  # applied once the reason is typed

    def _na_reason(self) -> None:
        text = self.reason.text().strip()
        entry = self.document.state.assessment().entries.get(self.cap.id) if self.cap else None
        if not (self.cap and self.not_applicable.isChecked() and text):
            return
        if entry is None or not entry.not_applicable or entry.na_reason != text:
            edits.set_not_applicable(self.document, self.cap.id, True, text)
