"""Layered layout of the capability dependency graph, without Qt.

The catalog's graph is level-qualified, so at the level of whole capabilities it may
hold cycles ("continuous training at 4 needs monitoring at 3", "monitoring at 2 needs
continuous training at 3"). The layout breaks each such cycle at its latest need (the
dependency asked for at the highest level, which the roadmap meets last), puts every
capability one layer after its latest prerequisite (longest path), and orders each layer
by the barycentre of its neighbours to cut crossings. Broken edges are `Layout.back`;
they are laid out as if they ran forwards, and drawn pointing back.

An edge that spans several layers passes through a `Bend` in each layer it crosses. The
bends are ordered with the capabilities, so a long edge runs in a lane between the nodes
of a layer instead of behind them, and its crossings are counted and cut like any other.
`place` then gives every capability and bend a vertical centre: near the mean of its
neighbours, so edges run straight where they can, in the order the sweeps found.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

import networkx as nx

SWEEPS = 8
ROUNDS = 4  # placement sweeps down and up
STRAIGHT = 8.0  # how much more a lane pulls on the next lane of its edge than on a node: long edges run straight


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


@dataclass(frozen=True)
class Bend:
    """Where the edge `capability` needs `needs` crosses layer `layer`."""

    needs: str
    capability: str
    layer: int


@dataclass
class Layout:
    layers: list[list[str]]
    links: list[Link]
    back: set[tuple[str, str]] = field(default_factory=set)  # (needs, capability) edges drawn backwards
    rows: list[list[Hashable]] = field(default_factory=list)  # each layer's capabilities and bends, in order
    position: dict[str, tuple[int, int]] = field(default_factory=dict)  # capability -> (layer, index)

    def __post_init__(self) -> None:
        self.position = {cap: (x, y) for x, layer in enumerate(self.layers) for y, cap in enumerate(layer)}
        if not self.rows:
            self.rows = [list(layer) for layer in self.layers]
        self._layer = {cap: x for cap, (x, _) in self.position.items()}

    def route(self, link: Link) -> list[Hashable]:
        """The capabilities and bends `link` runs through, from its earlier layer to its
        later one (for a back edge: from the capability to what it needs)."""
        return _route(link, self._layer)

    def segments(self) -> list[tuple[Hashable, Hashable]]:
        """Every piece of every edge, between neighbouring layers, left to right."""
        return [pair for link in self.links for pair in _pairs(self.route(link))]

    def implied(self) -> set[tuple[str, str]]:
        """The (needs, capability) edges a longer path of forward edges already implies:
        with "B needs A" and "C needs B", "C needs A" says nothing more about the order.
        The graph draws them only for the capability in focus, or on request."""
        forward = nx.DiGraph(pair for pair in ((link.needs, link.capability) for link in self.links)
                             if pair not in self.back)
        return set(forward.edges) - set(nx.transitive_reduction(forward).edges)


def _route(link: Link, layer: dict[str, int]) -> list[Hashable]:
    first, last = ((link.needs, link.capability) if layer[link.needs] <= layer[link.capability]
                   else (link.capability, link.needs))
    return [first, *(Bend(link.needs, link.capability, x) for x in range(layer[first] + 1, layer[last])), last]


def _pairs(route: list) -> list[tuple]:
    return list(zip(route, route[1:]))


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
    for u, v in sorted(back, key=lambda e: (order[e[0]], order[e[1]])):
        if not nx.has_path(graph, u, v):  # reversed, it keeps the graph acyclic: lay it out forwards
            graph.add_edge(v, u)
    layer = _layers(graph, order)
    items: list[Hashable] = list(capabilities)  # capabilities, then bends: the index is the item
    rows: list[list[int]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for i, cap in enumerate(capabilities):
        rows[layer[cap]].append(i)
    succ: list[list[int]] = [[] for _ in items]
    pred: list[list[int]] = [[] for _ in items]
    for link in edges:
        route = _route(link, layer)
        index = [order[route[0]]]
        for bend in route[1:-1]:
            index.append(len(items))
            rows[bend.layer].append(len(items))
            items.append(bend)
            succ.append([])
            pred.append([])
        index.append(order[route[-1]])
        for u, v in zip(index, index[1:]):
            succ[u].append(v)
            pred[v].append(u)
    _order_layers(rows, pred, succ)
    named = [[items[i] for i in row] for row in rows]
    return Layout([[item for item in row if not isinstance(item, Bend)] for row in named], edges, back, named)


def _layers(graph: nx.DiGraph, order: dict[str, int]) -> dict[str, int]:
    """Each capability one layer after its latest prerequisite (longest path); then, from
    the right, a capability that more need than it needs moves right as far as what needs
    it allows (towards the network-simplex layering): its edges get shorter, so fewer of
    them cross layers, and the graph keeps its number of layers."""
    layer: dict[str, int] = {}
    ranked = list(nx.lexicographical_topological_sort(graph, key=order.get))
    for cap in ranked:
        layer[cap] = max((layer[p] + 1 for p in graph.predecessors(cap)), default=0)
    moved = True
    while moved:
        moved = False
        for cap in reversed(ranked):
            if graph.out_degree(cap) > graph.in_degree(cap):
                room = min(layer[s] for s in graph.successors(cap)) - 1
                if room > layer[cap]:
                    layer[cap], moved = room, True
    return layer


def _order_layers(rows: list[list[int]], pred: list[list[int]], succ: list[list[int]]) -> None:
    """Barycentre sweeps, left to right and back, keeping the best ordering seen; ties
    keep the item order (catalog order, then bends)."""
    best, best_crossings = [list(row) for row in rows], _crossings(rows, succ)
    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        indices = range(1, len(rows)) if forward else range(len(rows) - 2, -1, -1)
        neighbours = pred if forward else succ
        for i in indices:
            fixed = {item: y for y, item in enumerate(rows[i - 1 if forward else i + 1])}
            keyed = []
            for y, item in enumerate(rows[i]):
                near = [fixed[n] for n in neighbours[item] if n in fixed]
                keyed.append((sum(near) / len(near) if near else float(y), item))
            keyed.sort()
            rows[i] = [item for _, item in keyed]
        count = _crossings(rows, succ)
        if count < best_crossings:
            best, best_crossings = [list(row) for row in rows], count
    rows[:] = best
    _transpose(rows, pred, succ)


def _transpose(rows: list[list[int]], pred: list[list[int]], succ: list[list[int]], passes: int = 4) -> None:
    """Swap neighbours in a row while that cuts the crossings of their edges."""
    for _ in range(passes):
        improved = False
        for i, row in enumerate(rows):
            sides = []
            if i:
                sides.append(({item: y for y, item in enumerate(rows[i - 1])}, pred))
            if i + 1 < len(rows):
                sides.append(({item: y for y, item in enumerate(rows[i + 1])}, succ))
            for j in range(len(row) - 1):
                upper, lower = row[j], row[j + 1]
                kept = swapped = 0
                for position, near in sides:
                    ups = [position[n] for n in near[upper]]
                    downs = [position[n] for n in near[lower]]
                    kept += sum(1 for a in ups for b in downs if a > b)
                    swapped += sum(1 for a in ups for b in downs if a < b)
                if swapped < kept:
                    row[j], row[j + 1] = lower, upper
                    improved = True
        if not improved:
            return


def crossings(layers: list[list], graph: nx.DiGraph) -> int:
    """Edge crossings between adjacent layers (edges spanning more layers are left out,
    unless they run through bends)."""
    index = {item: i for i, item in enumerate(item for layer in layers for item in layer)}
    rows = [[index[item] for item in layer] for layer in layers]
    succ: list[list[int]] = [[] for _ in index]
    for left, right in zip(layers, layers[1:]):
        there = set(right)
        for item in left:
            if item in graph:
                succ[index[item]] = [index[v] for v in graph.successors(item) if v in there]
    return _crossings(rows, succ)


def _crossings(rows: list[list[int]], succ: list[list[int]]) -> int:
    """The inversions among the edges' right ends, taken in the order of their left ends
    (and, from one left end, top to bottom), counted with a Fenwick tree. Every edge runs
    between neighbouring rows."""
    total = 0
    position = [0] * len(succ)
    for row in rows:
        for y, item in enumerate(row):
            position[item] = y
    for left, right in zip(rows, rows[1:]):
        size = len(right)
        tree = [0] * (size + 1)
        seen = 0
        for u in left:
            for b in sorted(position[v] for v in succ[u]):
                i, at_most = b + 1, 0
                while i > 0:
                    at_most += tree[i]
                    i -= i & -i
                total += seen - at_most  # earlier edges ending lower down cross this one
                seen += 1
                i = b + 1
                while i <= size:
                    tree[i] += 1
                    i += i & -i
    return total


def place(result: Layout, size: Callable[[Hashable], float], gap: Callable[[Hashable, Hashable], float],
          rounds: int = ROUNDS) -> dict[Hashable, float]:
    """The vertical centre of every capability and bend. `size(item)` is its height and
    `gap(upper, lower)` the least space between neighbours in a row. Each row starts packed
    and centred; then sweeps down and up pull every item towards the mean of its neighbours
    in the row before (or after), as close as the row's order and gaps allow (a least-squares
    fit, by pooling adjacent violators). The top is at 0."""
    items = [item for row in result.rows for item in row]
    index = {item: i for i, item in enumerate(items)}
    rows = [[index[item] for item in row] for row in result.rows]
    before: list[list[int]] = [[] for _ in items]
    after: list[list[int]] = [[] for _ in items]
    for u, v in result.segments():
        after[index[u]].append(index[v])
        before[index[v]].append(index[u])
    both = [b + a for b, a in zip(before, after)]
    height = [size(item) for item in items]
    offsets = []  # per row: each item's least distance below the row's first
    for row in rows:
        at, column = 0.0, []
        for i, item in enumerate(row):
            if i:
                at += (height[row[i - 1]] + height[item]) / 2 + gap(items[row[i - 1]], items[item])
            column.append(at)
        offsets.append(column)
    extent = [column[-1] + (height[row[0]] + height[row[-1]]) / 2 if row else 0.0 for row, column in zip(rows, offsets)]
    tallest = max(extent, default=0.0)
    centre = [0.0] * len(items)
    for row, column, tall in zip(rows, offsets, extent):
        if row:
            top = (tallest - tall) / 2 + height[row[0]] / 2
            for item, at in zip(row, column):
                centre[item] = top + at

    lane = [isinstance(item, Bend) for item in items]

    def settle(number: int, sides: list[list[int]]) -> None:
        row, column = rows[number], offsets[number]
        targets, weights = [], []
        for item, at in zip(row, column):
            pull = [(centre[n], STRAIGHT if lane[item] and lane[n] else 1.0) for n in sides[item]]
            if pull:
                weight = sum(w for _, w in pull)
                targets.append(sum(y * w for y, w in pull) / weight - at)
                weights.append(weight)
            else:
                targets.append(centre[item] - at)
                weights.append(0.25)
        for item, z, at in zip(row, _monotone(targets, weights), column):
            centre[item] = z + at

    for _ in range(rounds):
        for number in range(1, len(rows)):
            settle(number, before)
        for number in range(len(rows) - 2, -1, -1):
            settle(number, after)
    for number in range(len(rows)):
        settle(number, both)
    top = min((centre[i] - height[i] / 2 for i in range(len(items))), default=0.0)
    return {item: centre[i] - top for i, item in enumerate(items)}


def _monotone(targets: list[float], weights: list[float]) -> list[float]:
    """The non-decreasing sequence nearest `targets` in weighted least squares."""
    blocks: list[list[float]] = []  # [value, weight, count]
    for target, weight in zip(targets, weights):
        blocks.append([target, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            value, w, n = blocks.pop()
            last = blocks[-1]
            last[0] = (last[0] * last[1] + value * w) / (last[1] + w)
            last[1] += w
            last[2] += n
    return [value for value, _, n in blocks for _ in range(int(n))]
