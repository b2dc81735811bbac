"""Meetings about a child (conferences, core groups, plan reviews, family group conferences, MARAC and
exploitation panels) and the actions they set.

A meeting is created when it falls due (by the step that makes it due), then arranged with a start and a
finish time (seed 003 asks that invitations state both), attendees are added and invited, and it is
recorded: who came, what was decided, and the actions, each with an owner and a due date. Recording a
meeting moves its cycle on (the next core group or plan review falls due).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.casework.models import CaseAction, Meeting, MeetingAttendee, MeetingKind, Plan
from hearth.casework.plans import plan_reviewed
from hearth.casework.services import casework_event
from hearth.casework.timescales import fgc_review_due, next_core_group_due
from hearth.chronology.models import EntryKind
from hearth.chronology.services import chronology_record
from hearth.core.jinja import govuk_date, govuk_span

REVIEWS = (MeetingKind.CIN_REVIEW, MeetingKind.FAMILY_REVIEW)


def _record(by: Any, meeting: Meeting, title: str, request: Any = None, significant: bool = False) -> None:
    casework_event(by=by, person=meeting.person, source=meeting, title=title, kind=EntryKind.MEETING,
                   request=request, significant=significant)  # fmt: skip


def _lock(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("person", "plan", "protection_plan", "fgc", "conference")
        .get(pk=meeting.pk)
    )


def _not_held(current: Meeting) -> None:
    if current.held_on is not None:
        raise ValidationError("This meeting has been recorded and can no longer be changed")


@transaction.atomic
def meeting_create(*, by: Any, person: Any, kind: str, due_on: date | None = None, reason: str = "",
                   request: Any = None, **links: Any) -> Meeting:  # fmt: skip
    """A meeting that has fallen due. `links` are plan, protection_plan, conference or fgc."""
    meeting = Meeting.objects.create(authority_id=person.authority_id, person=person, kind=kind, due_on=due_on,
                                     reason=reason[:300], **links)  # fmt: skip
    title = f"{meeting.get_kind_display()} needed" + (f", due {govuk_date(due_on)}" if due_on else "")
    _record(by, meeting, title + (f": {reason}" if reason else ""), request)
    return meeting


@transaction.atomic
def meeting_arrange(*, by: Any, meeting: Meeting, on: date | None, starts: time | None, ends: time | None,
                    location: str, request: Any = None) -> Meeting:  # fmt: skip
    """Set (or move) the date, start and finish times and the place."""
    current = _lock(meeting)
    _not_held(current)
    errors: dict[str, list[str]] = {}
    if on is None:
        errors["on"] = ["Enter the date of the meeting"]
    if starts is None:
        errors["starts"] = ["Enter the time the meeting starts, like 10:00"]
    if ends is None:
        errors["ends"] = ["Enter the time the meeting finishes, like 11:30"]
    elif starts is not None and ends <= starts:
        errors["ends"] = ["The meeting must finish after it starts"]
    if not location.strip():
        errors["location"] = ["Enter where the meeting is, or how to join it online"]
    if errors:
        raise ValidationError(errors)
    assert on is not None and starts is not None and ends is not None
    current.starts_at = timezone.make_aware(datetime.combine(on, starts))
    current.ends_at = timezone.make_aware(datetime.combine(on, ends))
    current.location = location.strip()[:200]
    current.save(update_fields=["starts_at", "ends_at", "location"])
    late = (
        f" (after its due date, {govuk_date(current.due_on)})"
        if current.due_on and on > current.due_on
        else ""
    )
    _record(by, current, f"{current.get_kind_display()} arranged: {govuk_span(current.starts_at, current.ends_at)}"
            f"{late}", request)  # fmt: skip
    return current


@transaction.atomic
def meeting_attendee_add(*, by: Any, meeting: Meeting, name: str, role: str, user: Any = None,
                         request: Any = None) -> MeetingAttendee:  # fmt: skip
    current = _lock(meeting)
    _not_held(current)
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = ["Enter the person’s name"]
    if not role.strip():
        errors["role"] = ["Enter their role or agency, for example Mother, School or Police"]
    if errors:
        raise ValidationError(errors)
    attendee = MeetingAttendee.objects.create(authority_id=current.authority_id, meeting=current,
                                              name=name.strip()[:120], role=role.strip()[:120], user=user)  # fmt: skip
    audit_record(action=AuditAction.CHANGE, summary=f"Invited {attendee.name} ({attendee.role}) to a meeting",
                 actor=by, obj=current, person=current.person, request=request)  # fmt: skip
    return attendee


@transaction.atomic
def meeting_invitations_send(*, by: Any, meeting: Meeting, request: Any = None) -> Meeting:
    current = _lock(meeting)
    _not_held(current)
    if current.starts_at is None:
        raise ValidationError("Arrange the date, start and finish times before sending invitations")
    if not current.attendees.exists():
        raise ValidationError("Add the people to invite before sending invitations")
    current.invitations_sent_at = timezone.now()
    current.save(update_fields=["invitations_sent_at"])
    count = current.attendees.count()
    _record(by, current, f"Invitations sent to {count} people: {current.get_kind_display().lower()}, "
            f"{govuk_span(current.starts_at, current.ends_at)}", request)  # fmt: skip
    return current


def _earliest(current: Meeting) -> tuple[date | None, str]:
    if current.plan is not None:
        return current.plan.started_on, "the plan started"
    if current.protection_plan is not None:
        return current.protection_plan.started_on, "the child protection plan started"
    if current.fgc is not None:
        return current.fgc.requested_on, "the conference was requested"
    return None, ""


@transaction.atomic
def meeting_record(*, by: Any, meeting: Meeting, held_on: date | None, attended: set[int], decisions: str,
                   plan_continues: bool | None = None, request: Any = None) -> Meeting:  # fmt: skip
    """Record that the meeting was held: who came and what it decided. A plan review says whether the
    plan continues; the next core group, plan review or family group conference review falls due."""
    current = _lock(meeting)
    _not_held(current)
    if current.kind == MeetingKind.CONFERENCE:
        raise ValidationError("Record a child protection conference’s decision on the conference page")
    errors: dict[str, list[str]] = {}
    earliest, since = _earliest(current)
    if held_on is None:
        errors["held_on"] = ["Enter the date the meeting was held"]
    elif held_on > timezone.localdate():
        errors["held_on"] = ["The meeting must be today or in the past"]
    elif earliest and held_on < earliest:
        errors["held_on"] = [f"The meeting must be on or after {since} ({govuk_date(earliest)})"]
    if not decisions.strip():
        errors["decisions"] = ["Record what the meeting decided"]
    if current.kind in REVIEWS and plan_continues is None:
        errors["plan_continues"] = ["Select whether the plan continues"]
    if errors:
        raise ValidationError(errors)
    assert held_on is not None
    current.held_on, current.decisions, current.recorded_by = held_on, decisions.strip(), by
    current.save(update_fields=["held_on", "decisions", "recorded_by"])
    current.attendees.update(attended=False)
    current.attendees.filter(pk__in=attended).update(attended=True)
    title = f"{current.get_kind_display()} held on {govuk_date(held_on)}"
    title = _next_in_cycle(by, current, held_on, plan_continues, title, request)
    _record(by, current, title, request, significant=current.kind != MeetingKind.CORE_GROUP)
    return current


def _next_in_cycle(by: Any, current: Meeting, held_on: date, plan_continues: bool | None, title: str,
                   request: Any) -> str:  # fmt: skip
    if current.kind == MeetingKind.CORE_GROUP and current.protection_plan is not None:
        if current.protection_plan.ended_on is None:
            due = next_core_group_due(held_on)
            Meeting.objects.create(authority_id=current.authority_id, person=current.person,
                                   kind=MeetingKind.CORE_GROUP, protection_plan=current.protection_plan, due_on=due)  # fmt: skip
            title += f"; next core group due {govuk_date(due)}"
    elif current.kind in REVIEWS and current.plan is not None:
        title += ". " + plan_reviewed(by=by, plan=current.plan, held_on=held_on, continues=bool(plan_continues),
                                      request=request)  # fmt: skip
    elif current.kind == MeetingKind.FGC and current.fgc is not None:
        due = fgc_review_due(held_on)
        Meeting.objects.create(authority_id=current.authority_id, person=current.person,
                               kind=MeetingKind.FGC_REVIEW, fgc=current.fgc, due_on=due)  # fmt: skip
        title += f"; the family’s plan is reviewed by {govuk_date(due)}"
    return title


@transaction.atomic
def action_add(*, by: Any, description: str, due_on: date | None, owner: Any = None, owner_name: str = "",
               meeting: Meeting | None = None, plan: Plan | None = None, request: Any = None) -> CaseAction:  # fmt: skip
    """An action set at a meeting (once it is held) or written into a plan."""
    if (meeting is None) == (plan is None):
        raise ValueError("An action belongs to a meeting or to a plan")
    errors: dict[str, list[str]] = {}
    if meeting is not None:
        source: Any = _lock(meeting)
        if source.held_on is None:
            raise ValidationError("Record the meeting before adding the actions it set")
        earliest = source.held_on
        since = "the meeting"
    else:
        source = Plan.objects.select_for_update(of=("self",)).select_related("person").get(pk=plan.pk)  # type: ignore[union-attr]
        if source.ended_on is not None:
            raise ValidationError("This plan has ended; its actions can no longer be changed")
        earliest, since = source.started_on, "the plan started"
    if not description.strip():
        errors["description"] = ["Say what needs to be done"]
    if owner is None and not owner_name.strip():
        errors["owner"] = ["Choose who will do it, or enter the name of someone who is not staff"]
    if due_on is None:
        errors["due_on"] = ["Enter the date it must be done by"]
    elif due_on < earliest:
        errors["due_on"] = [f"The due date must be on or after {since} ({govuk_date(earliest)})"]
    if errors:
        raise ValidationError(errors)
    assert due_on is not None
    action = CaseAction.objects.create(authority_id=source.authority_id, person=source.person, meeting=meeting,
                                       plan=plan, description=description.strip()[:300], owner=owner,
                                       owner_name="" if owner else owner_name.strip()[:120], due_on=due_on,
                                       created_by=by)  # fmt: skip
    who = owner.display_name if owner else action.owner_name
    audit_record(action=AuditAction.CREATE, summary=f"Action for {who}, due {govuk_date(due_on)}", actor=by,
                 obj=action, person=source.person, request=request)  # fmt: skip
    return action


@transaction.atomic
def action_complete(
    *, by: Any, action: CaseAction, done_on: date | None = None, request: Any = None
) -> CaseAction:
    current = CaseAction.objects.select_for_update(of=("self",)).select_related("person").get(pk=action.pk)
    if current.done_on is not None:
        raise ValidationError("This action is already done")
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": ["The date it was done must be today or in the past"]})
    current.done_on = done_on
    current.save(update_fields=["done_on"])
    title = f"Action done: {current.description}"
    chronology_record(people=[current.person], occurred_at=timezone.now(), kind=EntryKind.MEETING, title=title,
                      source=current, by=by)  # fmt: skip
    audit_record(action=AuditAction.CHANGE, summary="Marked an action as done", actor=by, obj=current,
                 person=current.person, request=request)  # fmt: skip
    return current


@transaction.atomic
def conference_meeting(*, by: Any, conference: Any, request: Any = None) -> Meeting:
    """The meeting of a child protection conference (times, invitations, attendees), made when first
    arranged. Its decision is recorded on the conference itself."""
    existing = Meeting.objects.filter(conference=conference).first()
    if existing is not None:
        return existing
    return meeting_create(by=by, person=conference.person, kind=MeetingKind.CONFERENCE, due_on=conference.due_on,
                          conference=conference, reason=conference.get_kind_display(), request=request)  # fmt: skip
