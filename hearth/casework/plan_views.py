"""Pages for child in need and early help family plans, family group conferences and structured tools."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from hearth.accounts.roles import Role
from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.casework import fgc as fgc_services
from hearth.casework import plans, selectors
from hearth.casework.meeting_forms import (
    ActionForm,
    DecisionForm,
    FgcCloseForm,
    FgcCoordinatorForm,
    FgcPlanForm,
    PlanEndForm,
    PlanForm,
    tool_form,
)
from hearth.casework.meetings import action_add
from hearth.casework.models import MeetingKind, PlanStatus
from hearth.casework.tools import engine
from hearth.casework.tools.responses import referral_kinds, tool_complete
from hearth.core.access import Action, can
from hearth.core.forms import PagePosts, add_errors
from hearth.core.views import page
from hearth.people import selectors as people_selectors


def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = selectors.plan_get(user=request.user, plan_id=plan_id)
    by = request.user
    may_change = can(by, Action.CHANGE, plan) and plan.ended_on is None
    may_edit = may_change and plan.status in plans.EDITABLE
    may_decide = (
        may_change and plan.status == PlanStatus.SUBMITTED and getattr(by, "role", "") == Role.TEAM_MANAGER
    )
    posts = PagePosts(request, allowed=may_change)

    def save(d: dict[str, Any]) -> object:
        saved = plans.plan_update(by=by, plan=plan, expected_version=d["version"], needs=d["needs"],
                                  outcomes=d["outcomes"], request=request)  # fmt: skip
        if request.POST.get("submit") == "yes":
            return plans.plan_submit(by=by, plan=saved, request=request)
        return saved

    done = (
        "The plan is saved"
        if request.POST.get("submit") != "yes"
        else "The plan is with your manager for approval"
    )
    edit = posts.form("plan", PlanForm, save, done,
                      initial={"version": plan.version, "needs": plan.needs, "outcomes": plan.outcomes})  # fmt: skip
    approve = request.POST.get("decision") == "approve"
    decision = posts.form("decide", DecisionForm, lambda d: plans.plan_decide(
        by=by, plan=plan, approve=approve, comment=d["comment"], request=request),
        "Plan agreed" if approve else "Plan returned with your comments")  # fmt: skip
    staff = selectors.staff_to_choose(user=by, person=plan.person)
    action = posts.form("action", ActionForm, lambda d: action_add(
        by=by, plan=plan, description=d["description"], due_on=d["due_on"], owner=action.chosen_owner(),  # type: ignore[attr-defined]
        owner_name=d["owner_name"], request=request), "Action added to the plan", staff=staff)  # fmt: skip
    end = posts.form("end", PlanEndForm, lambda d: plans.plan_end(
        by=by, plan=plan, ended_on=d["ended_on"], reason=d["reason"], request=request), "The plan has ended")  # fmt: skip
    if posts.run():
        return redirect("casework:plan", plan_id=plan.pk)
    audit_record(action=AuditAction.VIEW, summary=f"Opened a {plan.get_kind_display().lower()}", actor=by, obj=plan,
                 person=plan.person, request=request)  # fmt: skip
    context = {
        "plan": plan, "posts": posts, "edit": edit, "decision": decision, "action": action, "end": end,
        "may_change": may_change, "may_edit": may_edit, "may_decide": may_decide,
        "may_submit": may_edit and plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED),
        "actions": selectors.actions_of(user=by, plan=plan),
        "reviews": list(plan.meetings.order_by("due_on")), "today": timezone.localdate(),
    }  # fmt: skip
    return page(request, "casework/plan.html", context, section="people")


def fgc_detail(request: HttpRequest, fgc_id: int) -> HttpResponse:
    fgc = selectors.fgc_get(user=request.user, fgc_id=fgc_id)
    by = request.user
    may_change = can(by, Action.CHANGE, fgc) and fgc.closed_on is None
    posts = PagePosts(request, allowed=may_change)
    staff = selectors.staff_to_choose(user=by, person=fgc.person)
    coordinator = posts.form("coordinator", FgcCoordinatorForm, lambda d: fgc_services.fgc_allocate(
        by=by, fgc=fgc, coordinator=coordinator.staff.get(d["coordinator"] or ""), request=request),  # type: ignore[attr-defined]
        "The coordinator is allocated", staff=staff)  # fmt: skip
    family_plan = posts.form("plan", FgcPlanForm, lambda d: fgc_services.fgc_family_plan(
        by=by, fgc=fgc, family_plan=d["family_plan"], request=request), "The family’s plan is recorded",
        initial={"family_plan": fgc.family_plan})  # fmt: skip
    close = posts.form("close", FgcCloseForm, lambda d: fgc_services.fgc_close(
        by=by, fgc=fgc, outcome=d["outcome"], request=request), "The family group conference is closed")  # fmt: skip
    if posts.run():
        return redirect("casework:fgc", fgc_id=fgc.pk)
    audit_record(action=AuditAction.VIEW, summary="Opened a family group conference", actor=by, obj=fgc,
                 person=fgc.person, request=request)  # fmt: skip
    meetings_ = list(fgc.meetings.order_by("kind", "due_on"))
    context = {
        "fgc": fgc, "posts": posts, "coordinator": coordinator, "family_plan": family_plan, "close": close,
        "may_change": may_change, "meetings": meetings_,
        "conference_held": any(m.kind == MeetingKind.FGC and m.held_on for m in meetings_),
    }  # fmt: skip
    return page(request, "casework/fgc.html", context, section="people")


def tools_list(request: HttpRequest, person_id: int) -> HttpResponse:
    person = people_selectors.person_get(user=request.user, person_id=person_id, action=Action.VIEW)
    audit_record(action=AuditAction.VIEW, summary="Opened the list of tools", actor=request.user, obj=person,
                 person=person, request=request)  # fmt: skip
    context = {"person": person, "tools": engine.definitions(), "may_change": can(request.user, Action.CHANGE, person),
               "done": selectors.casework_of(user=request.user, person=person)["tools"]}  # fmt: skip
    return page(request, "casework/tools.html", context, section="people")


def tool_new(request: HttpRequest, person_id: int, key: str) -> HttpResponse:
    """Complete a tool: the page is built from the tool's current definition."""
    person = people_selectors.person_get(user=request.user, person_id=person_id, action=Action.CHANGE)
    try:
        tool = engine.definition(key)
    except LookupError as error:
        raise Http404("No such tool") from error
    form_class = tool_form(tool)
    form: forms.Form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answers = {k: v for k, v in data.items() if k != "professional_judgement" and v not in ("", None)}
        try:
            response = tool_complete(by=request.user, person=person, key=tool.key, answers=answers,
                                     professional_judgement=bool(data.get("professional_judgement")),
                                     request=request)  # fmt: skip
            return redirect("casework:tool", response_id=response.pk)
        except ValidationError as error:
            add_errors(form, error)
    if request.method == "GET":
        audit_record(action=AuditAction.VIEW, summary=f"Opened the {tool.title}", actor=request.user, obj=person,
                     person=person, request=request)  # fmt: skip
    context = {"person": person, "tool": tool, "form": form, "sections": form_class.sections}  # type: ignore[attr-defined]
    return page(request, "casework/tool_form.html", context, section="people")


def tool_detail(request: HttpRequest, response_id: int) -> HttpResponse:
    response = selectors.tool_response_get(user=request.user, response_id=response_id)
    tool = engine.definition(response.key, response.version)
    audit_record(action=AuditAction.VIEW, summary=f"Opened a completed {response.title}", actor=request.user,
                 obj=response, person=response.person, request=request)  # fmt: skip
    questions = engine.question_texts(tool)
    answers = [(questions.get(qid, qid), value) for qid, value in response.answers.items()]
    referral = None
    for kind in sorted(referral_kinds(tool)):
        referral = (
            referral
            or selectors.panel_list(user=request.user, kind=kind).filter(person=response.person).first()
        )
    context = {"response": response, "answers": answers, "referral": referral}
    return page(request, "casework/tool.html", context, section="people")
