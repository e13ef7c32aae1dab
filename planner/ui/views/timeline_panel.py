"""The roadmap's side panel: the constraints (start, time unit, budget, capacity per
role), the selected step and why it sits where it does, and the excluded steps."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout)

from ... import words
from .. import edits
from ..clock import today

BUDGET_STEP = 10_000


class ConstraintsPanel(QGroupBox):
    def __init__(self, document, parent=None):
        super().__init__("Constraints", parent)
        self.document = document
        self.setToolTip("What the planner must respect. Every change re-plans at once and can be undone.")
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.start.setAccessibleName("Start date")
        self.start.setToolTip("When the roadmap starts; periods are counted from here")
        self.start.editingFinished.connect(self._start_changed)
        form.addRow("&Start:", self.start)
        self.status = QDateEdit()
        self.status.setCalendarPopup(True)
        self.status.setDisplayFormat("yyyy-MM-dd")
        self.status.setAccessibleName("Status date")
        self.status.setToolTip("The day progress is reported to: what is done is kept, what is left is planned "
                               "from here. Today when not set; it matters once a step is marked started, done or "
                               "dropped (right-click a step).")
        self.status.editingFinished.connect(self._status_changed)
        self._status_shown = None  # the day show_settings put there: an edit only when it differs
        form.addRow("Status &date:", self.status)
        self.unit = QComboBox()
        self.unit.addItem("Months", "month")
        self.unit.addItem("Weeks", "week")
        self.unit.setAccessibleName("Time unit")
        self.unit.setToolTip("Plan by month or by week. Capacity and budget are per period of this unit.")
        self.unit.activated.connect(lambda i: edits.set_setting(self.document, "time_unit", self.unit.itemData(i)))
        form.addRow("&Periods:", self.unit)
        self.budget = QDoubleSpinBox()
        self.budget.setRange(-BUDGET_STEP, 1e9)
        self.budget.setSingleStep(BUDGET_STEP)
        self.budget.setDecimals(0)
        self.budget.setGroupSeparatorShown(True)
        self.budget.setSpecialValueText("No limit")
        self.budget.setKeyboardTracking(False)
        self.budget.setAccessibleName("Budget per period")
        self.budget.setToolTip("One-time spend allowed per period (effort by the role rates, estimates). "
                               "Step below zero for no limit.")
        self.budget.valueChanged.connect(self._budget_changed)
        form.addRow("&Budget per period:", self.budget)
        self.roles: dict[str, QDoubleSpinBox] = {}
        for role in document.catalog.roles:
            box = QDoubleSpinBox()
            box.setRange(0, 100)
            box.setSingleStep(0.5)
            box.setDecimals(1)
            box.setSuffix(" FTE")
            box.setKeyboardTracking(False)
            box.setAccessibleName(f"Capacity of {role.name}")
            box.setToolTip(f"People (full-time equivalents) of {role.name} available for roadmap work per period")
            box.valueChanged.connect(lambda value, r=role.id: edits.set_capacity(self.document, r, value))
            form.addRow(f"{role.name}:", box)
            self.roles[role.id] = box

    def show_settings(self, settings, currency: str) -> None:
        """Effective values (the scenario's, when one is shown), with signals blocked."""
        widgets = [self.start, self.status, self.unit, self.budget, *self.roles.values()]
        for widget in widgets:
            widget.blockSignals(True)
        day = settings.start_date
        self.start.setDate(QDate(day.year, day.month, day.day))
        status = settings.status_date or today()
        self.status.setDate(QDate(status.year, status.month, status.day))
        self._status_shown = self.status.date()
        self.unit.setCurrentIndex(self.unit.findData(settings.time_unit))
        budget = settings.budget_per_period
        self.budget.setSuffix(f" {currency}")
        self.budget.setValue(self.budget.minimum() if budget is None else budget.at(0))
        self.budget.setEnabled(budget is None or not budget.varying)  # a per-period list is edited from the CLI
        for role, box in self.roles.items():
            value = settings.capacity.get(role)
            box.setValue(0.0 if value is None else value.at(0))
            box.setEnabled(value is None or not value.varying)
        for widget in widgets:
            widget.blockSignals(False)
            if self.document.read_only:
                widget.setEnabled(False)

    def _start_changed(self) -> None:
        day = self.start.date().toString("yyyy-MM-dd")
        current = self.document.roadmap.settings.start_date.isoformat() if self.document.roadmap else None
        if day != current:
            edits.set_setting(self.document, "start_date", day)

    def _status_changed(self) -> None:
        if self.status.date() != self._status_shown:
            self._status_shown = self.status.date()
            edits.set_setting(self.document, "status_date", self.status.date().toString("yyyy-MM-dd"))

    def _budget_changed(self, value: float) -> None:
        edits.set_setting(self.document, "budget_per_period", None if value < 0 else value)


class StepPanel(QGroupBox):
    """The selected step: when, how, what it costs, and why it sits there."""

    options_requested = Signal(str)
    pin_requested = Signal(str, object)

    def __init__(self, parent=None):
        super().__init__("Selected step", parent)
        layout = QVBoxLayout(self)
        self.text = QLabel("Select a step in the chart to see why it sits where it does.")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Why the selected step sits where it does")
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.options = QPushButton("Build, adopt or buy…")
        self.options.setToolTip("Compare the options for this capability (Enter in the chart)")
        self.free = QPushButton("Free it")
        self.free.setToolTip("Remove the pin: the planner places the step again")
        row.addWidget(self.options)
        row.addWidget(self.free)
        layout.addLayout(row)
        self.step = None
        self.options.clicked.connect(lambda: self.step and self.options_requested.emit(self.step.capability))
        self.free.clicked.connect(lambda: self.step and self.pin_requested.emit(self.step.id, None))
        self.show_step(None, None, None)

    def show_step(self, step, settings, catalog) -> None:
        self.step = step
        self.options.setEnabled(step is not None)
        self.free.setVisible(bool(step and step.pinned))
        if step is None:
            self.text.setText("Select a step in the chart (or press Down in it) to see why it sits where it does.")
            return
        option = catalog.option(step.option).name if step.option else "in-house"
        roles = {r.id: r.name for r in catalog.roles}
        demand = ", ".join(f"{roles.get(r, r)} {fte:.1f}" for r, fte in sorted(step.demand.items()))
        lines = [f"<b>{escape(step.name)}</b>",
                 f"{words.span(settings, step.start, step.finish)} ({words.periods(step.duration, settings.time_unit)}; "
                 f"{step.start_date.isoformat()} to {step.end_date.isoformat()})"
                 + (", <b>pinned</b>" if step.pinned else "") + (", on the critical path" if step.critical else ""),
                 f"{step.approach.capitalize()}: {escape(option)}",
                 f"One-time cost {step.cost:,.0f} (estimate); FTE while active: {escape(demand) or 'none'}",
                 "<b>Why here:</b>", *(f"• {escape(reason)}" for reason in step.why)]
        if step.predecessors:
            lines.append("<b>Needs first:</b> " + escape(", ".join(step.predecessors)))
        self.text.setText("<br>".join(lines))


class ExcludedPanel(QGroupBox):
    """Steps the user left out of the roadmap (and those that needed them)."""

    restore_requested = Signal(str)
    undrop_requested = Signal(str)  # a dropped step: forget that it was dropped

    def __init__(self, parent=None):
        super().__init__("Excluded steps", parent)
        self.setToolTip("Steps you excluded, and the steps that need them. Bring one back to plan it again.")
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setAccessibleName("Excluded steps")
        self.list.setMaximumHeight(110)
        layout.addWidget(self.list)
        self.restore = QPushButton("Bring back")
        self.restore.clicked.connect(self._restore)
        layout.addWidget(self.restore)

    def show_excluded(self, excluded: tuple[str, ...], pins: dict, dropped: tuple[str, ...] = ()) -> None:
        """Steps left out: those excluded (and what needs them), and those dropped."""
        self.list.clear()
        for item_id in dropped:  # brought back by forgetting that it was dropped
            entry = QListWidgetItem(item_id + "  (dropped)")
            entry.setData(Qt.ItemDataRole.UserRole, item_id)
            entry.setData(Qt.ItemDataRole.UserRole + 1, "dropped")
            self.list.addItem(entry)
        for item_id in excluded:
            own = item_id in pins and pins[item_id] is None
            entry = QListWidgetItem(item_id + ("" if own else "  (needs an excluded step)"))
            entry.setData(Qt.ItemDataRole.UserRole, item_id)
            if not own:
                entry.setFlags(entry.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(entry)
        self.setVisible(bool(excluded) or bool(dropped))

    def _restore(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        if item.data(Qt.ItemDataRole.UserRole + 1) == "dropped":
            self.undrop_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        else:
            self.restore_requested.emit(item.data(Qt.ItemDataRole.UserRole))
