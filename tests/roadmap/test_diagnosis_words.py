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
    # a prerequisite that has prerequisites of its own: the earliest finish runs down the chain
    said = _refusal(catalog, state, pins={"continuous_training:2-3": 0})
    assert "its prerequisite Continuous training 1→2 cannot finish before period 2 (Q1 2027)" in said[0]
    assert "its prerequisite Model validation gate 2→3 cannot finish before period 4 (Q2 2027)" in said[3]


def test_a_step_stretched_past_fifteen_years_is_refused_in_months_and_in_weeks(demo):
    catalog, state = demo
    tiny = {**state.settings["capacity"], "governance": 0.001}
    months = _refusal(catalog, state, settings={**state.settings, "capacity": tiny})
    assert months[0] == ("Lineage and audit 1→2 would take 231 months (over 15 years) because Governance / risk is so "
                         "small. Raise it, or choose another approach.")
    weeks = _refusal(catalog, state, settings={**state.settings, "capacity": tiny, "time_unit": "week"})
    assert weeks[0].startswith("Lineage and audit 1→2 would take 1000 weeks (over 15 years) because Governance")
    assert _refusal(catalog, state, settings={**state.settings, "capacity": {**tiny, "governance": 0.02}}) is None


def _step(demand, cost=0.0, duration=2, capability="ci", to_level=2):
    from planner.roadmap.engine import Sized
    from planner.roadmap.items import Item, StepId

    item = Item(StepId.of(capability, to_level), capability, to_level - 1, to_level, (), ())
    return Sized(item, "build", None, duration, dict(demand), cost, 0.0, 0.0, "medium")


def _weekly(demo, **settings):
    """The demo's settings in weeks, with no budget per period unless given."""
    catalog, state = demo
    return read_settings(catalog, {**state.settings, "time_unit": "week", "budget_per_period": None, **settings})


def _precheck(demo, step, **settings):
    from planner.roadmap.diagnose import precheck
    from planner.roadmap.model import InfeasiblePlan

    try:
        return precheck(demo[0], [step], _weekly(demo, **settings))[0]
    except InfeasiblePlan as refused:
        return refused.diagnosis


def test_a_step_is_stretched_only_when_its_role_or_the_budget_falls_short(demo):
    """Weeks, so effort = FTE x periods: 1 FTE for 2 weeks is 2 person-weeks."""
    exact = _precheck(demo, _step({"ml_engineering": 1.0}), capacity={"ml_engineering": 1.0})
    assert (exact.duration, exact.stretched_by) == (2, "")  # exactly enough: not stretched
    half = _precheck(demo, _step({"ml_engineering": 1.0}), capacity={"ml_engineering": 0.5})
    assert (half.duration, half.stretched_by, half.demand) == (4, "ML engineering", {"ml_engineering": 0.5})
    paid = _precheck(demo, _step({"ml_engineering": 1.0}, cost=200.0), budget_per_period=100)
    assert (paid.duration, paid.stretched_by) == (2, "")
    dear = _precheck(demo, _step({"ml_engineering": 1.0}, cost=250.0), budget_per_period=100)
    assert (dear.duration, dear.stretched_by) == (3, "the budget per period")
    small = _precheck(demo, _step({"ml_engineering": 1.0}, cost=1.0), budget_per_period=0.5)
    assert (small.duration, small.stretched_by) == (2, "")


def test_a_zero_budget_refuses_only_steps_that_cost_money(demo):
    free = _precheck(demo, _step({"ml_engineering": 1.0}, cost=0.0), budget_per_period=0)
    assert free.duration == 2
    cheap = _precheck(demo, _step({"ml_engineering": 1.0}, cost=0.5), budget_per_period=0)
    assert cheap == ["The budget per period is 0, but 1 step(s) cost money, 0 USD in all. Set a budget per period "
                     "above 0, or remove the setting."]  # money is worded to the unit


def test_a_role_without_capacity_is_named_with_the_steps_that_need_it(demo):
    refused = _precheck(demo, _step({"legal": 1.0}))
    assert refused == ["Role legal has no capacity, but 1 step(s) need it: Continuous integration for ML 1→2 (build, 2.0 person-weeks). "
                       "Give legal some capacity (setting capacity.legal)."]


def test_fifteen_years_is_the_longest_a_step_may_take(demo):
    longest = 15 * 52  # weeks
    fits = _precheck(demo, _step({"ml_engineering": 1.0}), capacity={"ml_engineering": 2 / longest})
    assert fits.duration == longest
    over = _precheck(demo, _step({"ml_engineering": 1.0}), capacity={"ml_engineering": 2 / (longest + 1)})
    assert over[0].startswith(f"Continuous integration for ML 1→2 would take {longest + 1} weeks (over 15 years) because ML engineering")


def test_a_total_budget_below_the_cost_says_by_how_much_and_what_the_cheapest_mix_costs(demo):
    catalog, state = demo

    def total(budget):
        return _refusal(catalog, state, settings={**state.settings, "budget_total": budget})

    # The demo's steps cost 411,000 one-time as the engine chooses them; the cheapest mix of
    # approaches (the catalog's estimates at the default rates) costs 280,500.
    assert total(1) == ["The one-time cost of reaching the targets is 411,000 USD, above the total budget of 1 USD. "
                        "Raise the budget by 410,999 USD, or even the cheapest mix of approaches costs 280,500 USD, "
                        "so lower some targets."]
    assert total(400000) == ["The one-time cost of reaching the targets is 411,000 USD, above the total budget of "
                             "400,000 USD. Raise the budget by 11,000 USD, or choose cheaper approaches (the cheapest "
                             "mix costs 280,500 USD)."]
    assert total(280500)[0].endswith("or choose cheaper approaches (the cheapest mix costs 280,500 USD).")
    assert total(411000) is None  # exactly enough
    assert total(410999.5)[0].startswith("The one-time cost of reaching the targets is 411,000 USD, above the total "
                                         "budget of 410,999 USD. Raise the budget by 1 USD, ")  # half a unit short


def test_a_role_without_capacity_names_four_steps_and_counts_the_rest_first_of_all_problems(demo):
    from planner.roadmap.diagnose import precheck
    from planner.roadmap.model import InfeasiblePlan

    catalog, state = demo
    caps = [cap for cap in catalog.capabilities if cap.max_level >= 1][:6]
    steps = [_step({"legal": 1.0}, duration=1, capability=cap.id, to_level=1) for cap in caps]
    too_long = _step({"ml_engineering": 1.0})
    settings = _weekly(demo, capacity={**state.settings["capacity"], "ml_engineering": 0.0001})
    for count in (4, 5, 6):
        with pytest.raises(InfeasiblePlan) as refused:
            precheck(catalog, [too_long, *steps[:count]], settings)
        listed = ", ".join(f"{cap.name} 0→1 (build, 1.0 person-weeks)" for cap in caps[:4])
        more = "" if count == 4 else f" and {count - 4} more"
        assert refused.value.diagnosis[0] == (f"Role legal has no capacity, but {count} step(s) need it: {listed}{more}. "
                                              "Give legal some capacity (setting capacity.legal).")
        assert refused.value.diagnosis[1].startswith("Continuous integration for ML 1→2 would take 20000 weeks")


def test_an_impossible_plan_says_so_with_each_reason_on_its_own_line():
    from planner.roadmap.model import InfeasiblePlan

    refused = InfeasiblePlan(["the budget is 0", "no one does platform work"])
    assert refused.diagnosis == ["the budget is 0", "no one does platform work"]
    assert str(refused) == "the roadmap cannot meet its constraints:\n- the budget is 0\n- no one does platform work"
