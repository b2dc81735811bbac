"""Committees, their members and meetings, and the work programme: every change, in a transaction, audited.

Each service validates what it is given and raises a `ValidationError` whose messages a user can read (keyed
by the form field they are about), so nothing is half-saved. Agenda items are in `agenda.py`.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.core.jinja import govuk_date
from hearth.scrutiny.models import (
    Committee,
    CommitteeMeeting,
    CommitteeMember,
    MeetingStatus,
    MemberRole,
    ProgrammeItem,
    ProgrammeKind,
)


def _audit(by: Any, action: AuditAction, summary: str, obj: Any, request: Any = None) -> None:
    audit_record(action=action, summary=summary, actor=by, obj=obj, request=request)


def _text(value: str, limit: int) -> str:
    return " ".join(value.split())[:limit]


@transaction.atomic
def committee_create(
    *, by: Any, name: str, remit: str = "", venue: str = "", contact: str = "", request: Any = None
) -> Committee:
    name = _text(name, 150)
    if not name:
        raise ValidationError({"name": ["Enter the committee’s name"]})
    if Committee.objects.filter(authority_id=by.authority_id, name__iexact=name).exists():
        raise ValidationError({"name": [f"There is already a committee called {name}"]})
    committee = Committee.objects.create(authority_id=by.authority_id, name=name, remit=remit.strip(),
                                         venue=_text(venue, 150), contact=_text(contact, 150))  # fmt: skip
    _audit(by, AuditAction.CREATE, f"Added the committee {name}", committee, request)
    return committee


@transaction.atomic
def member_add(
    *, by: Any, committee: Committee, name: str, party: str, role: str, request: Any = None
) -> CommitteeMember:
    name, party = _text(name, 120), _text(party, 80)
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Enter the member’s name"]
    if role not in MemberRole.values:
        errors["role"] = ["Choose the member’s role: chair, vice-chair, member or co-opted member"]
    elif role != MemberRole.CO_OPTED and not party:
        errors["party"] = ["Enter the councillor’s party, or Independent"]
    if role == MemberRole.CHAIR:
        chair = committee.members.filter(role=MemberRole.CHAIR).first()
        if chair is not None:
            errors["role"] = [
                f"{chair.title} is already the chair. Remove them first, or choose another role"
            ]
    if name and committee.members.filter(name__iexact=name).exists():
        errors["name"] = [f"{name} is already a member of this committee"]
    if errors:
        raise ValidationError(errors)
    member = CommitteeMember.objects.create(authority_id=committee.authority_id, committee=committee,
                                            name=name, party=party, role=role)  # fmt: skip
    _audit(by, AuditAction.CREATE, f"Added {member.title} ({member.get_role_display().lower()}) to "
           f"{committee.name}", committee, request)  # fmt: skip
    return member


@transaction.atomic
def member_remove(*, by: Any, member: CommitteeMember, request: Any = None) -> None:
    committee = member.committee
    _audit(by, AuditAction.DELETE, f"Removed {member.title} from {committee.name}", committee, request)
    member.delete()


def _starts_at(on: date, starts: time) -> datetime:
    return timezone.make_aware(datetime.combine(on, starts))


@transaction.atomic
def meeting_schedule(*, by: Any, committee: Committee, on: date | None, starts: time | None, venue: str = "",
                     note: str = "", request: Any = None) -> CommitteeMeeting:  # fmt: skip
    """Add a meeting to the committee's calendar. Where it meets defaults to its usual venue."""
    venue = _text(venue, 150) or committee.venue
    errors: dict[str, list[str]] = {}
    if on is None:
        errors["on"] = ["Enter the date of the meeting"]
    elif on < timezone.localdate():
        errors["on"] = ["The date of a new meeting must be today or in the future"]
    if starts is None:
        errors["starts"] = ["Enter the time the meeting starts, like 10:00"]
    if not venue:
        errors["venue"] = ["Enter where the meeting is, or how to join it online"]
    if not errors:
        assert on is not None and starts is not None
        if committee.meetings.filter(starts_at=_starts_at(on, starts)).exists():
            errors["on"] = [f"{committee.name} already meets on {govuk_date(on)} at that time"]
    if errors:
        raise ValidationError(errors)
    assert on is not None and starts is not None
    meeting = CommitteeMeeting.objects.create(authority_id=committee.authority_id, committee=committee,
                                              starts_at=_starts_at(on, starts), venue=venue,
                                              note=_text(note, 200))  # fmt: skip
    _audit(by, AuditAction.CREATE, f"Scheduled a meeting of {committee.name} on {govuk_date(on)}", meeting,
           request)  # fmt: skip
    return meeting


def _lock(meeting: CommitteeMeeting) -> CommitteeMeeting:
    return CommitteeMeeting.objects.select_for_update().select_related("committee").get(pk=meeting.pk)


@transaction.atomic
def meeting_cancel(
    *, by: Any, meeting: CommitteeMeeting, reason: str, request: Any = None
) -> CommitteeMeeting:
    current = _lock(meeting)
    if current.status != MeetingStatus.SCHEDULED:
        raise ValidationError(f"This meeting is already {current.get_status_display().lower()}")
    if timezone.localtime(current.starts_at).date() < timezone.localdate():
        raise ValidationError("This meeting has already taken place. Record it as held instead")
    reason = _text(reason, 200)
    if not reason:
        raise ValidationError({"reason": ["Enter why the meeting is cancelled"]})
    current.status, current.note = MeetingStatus.CANCELLED, reason
    current.save(update_fields=["status", "note"])
    _audit(by, AuditAction.CHANGE, f"Cancelled the meeting of {current.committee.name} on "
           f"{govuk_date(current.starts_at)}: {reason}", current, request)  # fmt: skip
    return current


@transaction.atomic
def meeting_held(*, by: Any, meeting: CommitteeMeeting, request: Any = None) -> CommitteeMeeting:
    current = _lock(meeting)
    if current.status != MeetingStatus.SCHEDULED:
        raise ValidationError(f"This meeting is already {current.get_status_display().lower()}")
    if current.starts_at > timezone.now():
        raise ValidationError("This meeting has not started yet. Record it as held on the day")
    current.status = MeetingStatus.HELD
    current.save(update_fields=["status"])
    _audit(by, AuditAction.CHANGE, f"Recorded the meeting of {current.committee.name} on "
           f"{govuk_date(current.starts_at)} as held", current, request)  # fmt: skip
    return current


@transaction.atomic
def meeting_publish(*, by: Any, meeting: CommitteeMeeting, request: Any = None) -> CommitteeMeeting:
    """Record that the agenda is published today. Report items added from now on default to figures as at
    this date, so the pack's figures are the ones members were sent."""
    current = _lock(meeting)
    if (
        current.status != MeetingStatus.SCHEDULED
        or timezone.localtime(current.starts_at).date() < timezone.localdate()
    ):
        raise ValidationError("You can only publish the agenda of a meeting still to come")
    if not current.agenda.exists():
        raise ValidationError("Add the items to the agenda before publishing it")
    current.published_on = timezone.localdate()
    current.save(update_fields=["published_on"])
    _audit(by, AuditAction.CHANGE, f"Published the agenda of {current.committee.name} for "
           f"{govuk_date(current.starts_at)}", current, request)  # fmt: skip
    return current


@transaction.atomic
def programme_item_add(*, by: Any, committee: Committee, kind: str, title: str, details: str = "",
                       lead_officer: str = "", cabinet_member: str = "", meeting: CommitteeMeeting | None = None,
                       on: date | None = None, month_only: bool = False, request: Any = None) -> ProgrammeItem:  # fmt: skip
    """A row of the work programme: for a meeting of the committee, a date or month, or to be confirmed."""
    title = _text(title, 200)
    errors: dict[str, list[str]] = {}
    if kind not in ProgrammeKind.values:
        errors["kind"] = ["Choose which part of the work programme the item belongs to"]
    if not title:
        errors["title"] = ["Enter the item, for example Missing children"]
    if meeting is not None and meeting.committee_id != committee.pk:
        errors["meeting"] = ["Choose a meeting of this committee"]
    if meeting is not None and on is not None:
        errors["on"] = ["Give a meeting or a date, not both"]
    if kind == ProgrammeKind.STANDING and (meeting is not None or on is not None):
        errors["kind"] = [
            "A standing item has no date: it comes back whenever there is something to consider"
        ]
    if errors:
        raise ValidationError(errors)
    item = ProgrammeItem.objects.create(
        authority_id=committee.authority_id, committee=committee, kind=kind, meeting=meeting, on=on,
        month_only=bool(on and month_only), title=title, details=details.strip(),
        lead_officer=_text(lead_officer, 150), cabinet_member=_text(cabinet_member, 150),
    )  # fmt: skip
    _audit(
        by, AuditAction.CREATE, f"Added {title} to the work programme of {committee.name}", committee, request
    )
    return item


@transaction.atomic
def programme_item_outcome(
    *, by: Any, item: ProgrammeItem, outcome: str, request: Any = None
) -> ProgrammeItem:
    """Record the action or outcome: what members asked for, noted or resolved."""
    outcome = outcome.strip()
    if not outcome:
        raise ValidationError({"outcome": ["Enter what the committee decided or asked for"]})
    current = ProgrammeItem.objects.select_for_update().select_related("committee").get(pk=item.pk)
    current.outcome = outcome
    current.save(update_fields=["outcome"])
    _audit(by, AuditAction.CHANGE, f"Recorded the outcome of {current.title} in the work programme of "
           f"{current.committee.name}", current.committee, request)  # fmt: skip
    return current


@transaction.atomic
def programme_item_remove(*, by: Any, item: ProgrammeItem, request: Any = None) -> None:
    committee = item.committee
    _audit(by, AuditAction.DELETE, f"Removed {item.title} from the work programme of {committee.name}",
           committee, request)  # fmt: skip
    item.delete()
