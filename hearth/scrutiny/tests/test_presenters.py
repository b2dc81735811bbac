"""How the scrutiny pages and the pack write meetings, members and the work programme."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from hearth.scrutiny.models import CommitteeMeeting, CommitteeMember, MeetingStatus, MemberRole, ProgrammeItem
from hearth.scrutiny.presenters import (
    calendar,
    member_line,
    members_in_order,
    municipal_year,
    next_meeting,
    programme_tables,
    programme_when,
)

TODAY = date(2026, 11, 23)


def _meeting(day: date, status: str = MeetingStatus.SCHEDULED, hour: int = 10) -> CommitteeMeeting:
    return CommitteeMeeting(starts_at=timezone.make_aware(datetime.combine(day, time(hour))), status=status,
                            venue="Oak Room")  # fmt: skip


def test_the_calendar_puts_the_next_meeting_first_then_those_past_latest_first():
    june, october = (
        _meeting(date(2026, 6, 4), MeetingStatus.HELD),
        _meeting(date(2026, 10, 1), MeetingStatus.HELD),
    )
    cancelled = _meeting(date(2026, 12, 3), MeetingStatus.CANCELLED)
    january, march = _meeting(date(2027, 1, 14)), _meeting(date(2027, 3, 4))
    rows = calendar([march, june, cancelled, october, january], TODAY)
    assert [r.meeting for r in rows] == [cancelled, january, march, october, june]
    assert [r.is_next for r in rows] == [False, True, False, False, False]  # a cancelled meeting is not next
    assert rows[1].when == "Thursday 14 January 2027 at 10am"
    assert [r.status for r in rows] == ["Cancelled", "To come", "To come", "Held", "Held"]
    assert next_meeting([june, october], TODAY) is None


def test_a_meeting_later_today_is_still_to_come():
    later = _meeting(TODAY, hour=18)
    assert next_meeting([later], TODAY) is later and calendar([later], TODAY)[0].past is False


def test_members_are_listed_chair_first_and_co_opted_members_last():
    members = [CommitteeMember(name="Zoe Adams", party="Labour", role=MemberRole.MEMBER),
               CommitteeMember(name="Pat Lowe", party="", role=MemberRole.CO_OPTED),
               CommitteeMember(name="Bob Spencer", party="Green", role=MemberRole.VICE_CHAIR),
               CommitteeMember(name="Ann Beech", party="Conservative", role=MemberRole.CHAIR),
               CommitteeMember(name="Al Moss", party="Labour", role=MemberRole.MEMBER)]  # fmt: skip
    assert [member_line(m) for m in members_in_order(members)] == [
        "Councillor Ann Beech (Chair), Conservative", "Councillor Bob Spencer (Vice-chair), Green",
        "Councillor Al Moss, Labour", "Councillor Zoe Adams, Labour", "Pat Lowe (Co-opted member)",
    ]  # fmt: skip


def test_a_work_programme_item_is_dated_by_its_meeting_its_day_or_month_or_to_be_confirmed():
    meeting = _meeting(date(2027, 1, 14))
    assert programme_when(ProgrammeItem(kind="meeting", title="A", meeting=meeting)) == "14 January 2027"
    assert (
        programme_when(ProgrammeItem(kind="briefing", title="B", on=date(2026, 9, 17))) == "17 September 2026"
    )
    assert programme_when(
        ProgrammeItem(kind="briefing", title="C", on=date(2026, 9, 1), month_only=True)
    ) == ("September 2026")
    assert programme_when(ProgrammeItem(kind="meeting", title="D")) == "To be confirmed"
    assert programme_when(ProgrammeItem(kind="standing", title="E")) == ""


def test_the_work_programme_has_the_seed_s_tables_each_in_date_order_with_undated_items_last():
    items = [ProgrammeItem(kind="meeting", title="Later"), ProgrammeItem(kind="standing", title="Reviews"),
             ProgrammeItem(kind="meeting", title="Sooner", on=date(2026, 7, 1)),
             ProgrammeItem(kind="briefing", title="Visit", on=date(2026, 9, 17))]  # fmt: skip
    tables = programme_tables(items, "2026-27")
    assert [t.caption for t in tables] == ["Work programme 2026-27", "Standing items 2026-27",
                                           "Briefing notes, updates and visits 2026-27",
                                           "Working groups and inquiry days 2026-27"]  # fmt: skip
    assert [i.title for i in tables[0].items] == ["Sooner", "Later"]
    assert [t.dated for t in tables] == [True, False, True, True]
    assert tables[3].items == []


def test_the_municipal_year_starts_in_may():
    assert municipal_year(date(2026, 11, 23)) == "2026-27"
    assert municipal_year(date(2027, 4, 30)) == "2026-27" and municipal_year(date(2027, 5, 1)) == "2027-28"
