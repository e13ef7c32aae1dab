"""Workshop sessions, without Qt: the order a room walks through the capabilities, each
capability's dependencies in words, what a vote round adds to the plan, and where teams
that scored on separate laptops disagree."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping

from .. import words
from ..catalog.model import Catalog
from .model import Vote
from .scoring import DISAGREEMENT_SPREAD, consensus

ANONYMOUS = "Anonymous"
TEAM_SEPARATOR = " / "  # an imported team's participant: "Team Berlin / Anja"


def agenda(catalog: Catalog) -> list[str]:
    """Capability ids in the order a room walks through them: dimension by dimension, in
    the catalog's order."""
    order = {dim.id: index for index, dim in enumerate(catalog.dimensions)}
    ranked = sorted(enumerate(catalog.capabilities),
                    key=lambda pair: (order.get(pair[1].dimension, len(order)), pair[0]))
    return [cap.id for _, cap in ranked]


def needs_in_words(catalog: Catalog, cap_id: str) -> list[str]:
    """What the capability needs, one line per level-qualified dependency:
    "Level 2 needs Pipeline orchestration at level 2"."""
    lines = []
    deps = [d for d in catalog.dependencies if d.capability == cap_id]
    for dep in sorted(deps, key=lambda d: (d.level, d.needs)):
        optional = " (recommended)" if dep.optional else ""
        lines.append(f"Level {dep.level} needs {catalog.capability(dep.needs).name} at level {dep.needs_level}{optional}")
    return lines


def needed_by_in_words(catalog: Catalog, cap_id: str) -> list[str]:
    """What needs the capability: "Continuous training at level 2 needs level 2"."""
    lines = []
    deps = [d for d in catalog.dependencies if d.needs == cap_id]
    for dep in sorted(deps, key=lambda d: (d.needs_level, d.capability)):
        optional = " (recommended)" if dep.optional else ""
        lines.append(f"{catalog.capability(dep.capability).name} at level {dep.level} needs level {dep.needs_level}"
                     f"{optional}")
    return lines


@dataclass(frozen=True)
class Round:
    """One vote round on one capability: named votes and anonymous counts per level."""

    named: Mapping[str, int]
    counts: Mapping[int, int]

    def votes(self) -> tuple[Vote, ...]:
        """Named votes first, then the anonymous ones as "Anonymous 1", "Anonymous 2"...
        from the lowest level up."""
        votes = [Vote(name, level, "workshop vote") for name, level in self.named.items()]
        number = 0
        for level in sorted(self.counts):
            for _ in range(self.counts[level]):
                number += 1
                votes.append(Vote(f"{ANONYMOUS} {number}", level, "workshop vote, anonymous"))
        return tuple(votes)

    @property
    def size(self) -> int:
        return len(self.named) + sum(self.counts.values())

    def summary(self, scale_name=lambda level: "") -> str:
        """The round in words, kept as an evidence note."""
        votes = self.votes()
        result = consensus(votes)
        if result is None:
            return "Vote round: no votes"
        parts = tally_in_words(Counter(v.level for v in votes))
        flag = "; the room disagrees (2 or more levels apart)" if result.disagreement else ""
        named = ", ".join(f"{name} {level}" for name, level in self.named.items())
        who = f" ({named})" if named else ""
        return (f"Vote round: {words.count(result.count, 'vote')}, {parts}{who}; median {result.median:g}, "
                f"spread {result.spread}{flag}")


def tally_in_words(tally: Counter) -> str:
    """Votes per level in words: "2 at 1, 3 at 2"."""
    return ", ".join(f"{tally[level]} at {level}" for level in sorted(tally))


def stale_anonymous(existing: Iterable[Vote], new: tuple[Vote, ...]) -> list[str]:
    """Anonymous votes of an earlier round that the new round does not replace: a round of
    3 after a round of 5 leaves "Anonymous 4" and "Anonymous 5" behind unless removed."""
    fresh = {v.participant for v in new}
    return [v.participant for v in existing if v.participant.startswith(f"{ANONYMOUS} ") and v.participant not in fresh]


def team_of(participant: str) -> str | None:
    team, separator, _ = participant.partition(TEAM_SEPARATOR)
    return team if separator else None


@dataclass(frozen=True)
class TeamSplit:
    """Teams' medians on one capability, and how far apart they are."""

    capability: str
    medians: Mapping[str, float]

    @property
    def spread(self) -> float:
        return max(self.medians.values()) - min(self.medians.values())

    @property
    def disagreement(self) -> bool:
        return self.spread >= DISAGREEMENT_SPREAD


def team_splits(votes: Mapping[str, tuple[Vote, ...]]) -> list[TeamSplit]:
    """For every capability that two or more teams voted on, each team's median; the
    widest splits first."""
    splits = []
    for cap_id, cap_votes in votes.items():
        by_team: dict[str, list[int]] = {}
        for vote in cap_votes:
            team = team_of(vote.participant)
            if team is not None:
                by_team.setdefault(team, []).append(vote.level)
        if len(by_team) >= 2:
            splits.append(TeamSplit(cap_id, {team: float(statistics.median(levels))
                                             for team, levels in sorted(by_team.items())}))
    return sorted(splits, key=lambda s: (-s.spread, s.capability))


def most_disagreement(votes: Mapping[str, tuple[Vote, ...]], limit: int = 5) -> list[tuple[str, int]]:
    """(capability, spread) of the capabilities whose votes lie furthest apart."""
    spreads = [(cap_id, result.spread) for cap_id, cap_votes in votes.items()
               if (result := consensus(cap_votes)) is not None and result.spread > 0]
    return sorted(spreads, key=lambda pair: (-pair[1], pair[0]))[:limit]


@dataclass(frozen=True)
class SessionRecord:
    """What one workshop session did, for its report: when it was held (and since when,
    as a UTC ISO timestamp like the plan's notes), the capabilities it scored and skipped,
    and how long it ran. None: not known (a report asked for after the event)."""

    held: date
    since: str = ""
    scored: tuple[str, ...] | None = None
    skipped: tuple[str, ...] = ()
    minutes: float | None = None


def round_rows(votes: Mapping[str, tuple[Vote, ...]], order: Iterable[str]) -> list[tuple[str, Counter, object]]:
    """(capability, votes per level, consensus) for each capability with votes, in the
    given order."""
    rows = []
    for cap_id in order:
        cap_votes = votes.get(cap_id, ())
        result = consensus(cap_votes)
        if result is not None:
            rows.append((cap_id, Counter(v.level for v in cap_votes), result))
    return rows
