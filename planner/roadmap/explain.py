"""Why each item sits where it does, when each framework level is reached, and the
critical path."""

from __future__ import annotations

from typing import Mapping

from .. import words
from ..catalog.model import Catalog
from .diagnose import _label
from .items import StepId
from .model import Milestone
from .settings import Settings

EPS = 1e-9


class _Room:
    """What each role and the budget have left per period once the roadmap is laid out
    (capacity minus use), up to `horizon`; and the roles' names."""

    def __init__(self, catalog: Catalog, settings: Settings, usage, spend, horizon: int):
        def left(profile, used) -> list[float]:
            return [cap - (used[x] if x < len(used) else 0.0) for x, cap in enumerate(profile.first(horizon))]

        self.roles = {role: left(profile, usage.get(role, ())) for role, profile in settings.capacity.items()}
        self.budget = None if settings.budget_per_period is None else left(settings.budget_per_period, spend)
        self.names = {r.id: r.name for r in catalog.roles}


def explain(catalog: Catalog, sized: list, starts: Mapping[str, int], pins, settings: Settings,
            usage: Mapping[str, tuple[float, ...]], spend: tuple[float, ...],
            release: int = 0) -> dict[str, tuple[str, ...]]:
    """Why each step starts when it does. `release` is the status period of a plan with
    progress: nothing left starts before it."""
    by_id = {s.item.id: s for s in sized}
    finish = max((starts[s.item.id] + s.duration for s in sized), default=0)
    limits = _Room(catalog, settings, usage, spend, finish + max((s.duration for s in sized), default=0) + 25)
    out = {}
    for s in sized:
        item_id, start = s.item.id, starts[s.item.id]
        why: list[str] = []
        ready, waits_for = 0, None
        for p in s.item.predecessors:
            done = starts[p] + by_id[p].duration
            if done > ready or waits_for is None and done == ready:
                ready, waits_for = done, p
        from_status = release > ready
        if from_status:
            ready, waits_for = release, None
        if pins.get(item_id) is not None:
            why.append(f"Pinned by you to start in {words.period_label(settings, start)} (period {start}).")
        elif from_status and start == ready:
            why.append(f"Starts in {words.period_label(settings, start)}, the {settings.time_unit} of the status "
                       "date: what is left of the roadmap is planned from there.")
        elif start == 0:
            why.append("Starts at once: everything it needs is in place or not needed.")
        elif start == ready and waits_for is not None:
            reason = s.item.because[s.item.predecessors.index(waits_for)]
            why.append(f"Waits for prerequisite {_label(catalog, waits_for)}, done in "
                       f"{words.period_label(settings, words.last_period(ready))}: "
                       f"{reason.rstrip('.')}.")
        else:
            if waits_for is not None and ready > 0:
                why.append(f"Ready in {words.period_label(settings, ready)} after {_label(catalog, waits_for)}.")
            why.append(_blocked(limits, s, ready, start, settings))
        if s.stretched_by:
            why.append(f"Takes {s.duration} {settings.time_unit}s, longer than its lead time, so that "
                       f"{s.stretched_by} is never over capacity.")
        if s.shortest:
            team = ", ".join(f"{fte:.2g} {limits.names.get(role, role)}" for role, fte in sorted(s.demand.items()))
            why.append(f"Runs over {s.duration} {settings.time_unit}s with a smaller team ({team} FTE) instead of "
                       f"{s.shortest} with the largest team it could have: the scheduler chose this because the "
                       "plan's priorities finish sooner that way.")
        elif s.team_bound and not s.stretched_by:
            weeks = s.demand[s.team_bound] * s.duration * settings.weeks_per_period
            unit = settings.time_unit
            why.append(f"Takes {s.duration} {unit}s, longer than its {s.lead}-{unit} lead time: its "
                       f"{weeks:.3g} person-weeks of {limits.names.get(s.team_bound, s.team_bound)} need that long "
                       f"with at most {settings.team_cap[s.team_bound]:g} people on the step at once (the team cap).")
        out[item_id] = tuple(why)
    return out


def _blocked(room: _Room, s, ready: int, start: int, settings: Settings) -> str:
    """Name what had no room for the item at each earlier start it could have had: the
    roles (or the budget) full in the first period that would have overflowed. The room
    left is after the item itself, so its own share is given back first."""
    end = start + s.duration
    needs = [(room.roles[role], fte, room.names.get(role, role)) for role, fte in s.demand.items()]
    if room.budget is not None and s.cost > 0:
        needs.append((room.budget, s.cost / s.duration, "budget"))
    full: dict[str, set[int]] = {}
    for t in range(ready, min(start, ready + 24)):  # the first two years of monthly waiting say enough
        for x in range(t, t + s.duration):
            mine = start <= x < end
            clash = [what for left, need, what in needs if left[x] + (need if mine else 0.0) < need - EPS]
            if clash:
                for what in clash:
                    full.setdefault(what, set()).add(x)
                break
    if not full:
        return (f"Held back to {words.period_label(settings, start)} by the order the scheduler chose, "
                "so that higher-priority work finishes sooner.")
    parts = []
    for what, periods in full.items():
        shown = (", ".join(words.period_label(settings, t) for t in sorted(periods)[:3])
                 + (" ..." if len(periods) > 3 else ""))
        parts.append(f"the budget for {shown} is spent" if what == "budget" else f"{what} is at capacity in {shown}")
    return f"Starts in {words.period_label(settings, start)}: " + "; ".join(parts) + "."


def milestones(catalog: Catalog, current: Mapping[str, int | None], finish: Mapping[str, int],
               deadlines: Mapping[tuple[str, int], int], settings: Settings) -> tuple[Milestone, ...]:
    """For every framework level above today's: the period it is reached in (the last
    period of its last step), its day and quarter; or None when the targets do not reach
    it."""
    from ..assessment.crosswalk import reached

    out = []
    for fw in catalog.frameworks:
        now = reached(fw, current)
        for fl in fw.levels:
            if fl.level <= now:
                continue
            when = 0
            for cap, level in fw.cumulative_requirements(fl.level).items():
                have = current.get(cap)
                if have is None or have >= level:
                    continue
                item = StepId.of(cap, level)
                if item not in finish:
                    when = None
                    break
                when = max(when, finish[item])
            period = None if when is None else words.last_period(when)
            out.append(Milestone(fw.id, fw.name, fl.level, fl.name, period, deadlines.get((fw.id, fl.level)),
                                 None if period is None else words.last_day(settings, period),
                                 None if period is None else words.quarter(settings, period)))
    return tuple(out)


def critical_path(sized: list, starts: Mapping[str, int], settings: Settings) -> tuple[str, ...]:
    """Walk back from the item that finishes last: each step to a prerequisite that
    finishes exactly when it starts, or else to an item sharing a role (or the budget)
    that does. The result runs from first to last."""
    if not sized:
        return ()
    by_id = {s.item.id: s for s in sized}
    finish = {i: starts[i] + by_id[i].duration for i in by_id}
    current = max(sorted(by_id), key=lambda i: finish[i])
    path = [current]
    while starts[current] > 0:
        s = by_id[current]
        link = next((p for p in sorted(s.item.predecessors) if finish[p] == starts[current]), None)
        if link is None:
            roles = set(s.demand) | ({"budget"} if settings.budget_per_period is not None else set())
            link = next((i for i in sorted(by_id) if finish[i] == starts[current] and i not in path
                         and roles & (set(by_id[i].demand) | ({"budget"} if by_id[i].cost > 0 and
                                                               settings.budget_per_period is not None else set()))),
                        None)
        if link is None:
            break
        path.append(link)
        current = link
    return tuple(reversed(path))
