"""Complaints pages for the customer relations team (`Capability.COMPLAINTS`): the list, recording a
complaint, its record page (stages, extensions, responses, learning, the Ombudsman), and compliments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.complaints import presenters, procedures, selectors, services
from hearth.complaints.forms import (
    ActionDoneForm,
    ActionForm,
    ComplaintFilters,
    ComplaintForm,
    ComplimentFilters,
    ComplimentForm,
    ExtendForm,
    OmbudsmanDecisionForm,
    OmbudsmanReferForm,
    PanelForm,
    RespondForm,
    StageStartForm,
)
from hearth.core.access import Action, Capability, has_capability
from hearth.core.forms import PagePosts, add_errors, paginate, valid_filters
from hearth.core.views import forbidden, page
from hearth.people.selectors import person_get

PER_PAGE = 25


def _allowed(request: HttpRequest) -> bool:
    return has_capability(request.user, Capability.COMPLAINTS)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    form = ComplaintFilters(request.GET or None)
    filters = valid_filters(form)
    today = timezone.localdate()
    listed = selectors.complaints(
        user=request.user, today=today, status=filters.get("status", ""), kind=filters.get("kind", ""),
        stage=int(filters["stage"]) if filters.get("stage") else None, overdue=bool(filters.get("overdue")),
        mine=bool(filters.get("mine")),
    )  # fmt: skip
    page_obj = paginate(request, listed, PER_PAGE)
    everything = selectors.complaints(user=request.user, today=today, status="open")
    context = {
        "form": form, "page_obj": page_obj, "rows": presenters.complaint_rows(list(page_obj.object_list), today),
        "open_count": everything.count(), "overdue_count": everything.filter(due_on__lt=today).count(),
    }  # fmt: skip
    return page(
        request, "complaints/index.html", context, section="complaints", status=400 if form.errors else 200
    )


def complaint_new(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    form = ComplaintForm(request.POST if request.method == "POST" else None,
                         teams=selectors.teams(user=request.user), handlers=selectors.handlers(user=request.user))  # fmt: skip
    if form.is_bound:
        valid = form.is_valid()
        data = form.cleaned_data
        child = None
        if data.get("child"):  # looked up even when other fields are wrong, so every problem shows at once
            try:
                child = person_get(user=request.user, person_id=data["child"], action=Action.VIEW)
            except (PermissionDenied, Http404):
                form.add_error("child", "There is no child with that Hearth ID whose record you can see")
        if valid and not form.errors:
            try:
                complaint = services.complaint_record(
                    by=request.user, kind=data["kind"], received_on=data["received_on"],
                    how_received=data["how_received"], complainant_name=data["complainant_name"],
                    complainant_is=data["complainant_is"], service=data["service"], subject=data["subject"],
                    summary=data["summary"], team=data["team"], child=child, handled_by=data["handled_by"],
                    request=request,
                )  # fmt: skip
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, f"Complaint {complaint.pk} is recorded")
                return redirect("complaints:complaint", complaint_id=complaint.pk)
    return page(request, "complaints/new.html", {"form": form}, section="complaints")


def complaint_detail(request: HttpRequest, complaint_id: int) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    user = request.user
    complaint = selectors.complaint_get(user=user, complaint_id=complaint_id)
    today = timezone.localdate()
    stages = selectors.stages_of(user=user, complaint=complaint)
    actions = selectors.actions_of(user=user, complaint=complaint)
    ombudsman = selectors.ombudsman_of(user=user, complaint=complaint)
    posts = PagePosts(request)

    def run(service: Any, **fixed: Any) -> Any:
        return lambda d: service(by=user, complaint=complaint, request=request, **fixed, **d)

    forms = {
        "stage": posts.form("stage", StageStartForm, run(services.complaint_stage_start), "The next stage has started"),
        "extend": posts.form("extend", ExtendForm, run(services.complaint_stage_extend), "The stage is extended"),
        "panel": posts.form("panel", PanelForm, run(services.complaint_panel_record), "The review panel is recorded"),
        "respond": posts.form("respond", RespondForm, run(services.complaint_stage_respond), "The response is recorded"),
        "action": posts.form("action", ActionForm, run(services.learning_action_add), "The action is added"),
        "refer": posts.form("refer", OmbudsmanReferForm, run(services.ombudsman_refer),
                            "The Ombudsman referral is recorded"),
        "decide": posts.form("decide", OmbudsmanDecisionForm, run(services.ombudsman_decide),
                             "The Ombudsman’s decision is recorded"),
    }  # fmt: skip
    open_actions = [a for a in actions if a.done_on is None]
    done: Any = posts.form("done", ActionDoneForm, lambda d: services.learning_action_done(
        by=user, action=done.actions[d["action"]], done_on=d["done_on"], request=request),
        "The action is marked as done", actions=open_actions)  # fmt: skip
    forms["done"] = done
    if posts.run():
        return redirect("complaints:complaint", complaint_id=complaint.pk)
    shown = selectors.child_of(user=user, complaint=complaint)
    if request.method == "GET":
        audit_record(action=AuditAction.VIEW, summary=f"Viewed complaint {complaint.pk}", actor=user, obj=complaint,
                     person=shown.person, request=request)  # fmt: skip
    current = stages[-1]
    rule = procedures.stage_rule(complaint.kind, current.number)
    context = {
        "complaint": complaint, "child": shown, "stages": presenters.stage_views(complaint.kind, stages, today),
        "current": current, "next_stage": presenters.next_stage(complaint.kind, stages),
        "current_rule": rule, "latest_extension": procedures.latest_extension(rule, current.started_on) if rule else None,
        "actions": actions, "open_actions": open_actions, "ombudsman": ombudsman, "today": today,
        "posts": posts, **forms,
    }  # fmt: skip
    return page(request, "complaints/complaint.html", context, section="complaints")


@require_GET
def compliments(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    form = ComplimentFilters(request.GET or None)
    filters = valid_filters(form)
    page_obj = paginate(
        request, selectors.compliments(user=request.user, service=filters.get("service", "")), PER_PAGE
    )
    context = {"form": form, "page_obj": page_obj}
    return page(
        request,
        "complaints/compliments.html",
        context,
        section="complaints",
        status=400 if form.errors else 200,
    )


def compliment_new(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        return forbidden(request)
    form = ComplimentForm(
        request.POST if request.method == "POST" else None, teams=selectors.teams(user=request.user)
    )
    if form.is_bound and form.is_valid():
        try:
            services.compliment_record(by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "The compliment is recorded")
            return redirect("complaints:compliments")
    return page(request, "complaints/compliment_new.html", {"form": form}, section="complaints")
