from planner.catalog.graph import required_levels


def test_nodes_are_capability_levels_and_edges_point_to_what_needs_them(bundled):
    graph = bundled.graph
    assert ("feature_store", 2) in graph
    assert graph.has_edge(("orchestration", 3), ("continuous_training", 3))
    assert graph.edges[("feature_store", 1), ("feature_store", 2)]["kind"] == "step"


def test_required_levels_raise_targets_by_prerequisites(bundled):
    needed = required_levels(bundled.graph, {"continuous_training": 4})
    assert needed["continuous_training"] == 4
    assert needed["model_monitoring"] >= 3 and needed["drift_detection"] >= 3
    assert needed["orchestration"] >= 3
    # Only what the target needs: nothing about explainability.
    assert "explainability" not in needed


def test_optional_dependencies_do_not_raise_targets(bundled):
    optional = {(d.capability, d.needs) for d in bundled.dependencies if d.optional}
    assert ("model_serving", "feature_store") in optional
    needed = required_levels(bundled.graph, {"model_serving": 4})
    assert "feature_store" not in needed
