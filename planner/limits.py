"""How large a figure may plausibly be. TOML and JSON accept nan, inf and 1e308; any of
them in a catalog, a plan's settings, an import or a scenario would poison every total
and every schedule downstream, so each reader checks its figures here first."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    most: float
    hint: str  # what to give instead, for the message


LIMITS = {
    "effort": Limit(5_000, "person-weeks from 0 to 5,000 (about 100 person-years)"),
    "licence_per_year": Limit(1e9, "a yearly licence cost from 0 to 1,000,000,000"),
    "operating_weeks_per_year": Limit(5_200, "person-weeks a year from 0 to 5,200 (100 people full time)"),
    "lead_time_weeks": Limit(520, "weeks from 0 to 520 (ten years)"),
    "capacity": Limit(10_000, "FTE from 0 to 10,000"),
    "budget": Limit(1e12, "an amount from 0 to 1,000,000,000,000"),
    "rate": Limit(1e7, "a cost per person-week from 0 to 10,000,000"),
    "horizon_years": Limit(50, "years from 0 to 50"),
    "improve_schedules": Limit(1e6, "a count from 0 to 1,000,000"),
    "improve_nodes": Limit(1e6, "a count from 0 to 1,000,000"),
    "time_limit": Limit(3_600, "seconds from 0 to 3,600"),
}


def amount_problem(value: object, limit: Limit) -> str:
    """What is wrong with a figure ("is not a number (nan)", "is negative", ...), or ""."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"is not a number ({value!r})"
    if math.isnan(value):
        return "is not a number (nan)"
    if math.isinf(value):
        return "is infinite"
    if value < 0:
        return f"is negative ({value:g})"
    if value > limit.most:
        return f"is implausibly large ({value:g})"
    return ""
