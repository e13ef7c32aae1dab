"""The evidence and votes sections of the assessment panel."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout)

from .. import edits, theme
from ..models.evidence import ID_ROLE, LINK_ROLE, EvidenceModel, VotesModel, safe_link


def _table(model, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.horizontalHeader().setStretchLastSection(True)
    table.setMinimumHeight(90)
    table.setMaximumHeight(170)
    return table


class EvidenceSection(QGroupBox):
    def __init__(self, document, parent=None):
        super().__init__("Evidence", parent)
        self.document = document
        self.capability: str | None = None
        self.setToolTip("Notes that show why the level is what it is, with links to documents or dashboards")
        layout = QVBoxLayout(self)
        self.model = EvidenceModel(document, self)
        self.table = _table(self.model, "Evidence notes")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.doubleClicked.connect(self._open_link)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setPlaceholderText("What shows this level? e.g. Airflow DAGs run nightly")
        self.note.setAccessibleName("New evidence note")
        self.note.returnPressed.connect(self.add)
        self.link = QLineEdit()
        self.link.setPlaceholderText("https://… (optional)")
        self.link.setAccessibleName("Link for the new evidence note")
        self.link.returnPressed.connect(self.add)
        self.add_button = QPushButton("Add note")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the selected note (Delete)")
        self.remove_button.clicked.connect(self.remove)
        row.addWidget(self.note, 3)
        row.addWidget(self.link, 2)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove,
                  context=Qt.ShortcutContext.WidgetShortcut)

    def set_capability(self, capability: str | None) -> None:
        self.capability = capability
        self.model.set_capability(capability)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def set_writable(self, writable: bool) -> None:
        for widget in (self.note, self.link, self.add_button, self.remove_button):
            widget.setEnabled(writable)

    def add(self) -> None:
        if self.capability and edits.add_evidence(self.document, self.capability, self.note.text(), self.link.text()):
            self.note.clear()
            self.link.clear()
            self.note.setFocus()

    def remove(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            edits.remove_evidence(self.document, self.model.data(index, ID_ROLE))

    def _open_link(self, index) -> None:
        link = self.model.data(index, LINK_ROLE)
        if link and safe_link(link):
            QDesktopServices.openUrl(QUrl(link))


class VotesSection(QGroupBox):
    def __init__(self, document, parent=None):
        super().__init__("Votes", parent)
        self.document = document
        self.capability: str | None = None
        self.setToolTip("Each participant's level. The consensus is the median; votes 2 or more levels apart "
                        "are flagged as a disagreement worth discussing.")
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Vote summary")
        layout.addWidget(self.summary)
        self.model = VotesModel(document, self)
        self.table = _table(self.model, "Votes")
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.participant = QComboBox()
        self.participant.setEditable(True)
        self.participant.setAccessibleName("Participant")
        self.participant.lineEdit().setPlaceholderText("Participant")
        self.level = QComboBox()
        self.level.setAccessibleName("Voted level")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Why (optional)")
        self.note.setAccessibleName("Vote note")
        self.note.returnPressed.connect(self.add)
        self.add_button = QPushButton("Add vote")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the selected vote (Delete)")
        self.remove_button.clicked.connect(self.remove)
        for widget, stretch in ((self.participant, 2), (self.level, 1), (self.note, 2), (self.add_button, 0),
                                (self.remove_button, 0)):
            row.addWidget(widget, stretch)
        layout.addLayout(row)
        self.accept_button = QPushButton("Accept the median as the level")
        self.accept_button.setToolTip("Set the capability's level to the votes' median (rounded down)")
        self.accept_button.clicked.connect(self.accept_median)
        layout.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignLeft)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.remove,
                  context=Qt.ShortcutContext.WidgetShortcut)

    def set_capability(self, cap) -> None:
        self.capability = cap.id if cap else None
        self.model.set_capability(self.capability)
        self.level.clear()
        if cap is not None:
            scale = self.document.catalog.scale
            for level in cap.levels:
                self.level.addItem(f"{level.level} {scale.name(level.level)}", level.level)
        self.update_values()

    def set_writable(self, writable: bool) -> None:
        for widget in (self.participant, self.level, self.note, self.add_button, self.remove_button,
                       self.accept_button):
            widget.setEnabled(writable)

    def update_values(self) -> None:
        if self.capability is None:
            return
        people = sorted({v.participant for votes in self.document.state.assessment().votes.values() for v in votes})
        typed = self.participant.currentText()
        self.participant.blockSignals(True)
        self.participant.clear()
        self.participant.addItems(people)
        self.participant.setCurrentText(typed)
        self.participant.blockSignals(False)
        agreed = self.document.scores.consensus.get(self.capability)
        if agreed is None:
            self.summary.setText("No votes yet. Add each participant's level to see the consensus.")
            self.accept_button.setEnabled(False)
            return
        c = theme.colours(self)
        flag = (f" <span style='color:{c.critical}'><b>⚑ Disagreement:</b> votes are {agreed.spread} levels "
                "apart; discuss before settling</span>") if agreed.disagreement else ""
        self.summary.setText(f"<b>Median {agreed.median:g}</b> from {agreed.count} votes, spread {agreed.spread}."
                             + flag)
        self.accept_button.setEnabled(not self.document.read_only)

    def add(self) -> None:
        who = self.participant.currentText().strip()
        if self.capability and edits.set_vote(self.document, self.capability, who, self.level.currentData(),
                                              self.note.text().strip()):
            self.note.clear()
            self.participant.setCurrentText("")
            self.participant.setFocus()

    def remove(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            edits.set_vote(self.document, self.capability, self.model.data(index, ID_ROLE), None)

    def accept_median(self) -> None:
        agreed = self.document.scores.consensus.get(self.capability)
        if agreed is not None:
            edits.set_level(self.document, self.capability, agreed.level)
