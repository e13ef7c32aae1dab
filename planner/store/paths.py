"""Checks on files the user names, so that no command overwrites a plan or fails midway."""

from __future__ import annotations

from pathlib import Path

from . import schema

SQLITE_HEADER = b"SQLite format 3\x00"


def is_plan_file(path: Path) -> bool:
    """True when the file is an SQLite database marked as a plan (application id)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(72)
    except OSError:
        return False
    return head[:16] == SQLITE_HEADER and int.from_bytes(head[68:72], "big") == schema.APPLICATION_ID


def output_path(path: str | Path, what: str) -> Path:
    """A file the command may (over)write, or a PlanFileError saying why not."""
    from .planfile import PlanFileError

    path = Path(path)
    if path.name in ("", ".", "..") or path.is_dir():
        raise PlanFileError(f"{path}: is a folder; name the {what} file to write, e.g. {path / ('out' + _suffix(what))}")
    if not path.parent.is_dir():
        raise PlanFileError(f"{path.parent}: no such folder for the {what}")
    if is_plan_file(path):
        raise PlanFileError(f"{path} is a plan file; writing the {what} there would destroy the plan. "
                            "Choose another file name")
    return path


def _suffix(what: str) -> str:
    return {"report": ".pdf", "export": ".csv", "plan": ".mlplan"}.get(what, "")
