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


def test_preferences_are_read_with_their_defaults_and_each_is_checked(demo):
    from planner.roadmap.options import Preferences

    catalog, _ = demo
    assert read_settings(catalog, {}).preferences == Preferences()
    given = {"prefer_open_source": True, "excluded_licences": ["AGPL", "BUSL"], "clouds": ["aws", "on-prem"],
             "allow_unmaintained": True}
    assert read_settings(catalog, {"preferences": given}).preferences == Preferences(
        True, frozenset({"AGPL", "BUSL"}), frozenset({"aws", "on-prem"}), True)
    for key in ("prefer_open_source", "allow_unmaintained"):
        with pytest.raises(SettingsError, match=f"^preferences.{key} must be true or false, not 'yes'$"):
            read_settings(catalog, {"preferences": {key: "yes"}})
    for key in ("excluded_licences", "clouds"):
        for wrong in ("AGPL", 3, ["AGPL", 3]):
            with pytest.raises(SettingsError, match=f"^preferences.{key} must be a list of names, not "):
                read_settings(catalog, {"preferences": {key: wrong}})
    with pytest.raises(SettingsError) as refused:
        read_settings(catalog, {"preferences": {"speed": 1}})
    assert str(refused.value) == ("unknown preference 'speed'; the preferences are: prefer_open_source, "
                                  "excluded_licences, clouds, allow_unmaintained")
    with pytest.raises(SettingsError) as refused:
        read_settings(catalog, {"preferences": {"clouds": ["mars"]}})
    assert str(refused.value) == ("preferences.clouds: 'mars' is not a place options run; use any of aws, gcp, "
                                  "azure, databricks, on-prem, saas")


def test_unknown_roles_are_named_with_every_role_there_is(demo):
    catalog, _ = demo
    roles = "data_engineering, data_science, governance, ml_engineering, platform"
    for setting, names in (("capacity", "capacity names"), ("rates", "rates name"), ("team_cap", "team_cap names")):
        with pytest.raises(SettingsError) as refused:
            read_settings(catalog, {setting: {"pilots": 1}})
        assert str(refused.value) == f"{names} unknown role 'pilots'; roles are: {roles}"
    with pytest.raises(SettingsError) as refused:
        read_settings(catalog, {"speed": 2})
    assert str(refused.value).startswith("unknown roadmap setting 'speed'; known settings: budget_per_period, ")


def test_team_caps_come_from_the_catalog_and_a_plan_may_lift_one(demo):
    catalog, _ = demo
    caps = {r.id: r.team_cap for r in catalog.roles}
    assert read_settings(catalog, {}).team_cap == caps and caps["governance"] == 1
    lifted = read_settings(catalog, {"team_cap": {"ml_engineering": None, "governance": 1.5}}).team_cap
    assert "ml_engineering" not in lifted and lifted["governance"] == 1.5 and lifted["platform"] == 2


def test_a_role_the_defaults_do_not_know_gets_one_fte_and_the_horizon_is_read(demo):
    from dataclasses import replace

    from planner.catalog.model import Role

    catalog, _ = demo
    wider = replace(catalog, roles=catalog.roles + (Role("security", "Security"),))
    capacity = read_settings(wider, {}).capacity
    assert capacity["security"].values == (1.0,) and capacity["platform"].values == (1.5,)
    settings = read_settings(catalog, {"horizon_years": 5, "rates": {"platform": 4000}})
    assert settings.horizon_years == 5 and settings.rates.horizon_years == 5
    assert settings.rates.weekly_cost["platform"] == 4000


def test_a_scaled_amount_snaps_to_cents_only_within_a_millionth():
    from planner.roadmap.settings import _scaled

    assert _scaled(0.1, 3) == 0.3  # 0.30000000000000004 is 0.3
    assert _scaled(1, 1 / 3) == 1 / 3  # not a cent value: kept exact
    assert _scaled(0.005000000001, 1.0) == 0.005000000001  # a millionth of 0.005, which is no cent value
    assert _scaled(-0.1, 3) == -0.3


def test_a_list_per_month_ending_on_a_friday_keeps_the_week_that_starts_that_day():
    """April 2027 ends on a Friday, the first day of a week from a Friday start: the weeks
    run to the one that holds April's last day, so that week takes April's figure."""
    weeks = convert_amounts([1, 2, 3, 4], "month", "week", START, per_period=False)
    assert date(2027, 4, 30).weekday() == START.weekday() == 4
    assert len(weeks) == (date(2027, 4, 30) - START).days // 7 + 1 == 18 and weeks[-1] == 4
    assert convert_amounts(None, "month", "week", START, per_period=True) is None
