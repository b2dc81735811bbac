"""Every statutory timescale, pinned to real dates, across weekends and England and Wales bank holidays."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.casework import timescales as t


@pytest.mark.parametrize(
    ("referred", "due"),
    [
        (date(2026, 1, 5), date(2026, 3, 9)),  # Monday; no bank holidays: 9 weeks exactly
        (date(2026, 3, 20), date(2026, 5, 28)),  # spans Good Friday, Easter Monday and both May bank holidays
        (
            date(2026, 11, 21),
            date(2026, 1, 28).replace(year=2027),
        ),  # a Saturday counts from Monday; Christmas
    ],
)
def test_an_assessment_is_due_45_working_days_after_the_referral(referred, due):
    assert t.assessment_due(referred) == due


@pytest.mark.parametrize(
    ("strategy", "due"),
    [
        (date(2026, 8, 21), date(2026, 9, 14)),  # Friday; the summer bank holiday (31 August) is skipped
        (
            date(2026, 12, 18),
            date(2027, 1, 13),
        ),  # Christmas, Boxing Day (substitute, 28th) and New Year skipped
        (date(2026, 6, 1), date(2026, 6, 22)),  # no bank holiday: three weeks
    ],
)
def test_an_initial_conference_is_due_15_working_days_after_the_strategy_discussion(strategy, due):
    assert t.initial_conference_due(strategy) == due


def test_the_first_core_group_is_due_10_working_days_after_the_initial_conference():
    assert t.core_group_due(date(2026, 5, 20)) == date(2026, 6, 4)  # skips the spring bank holiday (25 May)
    assert t.core_group_due(date(2026, 11, 23)) == date(2026, 12, 7)


def test_the_first_review_is_3_months_after_the_initial_conference_then_every_6_months():
    assert t.review_conference_due(date(2026, 1, 15)) == date(2026, 4, 15)
    assert t.review_conference_due(date(2026, 1, 15), previous_review_on=date(2026, 4, 14)) == date(
        2026, 10, 14
    )


def test_months_end_on_the_last_day_of_a_shorter_month():
    assert t.review_conference_due(date(2025, 11, 30)) == date(2026, 2, 28)
    assert t.add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)  # leap year
    assert t.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)


def test_a_review_before_the_initial_conference_is_refused():
    with pytest.raises(ValueError):
        t.review_conference_due(date(2026, 5, 1), previous_review_on=date(2026, 4, 1))


def test_a_child_protection_visit_is_due_10_working_days_after_the_last():
    assert t.cp_visit_due(date(2026, 12, 21)) == date(2027, 1, 7)  # Christmas week and New Year skipped
    assert t.cp_visit_due(date(2026, 4, 1)) == date(2026, 4, 17)  # Good Friday 3 April, Easter Monday 6 April


def test_local_review_cycles_move_off_weekends_and_bank_holidays_to_the_working_day_before():
    from hearth.casework.timescales import fgc_review_due, next_core_group_due, plan_review_due

    assert next_core_group_due(date(2026, 11, 13)) == date(2026, 12, 24)  # 6 weeks on is Christmas Day
    assert plan_review_due("family", date(2026, 7, 20)) == date(2026, 8, 28)  # the August bank holiday
    assert plan_review_due("cin", date(2026, 9, 12)) == date(2026, 12, 11)  # 12 December is a Saturday
    assert fgc_review_due(date(2026, 10, 5)) == date(2027, 1, 5)
