"""What every plan view shares: it listens to the document and refreshes itself, lazily.

A view that is not on screen only marks itself stale, and refreshes when shown. Several
signals from one edit (state, then roadmap) are folded into one refresh on the next
turn of the event loop. A view's very first fill also waits for the next turn, so that
building it and filling it are two short pauses of the event loop, not one long one.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget


FIRST_SELECTION_MS = 0  # views with a list pick their first item after the list has been painted


def search_field(view: QWidget, placeholder: str, accessible_name: str) -> QLineEdit:
    """The view's capability search box, with a clear button; Ctrl+F (the platform's
    Find key) in the view jumps to it and selects what it holds."""
    field = QLineEdit()
    key = QKeySequence(QKeySequence.StandardKey.Find).toString(QKeySequence.SequenceFormat.NativeText)
    field.setPlaceholderText(f"{placeholder} ({key})" if key else placeholder)
    field.setClearButtonEnabled(True)
    field.setAccessibleName(accessible_name)
    QShortcut(QKeySequence.StandardKey.Find, view, lambda: (field.setFocus(), field.selectAll()))
    return field


class View(QWidget):
    name = ""
    title = ""
    icon = ""
    shortcut_help = ""
    listens_to_roadmap = False

    # Ask the workspace to show another view on a capability: (view name, capability id).
    navigate = Signal(str, str)
    refreshed = Signal()  # after each refresh (tests and benchmarks wait on it)

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self._stale = True
        self._scheduled = False
        self._filled = False
        document.changed.connect(self._invalidate)
        if self.listens_to_roadmap:
            document.roadmap_changed.connect(self._invalidate)
            document.planning_changed.connect(self._planning_changed)

    def _invalidate(self) -> None:
        self._stale = True
        if self.isVisible() and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._run_scheduled)

    def _run_scheduled(self) -> None:
        self._scheduled = False
        if self._stale and self.isVisible():
            self.ensure_fresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._filled:
            self.ensure_fresh()
        else:
            self._invalidate()

    def pending(self) -> bool:
        """True while a refresh is scheduled for the next turn of the event loop."""
        return self._scheduled

    def is_fresh(self) -> bool:
        """True when the view shows the document as it is now."""
        return not self._stale and not self._scheduled

    def ensure_fresh(self) -> None:
        """Refresh now if anything changed since the last refresh."""
        if self._stale:
            self._stale = False
            self._filled = True
            self.refresh()
            self.refreshed.emit()

    def refresh(self) -> None:
        raise NotImplementedError

    def _planning_changed(self, stage: str) -> None:
        """The improvement stage started or ended; views with a status line override this."""

    def charts(self) -> list:
        """The charts this view can export as PNG and SVG: a list of `widgets.chart.Exportable`."""
        return []

    def select_capability(self, capability: str) -> None:
        """Show this capability (from another view's navigate signal)."""
