"""The level section of the assessment panel: the level picker with each level's
descriptor, the criteria checklist that derives a level, the target and the priority.

Widgets are built per capability (levels and criteria differ); a change of the plan
only updates their values, with signals blocked, so focus and typing are never lost.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QRadioButton, QVBoxLayout, QWidget)

from ... import words
from .. import edits
from ...assessment.scoring import level_from_criteria

DERIVED = 1000  # the radio button id of "derive the level from the criteria" (-1 would mean "any id")


class ClickLabel(QLabel):
    """Wrapped text beside a radio button or check box that clicks it (Qt's buttons do
    not wrap their own text)."""

    def __init__(self, text: str, button, muted: bool = True):
        super().__init__(text)
        self.button = button
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        if muted:
            self.setProperty("muted", "true")

    def mousePressEvent(self, event) -> None:
        if self.button.isEnabled():
            self.button.click()
        super().mousePressEvent(event)


class LevelSection(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.capability = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.levels_box = QGroupBox("Level now")
        self.levels_box.setToolTip("Pick the level that describes the organisation today, or let the criteria "
                                   "below derive it. A level counts only when every lower level holds too.")
        self.levels_grid = QGridLayout(self.levels_box)
        self.levels_grid.setColumnStretch(1, 1)
        layout.addWidget(self.levels_box)
        self.group = QButtonGroup(self)
        self.group.idClicked.connect(self._level_clicked)

        targets = QHBoxLayout()
        self.target = QComboBox()
        self.target.setAccessibleName("Target level")
        self.target.setToolTip("The level this capability should reach. Framework targets and other "
                               "capabilities' needs can raise it further.")
        self.target.activated.connect(self._target_chosen)
        target_label = QLabel("&Target:")
        target_label.setBuddy(self.target)
        targets.addWidget(target_label)
        targets.addWidget(self.target)
        self.priority = QComboBox()
        self.priority.setAccessibleName("Business priority")
        self.priority.setToolTip("Business priority, 1 (lowest) to 5 (highest): the roadmap finishes "
                                 "higher-priority capabilities sooner")
        for value in range(1, 6):
            self.priority.addItem(f"{value}{' (default)' if value == 3 else ''}", value)
        self.priority.activated.connect(self._priority_chosen)
        priority_label = QLabel("&Priority:")
        priority_label.setBuddy(self.priority)
        targets.addSpacing(12)
        targets.addWidget(priority_label)
        targets.addWidget(self.priority)
        targets.addStretch(1)
        layout.addLayout(targets)
        self.origin = QLabel()
        self.origin.setWordWrap(True)
        self.origin.setProperty("muted", "true")
        layout.addWidget(self.origin)

        self.criteria_box = QGroupBox("Criteria")
        self.criteria_box.setToolTip("Tick what holds today. With no level picked, the level is the highest one "
                                     "whose criteria, and those of every level below, are all met.")
        self.criteria_layout = QGridLayout(self.criteria_box)
        self.criteria_layout.setColumnStretch(1, 1)
        layout.addWidget(self.criteria_box)
        self.checks: dict[tuple[int, int], QCheckBox] = {}
        self.derived: QLabel | None = None

    # -- building ---------------------------------------------------------------------------

    def set_capability(self, cap) -> None:
        self.capability = cap
        _clear(self.levels_grid)
        for button in self.group.buttons():
            self.group.removeButton(button)
        scale = self.document.catalog.scale
        for row, level in enumerate(cap.levels):
            button = QRadioButton(f"{level.level}  {scale.name(level.level)}")
            button.setAccessibleName(f"Level {level.level}, {scale.name(level.level)}")
            button.setToolTip(level.descriptor)
            self.group.addButton(button, level.level)
            self.levels_grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            self.levels_grid.addWidget(ClickLabel(level.descriptor, button), row, 1)
        derived = QRadioButton("From the criteria")
        derived.setAccessibleName("Derive the level from the criteria")
        derived.setToolTip("No level picked: the criteria ticked below give the level")
        self.group.addButton(derived, DERIVED)
        self.derived = QLabel()
        self.derived.setProperty("muted", "true")
        self.levels_grid.addWidget(derived, len(cap.levels), 0)
        self.levels_grid.addWidget(self.derived, len(cap.levels), 1)

        self.target.clear()
        self.target.addItem("No target of its own", None)
        for level in cap.levels:
            self.target.addItem(f"{level.level}  {scale.name(level.level)}", level.level)

        _clear(self.criteria_layout)
        self.checks = {}
        row = 0
        for level in cap.levels:
            if not level.criteria:
                continue
            title = QLabel(f"<b>Level {level.level}</b> {scale.name(level.level)}")
            self.criteria_layout.addWidget(title, row, 0, 1, 2)
            row += 1
            for index, text in enumerate(level.criteria):
                check = QCheckBox()
                check.setAccessibleName(f"Level {level.level} criterion {index + 1}: {text}")
                check.toggled.connect(lambda on, lv=level.level, i=index: self._criterion(lv, i, on))
                self.criteria_layout.addWidget(check, row, 0, Qt.AlignmentFlag.AlignTop)
                self.criteria_layout.addWidget(ClickLabel(text, check, muted=False), row, 1)
                self.checks[(level.level, index)] = check
                row += 1
        self.update_values()

    # -- values -----------------------------------------------------------------------------

    def update_values(self) -> None:
        cap, document = self.capability, self.document
        if cap is None:
            return
        entry = document.state.assessment().entries.get(cap.id)
        current = document.scores.current.get(cap.id)
        met = entry.criteria_met if entry else frozenset()
        from_criteria = level_from_criteria(cap, met)
        picked = entry.level if entry and entry.level is not None else None
        writable = not document.read_only and current is not None
        checked = picked if picked is not None else (DERIVED if met else None)
        for button in self.group.buttons():
            button.blockSignals(True)
            button.setChecked(self.group.id(button) == checked)
            button.setEnabled(writable)
            button.blockSignals(False)
        if checked is None:  # nothing picked or ticked yet: votes or the lowest level apply
            self.group.setExclusive(False)
            for button in self.group.buttons():
                button.setChecked(False)
            self.group.setExclusive(True)
        self.derived.setText(f"The criteria give level {from_criteria}")
        self.levels_box.setTitle("Level now: not applicable" if current is None else f"Level now: {current}")
        for (level, index), check in self.checks.items():
            check.blockSignals(True)
            check.setChecked((level, index) in met)
            check.setEnabled(writable)
            check.blockSignals(False)
        own = document.state.targets.get(cap.id)
        self.target.setCurrentIndex(self.target.findData(own) if own is not None else 0)
        self.target.setEnabled(writable)
        priority = document.state.priorities.get(cap.id, 3)
        self.priority.setCurrentIndex(self.priority.findData(priority))
        self.priority.setEnabled(not document.read_only)
        self.origin.setText(self._origin_text(cap, current))

    def _origin_text(self, cap, current) -> str:
        scores = self.document.scores
        if current is None:
            return "Not applicable: no target."
        target = scores.target(cap.id)
        origin = scores.targets.origin.get(cap.id, "current")
        if target is None or target <= current:
            return "No gap: the effective target is the current level."
        if origin.startswith("framework:"):
            fw_id, _, level = origin.split(":", 1)[1].partition(" ")
            name = self.document.catalog.framework(fw_id).name
            return f"Effective target {target}: {words.framework_level(name, level)} needs it."
        if origin == "prerequisite":
            raise_ = next((r for r in reversed(scores.targets.raises) if r.capability == cap.id), None)
            if raise_ is not None:
                need_cap, _, need_level = raise_.because.partition("@")
                name = self.document.catalog.capability(need_cap).name
                return f"Effective target {target}: {name} at level {need_level} needs it ({raise_.reason.rstrip('.')})."
        return f"Effective target {target}: your target."

    # -- edits ------------------------------------------------------------------------------

    def _level_clicked(self, level: int) -> None:
        edits.set_level(self.document, self.capability.id, None if level == DERIVED else level)

    def _criterion(self, level: int, index: int, on: bool) -> None:
        edits.set_criterion(self.document, self.capability.id, level, index, on)

    def _target_chosen(self, index: int) -> None:
        edits.set_target(self.document, self.capability.id, self.target.itemData(index))

    def _priority_chosen(self, index: int) -> None:
        value = self.priority.itemData(index)
        edits.set_priority(self.document, self.capability.id, None if value == 3 else value)


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())
