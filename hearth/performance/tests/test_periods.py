from __future__ import annotations

from datetime import date

import pytest

from hearth.performance.periods import bucket_index, buckets, twelve_months_to


def test_the_twelve_months_to_a_day_start_the_day_after_the_same_date_a_year_before():
    assert twelve_months_to(date(2026, 11, 23)) == (date(2025, 11, 24), date(2026, 11, 23))
    assert twelve_months_to(date(2028, 2, 29)) == (date(2027, 3, 1), date(2028, 2, 29))


def test_a_range_of_up_to_two_years_is_split_into_months_and_cut_months_say_which_days_they_cover():
    periods = buckets(date(2025, 11, 24), date(2026, 11, 23))
    assert len(periods) == 13
    assert [p.label for p in periods[:2]] == ["24 to 30 November 2025", "December 2025"]
    assert periods[-1].label == "1 to 23 November 2026" and periods[-1].end == date(2026, 11, 23)
    assert periods[1].short == "Dec 2025"


def test_a_longer_range_is_split_into_calendar_quarters():
    periods = buckets(date(2022, 4, 1), date(2026, 3, 31))
    assert len(periods) == 16
    assert periods[0].label == "April to June 2022" and periods[0].short == "Q2 2022"
    assert periods[-1].label == "January to March 2026"
    cut = buckets(date(2022, 5, 10), date(2025, 1, 15))
    assert cut[0].label == "10 May to 30 June 2022" and cut[-1].label == "1 to 15 January 2025"


def test_a_day_is_found_in_its_period_and_a_month_that_began_before_the_range_counts_in_the_first():
    periods = buckets(date(2025, 11, 24), date(2026, 11, 23))
    assert bucket_index(periods, date(2025, 11, 1)) == 0
    assert bucket_index(periods, date(2025, 12, 31)) == 1
    assert bucket_index(periods, date(2026, 11, 23)) == 12


def test_a_range_that_ends_before_it_starts_has_no_periods():
    with pytest.raises(ValueError, match="ends before it starts"):
        buckets(date(2026, 2, 1), date(2026, 1, 1))
