"""The scheduler's structured reasons in a user's words: steps, roles and periods by
their names (roadmap/diagnose.py translate), one kind at a time."""

import pytest

from planner.roadmap.diagnose import translate
from planner.roadmap.scheduling import Reason
from planner.roadmap.settings import BUDGET, read_settings

STEP, OTHER = "feature_store:1-2", "data_pipelines:2-3"


@pytest.fixture(scope="module")
def words(demo):
    catalog, state = demo
    settings = read_settings(catalog, {**state.settings, "start_date": "2027-01-01", "time_unit": "month"})
    return lambda **fields: translate(catalog, [Reason(**fields)], settings)[0]


@pytest.mark.parametrize("fields, said", [
    (dict(kind="above_peak", activity=STEP, resource="ml_engineering", amount=2.5, capacity=2),
     "Feature store 1→2 needs 2.5 of ML engineering per month, but ML engineering is never above 2"),
    (dict(kind="above_peak", activity=STEP, resource=BUDGET, amount=90000, capacity=60000),
     "Feature store 1→2 needs 90000 of the budget per month, but the budget is never above 60000"),
    (dict(kind="no_window", activity=STEP, resource="platform", amount=1.5, periods=3),
     "Feature store 1→2 needs 1.5 of Platform / DevOps for 3 months in a row, and the capacity never allows that"),
    (dict(kind="cycle", activities=(STEP, OTHER)), "the steps form a cycle through Feature store 1→2, Data pipelines 2→3"),
    (dict(kind="no_room", activity=STEP), "Feature store 1→2 finds no room: what it needs is only available early on, "
                                          "and other steps take that room first"),
    (dict(kind="pin_before_release", activity=STEP, period=3),
     "Feature store 1→2 is pinned to start in period 3 (Q2 2027), before it may start"),
    (dict(kind="pin_before_predecessor", activity=STEP, other=OTHER, period=0, periods=4),
     "Feature store 1→2 is pinned to start in period 0 (Q1 2027), but its prerequisite Data pipelines 2→3 cannot "
     "finish before period 4"),
    (dict(kind="pin_after_capacity", activity=STEP, other=OTHER, period=2, periods=7),
     "Feature store 1→2 is pinned to start in period 2 (Q1 2027), but its prerequisite Data pipelines 2→3, held back "
     "by the capacity the pinned steps take, finishes only in period 7"),
    (dict(kind="pins_over_capacity", resource="data_engineering", amount=3, period=5, capacity=2),
     "the pinned steps need 3 of Data engineering in period 5 (Q2 2027), above its capacity of 2"),
    (dict(kind="unknown_resource", activity=STEP, resource="legal"), "Feature store 1→2 needs legal, which has no capacity set"),
    (dict(kind="unknown_successor", activity=STEP, other="nowhere:0-1"),
     "Feature store 1→2 names a next step, nowhere:0-1, that is not in the roadmap"),
    (dict(kind="duplicate_id", activity=STEP), "two steps are both Feature store 1→2"),
    (dict(kind="exact_infeasible"), "the exact solver proved that no roadmap meets the pins and the capacity"),
])
def test_each_reason_is_worded_with_names(words, fields, said):
    assert words(**fields) == said


def test_a_week_plan_says_weeks(demo):
    catalog, state = demo
    settings = read_settings(catalog, {**state.settings, "time_unit": "week"})
    reason = Reason(kind="no_window", activity=STEP, resource="platform", amount=1, periods=2)
    assert translate(catalog, [reason], settings) == [
        "Feature store 1→2 needs 1 of Platform / DevOps for 2 weeks in a row, and the capacity never allows that"]


def _refusal(catalog, state, **changes):
    from dataclasses import replace

    from planner.roadmap.engine import plan_roadmap
    from planner.roadmap.model import InfeasiblePlan

    try:
        plan_roadmap(catalog, replace(state, **changes), improve=False)
    except InfeasiblePlan as refused:
        return refused.diagnosis
    return None


def test_a_pin_before_its_prerequisite_can_finish_names_the_first_period_that_works(demo):
    catalog, state = demo
    first, second = "metadata_store:1-2", "metadata_store:2-3"  # one period each; the first has no prerequisite
    assert _refusal(catalog, state, pins={second: 0}) == [
        "ML metadata and artifact store 2→3 is pinned to start in period 0 (Q1 2027), but its prerequisite "
        "ML metadata and artifact store 1→2 cannot finish before period 1 (Q1 2027). Move the pin to period 1 or later, "
        "or remove it."]
    assert _refusal(catalog, state, pins={first: 3, second: 2}) == [  # the prerequisite's own pin counts
        "ML metadata and artifact store 2→3 is pinned to start in period 2 (Q1 2027), but its prerequisite "
        "ML metadata and artifact store 1→2 cannot finish before period 4 (Q2 2027). Move the pin to period 4 or later, "
        "or remove it."]
    assert _refusal(catalog, state, pins={first: 3, second: 4}) is None  # right when it finishes is fine


def test_a_step_stretched_past_fifteen_years_is_refused_in_months_and_in_weeks(demo):
    catalog, state = demo
    tiny = {**state.settings["capacity"], "governance": 0.001}
    months = _refusal(catalog, state, settings={**state.settings, "capacity": tiny})
    assert months[0] == ("Lineage and audit 1→2 would take 231 months (over 15 years) because Governance / risk is so "
                         "small. Raise it, or choose another approach.")
    weeks = _refusal(catalog, state, settings={**state.settings, "capacity": tiny, "time_unit": "week"})
    assert weeks[0].startswith("Lineage and audit 1→2 would take 1000 weeks (over 15 years) because Governance")
    assert _refusal(catalog, state, settings={**state.settings, "capacity": {**tiny, "governance": 0.02}}) is None
