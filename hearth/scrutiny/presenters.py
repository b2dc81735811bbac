"""What the scrutiny pages and the agenda pack show: the calendar (next meeting first), members in the order
papers list them, the work programme's tables, and the agenda's rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from hearth.core import reports
from hearth.core.jinja import govuk_date, govuk_time
from hearth.scrutiny.models import (
    ROLE_ORDER,
    AgendaItem,
    AgendaKind,
    CommitteeMeeting,
    CommitteeMember,
    MeetingStatus,
    MemberRole,
    ProgrammeItem,
    ProgrammeKind,
)


def meeting_day(meeting: CommitteeMeeting) -> date:
    return timezone.localtime(meeting.starts_at).date()


def meeting_when(meeting: CommitteeMeeting) -> str:
    """Tuesday 1 December 2026 at 10am."""
    local = timezone.localtime(meeting.starts_at)
    return f"{local:%A} {govuk_date(local)} at {govuk_time(local)}"


def status_label(meeting: CommitteeMeeting, today: date) -> str:
    if meeting.status == MeetingStatus.CANCELLED:
        return "Cancelled" + (f": {meeting.note}" if meeting.note else "")
    if meeting.status == MeetingStatus.HELD:
        return "Held"
    return "To come" if meeting_day(meeting) >= today else "Not recorded as held"


@dataclass(frozen=True)
class CalendarRow:
    meeting: CommitteeMeeting
    when: str
    status: str
    is_next: bool
    past: bool


def calendar(meetings: Iterable[CommitteeMeeting], today: date | None = None) -> list[CalendarRow]:
    """The committee's meetings, next meeting first: those still to come in date order, then those past,
    latest first. The next meeting is the first still to come that is not cancelled."""
    today = today or timezone.localdate()
    ordered = sorted(meetings, key=lambda m: m.starts_at)
    coming = [m for m in ordered if meeting_day(m) >= today]
    past = [m for m in reversed(ordered) if meeting_day(m) < today]
    following = next_meeting(ordered, today)
    return [
        CalendarRow(m, meeting_when(m), status_label(m, today), m is following, m in past)
        for m in coming + past
    ]


def next_meeting(meetings: Sequence[CommitteeMeeting], today: date | None = None) -> CommitteeMeeting | None:
    today = today or timezone.localdate()
    coming = [m for m in meetings if meeting_day(m) >= today and m.status == MeetingStatus.SCHEDULED]
    return min(coming, key=lambda m: m.starts_at) if coming else None


def members_in_order(members: Iterable[CommitteeMember]) -> list[CommitteeMember]:
    """Chair, vice-chairs, members, then co-opted members; by name within each."""
    return sorted(members, key=lambda m: (ROLE_ORDER.get(MemberRole(m.role), 9), m.name))


def member_line(member: CommitteeMember) -> str:
    """Councillor Jo Bloggs (Chair), Labour."""
    role = "" if member.role == MemberRole.MEMBER else f" ({member.get_role_display()})"
    return f"{member.title}{role}" + (f", {member.party}" if member.party else "")


def programme_when(item: ProgrammeItem) -> str:
    if item.meeting is not None:
        return govuk_date(timezone.localtime(item.meeting.starts_at))
    if item.on is not None:
        return f"{item.on:%B %Y}" if item.month_only else govuk_date(item.on)
    return "" if item.kind == ProgrammeKind.STANDING else "To be confirmed"


@dataclass(frozen=True)
class ProgrammeTable:
    kind: ProgrammeKind
    caption: str
    dated: bool  # the table has a date column (standing items have none)
    items: list[ProgrammeItem]


def programme_tables(items: Iterable[ProgrammeItem], year: str = "") -> list[ProgrammeTable]:
    """The work programme as the seed's papers set it out: one table per part, in their order, each in date
    order with the items still to be dated last."""
    by_kind: dict[str, list[ProgrammeItem]] = {kind: [] for kind in ProgrammeKind}
    for item in items:
        by_kind[item.kind].append(item)

    def when(item: ProgrammeItem) -> tuple[int, date]:
        if item.meeting is not None:
            return 0, meeting_day(item.meeting)
        if item.on is not None:
            return 0, item.on
        return 1, date.max

    suffix = f" {year}" if year else ""
    return [
        ProgrammeTable(kind, kind.label + suffix, kind != ProgrammeKind.STANDING, sorted(rows, key=when))
        for kind, rows in ((ProgrammeKind(k), v) for k, v in by_kind.items())
    ]


def municipal_year(day: date) -> str:
    """Councils' years run from their annual meeting in May: 2026-27."""
    start = day.year if day.month >= 5 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItem
    kind: str
    report_title: str  # "" for items that are not reports
    as_at: str
    missing: bool  # a report no longer offered


def agenda_rows(items: Iterable[AgendaItem]) -> list[AgendaRow]:
    rows = []
    for item in items:
        kind = reports.REPORTS.get(item.report_key) if item.kind == AgendaKind.REPORT else None
        rows.append(AgendaRow(item=item, kind=item.get_kind_display(), report_title=kind.title if kind else "",
                              as_at=govuk_date(item.as_at), missing=item.kind == AgendaKind.REPORT and kind is None))  # fmt: skip
    return rows
