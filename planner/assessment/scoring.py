"""Levels from criteria, consensus of votes, and scores per dimension.

Rule for "not applicable": a capability marked not applicable has no level. It is left
out of every average, and any framework requirement on it counts as met (see
crosswalk.py). Its target is ignored.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Mapping

from ..catalog.model import Capability, Catalog
from .model import Assessment, Entry, Vote

DISAGREEMENT_SPREAD = 2


def level_from_criteria(capability: Capability, met: frozenset[tuple[int, int]]) -> int:
    """The highest level whose criteria, and those of every lower level, are all met."""
    reached = capability.min_level
    for level in capability.levels[1:]:
        if all((level.level, i) in met for i in range(len(level.criteria))):
            reached = level.level
        else:
            break
    return reached


@dataclass(frozen=True)
class Consensus:
    median: float
    level: int  # the median, rounded down to a level
    spread: int  # highest vote minus lowest
    count: int

    @property
    def disagreement(self) -> bool:
        return self.spread >= DISAGREEMENT_SPREAD


def consensus(votes: tuple[Vote, ...]) -> Consensus | None:
    if not votes:
        return None
    levels = [v.level for v in votes]
    return Consensus(float(statistics.median(levels)), statistics.median_low(levels),
                     max(levels) - min(levels), len(levels))


def entry_level(capability: Capability, entry: Entry | None) -> int | None:
    """The assessed level: picked directly, else derived from criteria; None if not
    applicable or never assessed."""
    if entry is None or entry.not_applicable:
        return None
    if entry.level is not None:
        return entry.level
    return level_from_criteria(capability, entry.criteria_met)


def current_levels(catalog: Catalog, assessment: Assessment) -> dict[str, int | None]:
    """capability -> current level. Not applicable: None. Not assessed: the vote
    consensus if there are votes, else the lowest level."""
    levels: dict[str, int | None] = {}
    for cap in catalog.capabilities:
        entry = assessment.entries.get(cap.id)
        if entry is not None and entry.not_applicable:
            levels[cap.id] = None
        elif entry is not None and (entry.level is not None or entry.criteria_met):
            levels[cap.id] = entry_level(cap, entry)
        elif (agreed := consensus(assessment.votes.get(cap.id, ()))) is not None:
            levels[cap.id] = agreed.level
        else:
            levels[cap.id] = cap.min_level
    return levels


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    name: str
    mean_level: float | None  # None when every capability is not applicable
    percent: float | None  # mean level as a share of the scale, 0-100
    capabilities: int  # applicable capabilities counted


def dimension_scores(catalog: Catalog, levels: Mapping[str, int | None]) -> list[DimensionScore]:
    scores = [_score(catalog, d.id, d.name, [c for c in catalog.capabilities if c.dimension == d.id], levels)
              for d in catalog.dimensions]
    scores.append(_score(catalog, "overall", "Overall", list(catalog.capabilities), levels))
    return scores


def _score(catalog: Catalog, dim_id: str, name: str, caps: list[Capability],
           levels: Mapping[str, int | None]) -> DimensionScore:
    values = [levels[c.id] for c in caps if levels.get(c.id) is not None]
    if not values:
        return DimensionScore(dim_id, name, None, None, 0)
    mean = sum(values) / len(values)
    span = catalog.scale.last - catalog.scale.first
    return DimensionScore(dim_id, name, round(mean, 2), round(100 * (mean - catalog.scale.first) / span, 1),
                          len(values))
