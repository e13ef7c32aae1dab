"""The catalog's domain objects: plain frozen dataclasses, built once by the loader.

Everything here is immutable. Collections are tuples, and lookups by id go through the
`Catalog` helpers, so a loaded catalog can be shared freely between the UI, the roadmap
engine and the report without anyone changing it underneath the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:
    import networkx as nx

APPROACHES = ("build", "adopt", "buy")
HOSTINGS = (
    "self-hosted",
    "saas",
    "managed-aws",
    "managed-gcp",
    "managed-azure",
    "managed-databricks",
    "customer-cloud",  # run by the vendor inside the customer's own cloud account ("bring your own cloud")
)
STATUSES = ("active", "limited-maintenance", "inactive", "discontinued")
CONFIDENCES = ("low", "medium", "high")
OPTION_KINDS = ("tool", "platform")


@dataclass(frozen=True)
class Scale:
    """The level scale shared by every capability: `first` is the lowest level."""

    first: int
    names: tuple[str, ...]

    @property
    def last(self) -> int:
        return self.first + len(self.names) - 1

    @property
    def levels(self) -> range:
        return range(self.first, self.last + 1)

    def name(self, level: int) -> str:
        return self.names[level - self.first]

    def __contains__(self, level: object) -> bool:
        return isinstance(level, int) and self.first <= level <= self.last


@dataclass(frozen=True)
class Named:
    """Something with an id, a display name and an optional description."""

    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Role(Named):
    """A kind of work. `team_cap`: the most FTE of it that can usefully work on one step
    at once (an estimate; a plan can override it); None: no cap."""

    team_cap: float | None = None


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str = ""


@dataclass(frozen=True)
class Level:
    level: int
    descriptor: str
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True)
class Capability:
    id: str
    name: str
    dimension: str
    summary: str
    levels: tuple[Level, ...]
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def max_level(self) -> int:
        return self.levels[-1].level

    @property
    def min_level(self) -> int:
        return self.levels[0].level

    def level(self, number: int) -> Level:
        return self.levels[number - self.min_level]


@dataclass(frozen=True)
class Dependency:
    """`capability` at level >= `level` needs `needs` at level >= `needs_level`."""

    capability: str
    level: int
    needs: str
    needs_level: int
    reason: str
    source: str
    inferred: bool = False
    optional: bool = False  # recommended, not required: targets are not raised by it

    @property
    def key(self) -> tuple[str, int, str, int]:
        return (self.capability, self.level, self.needs, self.needs_level)


@dataclass(frozen=True)
class Requirement:
    capability: str
    level: int
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class FrameworkLevel:
    level: int
    name: str
    summary: str
    requires: tuple[Requirement, ...] = ()


@dataclass(frozen=True)
class Unstated:
    """A capability level a framework's levels need through the dependencies but do not
    state, and why the catalog accepts that rather than changing an edge."""

    capability: str
    level: int
    why: str


@dataclass(frozen=True)
class Framework:
    """A maturity scale. A framework level is reached when its requirements and those
    of every lower level are met."""

    id: str
    name: str
    source: str
    description: str
    levels: tuple[FrameworkLevel, ...]
    unstated: tuple[Unstated, ...] = ()

    def cumulative_requirements(self, level: int) -> dict[str, int]:
        """capability -> minimum level needed to reach framework `level`."""
        needed: dict[str, int] = {}
        for fl in self.levels:
            if fl.level > level:
                break
            for req in fl.requires:
                needed[req.capability] = max(needed.get(req.capability, req.level), req.level)
        return needed


@dataclass(frozen=True)
class Option:
    id: str
    name: str
    vendor: str
    kind: str
    licence: str
    open_source: bool
    hosting: tuple[str, ...]
    status: str
    status_as_of: date
    summary: str
    covers: Mapping[str, int]
    status_note: str = ""
    status_evidence: str = ""  # what the status rests on: the last release or commit, and where
    owner: str = ""  # who owns the project now, where an acquisition changed it
    owner_secondary: bool = False  # the owner claim comes from press or third-party pages
    paid_production_use: bool = False  # the licence's use grant excludes a company's production use
    use_grant: str = ""  # a source-available licence's terms for production use, in words

    @property
    def approach(self) -> str:
        """'adopt' for a tool whose code is free to self-host and run in production (open
        source, or source-available with a use grant that allows it); 'buy' for a
        proprietary product, SaaS or managed service, and for code whose licence needs a
        paid licence for a company's production use."""
        free = self.licence != "proprietary" and not self.paid_production_use
        return "adopt" if free and "self-hosted" in self.hosting else "buy"


@dataclass(frozen=True)
class Estimate:
    """Effort and cost of one level step (`to_level - 1` -> `to_level`) by one approach.
    Every figure is an editable estimate, never a fact."""

    capability: str
    to_level: int
    approach: str
    effort: Mapping[str, float]
    licence_per_year: float
    operating_weeks_per_year: float
    lead_time_weeks: float
    basis: str
    confidence: str

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.capability, self.to_level, self.approach)

    @property
    def person_weeks(self) -> float:
        return sum(self.effort.values())


@dataclass(frozen=True)
class CatalogInfo:
    id: str
    title: str
    version: str
    facts_as_of: date
    currency: str = "USD"
    description: str = ""


@dataclass(frozen=True)
class Catalog:
    info: CatalogInfo
    scale: Scale
    dimensions: tuple[Named, ...]
    tags: tuple[Named, ...]
    roles: tuple[Role, ...]
    sources: tuple[Source, ...]
    risks: tuple[Named, ...]
    capabilities: tuple[Capability, ...]
    dependencies: tuple[Dependency, ...]
    frameworks: tuple[Framework, ...]
    options: tuple[Option, ...]
    estimates: tuple[Estimate, ...]

    @property
    def graph(self) -> nx.DiGraph:
        """The level-qualified dependency graph (see graph.py), built on first use."""
        if "_graph" not in self.__dict__:
            from .graph import build_graph

            self.__dict__["_graph"] = build_graph(((c, None) for c in self.capabilities),
                                                  ((d, None) for d in self.dependencies))
        return self.__dict__["_graph"]

    def capability(self, cap_id: str) -> Capability:
        return self._index("capabilities")[cap_id]

    def option(self, option_id: str) -> Option:
        return self._index("options")[option_id]

    def framework(self, framework_id: str) -> Framework:
        return self._index("frameworks")[framework_id]

    def estimate(self, cap_id: str, to_level: int, approach: str) -> Estimate | None:
        return self._index("estimates").get((cap_id, to_level, approach))

    def options_for(self, cap_id: str) -> tuple[Option, ...]:
        cache = self.__dict__.setdefault("_options_for", {})
        if not cache:
            for option in self.options:
                for covered in option.covers:
                    cache.setdefault(covered, []).append(option)
            cache.update({key: tuple(found) for key, found in cache.items()})
        return cache.get(cap_id, ())

    def counts(self) -> dict[str, int]:
        return {
            "capabilities": len(self.capabilities),
            "dependencies": len(self.dependencies),
            "frameworks": len(self.frameworks),
            "options": len(self.options),
            "estimates": len(self.estimates),
        }

    def _index(self, name: str) -> dict:
        cache = self.__dict__.setdefault("_indexes", {})
        if name not in cache:
            items = getattr(self, name)
            cache[name] = {getattr(i, "key", None) or i.id: i for i in items}
        return cache[name]
