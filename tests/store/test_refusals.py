"""Bad input stays bad input: a file the app refuses is left byte-identical, with nothing
made beside it, and the message says what the file is and what to do. A plan on
read-only media opens read-only."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
from pathlib import Path

import pytest

from planner.cli import main
from planner.store import schema
from planner.store.planfile import PlanFile

from ..mounts import tmpfs


def fingerprint(folder: Path) -> dict[str, str]:
    """Every entry of the folder with the sha256 of its content ('dir' for folders)."""
    return {p.name: ("dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.iterdir())}


def another_apps_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('not a plan')")
    conn.commit()
    conn.close()


def newer_plan(path: Path) -> None:
    assert main(["plan", "new", "--demo", str(path)]) == 0
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()  # the last connection: SQLite folds the WAL back and removes it


def truncated_plan(path: Path) -> None:
    assert main(["plan", "new", "--demo", str(path)]) == 0
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def header_only(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)


CASES = {
    "another application's database": (another_apps_database, "SQLite database of another application"),
    "a plan from a newer version": (newer_plan, "written by a newer version"),
    "a truncated plan": (truncated_plan, "a damaged plan file"),
    "a plan cut inside its header": (header_only, "a damaged plan file"),
    "an empty file": (lambda p: p.write_bytes(b""), "it is empty"),
    "a text file": (lambda p: p.write_text("name,level\n"), "not an SQLite database"),
    "a folder": (lambda p: p.mkdir(), "is a folder, not a plan file"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_refused_file_is_left_as_it_was(case, tmp_path, capsys):
    make, says = CASES[case]
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "x.mlplan"
    make(path)
    before = fingerprint(folder)
    for argv in (["plan", "target", str(path), "feature_store", "2"], ["plan", "score", str(path)],
                 ["roadmap", str(path)], ["report", str(path), "-o", str(tmp_path / "case.pdf")]):
        capsys.readouterr()
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert says in err and str(path) in err and "Traceback" not in err, (argv, err)
        assert fingerprint(folder) == before, argv  # same bytes, nothing beside it


@pytest.fixture
def read_only_media(tmp_path):
    """A plan on a read-only file system: a tmpfs with a plan, remounted read-only."""
    with tmpfs(tmp_path / "media", "size=8m") as folder:
        assert main(["plan", "new", "--demo", str(folder / "demo.mlplan")]) == 0
        assert subprocess.run(["mount", "-o", "remount,ro", str(folder)]).returncode == 0
        yield folder / "demo.mlplan"


def test_a_plan_on_read_only_media_opens_read_only(read_only_media, capsys):
    before = fingerprint(read_only_media.parent)
    with PlanFile.open(read_only_media) as plan:
        assert plan.read_only and "read-only" in plan.read_only_reason
        assert plan.state.assessment().entries  # it reads
    assert main(["plan", "score", str(read_only_media)]) == 0
    capsys.readouterr()
    assert main(["plan", "target", str(read_only_media), "feature_store", "2"]) == 1
    err = capsys.readouterr().err
    assert "read-only" in err and "Traceback" not in err
    assert fingerprint(read_only_media.parent) == before


def test_a_screenshot_of_a_plan_on_read_only_media(read_only_media, tmp_path, capsys):
    """It used to exit 0 with a BrokenPipeError traceback and no PNG."""
    out = tmp_path / "roadmap.png"
    assert main(["screenshot", str(read_only_media), "--view", "roadmap", "-o", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "wrote" in capsys.readouterr().out
