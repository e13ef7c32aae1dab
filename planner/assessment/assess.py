"""`assess(catalog, state)`: one pure function from a plan to every score the app shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog.model import Catalog
from .crosswalk import Attainment, crosswalk
from .model import PlanState
from .scoring import Consensus, DimensionScore, consensus, current_levels, dimension_scores
from .targets import Targets, effective_targets


@dataclass(frozen=True)
class Scores:
    assessment: str
    current: dict[str, int | None]  # None: not applicable
    targets: Targets
    dimensions: list[DimensionScore]
    target_dimensions: list[DimensionScore]
    frameworks: list[Attainment]
    consensus: dict[str, Consensus]

    def target(self, capability: str) -> int | None:
        return None if self.current[capability] is None else self.targets.levels[capability]


def assess(catalog: Catalog, state: PlanState, assessment: str | None = None) -> Scores:
    chosen = state.assessment(assessment)
    current = current_levels(catalog, chosen)
    targets = effective_targets(catalog, current, state.targets, state.framework_targets)
    target_levels = {cap: (None if level is None else targets.levels[cap]) for cap, level in current.items()}
    agreed = {cap: c for cap, votes in chosen.votes.items() if (c := consensus(votes)) is not None}
    return Scores(
        assessment=chosen.name,
        current=current,
        targets=targets,
        dimensions=dimension_scores(catalog, current),
        target_dimensions=dimension_scores(catalog, target_levels),
        frameworks=crosswalk(catalog, current, target_levels),
        consensus=agreed,
    )
