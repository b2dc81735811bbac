"""Contacts, referrals and re-referrals, pinned on hand-built records."""

from __future__ import annotations

from datetime import date

from hearth.frontdoor.models import ContactStatus
from hearth.performance.figures import Selection, Tally
from hearth.performance.indicators.frontdoor import contacts, re_referrals, referrals
from hearth.performance.tests.builders import at, child, contact, referral

Q1 = (date(2026, 1, 1), date(2026, 3, 31))


def q1(county, **kwargs) -> Selection:
    return Selection(county.authority.pk, *Q1, **kwargs)


def test_a_contact_counts_once_for_each_child_it_is_about_in_the_child_s_district(county):
    brothers = child(county.aldermoor), child(county.aldermoor)
    contact(at(date(2026, 1, 10)), *brothers)
    contact(at(date(2026, 2, 3)), child(county.eastwold))
    contact(at(date(2026, 2, 4)), child(county.eastwold), status=ContactStatus.DRAFT)  # still being recorded
    figures = contacts(q1(county))
    assert figures.total == Tally(3)
    assert figures.districts == {county.aldermoor.pk: Tally(2), county.eastwold.pk: Tally(1)}
    assert [t.count for t in figures.trend] == [2, 1, 0]


def test_a_contact_is_in_the_range_by_its_local_time_of_receipt(county):
    # 31 March 2026 is in British Summer Time: 23:30 that evening is 22:30 UTC, still 31 March here.
    contact(at(date(2026, 3, 31), 23, 30), child(county.aldermoor))
    contact(at(date(2026, 4, 1), 0, 10), child(county.aldermoor))  # 23:10 UTC on 31 March, but April here
    contact(at(date(2025, 12, 31), 23, 59), child(county.aldermoor))
    assert contacts(q1(county)).total == Tally(1)


def test_referrals_are_counted_by_their_date_and_filtered_to_one_district(county):
    referral(child(county.aldermoor), date(2026, 1, 1))
    referral(child(county.aldermoor), date(2026, 3, 31))
    referral(child(county.eastwold), date(2026, 2, 14))
    referral(child(county.eastwold), date(2026, 4, 1))  # after the range
    figures = referrals(q1(county, district_id=county.aldermoor.pk))
    assert figures.total == Tally(2)
    assert [t.count for t in figures.trend] == [1, 0, 1]
    assert figures.districts[county.eastwold.pk] == Tally(1)  # every district is kept for comparison


def test_a_re_referral_is_a_referral_within_365_days_after_one_of_the_same_child(county):
    again, late, same_day, once = (child(county.aldermoor) for _ in range(4))
    referral(again, date(2025, 2, 1))  # before the range, but within 12 months of the next
    referral(again, date(2026, 1, 31))
    referral(late, date(2025, 1, 30))  # 366 days before the next: too long ago
    referral(late, date(2026, 1, 31))
    referral(same_day, date(2026, 2, 2))
    referral(same_day, date(2026, 2, 2))  # the same day is not "after" the other
    referral(once, date(2026, 3, 1), flagged=True)  # the stored flag is not what counts
    figures = re_referrals(q1(county))
    assert figures.total == Tally(count=1, base=5)
    assert [(t.count, t.base) for t in figures.trend] == [(1, 2), (0, 2), (0, 1)]


def test_a_re_referral_counts_the_earlier_referral_in_the_range_too(county):
    twice = child(county.eastwold)
    referral(twice, date(2026, 1, 5))
    referral(twice, date(2026, 3, 5))
    assert re_referrals(q1(county)).districts == {county.eastwold.pk: Tally(count=1, base=2)}


def test_another_council_s_contacts_and_referrals_are_never_counted(county):
    theirs = child(county.other_district)
    contact(at(date(2026, 1, 10)), theirs)
    referral(theirs, date(2026, 1, 10))
    referral(theirs, date(2026, 2, 10))
    assert contacts(q1(county)).total == Tally()
    assert referrals(q1(county)).total == Tally()
    assert re_referrals(q1(county)).total == Tally()
    assert referrals(Selection(county.other.pk, *Q1)).total == Tally(2)
