"""The level-qualified dependency graph.

Nodes are `(capability, level)` pairs. An edge points from a prerequisite to what needs
it, so a topological order is a valid build order:

- `(c, l-1) -> (c, l)`: a capability reaches a level only through the one below;
- `(needs, needs_level) -> (capability, level)` for each catalog dependency.

Because a dependency is attached to a level, "continuous training at 4 needs
monitoring at 3" and "monitoring at 2 needs continuous training at 3" can both hold
without a cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:
    import networkx as nx

Node = tuple[str, int]


def cyclic(capabilities: Iterable[Any], dependencies: Iterable[Any]) -> bool:
    """True when the level graph of these capabilities and dependencies has a cycle.
    Plain Python, without networkx: loading a catalog asks this every time, and
    importing networkx takes longer than the whole check (the app's start waits on it).
    A topological sort that cannot take every node has found a cycle."""
    after: dict[Node, list[Node]] = {}
    waiting: dict[Node, int] = {}
    for cap in capabilities:
        previous = None
        for level in cap.levels:
            node = (cap.id, level.level)
            after.setdefault(node, [])
            waiting.setdefault(node, 0)
            if previous is not None:
                after[previous].append(node)
                waiting[node] += 1
            previous = node
    for dep in dependencies:
        source, target = (dep.needs, dep.needs_level), (dep.capability, dep.level)
        after.setdefault(source, []).append(target)
        after.setdefault(target, [])
        waiting[target] = waiting.get(target, 0) + 1
        waiting.setdefault(source, 0)
    ready = [node for node, count in waiting.items() if count == 0]
    taken = 0
    while ready:
        node = ready.pop()
        taken += 1
        for nxt in after[node]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                ready.append(nxt)
    return taken < len(waiting)


def build_graph(capabilities: Iterable[tuple[Any, Any]], dependencies: Iterable[tuple[Any, Any]]) -> nx.DiGraph:
    import networkx as nx

    graph = nx.DiGraph()
    for cap, _ in capabilities:
        previous = None
        for level in cap.levels:
            node = (cap.id, level.level)
            graph.add_node(node, capability=cap.id, level=level.level)
            if previous is not None:
                graph.add_edge(previous, node, kind="step")
            previous = node
    for dep, _ in dependencies:
        graph.add_edge((dep.needs, dep.needs_level), (dep.capability, dep.level), kind="dependency",
                       dependency=dep, optional=dep.optional)
    return graph


def find_cycles(graph: nx.DiGraph, dependencies: Iterable[tuple[Any, Any]]) -> list[tuple[list[Node], Any]]:
    """One cycle per strongly connected component, written as a 'needs' chain from a
    catalog dependency back to itself, with where that dependency is written."""
    import networkx as nx

    dependencies = list(dependencies)
    order = {id(dep): index for index, (dep, _) in enumerate(dependencies)}
    where_of = {id(dep): where for dep, where in dependencies}
    found = []
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        edges = nx.find_cycle(graph.subgraph(component))
        # Start the printed cycle at the catalog dependency written last, the likeliest
        # culprit, and report its line.
        written = [i for i, (u, v) in enumerate(edges) if graph.edges[u, v]["kind"] == "dependency"]
        if not written:
            continue  # only possible with malformed levels, which are reported elsewhere
        start = max(written, key=lambda i: order[id(graph.edges[edges[i]]["dependency"])])
        edges = edges[start:] + edges[:start]
        dep = graph.edges[edges[0]]["dependency"]
        # An edge u -> v reads "v needs u"; walk the cycle backwards to print "needs".
        chain = [edges[0][1], edges[0][0]] + [u for u, _ in reversed(edges[1:])]
        found.append((chain, where_of.get(id(dep))))
    return sorted(found, key=lambda item: str(item[0]))


def required_edges(graph: nx.DiGraph) -> nx.DiGraph:
    """A view of `graph` without its optional dependencies."""
    import networkx as nx

    return nx.subgraph_view(graph, filter_edge=lambda u, v: not graph.edges[u, v].get("optional"))


def required_levels(graph: nx.DiGraph, targets: Mapping[str, int]) -> dict[str, int]:
    """The smallest levels every capability must reach so that each target can be met:
    the targets themselves raised by the prerequisite closure. Optional dependencies do
    not raise anything."""
    import networkx as nx

    required = required_edges(graph)
    needed: dict[str, int] = {}
    for cap, level in targets.items():
        if (cap, level) not in graph:
            continue
        for prereq_cap, prereq_level in nx.ancestors(required, (cap, level)) | {(cap, level)}:
            if prereq_level > needed.get(prereq_cap, -(10**9)):
                needed[prereq_cap] = prereq_level
    return needed
