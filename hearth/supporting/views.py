"""Supporting Families pages: the programme's overview, the families on it, attaching a family, a family's
programme record (criteria, outcome plan, claims, closure), making a claim, and the targets and district
investment plans.

Everyone with `Capability.SUPPORTING_FAMILIES` sees the programme and the families they may see;
practitioners attach families and record plans only for people they may change; claims, targets and
investment plans are for `Capability.SUPPORTING_FAMILIES_CLAIMS`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record, audit_record_each
from hearth.core.access import Action, Capability, can, has_capability
from hearth.core.forms import PagePosts, add_errors, paginate, valid_filters
from hearth.core.reports import written
from hearth.core.views import forbidden, page
from hearth.organisation.selectors import districts
from hearth.people.selectors import person_get
from hearth.supporting import claims, presenters, selectors, services
from hearth.supporting.figures import programme_figures
from hearth.supporting.forms import (
    CRITERIA_HINTS,
    AttachForm,
    ClaimEndForm,
    ClaimForm,
    CloseForm,
    CriterionForm,
    FamilyFilters,
    FindPersonForm,
    InvestmentPlanForm,
    OutcomeForm,
    TargetForm,
)
from hearth.supporting.models import ClaimStatus
from hearth.supporting.programme import CONVERSION_GOAL, year_label
from hearth.supporting.report import brfc_report, one_place

PER_PAGE = 50


def _sees_programme(request: HttpRequest) -> bool:
    return has_capability(request.user, Capability.SUPPORTING_FAMILIES)


def _claims(request: HttpRequest) -> bool:
    return has_capability(request.user, Capability.SUPPORTING_FAMILIES_CLAIMS)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The programme as a whole: its headline figures and the members' report, naming nobody."""
    if not _sees_programme(request):
        return forbidden(request)
    authority_id: int = request.user.authority_id  # type: ignore[union-attr,assignment]
    figures = programme_figures(authority_id=authority_id, on=timezone.localdate())
    context = {"f": figures, "section": brfc_report(figures, authority_id=authority_id), "goal": CONVERSION_GOAL,
               "written": written, "one_place": one_place,
               "may_claim": _claims(request), "may_attach": _may_attach(request)}  # fmt: skip
    return page(request, "supporting/index.html", context, section="supporting")


@require_GET
def families(request: HttpRequest) -> HttpResponse:
    if not _sees_programme(request):
        return forbidden(request)
    form = FamilyFilters(request.GET or None, district_choices=districts(user=request.user))
    filters = valid_filters(form)
    found = selectors.attachments_visible(
        user=request.user, query=filters.get("q", ""), district_id=getattr(filters.get("district"), "pk", None),
        status=filters.get("status", ""), key_worker=request.user if filters.get("mine") else None,
    )  # fmt: skip
    page_obj = paginate(request, found, PER_PAGE)
    rows = presenters.family_rows(list(page_obj.object_list))
    if rows:
        audit_record_each(action=AuditAction.VIEW, summary="Saw the Supporting Families list", actor=request.user,
                          people=[r.attachment.lead for r in rows], request=request)  # fmt: skip
    context = {"form": form, "page_obj": page_obj, "rows": rows, "may_attach": _may_attach(request)}
    return page(request, "supporting/families.html", context, section="supporting")


def _may_attach(request: HttpRequest) -> bool:
    return _sees_programme(request) and has_capability(request.user, Capability.PEOPLE_CHANGE)


@require_GET
def attach_find(request: HttpRequest) -> HttpResponse:
    """Find the lead person of the family to attach, among the people the user may change."""
    if not _may_attach(request):
        return forbidden(request)
    form = FindPersonForm(request.GET or None)
    people = []
    if form.is_bound and form.is_valid():
        people = selectors.people_to_attach(user=request.user, query=form.cleaned_data["q"])
        audit_record(action=AuditAction.SEARCH, summary="Searched for a family to attach to Supporting Families",
                     actor=request.user, changes={"query": form.cleaned_data["q"]}, request=request)  # fmt: skip
    return page(request, "supporting/find.html", {"form": form, "people": people}, section="supporting")


def attach(request: HttpRequest, person_id: int) -> HttpResponse:
    """Attach the family of a person the user may change: its members, the criteria it meets, its key worker."""
    if not _may_attach(request):
        return forbidden(request)
    lead = person_get(user=request.user, person_id=person_id, action=Action.CHANGE)
    household, others = selectors.household_of(user=request.user, person=lead)
    workers = selectors.key_workers(user=request.user)
    today = timezone.localdate()
    initial = {"attached_on": [today.day, today.month, today.year], "members": [str(p.pk) for p in others],
               "key_worker": str(request.user.pk)}  # fmt: skip
    form = AttachForm(request.POST if request.method == "POST" else None, initial=initial, members=others,
                      workers=workers)  # fmt: skip
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            attachment = services.attachment_attach(
                by=request.user, lead=lead, attached_on=d["attached_on"], criteria=d["criteria"],
                members=[form.people[k] for k in d["members"]], household=household,
                key_worker=form.workers[d["key_worker"]], request=request,
            )  # fmt: skip
            messages.success(request, "The family is attached. Now record its outcome plan")
            return redirect("supporting:family", attachment_id=attachment.pk)
        except ValidationError as error:
            add_errors(form, error)
    if request.method == "GET":
        audit_record(action=AuditAction.VIEW, summary="Opened the form to attach a family to Supporting Families",
                     actor=request.user, obj=lead, person=lead, request=request)  # fmt: skip
    context = {"form": form, "lead": lead, "household": household, "hints": CRITERIA_HINTS}
    return page(request, "supporting/attach.html", context, section="supporting")


def family(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """A family's programme record: members, criteria, outcome plan, claims and closure."""
    if not _sees_programme(request):
        return forbidden(request)
    by = request.user
    found = selectors.attachment_get(user=by, attachment_id=attachment_id)
    is_open = found.closed_on is None
    may_change = is_open and has_capability(by, Capability.PEOPLE_CHANGE) and can(by, Action.CHANGE, found)
    may_claim = _claims(request)
    plan = selectors.plan_of(user=by, attachment=found)
    met = [c.criterion for c in plan["criteria"]]
    standing = next((c for c in plan["claims"] if c.status == ClaimStatus.MADE), None)
    posts = PagePosts(request)
    forms_: dict[str, Any] = {}
    if may_change:
        forms_["criterion"] = posts.form("criterion", CriterionForm, lambda d: services.criterion_add(
            by=by, attachment=found, criterion=d["criterion"], note=d["note"], request=request),
            "Criterion added", met=set(met))  # fmt: skip
        forms_["outcome"] = posts.form("outcome", OutcomeForm, lambda d: services.outcome_record(
            by=by, attachment=found, criterion=d["criterion"], description=d["description"], measure=d["measure"],
            target=d["target"], request=request), "The outcome plan is saved", met=met)  # fmt: skip
        forms_["close"] = posts.form("close", CloseForm, lambda d: services.attachment_close(
            by=by, attachment=found, closed_on=d["closed_on"], reason=d["reason"], note=d["note"], request=request),
            "The family has left the programme")  # fmt: skip
    if may_claim and standing is not None:
        forms_["end"] = posts.form("end", ClaimEndForm, lambda d: (
            claims.claim_withdraw if d["decision"] == ClaimStatus.WITHDRAWN else claims.claim_reject)(
            by=by, claim=standing, on=d["on"], reason=d["reason"], request=request),
            "The claim no longer stands")  # fmt: skip
    if posts.posted and posts.posted not in posts.forms:
        return forbidden(request)
    if posts.run():
        return redirect("supporting:family", attachment_id=found.pk)
    if request.method == "GET":
        audit_record(action=AuditAction.VIEW, summary="Opened a family’s Supporting Families record", actor=by,
                     obj=found, person=found.lead, request=request)  # fmt: skip
    status, tag = presenters.status_of(found, standing)
    members = selectors.members_of(user=by, attachment=found)
    named = {person.pk for person, _ in members}
    context = {
        "a": found, "members": members, "status": status, "tag": tag,
        "year": year_label(found.programme_year), "may_change": may_change, "may_claim": may_claim,
        "standing": standing, "forms": forms_, "claim_status": presenters.claim_status,
        "claim_lines": lambda claim: presenters.claim_lines(claim, named), **plan,
        "error_title": posts.has_errors,
    }  # fmt: skip
    return page(request, "supporting/family.html", context, section="supporting")


def claim(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """Make a claim for a family: significant and sustained progress, or continuous employment."""
    if not _claims(request):
        return forbidden(request)
    found = selectors.attachment_get(user=request.user, attachment_id=attachment_id)
    plan = selectors.plan_of(user=request.user, attachment=found)
    people = [person for person, _ in selectors.members_of(user=request.user, attachment=found)]
    form = ClaimForm(
        request.POST if request.method == "POST" else None, outcomes=plan["outcomes"], people=people
    )
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            claims.claim_make(by=request.user, attachment=found, kind=d["kind"], claimed_on=d["claimed_on"],
                              evidence=d["evidence"], employed_from=d["employed_from"], request=request,
                              **form.chosen())  # fmt: skip
            messages.success(request, "The claim is made and the family has closed as successful")
            return redirect("supporting:family", attachment_id=found.pk)
        except ValidationError as error:
            add_errors(form, error)
    if request.method == "GET":
        audit_record(action=AuditAction.VIEW, summary="Opened the claim form for a family", actor=request.user,
                     obj=found, person=found.lead, request=request)  # fmt: skip
    context = {"a": found, "form": form, "outcomes": plan["outcomes"]}
    return page(request, "supporting/claim.html", context, section="supporting")


def targets(request: HttpRequest) -> HttpResponse:
    """The attachment target for each programme year, and the districts' investment plans."""
    if not _claims(request):
        return forbidden(request)
    by = request.user
    posts = PagePosts(request)
    target = posts.form("target", TargetForm, lambda d: claims.target_set(
        by=by, year=d["year"], families=d["families"], request=request), "The attachment target is set")  # fmt: skip
    plan = posts.form("plan", InvestmentPlanForm, lambda d: claims.investment_plan_set(
        by=by, district=d["district"], year=d["year"], amount=d["amount"], priorities=d["priorities"],
        request=request), "The investment plan is saved", district_choices=districts(user=by))  # fmt: skip
    if posts.run():
        return redirect("supporting:targets")
    plans = list(selectors.investment_plans(user=by))
    context = {
        "posts": posts, "target": target, "plan": plan, "targets": list(selectors.targets(user=by)),
        "plans": plans, "year_label": year_label, "error_title": posts.has_errors,
    }  # fmt: skip
    return page(request, "supporting/targets.html", context, section="supporting")
