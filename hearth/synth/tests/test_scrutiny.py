"""The demo county's scrutiny committees: one small county, built once for the module and rolled back after."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise
from types import SimpleNamespace
from unittest.mock import patch

import pytest
from django.db import transaction
from pytest_django import DjangoDbBlocker

from hearth.accounts.models import User
from hearth.organisation.models import Authority
from hearth.people.models import Person
from hearth.scrutiny.models import (
    AgendaItem,
    AgendaKind,
    Committee,
    CommitteeMeeting,
    MeetingStatus,
    MemberRole,
    ProgrammeItem,
    ProgrammeKind,
)
from hearth.scrutiny.presenters import meeting_day, next_meeting
from hearth.synth.county import synth_county
from hearth.synth.scrutiny import make_scrutiny

COMMITTEE = "Children and Families Overview and Scrutiny Committee"


def fingerprint() -> list[tuple]:
    return [
        *Committee.objects.order_by("pk").values_list("name", "venue", "contact"),
        *Committee.objects.order_by("pk").values_list("members__name", "members__party", "members__role"),
        *CommitteeMeeting.objects.order_by("pk").values_list("starts_at", "status", "published_on"),
        *ProgrammeItem.objects.order_by("pk").values_list(
            "title", "kind", "meeting__starts_at", "on", "outcome"
        ),
        *AgendaItem.objects.order_by("pk").values_list("meeting__starts_at", "position", "title", "as_at"),
    ]


@pytest.fixture(scope="module")
def county(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[SimpleNamespace]:
    with django_db_blocker.unblock(), transaction.atomic():
        today = date.today()
        with patch("hearth.synth.county.make_scrutiny", return_value={}):  # made below, to be measured
            synth_county(seed=11, scale=0.1, today=today)
        authority = Authority.objects.get(dfe_code="999")
        before = (User.objects.count(), Person.objects.count())
        made = make_scrutiny(seed=11, authority=authority, today=today, scale=0.1)
        yield SimpleNamespace(
            today=today, authority=authority, made=made, before=before, prints=fingerprint()
        )
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_two_committees_are_made_with_their_councillors_and_one_chair_each(county):
    assert county.made["committees"] == 2
    assert set(Committee.objects.values_list("name", flat=True)) == {COMMITTEE, "Corporate Parenting Panel"}
    for committee in Committee.objects.all():
        members = list(committee.members.all())
        assert 8 <= len(members) <= 12
        assert [m.role for m in members].count(MemberRole.CHAIR) == 1
        assert all(m.party for m in members if m.role != MemberRole.CO_OPTED)
        assert len({m.name for m in members}) == len(members)
    assert county.made["members"] == 12 + 8


def test_meetings_run_through_the_municipal_year_every_six_to_eight_weeks(county):
    for committee in Committee.objects.all():
        meetings = list(committee.meetings.order_by("starts_at"))
        days = [meeting_day(m) for m in meetings]
        assert any(d < county.today for d in days) and sum(d >= county.today for d in days) >= 2
        assert all(d.month != 8 and d.weekday() < 5 for d in days)
        for a, b in pairwise(days):
            assert timedelta(weeks=5) <= b - a <= timedelta(weeks=13), (a, b)  # August is skipped
        for m in meetings:
            assert (m.status == MeetingStatus.SCHEDULED) == (meeting_day(m) >= county.today)


def test_the_next_meeting_has_the_brfc_complaints_and_performance_reports_on_its_agenda(county):
    committee = Committee.objects.get(name=COMMITTEE)
    meeting = next_meeting(list(committee.meetings.all()), county.today)
    assert meeting is not None
    items = list(meeting.agenda.order_by("position"))
    assert [i.kind for i in items[:3]] == [AgendaKind.APOLOGIES, AgendaKind.DECLARATIONS, AgendaKind.MINUTES]
    reports = [i for i in items if i.kind == AgendaKind.REPORT]
    assert [i.report_key for i in reports] == ["brfc", "complaints", "performance"]
    assert all(i.as_at is not None and i.as_at <= county.today <= meeting_day(meeting) for i in reports)
    assert items[-1].kind == AgendaKind.WORK_PROGRAMME
    assert [i.position for i in items] == list(range(1, len(items) + 1))
    # Only the next meeting still to come has an agenda yet.
    later = committee.meetings.filter(status=MeetingStatus.SCHEDULED).exclude(pk=meeting.pk)
    assert not AgendaItem.objects.filter(meeting__in=later).exists()


def test_the_work_programme_has_the_seed_s_parts_with_lead_officers_and_outcomes_once_considered(county):
    committee = Committee.objects.get(name=COMMITTEE)
    items = list(committee.programme.select_related("meeting"))
    assert {i.kind for i in items} == set(ProgrammeKind.values)
    assert all(i.meeting is None and i.on is None for i in items if i.kind == ProgrammeKind.STANDING)
    assert any(i.meeting is None and i.on is None and i.kind == ProgrammeKind.MEETING for i in items)  # tbc
    assert all(i.lead_officer for i in items)
    complaints = [i for i in items if i.title.startswith("Customer feedback and complaints")]
    assert complaints and all(i.details.startswith("Reports brought annually") for i in complaints)
    for item in items:
        if item.meeting is not None and item.meeting.status != MeetingStatus.HELD:
            assert item.outcome == "", (
                item.title
            )  # nothing comes of an item before the committee considers it
    # The council's own complaints officer leads the complaints report.
    officer = User.objects.get(username="complaints")
    assert complaints[0].lead_officer.startswith(f"{officer.first_name} {officer.last_name}")


def test_the_same_seed_and_day_give_the_same_committees_and_nothing_else_changes(county):
    assert (User.objects.count(), Person.objects.count()) == county.before
    with transaction.atomic():
        ProgrammeItem.objects.all().delete()
        CommitteeMeeting.objects.all().delete()
        Committee.objects.all().delete()
        make_scrutiny(seed=11, authority=county.authority, today=county.today, scale=0.1)
        again = fingerprint()
        transaction.set_rollback(True)
    assert again == county.prints
