"""Unexpected errors reach a dialog and the log file; the app keeps running."""

from __future__ import annotations

import sys

import logging
import logging.handlers

from PySide6.QtWidgets import QApplication, QPushButton

from planner.ui import paths
from planner.ui.crash import CrashDialog, CrashHandler, setup_logging


def test_an_unexpected_error_is_logged_and_reported(qtbot, isolated_home):
    root = logging.getLogger("planner")
    kept = list(root.handlers)
    for handler in kept:
        root.removeHandler(handler)
    log_path = setup_logging()
    assert log_path == str(paths.log_file())
    crash = CrashHandler(None, log_path, show_dialog=False)
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        with qtbot.waitSignal(crash.report):
            crash._excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: "boom in a slot" in crash.last)
    assert "Traceback" in crash.last
    assert "boom in a slot" in paths.log_file().read_text()
    for added in root.handlers[:]:
        added.close()
        root.removeHandler(added)
    for handler in kept:
        root.addHandler(handler)


def test_the_crash_dialog_shows_details_to_copy(qtbot):
    dialog = CrashDialog("Traceback ...\nValueError: bad", "/tmp/x.log")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "ValueError: bad" in dialog.details.toPlainText()
    copy = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Copy details")
    copy.click()
    assert QApplication.clipboard().text().endswith("ValueError: bad")
