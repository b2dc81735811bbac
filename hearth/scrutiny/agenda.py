"""A meeting's agenda: numbered items, some of them reports (`hearth.core.reports.REPORTS`) as at a date.

Only the agenda of a meeting still to come can change. A report item's figures are as at a date that is
neither after the meeting nor in the future; by default the date the agenda was published, or today.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.core import reports
from hearth.core.jinja import govuk_date
from hearth.scrutiny.models import AgendaItem, AgendaKind, CommitteeMeeting, MeetingStatus

EARLIEST = date(2000, 1, 1)
# The titles plain items have unless the officer gives another.
PLAIN_TITLES = {
    AgendaKind.APOLOGIES: "Apologies",
    AgendaKind.MINUTES: "Minutes of the last meeting",
    AgendaKind.DECLARATIONS: "Declarations of interest",
    AgendaKind.WORK_PROGRAMME: "Work programme",
}


def default_as_at(meeting: CommitteeMeeting, today: date | None = None) -> date:
    """The date a new report item's figures are as at unless the officer chooses another: the day the
    agenda was published, or today (never after the meeting)."""
    today = today or timezone.localdate()
    return min(meeting.published_on or today, today, timezone.localtime(meeting.starts_at).date())


def _lock(meeting: CommitteeMeeting) -> CommitteeMeeting:
    return CommitteeMeeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)


def _still_to_come(meeting: CommitteeMeeting) -> None:
    day = timezone.localtime(meeting.starts_at).date()
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting is cancelled, so its agenda cannot change")
    if day < timezone.localdate() or meeting.status == MeetingStatus.HELD:
        raise ValidationError(
            f"This meeting was on {govuk_date(day)}. You can only change the agenda of a meeting still to come"
        )


def _position(meeting: CommitteeMeeting, position: int | None) -> int:
    if position is None:
        return (meeting.agenda.aggregate(last=Max("position"))["last"] or 0) + 1
    if position < 1:
        raise ValidationError({"position": ["The item number must be 1 or more"]})
    taken = meeting.agenda.filter(position=position).first()
    if taken is not None:
        raise ValidationError({"position": [f"Item {position} is already ‘{taken.title}’. Choose another "
                                            "number, or leave it blank to add the item at the end"]})  # fmt: skip
    return position


def check_as_at(meeting: CommitteeMeeting, on: date | None) -> date:
    """The figures' date, or the reason it cannot be used (keyed to the form's `on` field)."""
    if on is None:
        raise ValidationError({"on": ["Enter the date the figures are as at"]})
    meeting_day = timezone.localtime(meeting.starts_at).date()
    if on > timezone.localdate():
        raise ValidationError({"on": ["The date the figures are as at must be today or in the past"]})
    if on > meeting_day:
        raise ValidationError({"on": [f"The date the figures are as at must be on or before the meeting, "
                                      f"{govuk_date(meeting_day)}"]})  # fmt: skip
    if on < EARLIEST:
        raise ValidationError({"on": ["The date the figures are as at must be in 2000 or later"]})
    return on


def _audit(by: Any, meeting: CommitteeMeeting, summary: str, action: AuditAction, request: Any) -> None:
    audit_record(action=action, summary=f"{summary} ({meeting.committee.name}, {govuk_date(meeting.starts_at)})",
                 actor=by, obj=meeting, request=request)  # fmt: skip


@transaction.atomic
def agenda_report_add(*, by: Any, meeting: CommitteeMeeting, report_key: str, on: date | None,
                      cover_note: str = "", title: str = "", position: int | None = None,
                      request: Any = None) -> AgendaItem:  # fmt: skip
    """Add a report to the agenda, with its figures as at `on`."""
    current = _lock(meeting)
    _still_to_come(current)
    kind = reports.REPORTS.get(report_key)
    if kind is None:
        known = ", ".join(k.title for k in reports.REPORTS.values())
        raise ValidationError(
            {"report": [f"There is no report called ‘{report_key}’. Choose one of: {known}"]}
        )
    on = check_as_at(current, on)
    title = " ".join(title.split())[:200] or kind.title
    item = AgendaItem.objects.create(authority_id=current.authority_id, meeting=current,
                                     position=_position(current, position), kind=AgendaKind.REPORT,
                                     title=title, cover_note=cover_note.strip(), report_key=kind.key,
                                     as_at=on)  # fmt: skip
    _audit(by, current, f"Added the report ‘{title}’ as at {govuk_date(on)} to the agenda as item "
           f"{item.position}", AuditAction.CREATE, request)  # fmt: skip
    return item


@transaction.atomic
def agenda_item_add(*, by: Any, meeting: CommitteeMeeting, kind: str, title: str = "", cover_note: str = "",
                    position: int | None = None, request: Any = None) -> AgendaItem:  # fmt: skip
    """Add an item that is not a report: apologies, minutes, declarations, the work programme, or another."""
    current = _lock(meeting)
    _still_to_come(current)
    title = " ".join(title.split())[:200]
    if kind == AgendaKind.REPORT:
        raise ValidationError(
            {"kind": ["Add a report with ‘Add a report’, choosing the report and its date"]}
        )
    if kind not in AgendaKind.values:
        raise ValidationError({"kind": ["Choose the kind of item"]})
    title = title or PLAIN_TITLES.get(kind, "")  # type: ignore[call-overload]
    if not title:
        raise ValidationError({"title": ["Enter the item’s title"]})
    item = AgendaItem.objects.create(authority_id=current.authority_id, meeting=current,
                                     position=_position(current, position), kind=kind, title=title,
                                     cover_note=cover_note.strip())  # fmt: skip
    _audit(by, current, f"Added ‘{title}’ to the agenda as item {item.position}", AuditAction.CREATE, request)
    return item


def _renumber(current: CommitteeMeeting, order: list[int]) -> None:
    """Number the items 1, 2, 3... in `order` (item ids). Every item first moves out of the way, so that
    the unique item number is never held by two items, even for a moment."""
    offset = 1000
    current.agenda.update(position=F("position") + offset)
    for n, pk in enumerate(order, start=1):
        AgendaItem.objects.filter(pk=pk).update(position=n)


@transaction.atomic
def agenda_reorder(*, by: Any, meeting: CommitteeMeeting, positions: Mapping[int, int | None],
                   request: Any = None) -> list[AgendaItem]:  # fmt: skip
    """Put the items in a new order: `positions` gives each item's (id) new number. Numbers must be different
    and every item must have one; the items are then numbered 1, 2, 3... in that order."""
    current = _lock(meeting)
    _still_to_come(current)
    items = {item.pk: item for item in current.agenda.all()}
    if set(positions) != set(items):
        raise ValidationError("The agenda has changed since you opened it. Check the items and try again")
    errors: dict[str, list[str]] = {}
    seen: dict[int, int] = {}
    for pk, number in positions.items():
        field = f"item_{pk}"
        if number is None:
            errors[field] = [f"Enter a number for ‘{items[pk].title}’"]
        elif number < 1:
            errors[field] = [f"The number for ‘{items[pk].title}’ must be 1 or more"]
        elif number in seen:
            errors[field] = [f"‘{items[pk].title}’ and ‘{items[seen[number]].title}’ are both number {number}. "
                             "Give each item a different number"]  # fmt: skip
        else:
            seen[number] = pk
    if errors:
        raise ValidationError(errors)
    order = [pk for _, pk in sorted(seen.items())]
    _renumber(current, order)
    _audit(by, current, "Changed the order of the agenda: " + "; ".join(
        f"{n}. {items[pk].title}" for n, pk in enumerate(order, start=1)), AuditAction.CHANGE, request)  # fmt: skip
    return list(current.agenda.all())


@transaction.atomic
def agenda_item_remove(*, by: Any, item: AgendaItem, request: Any = None) -> None:
    """Take an item off the agenda; the items after it move up a number."""
    current = _lock(item.meeting)
    _still_to_come(current)
    title = item.title
    AgendaItem.objects.filter(pk=item.pk).delete()
    _renumber(current, list(current.agenda.order_by("position").values_list("pk", flat=True)))
    _audit(by, current, f"Removed ‘{title}’ from the agenda", AuditAction.DELETE, request)
