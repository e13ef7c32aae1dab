"""Scenarios: switch the roadmap shown between the plan and its saved variants, make or
delete one, and compare them side by side (planned in the worker process)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ... import words
from .. import edits

PLAN = "The plan itself"


class ScenarioBar(QWidget):
    compare_requested = Signal()

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("S&cenario:")
        self.combo = QComboBox()
        self.combo.setAccessibleName("Scenario shown")
        self.combo.setToolTip("Show the roadmap of the plan, or of a saved variant (what if we hire, buy, "
                              "or pin differently). While a scenario is shown, your changes go to it.")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label.setBuddy(self.combo)
        self.combo.activated.connect(self._chosen)
        self.new = QPushButton("New…")
        self.new.setToolTip("Save a new scenario, starting as a copy of the plan's roadmap inputs")
        self.new.clicked.connect(lambda: self.new_scenario())  # not clicked(checked): it would pass False as the name
        self.delete = QPushButton("Delete")
        self.delete.setToolTip("Delete the scenario shown (undoable)")
        self.delete.clicked.connect(self._delete)
        self.compare = QPushButton("Compare…")
        self.compare.setToolTip("The plan and every scenario side by side: finish, cost, total cost of ownership, "
                                "milestones")
        self.compare.clicked.connect(self.compare_requested)
        for widget in (label, self.combo, self.new, self.delete, self.compare):
            layout.addWidget(widget)

    def refresh(self) -> None:
        names = [PLAN, *sorted(self.document.state.scenarios)]
        if [self.combo.itemText(i) for i in range(self.combo.count())] != names:
            self.combo.blockSignals(True)
            self.combo.clear()
            self.combo.addItems(names)
            self.combo.blockSignals(False)
        self.combo.setCurrentText(self.document.scenario or PLAN)
        writable = not self.document.read_only
        self.delete.setEnabled(writable and self.document.scenario is not None)
        self.new.setEnabled(writable)
        self.compare.setEnabled(bool(self.document.state.scenarios))

    def _chosen(self, index: int) -> None:
        self.document.set_scenario(None if index == 0 else self.combo.itemText(index))

    def new_scenario(self, name: str | None = None) -> bool:
        if name is None:
            name, ok = QInputDialog.getText(self, "New scenario", "Name of the scenario (for example "
                                            "\"+1 platform engineer\"):")
            if not ok:
                return False
        data = {"description": "", "settings": {}, "decisions": {}, "pins": {}}
        if edits.save_scenario(self.document, name, data):
            self.document.set_scenario(name.strip())
            return True
        return False

    def _delete(self) -> None:
        name = self.document.scenario
        if name is not None:
            self.document.set_scenario(None)
            edits.delete_scenario(self.document, name)


ROWS = (("end_date", "Ends"), ("makespan", "Periods"), ("mean_completion", "Mean done (priority-weighted)"),
        ("one_time", "One-time cost"), ("recurring_per_year", "Recurring per year"),
        ("tco", "Total cost of ownership over the horizon"))


class ComparisonDialog(QDialog):
    """The plan and its scenarios side by side, one column each."""

    compared = Signal()  # the table is filled (or the comparison failed)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Compare scenarios")
        self.resize(760, 420)
        self.document = document
        layout = QVBoxLayout(self)
        self.status = QLabel("Planning the plan and every scenario…")
        self.status.setAccessibleName("Comparison status")
        layout.addWidget(self.status)
        self.table = QTableWidget()
        self.table.setAccessibleName("Scenario comparison")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        note = QLabel("Money in the catalog's currency; all costs are estimates. Mean done: the priority-weighted "
                      "mean period in which capabilities reach their targets (lower is better).")
        note.setWordWrap(True)
        note.setProperty("muted", "true")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        document.worker.done.connect(self._done)
        document.worker.failed.connect(self._failed)
        self.job = document.run_job("compare")
        # An edit while the dialog is open compares again (edits in a row, once).
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(0)
        self._again.timeout.connect(self._compare_again)
        document.changed.connect(self._again.start)

    def _compare_again(self) -> None:
        self.document.worker.cancel_job(self.job)
        self.status.setText("The plan changed: comparing again…")
        self.job = self.document.run_job("compare")

    def _done(self, job: int, rows) -> None:
        if job == self.job:
            self.fill(rows)
            self.compared.emit()

    def _failed(self, job: int, message: str, details: str, user_error: bool) -> None:
        if job == self.job:
            self.status.setText(f"The comparison failed: {message}")
            self.compared.emit()

    def done(self, result: int) -> None:
        self._again.stop()
        self.document.worker.cancel_job(self.job)  # closed before it came: the worker need not finish it
        for signal, slot in ((self.document.worker.done, self._done), (self.document.worker.failed, self._failed),
                             (self.document.changed, self._again.start)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        super().done(result)

    def fill(self, rows: list[dict]) -> None:
        currency = self.document.catalog.info.currency
        milestones = sorted({k for r in rows if r["feasible"] for k in r["milestones"]})
        labels = [label for _, label in ROWS] + [f"Reached: {_milestone(self.document, k)}" for k in milestones]
        self.table.setRowCount(len(labels))
        self.table.setColumnCount(len(rows))
        self.table.setVerticalHeaderLabels(labels)
        self.table.setHorizontalHeaderLabels([r["scenario"] for r in rows])
        for column, row in enumerate(rows):
            for index, (key, _) in enumerate(ROWS):
                if not row["feasible"]:
                    text = "infeasible: " + row["diagnosis"][0] if index == 0 else ""
                elif key in ("one_time", "recurring_per_year", "tco"):
                    text = f"{row[key]:,.0f} {currency}"
                else:
                    text = f"{row[key]:g}" if isinstance(row[key], float) else str(row[key])
                self._cell(index, column, text)
            for offset, key in enumerate(milestones):
                date = row["milestones"].get(key) if row["feasible"] else None
                self._cell(len(ROWS) + offset, column, date or "not reached")
        self.table.resizeColumnsToContents()
        self.status.setText(f"{len(rows)} variants, each planned with the improvement stage.")

    def _cell(self, row: int, column: int, text: str) -> None:
        item = QTableWidgetItem(text)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        item.setToolTip(text)
        self.table.setItem(row, column, item)


def _milestone(document, key: str) -> str:
    fw_id, _, level = key.partition(" ")
    try:
        return words.framework_level(document.catalog.framework(fw_id).name, level)
    except KeyError:
        return key
