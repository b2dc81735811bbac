"""Missing episodes and return home interviews, pinned on hand-built records."""

from __future__ import annotations

from datetime import date, timedelta

from hearth.performance.figures import Selection, Tally
from hearth.performance.indicators.missing import episodes, interviews_offered, interviews_taken
from hearth.performance.tests.builders import at, child, missing


def q1(county) -> Selection:
    return Selection(county.authority.pk, date(2026, 1, 1), date(2026, 3, 31))


def test_missing_episodes_are_counted_by_when_they_started(county):
    runaway = child(county.aldermoor)
    missing(runaway, at(date(2025, 12, 31), 22), at(date(2026, 1, 1), 9))  # started before the range
    missing(runaway, at(date(2026, 1, 20)), at(date(2026, 1, 21)))
    missing(runaway, at(date(2026, 3, 2)))  # still missing
    assert episodes(q1(county)).total == Tally(2)


def test_an_interview_offered_within_72_hours_of_the_return_is_in_time(county):
    back = at(date(2026, 2, 2), 10)
    for hours in (71, 72, 73):
        missing(child(county.aldermoor), back - timedelta(days=1), back, offered_at=back + timedelta(hours=hours),
                outcome="accepted")  # fmt: skip
    missing(
        child(county.aldermoor), back - timedelta(days=1), back, outcome="not_offered"
    )  # never offered: late
    missing(child(county.eastwold), back - timedelta(days=1), back, offered_at=back, outcome="home_authority",
            responsible="hosted")  # another council's child, their interview: not ours to count  # fmt: skip
    figures = interviews_offered(q1(county))
    assert figures.total == Tally(count=2, base=4)


def test_interviews_taken_are_those_accepted_of_those_offered_and_answered(county):
    back = at(date(2026, 3, 2), 10)
    for outcome in ("accepted", "accepted", "declined", ""):  # the last: offered, no answer yet
        missing(child(county.aldermoor), back - timedelta(days=1), back, offered_at=back, outcome=outcome)
    assert interviews_taken(q1(county)).total == Tally(count=2, base=3)


def test_with_no_returns_the_interview_rates_are_a_share_of_nothing(county):
    missing(child(county.aldermoor), at(date(2026, 3, 2)))  # still missing
    assert interviews_offered(q1(county)).total == Tally(0, 0)
    assert interviews_taken(q1(county)).total == Tally(0, 0)


def test_another_council_s_missing_children_are_never_counted(county):
    theirs = child(county.other_district)
    back = at(date(2026, 2, 2), 10)
    missing(theirs, back - timedelta(days=1), back, offered_at=back, outcome="accepted")
    for indicator in (episodes, interviews_offered, interviews_taken):
        assert indicator(q1(county)).total == Tally()
