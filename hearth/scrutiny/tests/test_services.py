"""Committees, members, meetings and the work programme: what the services write, audit and refuse."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.scrutiny import services
from hearth.scrutiny.models import (
    Committee,
    CommitteeMeeting,
    CommitteeMember,
    MeetingStatus,
    MemberRole,
    ProgrammeItem,
    ProgrammeKind,
)
from hearth.scrutiny.tests.conftest import at

pytestmark = pytest.mark.django_db


def _messages(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


def test_a_committee_is_added_for_the_officer_s_council_and_audited(scrutiny):
    panel = services.committee_create(by=scrutiny.officer, name="  Corporate   Parenting Panel ",
                                      remit="The council as corporate parent.", venue="Elm Room")  # fmt: skip
    assert panel.name == "Corporate Parenting Panel" and panel.authority_id == scrutiny.officer.authority_id
    event = AuditEvent.objects.latest("pk")
    assert (
        event.summary == "Added the committee Corporate Parenting Panel" and event.actor == scrutiny.officer
    )


def test_a_committee_needs_a_name_that_is_not_taken(scrutiny):
    with pytest.raises(ValidationError) as error:
        services.committee_create(by=scrutiny.officer, name=" ")
    assert _messages(error) == {"name": ["Enter the committee’s name"]}
    with pytest.raises(ValidationError) as error:
        services.committee_create(by=scrutiny.officer, name=scrutiny.committee.name.upper())
    assert _messages(error)["name"][0].startswith("There is already a committee called")
    # Another council may have a committee of the same name.
    services.committee_create(by=scrutiny.other_officer, name=scrutiny.committee.name)
    assert Committee.objects.filter(name=scrutiny.committee.name).count() == 2


def test_a_committee_has_one_chair(scrutiny):
    with pytest.raises(ValidationError) as error:
        services.member_add(by=scrutiny.officer, committee=scrutiny.committee, name="Cy Dale", party="Labour",
                            role=MemberRole.CHAIR)  # fmt: skip
    assert _messages(error) == {
        "role": ["Councillor Ann Beech is already the chair. Remove them first, or choose another role"]
    }
    assert not CommitteeMember.objects.filter(name="Cy Dale").exists()


def test_a_councillor_needs_a_party_but_a_co_opted_member_does_not(scrutiny):
    with pytest.raises(ValidationError) as error:
        services.member_add(by=scrutiny.officer, committee=scrutiny.committee, name="Cy Dale", party="",
                            role=MemberRole.MEMBER)  # fmt: skip
    assert _messages(error) == {"party": ["Enter the councillor’s party, or Independent"]}
    member = services.member_add(by=scrutiny.officer, committee=scrutiny.committee, name="Pat Lowe", party="",
                                 role=MemberRole.CO_OPTED)  # fmt: skip
    assert member.title == "Pat Lowe"
    assert AuditEvent.objects.latest("pk").summary.startswith("Added Pat Lowe (co-opted member) to Children")


def test_a_member_cannot_be_added_twice_or_with_a_role_that_does_not_exist(scrutiny):
    with pytest.raises(ValidationError) as error:
        services.member_add(by=scrutiny.officer, committee=scrutiny.committee, name="zoe adams", party="Labour",
                            role="treasurer")  # fmt: skip
    assert set(_messages(error)) == {"name", "role"}


def test_removing_a_member_is_audited(scrutiny):
    chair = scrutiny.committee.members.get(role=MemberRole.CHAIR)
    services.member_remove(by=scrutiny.officer, member=chair)
    assert not scrutiny.committee.members.filter(role=MemberRole.CHAIR).exists()
    assert AuditEvent.objects.latest("pk").summary == (
        "Removed Councillor Ann Beech from Children and Families Overview and Scrutiny Committee"
    )


def test_a_meeting_is_scheduled_at_the_committee_s_usual_venue_unless_another_is_given(scrutiny):
    day = timezone.localdate() + timedelta(days=40)
    meeting = services.meeting_schedule(by=scrutiny.officer, committee=scrutiny.committee, on=day,
                                        starts=time(10, 0))  # fmt: skip
    assert meeting.venue == "Oak Room, County Buildings" and meeting.status == MeetingStatus.SCHEDULED
    assert timezone.localtime(meeting.starts_at).hour == 10
    assert "Scheduled a meeting of Children and Families" in AuditEvent.objects.latest("pk").summary


def test_a_new_meeting_cannot_be_in_the_past_and_needs_a_time(scrutiny):
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.meeting_schedule(
            by=scrutiny.officer, committee=scrutiny.committee, on=yesterday, starts=None
        )
    assert _messages(error) == {
        "on": ["The date of a new meeting must be today or in the future"],
        "starts": ["Enter the time the meeting starts, like 10:00"],
    }
    assert CommitteeMeeting.objects.filter(committee=scrutiny.committee).count() == 2


def test_a_committee_cannot_meet_twice_at_the_same_time(scrutiny):
    local = timezone.localtime(scrutiny.coming.starts_at)
    with pytest.raises(ValidationError) as error:
        services.meeting_schedule(by=scrutiny.officer, committee=scrutiny.committee, on=local.date(),
                                  starts=local.time())  # fmt: skip
    assert "already meets on" in _messages(error)["on"][0]


def test_a_meeting_to_come_can_be_cancelled_with_a_reason(scrutiny):
    with pytest.raises(ValidationError) as error:
        services.meeting_cancel(by=scrutiny.officer, meeting=scrutiny.coming, reason=" ")
    assert _messages(error) == {"reason": ["Enter why the meeting is cancelled"]}
    meeting = services.meeting_cancel(by=scrutiny.officer, meeting=scrutiny.coming, reason="Not quorate")
    assert (meeting.status, meeting.note) == (MeetingStatus.CANCELLED, "Not quorate")
    with pytest.raises(ValidationError, match="already cancelled"):
        services.meeting_cancel(by=scrutiny.officer, meeting=scrutiny.coming, reason="Again")


def test_only_a_meeting_that_has_started_can_be_recorded_as_held(scrutiny):
    with pytest.raises(ValidationError, match="has not started yet"):
        services.meeting_held(by=scrutiny.officer, meeting=scrutiny.coming)
    past = CommitteeMeeting.objects.create(authority=scrutiny.committee.authority, committee=scrutiny.committee,
                                           starts_at=at(-2), venue="Oak Room")  # fmt: skip
    assert services.meeting_held(by=scrutiny.officer, meeting=past).status == MeetingStatus.HELD


def test_an_agenda_is_published_only_with_items_and_before_the_meeting(scrutiny):
    with pytest.raises(ValidationError, match="Add the items to the agenda before publishing it"):
        services.meeting_publish(by=scrutiny.officer, meeting=scrutiny.coming)
    with pytest.raises(ValidationError, match="still to come"):
        services.meeting_publish(by=scrutiny.officer, meeting=scrutiny.held)


def test_the_work_programme_holds_items_for_a_meeting_a_month_or_to_be_confirmed(scrutiny):
    item = services.programme_item_add(
        by=scrutiny.officer, committee=scrutiny.committee, kind=ProgrammeKind.MEETING, title="Missing children",
        details="Members asked for a report in six months.", lead_officer="Mick Harris",
        cabinet_member="Councillor Mark Sutton", meeting=scrutiny.coming,
    )  # fmt: skip
    visit = services.programme_item_add(by=scrutiny.officer, committee=scrutiny.committee,
                                        kind=ProgrammeKind.BRIEFING, title="Visit to Catch 22",
                                        on=timezone.localdate().replace(day=1), month_only=True)  # fmt: skip
    later = services.programme_item_add(by=scrutiny.officer, committee=scrutiny.committee,
                                        kind=ProgrammeKind.MEETING, title="LGSCO annual report")  # fmt: skip
    assert (item.meeting, visit.month_only, later.meeting, later.on) == (scrutiny.coming, True, None, None)
    done = services.programme_item_outcome(by=scrutiny.officer, item=item, outcome="Members asked to visit.")
    assert done.outcome == "Members asked to visit."
    assert "Recorded the outcome of Missing children" in AuditEvent.objects.latest("pk").summary


def test_a_work_programme_item_needs_a_title_and_a_meeting_of_its_own_committee(scrutiny):
    with pytest.raises(ValidationError) as error:
        services.programme_item_add(by=scrutiny.officer, committee=scrutiny.committee, kind="wish", title="",
                                    meeting=scrutiny.other_meeting)  # fmt: skip
    assert set(_messages(error)) == {"kind", "title", "meeting"}
    assert not ProgrammeItem.objects.exists()


def test_a_standing_item_has_no_date(scrutiny):
    with pytest.raises(ValidationError) as error:
        services.programme_item_add(by=scrutiny.officer, committee=scrutiny.committee, kind=ProgrammeKind.STANDING,
                                    title="Serious case reviews", on=timezone.localdate())  # fmt: skip
    assert _messages(error)["kind"][0].startswith("A standing item has no date")


def test_an_outcome_cannot_be_blank(scrutiny):
    item = services.programme_item_add(by=scrutiny.officer, committee=scrutiny.committee,
                                       kind=ProgrammeKind.STANDING, title="Serious case reviews")  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.programme_item_outcome(by=scrutiny.officer, item=item, outcome="  ")
    assert _messages(error) == {"outcome": ["Enter what the committee decided or asked for"]}
    services.programme_item_remove(by=scrutiny.officer, item=item)
    assert not ProgrammeItem.objects.exists()
