"""The living roadmap: progress recorded on steps (started, done, dropped), the status
date, and the baseline steps are compared with."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from planner.assessment.model import Progress
from planner.cli import main
from planner.roadmap.engine import plan_roadmap
from planner.roadmap.model import InfeasiblePlan
from planner.roadmap.render import roadmap_csv, roadmap_json, roadmap_text
from planner.store import commands as c
from planner.store.commands_base import CommandError

STATUS = "2027-03-10"  # in the demo's third month (March 2027): period 2


def progressed(state, **progress):
    return replace(state, settings={**state.settings, "status_date": STATUS}, progress=progress)


def _run(state, catalog):
    return {i.id: i for i in plan_roadmap(catalog, state).items}


def test_a_step_done_stays_where_it_happened_and_uses_no_capacity(demo):
    catalog, state = demo
    # done in February without a start day: it ran its one month, in February
    items = _run(progressed(state, **{"data_validation:1-2": Progress("done", "", "2027-02-20")}), catalog)
    done = items["data_validation:1-2"]
    assert (done.start, done.finish, done.status) == (1, 2, "done")
    assert done.why == ("Done on 2027-02-20: kept where it happened.",)
    # with a start day, from that day's month; in a month where the planned steps already fill data
    # engineering, so it could only be placed there using no capacity
    items = _run(progressed(state, **{"data_validation:1-2": Progress("done", "2027-01-04", "2027-03-02")}), catalog)
    assert (items["data_validation:1-2"].start, items["data_validation:1-2"].finish) == (0, 3)
    assert items["data_validation:1-2"].why[0] == "Done on 2027-03-02 (started 2027-01-04): kept where it happened."


def test_what_is_left_starts_in_the_status_period_or_later(demo):
    catalog, state = demo
    items = _run(progressed(state, **{"data_validation:1-2": Progress("done", "", "2027-01-20")}), catalog)
    assert all(i.start >= 2 for i in items.values() if not i.status)
    assert any(i.start == 2 and i.why[0].startswith("Starts in Mar 2027, the month of the status date")
               for i in items.values())


def test_a_step_started_runs_from_its_start_and_what_is_left_from_the_status_period(demo):
    catalog, state = demo
    # data pipelines 2→3 takes two months; started in January, one month is left from March
    items = _run(progressed(state, **{"data_pipelines:2-3": Progress("started", "2027-01-05")}), catalog)
    step = items["data_pipelines:2-3"]
    assert step.status == "started" and step.start == 0 and step.finish >= 3
    assert step.why[0] == ("Started on 2027-01-05; what is left is planned from Mar 2027 "
                           "(the status date is 2027-03-10).")
    # what needs it waits for what is left of it
    after = [i for i in items.values() if "data_pipelines:2-3" in i.predecessors]
    assert after and all(i.start >= step.finish for i in after)


def test_a_step_dropped_leaves_with_what_needs_it(demo):
    catalog, state = demo
    roadmap = plan_roadmap(catalog, progressed(state, **{"metadata_store:1-2": Progress("dropped", "", STATUS)}))
    ids = {i.id for i in roadmap.items}
    assert roadmap.dropped_items == ("metadata_store:1-2",)
    assert "metadata_store:1-2" not in ids and "metadata_store:1-2" not in roadmap.excluded_items
    assert "metadata_store:2-3" in roadmap.excluded_items and "metadata_store:2-3" not in ids
    data = roadmap_json(catalog, roadmap)
    assert data["dropped_items"] == ["metadata_store:1-2"] and data["status_date"] == STATUS


def test_no_progress_plans_as_before_whatever_the_status_date(demo):
    catalog, state = demo
    before = roadmap_json(catalog, plan_roadmap(catalog, state))
    dated = roadmap_json(catalog, plan_roadmap(catalog, replace(state, settings={**state.settings,
                                                                                 "status_date": "2028-01-01"})))
    assert dated == before and before["status_date"] is None
    assert all(i["status"] is None and i["slip"] is None for i in before["items"])


def test_the_status_date_makes_the_roadmap_the_same_on_any_day(demo):
    catalog, state = demo
    state = progressed(state, **{"cd:1-2": Progress("started", "2027-02-01")})
    one = roadmap_json(catalog, plan_roadmap(catalog, state, today=date(2027, 3, 1)))
    other = roadmap_json(catalog, plan_roadmap(catalog, state, today=date(2029, 1, 1)))
    assert one == other
    # without one, today is the status date
    undated = replace(state, settings={k: v for k, v in state.settings.items() if k != "status_date"})
    assert plan_roadmap(catalog, undated, today=date(2027, 5, 3)).status_date == date(2027, 5, 3)


def test_a_pin_before_the_status_date_is_refused_in_words(demo):
    catalog, state = demo
    state = progressed(state, **{"cd:1-2": Progress("started", "2027-01-04")})
    state = replace(state, pins={"feature_store:0-1": 0})
    with pytest.raises(InfeasiblePlan) as err:
        plan_roadmap(catalog, state)
    assert "Feature store" in " ".join(err.value.diagnosis)


def test_each_step_says_how_far_it_slipped_against_the_baseline(demo):
    catalog, state = demo
    first = plan_roadmap(catalog, state)
    baseline = {i.id: (i.start_date.isoformat(), i.end_date.isoformat()) for i in first.items}
    state = replace(progressed(state, **{"data_validation:1-2": Progress("done", "", "2027-01-28")}),
                    baseline=baseline, baseline_taken="2026-12-01")
    roadmap = plan_roadmap(catalog, state)
    planned = {i.id: i for i in first.items}
    for item in roadmap.items:
        assert item.baseline == (planned[item.id].start, planned[item.id].finish)
        assert item.slip == item.finish - planned[item.id].finish
    assert any(i.slip > 0 for i in roadmap.items) and roadmap.item("data_validation:1-2").slip == 0
    late = next(i for i in roadmap.items if i.slip == 2)
    text = roadmap_text(catalog, roadmap)
    assert f"{late.name}" in text and "2 months late against the baseline" in text
    rows = list(csv.DictReader(io.StringIO(_csv(catalog, roadmap))))
    row = next(r for r in rows if r["id"] == late.id)
    assert row["slip_periods"] == "2" and row["status"] == ""
    assert next(r for r in rows if r["id"] == "data_validation:1-2")["status"] == "done"
    assert roadmap_json(catalog, roadmap)["baseline_taken"] == "2026-12-01"


def _csv(catalog, roadmap) -> str:
    out = io.StringIO()
    roadmap_csv(catalog, roadmap, out)
    return out.getvalue()


def test_progress_commands_write_undo_and_refuse_in_words(demo_plan):
    plan = demo_plan
    start = c.SetProgress("cd:1-2", "started", "2027-02-01")
    start.apply(plan)
    assert plan.state.progress["cd:1-2"] == Progress("started", "2027-02-01", "")
    assert start.text == "Mark cd:1-2 started on 2027-02-01"
    done = c.SetProgress("cd:1-2", "done", "2027-03-15")
    done.apply(plan)
    assert plan.state.progress["cd:1-2"] == Progress("done", "2027-02-01", "2027-03-15")  # keeps its start
    done.undo(plan)
    assert plan.state.progress["cd:1-2"] == Progress("started", "2027-02-01", "")
    c.SetProgress("ci:2-3", "dropped", "2027-01-31").apply(plan)
    assert plan.state.progress["ci:2-3"] == Progress("dropped", "", "2027-01-31")
    c.SetProgress("ci:2-3", None).apply(plan)
    assert "ci:2-3" not in plan.state.progress
    today = c.SetProgress("ci:2-3", "done")
    today.apply(plan)
    assert plan.state.progress["ci:2-3"].finished_on == date.today().isoformat()
    for command, words in [
        (c.SetProgress("cd:1-2", "done", "2027-01-31"), "started on 2027-02-01: it cannot be done before that day"),
        (c.SetProgress("cd:1-2", "finished", "2027-01-31"), "'finished' is not a step's progress"),
        (c.SetProgress("cd:1-2", "done", "31/01/2027"), "'31/01/2027' is not a date; write it as YYYY-MM-DD"),
        (c.SetProgress("cd:1-2", "done", "1900-01-01"), "out of range"),
        (c.SetProgress("cd:7-8", "done"), "'cd:7-8' is not a step of 'cd'"),
        (c.SetProgress("feature_store:1-2", None), "no progress is recorded for feature_store:1-2"),
    ]:
        with pytest.raises(CommandError, match=words.replace("(", r"\(").replace(")", r"\)")):
            command.apply(plan)


def test_a_baseline_replaces_the_last_one_and_clears(demo_plan):
    plan = demo_plan
    with pytest.raises(CommandError, match="no baseline to clear"):
        c.TakeBaseline(None).apply(plan)
    c.TakeBaseline({"cd:1-2": ("2027-01-01", "2027-01-31"), "ci:2-3": ("2027-02-01", "2027-02-28")}).apply(plan)
    assert plan.state.baseline == {"cd:1-2": ("2027-01-01", "2027-01-31"), "ci:2-3": ("2027-02-01", "2027-02-28")}
    assert plan.state.baseline_taken == date.today().isoformat()
    second = c.TakeBaseline({"cd:1-2": ("2027-03-01", "2027-03-31")})
    second.apply(plan)
    assert plan.state.baseline == {"cd:1-2": ("2027-03-01", "2027-03-31")}
    second.undo(plan)
    assert set(plan.state.baseline) == {"cd:1-2", "ci:2-3"}
    c.TakeBaseline(None).apply(plan)
    assert plan.state.baseline == {} and plan.state.baseline_taken == ""
    with pytest.raises(CommandError, match="no steps"):
        c.TakeBaseline({}).apply(plan)


def test_the_cli_records_progress_takes_a_baseline_and_reports_against_it(demo_plan, capsys):
    path = str(demo_plan.path)
    demo_plan.close()
    assert main(["plan", "baseline", path]) == 0
    assert main(["plan", "progress", path, "data_validation:1-2", "done", "--on", "2027-01-25"]) == 0
    assert main(["plan", "progress", path, "explainability:2-3", "dropped", "--on", "2027-02-01"]) == 0
    assert main(["plan", "set", path, "status_date", STATUS]) == 0
    assert "Mark data_validation:1-2 done on 2027-01-25" in capsys.readouterr().out
    assert main(["roadmap", path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status_date"] == STATUS and data["dropped_items"] == ["explainability:2-3"]
    assert data["baseline_taken"] == date.today().isoformat()
    done = next(i for i in data["items"] if i["id"] == "data_validation:1-2")
    assert done["status"] == "done" and done["slip"] == 0
    assert all(i["start"] >= 2 for i in data["items"] if i["status"] is None)
    assert main(["plan", "progress", path, "data_validation:1-2", "clear"]) == 0
    assert main(["plan", "progress", path, "data_validation:1-2", "started", "--on", "someday"]) == 1
    assert "'someday' is not a date" in capsys.readouterr().err
    assert main(["plan", "baseline", path, "--clear"]) == 0
    assert main(["plan", "settings", path]) == 0
    assert f"status_date        {STATUS}  (plan)" in capsys.readouterr().out


def test_steps_planned_before_the_status_period_with_nothing_recorded_are_named(demo):
    """A plan that records nothing is planned from its start, so on a later day its first
    steps sit in the past: they are named, with a hint to record what became of them."""
    from planner.roadmap.progress import unrecorded, unrecorded_words

    catalog, state = demo
    roadmap = plan_roadmap(catalog, state)
    assert unrecorded(roadmap, date(2027, 1, 31)) == ()  # January is the first period: nothing before it
    march = unrecorded(roadmap, date(2027, 3, 1))  # the first day of period 2
    assert march and {i.id for i in march} == {i.id for i in roadmap.items if i.start < 2}
    assert unrecorded_words((), roadmap.settings, date(2027, 3, 1)) == ""
    assert unrecorded_words(march, roadmap.settings, date(2027, 3, 1)) == (
        f"{len(march)} steps were planned to begin before 2027-03-01, and nothing is recorded for them. Say what "
        "became of each (right-click it: started, done or dropped), and what is left is planned from 2027-03-01.")
    assert unrecorded_words(march[:1], roadmap.settings, date(2027, 3, 1)).startswith(
        "1 step was planned to begin before 2027-03-01, and nothing is recorded for it.")
    # the plan's status date wins over the day; steps recorded are left out
    dated = replace(state, settings={**state.settings, "status_date": "2027-02-10"})
    assert {i.id for i in unrecorded(plan_roadmap(catalog, dated), date(2027, 6, 1))} == \
        {i.id for i in roadmap.items if i.start < 1}
    first = next(i for i in roadmap.items if i.start == 0)
    recorded = plan_roadmap(catalog, progressed(state, **{first.id: Progress("started", "2027-01-05")}))
    assert first.id not in {i.id for i in unrecorded(recorded, date(2027, 3, 1))}


def test_every_steps_progress_and_fields_reach_the_text_and_the_csv_word_for_word(demo):
    """From the survivors of the outputs' mutation run: the status line with what was
    dropped, each step's bracket (status; so far late or early against the baseline), and
    every CSV field of every step, each worked out here from the step itself."""
    catalog, state = demo
    first = plan_roadmap(catalog, state)
    baseline = {i.id: (i.start_date.isoformat(), i.end_date.isoformat()) for i in first.items}
    baseline["model_serving:2-3"] = ("2027-09-01", "2027-10-31")  # later than it now is: early against it
    pinned = next(i for i in first.items if not i.predecessors and i.id != "data_validation:1-2")
    state = replace(progressed(state, **{"data_validation:1-2": Progress("started", "2027-01-05"),
                                         "explainability:2-3": Progress("dropped", "", "2027-03-01")}),
                    baseline=baseline, baseline_taken="2026-12-01", pins={pinned.id: 4})
    roadmap = plan_roadmap(catalog, state)
    one = next(i for i in roadmap.items if i.slip and i.id != "model_serving:2-3")  # now one month late
    month_before = i_end = one.end_date.replace(day=1) - timedelta(days=1)
    baseline[one.id] = (month_before.replace(day=1).isoformat(), i_end.isoformat())
    roadmap = plan_roadmap(catalog, replace(state, baseline=baseline))
    assert roadmap.item(one.id).slip == 1 and roadmap.dropped_items == ("explainability:2-3",)
    lines = roadmap_text(catalog, roadmap).splitlines()
    assert lines[1] == ("Status date 2027-03-10: what is done is kept, what is left is planned from Mar 2027 on; "
                        "dropped: explainability:2-3")
    assert lines[2].startswith("One-time cost ")

    def bracket(item) -> str:
        parts = [item.status] if item.status else []
        if item.slip:
            many = abs(item.slip) != 1
            parts.append(f"{abs(item.slip)} month{'s' if many else ''} {'late' if item.slip > 0 else 'early'} "
                         "against the baseline")
        return f"  [{'; '.join(parts)}]" if parts else ""

    seen = {"started": False, "late": False, "early": False, "one late": False}
    for item in roadmap.items:
        line = next(l for l in lines if f" {item.name} " in l)
        assert line.endswith(bracket(item)) and (bracket(item) or not line.endswith("]")), line
        seen["started"] |= item.status == "started"
        seen["late"] |= (item.slip or 0) > 0
        seen["early"] |= (item.slip or 0) < 0
        seen["one late"] |= item.slip == 1
    assert all(seen.values()), seen
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(_csv(catalog, roadmap)))}
    assert set(rows) == {i.id for i in roadmap.items}
    for item in roadmap.items:
        row = rows[item.id]
        assert row["option"] == (catalog.option(item.option).name if item.option else "")
        assert row["critical"] == ("yes" if item.id in roadmap.critical_path else "no")
        assert row["pinned"] == ("yes" if item.id == pinned.id else "no")
        assert row["predecessors"] == ";".join(item.predecessors) and row["why"] == " ".join(item.why)
        assert row["status"] == item.status
        assert row["baseline_end_date"] == (baseline[item.id][1] if item.id in baseline else "")
        assert row["slip_periods"] == ("" if item.slip is None else str(item.slip))
    assert any(r["option"] == "" for r in rows.values()) and any(r["critical"] == "yes" for r in rows.values())
    assert rows[pinned.id]["pinned"] == "yes"
    steps = {step["id"]: step for step in roadmap_json(catalog, roadmap)["items"]}
    for item in roadmap.items:
        expected = (None, None) if item.baseline is None else item.baseline
        assert (steps[item.id]["baseline_start"], steps[item.id]["baseline_finish"]) == expected
        assert steps[item.id]["slip"] == item.slip
    assert any(i.baseline is not None and i.baseline[0] != i.baseline[1] for i in roadmap.items)


def test_money_in_the_json_is_rounded_to_cents(demo):
    catalog, state = demo
    odd = replace(state, settings={**state.settings, "rates": {"platform": 3000.123456}})
    roadmap = plan_roadmap(catalog, odd)
    data = roadmap_json(catalog, roadmap)
    assert data["totals"]["one_time"] == round(roadmap.totals.one_time, 2) != roadmap.totals.one_time
    assert data["totals"]["tco"] == round(roadmap.totals.total, 2)
    assert all(step["cost"] == round(item.cost, 2) for step, item in zip(data["items"], roadmap.items))


def test_the_frame_in_periods_of_the_plans_own_unit(demo):
    """Progress days become periods of the plan's unit (weeks here, where months gave 0),
    a step done without a start day ran its duration back from the period it was done, a
    dropped step is not done, and both done and started are history."""
    from planner.roadmap.progress import baseline_periods, frame, left
    from planner.roadmap.settings import read_settings

    catalog, _ = demo
    weekly = read_settings(catalog, {"time_unit": "week", "start_date": "2027-01-01", "status_date": "2027-02-10"})
    progress = {"a": Progress("done", "", "2027-01-20"),  # week 2 (from Friday 1 January)
                "b": Progress("done", "", "2027-01-02"),  # week 0: nothing before it
                "c": Progress("done", "", "2027-01-20"),  # no duration known: one week
                "d": Progress("started", "2027-01-09"),  # week 1
                "e": Progress("dropped", "2027-01-09", "2027-01-20")}  # dropped after it started: neither
    f = frame(progress, weekly, {"a": 2, "b": 3})
    assert f.done == {"a": (1, 3), "b": (0, 1), "c": (2, 3)} and f.started == {"d": 1}
    assert f.status_period == 5  # 10 February is in week 5
    assert f.history("a") and f.history("d") and not f.history("e") and not f.history("zzz")
    assert [f.status(k) for k in "ade"] == ["done", "started", ""]
    assert baseline_periods({"a": ("2027-01-08", "2027-01-21")}, weekly) == {"a": (1, 3)}
    assert [left(3, 0, 1), left(2, 0, 1), left(2, 0, 5), left(1, 4, 4)] == [2, 1, 1, 1]


def test_unrecorded_steps_in_a_weekly_plan_are_counted_in_weeks(demo):
    from planner.roadmap.progress import unrecorded

    catalog, state = demo
    weekly = replace(state, settings={**state.settings, "time_unit": "week"})
    roadmap = plan_roadmap(catalog, weekly)
    day = roadmap.settings.start_date + timedelta(days=15)  # in week 2
    assert {i.id for i in unrecorded(roadmap, day)} == {i.id for i in roadmap.items if i.start < 2} != set()


def test_a_plan_without_baseline_or_drops_leaves_those_fields_empty(demo):
    catalog, state = demo
    roadmap = plan_roadmap(catalog, progressed(state, **{"data_validation:1-2": Progress("started", "2027-01-05")}))
    lines = roadmap_text(catalog, roadmap).splitlines()
    assert lines[1] == "Status date 2027-03-10: what is done is kept, what is left is planned from Mar 2027 on"
    rows = list(csv.DictReader(io.StringIO(_csv(catalog, roadmap))))
    assert all(r["baseline_end_date"] == "" and r["slip_periods"] == "" for r in rows)
    two = plan_roadmap(catalog, progressed(state, **{"explainability:2-3": Progress("dropped", "", STATUS),
                                                     "cd:1-2": Progress("dropped", "", STATUS)}))
    assert sorted(two.dropped_items) == ["cd:1-2", "explainability:2-3"]
    assert roadmap_text(catalog, two).splitlines()[1].endswith("; dropped: " + ", ".join(two.dropped_items))
    milestones = roadmap_json(catalog, roadmap)["milestones"]
    unreached = [m for m in roadmap.milestones if m.date is None]
    assert [m["reached_date"] for m in milestones] == [None if m.date is None else m.date.isoformat()
                                                       for m in roadmap.milestones]
    assert unreached and any(m["reached_date"] for m in milestones)
