"""The roadmap: what `plan_roadmap` returns and every view, the CLI and the PDF render."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from .. import words
from .options import Tco
from .settings import Settings


@dataclass(frozen=True)
class WorkItem:
    id: str  # a StepId: "feature_store:1-2"
    capability: str
    name: str  # "Feature store 1→2"
    dimension: str
    from_level: int
    to_level: int
    approach: str  # build | adopt | buy
    option: str | None  # option id, None when built in-house
    start: int  # period from the plan start
    finish: int  # exclusive: the step's last period is finish - 1
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
    start_date: date | None = None  # the first day of its first period
    end_date: date | None = None  # the last day of its last period
    status: str = ""  # "done" or "started" when progress says so (roadmap/progress.py)
    baseline: tuple[int, int] | None = None  # (start, finish) in the baseline, when it has the step

    @property
    def slip(self) -> int | None:
        """Periods it finishes later than in the baseline (negative: earlier); None
        without a baseline for it."""
        return None if self.baseline is None else self.finish - self.baseline[1]

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
    # The period in which it is reached: the last period of its last step (see
    # planner/words.py). None: the targets do not reach it.
    reached: int | None
    deadline: int | None = None  # the period by whose end it must be reached
    date: date | None = None  # the day it is reached: the last day of period `reached`
    quarter: str | None = None  # the quarter that holds period `reached`

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
    status_date: date | None = None  # set when progress is recorded: what is left starts from it
    status_period: int = 0  # the period what is left starts in (the status date's, or a later day recorded)
    dropped_items: tuple[str, ...] = ()  # steps progress marks dropped
    baseline_taken: str = ""  # the day the baseline the steps compare with was taken
    bundles: tuple = field(default=())
    # The clock guard ended the improvement before its work budget: on another machine the
    # roadmap may differ. False whenever the counted work ended every stage.
    cut: bool = False
    improved: bool = True  # False: the instant heuristic alone
    schedules: int = 0  # work done: schedules generated ...
    nodes: int = 0  # ... and branch-and-bound nodes explored

    @property
    def complete(self) -> bool:
        """Improved through all its counted work: the same roadmap on every machine."""
        return self.improved and not self.cut

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

    @property
    def end_date(self) -> date:
        """The last day of the roadmap's last period."""
        return words.last_day(self.settings, words.last_period(self.makespan))


class InfeasiblePlan(Exception):
    """The constraints make the targets impossible. `diagnosis` names each constraint
    at fault and what would fix it."""

    def __init__(self, diagnosis: list[str]):
        self.diagnosis = diagnosis
        super().__init__("the roadmap cannot meet its constraints:\n" + "\n".join(f"- {d}" for d in diagnosis))
