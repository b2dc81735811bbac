from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from hearth.core.calendar import add_working_days, is_working_day, working_days_between

LONDON = ZoneInfo("Europe/London")


def test_weekends_and_bank_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 11, 21))  # Saturday
    assert not is_working_day(date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day substitute (26th is a Saturday)
    assert not is_working_day(date(2026, 8, 31))  # summer bank holiday, England and Wales
    assert is_working_day(date(2026, 11, 23))


def test_one_working_day_after_a_friday_afternoon_is_monday_afternoon():
    friday = datetime(2026, 11, 20, 15, 0, tzinfo=LONDON)
    assert add_working_days(friday, 1) == datetime(2026, 11, 23, 15, 0, tzinfo=LONDON)


def test_christmas_is_skipped():
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_a_start_on_a_weekend_counts_from_the_next_working_day():
    assert add_working_days(date(2026, 11, 21), 0) == date(2026, 11, 23)
    assert add_working_days(date(2026, 11, 21), 1) == date(2026, 11, 24)


def test_fifteen_working_days_spans_three_weeks_and_the_bank_holiday():
    # Strategy discussion Friday 21 August 2026; 31 August is a bank holiday.
    assert add_working_days(date(2026, 8, 21), 15) == date(2026, 9, 14)


def test_working_days_between_counts_only_working_days():
    assert working_days_between(date(2026, 11, 20), date(2026, 11, 23)) == 1
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 29)) == 1
    assert working_days_between(date(2026, 11, 23), date(2026, 11, 23)) == 0
