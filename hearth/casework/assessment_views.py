"""The assessment page: the worker records and submits; the team manager approves or returns it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from hearth.accounts.roles import Role
from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.casework import assessments, protection, selectors
from hearth.casework.forms import AssessmentDecisionForm, AssessmentForm, ConferenceForm
from hearth.casework.models import AssessmentStatus
from hearth.core.access import Action, can
from hearth.core.forms import add_errors
from hearth.core.views import page


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
