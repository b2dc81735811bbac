from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hearth.casework.fgc import fgc_allocate, fgc_close, fgc_family_plan, fgc_request
from hearth.casework.meetings import meeting_record
from hearth.casework.models import FamilyGroupConference, Meeting, MeetingKind
from hearth.casework.services import involvement_open


def test_a_conference_can_be_requested_at_early_help_and_runs_to_its_outcome(county):
    child = county.allocated_child
    involvement_open(by=county.social_worker, person=child, kind="early_help", started_on=date(2026, 9, 1))
    with pytest.raises(ValidationError, match="Say why"):
        fgc_request(by=county.social_worker, person=child, reason=" ")
    fgc = fgc_request(by=county.social_worker, person=child, reason="The wider family want to help")
    assert fgc.level == "Early help"
    with pytest.raises(ValidationError, match="already requested"):
        fgc_request(by=county.social_worker, person=child, reason="Again")
    fgc_allocate(by=county.social_worker, fgc=fgc, coordinator=county.colleague)
    with pytest.raises(ValidationError, match="Record the conference before its family plan"):
        fgc_family_plan(by=county.social_worker, fgc=fgc, family_plan="Gran collects from school")
    conference = Meeting.objects.get(fgc=fgc, kind=MeetingKind.FGC)
    with pytest.raises(ValidationError, match="after the conference was requested"):
        meeting_record(by=county.colleague, meeting=conference, held_on=date(2020, 1, 1), attended=set(),
                       decisions="Plan made")  # fmt: skip
    held = fgc.requested_on
    meeting_record(
        by=county.colleague, meeting=conference, held_on=held, attended=set(), decisions="Plan made"
    )
    fgc_family_plan(by=county.colleague, fgc=fgc, family_plan="Gran collects from school")
    review = Meeting.objects.get(fgc=fgc, kind=MeetingKind.FGC_REVIEW)
    assert review.due_on is not None and review.due_on > held
    with pytest.raises(ValidationError, match="Record the review meeting before the outcome"):
        fgc_close(by=county.colleague, fgc=fgc, outcome="plan_agreed")
    meeting_record(
        by=county.colleague, meeting=review, held_on=held, attended=set(), decisions="Still working"
    )
    fgc_close(by=county.colleague, fgc=fgc, outcome="plan_agreed")
    fgc = FamilyGroupConference.objects.get()
    assert (fgc.outcome, fgc.family_plan, fgc.coordinator) == ("plan_agreed", "Gran collects from school",
                                                               county.colleague)  # fmt: skip


def test_a_family_that_declines_closes_the_request_and_its_meeting(county):
    child = county.allocated_child
    involvement_open(by=county.social_worker, person=child, kind="social_care", started_on=date(2026, 9, 1))
    fgc = fgc_request(by=county.social_worker, person=child, reason="Support network")
    assert fgc.level == "Child in need"
    fgc_close(by=county.social_worker, fgc=fgc, outcome="declined")
    assert not Meeting.objects.filter(fgc=fgc).exists()
    with pytest.raises(ValidationError, match="already closed"):
        fgc_close(by=county.social_worker, fgc=fgc, outcome="declined")
