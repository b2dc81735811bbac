"""Scrutiny fixtures: a scrutiny officer of each council, a committee with members, a meeting still to come
and one that took place, and the fake reports (tests/fakes.py) in place of the real ones."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from hearth.accounts.roles import Role
from hearth.core import reports
from hearth.core.tests.factories import TeamFactory, UserFactory
from hearth.organisation.models import TeamKind
from hearth.scrutiny.models import Committee, CommitteeMeeting, CommitteeMember, MeetingStatus, MemberRole
from hearth.scrutiny.tests.fakes import FAKE_REPORTS


@pytest.fixture
def fake_reports(monkeypatch: pytest.MonkeyPatch) -> dict[str, reports.ReportKind]:
    monkeypatch.setattr(reports, "REPORTS", dict(FAKE_REPORTS))
    return reports.REPORTS


def at(days: int, hour: int = 10) -> datetime:
    """A time `days` from today, in London."""
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(hour)))


@pytest.fixture
def scrutiny(county: SimpleNamespace, fake_reports: dict[str, reports.ReportKind]) -> SimpleNamespace:
    """Brackenshire's scrutiny officer and its Children and Families committee, with three members, a
    meeting in two weeks and one held a month ago; and Westmarch's officer and committee."""
    democratic = TeamFactory(district=county.aldermoor, name="Democratic services",
                             kind=TeamKind.DEMOCRATIC_SERVICES)  # fmt: skip
    officer = UserFactory(
        team=democratic, username="scrutiny", role=Role.SCRUTINY_OFFICER, practitioner_kind=""
    )
    committee = Committee.objects.create(authority=county.authority, venue="Oak Room, County Buildings",
                                         name="Children and Families Overview and Scrutiny Committee",
                                         remit="Children’s social care, early help and education.",
                                         contact="Sol Reid, Scrutiny officer")  # fmt: skip
    for name, party, role in (("Zoe Adams", "Labour", MemberRole.MEMBER), ("Ann Beech", "Conservative", MemberRole.CHAIR),
                              ("Rev. Jo Hale", "", MemberRole.CO_OPTED), ("Bob Spencer", "Green", MemberRole.VICE_CHAIR)):  # fmt: skip
        CommitteeMember.objects.create(authority=county.authority, committee=committee, name=name, party=party,
                                       role=role)  # fmt: skip
    coming = CommitteeMeeting.objects.create(authority=county.authority, committee=committee, starts_at=at(14),
                                             venue="Oak Room, County Buildings")  # fmt: skip
    held = CommitteeMeeting.objects.create(authority=county.authority, committee=committee, starts_at=at(-30),
                                           venue="Oak Room, County Buildings", status=MeetingStatus.HELD)  # fmt: skip

    other_team = TeamFactory(district=county.other_district, name="Westmarch democratic services",
                             kind=TeamKind.DEMOCRATIC_SERVICES)  # fmt: skip
    other_officer = UserFactory(team=other_team, username="westmarch-scrutiny", role=Role.SCRUTINY_OFFICER,
                                practitioner_kind="")  # fmt: skip
    other_committee = Committee.objects.create(authority=county.other, name="Westmarch Scrutiny Panel")
    other_meeting = CommitteeMeeting.objects.create(authority=county.other, committee=other_committee,
                                                    starts_at=at(7), venue="Westmarch Town Hall")  # fmt: skip
    return SimpleNamespace(officer=officer, committee=committee, coming=coming, held=held,
                           other_officer=other_officer, other_committee=other_committee,
                           other_meeting=other_meeting)  # fmt: skip
