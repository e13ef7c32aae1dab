"""What a framework level asks for once the dependencies are followed. A framework
states the capability levels it requires; the catalog's required (non-optional)
dependencies can demand more. Each such difference is either a mistake in an edge or a
place where the framework understates what it takes; `understated` lists them so that a
catalog author can decide which; a framework's `unstated` entries record the ones the catalog
accepts, with the reason."""

from __future__ import annotations

from dataclasses import dataclass

from .graph import required_edges, required_levels
from .model import Catalog


@dataclass(frozen=True)
class Extra:
    """The closure of `framework` level `level` needs `capability` at `closure_level`,
    above the `stated` level (None: the framework does not mention the capability)."""

    framework: str
    level: int
    capability: str
    stated: int | None
    closure_level: int
    because: tuple[str, ...]  # the chain of needs that raises it, in words
    accepted: str = ""  # why the catalog accepts it (the framework's `unstated` entry); "" when unexplained


def stated_levels(catalog: Catalog):
    """(framework, framework level, the capability levels it states with its lower levels)
    for every framework level that states any."""
    for framework in catalog.frameworks:
        for fl in framework.levels:
            stated = framework.cumulative_requirements(fl.level)
            if stated:
                yield framework, fl, stated


def understated(catalog: Catalog) -> list[Extra]:
    """For every framework level, the capability levels its dependency closure needs
    beyond what the framework (with its lower levels) states."""
    out = []
    needs = required_edges(catalog.graph).reverse(copy=False)  # from a requirement to what it needs
    for framework, fl, stated in stated_levels(catalog):
        closed = required_levels(catalog.graph, stated)
        for cap_id, level in sorted(closed.items()):
            floor = stated.get(cap_id)
            if level > (floor if floor is not None else catalog.capability(cap_id).min_level):
                why = next((u.why for u in framework.unstated if u.capability == cap_id and u.level >= level), "")
                out.append(Extra(framework.id, fl.level, cap_id, floor, level,
                                 tuple(_chain(catalog, needs, stated, cap_id, level)), why))
    return out


def _chain(catalog: Catalog, needs, stated: dict[str, int], cap_id: str, level: int) -> list[str]:
    """One path through `needs` (the required dependencies, reversed) from a stated
    requirement down to (cap_id, level)."""
    import networkx as nx

    for start_cap, start_level in stated.items():
        source = (start_cap, start_level)
        if source not in needs or (cap_id, level) not in needs or start_cap == cap_id:
            continue
        try:
            path = nx.shortest_path(needs, source, (cap_id, level))
        except nx.NetworkXNoPath:
            continue
        words = [f"{catalog.capability(path[0][0]).name} at {path[0][1]}"]
        for (a, la), (b, lb) in zip(path, path[1:]):
            if a != b:
                words.append(f"needs {catalog.capability(b).name} at {lb}")
        return words
    return []
