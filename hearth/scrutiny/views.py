"""Scrutiny pages, for democratic services (`Capability.SCRUTINY`): committees, a committee's members,
calendar and work programme, a meeting's agenda, a preview of an item's report, and the agenda pack as PDF.
Scrutiny officers see no person records: the reports they add hold figures only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.core import reports
from hearth.core.access import Capability, has_capability
from hearth.core.forms import PagePosts
from hearth.core.views import forbidden, page
from hearth.scrutiny import agenda, pack, presenters, selectors, services
from hearth.scrutiny.forms import (
    CancelForm,
    ChooseForm,
    CommitteeForm,
    MemberForm,
    OrderForm,
    OtherItemForm,
    OutcomeForm,
    ProgrammeForm,
    ReportItemForm,
    ScheduleForm,
)
from hearth.scrutiny.models import AgendaKind, MeetingStatus

SECTION = "scrutiny"


def _allowed(request: HttpRequest) -> bool:
    return has_capability(request.user, Capability.SCRUTINY)


def _chosen(rows: list[Any], data: dict[str, Any], gone: str) -> Any:
    """The row a button beside it chose, from the rows the page showed."""
    for row in rows:
        if row.pk == data["choice"]:
            return row
    raise ValidationError(gone)


def index(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    posts = PagePosts(request)
    add = posts.form("committee", CommitteeForm, lambda d: services.committee_create(by=request.user, request=request, **d),
                     "The committee is added")  # fmt: skip
    if posts.run():
        return redirect("scrutiny:index")
    context = {"committees": selectors.committees(user=request.user), "add": add, "posts": posts}
    return page(request, "scrutiny/index.html", context, section=SECTION)


def committee_detail(request: HttpRequest, committee_id: int) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    committee = selectors.committee_get(user=request.user, committee_id=committee_id)
    members = presenters.members_in_order(selectors.members_of(user=request.user, committee=committee))
    meetings = selectors.meetings_of(user=request.user, committee=committee)
    today = timezone.localdate()
    by = request.user
    posts = PagePosts(request)
    member = posts.form("member", MemberForm, lambda d: services.member_add(by=by, committee=committee, request=request, **d),
                        "The member is added")  # fmt: skip
    posts.form("member_remove", ChooseForm, lambda d: services.member_remove(
        by=by, member=_chosen(members, d, "That member has already been removed"), request=request), "The member is removed")  # fmt: skip
    schedule = posts.form("schedule", ScheduleForm, lambda d: services.meeting_schedule(
        by=by, committee=committee, on=d["on"], starts=d["starts"], venue=d["venue"], request=request),
        "The meeting is added to the calendar")  # fmt: skip
    to_come = [
        m for m in meetings if presenters.meeting_day(m) >= today and m.status == MeetingStatus.SCHEDULED
    ]
    programme = posts.form("programme", ProgrammeForm, lambda d: services.programme_item_add(
        by=by, committee=committee, kind=d["kind"], title=d["title"], details=d["details"],
        lead_officer=d["lead_officer"], cabinet_member=d["cabinet_member"], meeting=programme.chosen_meeting(),  # type: ignore[attr-defined]
        on=d["on"], request=request), "The item is added to the work programme", meetings=to_come)  # fmt: skip
    if posts.run():
        return redirect("scrutiny:committee", committee_id=committee.pk)
    year = presenters.municipal_year(today)
    context = {
        "committee": committee, "members": [(m, presenters.member_line(m)) for m in members], "posts": posts,
        "calendar": presenters.calendar(meetings, today), "year": year, "member": member, "schedule": schedule,
        "programme": programme, "tables": presenters.programme_tables(
            selectors.programme_of(user=request.user, committee=committee), year),
        "programme_when": presenters.programme_when,
    }  # fmt: skip
    return page(request, "scrutiny/committee.html", context, section=SECTION)


def programme_item(request: HttpRequest, item_id: int) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    item = selectors.programme_item_get(user=request.user, item_id=item_id)
    posts = PagePosts(request)
    outcome = posts.form("outcome", OutcomeForm, lambda d: services.programme_item_outcome(
        by=request.user, item=item, outcome=d["outcome"], request=request), "The outcome is recorded",
        initial={"outcome": item.outcome})  # fmt: skip
    posts.form("remove", forms.Form, lambda d: services.programme_item_remove(by=request.user, item=item, request=request),
               "The item is removed from the work programme")  # fmt: skip
    if posts.run():
        if posts.posted == "remove":
            return redirect("scrutiny:committee", committee_id=item.committee_id)
        return redirect("scrutiny:programme-item", item_id=item.pk)
    context = {"item": item, "when": presenters.programme_when(item), "outcome": outcome, "posts": posts}
    return page(request, "scrutiny/programme_item.html", context, section=SECTION)


def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    items = list(selectors.agenda_of(user=request.user, meeting=meeting))
    by = request.user
    on = agenda.default_as_at(meeting)
    posts = PagePosts(request)
    report = posts.form("report", ReportItemForm, lambda d: agenda.agenda_report_add(
        by=by, meeting=meeting, report_key=d["report"], on=d["on"], cover_note=d["cover_note"], title=d["title"],
        position=d["position"], request=request), "The report is added to the agenda",
        initial={"on": [on.day, on.month, on.year]})  # fmt: skip
    other = posts.form("other", OtherItemForm, lambda d: agenda.agenda_item_add(
        by=by, meeting=meeting, kind=d["kind"], title=d["title"], cover_note=d["cover_note"], position=d["position"],
        request=request), "The item is added to the agenda")  # fmt: skip
    order = posts.form("order", OrderForm, lambda d: agenda.agenda_reorder(
        by=by, meeting=meeting, positions=order.positions(), request=request), "The agenda is in its new order",  # type: ignore[attr-defined]
        items=items)  # fmt: skip
    posts.form("remove", ChooseForm, lambda d: agenda.agenda_item_remove(
        by=by, item=_chosen(items, d, "That item is no longer on the agenda"), request=request),
        "The item is removed from the agenda")  # fmt: skip
    posts.form("publish", forms.Form, lambda d: services.meeting_publish(by=by, meeting=meeting, request=request),
               "The agenda is marked as published today")  # fmt: skip
    cancel = posts.form("cancel", CancelForm, lambda d: services.meeting_cancel(
        by=by, meeting=meeting, reason=d["reason"], request=request), "The meeting is cancelled")  # fmt: skip
    posts.form("held", forms.Form, lambda d: services.meeting_held(by=by, meeting=meeting, request=request),
               "The meeting is recorded as held")  # fmt: skip
    if posts.run():
        return redirect("scrutiny:meeting", meeting_id=meeting.pk)
    today = timezone.localdate()
    day = presenters.meeting_day(meeting)
    context = {
        "meeting": meeting, "when": presenters.meeting_when(meeting), "status": presenters.status_label(meeting, today),
        "rows": presenters.agenda_rows(items), "may_change": meeting.status == MeetingStatus.SCHEDULED and day >= today,
        "may_record_held": meeting.status == MeetingStatus.SCHEDULED and meeting.starts_at <= timezone.now(),
        "planned": selectors.programme_for_meeting(user=request.user, meeting=meeting),
        "posts": posts, "report": report, "other": other, "order": order, "cancel": cancel,
        "has_reports": bool(reports.REPORTS),
    }  # fmt: skip
    return page(request, "scrutiny/meeting.html", context, section=SECTION)


def agenda_item(request: HttpRequest, item_id: int) -> HttpResponse:
    """An item as the pack will print it: the cover note and, for a report, the report as at its date."""
    if not _allowed(request):
        return forbidden(request)
    item = selectors.agenda_item_get(user=request.user, item_id=item_id)
    kind = reports.REPORTS.get(item.report_key) if item.kind == AgendaKind.REPORT else None
    section = kind.build(authority_id=item.authority_id, on=item.as_at) if kind and item.as_at else None
    context = {"item": item, "meeting": item.meeting, "section": section, "kind": kind,
               "when": presenters.meeting_when(item.meeting), "paragraphs": pack.paragraphs(item.cover_note)}  # fmt: skip
    return page(request, "scrutiny/item.html", context, section=SECTION)


def agenda_pack_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """The agenda pack as a PDF download. The records are read first; WeasyPrint draws it afterwards, with no
    query or transaction open."""
    if not _allowed(request):
        return forbidden(request)
    meeting = selectors.meeting_get(user=request.user, meeting_id=meeting_id)
    contents = pack.agenda_pack(meeting=meeting)
    audit_record(action=AuditAction.EXPORT, summary=f"Downloaded the agenda pack of {contents.committee} for "
                 f"{contents.when}", actor=request.user, obj=meeting, request=request)  # fmt: skip
    response = HttpResponse(pack.pack_pdf(contents), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pack.pack_filename(contents)}"'
    return response
