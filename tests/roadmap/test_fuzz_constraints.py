"""Random constraints on the demo plan: a checked roadmap or a diagnosis, nothing else."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.roadmap.engine import plan_roadmap
from planner.roadmap.model import InfeasiblePlan

from .checker import check_roadmap

ROLES = ("data_engineering", "ml_engineering", "platform", "data_science", "governance")
FTE = st.one_of(st.floats(0, 3, allow_nan=False).map(lambda x: round(x, 2)),
                st.lists(st.floats(0, 3, allow_nan=False).map(lambda x: round(x, 2)), min_size=1, max_size=6))
MONEY = st.one_of(st.none(), st.integers(0, 200_000),
                  st.lists(st.integers(0, 200_000), min_size=1, max_size=5))

CONSTRAINTS = st.fixed_dictionaries({
    "capacity": st.dictionaries(st.sampled_from(ROLES), FTE, max_size=5),
    "budget_per_period": MONEY,
    "budget_total": st.one_of(st.none(), st.integers(0, 800_000)),
    "time_unit": st.sampled_from(["month", "week"]),
    "improve_schedules": st.sampled_from([0, 50]),
})
PINS = st.dictionaries(st.sampled_from(["cd:1-2", "feature_store:0-1", "continuous_training:2-3", "automl:0-1"]),
                       st.one_of(st.none(), st.integers(0, 12)), max_size=2)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(constraints=CONSTRAINTS, pins=PINS)
def test_random_constraints_give_a_checked_roadmap_or_a_diagnosis(demo, constraints, pins):
    catalog, state = demo
    state = replace(state, settings={**state.settings, **constraints}, pins=pins)
    try:
        roadmap = plan_roadmap(catalog, state)
    except InfeasiblePlan as exc:
        assert exc.diagnosis and all(isinstance(d, str) and d for d in exc.diagnosis)
        return
    check_roadmap(roadmap, catalog, state if not pins else None)  # derived precedences unless pins exclude
    for item_id, period in pins.items():
        if period is not None and any(i.id == item_id for i in roadmap.items):
            assert roadmap.item(item_id).start == period
