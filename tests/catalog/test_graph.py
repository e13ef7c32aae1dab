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


def test_the_plain_cycle_check_agrees_with_networkx():
    """Loading asks `cyclic` (no networkx); it must find exactly the cycles networkx finds,
    on the bundled graph and on random level-qualified dependencies among its capabilities."""
    import random
    from types import SimpleNamespace

    import networkx as nx

    from planner.catalog.graph import build_graph, cyclic
    from planner.catalog.load import load_catalog

    catalog = load_catalog()
    caps = catalog.capabilities[:6]
    assert not cyclic(catalog.capabilities, catalog.dependencies)
    rng = random.Random(7)
    found = {True: 0, False: 0}
    for _ in range(300):
        deps = []
        for _ in range(rng.randint(1, 12)):
            a, b = rng.sample(caps, 2)
            deps.append(SimpleNamespace(capability=a.id, level=rng.choice(a.levels).level,
                                        needs=b.id, needs_level=rng.choice(b.levels).level, optional=False))
        graph = build_graph(((c, None) for c in caps), ((d, None) for d in deps))
        expected = not nx.is_directed_acyclic_graph(graph)
        assert cyclic(caps, deps) == expected
        found[expected] += 1
    assert found[True] > 20 and found[False] > 20  # both cases were tried
