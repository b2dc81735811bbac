from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.casework.meetings import (
    action_add,
    action_complete,
    conference_meeting,
    meeting_arrange,
    meeting_attendee_add,
    meeting_invitations_send,
    meeting_record,
)
from hearth.casework.models import CaseAction, Conference, Meeting, MeetingKind, ProtectionPlan
from hearth.casework.protection import conference_record, strategy_discussion_record
from hearth.chronology.models import ChronologyEntry
from hearth.core.jinja import govuk_span, govuk_time


@pytest.fixture
def on_plan(county):
    child = county.allocated_child
    strategy_discussion_record(by=county.social_worker, person=child, held_on=date(2026, 8, 21), section_47=True,
                               attendees="Police, health")  # fmt: skip
    conference_record(by=county.social_worker, conference=Conference.objects.get(), held_on=date(2026, 9, 11),
                      plan_needed=True, category="NEG")  # fmt: skip
    return ProtectionPlan.objects.get(person=child)


def core_group(plan):
    return Meeting.objects.get(protection_plan=plan, held_on__isnull=True)


def test_a_plan_makes_its_first_core_group_due_in_10_working_days(county, on_plan):
    meeting = core_group(on_plan)
    assert (meeting.kind, meeting.due_on) == (MeetingKind.CORE_GROUP, date(2026, 9, 25))


def test_times_read_as_gov_uk_style_writes_them():
    at = timezone.make_aware
    assert [govuk_time(at(datetime(2026, 12, 1, h, m))) for h, m in ((10, 0), (11, 30), (12, 0), (0, 0), (15, 5))] == [
        "10am", "11:30am", "midday", "midnight", "3:05pm"]  # fmt: skip
    assert govuk_span(at(datetime(2026, 12, 1, 10)), at(datetime(2026, 12, 1, 11, 30))) == (
        "Tuesday 1 December 2026, 10am to 11:30am"
    )


def test_an_invitation_states_start_and_finish_and_needs_both(county, on_plan):
    meeting = core_group(on_plan)
    with pytest.raises(ValidationError) as caught:
        meeting_arrange(by=county.social_worker, meeting=meeting, on=date(2026, 9, 24), starts=time(11, 0),
                        ends=time(10, 0), location="")  # fmt: skip
    assert caught.value.message_dict == {"ends": ["The meeting must finish after it starts"],
                                         "location": ["Enter where the meeting is, or how to join it online"]}  # fmt: skip
    assert Meeting.objects.get(pk=meeting.pk).starts_at is None
    with pytest.raises(ValidationError, match="Arrange the date"):
        meeting_invitations_send(by=county.social_worker, meeting=meeting)
    meeting_arrange(by=county.social_worker, meeting=meeting, on=date(2026, 9, 24), starts=time(10, 0),
                    ends=time(11, 30), location="Aldermoor family centre")  # fmt: skip
    with pytest.raises(ValidationError, match="Add the people to invite"):
        meeting_invitations_send(by=county.social_worker, meeting=meeting)
    meeting_attendee_add(by=county.social_worker, meeting=meeting, name="Jo Allocated", role="Mother")
    meeting_invitations_send(by=county.social_worker, meeting=meeting)
    titles = set(ChronologyEntry.objects.filter(kind="meeting").values_list("title", flat=True))
    assert "Core group meeting arranged: Thursday 24 September 2026, 10am to 11:30am" in titles
    assert ("Invitations sent to 1 people: core group meeting, Thursday 24 September 2026, 10am to 11:30am"
            in titles)  # fmt: skip


def test_recording_a_core_group_makes_the_next_due_and_sets_actions(county, on_plan):
    meeting = core_group(on_plan)
    mother = meeting_attendee_add(
        by=county.social_worker, meeting=meeting, name="Jo Allocated", role="Mother"
    )
    meeting_attendee_add(by=county.social_worker, meeting=meeting, name="Head teacher", role="School")
    with pytest.raises(ValidationError, match="Record the meeting before adding"):
        action_add(by=county.social_worker, meeting=meeting, description="Book a GP check", owner_name="Mother",
                   due_on=date(2026, 10, 1))  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        meeting_record(by=county.social_worker, meeting=meeting, held_on=date(2026, 9, 10), attended=set(),
                       decisions="")  # fmt: skip
    assert set(caught.value.message_dict) == {"held_on", "decisions"}
    meeting_record(by=county.social_worker, meeting=meeting, held_on=date(2026, 9, 24), attended={mother.pk},
                   decisions="The plan is working")  # fmt: skip
    assert [a.attended for a in meeting.attendees.order_by("pk")] == [True, False]
    assert core_group(on_plan).due_on == date(2026, 11, 5)  # six weeks on
    with pytest.raises(ValidationError) as caught:
        action_add(by=county.social_worker, meeting=meeting, description="", due_on=date(2026, 9, 1))
    assert set(caught.value.message_dict) == {"description", "owner", "due_on"}
    action = action_add(by=county.social_worker, meeting=meeting, description="Book a GP check", owner_name="Mother",
                        due_on=date(2026, 10, 1))  # fmt: skip
    assert (action.person, action.owner_name) == (county.allocated_child, "Mother")
    action_complete(by=county.social_worker, action=action, done_on=date(2026, 9, 30))
    with pytest.raises(ValidationError, match="already done"):
        action_complete(by=county.social_worker, action=action)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        meeting_attendee_add(by=county.social_worker, meeting=meeting, name="Late", role="Police")
    assert CaseAction.objects.get().done_on == date(2026, 9, 30)


def test_ending_the_plan_removes_core_groups_not_yet_held(county, on_plan):
    review = Conference.objects.get(plan=on_plan, held_on__isnull=True)
    conference_record(
        by=county.social_worker, conference=review, held_on=date(2026, 11, 20), plan_needed=False
    )
    assert not Meeting.objects.filter(protection_plan=on_plan, held_on__isnull=True).exists()


def test_a_conference_is_arranged_as_a_meeting_and_its_decision_marks_it_held(county, on_plan):
    review = Conference.objects.get(plan=on_plan, held_on__isnull=True)
    meeting = conference_meeting(by=county.social_worker, conference=review)
    assert conference_meeting(by=county.social_worker, conference=review) == meeting
    with pytest.raises(ValidationError, match="on the conference page"):
        meeting_record(by=county.social_worker, meeting=meeting, held_on=date(2026, 11, 20), attended=set(),
                       decisions="x")  # fmt: skip
    conference_record(
        by=county.social_worker, conference=review, held_on=date(2026, 11, 20), plan_needed=True
    )
    assert Meeting.objects.get(pk=meeting.pk).held_on == date(2026, 11, 20)
