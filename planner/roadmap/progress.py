"""The living roadmap: what became of its steps, and the baseline to compare with.

A plan that records progress (PlanState.progress) is planned from its status date:
- the status period is the period that holds the status date (today when the settings
  name none), and at least the period of the latest day recorded;
- a step done keeps its place in history: from the period it started (or its duration
  before the period it was done) to the end of the period it was done. It uses no
  capacity in the plan, and it needs nothing: it happened;
- a step started runs from the period it started; what is left of it (its duration less
  the periods since it started, at least one) is planned from the status period on;
- a step dropped leaves the roadmap, with every step that needs it;
- every other step starts in the status period or later.
A plan without progress is planned from its start, as before.

A baseline (PlanState.baseline) holds each step's dates when it was taken; each step of
the roadmap is compared with it: the periods it slipped (later) or gained (earlier).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from .. import words
from ..assessment.model import Progress


@dataclass(frozen=True)
class Frame:
    """Progress in periods, for the scheduler."""

    status_date: date
    status_period: int  # what is left starts here or later
    done: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # step -> (start, finish)
    started: Mapping[str, int] = field(default_factory=dict)  # step -> the period it started
    days: Mapping[str, Progress] = field(default_factory=dict)

    def history(self, item_id: str) -> bool:
        """Whether the step has begun (done or started): what it needed no longer binds it."""
        return item_id in self.done or item_id in self.started

    def status(self, item_id: str) -> str:
        """"done", "started" or "" (planned)."""
        return "done" if item_id in self.done else "started" if item_id in self.started else ""


def frame(progress: Mapping[str, Progress], settings, durations: Mapping[str, int],
          today: date | None = None) -> Frame | None:
    """Progress on the plan's time axis; None when none is recorded. `durations` are the
    steps' planned durations in periods (a step done without a start day is taken to
    have run its duration)."""
    if not progress:
        return None
    status_date = settings.status_date or today or date.today()

    def period(day: str) -> int:
        return max(0, words.period_of(date.fromisoformat(day), settings.start_date, settings.time_unit))

    done, started = {}, {}
    latest = period(status_date.isoformat())
    for item, record in progress.items():
        if record.status == "done" and record.finished_on:
            last = period(record.finished_on)
            first = period(record.started_on) if record.started_on else max(0, last - durations.get(item, 1) + 1)
            done[item] = (min(first, last), last + 1)
            latest = max(latest, last)
        elif record.status == "started" and record.started_on:
            started[item] = period(record.started_on)
            latest = max(latest, started[item])
    return Frame(status_date, latest, done, started, dict(progress))


def left(duration: int, started: int, status_period: int) -> int:
    """The periods a started step still needs from the status period: its duration less
    the periods since it started, and at least one."""
    return max(1, started + duration - status_period)


def baseline_periods(baseline: Mapping[str, tuple[str, str]], settings) -> dict[str, tuple[int, int]]:
    """The baseline's steps as (start, finish) periods on the plan's axis now."""
    out = {}
    for item, (first, last) in baseline.items():
        start = words.period_of(date.fromisoformat(first), settings.start_date, settings.time_unit)
        end = words.period_of(date.fromisoformat(last), settings.start_date, settings.time_unit)
        out[item] = (start, end + 1)
    return out


def baseline_of(roadmap) -> dict[str, tuple[str, str]]:
    """A roadmap's steps as a baseline (PlanState.baseline): each step's first and last day."""
    return {i.id: (i.start_date.isoformat(), i.end_date.isoformat()) for i in roadmap.items}


def status_words(item_id: str, f: Frame | None, settings) -> tuple[str, ...]:
    """The step's progress as the first lines of its "why"."""
    if f is None:
        return ()
    record = f.days.get(item_id)
    if item_id in f.done:
        since = f" (started {record.started_on})" if record.started_on else ""
        return (f"Done on {record.finished_on}{since}: kept where it happened.",)
    if item_id in f.started:
        return (f"Started on {record.started_on}; what is left is planned from "
                f"{words.period_label(settings, f.status_period)} (the status date is {f.status_date.isoformat()}).",)
    return ()


def unrecorded(roadmap, today: date) -> tuple:
    """The steps planned to begin in a period before the one that holds the status date
    (the settings' `status_date`, else `today`) of which nothing is recorded: until the
    architect says what became of them (started, done or dropped), the roadmap keeps
    them in the past."""
    settings = roadmap.settings
    now = words.period_of(settings.status_date or today, settings.start_date, settings.time_unit)
    return tuple(item for item in roadmap.items if not item.status and item.start < now)


def unrecorded_words(steps, settings, today: date) -> str:
    """A hint to record what became of the `unrecorded` steps; "" when there are none."""
    if not steps:
        return ""
    day = (settings.status_date or today).isoformat()
    which = "1 step was" if len(steps) == 1 else f"{len(steps)} steps were"
    return (f"{which} planned to begin before {day}, and nothing is recorded for "
            f"{'it' if len(steps) == 1 else 'them'}. Say what became of each (right-click it: started, done or "
            f"dropped), and what is left is planned from {day}.")
