"""No command overwrites a plan, writes into a folder, or leaves half a file behind."""

from pathlib import Path

from planner.cli import main
from planner.store.planfile import PlanFile


def test_outputs_never_overwrite_a_plan_or_fail_midway(tmp_path, capsys):
    plan = tmp_path / "x.mlplan"
    assert main(["plan", "new", "--demo", str(plan)]) == 0
    (tmp_path / "folder").mkdir()
    cases = [
        (["report", str(plan), "-o", str(plan)], "would destroy the plan"),
        (["plan", "export", str(plan), str(plan)], "would destroy the plan"),
        (["plan", "export", str(plan), str(tmp_path / "no" / "o.csv")], "no such folder"),
        (["plan", "export", str(plan), str(tmp_path / "folder")], "is a folder"),
        (["report", str(plan), "-o", str(tmp_path / "folder")], "is a folder"),
        (["plan", "new", str(tmp_path / "no" / "a.mlplan")], "no such folder for the plan"),
    ]
    for argv, message in cases:
        capsys.readouterr()
        assert main(argv) == 1, argv
        assert message in capsys.readouterr().err, argv
    assert sorted(p.name for p in (tmp_path / "folder").iterdir()) == []
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob("*.tmp"))
    with PlanFile.open(plan) as still:
        assert still.state.name == "MLOps roadmap 2027"


def test_an_empty_file_is_not_turned_into_a_database(tmp_path, capsys):
    empty = tmp_path / "empty.mlplan"
    empty.write_bytes(b"")
    assert main(["plan", "target", str(empty), "ci", "2"]) == 1
    assert "not a plan file (it is empty)" in capsys.readouterr().err
    assert empty.read_bytes() == b""
