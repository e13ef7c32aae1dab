"""The roadmap's text and the scenario comparison, checked line by line against the
roadmap they print (the CLI's JSON contract is in test_roadmap.py)."""

import math
from dataclasses import replace

import pytest

from planner import words
from planner.roadmap.engine import plan_roadmap
from planner.roadmap.model import InfeasiblePlan
from planner.roadmap.render import roadmap_text
from planner.roadmap.scenarios import compare_scenarios, comparison_text, plan_variants


@pytest.fixture(scope="module")
def late(demo):
    """The demo with a deadline it misses: a late milestone and a warning."""
    catalog, state = demo
    return plan_roadmap(catalog, replace(state, deadlines={("google", 1): 1}))


def test_the_text_has_a_line_per_step_with_its_why_beneath(demo, late):
    catalog, _ = demo
    lines = roadmap_text(catalog, late).splitlines()
    s = late.settings
    assert lines[0] == (f"Roadmap: {len(late.items)} items, {s.start_date.isoformat()} to {late.end_date.isoformat()} "
                        f"({words.periods(late.makespan, s.time_unit)}); {words.proof(late)}")
    t = late.totals
    assert lines[1] == (f"One-time cost {t.one_time:,.0f} USD; recurring {t.licence_per_year:,.0f} USD/year licences + "
                        f"{t.operating_per_year:,.0f} USD/year operating; 3-year TCO {t.total:,.0f} USD")
    assert lines[2] == ""
    at = 3
    for item in late.items:
        line = lines[at]
        assert line.startswith("* " if item.critical else "  ")
        assert line[2:].split()[:2] == words.quarter(s, item.start).split()
        option = catalog.option(item.option).name if item.option else "in-house"
        assert line.rstrip().endswith(f"{item.approach:5} {option}") and item.name in line
        assert lines[at + 1: at + 1 + len(item.why)] == [f"      {why}" for why in item.why]
        at += 1 + len(item.why)
    assert lines[at: at + 2] == ["", "Milestones:"]
    google1 = next(m for m in late.milestones if (m.framework, m.level) == ("google", 1))
    assert f"  Google Cloud MLOps level 1 ({google1.level_name}): {google1.quarter} ({google1.date.isoformat()})  LATE" in lines
    never = next(m for m in late.milestones if m.reached is None)
    assert f"  {words.framework_level(never.framework_name, never.level)} ({never.level_name}): not reached by these targets" in lines
    assert [line for line in lines if line.startswith("Warning: ")] == [f"Warning: {w}" for w in late.warnings] != []
    assert lines[-2:] == ["", "* on the critical path"]


def test_a_scenario_says_its_name_and_a_plan_without_warnings_has_none(demo):
    catalog, state = demo
    hire = plan_roadmap(catalog, state, "+2 ML engineers", improve=False)
    text = roadmap_text(catalog, hire)
    assert text.startswith(f"Roadmap (scenario +2 ML engineers): {len(hire.items)} items, ")
    assert "Warning" not in text and not hire.warnings


ROWS = [
    {"scenario": "(plan)", "feasible": True, "end_date": "2027-07-31", "mean_completion": 3.456, "one_time": 411000,
     "recurring_per_year": 345946.4, "tco": 1448839.2, "milestones": {"google 1": "2027-02-28", "google 2": None}},
    {"scenario": "no money", "feasible": False, "diagnosis": ["the budget is 0", "second reason"]},
    {"scenario": "a name longer than the column is", "feasible": True, "end_date": "2027-05-31",
     "mean_completion": 2.0, "one_time": 1000, "recurring_per_year": 0, "tco": 1000,
     "milestones": {"google 1": "2027-01-31"}},
]


def test_the_comparison_text_is_a_table_with_milestones_beneath():
    assert comparison_text(ROWS, "EUR").splitlines() == [
        "scenario                 ends        mean done     one-time    per year          TCO",
        "(plan)                   2027-07-31        3.5      411,000     345,946    1,448,839",
        "no money                 infeasible: the budget is 0",
        "a name longer than the column is 2027-05-31        2.0        1,000           0        1,000",
        "",
        "milestone reached                        (plan) a name longer than the",
        "google 1                             2027-02-28             2027-01-31",
        "google 2                            not reached            not reached",
        "(money in EUR; mean done: the priority-weighted mean period in which capabilities reach their targets)",
    ]
    assert comparison_text(ROWS[1:2], "USD").splitlines()[-2:] == [
        "no money                 infeasible: the budget is 0",
        "(money in USD; mean done: the priority-weighted mean period in which capabilities reach their targets)"]


def test_each_comparison_row_is_its_variants_roadmap(demo):
    catalog, state = demo
    odd_rates = {"settings": {"rates": {role.id: 3000.1234 for role in catalog.roles}}}  # money with 3+ decimals
    state = replace(state, scenarios={**state.scenarios, "A: no budget": {"settings": {"budget_total": 1}},
                                      "Odd rates": odd_rates})
    names = [None, *sorted(state.scenarios)]
    assert names.index("A: no budget") == 2  # an infeasible row between feasible ones
    roadmaps = plan_variants(catalog, state, names)
    assert isinstance(roadmaps["A: no budget"], InfeasiblePlan)
    assert round(roadmaps["Odd rates"].totals.one_time, 2) != round(roadmaps["Odd rates"].totals.one_time, 3)
    rows = compare_scenarios(catalog, state, planned=roadmaps)
    assert [row["scenario"] for row in rows] == ["(plan)", *sorted(state.scenarios)]
    for name, row in zip(names, rows):
        roadmap = roadmaps[name]
        if isinstance(roadmap, InfeasiblePlan):
            assert row == {"scenario": name, "feasible": False, "diagnosis": roadmap.diagnosis}
            continue
        t = roadmap.totals
        assert row == {
            "scenario": name or "(plan)", "feasible": True, "end_date": roadmap.end_date.isoformat(),
            "makespan": roadmap.makespan, "mean_completion": round(roadmap.mean_completion, 2),
            "one_time": round(t.one_time, 2), "recurring_per_year": round(t.licence_per_year + t.operating_per_year, 2),
            "tco": round(t.total, 2), "complete": roadmap.complete,
            "milestones": {f"{m.framework} {m.level}": m.date and m.date.isoformat() for m in roadmap.milestones},
            "milestone_quarters": {f"{m.framework} {m.level}": m.quarter for m in roadmap.milestones}}
    assert rows[0]["milestones"]["google 1"] is not None and None in rows[0]["milestones"].values()


def test_the_comparison_plans_only_what_it_is_not_given(demo):
    catalog, state = demo
    base = plan_roadmap(catalog, state, improve=False)  # differs from the improved plan the comparison would make
    given = {name: plan_roadmap(catalog, state, name, improve=False) for name in state.scenarios}
    rows = compare_scenarios(catalog, state, base=base, planned=given)
    assert rows[0]["mean_completion"] == round(base.mean_completion, 2)
    assert [row["mean_completion"] for row in rows[1:]] == [round(given[n].mean_completion, 2) for n in sorted(given)]
    alone = plan_variants(catalog, state, ["+2 ML engineers"])
    assert list(alone) == ["+2 ML engineers"] and alone["+2 ML engineers"].scenario == "+2 ML engineers"


def test_variants_start_from_today_when_the_plan_sets_no_start_and_stop_when_asked(demo):
    from datetime import date

    catalog, state = demo
    undated = replace(state, settings={k: v for k, v in state.settings.items() if k != "start_date"})
    names = [None, *sorted(state.scenarios)]
    dated = plan_variants(catalog, undated, names, today=date(2030, 5, 17))
    assert {roadmap.settings.start_date for roadmap in dated.values()} == {date(2030, 6, 1)}
    rows = compare_scenarios(catalog, undated, today=date(2030, 5, 17))
    assert all(row["end_date"] > "2030-06" for row in rows)
    # Asked to stop before the MIP has a bound (a comparison closed at once): each variant
    # is its instant heuristic's roadmap, and nothing fails.
    stopped = plan_variants(catalog, state, names, stop=lambda: True)
    for name, roadmap in stopped.items():
        assert roadmap.nodes == 0 and roadmap.objective == plan_roadmap(catalog, state, name, improve=False).objective
    assert [row["mean_completion"] for row in compare_scenarios(catalog, state, stop=lambda: True)] == [
        round(stopped[name].mean_completion, 2) for name in names]


def test_the_json_gives_each_top_level_figure_of_the_roadmap(demo):
    from planner.roadmap.render import roadmap_json

    catalog, state = demo
    quick = plan_roadmap(catalog, state, improve=False)  # not proven: a gap with many decimals
    data = roadmap_json(catalog, quick)
    assert round(quick.gap, 4) != round(quick.gap, 5) and round(quick.gap, 4) != round(quick.gap)
    assert {k: data[k] for k in ("ok", "end_date", "makespan", "gap", "method", "quality", "complete", "cut_by_guard",
                                 "work", "makespan_bound")} == {
        "ok": True, "end_date": quick.end_date.isoformat(), "makespan": quick.makespan, "gap": round(quick.gap, 4),
        "method": "heuristic", "quality": words.proof(quick), "complete": quick.complete, "cut_by_guard": quick.cut,
        "work": {"schedules": quick.schedules, "nodes": quick.nodes}, "makespan_bound": quick.makespan_bound}
    assert data["work"]["schedules"] > 0 and not quick.optimal
    above = math.ceil(100 * (quick.objective - quick.lower_bound) / quick.lower_bound)  # on the objective
    assert data["quality"] == f"within {above}% of the best possible"


def test_a_warning_follows_the_milestones_after_one_blank_line(demo, late):
    lines = roadmap_text(demo[0], late).splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Warning: "))
    assert lines[first - 1] == "" and lines[first - 2].startswith("  ")  # the last milestone


def _documented_json_keys() -> dict[str, set[str]]:
    """The roadmap JSON's keys as docs/cli.md's table gives them: the key column, and for
    each key the names in backticks its meaning lists (the fields of its objects)."""
    import re
    from pathlib import Path

    text = (Path(__file__).parents[2] / "docs" / "cli.md").read_text()
    table = text.split("## `roadmap-planner roadmap PLAN", 1)[1].split("\n## ", 1)[0].split("JSON keys:", 1)[1]
    documented: dict[str, set[str]] = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or cells[0] in ("key", "---"):
            continue
        for key in re.findall(r"`([a-z_]+)`", cells[0]):
            documented[key] = set(re.findall(r"`([a-z_]+)`", cells[1]))
    return documented


def test_the_json_has_every_key_docs_cli_md_lists_and_no_other(demo, late):
    from planner.roadmap.render import roadmap_json

    catalog, _ = demo
    data = roadmap_json(catalog, late)
    documented = _documented_json_keys()
    assert set(data) == set(documented) | {"spend"}  # spend is documented beside usage
    for key in ("objective", "budget", "totals", "work"):
        assert set(data[key]) == documented[key], key
    for key in ("items", "milestones", "bundles"):
        assert data[key] and {k for row in data[key] for k in row} == documented[key], key
    assert {k for row in data["decisions"] for k in row} == documented["decisions"] - {"you", "engine"}
    alternatives = [a for row in data["decisions"] for a in row["alternatives"]]
    excluded = [e for row in data["decisions"] for e in row["excluded"]]
    assert alternatives and {k for a in alternatives for k in a} == {"approach", "option", "tco", "rationale"}
    assert excluded and {k for e in excluded for k in e} == {"option", "why"}  # the demo rules out AGPL
    assert data["objective"]["definition"] == ("sum over capabilities of business priority x finish period of its last "
                                               "step, plus 20 x the period each milestone with a deadline is reached")
    assert data["budget"] == {"per_period": late.settings.budget_per_period.plain(), "total": None, "currency": "USD"}
    unlimited = replace(demo[1], settings={k: v for k, v in demo[1].settings.items() if k != "budget_per_period"})
    assert roadmap_json(catalog, plan_roadmap(catalog, unlimited, improve=False))["budget"]["per_period"] is None
    assert [i["name"] for i in data["items"]] == [i.name for i in late.items]
