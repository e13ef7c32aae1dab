"""The generic scheduling problem (RCPSP with time-varying capacities), free of any
catalog or roadmap notion.

Time is in whole periods from 0. An activity started at `s` occupies periods
s .. s+duration-1 and finishes at s+duration (exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Mapping

from .profile import Amounts, Profile

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
    # resource -> capacity per period: a Profile, or one number, or one per period (the
    # last value holds for every later period); kept as Profiles.
    capacities: Mapping[str, Profile | Amounts]
    # "makespan": finish everything as early as possible. "weighted": minimise the sum of
    # weight x finish time, ties broken by makespan.
    objective: str = "makespan"

    def __post_init__(self) -> None:
        object.__setattr__(self, "capacities", {r: Profile.of(v) for r, v in self.capacities.items()})

    def capacity(self, resource: str, period: int) -> float:
        return self.capacities[resource].at(period)


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
    nodes: int = 0  # branch-and-bound nodes the MIP explored
    # The clock guard ended a stage before its work budget did: another machine, or the
    # same one less busy, may give another schedule. Never set when the budgets ended
    # every stage, so a result without it is the same on every machine.
    cut: bool = False

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


@dataclass(frozen=True)
class Reason:
    """Why no schedule exists, as data: `kind` says what is wrong, the other fields say
    with what. `str()` words it for a programmer; the roadmap words it for a user from
    the same fields (roadmap/diagnose.py)."""

    kind: str
    activity: Id = None
    other: Id = None  # the successor, predecessor or second activity concerned
    resource: str | None = None
    amount: float = 0.0  # what is needed
    capacity: float = 0.0  # what there is
    period: int = 0  # a pin, or the period concerned
    periods: int = 0  # a duration, a release or a finish
    activities: tuple = ()  # the activities on a cycle

    def __str__(self) -> str:
        return _WORDS[self.kind].format(r=self, cycle=", ".join(repr(a) for a in self.activities))


_WORDS = {
    "duplicate_id": "two activities share the id {r.activity!r}",
    "unknown_successor": "activity {r.activity!r} names an unknown successor {r.other!r}",
    "unknown_resource": "activity {r.activity!r} needs resource {r.resource!r}, which has no capacity defined",
    "above_peak": "activity {r.activity!r} needs {r.amount:g} of {r.resource!r} per period, but its capacity "
                  "is never above {r.capacity:g}",
    "no_window": "activity {r.activity!r} needs {r.amount:g} of {r.resource!r} for {r.periods} periods in a row, "
                 "and the capacity never allows that",
    "cycle": "the precedences form a cycle through {cycle}",
    "no_room": "activity {r.activity!r} finds no room: what it needs is only available early on, and other "
               "activities take that room first",
    "pin_before_release": "activity {r.activity!r} is pinned to start at {r.period}, before its release at "
                          "{r.periods}",
    "pin_before_predecessor": "activity {r.activity!r} is pinned to start at {r.period}, but its predecessor "
                              "{r.other!r} cannot finish before {r.periods}",
    "pin_after_capacity": "activity {r.activity!r} pinned at {r.period} starts before its predecessor {r.other!r} "
                          "finishes (at {r.periods}) with the capacity available",
    "pins_over_capacity": "the pinned activities need {r.amount:g} of {r.resource!r} in period {r.period}, "
                          "above its capacity {r.capacity:g}",
    "exact_infeasible": "the exact solver proved that no schedule meets the pins, releases and capacities",
}


class InfeasibleProblem(Exception):
    """No schedule exists. `reasons` says why: one `Reason` each, naming activities and
    resources."""

    def __init__(self, reasons: list[Reason]):
        self.reasons = reasons
        super().__init__("; ".join(str(r) for r in reasons))
