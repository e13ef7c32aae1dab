"""PlanDocument: edits write through, undo and redo, live re-planning on the planning
thread, stale results dropped, read-only plans."""

from __future__ import annotations

import pytest

from planner.roadmap.engine import plan_roadmap
from planner.store.planfile import PlanFile
from planner.ui import edits
from planner.ui.document import DONE, IMPROVING, PlanDocument

from .conftest import improved


def on_disk(path):
    """The plan's state as another reader sees it in the file."""
    with PlanFile.open(path, read_only=True) as plan:
        return plan.state


def test_an_edit_is_saved_at_once_and_undo_restores_the_file(document, qtbot):
    before = document.state.assessment().entries["feature_store"].level
    with qtbot.waitSignal(document.changed):
        assert edits.set_level(document, "feature_store", 2)
    assert document.scores.current["feature_store"] == 2
    assert on_disk(document.path).assessment().entries["feature_store"].level == 2
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText().startswith("Set feature_store to level 2")
    document.undo_stack.undo()
    assert on_disk(document.path).assessment().entries["feature_store"].level == before
    assert document.scores.current["feature_store"] == before
    document.undo_stack.redo()
    assert on_disk(document.path).assessment().entries["feature_store"].level == 2


def test_a_refused_edit_changes_nothing_and_says_why(document, qtbot):
    with qtbot.waitSignal(document.error) as blocker:
        assert not edits.set_not_applicable(document, "automl", True, "   ")
    assert "give a reason" in blocker.args[0]
    assert document.undo_stack.count() == 0
    assert not on_disk(document.path).assessment().entries["automl"].not_applicable


def test_every_edit_replans_at_once_and_the_improvement_replaces_it(document, qtbot):
    # The stages end by their budgets (schedules, MIP nodes), not by the clock: the
    # worker's result and a fresh one in this process must agree, however busy the machine.
    improved(qtbot, document)
    steps_before = len(document.roadmap.items)
    with qtbot.waitSignal(document.roadmap_changed):
        edits.set_target(document, "model_monitoring", 3)
    # the instant heuristic roadmap is there before any improvement arrives
    assert len(document.roadmap.items) > steps_before
    assert any(i.capability == "model_monitoring" for i in document.roadmap.items)
    improved(qtbot, document)
    assert document.stage == DONE
    fresh = plan_roadmap(document.catalog, document.state)
    assert document.roadmap.objective == fresh.objective
    assert [(i.id, i.start) for i in document.roadmap.items] == [(i.id, i.start) for i in fresh.items]


def test_rapid_edits_never_show_a_stale_roadmap(document, qtbot):
    results = []
    document.roadmap_changed.connect(lambda: results.append((document.generation, document.roadmap)))
    # The last edit leaves a plan proven in about a second (ML and data engineering at 1
    # take 8 s of counted work, too close to the wait's limit on a busy machine).
    for role, fte in (("ml_engineering", 1), ("ml_engineering", 3), ("data_engineering", 3)):
        edits.set_capacity(document, role, fte)
    improved(qtbot, document)
    final = document.roadmap
    assert final.settings.capacity["ml_engineering"].plain() == 3 and final.settings.capacity["data_engineering"].plain() == 3
    # every roadmap shown after the last edit was planned with the last edit's capacity
    last_generation = document.generation
    for generation, roadmap in results:
        if generation == last_generation:
            assert roadmap.settings.capacity["data_engineering"].plain() == 3
    assert plan_roadmap(document.catalog, document.state).objective == final.objective


def test_steps_of_one_setting_merge_into_one_undo_step(document):
    for fte in (3, 4, 5):
        edits.set_capacity(document, "platform", fte)
    assert document.undo_stack.count() == 1
    assert document.state.settings["capacity"]["platform"] == 5
    document.undo_stack.undo()
    assert document.state.settings["capacity"]["platform"] == 1.5


def test_impossible_constraints_give_a_diagnosis_not_a_roadmap(document, qtbot):
    with qtbot.waitSignal(document.roadmap_changed):
        edits.set_capacity(document, "ml_engineering", 0)
    assert document.roadmap is None
    assert any("ML engineering" in line and "no capacity" in line for line in document.diagnosis)
    assert document.status_text().startswith("No roadmap")
    document.undo_stack.undo()
    assert document.roadmap is not None and document.diagnosis == []


def test_a_plan_another_process_writes_opens_read_only(demo_path, qtbot):
    with PlanFile.open(demo_path) as writer:  # holds the writer lock, as another process would
        doc = PlanDocument.open(demo_path)
        try:
            assert doc.read_only
            assert "another process" in doc.read_only_reason
            with qtbot.waitSignal(doc.error) as blocker:
                assert not edits.set_level(doc, "feature_store", 2)
            assert "read-only" in blocker.args[0]
        finally:
            doc.close()
        assert writer.state.assessment().entries["feature_store"].level == 0


def test_scenarios_show_their_own_roadmap_and_take_their_own_edits(document, qtbot):
    improved(qtbot, document)
    base = document.roadmap
    document.set_scenario("+2 ML engineers")
    assert document.roadmap.settings.capacity["ml_engineering"].plain() == 4
    assert document.roadmap.scenario == "+2 ML engineers"
    edits.set_capacity(document, "platform", 3)
    assert document.state.scenarios["+2 ML engineers"]["settings"]["capacity"]["platform"] == 3
    assert document.state.settings["capacity"]["platform"] == 1.5  # the plan itself is untouched
    document.undo_stack.undo()
    assert document.state.scenarios["+2 ML engineers"]["settings"]["capacity"]["platform"] == 1.5
    document.set_scenario(None)
    improved(qtbot, document)
    assert document.roadmap.objective == base.objective


def test_the_improvement_runs_in_the_worker_process_and_closing_releases_the_plan(demo_path, qtbot):
    doc = PlanDocument.open(demo_path)
    edits.set_target(doc, "automl", 2)
    assert doc.stage == IMPROVING
    improved(qtbot, doc)
    assert doc.worker.mode == "process"
    key = doc._key
    doc.close()
    assert key not in doc.worker._catalogs  # its catalog is forgotten, its slot free


def test_switching_to_weeks_keeps_the_budget_meaning_in_the_plan_and_in_a_scenario(document):
    monthly = document.state.settings["budget_per_period"]
    assert isinstance(monthly, (int, float)) and document.roadmap.settings.time_unit == "month"
    assert edits.set_setting(document, "time_unit", "week")
    assert document.state.settings["budget_per_period"] == pytest.approx(monthly * 12 / 52, abs=1e-9)
    assert document.roadmap.settings.budget_per_period.plain() == pytest.approx(monthly * 12 / 52, abs=1e-9)
    document.undo_stack.undo()  # one step undoes the unit and the budget
    assert document.state.settings["budget_per_period"] == monthly
    document.set_scenario("+2 ML engineers")
    assert edits.set_setting(document, "time_unit", "week")
    scenario = document.state.scenarios["+2 ML engineers"]["settings"]
    assert scenario["time_unit"] == "week" and scenario["budget_per_period"] == pytest.approx(monthly * 12 / 52, abs=1e-9)
    assert document.state.settings["budget_per_period"] == monthly  # the plan itself is untouched


def refuse_rows(document, refuse: bool) -> None:
    """The plan's entries table refuses every change (temporary triggers on this
    connection only; the file is untouched): a failure of what is written, not of the disk."""
    conn = document._plan.conn
    for action in ("INSERT", "UPDATE", "DELETE"):
        if refuse:
            conn.execute(f"CREATE TEMP TRIGGER refuse_{action.lower()} BEFORE {action} ON entries "
                         "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
        else:
            conn.execute(f"DROP TRIGGER IF EXISTS temp.refuse_{action.lower()}")


def test_an_undo_the_file_refuses_keeps_the_history_and_can_be_tried_again(document, qtbot):
    """A failed undo used to clear the undo stack from inside QUndoCommand.undo(),
    deleting the command Qt was running (count 0, index 1, then a crash)."""
    before = document.state.assessment().entries["feature_store"].level
    edits.set_level(document, "feature_store", 2)
    edits.set_level(document, "drift_detection", 1)
    refuse_rows(document, True)
    with qtbot.waitSignal(document.error) as blocker:
        document.undo_stack.undo()
    assert "undo was not saved" in blocker.args[0]
    qtbot.waitUntil(lambda: document.undo_stack.index() == 2)
    assert document.undo_stack.count() == 2
    assert on_disk(document.path).assessment().entries["drift_detection"].level == 1
    assert document.state.assessment().entries["drift_detection"].level == 1
    refuse_rows(document, False)
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert on_disk(document.path).assessment().entries["feature_store"].level == before
    assert document.undo_stack.index() == 0


def test_a_redo_the_file_refuses_keeps_the_history_too(document, qtbot):
    edits.set_level(document, "feature_store", 2)
    document.undo_stack.undo()
    refuse_rows(document, True)
    with qtbot.waitSignal(document.error):
        document.undo_stack.redo()
    qtbot.waitUntil(lambda: document.undo_stack.index() == 0)
    assert document.undo_stack.count() == 1
    refuse_rows(document, False)
    document.undo_stack.redo()
    assert on_disk(document.path).assessment().entries["feature_store"].level == 2


def disk_refuses(document, refuse: bool) -> None:
    """The plan's file refuses every write, as a read-only disk would (SQLite's query_only
    on the file's own connection)."""
    plan = document._plan
    (plan._disk or plan.conn).execute(f"PRAGMA query_only = {1 if refuse else 0}")


def test_edits_made_while_the_file_cannot_be_written_wait_in_memory_and_are_saved_after(document, qtbot):
    """Deliver 3: a banner says so, the edits (and their undo) work, nothing is lost, and
    they reach the file as soon as it can be written."""
    disk_refuses(document, True)
    with qtbot.waitSignal(document.unsaved) as blocker:
        assert edits.set_level(document, "feature_store", 2)
    assert "cannot be written" in blocker.args[0] and "kept here" in blocker.args[0]
    assert edits.set_level(document, "drift_detection", 1)
    document.undo_stack.undo()  # undo works on the kept edits too
    assert document.state.assessment().entries["feature_store"].level == 2
    assert document.state.assessment().entries["drift_detection"].level != 1
    assert on_disk(document.path).assessment().entries["feature_store"].level != 2  # not in the file yet
    assert not document.retry_save()  # still refused
    disk_refuses(document, False)
    with qtbot.waitSignal(document.unsaved, check_params_cb=lambda reason: reason == "", timeout=10_000):
        pass  # the retry timer saves them
    assert on_disk(document.path) == document.state
    assert document.unsaved_reason == ""


def test_closing_with_edits_the_file_refuses_keeps_them_in_a_recovery_copy(document, qtbot):
    from planner.store.planfile import PlanFile as Plan

    disk_refuses(document, True)
    edits.set_level(document, "feature_store", 2)
    state = document.state
    document.close()
    assert document.recovered is not None and document.recovered.exists()
    with Plan.open(document.recovered, read_only=True) as copy:
        assert copy.state == state


def test_an_edit_in_a_scenario_is_named_for_what_it_did_in_the_history(document):
    document.set_scenario("+2 ML engineers")
    edits.set_capacity(document, "platform", 3)
    assert document.undo_stack.undoText() == "Set capacity in scenario +2 ML engineers"
    assert document.undo_stack.text(document.undo_stack.count() - 1) == document.undo_stack.undoText()
