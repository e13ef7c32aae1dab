"""The roadmap: what `plan_roadmap` returns and every view, the CLI and the PDF render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from .options import Tco
from .settings import Settings


@dataclass(frozen=True)
class WorkItem:
    id: str  # "feature_store:1-2"
    capability: str
    name: str  # "Feature store 1->2"
    dimension: str
    from_level: int
    to_level: int
    approach: str  # build | adopt | buy
    option: str | None  # option id, None when built in-house
    start: int  # period from the plan start
    finish: int  # exclusive
    demand: Mapping[str, float]  # role -> FTE while active
    cost: float  # one-time: effort x rates
    licence_per_year: float  # recurring, added by this step
    operating_per_year: float  # recurring operating effort, in money
    confidence: str
    predecessors: tuple[str, ...]
    why: tuple[str, ...]
    pinned: bool = False
    critical: bool = False
    priority: int = 3

    @property
    def duration(self) -> int:
        return self.finish - self.start


@dataclass(frozen=True)
class Decision:
    capability: str
    approach: str
    option: str | None
    rationale: str
    chosen_by: str  # "you" or "engine"
    tco: float
    alternatives: tuple[tuple[str, str | None, float, str], ...]  # approach, option, TCO, rationale
    excluded: tuple[tuple[str, str], ...] = ()  # option id, why it was not considered


@dataclass(frozen=True)
class Milestone:
    framework: str
    framework_name: str
    level: int
    level_name: str
    reached: int | None  # period at which it is reached; None: the targets do not reach it
    deadline: int | None = None

    @property
    def late(self) -> bool:
        return self.deadline is not None and (self.reached is None or self.reached > self.deadline)


@dataclass(frozen=True)
class Roadmap:
    settings: Settings
    currency: str
    items: tuple[WorkItem, ...]
    decisions: tuple[Decision, ...]
    milestones: tuple[Milestone, ...]
    critical_path: tuple[str, ...]
    makespan: int
    objective: float  # sum of priority x finish of each capability's last step
    lower_bound: float  # no roadmap scores below this on the objective
    makespan_bound: int  # no roadmap finishes earlier
    optimal: bool  # proven optimal on the objective
    method: str
    totals: Tco  # one-time, recurring per year and TCO over the horizon
    usage: Mapping[str, tuple[float, ...]]  # role -> FTE used per period
    spend: tuple[float, ...]  # one-time spend per period
    warnings: tuple[str, ...] = ()
    excluded_items: tuple[str, ...] = ()
    scenario: str | None = None
    bundles: tuple = field(default=())

    @property
    def gap(self) -> float:
        """How much longer the roadmap is than the shortest possible, at most, as a
        fraction of that: (makespan - makespan bound) / makespan bound."""
        if self.makespan_bound <= 0:
            return 0.0
        return max(0.0, (self.makespan - self.makespan_bound) / self.makespan_bound)

    @property
    def mean_completion(self) -> float:
        """Priority-weighted mean of the period in which each capability reaches its
        target: what the objective minimises, in periods."""
        last: dict[str, WorkItem] = {}
        for item in self.items:
            if item.capability not in last or item.to_level > last[item.capability].to_level:
                last[item.capability] = item
        weight = sum(i.priority for i in last.values())
        return sum(i.priority * i.finish for i in last.values()) / weight if weight else 0.0

    def item(self, item_id: str) -> WorkItem:
        return next(i for i in self.items if i.id == item_id)

    def finish_date(self) -> date:
        return self.settings.period_start(self.makespan)


class InfeasiblePlan(Exception):
    """The constraints make the targets impossible. `diagnosis` names each constraint
    at fault and what would fix it."""

    def __init__(self, diagnosis: list[str]):
        self.diagnosis = diagnosis
        super().__init__("the roadmap cannot meet its constraints:\n" + "\n".join(f"- {d}" for d in diagnosis))
