"""Checks that name impossible constraints before scheduling, and stretch items that
need more of a role (or of the budget) per period than there ever is."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from ..catalog.model import APPROACHES, Catalog
from .model import InfeasiblePlan
from .settings import Settings


def _profile(value) -> list[float]:
    return [float(value)] if isinstance(value, (int, float)) else [float(v) for v in value]


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}"


def _label(catalog: Catalog, item_id: str) -> str:
    cap_id, _, step = item_id.partition(":")
    try:
        name = catalog.capability(cap_id).name
    except KeyError:
        return item_id
    return f"{name} {step.replace('-', '->')}"


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
            most = max(_profile(settings.capacity.get(role, 0.0)))
            if most <= 0:
                starved.setdefault(role, []).append((s, weeks))
                continue
            needed = math.ceil(weeks / (most * wpp) - 1e-9)
            if needed > duration:
                duration, stretched_by = needed, _role(catalog, role)
        if settings.budget_per_period is not None and s.cost > 0:
            most = max(_profile(settings.budget_per_period))
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
                         f"{_money(sum(s.cost for s in unfunded), catalog.info.currency)} in all. "
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
    advice = (f"choose cheaper approaches (the cheapest mix costs {_money(cheapest, cur)})"
              if cheapest <= settings.budget_total else
              f"even the cheapest mix of approaches costs {_money(cheapest, cur)}, so lower some targets")
    diagnosis.append(
        f"The one-time cost of reaching the targets is {_money(total, cur)}, above the total budget of "
        f"{_money(settings.budget_total, cur)}. Raise the budget by {_money(total - settings.budget_total, cur)}, "
        f"or {advice}.")


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
                    f"{_label(catalog, s.item.id)} is pinned to start in period {pin} ({settings.quarter(pin)}), "
                    f"but its prerequisite {_label(catalog, p)} cannot finish before period {ready} "
                    f"({settings.quarter(ready)}). Move the pin to period {ready} or later, or remove it.")
    if diagnosis:
        raise InfeasiblePlan(diagnosis)


_QUOTED = re.compile(r"'([a-z0-9_]+:\d+-\d+)'|'([a-z_]+)'")


def translate(catalog: Catalog, reasons: list[str], settings: Settings) -> list[str]:
    """Scheduler messages with item ids and role ids replaced by their names."""
    def name(match: re.Match) -> str:
        if match.group(1):
            return _label(catalog, match.group(1))
        word = match.group(2)
        return "the budget per period" if word == "budget" else _role(catalog, word)
    return [_QUOTED.sub(name, r.replace("activity ", "")) for r in reasons]
