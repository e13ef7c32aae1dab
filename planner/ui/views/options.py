"""Options view (stub)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout

from .base import View


class OptionsView(View):
    name = "options"
    title = "Options"
    listens_to_roadmap = True

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        self.label = QLabel()
        QVBoxLayout(self).addWidget(self.label)

    def refresh(self) -> None:
        r = self.document.roadmap
        self.label.setText(f"{self.title}: {len(r.items) if r else 0} items")
