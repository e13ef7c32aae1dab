"""Capabilities grouped by dimension, with their current and target levels, confidence
and votes: the model behind the assessment list, and its filter.

The rows are fixed by the catalog, so a change of the plan only signals `dataChanged`:
selections and scroll positions survive every edit. Each row's values are worked out
once per change (`Row`); views and the filter ask for them thousands of times.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QFont

from ...assessment.scoring import DISAGREEMENT_SPREAD
from .. import theme

CAPABILITY_ROLE = Qt.ItemDataRole.UserRole + 1  # capability id (None on a dimension row)
GAP_ROLE = Qt.ItemDataRole.UserRole + 2  # target - current (0 when none or not applicable)
CONFIDENCE_ROLE = Qt.ItemDataRole.UserRole + 3  # "low" | "medium" | "high"
DISAGREEMENT_ROLE = Qt.ItemDataRole.UserRole + 4  # votes spread 2 or more
NOT_APPLICABLE_ROLE = Qt.ItemDataRole.UserRole + 5
DIMENSION_ROLE = Qt.ItemDataRole.UserRole + 6
SORT_ROLE = Qt.ItemDataRole.UserRole + 7

COLUMNS = ("Capability", "Now", "Target", "Confidence", "Votes")
HEADER_TIPS = (
    "The capability, grouped by dimension",
    "The level assessed now (picked, or derived from the criteria met); N/A: not applicable",
    "The level the plan aims for: your target, a framework target, or raised because another target needs it",
    "How sure the assessor is of the level",
    "Participants' votes, as in 1.5 (4) ⚑: the median level they voted (the room's consensus), how many voted "
    f"in brackets, and ⚑ when the votes are {DISAGREEMENT_SPREAD} or more levels apart (the room disagrees)",
)
# The key under the list, for the votes column's marks (shown when there are votes).
VOTES_KEY = f"Votes: median level (number of votes); ⚑ votes {DISAGREEMENT_SPREAD} or more levels apart"


@dataclass(frozen=True)
class Row:
    """One capability's values as the list shows them."""

    current: int | None
    target: int | None
    confidence: str
    votes: object  # Consensus or None
    gap: int
    texts: tuple[str, ...]  # display text per column


class CapabilityModel(QAbstractItemModel):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        catalog = document.catalog
        self._dimensions = list(catalog.dimensions)
        self._caps = [[c for c in catalog.capabilities if c.dimension == d.id] for d in self._dimensions]
        self._rows: dict[str, Row] = {}
        self._read_rows()
        document.changed.connect(self.plan_changed)

    def _read_rows(self) -> None:
        scores, entries = self.document.scores, self.document.state.assessment().entries
        rows = {}
        for cap in self.document.catalog.capabilities:
            current, target = scores.current.get(cap.id), scores.target(cap.id)
            entry = entries.get(cap.id)
            votes = scores.consensus.get(cap.id)
            confidence = entry.confidence if entry else "medium"
            texts = (cap.name, "N/A" if current is None else str(current),
                     "" if target is None else (str(target) if target != current else "–"), confidence,
                     "" if votes is None else f"{votes.median:g} ({votes.count}){' ⚑' if votes.disagreement else ''}")
            gap = 0 if current is None or target is None else target - current
            rows[cap.id] = Row(current, target, confidence, votes, gap, texts)
        self._rows = rows

    # -- structure --------------------------------------------------------------------------

    def index(self, row: int, column: int, parent=QModelIndex()) -> QModelIndex:
        if not 0 <= column < len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP) if row < len(self._dimensions) else QModelIndex()
        if parent.internalId() != _TOP or parent.column() != 0 or row >= len(self._caps[parent.row()]):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index=QModelIndex()) -> QModelIndex:
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._dimensions)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._caps[parent.row()])
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return HEADER_TIPS[section]
        return None

    def capability_index(self, cap_id: str, column: int = 0) -> QModelIndex:
        for d, caps in enumerate(self._caps):
            for r, cap in enumerate(caps):
                if cap.id == cap_id:
                    return self.index(r, column, self.index(d, 0))
        return QModelIndex()

    def capability_at(self, index: QModelIndex):
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self._caps[index.internalId() - 1][index.row()]

    # -- data -------------------------------------------------------------------------------

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._dimension_data(index, role)
        return self._capability_data(self._caps[index.internalId() - 1][index.row()], index.column(), role)

    def _dimension_data(self, index: QModelIndex, role):
        dim = self._dimensions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return f"{dim.name} ({len(self._caps[index.row()])})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return dim.description or dim.name
        if role == DIMENSION_ROLE:
            return dim.id
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return theme.colours().dimension(dim.id, index.row())
        return None

    def _capability_data(self, cap, column: int, role):
        row = self._rows[cap.id]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == CAPABILITY_ROLE:
            return cap.id
        if role == GAP_ROLE:
            return row.gap
        if role == CONFIDENCE_ROLE:
            return row.confidence
        if role == DISAGREEMENT_ROLE:
            return bool(row.votes and row.votes.disagreement)
        if role == NOT_APPLICABLE_ROLE:
            return row.current is None
        if role == DIMENSION_ROLE:
            return cap.dimension
        if role == SORT_ROLE:
            return (cap.name.casefold(), -1 if row.current is None else row.current,
                    -1 if row.target is None else row.target, ("low", "medium", "high").index(row.confidence),
                    row.votes.spread if row.votes else -1)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            entry = self.document.state.assessment().entries.get(cap.id)
            return self._tooltip(cap, row.current, row.target, row.votes, entry)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (1, 2):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _foreground(row: Row, column: int):
        c = theme.colours()
        if column == 2 and row.gap > 0:
            return QColor(c.target)
        if column == 3 and row.confidence == "low":
            return QColor(c.warning_fg if c.dark else c.critical)
        if column == 4 and row.votes and row.votes.disagreement:
            return QColor(c.critical)
        if row.current is None:
            return QColor(c.muted)
        return None

    def _tooltip(self, cap, current, target, votes, entry) -> str:
        lines = [f"<b>{escape(cap.name)}</b>", escape(cap.summary)]
        if current is None:
            lines.append(f"Not applicable: {escape(entry.na_reason if entry else '')}")
        else:
            lines.append(f"Now: level {current}: {escape(cap.level(current).descriptor)}")
            if target is not None and target > current:
                origin = self.document.scores.targets.origin.get(cap.id, "")
                lines.append(f"Target: level {target} ({_origin(origin)})")
        if votes:
            lines.append(f"Votes: median {votes.median:g}, spread {votes.spread}, {votes.count} votes"
                         + (" — the room disagrees" if votes.disagreement else ""))
        return "<br>".join(lines)

    # -- updates ----------------------------------------------------------------------------

    def plan_changed(self) -> None:
        self._read_rows()
        for d, caps in enumerate(self._caps):
            if caps:
                parent = self.index(d, 0)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(caps) - 1, len(COLUMNS) - 1, parent))


_TOP = 0  # internalId of a dimension row; a capability row's is its dimension's row + 1




def _origin(origin: str) -> str:
    if origin.startswith("framework:"):
        return "a framework target: " + origin.split(":", 1)[1]
    return {"target": "your target", "prerequisite": "raised: another target needs it"}.get(origin, origin)


class CapabilityFilter(QSortFilterProxyModel):
    """Filters: gaps only, low confidence, disagreement, not applicable (any that are on
    must all hold), and a name search. Dimensions stay while any of their capabilities do."""

    FLAGS = ("gaps", "low_confidence", "disagreement", "not_applicable")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.active: set[str] = set()
        self.text = ""
        self.setRecursiveFilteringEnabled(True)
        self.setSortRole(SORT_ROLE)

    def set_flag(self, flag: str, on: bool) -> None:
        self._change(lambda: (self.active.add if on else self.active.discard)(flag))

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "text", text.strip().casefold()))

    def _change(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        if self.sourceModel().data(index, CAPABILITY_ROLE) is None:
            return False  # a dimension row: kept when a child matches (recursive filtering)
        model = self.sourceModel()
        if self.text and self.text not in model.data(index, Qt.ItemDataRole.DisplayRole).casefold():
            cap = model.capability_at(index)
            if self.text not in cap.id.casefold():
                return False
        checks = {
            "gaps": lambda: model.data(index, GAP_ROLE) > 0,
            "low_confidence": lambda: model.data(index, CONFIDENCE_ROLE) == "low",
            "disagreement": lambda: model.data(index, DISAGREEMENT_ROLE),
            "not_applicable": lambda: model.data(index, NOT_APPLICABLE_ROLE),
        }
        return all(checks[flag]() for flag in self.active)
