import json

from planner.assessment.crosswalk import crosswalk
from planner.assessment.model import Vote
from planner.assessment.scoring import consensus, level_from_criteria
from planner.assessment.targets import effective_targets
from planner.catalog.load import load_catalog
from planner.cli import main

from ..catalog.conftest import SMALL


def test_consensus_is_the_median_and_flags_spread_of_two():
    agreed = consensus((Vote("a", 1), Vote("b", 3), Vote("c", 1), Vote("d", 2)))
    assert (agreed.median, agreed.level, agreed.spread, agreed.disagreement) == (1.5, 1, 2, True)
    assert not consensus((Vote("a", 2), Vote("b", 3))).disagreement
    assert consensus(()) is None
    # Where the median and the mean part ways, the level follows the median.
    skewed = consensus((Vote("a", 0), Vote("b", 4), Vote("c", 4)))
    assert (skewed.median, skewed.level) == (4.0, 4)  # the mean would say 2.67, level 2
    low = consensus((Vote("a", 1), Vote("b", 1), Vote("c", 4)))
    assert (low.median, low.level, low.spread) == (1.0, 1, 3)


def test_dimension_scores_hand_checked():
    """Mean level per dimension to two decimals, as a share of the scale; not-applicable
    capabilities (None) left out; 'overall' last."""
    from planner.assessment.scoring import dimension_scores

    catalog = load_catalog()  # the bundled one: several capabilities per dimension
    by_dim: dict[str, list[str]] = {}
    for cap in catalog.capabilities:
        by_dim.setdefault(cap.dimension, []).append(cap.id)
    dim, caps = next((d, c) for d, c in by_dim.items() if len(c) >= 3)
    levels = {cap.id: None for cap in catalog.capabilities}
    levels.update({caps[0]: 1, caps[1]: 2, caps[2]: 2})
    scores = {s.dimension: s for s in dimension_scores(catalog, levels)}
    first, span = catalog.scale.first, catalog.scale.last - catalog.scale.first
    assert scores[dim].mean_level == 1.67 and scores[dim].capabilities == 3
    assert scores[dim].percent == round(100 * (5 / 3 - first) / span, 1)
    assert scores["overall"].mean_level == 1.67
    others = [s for d, s in scores.items() if d not in (dim, "overall")]
    assert all(s.mean_level is None and s.percent is None and s.capabilities == 0 for s in others)


def test_current_levels_come_from_the_entry_then_the_criteria_then_the_votes():
    from planner.assessment.model import Assessment, Entry
    from planner.assessment.scoring import current_levels, entry_level

    catalog = load_catalog(SMALL)
    votes = (Vote("a", 3), Vote("b", 2), Vote("c", 3))
    picked = Assessment("a", entries={"orchestration": Entry("orchestration", level=2)},
                        votes={"orchestration": votes, "data_validation": votes})
    # A picked level wins over the votes; votes alone give their consensus; nothing at all, the lowest level.
    assert current_levels(catalog, picked) == {"data_validation": 3, "orchestration": 2, "continuous_training": 1}
    ticked = Assessment("b", entries={"orchestration": Entry("orchestration", criteria_met=frozenset({(2, 0), (2, 1)})),
                                      "continuous_training": Entry("continuous_training", not_applicable=True)},
                        votes={"orchestration": votes, "continuous_training": votes})
    # Criteria ticked win over the votes; not applicable wins over both.
    assert current_levels(catalog, ticked) == {"data_validation": 1, "orchestration": 2, "continuous_training": None}
    cap = catalog.capability("orchestration")
    assert entry_level(cap, None) is None
    assert entry_level(cap, Entry("orchestration", level=3, not_applicable=True)) is None
    assert entry_level(cap, Entry("orchestration", level=3)) == 3


def test_a_dimension_score_is_a_share_of_the_scale_from_its_first_level():
    """The small catalog's scale starts at 1: a mean of 2 on a scale of 1-4 is a third of the way."""
    from planner.assessment.scoring import dimension_scores

    catalog = load_catalog(SMALL)
    assert (catalog.scale.first, catalog.scale.last) == (1, 4)
    scores = dimension_scores(catalog, {"data_validation": None, "orchestration": 2, "continuous_training": 2})
    assert [(s.dimension, s.name, s.mean_level, s.percent, s.capabilities) for s in scores] == [
        ("data", "Data", None, None, 0), ("model", "Model", 2.0, 33.3, 2), ("overall", "Overall", 2.0, 33.3, 2)]


def test_level_from_criteria_needs_every_lower_level():
    cap = load_catalog(SMALL).capability("orchestration")  # levels 1-3, two criteria each above 1
    assert level_from_criteria(cap, frozenset({(2, 0), (2, 1)})) == 2
    assert level_from_criteria(cap, frozenset({(2, 0), (3, 0), (3, 1)})) == 1  # level 2 incomplete
    assert level_from_criteria(cap, frozenset({(2, 0), (2, 1), (3, 0), (3, 1)})) == 3


def test_framework_attainment_hand_checked():
    catalog = load_catalog(SMALL)  # google level 1 needs continuous_training 3 and data_validation 3
    now = {"data_validation": 3, "orchestration": 2, "continuous_training": 2}
    (google,) = crosswalk(catalog, now, {**now, "continuous_training": 3})
    assert (google.now, google.target, google.next_level) == (0, 1, 1)
    assert [(u.capability, u.required, u.current) for u in google.next_unmet] == [("continuous_training", 3, 2)]
    # Not applicable counts as met.
    (google,) = crosswalk(catalog, {**now, "continuous_training": None}, now)
    assert google.now == 1 and google.next_level is None and google.next_unmet == ()


def test_targets_are_raised_to_prerequisites_with_reasons():
    catalog = load_catalog(SMALL)
    current = {"data_validation": 1, "orchestration": 1, "continuous_training": 1}
    targets = effective_targets(catalog, current, {"continuous_training": 3}, {})
    assert targets.levels == {"data_validation": 3, "orchestration": 3, "continuous_training": 3}
    assert {(r.capability, r.from_level, r.to_level, r.because) for r in targets.raises} == {
        ("orchestration", 1, 3, "continuous_training@3"), ("data_validation", 1, 3, "continuous_training@3")}
    assert targets.origin["orchestration"] == "prerequisite"
    framework = effective_targets(catalog, current, {}, {"google": 1})
    assert framework.origin["continuous_training"] == "framework:google 1"


def test_effective_targets_start_from_the_scores_and_leave_out_what_does_not_apply():
    catalog = load_catalog(SMALL)  # continuous_training 3 needs orchestration 3 and data_validation 3
    # A scored level is the floor; an unscored capability starts at the scale's lowest level.
    plain = effective_targets(catalog, {"data_validation": 2}, {}, {})
    assert plain.levels == {"data_validation": 2, "orchestration": 1, "continuous_training": 1}
    assert set(plain.origin.values()) == {"current"} and plain.raises == ()
    # A typed target below the score, or on a capability that does not apply, changes
    # nothing; one above the scale is clipped; a prerequisite that does not apply is not raised.
    typed = effective_targets(catalog, {"data_validation": 2, "orchestration": None, "continuous_training": 1},
                              {"data_validation": 1, "orchestration": 3, "continuous_training": 9}, {})
    assert typed.levels == {"data_validation": 3, "orchestration": 1, "continuous_training": 3}
    assert typed.origin == {"data_validation": "prerequisite", "orchestration": "current",
                            "continuous_training": "target"}
    assert [(r.capability, r.from_level, r.to_level, r.because) for r in typed.raises] == [
        ("data_validation", 2, 3, "continuous_training@3")]
    # A capability that does not apply is neither targeted nor raises its prerequisites.
    idle = effective_targets(catalog, {"continuous_training": None}, {"continuous_training": 3}, {"google": 1})
    assert idle.levels == {"data_validation": 3, "orchestration": 1, "continuous_training": 1}
    assert idle.raises == () and idle.origin["data_validation"] == "framework:google 1"
    # A framework the catalog no longer has is left out; a typed target below the
    # framework's keeps the framework's.
    both = effective_targets(catalog, {}, {"continuous_training": 2}, {"google": 1, "retired": 2})
    assert both.levels == {"data_validation": 3, "orchestration": 3, "continuous_training": 3}
    assert both.origin == {"data_validation": "framework:google 1", "orchestration": "prerequisite",
                           "continuous_training": "framework:google 1"}


def test_demo_plan_scores_as_json(tmp_path, capsys):
    path = tmp_path / "demo.mlplan"
    assert main(["plan", "new", "--demo", str(path)]) == 0
    assert main(["plan", "snapshot", str(path), "after workshop"]) == 0
    capsys.readouterr()
    assert main(["plan", "score", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [f["id"] for f in result["frameworks"]] == ["google", "microsoft", "stages", "nlh"]
    for framework in result["frameworks"]:
        assert {"id", "name", "now", "target", "next_unmet"} <= set(framework)
    caps = {c["id"]: c for c in result["capabilities"]}
    assert len(caps) == 32
    assert {"id", "current", "target", "confidence", "not_applicable"} <= set(caps["ci"])
    assert caps["model_monitoring"]["votes"]["disagreement"] is True
    google = result["frameworks"][0]
    assert google["target"] == 1 and google["now"] == 0
    assert all(caps[u["capability"]]["current"] < u["required"] for u in google["next_unmet"])
    assert main(["plan", "score", str(path), "--assessment", "Claims analytics", "--json"]) == 0
    claims = {c["id"]: c for c in json.loads(capsys.readouterr().out)["capabilities"]}
    assert claims["online_experimentation"]["not_applicable"] is True
    assert claims["online_experimentation"]["current"] is None


def test_plan_errors_are_messages_not_tracebacks(tmp_path, capsys):
    bogus = tmp_path / "x.mlplan"
    bogus.write_text("not a plan")
    assert main(["plan", "score", str(bogus)]) == 1
    assert "not a plan file" in capsys.readouterr().err


def test_target_commands_from_the_cli(tmp_path, capsys):
    path = tmp_path / "p.mlplan"
    assert main(["plan", "new", str(path)]) == 0
    assert main(["plan", "target", str(path), "--framework", "microsoft", "3"]) == 0
    assert main(["plan", "target", str(path), "automl", "2"]) == 0
    capsys.readouterr()
    assert main(["plan", "score", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    microsoft = next(f for f in result["frameworks"] if f["id"] == "microsoft")
    assert (microsoft["now"], microsoft["target"]) == (0, 3)
    caps = {c["id"]: c for c in result["capabilities"]}
    assert caps["automl"]["target"] == 2 and caps["automl"]["target_origin"] == "target"
    assert caps["cd"]["target"] == 3 and caps["cd"]["target_origin"] == "framework:microsoft 3"
    # Every raise names what needed it, and that need holds at the final targets.
    assert result["raises"]
    for r in result["raises"]:
        cap, level = r["because"].split("@")
        assert caps[cap]["target"] >= int(level) and caps[r["capability"]]["target"] >= r["to"] and r["reason"]
    assert main(["plan", "target", str(path), "--framework", "microsoft", "9"]) == 1
    assert "has no level 9" in capsys.readouterr().err
