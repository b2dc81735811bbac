"""Meeting pages: arrange, invite, record, and the actions a meeting sets; the MARAC and exploitation panel
lists; marking an action done."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record, audit_record_each
from hearth.casework import meetings, selectors
from hearth.casework.meeting_forms import ActionForm, ArrangeForm, AttendeeForm, RecordMeetingForm
from hearth.casework.models import MeetingKind
from hearth.core.access import Action, Capability, can, has_capability
from hearth.core.forms import PagePosts
from hearth.core.views import forbidden, page


def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    may_change = can(request.user, Action.CHANGE, meeting)
    attendees = list(meeting.attendees.select_related("user"))
    by = request.user
    posts = PagePosts(request, allowed=may_change)
    initial = {}
    if meeting.starts_at:
        initial = {"on": meeting.starts_at.date(), "location": meeting.location}
    arrange = posts.form("arrange", ArrangeForm, lambda d: meetings.meeting_arrange(
        by=by, meeting=meeting, on=d["on"], starts=d["starts"], ends=d["ends"], location=d["location"],
        request=request), "The date and times are saved", initial=initial)  # fmt: skip
    attendee = posts.form("attendee", AttendeeForm, lambda d: meetings.meeting_attendee_add(
        by=by, meeting=meeting, name=d["name"], role=d["role"], request=request), "Added to the invitation list")  # fmt: skip
    invite = posts.form("invite", forms.Form, lambda d: meetings.meeting_invitations_send(
        by=by, meeting=meeting, request=request), "The invitations are marked as sent")  # fmt: skip
    record = posts.form("record", RecordMeetingForm, lambda d: meetings.meeting_record(
        by=by, meeting=meeting, held_on=d["held_on"], attended={int(i) for i in d["attended"]},
        decisions=d["decisions"], plan_continues={"yes": True, "no": False}.get(d["plan_continues"]),
        request=request), "The meeting is recorded", attendees=attendees)  # fmt: skip
    staff = selectors.staff_to_choose(user=request.user, person=meeting.person)
    action = posts.form("action", ActionForm, lambda d: meetings.action_add(
        by=by, meeting=meeting, description=d["description"], due_on=d["due_on"], owner=action.chosen_owner(),  # type: ignore[attr-defined]
        owner_name=d["owner_name"], request=request), "Action added", staff=staff)  # fmt: skip
    if posts.run():
        return redirect("casework:meeting", meeting_id=meeting.pk)
    audit_record(action=AuditAction.VIEW, summary=f"Opened a meeting: {meeting.get_kind_display()}", actor=request.user,
                 obj=meeting, person=meeting.person, request=request)  # fmt: skip
    context = {
        "meeting": meeting, "attendees": attendees, "may_change": may_change, "posts": posts,
        "arrange": arrange, "attendee": attendee, "invite": invite, "record": record, "action": action,
        "actions": selectors.actions_of(user=request.user, meeting=meeting),
        "today": timezone.localdate(), "is_review": meeting.kind in meetings.REVIEWS, "is_conference": meeting.kind == MeetingKind.CONFERENCE,
    }  # fmt: skip
    return page(request, "casework/meeting.html", context, section="people")


def meeting_invitation(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The invitation to print or send: what, about whom, the date, the start and finish times, where."""
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    if meeting.starts_at is None:
        messages.error(request, "Arrange the date, start and finish times before writing the invitation")
        return redirect("casework:meeting", meeting_id=meeting.pk)
    audit_record(action=AuditAction.VIEW, summary="Opened a meeting invitation", actor=request.user, obj=meeting,
                 person=meeting.person, request=request)  # fmt: skip
    context = {"meeting": meeting, "attendees": list(meeting.attendees.all())}
    return page(request, "casework/invitation.html", context, section="people")


@require_POST
def conference_meeting(request: HttpRequest, conference_id: int) -> HttpResponse:
    """Arrange a child protection conference: its meeting page, made the first time."""
    conference = selectors.conference_get(user=request.user, conference_id=conference_id)
    meeting = meetings.conference_meeting(by=request.user, conference=conference, request=request)
    return redirect("casework:meeting", meeting_id=meeting.pk)


@require_POST
def action_done(request: HttpRequest, action_id: int) -> HttpResponse:
    action = selectors.case_action_get(user=request.user, action_id=action_id)
    try:
        meetings.action_complete(by=request.user, action=action, request=request)
        messages.success(request, f"Done: {action.description}")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("core:home")


def panels(request: HttpRequest) -> HttpResponse:
    """The multi-agency panel lists: children referred to MARAC, and to the exploitation panel."""
    if not has_capability(request.user, Capability.PEOPLE_VIEW):
        return forbidden(request)
    lists = [
        (MeetingKind.MARAC.label, "Referred by a DASH risk checklist at high risk, or on professional judgement",
         list(selectors.panel_list(user=request.user, kind=MeetingKind.MARAC)[:200])),
        (MeetingKind.EXPLOITATION.label, "Referred by the exploitation risk factor matrix at high risk",
         list(selectors.panel_list(user=request.user, kind=MeetingKind.EXPLOITATION)[:200])),
    ]  # fmt: skip
    people = [m.person for _, _, rows in lists for m in rows]
    if people:
        audit_record_each(action=AuditAction.VIEW, summary="Saw the multi-agency panel lists", actor=request.user,
                          people=people, request=request)  # fmt: skip
    return page(request, "casework/panels.html", {"lists": lists}, section="panels")
