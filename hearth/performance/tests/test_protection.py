"""Assessments, section 47 enquiries, initial conferences, plans and children in need, pinned on hand-built
records. Timescales are in working days: weekends and England and Wales bank holidays do not count."""

from __future__ import annotations

from datetime import date

from hearth.casework.models import AssessmentStatus
from hearth.performance.figures import NO_TEAM, Selection, Tally
from hearth.performance.indicators.protection import (
    assessments_in_time,
    children_in_need,
    conferences_in_time,
    plans,
    repeat_plans,
    repeat_plans_within_two_years,
    section_47,
)
from hearth.performance.tests.builders import (
    assessment,
    child,
    initial_conference,
    involvement,
    plan,
    strategy,
)


def between(county, start, end, **kwargs) -> Selection:
    return Selection(county.authority.pk, start, end, **kwargs)


def test_an_assessment_is_in_time_up_to_the_45th_working_day_with_christmas_bank_holidays_not_counted(county):
    # Referred on Monday 1 December 2025: 45 working days, without 25 and 26 December and 1 January, end on
    # Thursday 5 February 2026 (counting every weekday would make it Monday 2 February).
    sam = county.social_worker
    on_the_day = assessment(
        child(county.aldermoor), referred_on=date(2025, 12, 1), completed_on=date(2026, 2, 5), worker=sam
    )
    a_day_late = assessment(
        child(county.aldermoor), referred_on=date(2025, 12, 1), completed_on=date(2026, 2, 6), worker=sam
    )
    assessment(
        child(county.eastwold), referred_on=date(2025, 12, 1), completed_on=date(2026, 2, 4)
    )  # no worker
    assessment(
        child(county.eastwold),
        referred_on=date(2026, 1, 5),
        completed_on=None,
        status=AssessmentStatus.IN_PROGRESS,
    )
    figures = assessments_in_time(between(county, date(2026, 2, 1), date(2026, 2, 28)))
    assert figures.total == Tally(count=2, base=3)
    assert figures.districts == {county.aldermoor.pk: Tally(1, 2), county.eastwold.pk: Tally(1, 1)}
    assert figures.teams == {county.safeguarding.pk: Tally(1, 2), NO_TEAM: Tally(1, 1)}
    assert on_the_day.completed_on and a_day_late.completed_on  # made as the test says


def test_an_assessment_counts_in_the_period_it_was_completed(county):
    assessment(child(county.aldermoor), referred_on=date(2025, 12, 1), completed_on=date(2026, 1, 31))
    figures = assessments_in_time(between(county, date(2026, 2, 1), date(2026, 2, 28)))
    assert figures.total == Tally()  # no assessments completed: a share of nothing, shown as "no data"


def test_section_47_enquiries_are_the_strategy_discussions_that_started_one(county):
    by = county.social_worker
    strategy(child(county.aldermoor), date(2026, 1, 7), by=by)
    strategy(child(county.aldermoor), date(2026, 1, 8), section_47=False, by=by)
    strategy(child(county.eastwold), date(2026, 2, 8), by=by)
    figures = section_47(between(county, date(2026, 1, 1), date(2026, 3, 31)))
    assert figures.total == Tally(2) and [t.count for t in figures.trend] == [1, 1, 0]


def test_an_initial_conference_is_in_time_up_to_15_working_days_after_the_strategy_discussion_not_counting_easter(
    county,
):
    # Discussed on Thursday 2 April 2026: Good Friday and Easter Monday are bank holidays, so the 15th working
    # day is Monday 27 April (counting every weekday would make it Thursday 23 April).
    by = county.social_worker
    initial_conference(
        child(county.aldermoor), discussed_on=date(2026, 4, 2), held_on=date(2026, 4, 27), by=by
    )
    initial_conference(
        child(county.aldermoor), discussed_on=date(2026, 4, 2), held_on=date(2026, 4, 28), by=by
    )
    initial_conference(
        child(county.aldermoor), discussed_on=None, held_on=date(2026, 4, 20), by=by
    )  # not counted
    figures = conferences_in_time(between(county, date(2026, 4, 1), date(2026, 4, 30)))
    assert figures.total == Tally(count=1, base=2)


def test_children_on_a_plan_are_counted_on_the_last_day_by_category_of_abuse(county):
    plan(child(county.aldermoor), date(2025, 6, 1), category="NEG")
    plan(child(county.aldermoor), date(2026, 2, 1), category="EMO")
    plan(child(county.eastwold), date(2025, 6, 1), date(2026, 3, 31), category="NEG")  # ended on the last day
    plan(child(county.eastwold), date(2025, 6, 1), date(2026, 1, 15), category="PHY")
    figures = plans(between(county, date(2026, 1, 1), date(2026, 3, 31)))
    assert figures.total == Tally(2)
    assert figures.parts == {"Neglect": Tally(1), "Emotional abuse": Tally(1)}
    assert [t.count for t in figures.trend] == [2, 3, 2]  # at the end of January, February and March


def test_a_repeat_plan_is_a_second_or_later_plan_and_counts_within_two_years_of_the_last_one_ending(county):
    soon, later, first = child(county.aldermoor), child(county.aldermoor), child(county.aldermoor)
    plan(soon, date(2023, 1, 1), date(2024, 3, 1))
    plan(soon, date(2026, 2, 1))  # 23 months after the last ended
    plan(later, date(2022, 1, 1), date(2023, 12, 1))
    plan(later, date(2026, 2, 1))  # 26 months after
    plan(first, date(2026, 3, 1))
    selection = between(county, date(2026, 1, 1), date(2026, 3, 31))
    assert repeat_plans(selection).total == Tally(count=2, base=3)
    assert repeat_plans_within_two_years(selection).total == Tally(count=1, base=3)


def test_children_in_need_have_an_open_social_care_or_child_protection_episode_on_the_day(county):
    involvement(child(county.aldermoor), "social_care", date(2025, 5, 1))
    involvement(child(county.aldermoor), "child_protection", date(2026, 3, 31))  # started on the day: counted
    involvement(child(county.aldermoor), "early_help", date(2025, 5, 1))  # early help is not children in need
    involvement(
        child(county.eastwold), "social_care", date(2025, 5, 1), date(2026, 3, 31)
    )  # closed on the day
    twice = child(county.eastwold)
    involvement(twice, "social_care", date(2025, 5, 1))
    involvement(twice, "child_protection", date(2025, 9, 1))  # one child, counted once
    figures = children_in_need(between(county, date(2026, 1, 1), date(2026, 3, 31)))
    assert figures.total == Tally(3)
    assert figures.districts == {county.aldermoor.pk: Tally(2), county.eastwold.pk: Tally(1)}
    assert [t.count for t in figures.trend] == [3, 3, 3]


def test_another_council_s_protection_records_are_never_counted(county):
    theirs = child(county.other_district)
    plan(theirs, date(2026, 1, 1))
    involvement(theirs, "social_care", date(2026, 1, 1))
    strategy(theirs, date(2026, 1, 2), by=county.second_authority_worker)
    selection = between(county, date(2026, 1, 1), date(2026, 3, 31))
    for indicator in (plans, children_in_need, section_47, repeat_plans):
        assert indicator(selection).total == Tally()
