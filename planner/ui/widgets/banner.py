"""An inline message strip above a view: read-only plans, impossible roadmaps, refused
edits. Warning and error kinds take their colours from the theme's style sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton


class Banner(QFrame):
    def __init__(self, closable: bool = True, parent=None):
        super().__init__(parent)
        self.setProperty("banner", "warning")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label, 1)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Hide this message")
        self.close_button.setAccessibleName("Hide message")
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.close_button.setVisible(closable)  # after it has a parent, or it would show as a window
        self.setAccessibleName("Message")
        self.hide()

    def show_message(self, text: str, kind: str = "warning") -> None:
        if self.property("banner") != kind:
            self.setProperty("banner", kind)
            self.style().unpolish(self)
            self.style().polish(self)
            for child in self.findChildren(QLabel):
                child.style().unpolish(child)
                child.style().polish(child)
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""
