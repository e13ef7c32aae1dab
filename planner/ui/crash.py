"""Unexpected errors: logged to a file in the platform's log folder and shown in a
dialog whose details can be copied. The app keeps running; the plan on disk is intact
because every edit is its own committed transaction.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from . import paths

log = logging.getLogger("planner.ui.crash")


def setup_logging() -> str:
    """Log the app's named loggers (planner.*) to the log file; return its path ('' when
    the folder cannot be written, in which case logging goes to stderr only)."""
    import logging.handlers

    root = logging.getLogger("planner")
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return str(paths.log_file())
    root.setLevel(logging.INFO)
    try:
        paths.log_dir().mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            paths.log_file(), maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        where = str(paths.log_file())
    except OSError:
        handler, where = logging.StreamHandler(), ""
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return where


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        where = f" The details are also in the log file:<br><code>{_escape(log_path)}</code>" if log_path else ""
        text = QLabel("<b>MLOps Roadmap Planner hit an unexpected error.</b><br>"
                      "Your plan is safe: every change was saved when you made it. You can keep working, "
                      "or close the app and open the plan again." + where)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Error details")
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("Copy details")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        if log_path:
            folder = QPushButton("Open log folder")
            folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir()))))
            buttons.addButton(folder, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CrashHandler(QObject):
    """Installed once per app. Exceptions from any thread are marshalled to the GUI
    thread (through a queued signal) and shown there, one dialog at a time."""

    report = Signal(str)

    def __init__(self, parent_widget=None, log_path: str = "", show_dialog: bool = True):
        super().__init__()
        self._parent = parent_widget
        self._log_path = log_path
        self._show = show_dialog
        self._showing = False
        self.last: str = ""
        self.report.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = lambda args: self._excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _excepthook(self, kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error:\n%s", details)
        self.report.emit(details)

    def report_details(self, details: str) -> None:
        """For errors caught elsewhere (the planning thread) with their traceback."""
        log.error("unexpected error:\n%s", details)
        self.report.emit(details)

    def _show_dialog(self, details: str) -> None:
        self.last = details
        if not self._show or self._showing:
            print(details, file=sys.stderr)
            return
        self._showing = True
        try:
            parent = self._parent() if callable(self._parent) else self._parent
            CrashDialog(details, self._log_path, parent).exec()
        finally:
            self._showing = False
