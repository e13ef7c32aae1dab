"""The page shown when no plan is open: new plan, open, the demo, and recent files.

Light on purpose: it is part of the first paint, so it imports nothing from the core.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSizePolicy,
                               QVBoxLayout, QWidget)

from .. import theme

QUICK_TARGETS = (("google", 1, "Google level 1"), ("microsoft", 2, "Microsoft level 2"),
                 ("stages", 3, "Defined (stage 3)"))

SCALES = (
    "<b>Google MLOps levels 0-2</b>: manual process, ML pipeline automation, CI/CD pipeline automation.",
    "<b>Microsoft MLOps maturity 0-4</b>: from no MLOps to fully automated operations.",
    "<b>Five stages</b>: Ad hoc, Repeatable, Defined, Managed, Optimized.",
    "<b>No / Low / High MLOps</b>: a quick three-step reading.",
)


class WelcomePage(QWidget):
    new_requested = Signal()
    target_requested = Signal(str, int)  # a new plan aiming at a framework level
    guide_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcome")
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(14)
        outer.addLayout(column, 6)
        outer.addStretch(1)

        title = QLabel("MLOps Roadmap Planner")
        title.setProperty("heading", "1")
        column.addStretch(1)
        column.addWidget(title)
        intro = QLabel("Where does our MLOps stand, what do we build or buy next and in what order, and what "
                       "will it cost? Score each capability, set a target, and get a roadmap sequenced under "
                       "your team's capacity and budget.")
        intro.setWordWrap(True)
        column.addWidget(intro)

        buttons = QHBoxLayout()
        self.demo_button = self._button("Open the demo", "demo", "A fictional insurer's plan, ready to explore "
                                        "(Ctrl+Shift+D)", primary=True)
        self.new_button = self._button("New plan…", "new", "Start a plan from a framework target (Ctrl+N)")
        self.open_button = self._button("Open…", "open", "Open a .mlplan file (Ctrl+O)")
        self.demo_button.clicked.connect(self.demo_requested)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        for button in (self.demo_button, self.new_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)

        quick = QHBoxLayout()
        quick_label = QLabel("Or start a plan that aims at:")
        quick_label.setProperty("muted", "true")
        quick.addWidget(quick_label)
        self.target_buttons = []
        for framework, level, text in QUICK_TARGETS:
            link = _link(text, f"Create a plan whose target is {text}; then score where you stand")
            link.setAccessibleName(f"New plan aiming at {text}")
            link.clicked.connect(lambda _=False, f=framework, lv=level: self.target_requested.emit(f, lv))
            quick.addWidget(link)
            self.target_buttons.append(link)
        quick.addStretch(1)
        self.guide_link = _link("Read the user guide (F1)", "How the scales, the roadmap and workshop mode work")
        self.guide_link.clicked.connect(self.guide_requested)
        quick.addWidget(self.guide_link)
        column.addLayout(quick)

        recent_title = QLabel("Recent plans")
        recent_title.setProperty("heading", "2")
        column.addWidget(recent_title)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent plans")
        self.recent.setMaximumHeight(190)
        self.recent.itemActivated.connect(self._activated)
        column.addWidget(self.recent)
        self.no_recent = QLabel("No recent plans yet.")
        self.no_recent.setProperty("muted", "true")
        column.addWidget(self.no_recent)

        scales = QFrame()
        scales.setProperty("card", "true")
        scales_layout = QVBoxLayout(scales)
        head = QLabel("One assessment, every maturity scale")
        head.setProperty("heading", "2")
        scales_layout.addWidget(head)
        body = QLabel("<br>".join(SCALES))
        body.setWordWrap(True)
        scales_layout.addWidget(body)
        column.addWidget(scales)
        column.addStretch(2)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            for button, icon in ((self.demo_button, "demo"), (self.new_button, "new"), (self.open_button, "open")):
                button.setIcon(theme.icon(icon, _on_accent() if button is self.demo_button else theme.colours(self)))

    def _button(self, text: str, icon: str, tip: str, primary: bool = False) -> QPushButton:
        button = QPushButton(theme.icon(icon, _on_accent() if primary else theme.colours(self)), text)
        if primary:
            button.setProperty("primary", "true")
        button.setToolTip(tip)
        button.setAccessibleName(text.rstrip("…"))
        button.setMinimumHeight(38)
        button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        return button

    def set_recent(self, files: list[str]) -> None:
        self.recent.clear()
        for path in files:
            exists = Path(path).is_file()
            item = QListWidgetItem(f"{Path(path).stem}    —    {path}" + ("" if exists else "   (missing)"))
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path if exists else f"{path} no longer exists")
            if not exists:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)
        self.recent.setVisible(bool(files))
        self.no_recent.setVisible(not files)

    def _activated(self, item: QListWidgetItem) -> None:
        self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole))


def _on_accent():
    """Icon colours for a primary button: the accent's text colour."""
    from dataclasses import replace

    c = theme.colours()
    return replace(c, text=c.accent_text)


def _link(text: str, tip: str) -> QPushButton:
    """A button that looks like a link: the palette's link colour, underlined."""
    link = QPushButton(text)
    link.setFlat(True)
    link.setCursor(Qt.CursorShape.PointingHandCursor)
    link.setToolTip(tip)
    link.setStyleSheet("QPushButton { color: palette(link); text-decoration: underline; border: none; "
                       "padding: 2px 6px; background: transparent; }")
    return link
