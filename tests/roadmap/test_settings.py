"""The roadmap's settings at their boundaries, and conversions between time units worked
out by hand (from survivors of the settings mutation run)."""

from __future__ import annotations

from datetime import date

import pytest

from planner.roadmap.settings import (SettingsError, convert_amounts, convert_pins, next_month_start,
                                      read_settings)

START = date(2027, 1, 1)  # a Friday: weeks run Friday to Thursday


@pytest.mark.parametrize("today, first", [(date(2026, 12, 3), date(2027, 1, 1)), (date(2026, 11, 30),
                                                                                   date(2026, 12, 1)),
                                          (date(2027, 1, 31), date(2027, 2, 1))])
def test_the_default_start_is_the_first_of_next_month(today, first):
    assert next_month_start(today) == first


@pytest.mark.parametrize("key", ["start_date", "status_date"])
@pytest.mark.parametrize("day, ok", [("1970-01-01", True), ("1969-12-31", False), ("2200-12-31", True),
                                     ("2201-01-01", False)])
def test_dates_from_1970_to_2200(demo, key, day, ok):
    catalog, _ = demo
    if ok:
        settings = read_settings(catalog, {key: day})
        assert getattr(settings, key).isoformat() == day
    else:
        with pytest.raises(SettingsError, match=f"{key} {day} is out of range; use a year from 1970 to 2200"):
            read_settings(catalog, {key: day})


def test_unknown_settings_and_rates_of_unknown_roles_are_refused(demo):
    catalog, _ = demo
    with pytest.raises(SettingsError, match="unknown roadmap setting 'speed'; known settings: .*status_date"):
        read_settings(catalog, {"speed": 2})
    with pytest.raises(SettingsError, match="rates name unknown role 'pilots'"):
        read_settings(catalog, {"rates": {"pilots": 100}})


def test_a_list_per_month_becomes_one_per_week_from_each_weeks_first_day():
    # January's weeks start on the 1st, 8th, 15th, 22nd and 29th; February's on the 5th to
    # the 26th; March's on the 5th to the 26th: 13 weeks up to the end of March
    assert convert_amounts([1, 2, 3], "month", "week", START, per_period=False) == [1.0] * 5 + [2.0] * 4 + [3.0] * 4


def test_a_list_per_week_becomes_one_per_month_from_each_months_last_day():
    # 31 January is in week 4, 28 February in week 8, 31 March in week 12
    assert convert_amounts(list(range(1, 14)), "week", "month", START, per_period=False) == [5.0, 9.0, 13.0]
    # a repeat at the end changes nothing and is folded; a single value stays one
    assert convert_amounts([5] * 5 + [7] * 8, "week", "month", START, per_period=False) == [5.0, 7.0]
    assert convert_amounts([5] * 5, "week", "month", START, per_period=False) == [5.0]


def test_an_excluded_step_stays_excluded_and_a_pin_keeps_its_first_day():
    # period 4 in months starts on 1 May 2027, day 120: week 17
    assert convert_pins({"cd:1-2": None, "ci:2-3": 4}, "month", "week", START) == {"cd:1-2": None, "ci:2-3": 17}
