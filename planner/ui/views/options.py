"""Options: for each capability, build, adopt open source or buy, side by side, with the
engine's recommendation and why; choose one, or go back to the recommendation; and the
preferences that decide what is offered."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ... import words
from .. import edits, theme
from ..models.options_model import CHOICE_ROLE, COST_PARTS, TEXT_COLUMNS, OptionsModel, effective_settings, gap
from .base import FIRST_SELECTION_MS, View, search_field
from .options_parts import FittedTable, PreferencesPanel, TcoChart


class OptionsView(View):
    name = "options"
    title = "Options"
    listens_to_roadmap = True

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.capability: str | None = None
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        self.filter = search_field(self, "Find a capability", "Find a capability")
        self.filter.textChanged.connect(self._filter)
        left_layout.addWidget(self.filter)
        self.list = QTreeWidget()
        self.list.setHeaderHidden(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # each line keeps its end in sight
        self.list.setAccessibleName("Capabilities")
        self.list.setToolTip("Capabilities with steps on the roadmap first, with the current decision")
        self.list.currentItemChanged.connect(self._picked)
        left_layout.addWidget(self.list, 1)
        self.preferences = PreferencesPanel(document)
        left_layout.addWidget(self.preferences)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(8, 8, 8, 8)
        self.heading = QLabel()
        self.heading.setProperty("heading", "1")
        self.heading.setWordWrap(True)
        right_layout.addWidget(self.heading)
        self.decision = QLabel()
        self.decision.setWordWrap(True)
        self.decision.setTextFormat(Qt.TextFormat.RichText)
        self.decision.setAccessibleName("Current decision and why")
        right_layout.addWidget(self.decision)
        self.model = OptionsModel(document, self)
        self.table = FittedTable(narrow=TEXT_COLUMNS, optional=COST_PARTS)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Options side by side")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(False)  # spare room goes to the names (FittedTable)
        self.table.horizontalHeader().setMinimumSectionSize(50)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.table.doubleClicked.connect(lambda _: self.choose())
        self.table.activated.connect(lambda _: self.choose())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._buttons())
        right_layout.addWidget(self.table)
        self.ruled_out = QLabel()
        self.ruled_out.setWordWrap(True)
        self.ruled_out.setProperty("muted", "true")
        self.ruled_out.setAccessibleName("Options your preferences rule out, and why")
        right_layout.addWidget(self.ruled_out)
        buttons = QHBoxLayout()
        self.choose_button = QPushButton("Choose this option")
        self.choose_button.setToolTip("Use the selected option for this capability (Enter or double-click)")
        self.choose_button.clicked.connect(self.choose)
        self.back_button = QPushButton("Back to the recommendation")
        self.back_button.setToolTip("Drop your choice: the engine's recommendation applies again")
        self.back_button.clicked.connect(self.back)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.back_button)
        self.effect = QLabel()
        self.effect.setProperty("muted", "true")
        self.effect.setAccessibleName("The roadmap now")
        self.effect.setWordWrap(True)  # at 1024 pixels it wraps rather than run past the window's edge
        self.effect.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        buttons.addWidget(self.effect, 1)  # all the room beside the buttons: one line from 1366 pixels up
        right_layout.addLayout(buttons)
        self.chart = TcoChart()
        right_layout.addWidget(self.chart, 1)
        note = QLabel("Every cost is an estimate from the catalog's per-step estimates at the role rates; options of "
                      "one approach cost the same per step and differ in how far they reach.")
        note.setWordWrap(True)
        note.setProperty("muted", "true")
        right_layout.addWidget(note)

        left_scroll = QScrollArea()
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setWidget(left)
        left_scroll.setMinimumWidth(240)
        left_scroll.setMaximumWidth(520)
        splitter = QSplitter()
        splitter.addWidget(left_scroll)
        splitter.addWidget(right)
        # the list keeps about two sevenths of a wider window: at 1920 pixels its names were
        # cut at the width they had at 1024
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([300, 750])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # -- the list of capabilities ------------------------------------------------------------

    def refresh(self) -> None:
        self._fill_list()
        try:
            self.preferences.show_preferences(effective_settings(self.document).preferences)
        except Exception:  # noqa: BLE001 - unusable settings: the roadmap view says what is wrong
            pass
        if self.capability is None:  # the first capability, once the list is on screen
            QTimer.singleShot(FIRST_SELECTION_MS, self._select_first)
        else:
            self._show()

    def _select_first(self) -> None:
        first = self.list.topLevelItem(0)
        if self.capability is None and first is not None and first.childCount():
            self.list.setCurrentItem(first.child(0))

    def _fill_list(self) -> None:
        document, catalog = self.document, self.document.catalog
        roadmap = document.roadmap
        decisions = {d.capability: d for d in roadmap.decisions} if roadmap else {}
        self.list.blockSignals(True)
        self.list.clear()
        with_gap = QTreeWidgetItem([f"On the roadmap ({len(decisions)})"])
        others = QTreeWidgetItem(["Other capabilities"])
        for group in (with_gap, others):
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.list.addTopLevelItem(group)
        muted = QBrush(theme.colours(self).q("muted"))
        for cap in catalog.capabilities:
            decision = decisions.get(cap.id)
            if decision is not None:
                now, target = document.scores.current[cap.id], document.scores.target(cap.id)
                how = "Build" if decision.option is None else \
                    f"{decision.approach.capitalize()} {catalog.option(decision.option).name.split(' (')[0]}"
                mark = "★ " if decision.chosen_by == "you" else ""
                item = QTreeWidgetItem([f"{cap.name}\n{now}→{target} · {mark}{how}"])  # two lines: both stay readable
                item.setToolTip(0, f"{cap.name}: from level {now} to {target}; "
                                   f"{'chosen by you' if mark else 'recommended by the engine'}: {how}")
                with_gap.addChild(item)
            else:
                item = QTreeWidgetItem([cap.name])
                item.setForeground(0, muted)
                item.setToolTip(0, f"{cap.name}: no step on the roadmap; options are costed for the next level")
                others.addChild(item)
            item.setData(0, Qt.ItemDataRole.UserRole, cap.id)
            if cap.id == self.capability:
                self.list.setCurrentItem(item)
        self.list.expandAll()
        self.list.blockSignals(False)
        self._filter(self.filter.text())

    def _filter(self, text: str) -> None:
        text = text.strip().casefold()
        for g in range(self.list.topLevelItemCount()):
            group = self.list.topLevelItem(g)
            for i in range(group.childCount()):
                item = group.child(i)
                item.setHidden(bool(text) and text not in item.text(0).casefold())

    def _picked(self, current, previous) -> None:
        cap = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        if cap and cap != self.capability:
            self.capability = cap
            self._show()

    def select_capability(self, capability: str) -> None:
        self.filter.clear()
        self.ensure_fresh()
        for g in range(self.list.topLevelItemCount()):
            group = self.list.topLevelItem(g)
            for i in range(group.childCount()):
                if group.child(i).data(0, Qt.ItemDataRole.UserRole) == capability:
                    self.list.setCurrentItem(group.child(i))
                    self.list.scrollToItem(group.child(i))

    # -- the options of one capability -------------------------------------------------------

    def _show(self) -> None:
        document = self.document
        if self.capability is None:
            return
        cap = document.catalog.capability(self.capability)
        levels = gap(document, cap.id)
        self.heading.setText(escape(cap.name))
        self.model.load(cap.id)
        self.table.fit()
        rows = self.model.rowCount()
        self.table.setFixedHeight(self.table.horizontalHeader().height() + 2 * self.table.frameWidth() + 4
                                  + sum(self.table.rowHeight(r) for r in range(min(rows, 9)))
                                  + self.table.horizontalScrollBar().sizeHint().height())
        ruled = [r for r in self.model.rows if r.excluded]
        self.ruled_out.setText("Ruled out by your preferences: " + "; ".join(f"{r.name} ({r.excluded})" for r in ruled)
                               if ruled else "")
        self.ruled_out.setVisible(bool(ruled))
        settings = effective_settings(document)
        self.chart.set_rows(self.model.rows, document.catalog.info.currency, settings.horizon_years)
        self.decision.setText(self._decision_text(cap, levels))
        chosen = next((i for i, r in enumerate(self.model.rows) if r.chosen), None)
        best = next((i for i, r in enumerate(self.model.rows) if r.recommended), 0)
        row = chosen if chosen is not None else best
        if self.model.rows:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        roadmap = document.roadmap
        self.effect.setText("" if roadmap is None else
                            f"Roadmap now: to {words.period_label(roadmap.settings, words.last_period(roadmap.makespan))}, "
                            f"one-time {words.money(roadmap.totals.one_time, roadmap.currency)}, "
                            f"{roadmap.totals.horizon_years:g}-year total cost "
                            f"{words.money(roadmap.totals.total, roadmap.currency)}")
        self._buttons()

    def _decision_text(self, cap, levels) -> str:
        document = self.document
        if levels is None:
            now = document.scores.current.get(cap.id)
            return ("Not applicable here." if now is None else
                    f"At level {now}, the top of the scale: nothing left to build or buy.")
        low, high = levels
        scope = (f"From level {low} to {high}" if document.scores.target(cap.id) == high
                 else f"No gap now; options for the next level, {low} to {high}")
        decision = next((d for d in document.roadmap.decisions if d.capability == cap.id), None) \
            if document.roadmap else None
        if decision is None:
            return f"{scope}."
        who = "<b>Chosen by you.</b>" if decision.chosen_by == "you" else "<b>Recommended by the engine:</b>"
        rationale = decision.rationale.removeprefix("Chosen by you.").strip()
        return f"{scope}. {who} {escape(rationale)}"

    def _buttons(self) -> None:
        index = self.table.currentIndex()
        row = self.model.rows[index.row()] if index.isValid() and self.model.rows else None
        writable = not self.document.read_only
        self.choose_button.setEnabled(bool(writable and row and row.choosable and not row.chosen))
        self.back_button.setEnabled(writable and any(r.chosen for r in self.model.rows))

    def choose(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.choose_button.isEnabled():
            return
        approach, option = self.model.data(index, CHOICE_ROLE)
        edits.choose_option(self.document, self.capability, approach, option)

    def back(self) -> None:
        edits.choose_option(self.document, self.capability, None)

    def charts(self) -> list:
        return [self.chart] if self.chart.rows else []
