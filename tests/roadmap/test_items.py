"""Work items from the catalog's level graph, and the step id, on the bundled catalog."""

import pytest

from planner.catalog.load import load_catalog
from planner.roadmap.items import StepError, StepId, work_items
from planner.roadmap.model import InfeasiblePlan


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _dependency(catalog, capability, level, needs, optional):
    return next(d for d in catalog.dependencies if (d.capability, d.level, d.needs, d.optional)
                == (capability, level, needs, optional))


def test_a_step_needs_the_level_below_and_its_required_dependencies_not_the_optional_ones(catalog):
    optional = _dependency(catalog, "cd", 2, "ci", True)  # recommended only
    required = _dependency(catalog, "cd", 3, "ci", False)
    items = {i.id: i for i in work_items(catalog, {"cd": 1, "ci": 1}, {"cd": 3, "ci": 3})}
    assert list(items) == ["ci:1-2", "ci:2-3", "cd:1-2", "cd:2-3"]  # catalog order, then level
    assert StepId.of("ci", optional.needs_level) not in items["cd:1-2"].predecessors
    assert items["cd:2-3"].predecessors == ("cd:1-2", StepId.of("ci", required.needs_level))
    assert items["cd:2-3"].because == ("the level below comes first", required.reason)
    assert (items["ci:2-3"].from_level, items["ci:2-3"].to_level, items["ci:2-3"].capability) == (2, 3, "ci")


def test_no_target_no_steps_and_not_applicable_no_steps(catalog):
    assert work_items(catalog, {"cd": 1, "ci": 1}, {"cd": 2}) == work_items(catalog, {"cd": 1}, {"cd": 2})
    assert [i.id for i in work_items(catalog, {"cd": 1, "ci": None}, {"cd": 2, "ci": 3})] == ["cd:1-2"]
    assert work_items(catalog, {"cd": 3}, {"cd": 2}) == []  # above its target already


def test_a_dependency_outside_the_plan_is_no_predecessor(catalog):
    """ci is already at 3, so cd 2-3 waits only for its own level below."""
    items = {i.id: i for i in work_items(catalog, {"cd": 1, "ci": 3}, {"cd": 3, "ci": 3})}
    assert items["cd:2-3"].predecessors == ("cd:1-2",)


@pytest.mark.parametrize("text", ["cd", "cd:1", "cd:1-3", "cd:a-b", ":1-2", "cd:1-2-3", "cd:-1-0"])
def test_what_is_not_a_step_id_is_refused_with_an_example(text):
    with pytest.raises(StepError) as refused:
        StepId.parse(text)
    assert str(refused.value) == (f"'{text}' is not a step; write a step as capability:from-to with to = from + 1, "
                                  "e.g. feature_store:1-2")
    assert refused.value.capability == text.partition(":")[0]


def test_a_step_id_round_trips_and_words_itself():
    step = StepId.parse("feature_store:1-2")
    assert step == StepId.of("feature_store", 2) == "feature_store:1-2"
    assert (step.capability, step.from_level, step.to_level, step.words()) == ("feature_store", 1, 2, "1→2")


def test_an_infeasible_plan_lists_each_reason_on_a_line():
    error = InfeasiblePlan(["the budget is 0", "nobody does platform work"])
    assert str(error) == "the roadmap cannot meet its constraints:\n- the budget is 0\n- nobody does platform work"
    assert error.diagnosis == ["the budget is 0", "nobody does platform work"]
