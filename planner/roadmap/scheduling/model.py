"""The generic scheduling problem (RCPSP with time-varying capacities), free of any
catalog or roadmap notion.

Time is in whole periods from 0. An activity started at `s` occupies periods
s .. s+duration-1 and finishes at s+duration (exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Mapping, Sequence

Id = Hashable

OBJECTIVES = ("makespan", "weighted")


@dataclass(frozen=True)
class Mode:
    """Another way to carry out an activity: e.g. a smaller team over a longer time. Its
    work (demand x duration) should be no less than the activity's own, so that the
    lower bounds computed from the activity's own duration stay valid. A mode that needs
    more than a capacity profile's last value (the capacity for good) is left out."""

    duration: int
    demands: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Activity:
    id: Id
    duration: int
    demands: Mapping[str, float] = field(default_factory=dict)  # resource -> amount per period while active
    successors: tuple[Id, ...] = ()
    release: int = 0  # earliest start
    fixed_start: int | None = None  # pinned: starts exactly here
    weight: float = 0.0  # weight of its finish time in the "weighted" objective
    # Other modes the scheduler may choose instead (duration and demands above are the
    # first mode, and must be the shortest).
    modes: tuple[Mode, ...] = ()


@dataclass(frozen=True)
class Problem:
    activities: tuple[Activity, ...]
    # resource -> capacity per period: one number, or one per period (the last value
    # holds for every later period).
    capacities: Mapping[str, float | Sequence[float]]
    # "makespan": finish everything as early as possible. "weighted": minimise the sum of
    # weight x finish time, ties broken by makespan.
    objective: str = "makespan"

    def capacity(self, resource: str, period: int) -> float:
        cap = self.capacities[resource]
        if isinstance(cap, (int, float)):
            return cap
        return cap[min(period, len(cap) - 1)] if cap else 0.0


@dataclass(frozen=True)
class Schedule:
    starts: Mapping[Id, int]
    makespan: int
    objective: float
    lower_bound: float  # no feasible schedule scores below this
    optimal: bool  # proven: by the exact solver, or by objective == lower bound
    method: str  # e.g. "heuristic", "genetic", "cp-sat"
    schedules_evaluated: int = 0
    makespan_bound: int = 0  # no schedule finishes earlier (critical path and resource work)
    durations: Mapping[Id, int] = field(default_factory=dict)  # chosen, where another mode than the first was

    @property
    def makespan_gap(self) -> float:
        """How much later than the earliest possible finish, as a fraction."""
        if self.makespan_bound <= 0:
            return 0.0
        return max(0.0, (self.makespan - self.makespan_bound) / self.makespan_bound)

    @property
    def gap(self) -> float:
        """How much worse than the lower bound, as a fraction (0.05 = at most 5% worse
        than the best possible)."""
        if self.optimal or self.lower_bound <= 0:
            return 0.0
        return max(0.0, (self.objective - self.lower_bound) / self.lower_bound)


class InfeasibleProblem(Exception):
    """No schedule exists. `reasons` says why, one sentence each, naming activities and
    resources."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("; ".join(reasons))
