"""Assessment: the capabilities by dimension, with filters and search, and the panel
that scores the selected one. The number keys set the selected capability's level."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFrame, QGridLayout, QHeaderView, QLabel, QScrollArea,
                               QSplitter, QTreeView, QVBoxLayout, QWidget)

from .. import edits
from ..models.capabilities import CAPABILITY_ROLE, VOTES_KEY, CapabilityFilter, CapabilityModel
from .assessment_detail import DetailPanel
from .base import FIRST_SELECTION_MS, View, search_field

FILTERS = (
    ("gaps", "&Gaps only", "Only capabilities whose target is above their level"),
    ("low_confidence", "&Low confidence", "Only levels assessed with low confidence"),
    ("disagreement", "D&isagreement", "Only capabilities whose votes are 2 or more levels apart"),
    ("not_applicable", "&Not applicable", "Only capabilities marked not applicable"),
)


class CapabilityTree(QTreeView):
    """The list of capabilities; a digit key sets the selected capability's level."""

    def __init__(self, view: "AssessmentView"):
        super().__init__()
        self.view = view

    def keyPressEvent(self, event) -> None:
        text = event.text()
        cap = self.view.current_capability()
        if cap is not None and text.isdigit() and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                                         Qt.KeyboardModifier.KeypadModifier):
            level = int(text)
            if cap.min_level <= level <= cap.max_level and not self.view.document.read_only:
                edits.set_level(self.view.document, cap.id, level)
                return
        super().keyPressEvent(event)


class AssessmentView(View):
    name = "assessment"
    title = "Assessment"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.model = CapabilityModel(document, self)
        self.proxy = CapabilityFilter(self)
        self.proxy.setSourceModel(self.model)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        self.search = search_field(self, "Find a capability", "Find a capability by name")
        self.search.textChanged.connect(self._search)
        left_layout.addWidget(self.search)
        flags = QGridLayout()
        self.filters: dict[str, QCheckBox] = {}
        for index, (flag, text, tip) in enumerate(FILTERS):
            box = QCheckBox(text)
            box.setToolTip(tip)
            box.toggled.connect(lambda on, f=flag: self._filter(f, on))
            flags.addWidget(box, index // 2, index % 2)
            self.filters[flag] = box
        left_layout.addLayout(flags)
        self.tree = CapabilityTree(self)
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName("Capabilities")
        self.tree.setToolTip("Select a capability to assess it. Keys 0-4 set its level; arrows move.")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long name keeps its end; its tooltip has it whole
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.tree.fontMetrics()  # fixed widths: sizing to contents reads every row
        for column, sample in ((1, "Now"), (2, "Target"), (3, "Confidence"), (4, "1.5 (10) ⚑")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 18)
        self.tree.expandAll()
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        left_layout.addWidget(self.tree, 1)
        self.votes_key = QLabel(VOTES_KEY)
        self.votes_key.setProperty("muted", "true")
        self.votes_key.setWordWrap(True)
        self.votes_key.setAccessibleName("Key to the votes column")
        self.votes_key.setToolTip(self.model.headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
        left_layout.addWidget(self.votes_key)
        self.count = QLabel()
        self.count.setProperty("muted", "true")
        left_layout.addWidget(self.count)

        self.detail: DetailPanel | None = None  # built on the first selection, a turn after the list
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = QLabel("Select a capability on the left to assess it.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.empty)
        right_layout.addWidget(scroll, 1)
        self.scroll = scroll

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        # Half and half: at 1024 pixels the list's names were cut to a word (the detail
        # panel wraps its text at any width).
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.splitter = splitter
        self._show_detail(None)

    # -- selection ---------------------------------------------------------------------------

    def current_capability(self):
        return self.model.capability_at(self.proxy.mapToSource(self.tree.currentIndex()))

    def _current_changed(self, current, previous) -> None:
        self._show_detail(self.model.capability_at(self.proxy.mapToSource(current)))

    def _show_detail(self, cap) -> None:
        if self.detail is None:
            if cap is None:
                self.scroll.setVisible(False)
                return
            self.detail = DetailPanel(self.document)
            self.scroll.setWidget(self.detail)
        if cap is not None and self.detail.cap is not None and cap.id == self.detail.cap.id:
            return
        self.empty.setVisible(cap is None)
        self.scroll.setVisible(cap is not None)
        self.detail.set_capability(cap)
        self.scroll.verticalScrollBar().setValue(0)

    def select_capability(self, capability: str) -> None:
        source = self.model.capability_index(capability)
        if not source.isValid():
            return
        if not self.proxy.mapFromSource(source).isValid():  # hidden by a filter: clear the filters
            self.search.clear()
            for box in self.filters.values():
                box.setChecked(False)
        index = self.proxy.mapFromSource(source)
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(index)

    # -- filters -------------------------------------------------------------------------------

    def _search(self, text: str) -> None:
        self.proxy.set_text(text)
        self._after_filter()

    def _filter(self, flag: str, on: bool) -> None:
        self.proxy.set_flag(flag, on)
        self._after_filter()

    def _after_filter(self) -> None:
        self.tree.expandAll()
        self._count()

    def _count(self) -> None:
        total = len(self.document.catalog.capabilities)
        shown = sum(self.proxy.rowCount(self.proxy.index(row, 0)) for row in range(self.proxy.rowCount()))
        self.count.setText(f"{total} capabilities" if shown == total else f"{shown} of {total} capabilities shown")

    # -- refresh -------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.detail is None or self.detail.cap is None:  # the first capability, once the list is on screen
            QTimer.singleShot(FIRST_SELECTION_MS, self._select_first)
        else:
            self.detail.update_values()
        self._count()
        self.votes_key.setVisible(bool(self.document.scores.consensus))  # a key only for marks on screen

    def _select_first(self) -> None:
        first = self.proxy.index(0, 0, self.proxy.index(0, 0))
        if (self.detail is None or self.detail.cap is None) and first.isValid() and first.data(CAPABILITY_ROLE):
            self.tree.setCurrentIndex(first)
