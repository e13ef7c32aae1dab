"""Periods as dates and quarters, and results in words: the one place that says when a
step starts and ends, when a milestone is reached, how good a roadmap is and how money
reads. Every output (the CLI, the JSON, the views, the PDF, the CSV) calls these, so a
date cannot be worded two ways.

Periods are whole months or weeks from the plan's start date; period 0 is the first. A
step occupies periods start .. finish-1. It *starts* on the first day of its first period
and *ends* on the last day of its last period. A milestone is *reached in period N* when
its last step's last period is N: on the last day of period N, in the quarter that holds
period N. A deadline is a period in the same sense: reached in it or before is on time.

`settings` below is anything with `start_date` and `time_unit` (roadmap.settings.Settings).
"""

from __future__ import annotations

import calendar
import math
from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=8192)
def start_of(start: date, unit: str, period: int) -> date:
    """The first day of `period` (asked for every step and reason at every re-plan)."""
    if unit == "week":
        return start + timedelta(weeks=period)
    month = start.month - 1 + period
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def period_of(day: date, start: date, unit: str) -> int:
    """The period (0 = the first) that holds `day`."""
    if unit == "week":
        return (day - start).days // 7
    months = (day.year - start.year) * 12 + day.month - start.month
    return months - 1 if day < start_of(start, unit, months) else months


def first_day(settings, period: int) -> date:
    return start_of(settings.start_date, settings.time_unit, period)


def last_day(settings, period: int) -> date:
    return first_day(settings, period + 1) - timedelta(days=1)


def last_period(finish: int) -> int:
    """The last period of work that ends when `finish` (exclusive) begins."""
    return max(finish - 1, 0)


def period_label(settings, period: int) -> str:
    """A period as people say it: 'Mar 2027', or 'week of 2027-03-01'."""
    return _label(settings.start_date, settings.time_unit, period)


@lru_cache(maxsize=8192)
def _label(start: date, unit: str, period: int) -> str:
    day = start_of(start, unit, period)
    if unit == "week":
        return f"week of {day.isoformat()}"
    return f"{MONTHS[day.month - 1]} {day.year}"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # not the locale's


def quarter(settings, period: int) -> str:
    """The quarter that holds `period` (by its first day): 'Q1 2027'."""
    day = first_day(settings, period)
    return f"Q{(day.month - 1) // 3 + 1} {day.year}"


def span(settings, start: int, finish: int) -> str:
    """When a step runs: 'Jan 2027', or 'Jan 2027 – Mar 2027'."""
    first, last = period_label(settings, start), period_label(settings, last_period(finish))
    return first if first == last or finish <= start else f"{first} – {last}"


def periods(count: int, unit: str) -> str:
    """'1 month', '7 months'."""
    return f"{count} {unit}{'' if count == 1 else 's'}"


def money(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}"


def proof(roadmap) -> str:
    """How good a roadmap is, in one plain sentence that every output uses (the views,
    the CLI and its JSON, the PDF): "best possible order", or "within 16% of the best
    possible". Lower case and no full stop, for the middle of a sentence; a view that
    shows it alone capitalises it (ui.document.status_text)."""
    if roadmap.cut:
        return ("the time guard stopped the search early, so this roadmap may differ on another machine; "
                + _quality(roadmap))
    return _quality(roadmap)


def _quality(roadmap) -> str:
    """The objective the roadmap minimises (priority-weighted finishes, Roadmap.objective)
    against the bound no roadmap can beat (Roadmap.lower_bound). The percentage is
    rounded up, so the claim holds: a gap of 15.1% is "within 16%"."""
    if roadmap.optimal:
        return "best possible order"
    if roadmap.lower_bound <= 0:
        return "not known how close to the best possible"
    above = (roadmap.objective - roadmap.lower_bound) / roadmap.lower_bound
    return f"within {_percent_up(above)}% of the best possible"


def _percent_up(fraction: float) -> int:
    """A fraction as a whole percentage, rounded up; a difference below a billionth of a
    percent is the arithmetic's noise (6.9 against 6 is 15%, not 16%)."""
    return math.ceil(fraction * 100 - 1e-9)


def count(number: int, noun: str) -> str:
    """"1 vote", "4 votes": a count with its noun, not "4 vote(s)"."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def framework_level(name: str, level) -> str:
    """A framework's level in words: "Microsoft MLOps maturity model level 1", and
    "Google Cloud MLOps level 1" (not "... levels level 1")."""
    return f"{name.removesuffix(' levels')} level {level}"


def short_framework(name: str) -> str:
    """A framework's name on a milestone label: "Google Cloud MLOps levels" -> "Google",
    "No / Low / High MLOps" -> "No/Low/High" (not "No", which reads as "no level")."""
    return {"Five-stage maturity": "Five-stage", "No / Low / High MLOps": "No/Low/High"}.get(name, name.split()[0])
