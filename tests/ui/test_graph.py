"""The dependency graph: its layered layout, and the view's colours, selection, zoom and
navigation."""

from __future__ import annotations

import random
from html import escape
import time
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt

from planner.ui import edits
from planner.ui.graph_layout import crossings, layout
from planner.ui.views.graph_scene import legend

from .conftest import shown


@dataclass(frozen=True)
class Dep:
    capability: str
    level: int
    needs: str
    needs_level: int
    optional: bool = False
    inferred: bool = False
    reason: str = "because"


def test_layers_follow_the_dependencies_except_edges_that_close_a_cycle(document):
    catalog = document.catalog
    result = layout([c.id for c in catalog.capabilities], catalog.dependencies)
    assert sorted(c for layer in result.layers for c in layer) == sorted(c.id for c in catalog.capabilities)
    for link in result.links:
        before = result.position[link.needs][0] < result.position[link.capability][0]
        assert before or (link.needs, link.capability) in result.back
    assert layout([c.id for c in catalog.capabilities], catalog.dependencies).layers == result.layers  # deterministic


def test_a_capability_level_cycle_is_broken_at_its_latest_need():
    deps = [Dep("b", 2, "a", 1), Dep("a", 4, "b", 3), Dep("c", 1, "b", 1)]
    result = layout(["a", "b", "c"], deps)
    assert result.back == {("b", "a")}  # "a at 4 needs b at 3" is the late need
    assert result.layers == [["a"], ["b"], ["c"]]


def test_ordering_cuts_crossings_and_a_large_catalog_lays_out_fast():
    rng = random.Random(7)
    caps = [f"c{i}" for i in range(1000)]
    deps = [Dep(caps[j], rng.randint(1, 4), caps[i], rng.randint(1, 4))
            for j in range(1, 1000) for i in rng.sample(range(j), min(j, 3))]
    began = time.perf_counter()
    result = layout(caps, deps)
    assert time.perf_counter() - began < 5  # generous: the benchmark has the real figure
    import networkx as nx

    graph = nx.DiGraph((d.needs, d.capability) for d in deps)
    unordered = [sorted(layer) for layer in result.layers]
    assert crossings(result.layers, graph) <= crossings(unordered, graph)


def test_a_long_edge_runs_through_a_lane_in_every_layer_it_crosses_and_rows_keep_their_gaps():
    from planner.ui.graph_layout import Bend, place

    deps = [Dep("b", 1, "a", 1), Dep("c", 1, "b", 1), Dep("d", 1, "c", 1), Dep("d", 2, "a", 2), Dep("a", 3, "c", 1),
            Dep("e", 1, "a", 1)]
    result = layout(list("abcde"), deps)
    assert result.layers == [["a"], ["b", "e"], ["c"], ["d"]] or result.layers == [["a"], ["e", "b"], ["c"], ["d"]]
    long = next(link for link in result.links if (link.needs, link.capability) == ("a", "d"))
    assert result.route(long) == ["a", Bend("a", "d", 1), Bend("a", "d", 2), "d"]
    back = next(link for link in result.links if (link.needs, link.capability) == ("c", "a"))
    assert result.back == {("c", "a")} and result.route(back) == ["a", Bend("c", "a", 1), "c"]  # laid out forwards
    assert all(bend in result.rows[bend.layer] for link in result.links for bend in result.route(link)[1:-1])
    centre = place(result, lambda item: 2 if isinstance(item, Bend) else 10, lambda upper, lower: 4)
    for row in result.rows:
        for upper, lower in zip(row, row[1:]):
            size = (2 if isinstance(upper, Bend) else 10) + (2 if isinstance(lower, Bend) else 10)
            assert centre[lower] - centre[upper] >= size / 2 + 4 - 1e-9
    assert centre[Bend("a", "d", 1)] == pytest.approx(centre[Bend("a", "d", 2)], abs=1.5)  # a lane runs (nearly) straight
    assert min(centre[item] - (2 if isinstance(item, Bend) else 10) / 2 for item in centre) == pytest.approx(0)


def test_a_capability_needed_by_many_moves_next_to_the_first_of_them():
    """A prerequisite with no prerequisites of its own sits just before the earliest
    capability that needs it, not in the first layer: its edges get shorter."""
    deps = [Dep("b", 1, "a", 1), Dep("c", 1, "b", 1), Dep("d", 1, "c", 1), Dep("c", 1, "x", 1), Dep("d", 1, "x", 1)]
    result = layout(["a", "b", "c", "d", "x"], deps)
    assert result.position["x"][0] == result.position["c"][0] - 1 == 1


@pytest.fixture
def view(demo_window, qtbot):
    view = shown(qtbot, demo_window, "graph")
    return view


def test_one_node_per_capability_and_selecting_lights_up_its_neighbours(view, qtbot):
    scene = view.scene
    assert set(scene.nodes) == {c.id for c in view.document.catalog.capabilities}
    node = scene.nodes["continuous_training"]
    view.canvas.ensureVisible(node)
    qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.canvas.mapFromScene(node.rect().center()))
    assert view.selected == "continuous_training"
    needs = {e.link.needs for e in scene.edges if e.link.capability == "continuous_training"}
    assert needs and all(scene.nodes[n].opacity() == 1.0 for n in needs)
    labelled = [e for e in scene.edges if e.label is not None]
    assert labelled and all(e.link.capability == "continuous_training" or e.link.needs == "continuous_training"
                            for e in labelled)
    assert any("needs" in e.label.text() for e in labelled)
    assert "Pipeline orchestration at level" in view.panel.text()
    dimmed = [n for n in scene.nodes.values() if n.opacity() < 0.5]
    assert dimmed
    qtbot.keyClick(view.canvas, Qt.Key.Key_Escape)
    assert view.selected is None and all(n.opacity() == 1.0 for n in scene.nodes.values())


def test_a_level_change_recolours_its_node_and_undo_restores(view, qtbot):
    node = view.scene.nodes["feature_store"]
    before = node.fill.name()
    with qtbot.waitSignal(view.refreshed):
        edits.set_level(view.document, "feature_store", 3)
    assert node.fill.name() != before and "now 3" in node.lines[1]
    with qtbot.waitSignal(view.refreshed):
        view.document.undo_stack.undo()
    assert node.fill.name() == before


def test_colour_modes_change_the_legend(view):
    for index in range(view.mode.count()):
        view.mode.setCurrentIndex(index)
        names = [escape(name) for name, _ in legend(view.mode.currentData(), view.document.catalog, _colours(view))]
        assert all(name in view.legend.text() for name in names)
    view.mode.setCurrentIndex(view.mode.findData("dimension"))
    assert "Governance &amp; people" in view.legend.text()


def _colours(view):
    from planner.ui import theme

    return theme.colours(view)


def test_zoom_fit_and_search(view, qtbot):
    scale = view.canvas.transform().m11()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Plus)
    assert view.canvas.transform().m11() == pytest.approx(scale * 1.2)
    assert not view.canvas.auto_fit
    qtbot.keyClick(view.canvas, Qt.Key.Key_F)
    assert view.canvas.transform().m11() == pytest.approx(scale)
    qtbot.mouseClick(view.search, Qt.MouseButton.LeftButton)  # focus the search field, as a user would
    qtbot.keyClicks(view.search, "drift")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.selected == "drift_detection"


def test_double_click_opens_the_assessment(view, demo_window, qtbot):
    node = view.scene.nodes["model_registry"]
    view.canvas.ensureVisible(node)
    qtbot.mouseDClick(view.canvas.viewport(), Qt.MouseButton.LeftButton,
                      pos=view.canvas.mapFromScene(node.rect().center()))
    assert demo_window.workspace.current_name() == "assessment"
    assert demo_window.workspace.view("assessment").detail.cap.id == "model_registry"


def test_the_graph_exports_as_svg(view, demo_window, tmp_path):
    from planner.ui.export import save_chart

    path = save_chart(demo_window, view.charts()[0], tmp_path / "graph.svg")
    text = path.read_text()
    assert "Continuous training" in text and "<path" in text
