"""Roadmap-input commands on a real plan file: what they write, what they refuse, and
the words of their undo entries."""

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
