"""Roadmap-input commands on a real plan file: what they write, what they refuse, and
the words of their undo entries."""

import json

import pytest

from planner.store import commands as c
from planner.store.demo import build_demo

STEP = "explainability:2-3"  # explainability has levels 0 to 4


@pytest.fixture
def plan(tmp_path):
    with build_demo(tmp_path / "demo.mlplan") as plan:
        yield plan


def test_a_step_is_pinned_excluded_and_freed_and_each_undoes(plan):
    pin = c.PinItem(STEP, 0)  # the first period is a period
    pin.apply(plan)
    assert plan.get("pins", (STEP,)) == {"item": STEP, "period": 0, "excluded": 0}
    assert plan.state.pins[STEP] == 0 and pin.text == f"Pin {STEP} to period 0"
    exclude = c.PinItem(STEP, None, excluded=True)
    exclude.apply(plan)
    assert plan.get("pins", (STEP,)) == {"item": STEP, "period": None, "excluded": 1}
    assert exclude.text == f"Exclude {STEP}"
    free = c.PinItem(STEP, None)
    free.apply(plan)
    assert plan.get("pins", (STEP,)) is None and STEP not in plan.state.pins and free.text == f"Free {STEP}"
    free.undo(plan)
    exclude.undo(plan)
    assert plan.get("pins", (STEP,)) == {"item": STEP, "period": 0, "excluded": 0}
    pin.undo(plan)
    assert plan.get("pins", (STEP,)) is None


@pytest.mark.parametrize("item", ["explainability:2-4", "explainability", "explainability:4-5",
                                  "explainability:-1-0"])
def test_a_pin_on_what_is_not_a_step_is_refused_with_an_example(plan, item):
    with pytest.raises(c.CommandError) as refused:
        c.PinItem(item, 1).apply(plan)
    assert str(refused.value) == (f"'{item}' is not a step of 'explainability'; write a step as "
                                  "capability:from-to with to = from + 1, e.g. explainability:0-1")
    assert plan.get("pins", (item,)) is None


@pytest.mark.parametrize("period", [-1, "3", 2.5])
def test_a_pin_to_no_period_is_refused(plan, period):
    with pytest.raises(c.CommandError, match=r"^pin explainability:2-3 to a period of 0 or more \(0 is the first\)$"):
        c.PinItem(STEP, period).apply(plan)
    assert plan.get("pins", (STEP,)) is None


def test_a_deadline_is_set_refused_and_removed(plan):
    first = c.SetDeadline("google", 1, 0)
    first.apply(plan)
    assert plan.state.deadlines == {("google", 1): 0} and first.text == "Deadline for google level 1: period 0"
    for period in (-1, "3", 1.5):
        with pytest.raises(c.CommandError, match=r"^a deadline is a period of 0 or more \(0 is the first\)$"):
            c.SetDeadline("google", 1, period).apply(plan)
    with pytest.raises(c.CommandError):
        c.SetDeadline("google", 9, 3).apply(plan)  # no such level
    gone = c.SetDeadline("google", 1, None)
    gone.apply(plan)
    assert plan.state.deadlines == {} and gone.text == "No deadline for google level 1"
    gone.undo(plan)
    assert plan.state.deadlines == {("google", 1): 0}


ASSESSMENT = "Claims analytics"


def entry(plan, cap_id="explainability"):
    return plan.get("entries", (ASSESSMENT, cap_id))


def test_criteria_are_ticked_and_unticked_one_at_a_time(plan):
    tick = c.SetCriterion(ASSESSMENT, "explainability", 2, 1, True, by="Ana")
    tick.apply(plan)
    assert entry(plan)["criteria_met"] == "[[2, 1]]" and entry(plan)["assessed_by"] == "Ana"
    assert tick.text == "Tick a criterion of explainability"
    c.SetCriterion(ASSESSMENT, "explainability", 3, 0, True).apply(plan)
    untick = c.SetCriterion(ASSESSMENT, "explainability", 2, 1, False)
    untick.apply(plan)
    assert entry(plan)["criteria_met"] == "[[3, 0]]" and untick.text == "Untick a criterion of explainability"
    assert entry(plan)["assessed_by"] == "Ana"  # no name given: the last one stays


@pytest.mark.parametrize("level, index", [(1, 2), (1, -1), (0, 0)])  # level 1 has criteria 0 and 1; level 0 none
def test_a_criterion_the_level_does_not_have_is_refused(plan, level, index):
    before = entry(plan)
    with pytest.raises(c.CommandError, match=f"^'explainability' level {level} has no criterion {index + 1}$"):
        c.SetCriterion(ASSESSMENT, "explainability", level, index, True).apply(plan)
    assert entry(plan) == before


def test_not_applicable_needs_a_reason_keeps_it_and_clears_it_when_applicable_again(plan):
    with pytest.raises(c.CommandError, match="^give a reason why 'explainability' is not applicable$"):
        c.SetNotApplicable(ASSESSMENT, "explainability", True, "  ").apply(plan)
    off = c.SetNotApplicable(ASSESSMENT, "explainability", True, "no models in production", by="Ana")
    off.apply(plan)
    assert (entry(plan)["not_applicable"], entry(plan)["na_reason"], entry(plan)["assessed_by"]) == (
        1, "no models in production", "Ana")
    assert off.text == "Mark explainability not applicable"
    on = c.SetNotApplicable(ASSESSMENT, "explainability", False, "ignored when applicable")
    on.apply(plan)
    assert (entry(plan)["not_applicable"], entry(plan)["na_reason"]) == (0, "")
    assert on.text == "Mark explainability applicable"


# -- what each command writes, row by row, and what its undo entry says -----------------

def test_assessment_edits_record_who_and_when_and_name_themselves(plan):
    add = c.AddAssessment("Next year")
    add.apply(plan)
    assert plan.get("assessments", ("Next year",))["created_at"].startswith("20") and add.text == "Add assessment Next year"
    level = c.SetLevel("Next year", "ci", 2, by="Ana")
    level.apply(plan)
    row = plan.get("entries", ("Next year", "ci"))
    assert (row["level"], row["assessed_by"]) == (2, "Ana") and row["assessed_at"].startswith("20")
    assert level.text == "Set ci to level 2"
    sure = c.SetConfidence("Next year", "ci", "high", by="Ben")
    sure.apply(plan)
    assert plan.get("entries", ("Next year", "ci"))["assessed_by"] == "Ben"
    assert sure.text == "Set confidence of ci to high"
    evidence = c.AddEvidence("Next year", "ci", "every merge is built", link="https://ci.example", by="Ana")
    evidence.apply(plan)
    row = plan.get("evidence", (evidence.id,))
    assert {k: row[k] for k in ("assessment", "capability", "note", "link", "added_by")} == {
        "assessment": "Next year", "capability": "ci", "note": "every merge is built",
        "link": "https://ci.example", "added_by": "Ana"}
    assert row["added_at"].startswith("20") and evidence.text == "Add evidence to ci"
    work = c.SetActiveAssessment("Next year")
    work.apply(plan)
    assert plan.get("meta", ("active_assessment",))["value"] == "Next year" and work.text == "Work on assessment Next year"
    names = [a.name for a in plan.state.assessments]  # in the order they were made (to the second), then by name
    assert sorted(names) == ["Claims analytics", "Next year", "Pricing"]
    with pytest.raises(c.CommandError, match=rf"^unknown assessment 'Nope' \(the plan has: {', '.join(names)}\)$"):
        c.SetLevel("Nope", "ci", 1).apply(plan)


def test_a_vote_is_cast_changed_and_withdrawn(plan):
    vote = c.SetVote(ASSESSMENT, "ci", "Ana", 3, note="we build on every push")
    vote.apply(plan)
    assert plan.get("votes", (ASSESSMENT, "ci", "Ana"))["level"] == 3
    assert plan.get("votes", (ASSESSMENT, "ci", "Ana"))["note"] == "we build on every push"
    assert vote.text == "Ana votes 3 on ci"
    with pytest.raises(c.CommandError, match="out of range"):
        c.SetVote(ASSESSMENT, "ci", "Ana", 9).apply(plan)
    withdraw = c.SetVote(ASSESSMENT, "ci", "Ana", None)
    withdraw.apply(plan)
    assert plan.get("votes", (ASSESSMENT, "ci", "Ana")) is None
    withdraw.undo(plan)
    assert plan.get("votes", (ASSESSMENT, "ci", "Ana"))["level"] == 3


def test_a_snapshot_holds_the_levels_of_its_own_assessment_not_the_active_one(plan):
    from planner.assessment.scoring import current_levels

    assert plan.get("meta", ("active_assessment",))["value"] == "Pricing"
    claims = current_levels(plan.catalog, plan.state.assessment(ASSESSMENT))
    assert claims != current_levels(plan.catalog, plan.state.assessment("Pricing"))
    snap = c.TakeSnapshot(ASSESSMENT, "Q4")
    snap.apply(plan)
    row = plan.get("snapshots", (ASSESSMENT, "Q4"))
    assert json.loads(row["levels"]) == claims and row["taken_at"].startswith("20") and snap.text == "Take snapshot Q4"


def test_targets_are_set_and_cleared(plan):
    target = c.SetTarget("ci", 3)
    target.apply(plan)
    assert plan.get("targets", ("ci",))["level"] == 3 and target.text == "Set target of ci to 3"
    with pytest.raises(c.CommandError, match=r"^level 5 is out of range for 'ci' \(use 0 to 4\)$"):
        c.SetTarget("ci", 5).apply(plan)
    c.SetTarget("ci", None).apply(plan)
    assert plan.get("targets", ("ci",)) is None
    google = c.SetFrameworkTarget("google", 2)
    google.apply(plan)
    assert plan.get("framework_targets", ("google",))["level"] == 2 and google.text.startswith("Target Google")
    c.SetFrameworkTarget("google", None).apply(plan)
    assert plan.get("framework_targets", ("google",)) is None


@pytest.mark.parametrize("priority", [0, 6, "3"])
def test_a_priority_is_one_to_five(plan, priority):
    with pytest.raises(c.CommandError, match=rf"^priority {priority!r} must be 1 \(lowest\) to 5 \(highest\)$"):
        c.SetPriority("ci", priority).apply(plan)
    five = c.SetPriority("ci", 5)
    five.apply(plan)
    assert plan.get("priorities", ("ci",))["priority"] == 5 and five.text == "Set priority of ci to 5"


def test_settings_are_named_when_unknown_and_reset_by_name(plan):
    with pytest.raises(c.CommandError) as refused:
        c.SetSetting("zzz", 1).apply(plan)
    assert str(refused.value).startswith("unknown roadmap setting 'zzz'; settings are: budget_per_period, ")
    reset = c.SetSetting("budget_per_period", None)
    reset.apply(plan)
    assert plan.get("settings", ("budget_per_period",)) is None and reset.text == "Reset budget_per_period"


def test_a_time_unit_reset_converts_back_to_months_and_says_what_moved(plan):
    c.SetSetting("start_date", "2027-01-01").apply(plan)
    c.SetSetting("capacity", {"ml_engineering": [1, 3]}).apply(plan)
    c.SetSetting("budget_per_period", [120000, 123456.78, 99999.99]).apply(plan)
    c.PinItem(STEP, 2).apply(plan)  # March 2027
    c.SetDeadline("google", 1, 2).apply(plan)  # by the end of March 2027
    before = plan.state
    weeks = c.SetSetting("time_unit", "week")
    weeks.apply(plan)
    assert weeks.text == ('Set time_unit to "week"; the budget per period, capacity per period, pins, deadlines '
                          "converted to weeks")
    assert plan.get("pins", (STEP,)) == {"item": STEP, "period": 8, "excluded": 0}  # 26 Feb - 4 Mar holds 1 March
    assert plan.state.deadlines[("google", 1)] == 12  # 26 March - 1 April holds 31 March
    back = c.SetSetting("time_unit", None)  # the default unit is the month
    back.apply(plan)
    assert back.text == "Reset time_unit; the budget per period, capacity per period, pins, deadlines converted to months"
    after = plan.state
    assert (after.pins, after.deadlines) == (before.pins, before.deadlines)
    assert {k: v for k, v in after.settings.items() if k != "time_unit"} == {
        k: v for k, v in before.settings.items() if k != "time_unit"}


@pytest.mark.parametrize("start", ["2027-01-01", "2027-01-31", "2028-02-29", "2026-12-15"])
def test_months_to_weeks_and_back_are_the_same_months(start):
    from datetime import date

    from planner.roadmap.settings import convert_amounts, convert_period

    day = date.fromisoformat(start)
    for month in range(40):
        for deadline in (False, True):
            week = convert_period(month, "month", "week", day, deadline=deadline)
            assert convert_period(week, "week", "month", day, deadline=deadline) == month, (month, deadline)
    budgets = [120000, 0.01, 123456.78, 99999.99, 52000.5, 7]
    assert convert_amounts(convert_amounts(budgets, "month", "week", day, True), "week", "month", day, True) == budgets
    assert convert_amounts(convert_amounts(123456.78, "month", "week", day, True), "week", "month", day, True) == 123456.78


def test_options_are_chosen_by_approach_and_named(plan):
    buy = next(o for o in plan.catalog.options if o.approach == "buy" and "model_registry" in o.covers)
    adopt = next(o for o in plan.catalog.options if o.approach == "adopt" and "model_registry" in o.covers)
    for approach in ("adopt", "buy"):
        with pytest.raises(c.CommandError, match=f"^name the option to {approach} for 'model_registry'$"):
            c.ChooseOption("model_registry", approach).apply(plan)
    with pytest.raises(c.CommandError, match=r"^unknown option 'mlfloww'\. did you mean 'mlflow'\?$"):
        c.ChooseOption("model_registry", "adopt", "mlfloww").apply(plan)
    choose = c.ChooseOption("model_registry", "adopt", adopt.id)
    choose.apply(plan)
    assert plan.get("decisions", ("model_registry",)) == {"capability": "model_registry", "approach": "adopt",
                                                          "option": adopt.id}
    assert choose.text == f"Choose adopt {adopt.id} for model_registry"
    build = c.ChooseOption("model_registry", "build")
    build.apply(plan)
    assert build.text == "Choose build in-house for model_registry"
    back = c.ChooseOption("model_registry", None)
    back.apply(plan)
    assert plan.get("decisions", ("model_registry",)) is None
    assert back.text == "Back to the engine's recommendation for model_registry"
    assert buy.id != adopt.id


def test_a_scenario_is_checked_part_by_part_and_named_in_the_history(plan):
    with pytest.raises(c.CommandError, match=r"^scenario decision for 'ci' must be \[approach, option\]"):
        c.SaveScenario("x", {"decisions": {"ci": ["build", None, "extra"]}}).apply(plan)
    with pytest.raises(c.CommandError, match=r"^scenario pin: pin explainability:2-3 to a period of 0 or more"):
        c.SaveScenario("x", {"pins": {STEP: -1}}).apply(plan)
    save = c.SaveScenario("x", {"pins": {STEP: 2}, "description": "later explainability"})
    save.apply(plan)
    assert json.loads(plan.get("scenarios", ("x",))["data"])["pins"] == {STEP: 2}
    assert save.text == "Save scenario x"
    labelled = c.SaveScenario("x", {"pins": {STEP: 3}}, label="Pin explainability:2-3 in scenario x")
    labelled.apply(plan)
    assert labelled.text == "Pin explainability:2-3 in scenario x"


def test_a_batch_names_itself(plan):
    batch = c.Batch([c.SetTarget("ci", 2), c.SetTarget("cd", 2)], label="Targets from the workshop")
    batch.apply(plan)
    assert batch.text == "Targets from the workshop"
    assert plan.get("targets", ("cd",))["level"] == 2
