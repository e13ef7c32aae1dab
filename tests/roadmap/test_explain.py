"""Why each step sits where it does, word for word, on a hand-made layout: every kind of
reason explain() gives, with the numbers it names checked by hand."""

from __future__ import annotations

import pytest

from planner.roadmap.engine import Sized, _usage
from planner.roadmap.explain import critical_path, explain
from planner.roadmap.items import Item, StepId
from planner.roadmap.settings import read_settings

ROLES = ("data_engineering", "data_science", "governance", "ml_engineering", "platform")


def step(text: str, demand: dict, duration: int = 1, cost: float = 0.0, after: tuple[str, ...] = (),
         because: tuple[str, ...] = (), **extra) -> Sized:
    sid = StepId.parse(text)
    item = Item(sid, sid.capability, sid.from_level, sid.to_level, after, because or ("the level below comes first",)
                * len(after))
    return Sized(item, "build", None, duration, demand, cost, 0.0, 0.0, "medium", **extra)


@pytest.fixture
def settings(demo):
    catalog, _ = demo
    return read_settings(catalog, {"start_date": "2027-01-01", "capacity": {r: 1 for r in ROLES},
                                   "budget_per_period": 10_000})


def why(demo, settings, sized, starts, pins=None, release=0):
    catalog, _ = demo
    makespan = max(starts[s.item.id] + s.duration for s in sized)
    usage, spend = _usage(sized, starts, settings, makespan)
    if not release:  # as before progress: no status period
        return explain(catalog, sized, starts, pins or {}, settings, usage, spend)
    return explain(catalog, sized, starts, pins or {}, settings, usage, spend, release)


def test_every_kind_of_reason_word_for_word(demo, settings):
    sized = [
        step("cd:1-2", {"ml_engineering": 1.0}),
        step("cd:2-3", {"ml_engineering": 1.0}, after=("cd:1-2",)),
        step("ci:2-3", {"ml_engineering": 1.0}),
        step("containerization:2-3", {"platform": 0.5}),
        step("environments:1-2", {"platform": 0.25}),
        step("feature_store:0-1", {"data_engineering": 0.25}, cost=10_000),
        step("feature_store:1-2", {"data_engineering": 0.25}, cost=10_000),
    ]
    starts = {"cd:1-2": 0, "cd:2-3": 1, "ci:2-3": 2, "containerization:2-3": 1, "environments:1-2": 3,
              "feature_store:0-1": 0, "feature_store:1-2": 1}
    out = why(demo, settings, sized, starts, pins={"environments:1-2": 3})
    assert out == {
        "cd:1-2": ("Starts at once: everything it needs is in place or not needed.",),
        "cd:2-3": ("Waits for prerequisite Continuous delivery of pipelines and models 1→2, done in Jan 2027: "
                   "the level below comes first.",),
        "ci:2-3": ("Starts in Mar 2027: ML engineering is at capacity in Jan 2027, Feb 2027.",),
        "containerization:2-3": ("Held back to Feb 2027 by the order the scheduler chose, so that higher-priority "
                                 "work finishes sooner.",),
        "environments:1-2": ("Pinned by you to start in Apr 2027 (period 3).",),
        "feature_store:0-1": ("Starts at once: everything it needs is in place or not needed.",),
        "feature_store:1-2": ("Starts in Feb 2027: the budget for Jan 2027 is spent.",),
    }


def test_a_step_ready_later_than_its_start_would_allow_names_both(demo, settings):
    """Ready after its prerequisite, but held longer by a full role: both are said."""
    sized = [
        step("cd:1-2", {"platform": 0.25}),
        step("cd:2-3", {"ml_engineering": 1.0}, after=("cd:1-2",)),
        step("ci:2-3", {"ml_engineering": 1.0}, duration=2, cost=0.0),
    ]
    starts = {"cd:1-2": 0, "ci:2-3": 1, "cd:2-3": 3}
    out = why(demo, settings, sized, starts)
    assert out["cd:2-3"] == (
        "Ready in Feb 2027 after Continuous delivery of pipelines and models 1→2.",
        "Starts in Apr 2027: ML engineering is at capacity in Feb 2027, Mar 2027.")


@pytest.mark.parametrize("full", [4, 5])
def test_more_than_three_full_periods_are_cut_short(demo, settings, full):
    sized = [step("ci:2-3", {"ml_engineering": 1.0}, duration=full), step("cd:1-2", {"ml_engineering": 1.0})]
    out = why(demo, settings, sized, {"ci:2-3": 0, "cd:1-2": full})
    month = ("May", "Jun")[full - 4]
    assert out["cd:1-2"] == (f"Starts in {month} 2027: ML engineering is at capacity in Jan 2027, Feb 2027, "
                             "Mar 2027 ....",)


def test_longer_steps_say_why_they_are_longer(demo, settings):
    cap = settings.team_cap["ml_engineering"]
    sized = [
        step("cd:1-2", {"platform": 1.0}, duration=3, stretched_by="Platform / DevOps"),
        step("ci:2-3", {"ml_engineering": 0.5, "data_science": 0.25}, duration=2, shortest=1),
        step("containerization:2-3", {"ml_engineering": 0.5}, duration=2, team_bound="ml_engineering", lead=1),
    ]
    out = why(demo, settings, sized, {"cd:1-2": 0, "ci:2-3": 0, "containerization:2-3": 0})
    assert out["cd:1-2"][-1] == ("Takes 3 months, longer than its lead time, so that Platform / DevOps is never "
                                 "over capacity.")
    assert out["ci:2-3"][-1] == (
        "Runs over 2 months with a smaller team (0.25 Data science, 0.5 ML engineering FTE) instead of 1 with the "
        "largest team it could have: the scheduler chose this because the plan's priorities finish sooner that way.")
    weeks = 0.5 * 2 * 52 / 12
    assert out["containerization:2-3"][-1] == (
        f"Takes 2 months, longer than its 1-month lead time: its {weeks:.3g} person-weeks of ML engineering need "
        f"that long with at most {cap:g} people on the step at once (the team cap).")


def test_what_starts_with_the_status_period_says_so(demo, settings):
    sized = [step("cd:1-2", {"platform": 0.25}), step("ci:2-3", {"ml_engineering": 0.25})]
    out = why(demo, settings, sized, {"cd:1-2": 2, "ci:2-3": 3}, release=2)
    assert out["cd:1-2"] == ("Starts in Mar 2027, the month of the status date: what is left of the roadmap is "
                             "planned from there.",)
    assert out["ci:2-3"] == ("Held back to Apr 2027 by the order the scheduler chose, so that higher-priority work "
                             "finishes sooner.",)


def test_the_critical_path_follows_prerequisites_then_shared_roles(demo, settings):
    sized = [
        step("cd:1-2", {"ml_engineering": 1.0}),
        step("cd:2-3", {"ml_engineering": 1.0}, after=("cd:1-2",)),
        step("ci:2-3", {"ml_engineering": 1.0}),
        step("containerization:2-3", {"platform": 0.5}),
    ]
    starts = {"cd:1-2": 0, "cd:2-3": 1, "ci:2-3": 2, "containerization:2-3": 0}
    assert critical_path(sized, starts, settings) == ("cd:1-2", "cd:2-3", "ci:2-3")
    assert critical_path([], {}, settings) == ()


def test_milestones_word_for_word(demo, settings):
    from datetime import date

    from planner.roadmap.explain import milestones

    catalog, _ = demo
    current = {cap.id: 2 for cap in catalog.capabilities}  # Microsoft level 1 needs ci at 2 (met), pipelines at 3
    stones = milestones(catalog, current, {"data_pipelines:2-3": 4}, {("microsoft", 1): 2}, settings)
    microsoft = [m for m in stones if m.framework == "microsoft"]
    assert [m.level for m in microsoft] == [1, 2, 3, 4]  # level 0 is reached already
    first = microsoft[0]
    assert (first.framework_name, first.level_name, first.reached, first.deadline, first.date, first.quarter) == (
        "Microsoft MLOps maturity model", "DevOps but no MLOps", 3, 2, date(2027, 4, 30), "Q2 2027")
    assert all(m.reached is None and m.date is None and m.quarter is None for m in microsoft[1:])  # steps missing


def test_the_critical_path_links_through_the_budget_only_when_there_is_one(demo, settings):
    from dataclasses import replace

    sized = [step("cd:1-2", {"platform": 0.5}, cost=5_000), step("ci:2-3", {"ml_engineering": 0.5}, cost=5_000),
             step("containerization:2-3", {"data_science": 0.5}, after=("cd:1-2",))]
    starts = {"cd:1-2": 0, "ci:2-3": 1, "containerization:2-3": 1}
    assert critical_path(sized, starts, settings) == ("cd:1-2", "ci:2-3")  # shares only the budget
    assert critical_path(sized, starts, replace(settings, budget_per_period=None)) == ("ci:2-3",)
    free = [replace(s, cost=0.0) if s.item.id == "cd:1-2" else s for s in sized]
    assert critical_path(free, starts, settings) == ("ci:2-3",)  # a step that costs nothing uses no budget
    # a prerequisite that shares no role links through the precedence alone
    later = {**starts, "ci:2-3": 0}
    assert critical_path(sized, later, replace(settings, budget_per_period=None)) == ("cd:1-2", "containerization:2-3")


def test_a_step_blocked_by_a_role_the_catalog_does_not_name_says_its_id(demo, settings):
    from dataclasses import replace

    settings = replace(settings, capacity={**settings.capacity, "robotics": settings.capacity["platform"]})
    sized = [step("cd:1-2", {"robotics": 1.0}), step("ci:2-3", {"robotics": 1.0})]
    out = why(demo, settings, sized, {"cd:1-2": 0, "ci:2-3": 1})
    assert out["ci:2-3"] == ("Starts in Feb 2027: robotics is at capacity in Jan 2027.",)


def test_a_step_does_not_block_itself(demo, settings):
    """Trying an earlier start, the periods the step itself holds now count as free for it:
    starting at once would fit beside the small step in February, so the order held it."""
    sized = [step("ci:2-3", {"ml_engineering": 0.5}, duration=2), step("cd:1-2", {"ml_engineering": 0.25})]
    out = why(demo, settings, sized, {"ci:2-3": 1, "cd:1-2": 1})
    assert out["ci:2-3"] == ("Held back to Feb 2027 by the order the scheduler chose, so that higher-priority work "
                             "finishes sooner.",)


def test_the_finer_points_of_the_words(demo, settings):
    catalog, _ = demo
    assert explain(catalog, [], {}, {}, settings, {}, (), 0) == {}
    # two prerequisites done at once: the first named; a reason's own full stop is not doubled
    sized = [step("cd:1-2", {"platform": 0.25}), step("ci:1-2", {"platform": 0.25}),
             step("cd:2-3", {"platform": 0.25}, after=("cd:1-2", "ci:1-2"),
                  because=("Delivery needs its first level.", "Integration comes first."))]
    out = why(demo, settings, sized, {"cd:1-2": 0, "ci:1-2": 0, "cd:2-3": 1})
    assert out["cd:2-3"] == ("Waits for prerequisite Continuous delivery of pipelines and models 1→2, done in "
                             "Jan 2027: Delivery needs its first level.",)
    # exactly three full periods: no "..."; a role and the budget both full: both named
    sized = [step("ci:2-3", {"ml_engineering": 1.0}, duration=3),
             step("feature_store:0-1", {"data_engineering": 0.25}, cost=10_000, duration=3),
             step("cd:1-2", {"ml_engineering": 1.0}, cost=10_000)]
    out = why(demo, settings, sized, {"ci:2-3": 0, "feature_store:0-1": 0, "cd:1-2": 3})
    assert out["cd:1-2"] == ("Starts in Apr 2027: ML engineering is at capacity in Jan 2027, Feb 2027, Mar 2027; "
                             "the budget for Jan 2027, Feb 2027, Mar 2027 is spent.",)
    # a step's budget need is its cost per period: 10,000 over two periods fits beside 5,000 a period
    sized = [step("feature_store:0-1", {"data_engineering": 0.25}, cost=5_000),
             step("cd:1-2", {"platform": 0.25}, cost=10_000, duration=2)]
    out = why(demo, settings, sized, {"feature_store:0-1": 0, "cd:1-2": 1})
    assert out["cd:1-2"] == ("Held back to Feb 2027 by the order the scheduler chose, so that higher-priority work "
                             "finishes sooner.",)


def test_waiting_before_a_step_was_ready_is_not_blamed_on_a_role(demo, settings):
    """Only the periods from when it was ready count: ML engineering was full in January,
    but the step could not start before February anyway."""
    sized = [step("ci:2-3", {"ml_engineering": 1.0}, duration=2), step("cd:1-2", {"platform": 0.25}),
             step("cd:2-3", {"ml_engineering": 1.0}, after=("cd:1-2",))]
    out = why(demo, settings, sized, {"ci:2-3": 0, "cd:1-2": 0, "cd:2-3": 2})
    assert out["cd:2-3"] == ("Ready in Feb 2027 after Continuous delivery of pipelines and models 1→2.",
                             "Starts in Mar 2027: ML engineering is at capacity in Feb 2027.")


def test_roles_the_catalog_does_not_name_keep_their_ids_in_every_sentence(demo, settings):
    from dataclasses import replace

    settings = replace(settings, capacity={**settings.capacity, "robotics": settings.capacity["platform"]},
                       team_cap={**settings.team_cap, "robotics": 2})
    sized = [step("ci:2-3", {"robotics": 0.5}, duration=2, shortest=1),
             step("cd:1-2", {"robotics": 0.5}, duration=2, team_bound="robotics", lead=1)]
    out = why(demo, settings, sized, {"ci:2-3": 0, "cd:1-2": 0})
    assert "(0.5 robotics FTE)" in out["ci:2-3"][-1]
    assert "person-weeks of robotics need that long with at most 2 people" in out["cd:1-2"][-1]
