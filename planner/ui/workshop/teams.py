"""Bringing in the votes of teams that scored on separate laptops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog

from .. import edits


def ask_and_import(parent, document, path: str | None = None, team: str | None = None) -> bool:
    """Ask for the team's exported file (CSV or JSON) and its name, then import its votes
    as "TEAM / participant"; a refused file is reported through the document's `error`."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "Import a team's votes", str(document.path.parent),
                                              "Scores and votes (*.csv *.json)")
        if not path:
            return False
    if team is None:
        team, ok = QInputDialog.getText(parent, "Import a team's votes", "The team's name:", text=Path(path).stem)
        if not ok:
            return False
    return edits.import_team_votes(document, path, team)
