"""The evidence notes and the participants' votes of one capability, as table models."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from .. import theme

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LINK_ROLE = Qt.ItemDataRole.UserRole + 2
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def safe_link(link: str) -> bool:
    """Links the app will open: web pages and mail. A link to a local file or a custom
    scheme could run a program, so it is shown as text only."""
    return link.strip().lower().startswith(SAFE_SCHEMES)


class _CapabilityTable(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.capability: str | None = None
        self._rows: list = []
        document.changed.connect(self.reload)

    def set_capability(self, capability: str | None) -> None:
        self.capability = capability
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._read() if self.capability else []
        self.endResetModel()

    def _read(self) -> list:
        raise NotImplementedError

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def row(self, index: int):
        return self._rows[index]


class EvidenceModel(_CapabilityTable):
    COLUMNS = ("Note", "Link", "By", "Added")

    def _read(self) -> list:
        entry = self.document.state.assessment().entries.get(self.capability)
        return list(entry.evidence) if entry else []

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        ev = self._rows[index.row()]
        if role == ID_ROLE:
            return ev.id
        if role == LINK_ROLE:
            return ev.link
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = (ev.note, ev.link, ev.added_by, ev.added_at[:10])[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1 and ev.link:
                return ev.link + ("" if safe_link(ev.link) else " (not a web link: shown, not opened)")
            return value
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and ev.link and safe_link(ev.link):
            return QColor(theme.colours().accent)
        return None


class VotesModel(_CapabilityTable):
    COLUMNS = ("Participant", "Level", "Note")

    def _read(self) -> list:
        return list(self.document.state.assessment().votes.get(self.capability, ()))

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        vote = self._rows[index.row()]
        if role == ID_ROLE:
            return vote.participant
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 1:
                scale = self.document.catalog.scale
                return f"{vote.level} {scale.name(vote.level)}" if vote.level in scale else str(vote.level)
            return (vote.participant, None, vote.note)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            agreed = self.document.scores.consensus.get(self.capability)
            if agreed and agreed.disagreement and vote.level in (self._low(), self._high()):
                return QColor(theme.colours().critical)
        return None

    def _low(self) -> int:
        return min(v.level for v in self._rows)

    def _high(self) -> int:
        return max(v.level for v in self._rows)
