"""Reads for the scrutiny pages, each from the user's own council (`scoped`). Nothing here is about a person
record: committees, meetings and agendas belong to the council, and scrutiny officers see only those."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from hearth.core.access import get_for, scoped
from hearth.scrutiny.models import (
    AgendaItem,
    Committee,
    CommitteeMeeting,
    CommitteeMember,
    MeetingStatus,
    ProgrammeItem,
)


def committees(*, user: Any) -> list[Committee]:
    """The council's committees, each with its members and its next meeting (`next_meeting`)."""
    now = timezone.now()
    upcoming = scoped(user, CommitteeMeeting).filter(starts_at__gte=now, status=MeetingStatus.SCHEDULED)
    found: list[Committee] = list(
        scoped(user, Committee)
        .annotate(member_count=Count("members", distinct=True))
        .prefetch_related(
            Prefetch("members", queryset=scoped(user, CommitteeMember)),
            Prefetch("meetings", queryset=upcoming.order_by("starts_at"), to_attr="upcoming"),
        )
    )
    for committee in found:
        committee.next_meeting = committee.upcoming[0] if committee.upcoming else None  # type: ignore[attr-defined]
    return found


def committee_get(*, user: Any, committee_id: int) -> Committee:
    return get_for(user, Committee, pk=committee_id)


def members_of(*, user: Any, committee: Committee) -> list[CommitteeMember]:
    return list(scoped(user, CommitteeMember).filter(committee=committee))


def meetings_of(*, user: Any, committee: Committee) -> list[CommitteeMeeting]:
    return list(
        scoped(user, CommitteeMeeting)
        .filter(committee=committee)
        .annotate(items=Count("agenda"))
        .order_by("starts_at")
    )


def programme_of(*, user: Any, committee: Committee) -> list[ProgrammeItem]:
    return list(
        scoped(user, ProgrammeItem)
        .filter(committee=committee)
        .select_related("meeting")
        .order_by("kind", "meeting__starts_at", "on", "pk")
    )


def meeting_get(*, user: Any, meeting_id: int) -> CommitteeMeeting:
    return get_for(user, CommitteeMeeting.objects.select_related("committee"), pk=meeting_id)


def agenda_of(*, user: Any, meeting: CommitteeMeeting) -> QuerySet[AgendaItem]:
    return scoped(user, AgendaItem).filter(meeting=meeting).order_by("position")


def agenda_item_get(*, user: Any, item_id: int) -> AgendaItem:
    return get_for(user, AgendaItem.objects.select_related("meeting__committee"), pk=item_id)


def programme_item_get(*, user: Any, item_id: int) -> ProgrammeItem:
    return get_for(user, ProgrammeItem.objects.select_related("committee"), pk=item_id)


def member_get(*, user: Any, member_id: int) -> CommitteeMember:
    return get_for(user, CommitteeMember.objects.select_related("committee"), pk=member_id)


def programme_for_meeting(*, user: Any, meeting: CommitteeMeeting) -> list[ProgrammeItem]:
    """What the work programme plans for this meeting."""
    return list(scoped(user, ProgrammeItem).filter(meeting=meeting).order_by("pk"))
