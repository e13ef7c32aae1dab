"""Roadmap inputs set from the command line, and bad values refused with a message."""

import json

from planner.cli import main


def roadmap(path, capsys, *extra):
    capsys.readouterr()
    assert main(["roadmap", str(path), "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_set_choose_pin_and_scenario(demo_plan, tmp_path, capsys):
    path = str(demo_plan.path)
    demo_plan.close()
    assert main(["plan", "set", path, "time_unit", "week"]) == 0
    assert main(["plan", "set", path, "capacity", '{"ml_engineering": 3}']) == 0
    assert main(["plan", "choose", path, "feature_store", "adopt", "feast"]) == 0
    assert main(["plan", "pin", path, "explainability:2-3", "--period", "6"]) == 0
    assert main(["plan", "pin", path, "automl:0-1", "--exclude"]) == 0
    assert main(["plan", "deadline", path, "google", "1", "20"]) == 0
    data = roadmap(path, capsys)
    google1 = next(m for m in data["milestones"] if (m["framework"], m["level"]) == ("google", 1))
    assert google1["deadline"] == 20 and google1["late"] == (google1["reached"] is None or google1["reached"] > 20)
    assert data["time_unit"] == "week" and data["capacity"]["ml_engineering"] == 3
    item = next(i for i in data["items"] if i["id"] == "explainability:2-3")
    assert item["start"] == 6 and item["pinned"]
    decision = next(d for d in data["decisions"] if d["capability"] == "feature_store")
    assert (decision["option"], decision["chosen_by"]) == ("feast", "you")
    (tmp_path / "s.json").write_text(json.dumps({"settings": {"capacity": {"ml_engineering": 6}}}))
    assert main(["plan", "scenario", path, "six", "--from", str(tmp_path / "s.json")]) == 0
    assert roadmap(path, capsys, "--scenario", "six")["capacity"]["ml_engineering"] == 6
    assert main(["plan", "set", path, "capacity"]) == 0  # back to the default
    assert roadmap(path, capsys)["capacity"]["ml_engineering"] == 2


def test_bad_inputs_are_refused_with_a_message(demo_plan, capsys):
    path = str(demo_plan.path)
    demo_plan.close()
    cases = [
        (["plan", "set", path, "capacty", "{}"], "did you mean 'capacity'?"),
        (["plan", "set", path, "capacity", '{"ml_engineers": 2}'], "unknown role 'ml_engineers'"),
        (["plan", "set", path, "time_unit", "day"], "time_unit 'day' is not 'week' or 'month'"),
        (["plan", "set", path, "budget_total", "-5"], "budget_total is negative (-5)"),
        (["plan", "set", path, "budget_total", "NaN"], "NaN is not a number JSON allows"),
        (["plan", "set", path, "budget_per_period", "Infinity"], "Infinity is not a number JSON allows"),
        (["plan", "set", path, "start_date", "9999-06-01"], "out of range"),
        (["plan", "choose", path, "feature_store", "buy", "feast"], "Feast is an option to adopt, not to buy"),
        (["plan", "choose", path, "feature_store", "adopt", "mlflow"], "does not cover 'feature_store'"),
        (["plan", "choose", path, "feature_store", "buy"], "name the option to buy"),
        (["plan", "pin", path, "feature_stor:0-1", "--period", "1"], "did you mean 'feature_store'"),
    ]
    for argv, message in cases:
        capsys.readouterr()
        assert main(argv) == 1, argv
        assert message in capsys.readouterr().err, argv


def test_roadmap_of_the_demo_without_a_file(capsys):
    assert main(["roadmap", "--demo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Roadmap: ") and "Milestones:" in out and "Google Cloud MLOps level 1" in out
    assert main(["roadmap"]) == 2
    assert "name a plan file, or use --demo" in capsys.readouterr().err


def test_infeasible_roadmap_as_json(demo_plan, capsys):
    path = str(demo_plan.path)
    demo_plan.close()
    assert main(["plan", "set", path, "budget_total", "10"]) == 0
    capsys.readouterr()
    assert main(["roadmap", path, "--json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is False and "above the total budget" in result["diagnosis"][0]


def test_scenarios_are_checked_when_saved(demo_plan, tmp_path, capsys):
    path = str(demo_plan.path)
    demo_plan.close()
    cases = [
        ({"decisions": {"model_serving": ["adopt", "doesnotexist"]}}, "unknown option 'doesnotexist'"),
        ({"decisions": {"feature_store": "buy"}}, "must be [approach, option]"),
        ({"decisions": {"feature_store": ["buy", "feast"]}}, "Feast is an option to adopt, not to buy"),
        ({"settings": {"capacity": {"x": 1}}}, "unknown role 'x'"),
        ({"pins": {"feature_store": 3}}, "is not a step of 'feature_store'"),
        ({"colour": 1}, "not ['colour']"),
    ]
    for data, message in cases:
        (tmp_path / "s.json").write_text(json.dumps(data))
        capsys.readouterr()
        assert main(["plan", "scenario", path, "bad", "--from", str(tmp_path / "s.json")]) == 1, data
        assert message in capsys.readouterr().err, data
    assert main(["plan", "scenario", path, "nope", "--delete"]) == 1
    assert "no scenario named 'nope'" in capsys.readouterr().err
    assert main(["scenarios", path]) == 0  # nothing bad was saved


def test_pins_name_real_steps_and_messages_say_what_happened(demo_plan, capsys):
    path = str(demo_plan.path)
    demo_plan.close()
    for bad in ("feature_store", "feature_store:1-3", "feature_store:2-1", "feature_store:4-5"):
        assert main(["plan", "pin", path, bad, "--period", "1"]) == 1, bad
        assert "is not a step of 'feature_store'" in capsys.readouterr().err
    assert main(["plan", "pin", path, "feature_store:1-2", "--free"]) == 0
    assert capsys.readouterr().out.strip() == "Free feature_store:1-2"
    assert main(["plan", "choose", path, "feature_store"]) == 0
    assert "Back to the engine's recommendation" in capsys.readouterr().out
    assert main(["plan", "set", path, "time_unit", "week"]) == 0
    assert capsys.readouterr().out.strip() == 'Set time_unit to "week"; the budget per period converted to weeks'


def test_choosing_the_active_assessment(demo_plan, capsys):
    path = str(demo_plan.path)
    demo_plan.close()
    assert main(["plan", "use", path, "Claims analytics"]) == 0
    capsys.readouterr()
    assert main(["plan", "score", path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["assessment"] == "Claims analytics"
    assert main(["plan", "use", path, "Nobody"]) == 1
    assert "unknown assessment 'Nobody'" in capsys.readouterr().err


def test_nan_infinity_and_absurd_numbers_never_reach_a_plan(demo_plan, tmp_path, capsys):
    path = str(demo_plan.path)
    demo_plan.close()
    capsys.readouterr()
    for key, value, says in (("budget_total", "NaN", "NaN is not a number JSON allows"),
                             ("budget_total", "Infinity", "Infinity is not a number JSON allows"),
                             ("budget_total", "1e308", "budget_total is implausibly large"),
                             ("capacity", '{"ml_engineering": 1e308}', "capacity.ml_engineering is implausibly large"),
                             ("budget_per_period", "[100, -5]", "budget_per_period[1] is negative"),
                             ("horizon_years", "500", "horizon_years is implausibly large"),
                             ("preferences", '{"prefer_opensource": true}', "unknown preference 'prefer_opensource'"),
                             ("preferences", '{"clouds": ["aws", "ibm"]}', "'ibm' is not a place options run"),
                             ("preferences", '{"clouds": "aws"}', "preferences.clouds must be a list")):
        assert main(["plan", "set", path, key, value]) == 1, (key, value)
        assert says in capsys.readouterr().err, (key, value)
    (tmp_path / "s.json").write_text('{"settings": {"budget_total": Infinity}}')
    assert main(["plan", "scenario", path, "inf", "--from", str(tmp_path / "s.json")]) == 1
    assert "Infinity is not a number JSON allows" in capsys.readouterr().err
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf" + b'{"settings": {"budget_total": 500000}}')
    assert main(["plan", "scenario", path, "bom", "--from", str(tmp_path / "bom.json")]) == 0
    data = roadmap(path, capsys)  # strict JSON: json.loads would accept NaN, so check the text too
    assert "NaN" not in json.dumps(data, allow_nan=False)


def test_json_writers_refuse_nan():
    import pytest

    from planner import jsonio

    with pytest.raises(ValueError):
        jsonio.dumps({"cost": float("nan")})
    with pytest.raises(ValueError):
        jsonio.loads('{"cost": NaN}')
    assert jsonio.loads('{"cost": 1.5}') == {"cost": 1.5}


def test_an_estimate_override_with_nan_is_a_clear_diagnosis(demo_plan):
    from dataclasses import replace

    from planner.roadmap.engine import plan_roadmap
    from planner.roadmap.model import InfeasiblePlan
    import pytest

    catalog, state = demo_plan.catalog, demo_plan.state
    key = next((e.capability, e.to_level, e.approach) for e in catalog.estimates)
    bad = replace(state, estimate_overrides={key: {"licence_per_year": float("nan"),
                                                  "effort": {"ml_engineering": float("inf")}}})
    with pytest.raises(InfeasiblePlan) as info:
        plan_roadmap(catalog, bad)
    text = " ".join(info.value.diagnosis)
    assert "licence_per_year is not a number (nan)" in text and "effort of 'ml_engineering' is infinite" in text


def test_switching_the_time_unit_converts_budget_capacity_pins_and_deadlines(demo_plan, capsys):
    from planner.store import commands as c

    plan = demo_plan
    c.SetSetting("budget_per_period", [52000, 26000]).apply(plan)
    c.SetSetting("capacity", {"ml_engineering": [1, 3]}).apply(plan)
    c.SetSetting("start_date", "2027-01-01").apply(plan)
    c.SetSetting("time_unit", "month").apply(plan)
    c.PinItem("explainability:2-3", 6).apply(plan)
    c.SetDeadline("google", 1, 12).apply(plan)
    before = plan.state
    command = c.SetSetting("time_unit", "week")
    command.apply(plan)
    state = plan.state
    weekly = 52000 * 12 / 52
    assert state.settings["budget_per_period"][0] == weekly  # January, per week
    assert state.settings["budget_per_period"][5] == 26000 * 12 / 52  # a February week
    assert len(state.settings["budget_per_period"]) == 9  # weeks that start in January or February
    assert state.settings["capacity"]["ml_engineering"][:6] == [1, 1, 1, 1, 1, 3]  # FTE is not scaled
    assert state.pins["explainability:2-3"] == 25  # July 2027 starts in week 25
    assert state.deadlines[("google", 1)] == 56  # by the end of January 2028: 28 Jan - 3 Feb holds 31 Jan
    assert "converted to weeks" in command.text
    command.undo(plan)
    assert plan.state == before


def test_plan_settings_lists_what_is_in_force_and_where_it_comes_from(demo_plan, capsys):
    path = str(demo_plan.path)
    demo_plan.close()
    assert main(["plan", "set", path, "budget_total", "900000"]) == 0
    capsys.readouterr()
    assert main(["plan", "settings", path, "--json"]) == 0
    rows = {r["key"]: r for r in json.loads(capsys.readouterr().out)["settings"]}
    assert rows["budget_total"] == {"key": "budget_total", "value": 900000.0, "from": "plan"}
    assert rows["improve_schedules"]["from"] == "default" and rows["improve_schedules"]["value"] == 6000
    assert main(["plan", "settings", path, "--scenario", "+2 ML engineers"]) == 0
    text = capsys.readouterr().out
    assert "ml_engineering\": 4.0" in text and "(scenario)" in text
    assert main(["plan", "settings", path, "--scenario", "nope"]) == 1
    assert "there is no scenario named 'nope'" in capsys.readouterr().err


def test_a_team_cap_sets_a_steps_length_and_its_why_says_so(demo_plan, capsys):
    path = str(demo_plan.path)
    demo_plan.close()
    before = roadmap(path, capsys)
    step = next(i for i in before["items"] if i["id"] == "feature_store:1-2")
    assert main(["plan", "set", path, "team_cap", '{"data_engineering": 0.5}']) == 0
    after = roadmap(path, capsys)
    longer = next(i for i in after["items"] if i["id"] == "feature_store:1-2")
    assert longer["finish"] - longer["start"] > step["finish"] - step["start"]
    assert longer["demand"]["data_engineering"] <= 0.5 + 1e-9  # never more than the cap at once
    assert any("at most 0.5 people on the step at once (the team cap)" in why for why in longer["why"])
    assert main(["plan", "set", path, "team_cap", '{"data_engineering": 0}']) == 1
    assert "team_cap.data_engineering is 0" in capsys.readouterr().err
