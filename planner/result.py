"""One computed plan: the scores, the framework attainment, the roadmap (or why there is
none) with its milestones and their dates, totals, warnings and proof state. It is
computed once per plan state and handed to every output: the dashboard, the roadmap view,
the CLI's text and JSON, the PDF, the workshop PDF and the CSV render it and compute
nothing of their own. Dates and words come from planner/words.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from . import words
from .assessment.assess import Scores, assess
from .assessment.model import PlanState
from .catalog.model import Catalog
from .roadmap.engine import plan_roadmap
from .roadmap.model import InfeasiblePlan, Milestone, Roadmap


@dataclass(frozen=True)
class PlanResult:
    catalog: Catalog
    state: PlanState
    scores: Scores
    roadmap: Roadmap | None  # None when the constraints make the targets impossible
    diagnosis: tuple[str, ...]  # why there is no roadmap
    scenario: str | None = None  # the scenario whose roadmap this is (None: the plan's own)
    today: date | None = None  # the day it was computed

    @property
    def frameworks(self):
        """Where the organisation stands on every framework scale, now and at target."""
        return self.scores.frameworks

    @property
    def milestones(self) -> tuple[Milestone, ...]:
        return () if self.roadmap is None else self.roadmap.milestones

    @property
    def warnings(self) -> tuple[str, ...]:
        return () if self.roadmap is None else self.roadmap.warnings

    @property
    def proof(self) -> str:
        """How good the roadmap is, in words ('' without a roadmap)."""
        return "" if self.roadmap is None else words.proof(self.roadmap)

    @property
    def complete(self) -> bool:
        """Nothing more to compute: the roadmap went through all its counted work, or
        there is no roadmap to improve."""
        return self.roadmap is None or self.roadmap.complete

    def with_roadmap(self, roadmap: Roadmap | None, diagnosis: tuple[str, ...] = ()) -> "PlanResult":
        """The same plan with another roadmap of it (the improved one, say)."""
        return PlanResult(self.catalog, self.state, self.scores, roadmap, tuple(diagnosis), self.scenario, self.today)


def compute(catalog: Catalog, state: PlanState, scenario: str | None = None, *, improve: bool = True,
            exact: bool = False, today: date | None = None, stop: Callable[[], bool] | None = None,
            scores: Scores | None = None) -> PlanResult:
    """The plan's result (or one of its scenarios'). `scores`, when given, are the
    assessment of `state` already computed."""
    scores = assess(catalog, state) if scores is None else scores
    today = today or date.today()
    roadmap, diagnosis = plan(catalog, state, scenario, improve=improve, exact=exact, today=today, stop=stop,
                              scores=scores)
    return PlanResult(catalog, state, scores, roadmap, diagnosis, scenario, today)


def plan(catalog: Catalog, state: PlanState, scenario: str | None = None, **options
         ) -> tuple[Roadmap | None, tuple[str, ...]]:
    """The roadmap and no diagnosis, or no roadmap and the diagnosis."""
    try:
        return plan_roadmap(catalog, state, scenario, **options), ()
    except InfeasiblePlan as exc:
        return None, tuple(exc.diagnosis)
