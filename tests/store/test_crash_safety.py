"""Durability, proven: a writer killed with SIGKILL at seeded random moments loses no
acknowledged edit, leaves a sound database and no stale lock; two writers at once cannot
both write; and the PDF, CSV and JSON writers on a full disk or a read-only folder fail
with a clear message and leave no partial file."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import main
from planner.store.planfile import PlanFile

from ..mounts import fill, tmpfs

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = int(os.environ.get("CRASH_ROUNDS", "12"))  # more for a longer soak: CRASH_ROUNDS=200
SEED = 20261201

# The writer acknowledges an edit (prints its number) only after the command returned,
# that is after its transaction committed. Edits cycle through several tables.
WRITER = """
import sys
from planner.store import commands as c
from planner.store.planfile import PlanFile
path, first = sys.argv[1], int(sys.argv[2])
plan = PlanFile.open(path)
assert not plan.read_only, plan.read_only_reason
for i in range(first, first + 100000):
    kind = i % 4
    if kind == 0:
        c.SetVote("Organisation", "ci", f"p{i}", i % 5).apply(plan)
    elif kind == 1:
        c.AddEvidence("Organisation", "cd", f"note {i}").apply(plan)
    elif kind == 2:
        c.SetPriority("ci", 1 + i % 5).apply(plan)
    else:
        c.SetSetting("budget_total", 1000 + i).apply(plan)
    print(i, flush=True)
"""


def _kill_after(path: Path, first: int, acknowledged: int) -> int:
    """Start a writer, let it acknowledge `acknowledged` edits, kill it with SIGKILL wherever
    it is by then; return the number of the last edit it acknowledged."""
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(first)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    last = first - 1
    for line in proc.stdout:  # wait on the writer's own acknowledgements, never on time
        last = int(line)
        if last >= first + acknowledged - 1:
            break
    proc.kill()
    proc.wait()
    for line in proc.stdout:  # what it acknowledged before the signal arrived
        last = int(line)
    proc.stdout.close()
    errors = proc.stderr.read()
    proc.stderr.close()
    assert last >= first + acknowledged - 1, errors
    return last


def _check(path: Path, last: int) -> None:
    """Every acknowledged edit up to `last` is in the file, the database is sound, and a
    new writer is not blocked by the dead one's lock."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with PlanFile.open(path) as plan:
        assert not plan.read_only, plan.read_only_reason  # the lock died with its process
        state = plan.state
        votes = {v.participant for v in state.assessment().votes.get("ci", ())}
        notes = {e.note for e in state.assessment().entries["cd"].evidence}
        for i in range(last + 1):
            if i % 4 == 0:
                assert f"p{i}" in votes, i
            elif i % 4 == 1:
                assert f"note {i}" in notes, i
        newest = {i % 4: i for i in range(last + 1)}  # the last acknowledged edit of each kind
        if 2 in newest:  # that one, or the unacknowledged next one if it committed before the kill
            assert state.priorities["ci"] in {1 + newest[2] % 5, 1 + (newest[2] + 4) % 5}
        if 3 in newest:
            assert state.settings["budget_total"] in {1000 + newest[3], 1000 + newest[3] + 4}


def test_sigkill_at_random_moments_loses_no_acknowledged_edit(tmp_path):
    path = tmp_path / "kill.mlplan"
    PlanFile.create(path).close()
    rng = random.Random(SEED)
    first = 0
    for _ in range(ROUNDS):
        last = _kill_after(path, first, rng.randint(1, 40))
        _check(path, last)
        with PlanFile.open(path) as plan:  # start the next round after what the file holds
            first = 1 + max([int(v.participant[1:]) for v in plan.state.assessment().votes.get("ci", ())]
                            + [int(e.note.split()[1]) for e in plan.state.assessment().entries["cd"].evidence
                               if e.note.startswith("note ")] + [last])


def test_two_writers_at_once_the_second_is_read_only_and_nothing_is_lost(tmp_path):
    path = tmp_path / "two.mlplan"
    PlanFile.create(path).close()
    second = ("import sys\nfrom planner.store import commands as c\nfrom planner.store.planfile import PlanFile\n"
              "from planner.store.commands import CommandError\n"
              f"p = PlanFile.open({str(path)!r})\n"
              "print(p.read_only, flush=True)\n"
              "try:\n    c.SetVote('Organisation', 'ci', 'intruder', 1).apply(p)\n    print('wrote')\n"
              "except Exception as exc:\n    print('refused:', exc)\n")
    from planner.store import commands as c

    with PlanFile.open(path) as first:
        c.SetVote("Organisation", "ci", "before", 2).apply(first)
        out = subprocess.run([sys.executable, "-c", second], cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        read_only, result = out.stdout.splitlines()
        assert read_only == "True" and result.startswith("refused:") and "read-only" in result
        c.SetVote("Organisation", "ci", "after", 3).apply(first)  # the first writer carries on
    with PlanFile.open(path) as plan:
        assert {v.participant for v in plan.state.assessment().votes["ci"]} == {"before", "after"}


# -- writers on a full disk and in a read-only folder -------------------------------------

@pytest.fixture
def full_folder(tmp_path):
    """A real full disk: a small tmpfs filled to the last byte."""
    with tmpfs(tmp_path / "full", "size=256k") as folder:
        fill(folder / "filler")
        yield folder


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody may write to: a read-only mount for root (who ignores permission
    bits), permission bits for anyone else."""
    if os.geteuid() == 0:
        with tmpfs(tmp_path / "read-only", "ro,size=64k") as folder:
            yield folder
    else:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


def _writers(plan_path: str, folder: Path):
    yield ["report", "--demo", "-o", str(folder / "case.pdf")], "cannot write the report"
    yield ["plan", "export", plan_path, str(folder / "scores.csv")], "cannot write the export"
    yield ["plan", "export", plan_path, str(folder / "scores.json")], "cannot write the export"


@pytest.mark.parametrize("where, says", [("full_folder", "No space left on device"),
                                         ("read_only_folder", "Read-only file system|Permission denied")])
def test_writers_fail_clearly_and_leave_nothing_behind(where, says, request, tmp_path, capsys):
    import re

    folder = request.getfixturevalue(where)
    before = sorted(p.name for p in folder.iterdir())
    plan_path = tmp_path / "demo.mlplan"
    assert main(["plan", "new", "--demo", str(plan_path)]) == 0
    for argv, message in _writers(str(plan_path), folder):
        capsys.readouterr()
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert message in err and re.search(says, err), (argv, err)
        assert "Traceback" not in err
        assert sorted(p.name for p in folder.iterdir()) == before, argv  # no partial or temporary file
