"""Layered layout of the capability dependency graph, without Qt.

The catalog's graph is level-qualified, so at the level of whole capabilities it may
hold cycles ("continuous training at 4 needs monitoring at 3", "monitoring at 2 needs
continuous training at 3"). The layout breaks each such cycle at its latest need (the
dependency asked for at the highest level, which the roadmap meets last), puts every
capability one layer after its latest prerequisite (longest path), and orders each layer
by the barycentre of its neighbours to cut crossings. Broken edges are `Layout.back`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

SWEEPS = 6


@dataclass(frozen=True)
class Link:
    """`capability` needs `needs`: one drawn edge for all their level pairs."""

    needs: str
    capability: str
    pairs: tuple[tuple[int, int, bool, bool, str], ...]  # (level, needs_level, optional, inferred, reason)

    @property
    def optional(self) -> bool:
        return all(p[2] for p in self.pairs)

    @property
    def inferred(self) -> bool:
        return all(p[3] for p in self.pairs)


@dataclass
class Layout:
    layers: list[list[str]]
    links: list[Link]
    back: set[tuple[str, str]] = field(default_factory=set)  # (needs, capability) edges drawn backwards
    position: dict[str, tuple[int, int]] = field(default_factory=dict)  # capability -> (layer, index)

    def __post_init__(self) -> None:
        self.position = {cap: (x, y) for x, layer in enumerate(self.layers) for y, cap in enumerate(layer)}


def links(capabilities: list[str], dependencies) -> list[Link]:
    pairs: dict[tuple[str, str], list] = {}
    known = set(capabilities)
    for dep in dependencies:
        if dep.needs == dep.capability or dep.needs not in known or dep.capability not in known:
            continue
        pairs.setdefault((dep.needs, dep.capability), []).append(
            (dep.level, dep.needs_level, dep.optional, dep.inferred, dep.reason))
    return [Link(needs, cap, tuple(sorted(p))) for (needs, cap), p in pairs.items()]


def layout(capabilities: list[str], dependencies) -> Layout:
    """`capabilities` in catalog order (it breaks ties, so the layout is deterministic)."""
    edges = links(capabilities, dependencies)
    order = {cap: i for i, cap in enumerate(capabilities)}
    graph = nx.DiGraph()
    graph.add_nodes_from(capabilities)
    for link in edges:
        graph.add_edge(link.needs, link.capability, late=max(p[0] for p in link.pairs))
    back = set()
    while True:
        try:
            cycle = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            break
        u, v = max(cycle, key=lambda e: (graph.edges[e]["late"], -order[e[1]]))
        graph.remove_edge(u, v)
        back.add((u, v))
    layer: dict[str, int] = {}
    for cap in nx.lexicographical_topological_sort(graph, key=order.get):
        layer[cap] = max((layer[p] + 1 for p in graph.predecessors(cap)), default=0)
    layers: list[list[str]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for cap in capabilities:
        layers[layer[cap]].append(cap)
    _order_layers(layers, graph, order)
    return Layout(layers, edges, back)


def _order_layers(layers: list[list[str]], graph: nx.DiGraph, order: dict[str, int]) -> None:
    """Barycentre sweeps, left to right and back, keeping the best ordering seen."""
    best, best_crossings = [list(layer) for layer in layers], crossings(layers, graph)
    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        indices = range(1, len(layers)) if forward else range(len(layers) - 2, -1, -1)
        for i in indices:
            fixed = {cap: y for y, cap in enumerate(layers[i - 1 if forward else i + 1])}
            neighbours = graph.predecessors if forward else graph.successors
            keyed = []
            for y, cap in enumerate(layers[i]):
                near = [fixed[n] for n in neighbours(cap) if n in fixed]
                keyed.append((sum(near) / len(near) if near else float(y), order[cap], cap))
            layers[i] = [cap for *_, cap in sorted(keyed)]
        count = crossings(layers, graph)
        if count < best_crossings:
            best, best_crossings = [list(layer) for layer in layers], count
    layers[:] = best


def crossings(layers: list[list[str]], graph: nx.DiGraph) -> int:
    """Edge crossings between adjacent layers (edges spanning more layers are left out)."""
    total = 0
    for left, right in zip(layers, layers[1:]):
        pos_l = {cap: y for y, cap in enumerate(left)}
        pos_r = {cap: y for y, cap in enumerate(right)}
        segments = sorted((pos_l[u], pos_r[v]) for u in left for v in graph.successors(u) if v in pos_r)
        for i, (a1, b1) in enumerate(segments):
            for a2, b2 in segments[i + 1:]:
                if a2 > a1 and b2 < b1:
                    total += 1
    return total
