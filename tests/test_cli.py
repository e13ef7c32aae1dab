import json

from planner.cli import main

from .catalog.conftest import SMALL


def test_validate_bundled_prints_a_summary(capsys):
    assert main(["catalog", "validate"]) == 0
    out = capsys.readouterr().out
    assert "OK - 32 capabilities" in out and "4 frameworks" in out


def test_validate_json_on_problems(tmp_path, capsys):
    (tmp_path / "catalog.toml").write_text((SMALL / "catalog.toml").read_text().replace(
        "covers = { orchestration = 3,", "covers = { orchestraton = 3,"))
    assert main(["catalog", "validate", str(tmp_path), "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is False
    (problem,) = result["problems"]
    assert set(problem) == {"file", "line", "message", "hint"}
    assert problem["hint"] == "did you mean 'orchestration'?"
    assert set(result["counts"]) >= {"capabilities", "dependencies", "frameworks", "options"}


def test_validate_json_ok(capsys):
    assert main(["catalog", "validate", str(SMALL), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is True and result["problems"] == []
    assert result["counts"]["capabilities"] == 3 and result["counts"]["options"] == 1


def test_text_output_names_file_and_line(tmp_path, capsys):
    (tmp_path / "catalog.toml").write_text((SMALL / "catalog.toml").read_text().replace("format = 1", "format = 1\nbogus = 2"))
    assert main(["catalog", "validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "catalog.toml:4: file" in out and "unknown key 'bogus'" in out


def test_without_a_command_the_app_opens():
    from planner.cli import gui_argv

    commands = ["gui", "catalog", "plan", "screenshot"]
    assert gui_argv([], commands) == ["gui"]
    assert gui_argv(["--demo"], commands) == ["gui", "--demo"]
    assert gui_argv(["my plan.mlplan"], commands) == ["gui", "my plan.mlplan"]
    assert gui_argv(["plan", "score", "x"], commands) == ["plan", "score", "x"]
    assert gui_argv(["--help"], commands) == ["--help"]


def test_version_names_the_catalog(capsys):
    import pytest

    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("roadmap-planner 0.1.0") and "catalog 2026.11" in out


def test_usage_errors_exit_2(capsys):
    import pytest

    with pytest.raises(SystemExit) as info:
        main(["catalog", "frobnicate"])
    assert info.value.code == 2


def test_the_list_of_commands_is_the_parsers():
    """`main` routes anything that is not a command to the app by COMMANDS, before it
    builds the parser; a command missing from the list would open the app instead."""
    from planner.cli import COMMANDS, build_parser

    parser = build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    assert tuple(choices) == COMMANDS


def test_a_mistyped_command_is_named_not_opened_as_the_app(capsys):
    from planner.cli import main

    for typo, meant in (("roadmp", "roadmap"), ("reprot", "report")):
        assert main([typo, "--demo", "-o", "x.pdf"]) == 2
        err = capsys.readouterr().err
        assert f"'{typo}' is not a command or a plan file; did you mean '{meant}'?" in err


def test_usage_lines_name_the_program_once(capsys):
    import pytest

    from planner.cli import main

    with pytest.raises(SystemExit):
        main(["plan", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: roadmap-planner plan [-h]")


def test_plan_score_names_what_a_level_still_needs(capsys):
    from planner.cli import main

    assert main(["plan", "score", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "Data pipelines at 3 (now 2)" in out and "->" not in out


def test_a_long_command_says_what_it_does_at_a_terminal(tmp_path):
    """report prints what it is doing on stderr when a person watches (a terminal)."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "planner", "report", "--demo", "-o", str(tmp_path / "c.pdf")],
                          stdout=subprocess.PIPE, stderr=follower, timeout=120)
    os.close(follower)
    said = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        said += chunk
    os.close(leader)
    assert done.returncode == 0
    assert b"planning the roadmap and its 2 scenario(s)" in said and b"writing" in said
