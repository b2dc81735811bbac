"""Children looked after, care leavers and placement stability, pinned on hand-built records."""

from __future__ import annotations

from datetime import date

from hearth.performance.figures import Selection, Tally
from hearth.performance.indicators.care import (
    care_leavers,
    long_term_stability,
    looked_after,
    three_or_more_placements,
)
from hearth.performance.tests.builders import care, care_leaver, child


def q1(county, **kwargs) -> Selection:
    return Selection(county.authority.pk, date(2026, 1, 1), date(2026, 3, 31), **kwargs)


def test_children_looked_after_on_the_day_leave_out_short_breaks_and_those_who_left_that_day(county):
    care(child(county.aldermoor), date(2025, 6, 1))
    care(child(county.aldermoor), date(2025, 6, 1), legal_status="V3")  # a series of short breaks
    care(child(county.aldermoor), date(2025, 6, 1), date(2026, 3, 31))  # left care on the last day
    care(child(county.eastwold), date(2026, 2, 10))
    figures = looked_after(q1(county))
    assert figures.total == Tally(2)
    assert figures.districts == {county.aldermoor.pk: Tally(1), county.eastwold.pk: Tally(1)}
    assert [t.count for t in figures.trend] == [2, 3, 2]


def test_care_leavers_are_young_people_who_left_care_and_are_relevant_former_relevant_or_qualifying(county):
    former_relevant = child(county.aldermoor, date_of_birth=date(2007, 1, 1))
    care(former_relevant, date(2021, 3, 1), date(2024, 6, 1))  # from 14 to 17: 19 now, a care leaver
    eligible = child(county.aldermoor, date_of_birth=date(2009, 6, 1))
    care(eligible, date(2023, 1, 1))  # still looked after at 16: counted as looked after, not as a leaver
    left_at_15 = child(county.aldermoor, date_of_birth=date(2009, 1, 1))
    care(left_at_15, date(2023, 2, 1), date(2024, 12, 1))  # left before 16: not a care leaver
    too_old = child(county.aldermoor, date_of_birth=date(2000, 1, 1))
    care(too_old, date(2015, 1, 1), date(2017, 6, 1))  # 26 now
    support_ended = child(county.eastwold, date_of_birth=date(2007, 1, 1))
    care(support_ended, date(2021, 3, 1), date(2024, 6, 1))
    care_leaver(support_ended, ended_on=date(2026, 2, 1))  # chose to end support on 1 February
    figures = care_leavers(q1(county))
    assert figures.total == Tally(1)
    assert [t.count for t in figures.trend] == [2, 1, 1]


def test_three_or_more_placements_in_the_year_to_the_day_count_and_temporary_ones_do_not(county):
    care(child(county.aldermoor), date(2024, 6, 1), placements=[
        (date(2024, 6, 1), date(2025, 8, 1), "U1"),  # ended within the 12 months to 31 March 2026: counts
        (date(2025, 8, 1), date(2025, 12, 1), "U4"),
        (date(2025, 12, 1), None, "U1"),
    ])  # fmt: skip
    care(child(county.aldermoor), date(2025, 6, 1), placements=[
        (date(2025, 6, 1), date(2025, 8, 1), "U1"),
        (date(2025, 8, 1), date(2025, 8, 20), "T1"),  # a temporary placement
        (date(2025, 8, 20), None, "U1"),
    ])  # fmt: skip
    assert three_or_more_placements(q1(county)).total == Tally(count=1, base=2)


def test_long_term_stability_counts_children_under_16_looked_after_two_and_a_half_years(county):
    care(child(county.aldermoor, date_of_birth=date(2015, 1, 1)), date(2022, 1, 1), placements=[
        (date(2022, 1, 1), date(2023, 6, 1), "U1"), (date(2023, 6, 1), None, "U1"),  # nearly 3 years there
    ])  # fmt: skip
    care(child(county.aldermoor, date_of_birth=date(2015, 1, 1)), date(2022, 1, 1), placements=[
        (date(2022, 1, 1), date(2025, 1, 1), "U1"), (date(2025, 1, 1), None, "U1"),  # moved 15 months ago
    ])  # fmt: skip
    care(
        child(county.aldermoor, date_of_birth=date(2015, 1, 1)), date(2025, 1, 1)
    )  # not long enough: not counted
    care(child(county.aldermoor, date_of_birth=date(2009, 1, 1)), date(2020, 1, 1))  # 17: not counted
    assert long_term_stability(q1(county)).total == Tally(count=1, base=2)


def test_with_nobody_looked_after_the_stability_measures_are_a_share_of_nothing(county):
    assert three_or_more_placements(q1(county)).total == Tally(0, 0)
    assert long_term_stability(q1(county)).total == Tally(0, 0)


def test_another_council_s_children_in_care_are_never_counted(county):
    care(child(county.other_district, date_of_birth=date(2007, 1, 1)), date(2021, 3, 1), date(2024, 6, 1))
    care(child(county.other_district), date(2025, 6, 1))
    for indicator in (looked_after, care_leavers, three_or_more_placements, long_term_stability):
        assert indicator(q1(county)).total == Tally()
