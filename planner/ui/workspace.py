"""The views of one open plan, as tabs, built the first time each is shown.

Above the tabs: a banner that says why a plan is read-only, and one for edits the plan
refused. Views ask for each other through their `navigate` signal.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from . import theme
from .widgets.banner import Banner

# name, tab title, icon, module, class, tooltip
VIEWS = (
    ("dashboard", "Dashboard", "dashboard", "dashboard", "DashboardView",
     "Where you stand on every maturity scale, and the biggest gaps (Ctrl+1)"),
    ("assessment", "Assessment", "assessment", "assessment", "AssessmentView",
     "Score each capability: level, criteria, confidence, evidence and votes (Ctrl+2)"),
    ("graph", "Dependencies", "graph", "graph", "GraphView",
     "Which capabilities need which others, and at what level (Ctrl+3)"),
    ("options", "Options", "options", "options", "OptionsView",
     "Build, adopt open source or buy: tools, licences and total cost of ownership (Ctrl+4)"),
    ("roadmap", "Roadmap", "roadmap", "roadmap", "RoadmapView",
     "The sequenced roadmap under capacity and budget, and its scenarios (Ctrl+5)"),
)
NAMES = tuple(v[0] for v in VIEWS)


class Workspace(QWidget):
    view_changed = Signal(str)

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.read_only_banner = Banner(closable=False)
        self.read_only_banner.setObjectName("read_only_banner")
        layout.addWidget(self.read_only_banner)
        self.error_banner = Banner()
        self.error_banner.setObjectName("error_banner")
        layout.addWidget(self.error_banner)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Views")
        layout.addWidget(self.tabs, 1)
        self._views: dict[str, QWidget] = {}
        self._pages: dict[str, QWidget] = {}
        c = theme.colours(self)
        for name, title, icon, _, _, tip in VIEWS:
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(0, 0, 0, 0)
            index = self.tabs.addTab(page, theme.icon(icon, c), title)
            self.tabs.setTabToolTip(index, tip)
            self._pages[name] = page
        self.tabs.currentChanged.connect(self._tab_changed)
        document.error.connect(lambda text: self.error_banner.show_message(text, "error"))
        document.changed.connect(self._changed)
        document.unsaved.connect(self._unsaved)
        if document.read_only:
            self.read_only_banner.show_message(
                f"Read-only: {document.read_only_reason}. Your changes cannot be saved to this file.", "warning")

    def _changed(self) -> None:
        """An edit went through: an earlier refusal no longer applies, but edits still
        waiting for the file keep their banner."""
        if self.document.unsaved_reason:
            self._unsaved(self.document.unsaved_reason)
        else:
            self.error_banner.hide()

    def _unsaved(self, reason: str) -> None:
        if reason:
            self.error_banner.show_message(f"Not saved yet: {reason}", "warning")
        else:
            self.error_banner.hide()

    def view(self, name: str):
        """The view called `name`, built now if it was not yet."""
        if name not in self._views:
            _, _, _, module, cls, _ = VIEWS[NAMES.index(name)]
            view_class = getattr(importlib.import_module(f"planner.ui.views.{module}"), cls)
            view = view_class(self.document)
            view.navigate.connect(self.navigate)
            self._pages[name].layout().addWidget(view)
            self._views[name] = view
        return self._views[name]

    def built_views(self) -> dict[str, QWidget]:
        return dict(self._views)

    def current_name(self) -> str:
        return NAMES[max(0, self.tabs.currentIndex())]

    def current_view(self):
        return self.view(self.current_name())

    def show_view(self, name: str) -> None:
        if name not in NAMES:
            name = NAMES[0]
        self.view(name)
        if self.tabs.currentIndex() != NAMES.index(name):
            self.tabs.setCurrentIndex(NAMES.index(name))
        else:
            self.view_changed.emit(name)

    def navigate(self, name: str, capability: str) -> None:
        self.show_view(name)
        if capability:
            self.view(name).select_capability(capability)

    def _tab_changed(self, index: int) -> None:
        name = NAMES[index]
        self.view(name)
        self.view_changed.emit(name)
