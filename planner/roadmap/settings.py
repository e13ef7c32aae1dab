"""Roadmap constraints and preferences, read from a plan's settings (JSON values).

Every key is optional; `DEFAULTS` says what applies when it is missing. A bad value
raises `SettingsError` naming the key, the value and what would be right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Mapping

from ..catalog.model import Catalog
from ..limits import LIMITS, amount_problem
from ..words import period_of, start_of
from .options import CLOUDS, Preferences, Rates, default_rates
from .scheduling.profile import Profile

BUDGET = "budget"  # the scheduler resource for one-time spend per period

TIME_UNITS = {"week": 1.0, "month": 52.0 / 12.0}  # weeks per period

DEFAULTS: dict[str, Any] = {
    "time_unit": "month",
    # FTE per role available for roadmap work: one number, or one per period.
    "capacity": {"data_engineering": 2, "ml_engineering": 2, "platform": 1.5, "data_science": 2, "governance": 0.5},
    "budget_per_period": None,  # one-time spend allowed per period (number or list); None = no limit
    "budget_total": None,
    "horizon_years": 3,
    "rates": None,  # role -> cost per person-week; None = the estimates in options.default_rates
    "preferences": {},
    "improve_schedules": 6000,  # schedules the improvement stage's search may generate (0.6 s at 61 steps)
    "improve_nodes": 1000,  # branch-and-bound nodes per run of the exact stage (HiGHS)
    # Seconds: only a guard. The counted work above ends the improvement stage long before
    # (the demo in about 0.3 s), so the roadmap is the same on every machine; a roadmap the
    # guard cuts says so.
    "time_limit": 10.0,
    "team_cap": None,  # role -> most FTE on one step at once; None = the catalog's team_cap
}


OTHER_ROLE_FTE = 1.0


class SettingsError(ValueError):
    """A roadmap setting is unusable. The message names it and says how to fix it."""


@dataclass(frozen=True)
class Settings:
    start_date: date
    time_unit: str
    capacity: Mapping[str, Profile]  # role -> FTE per period
    budget_per_period: Profile | None
    budget_total: float | None
    horizon_years: float
    rates: Rates
    preferences: Preferences
    improve_schedules: int
    improve_nodes: int
    time_limit: float
    team_cap: Mapping[str, float] = field(default_factory=dict)  # role -> most FTE on one step
    # The day progress is reported to (None: today, once progress is recorded): the roadmap
    # keeps what is done and plans what is left from this day's period (roadmap/progress.py).
    status_date: date | None = None

    @property
    def weeks_per_period(self) -> float:
        return TIME_UNITS[self.time_unit]


DATES = ("start_date", "status_date")  # the settings that are days, beside DEFAULTS


def next_month_start(today: date) -> date:
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


def read_settings(catalog: Catalog, values: Mapping[str, Any], today: date | None = None) -> Settings:
    merged = {**DEFAULTS, **values}
    unknown = sorted(set(values) - set(DEFAULTS) - set(DATES))
    if unknown:
        raise SettingsError(f"unknown roadmap setting '{unknown[0]}'; known settings: "
                            + ", ".join(sorted({*DEFAULTS, *DATES})))
    start = merged.get("start_date")
    try:
        start_date = date.fromisoformat(start) if start else next_month_start(today or date.today())
    except (TypeError, ValueError):
        raise SettingsError(f"start_date '{start}' is not a date; write it as YYYY-MM-DD") from None
    if not 1970 <= start_date.year <= 2200:
        raise SettingsError(f"start_date {start_date.isoformat()} is out of range; use a year from 1970 to 2200")
    status = merged.get("status_date")
    try:
        status_date = date.fromisoformat(status) if status else None
    except (TypeError, ValueError):
        raise SettingsError(f"status_date '{status}' is not a date; write it as YYYY-MM-DD") from None
    if status_date is not None and not 1970 <= status_date.year <= 2200:
        raise SettingsError(f"status_date {status_date.isoformat()} is out of range; use a year from 1970 to 2200")
    unit = merged["time_unit"]
    if unit not in TIME_UNITS:
        raise SettingsError(f"time_unit '{unit}' is not 'week' or 'month'")
    roles = {r.id for r in catalog.roles}
    capacity = _capacity(values.get("capacity", {}), roles)
    rates = default_rates(catalog)
    if merged["rates"] is not None:
        bad = [r for r in merged["rates"] if r not in roles]
        if bad:
            raise SettingsError(f"rates name unknown role '{bad[0]}'; roles are: {', '.join(sorted(roles))}")
        rates = Rates({**rates.weekly_cost, **{r: _number(v, f'rates.{r}') for r, v in merged['rates'].items()}},
                      rates.horizon_years)
    horizon = _number(merged["horizon_years"], "horizon_years")
    rates = Rates(rates.weekly_cost, horizon)
    prefs = merged["preferences"] or {}
    _check_preferences(prefs)  # a table of true/false and lists of names from here
    preferences = Preferences(
        prefer_open_source=prefs.get("prefer_open_source", False),
        excluded_licences=frozenset(prefs.get("excluded_licences", ())),
        clouds=frozenset(prefs.get("clouds", ())),
        allow_unmaintained=prefs.get("allow_unmaintained", False),
    )
    return Settings(
        start_date=start_date,
        time_unit=unit,
        capacity=capacity,
        budget_per_period=_profile(merged["budget_per_period"], "budget_per_period"),
        budget_total=None if merged["budget_total"] is None else _number(merged["budget_total"], "budget_total"),
        horizon_years=horizon,
        rates=rates,
        preferences=preferences,
        improve_schedules=int(_number(merged["improve_schedules"], "improve_schedules")),
        improve_nodes=int(_number(merged["improve_nodes"], "improve_nodes")),
        time_limit=_number(merged["time_limit"], "time_limit"),
        team_cap=_team_cap(catalog, merged["team_cap"], roles),
        status_date=status_date,
    )


def _number(value: Any, name: str) -> float:
    base = name.split(".")[0].split("[")[0]  # "capacity.ml_engineering", "budget_per_period[3]"
    limit = LIMITS[_KINDS.get(base, base)]
    problem = amount_problem(value, limit)
    if problem:
        raise SettingsError(f"{name} {problem}; give {limit.hint}")
    return float(value)


_KINDS = {"budget_per_period": "budget", "budget_total": "budget", "rates": "rate", "team_cap": "capacity"}


def _profile(value: Any, name: str) -> Profile | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        if not value:
            raise SettingsError(f"{name} is an empty list; give one number per period, or one number")
        return Profile.of([_number(v, f"{name}[{i}]") for i, v in enumerate(value)])
    return Profile.of(_number(value, name))


def _capacity(value: Any, roles: set[str]) -> dict[str, Profile]:
    if not isinstance(value, Mapping):
        raise SettingsError("capacity must map each role to FTE, e.g. {\"ml_engineering\": 2}")
    bad = [r for r in value if r not in roles]
    if bad:
        raise SettingsError(f"capacity names unknown role '{bad[0]}'; roles are: {', '.join(sorted(roles))}")
    # Roles the value leaves out keep their default capacity; a catalog's own roles that
    # the defaults do not know get 1 FTE.
    out = {role: Profile.of(float(DEFAULTS["capacity"].get(role, OTHER_ROLE_FTE))) for role in sorted(roles)}
    for role, fte in value.items():
        if fte is None:
            raise SettingsError(f"capacity.{role} is empty; give FTE as a number, or one number per period")
        out[role] = _profile(fte, f"capacity.{role}")
    return out


def _team_cap(catalog: Catalog, value: Any, roles: set[str]) -> dict[str, float]:
    """The catalog's team caps with the plan's overrides laid over them."""
    caps = {r.id: float(r.team_cap) for r in catalog.roles if getattr(r, "team_cap", None)}
    if value is None:
        return caps
    if not isinstance(value, Mapping):
        raise SettingsError("team_cap must map roles to the most FTE on one step, e.g. {\"ml_engineering\": 3}")
    bad = [r for r in value if r not in roles]
    if bad:
        raise SettingsError(f"team_cap names unknown role '{bad[0]}'; roles are: {', '.join(sorted(roles))}")
    for role, fte in value.items():
        caps[role] = _number(fte, f"team_cap.{role}") if fte is not None else None
        if caps[role] == 0:
            raise SettingsError(f"team_cap.{role} is 0, so no step could use {role}; give at least 0.1, "
                                "or null for no cap")
    return {role: cap for role, cap in caps.items() if cap}


PREFERENCES = ("prefer_open_source", "excluded_licences", "clouds", "allow_unmaintained")


def _check_preferences(prefs: Any) -> None:
    if not isinstance(prefs, Mapping):
        raise SettingsError("preferences must be a table with " + ", ".join(PREFERENCES))
    unknown = sorted(set(prefs) - set(PREFERENCES))
    if unknown:
        raise SettingsError(f"unknown preference '{unknown[0]}'; the preferences are: {', '.join(PREFERENCES)}")
    for key in ("prefer_open_source", "allow_unmaintained"):
        if key in prefs and not isinstance(prefs[key], bool):
            raise SettingsError(f"preferences.{key} must be true or false, not {prefs[key]!r}")
    for key in ("excluded_licences", "clouds"):
        value = prefs.get(key, ())
        if isinstance(value, str) or not isinstance(value, (list, tuple, set, frozenset)) or \
                not all(isinstance(v, str) for v in value):
            raise SettingsError(f"preferences.{key} must be a list of names, not {value!r}")
    bad = sorted(c for c in prefs.get("clouds", ()) if c.casefold() not in CLOUDS)
    if bad:
        raise SettingsError(f"preferences.clouds: '{bad[0]}' is not a place options run; use any of "
                            + ", ".join(CLOUDS))


# -- switching the time unit ------------------------------------------------------------


def _day(start: date, unit: str, period: int, last: bool) -> date:
    """The first or the last day of `period`."""
    return start_of(start, unit, period + 1) - timedelta(days=1) if last else start_of(start, unit, period)


def convert_period(period: int, old: str, new: str, start: date, deadline: bool = False) -> int:
    """The period in `new` units for `period` in `old` units. A pin (the period a step
    starts in) goes to the new period that holds its first day when the new unit is finer,
    and its last day when it is coarser; a deadline (the period by whose end a milestone
    is reached) the other way round. So months switched to weeks and back are the same
    months, and a deadline at the end of March stays at the end of March."""
    if old == new:
        return period
    finer = TIME_UNITS[new] < TIME_UNITS[old]
    return max(0, period_of(_day(start, old, period, last=finer == deadline), start, new))


def convert_pins(pins: Mapping[str, int | None], old: str, new: str, start: date) -> dict[str, int | None]:
    """Pins (item -> period; None: excluded) moved as convert_period says."""
    return {item: period if period is None else convert_period(period, old, new, start)
            for item, period in pins.items()}


def _scaled(value: float, factor: float) -> float:
    """`value` x `factor`, exact: a budget switched to weeks and back is the same budget.
    A result within a millionth of a cent value is that value."""
    scaled = value * factor
    cents = round(scaled, 2)
    return cents if abs(scaled - cents) < 1e-6 else scaled


def convert_amounts(value: Any, old: str, new: str, start: date, per_period: bool) -> Any:
    """A figure given per period (one number, or one per period, the last holding on) in
    `new` units. Budgets are amounts per period and scale with its length (`per_period`);
    capacity in FTE does not. A finer period takes the figure of the period that holds its
    first day, a coarser one that of the period that holds its last day (so a switch and
    back gives the same list; repeats at its end, which change nothing, are folded)."""
    if value is None or old == new:
        return value
    factor = TIME_UNITS[new] / TIME_UNITS[old] if per_period else 1.0
    if not isinstance(value, (list, tuple)):
        return _scaled(value, factor)
    finer = TIME_UNITS[new] < TIME_UNITS[old]
    end = start_of(start, old, len(value))
    count = max(1, period_of(end - timedelta(days=1), start, new) + 1)
    out = [_scaled(value[min(period_of(_day(start, new, p, last=not finer), start, old), len(value) - 1)], factor)
           for p in range(count)]
    while not finer and len(out) > 1 and out[-1] == out[-2]:
        out.pop()
    return out


def unit_switch(values: Mapping[str, Any], old: str, new: str, start: date) -> dict[str, Any]:
    """The settings that change with the time unit, converted: the budget per period
    (scaled to the new period's length) and capacity given per period (re-sampled)."""
    out: dict[str, Any] = {}
    if values.get("budget_per_period") is not None:
        out["budget_per_period"] = convert_amounts(values["budget_per_period"], old, new, start, per_period=True)
    capacity = values.get("capacity")
    if isinstance(capacity, Mapping) and any(isinstance(v, (list, tuple)) for v in capacity.values()):
        out["capacity"] = {role: convert_amounts(fte, old, new, start, per_period=False)
                           for role, fte in capacity.items()}
    return out
