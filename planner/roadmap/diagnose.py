"""Checks that name impossible constraints before scheduling, and stretch items that
need more of a role (or of the budget) per period than there ever is."""

from __future__ import annotations

import math
from functools import partial
from dataclasses import replace

from ..catalog.model import APPROACHES, Catalog
from ..words import money, quarter
from .items import StepId
from .model import InfeasiblePlan
from .scheduling import Reason
from .settings import BUDGET, Settings


def _label(catalog: Catalog, item_id: str) -> str:
    """A step as people read it: 'Feature store 1→2'."""
    try:
        step = StepId.parse(item_id)
        return f"{catalog.capability(step.capability).name} {step.words()}"
    except (ValueError, KeyError):
        return str(item_id)


def _role(catalog: Catalog, role_id: str) -> str:
    return next((r.name for r in catalog.roles if r.id == role_id), role_id)


MAX_YEARS = 15  # no roadmap item may take longer than this


def precheck(catalog: Catalog, sized: list, settings: Settings) -> list:
    """Return the items, some stretched to fit; raise InfeasiblePlan with every problem."""
    diagnosis: list[str] = []
    wpp = settings.weeks_per_period
    longest = int(MAX_YEARS * 52 / wpp)
    starved: dict[str, list] = {}  # role with no capacity -> items that need it
    unfunded: list = []  # items with a cost when the budget per period is 0
    out = []
    for s in sized:
        effort = {role: fte * s.duration * wpp for role, fte in s.demand.items()}
        duration, stretched_by = s.duration, ""
        for role, weeks in effort.items():
            most = settings.capacity[role].peak if role in settings.capacity else 0.0
            if most <= 0:
                starved.setdefault(role, []).append((s, weeks))
                continue
            needed = math.ceil(weeks / (most * wpp) - 1e-9)
            if needed > duration:
                duration, stretched_by = needed, _role(catalog, role)
        if settings.budget_per_period is not None and s.cost > 0:
            most = settings.budget_per_period.peak
            if most <= 0:
                unfunded.append(s)
            else:
                needed = math.ceil(s.cost / most - 1e-9)
                if needed > duration:
                    duration, stretched_by = needed, "the budget per period"
        if duration > longest:
            diagnosis.append(
                f"{_label(catalog, s.item.id)} would take {duration} {settings.time_unit}s (over {MAX_YEARS} years) "
                f"because {stretched_by} is so small. Raise it, or choose another approach.")
            continue
        if duration != s.duration:
            s = replace(s, duration=duration, stretched_by=stretched_by,
                        demand={role: weeks / (duration * wpp) for role, weeks in effort.items()})
        out.append(s)
    for role, needs in starved.items():
        names = ", ".join(f"{_label(catalog, s.item.id)} ({s.approach}, {weeks:.1f} person-weeks)"
                          for s, weeks in needs[:4]) + (f" and {len(needs) - 4} more" if len(needs) > 4 else "")
        diagnosis.insert(0, f"Role {_role(catalog, role)} has no capacity, but {len(needs)} step(s) need it: {names}. "
                            f"Give {_role(catalog, role)} some capacity (setting capacity.{role}).")
    if unfunded:
        diagnosis.append(f"The budget per period is 0, but {len(unfunded)} step(s) cost money, "
                         f"{money(sum(s.cost for s in unfunded), catalog.info.currency)} in all. "
                         "Set a budget per period above 0, or remove the setting.")
    _check_total_budget(catalog, out, settings, diagnosis)
    if diagnosis:
        raise InfeasiblePlan(diagnosis)
    return out


def _check_total_budget(catalog: Catalog, sized: list, settings: Settings, diagnosis: list[str]) -> None:
    if settings.budget_total is None:
        return
    total = sum(s.cost for s in sized)
    if total <= settings.budget_total + 1e-6:
        return
    rates = settings.rates.weekly_cost
    cheapest = 0.0
    for s in sized:
        costs = [sum(w * rates.get(r, 0.0) for r, w in e.effort.items())
                 for a in APPROACHES if (e := catalog.estimate(s.item.capability, s.item.to_level, a)) is not None]
        cheapest += min(costs, default=s.cost)
    cur = catalog.info.currency
    advice = (f"choose cheaper approaches (the cheapest mix costs {money(cheapest, cur)})"
              if cheapest <= settings.budget_total else
              f"even the cheapest mix of approaches costs {money(cheapest, cur)}, so lower some targets")
    # the budget rounded down and the shortfall up: half a unit short said "above the total
    # budget of 411,000 USD. Raise the budget by 0 USD" of a cost of 411,000
    diagnosis.append(
        f"The one-time cost of reaching the targets is {money(total, cur)}, above the total budget of "
        f"{money(math.floor(settings.budget_total), cur)}. Raise the budget by "
        f"{money(math.ceil(total - settings.budget_total - 1e-6), cur)}, or {advice}.")


def check_pins(catalog: Catalog, sized: list, pins, settings: Settings) -> None:
    """Pins that precedence alone makes impossible, worded for the user."""
    by_id = {s.item.id: s for s in sized}
    finish: dict[str, int] = {}

    def earliest_finish(item_id: str) -> int:
        if item_id not in finish:
            s = by_id[item_id]
            pin = pins.get(item_id)
            start = pin if pin is not None else max([0] + [earliest_finish(p) for p in s.item.predecessors])
            finish[item_id] = start + s.duration
        return finish[item_id]

    diagnosis = []
    for s in sized:
        pin = pins.get(s.item.id)
        if pin is None:
            continue
        for p in s.item.predecessors:
            if p in by_id and earliest_finish(p) > pin:
                ready = earliest_finish(p)
                diagnosis.append(
                    f"{_label(catalog, s.item.id)} is pinned to start in period {pin} ({quarter(settings, pin)}), "
                    f"but its prerequisite {_label(catalog, p)} cannot finish before period {ready} "
                    f"({quarter(settings, ready)}). Move the pin to period {ready} or later, or remove it.")
    if diagnosis:
        raise InfeasiblePlan(diagnosis)


def translate(catalog: Catalog, reasons: list[Reason], settings: Settings) -> list[str]:
    """The scheduler's reasons in words, with steps, roles and periods by their names."""
    return [_words(catalog, r, settings) for r in reasons]


def _words(catalog: Catalog, r: Reason, settings: Settings) -> str:
    step, other = _label(catalog, r.activity), _label(catalog, r.other)
    what = "" if r.resource is None else ("the budget" if r.resource == BUDGET else _role(catalog, r.resource))
    unit = settings.time_unit
    when = partial(quarter, settings)
    if r.kind == "above_peak":
        return f"{step} needs {r.amount:g} of {what} per {unit}, but {what} is never above {r.capacity:g}"
    if r.kind == "no_window":
        return (f"{step} needs {r.amount:g} of {what} for {r.periods} {unit}s in a row, and the capacity never "
                "allows that")
    if r.kind == "cycle":
        return "the steps form a cycle through " + ", ".join(_label(catalog, a) for a in r.activities)
    if r.kind == "no_room":
        return (f"{step} finds no room: what it needs is only available early on, and other steps take that "
                "room first")
    if r.kind == "pin_before_release":
        return f"{step} is pinned to start in period {r.period} ({when(r.period)}), before it may start"
    if r.kind == "pin_before_predecessor":
        return (f"{step} is pinned to start in period {r.period} ({when(r.period)}), but its prerequisite {other} "
                f"cannot finish before period {r.periods}")
    if r.kind == "pin_after_capacity":
        return (f"{step} is pinned to start in period {r.period} ({when(r.period)}), but its prerequisite {other}, "
                f"held back by the capacity the pinned steps take, finishes only in period {r.periods}")
    if r.kind == "pins_over_capacity":
        return (f"the pinned steps need {r.amount:g} of {what} in period {r.period} ({when(r.period)}), above "
                f"its capacity of {r.capacity:g}")
    if r.kind == "unknown_resource":
        return f"{step} needs {what}, which has no capacity set"
    if r.kind == "unknown_successor":
        return f"{step} names a next step, {other}, that is not in the roadmap"
    if r.kind == "duplicate_id":
        return f"two steps are both {step}"
    return "the exact solver proved that no roadmap meets the pins and the capacity"  # exact_infeasible
