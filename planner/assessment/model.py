"""What a plan holds, as plain frozen values: the input of scoring and of the roadmap."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

CONFIDENCES = ("low", "medium", "high")


@dataclass(frozen=True)
class Evidence:
    id: str
    note: str
    link: str = ""
    added_by: str = ""
    added_at: str = ""


@dataclass(frozen=True)
class Entry:
    """One capability's assessment. `level` is set when picked directly; otherwise the
    level is derived from `criteria_met`, a set of (level, criterion index) pairs."""

    capability: str
    level: int | None = None
    criteria_met: frozenset[tuple[int, int]] = frozenset()
    not_applicable: bool = False
    na_reason: str = ""
    confidence: str = "medium"
    assessed_by: str = ""
    assessed_at: str = ""
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Vote:
    participant: str
    level: int
    note: str = ""


@dataclass(frozen=True)
class Snapshot:
    name: str
    taken_at: str
    levels: Mapping[str, int | None]  # capability -> level (None: not applicable)


PROGRESS = ("started", "done", "dropped")


@dataclass(frozen=True)
class Progress:
    """What became of a roadmap step: started, done or dropped, and on which days (ISO
    dates; '' when not recorded). The roadmap keeps what is done and re-plans the rest
    from the plan's status date (planner/roadmap/progress.py)."""

    status: str  # one of PROGRESS
    started_on: str = ""
    finished_on: str = ""  # the day it was done, or dropped


@dataclass(frozen=True)
class Assessment:
    name: str
    entries: Mapping[str, Entry] = field(default_factory=dict)
    votes: Mapping[str, tuple[Vote, ...]] = field(default_factory=dict)
    snapshots: tuple[Snapshot, ...] = ()


@dataclass(frozen=True)
class PlanState:
    """Everything the user owns in a plan. Changed only through commands."""

    name: str
    organisation: str
    assessments: tuple[Assessment, ...]
    active: str  # name of the assessment that scoring and the roadmap use
    targets: Mapping[str, int] = field(default_factory=dict)
    framework_targets: Mapping[str, int] = field(default_factory=dict)
    priorities: Mapping[str, int] = field(default_factory=dict)
    # Roadmap inputs (see planner/roadmap/settings.py): JSON-like values.
    settings: Mapping[str, Any] = field(default_factory=dict)
    decisions: Mapping[str, tuple[str, str | None]] = field(default_factory=dict)  # cap -> (approach, option)
    pins: Mapping[str, int | None] = field(default_factory=dict)  # item id -> period; None = excluded
    deadlines: Mapping[tuple[str, int], int] = field(default_factory=dict)  # (framework, level) -> period
    estimate_overrides: Mapping[tuple[str, int, str], Mapping[str, Any]] = field(default_factory=dict)
    scenarios: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    progress: Mapping[str, Progress] = field(default_factory=dict)  # step id -> what became of it
    # The roadmap as it was when its baseline was taken: step id -> (first day, last day), ISO dates.
    baseline: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    baseline_taken: str = ""  # the day the baseline was taken

    def assessment(self, name: str | None = None) -> Assessment:
        name = name or self.active
        for assessment in self.assessments:
            if assessment.name == name:
                return assessment
        raise KeyError(name)
