"""Periods as dates and quarters: the one module every output words them with."""

from datetime import date
from types import SimpleNamespace

from planner import words


def months(start: str):
    return SimpleNamespace(start_date=date.fromisoformat(start), time_unit="month")


def test_a_step_ends_on_the_last_day_of_its_last_period():
    s = months("2027-01-01")
    assert words.first_day(s, 2) == date(2027, 3, 1) and words.last_day(s, 2) == date(2027, 3, 31)
    assert words.last_day(s, 1) == date(2027, 2, 28)
    assert words.span(s, 0, 3) == "Jan 2027 – Mar 2027" and words.span(s, 2, 3) == "Mar 2027"


def test_the_end_of_march_is_in_q1_and_the_first_of_april_in_q2():
    s = months("2027-02-01")
    assert words.quarter(s, 1) == "Q1 2027"  # March: a milestone reached in it is Q1
    assert words.quarter(s, 2) == "Q2 2027"
    assert words.last_day(s, words.last_period(2)) == date(2027, 3, 31)  # finishing at the start of period 2


def test_mid_month_starts_and_weeks():
    s = months("2027-01-31")
    assert words.first_day(s, 1) == date(2027, 2, 28) and words.last_day(s, 0) == date(2027, 2, 27)
    weeks = SimpleNamespace(start_date=date(2027, 3, 29), time_unit="week")
    assert words.last_day(weeks, 0) == date(2027, 4, 4) and words.quarter(weeks, 0) == "Q1 2027"
    assert words.period_label(weeks, 1) == "week of 2027-04-05"
    assert words.period_of(date(2027, 4, 4), weeks.start_date, "week") == 0


def test_money_and_periods():
    assert words.money(1234567.4, "EUR") == "1,234,567 EUR"
    assert words.periods(1, "month") == "1 month" and words.periods(7, "week") == "7 weeks"
