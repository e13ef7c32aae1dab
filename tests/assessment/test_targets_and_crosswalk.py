"""Effective targets (where they come from, the dependency fixpoint), framework levels
at their floor, and what assess() hands the views."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.assessment.assess import assess
from planner.assessment.crosswalk import attainment, reached
from planner.assessment.scoring import dimension_scores
from planner.assessment.targets import effective_targets
from planner.catalog.load import load_catalog
from planner.catalog.model import Requirement
from planner.store.demo import build_demo


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def _current(catalog, level=0):
    return {cap.id: max(level, cap.min_level) for cap in catalog.capabilities}


def test_a_target_at_the_current_level_keeps_current_as_its_origin(catalog):
    current = _current(catalog, 1)
    targets = effective_targets(catalog, current, {"ci": 1, "cd": 2}, {})
    assert targets.origin["ci"] == "current" and targets.origin["cd"] == "target"
    google = catalog.framework("google")
    required = google.cumulative_requirements(1)
    at_level = {cap: level for cap, level in required.items()}
    targets = effective_targets(catalog, {**current, **at_level}, {}, {"google": 1})
    assert all(targets.origin[cap] == "current" for cap in required)


def test_a_removed_framework_target_does_not_hide_the_next_one(catalog):
    current = _current(catalog)
    with_gone = effective_targets(catalog, current, {}, {"gone": 2, "google": 1})
    assert with_gone == effective_targets(catalog, current, {}, {"google": 1})
    assert any(origin == "framework:google 1" for origin in with_gone.origin.values())


@pytest.mark.parametrize("order", ["catalog", "reversed"])
def test_raised_targets_meet_every_required_dependency_in_any_order(catalog, order):
    """A raise can make an earlier dependency unmet: the fixpoint goes round again."""
    deps = catalog.dependencies if order == "catalog" else tuple(reversed(catalog.dependencies))
    shuffled = replace(catalog, dependencies=deps)
    typed = {cap.id: cap.max_level for cap in catalog.capabilities[:3]}
    levels = effective_targets(shuffled, _current(catalog), typed, {}).levels
    for dep in deps:
        if not dep.optional and levels[dep.capability] >= dep.level:
            assert levels[dep.needs] >= dep.needs_level, dep


def test_a_framework_level_is_its_first_level_at_least(catalog):
    google = catalog.framework("google")
    first = google.levels[0]
    demanding = replace(google, levels=(replace(first, requires=(Requirement("ci", 4),)), *google.levels[1:]))
    assert reached(demanding, {"ci": 0}) == first.level  # the floor, even with its requirement unmet
    result = attainment(catalog, demanding, {"ci": 0}, {"ci": 4})
    assert (result.name, result.now_name) == (google.name, first.name)
    assert result.target_name == {fl.level: fl.name for fl in google.levels}[result.target]


def test_assess_names_its_assessment_and_leaves_not_applicable_without_a_target(tmp_path, catalog):
    from planner.store import commands as c

    with build_demo(tmp_path / "demo.mlplan") as plan:
        c.SetNotApplicable("Claims analytics", "explainability", True, "no models in production").apply(plan)
        c.SetTarget("explainability", 3).apply(plan)
        state, catalog = plan.state, plan.catalog
    scores = assess(catalog, state, "Claims analytics")
    assert scores.assessment == "Claims analytics"
    assert scores.current["explainability"] is None and scores.target("explainability") is None
    target_levels = {cap: scores.target(cap) for cap in scores.current}
    assert scores.target_dimensions == dimension_scores(catalog, target_levels)
    assert scores.target_dimensions != scores.dimensions
