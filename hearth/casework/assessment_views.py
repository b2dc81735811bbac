"""The assessment page: the worker records and submits; the team manager approves or returns it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from hearth.accounts.models import User
from hearth.accounts.roles import Role
from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.casework import assessments, dashboard, protection, selectors
from hearth.casework.forms import AssessmentDecisionForm, AssessmentForm, ConferenceForm
from hearth.casework.models import AssessmentStatus
from hearth.core.access import Action, can, get_for, scoped
from hearth.core.forms import add_errors
from hearth.core.views import forbidden, page
from hearth.people import services as person_services
from hearth.people.models import Allocation


def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.assessment_get(user=request.user, assessment_id=assessment_id)
    may_edit = assessment.status in assessments.EDITABLE and can(request.user, Action.CHANGE, assessment)
    may_decide = (assessment.status == AssessmentStatus.SUBMITTED and getattr(request.user, "role", "") == Role.TEAM_MANAGER
                  and can(request.user, Action.CHANGE, assessment))  # fmt: skip
    initial = {"version": assessment.version, "child_seen_on": assessment.child_seen_on,
               "child_seen_alone": assessment.child_seen_alone, "factors": assessment.factors,
               "primary_need": assessment.primary_need, "outcome": assessment.outcome, "summary": assessment.summary}  # fmt: skip
    posted = request.method == "POST"
    form = AssessmentForm(request.POST if posted and may_edit else None, initial=initial)
    decision = AssessmentDecisionForm(request.POST if posted and may_decide else None)
    if posted:
        action = request.POST.get("action", "")
        try:
            if may_edit and form.is_valid():
                data = form.cleaned_data
                updated = assessments.assessment_update(
                    by=request.user, assessment=assessment, expected_version=data["version"],
                    child_seen_on=data["child_seen_on"], child_seen_alone=data["child_seen_alone"],
                    factors=list(data["factors"]), primary_need=data["primary_need"], outcome=data["outcome"],
                    summary=data["summary"], request=request,
                )  # fmt: skip
                if action == "submit":
                    assessments.assessment_submit(by=request.user, assessment=updated, request=request)
                    messages.success(request, "The assessment is with your manager for approval")
                else:
                    messages.success(request, "The assessment is saved")
                return redirect("casework:assessment", assessment_id=assessment.pk)
            if may_decide and decision.is_valid():
                approve = action == "approve"
                assessments.assessment_decide(by=request.user, assessment=assessment, approve=approve,
                                              comment=decision.cleaned_data["comment"], request=request)  # fmt: skip
                messages.success(
                    request, "Assessment approved" if approve else "Assessment returned with your comments"
                )
                return redirect("casework:assessment", assessment_id=assessment.pk)
        except ValidationError as error:
            add_errors(form if may_edit else decision, error)
    audit_record(action=AuditAction.VIEW, summary="Viewed an assessment", actor=request.user, obj=assessment,
                 person=assessment.person, request=request)  # fmt: skip
    context = {"assessment": assessment, "form": form, "decision": decision, "may_edit": may_edit,
               "may_decide": may_decide}  # fmt: skip
    return page(request, "casework/assessment.html", context, section="people")


def conference_detail(request: HttpRequest, conference_id: int) -> HttpResponse:
    """Record what a child protection conference decided."""
    conference = selectors.conference_get(user=request.user, conference_id=conference_id)
    form = ConferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            protection.conference_record(by=request.user, conference=conference, held_on=form.cleaned_data["held_on"],
                                         plan_needed=form.cleaned_data["plan_needed"] == "yes",
                                         category=form.cleaned_data["category"], request=request)  # fmt: skip
            messages.success(request, "The conference is recorded")
            return redirect("people:detail", person_id=conference.person_id)
        except ValidationError as error:
            add_errors(form, error)
    audit_record(action=AuditAction.VIEW, summary="Opened a conference", actor=request.user, obj=conference,
                 person=conference.person, request=request)  # fmt: skip
    return page(
        request, "casework/conference.html", {"conference": conference, "form": form}, section="people"
    )


def team(request: HttpRequest) -> HttpResponse:
    """The team manager's dashboard."""
    if getattr(request.user, "role", "") != Role.TEAM_MANAGER:
        return forbidden(request, PermissionError("The team dashboard is for team managers."))
    rows = dashboard.team_dashboard(user=request.user)
    return page(request, "casework/team.html", {"rows": rows, "weights": dashboard.WEIGHTS}, section="team")


def reallocate(request: HttpRequest, worker_id: int) -> HttpResponse:
    """A team manager moves children from one worker to another."""
    if getattr(request.user, "role", "") != Role.TEAM_MANAGER:
        return forbidden(request, PermissionError("Only a team manager can reallocate work."))
    team_id: int = getattr(request.user, "team_id", 0) or 0
    worker = get_for(request.user, User.objects.filter(team_id=team_id), pk=worker_id)
    allocations = scoped(
        request.user, Allocation.objects.filter(worker=worker, ended_on__isnull=True), Action.CHANGE
    )
    colleagues = scoped(request.user, User.objects.filter(team_id=team_id, is_active=True)).exclude(
        pk=worker.pk
    )
    error = ""
    if request.method == "POST":
        allocation = (
            allocations.filter(pk=request.POST.get("allocation") or 0)
            .select_related("person", "worker")
            .first()
        )
        target = colleagues.filter(pk=request.POST.get("to") or 0).first()
        if allocation is None or target is None:
            error = "Select a child and the worker to move them to"
        else:
            try:
                person_services.allocation_reallocate(
                    by=request.user, allocation=allocation, to=target, request=request
                )
                messages.success(
                    request, f"{allocation.person.full_name} is now allocated to {target.display_name}"
                )
                return redirect("casework:reallocate", worker_id=worker.pk)
            except ValidationError as problem:
                error = problem.messages[0]
    context = {"worker": worker, "allocations": allocations.select_related("person").order_by("person__family_name"),
               "colleagues": colleagues.order_by("last_name"), "error": error}  # fmt: skip
    return page(request, "casework/reallocate.html", context, section="team")


def districts(request: HttpRequest) -> HttpResponse:
    """Caseloads and timeliness by district (for a head of service, analysts and administrators)."""
    rows = dashboard.districts_overview(user=request.user)
    if not rows:
        return forbidden(request, PermissionError("District figures are for those who see county figures."))
    return page(request, "casework/districts.html", {"rows": rows}, section="districts")
