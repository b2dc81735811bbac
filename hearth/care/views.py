"""The care pages: placements and their costs, missing children, placement requests, adopters, a
provider and its rates. The child's own care journey is on the person page (hearth.people.views)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record, audit_record_each
from hearth.care import codes, costs, finding, permanence, selectors
from hearth.care.figures import missing_figures, placement_figures
from hearth.care.forms import AdopterStageForm, DecideRequestForm, RateForm
from hearth.care.models import (
    ADOPTER_STAGES,
    AdopterStage,
    ProspectiveAdopter,
    Provider,
    RequestStatus,
)
from hearth.core.access import Action, Capability, can, get_for, has_capability, scoped
from hearth.core.forms import add_errors, valid_filters
from hearth.core.views import forbidden, page
from hearth.organisation.forms import district_filter
from hearth.organisation.selectors import districts


class PlacementFilters(forms.Form):
    district = district_filter()
    category = forms.ChoiceField(
        label="Category", required=False, choices=[("", "All categories"), *codes.CATEGORIES]
    )

    def __init__(self, *args: Any, district_choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = district_choices  # type: ignore[attr-defined]


@require_GET
def placements(request: HttpRequest) -> HttpResponse:
    """Current placements with their weekly and yearly cost by category, district and provider."""
    if not has_capability(request.user, Capability.PLACEMENTS):
        return forbidden(request)
    form = PlacementFilters(request.GET or None, district_choices=districts(user=request.user))
    filters = valid_filters(form)
    # Figures only (no child is named on this page), so restricted and sealed records count too.
    everything = selectors.placements_counted(user=request.user)
    current = everything.filter(ended_on__isnull=True)
    if filters.get("district"):
        current = current.filter(person__district=filters["district"])
    if filters.get("category"):
        current = current.filter(category=filters["category"])
    figures = placement_figures(current, everything)
    audit_record(action=AuditAction.VIEW, summary=f"Viewed the placements page ({figures.total.children} children)",
                 actor=request.user, request=request)  # fmt: skip
    filtered = bool(filters.get("district") or filters.get("category"))
    return page(
        request,
        "care/placements.html",
        {"form": form, "f": figures, "filtered": filtered},
        section="placements",
    )


@require_GET
def missing(request: HttpRequest) -> HttpResponse:
    """Missing episodes of the last 90 days: return home interviews, escalations, children still missing."""
    if not has_capability(request.user, Capability.PEOPLE_VIEW):
        return forbidden(request)
    since = timezone.now() - timedelta(days=90)
    figures = missing_figures(selectors.missing_recent(user=request.user, since=since))
    shown = {e.person for e in (*figures.outstanding, *figures.still_missing, *figures.escalations)}
    if shown:
        audit_record_each(action=AuditAction.VIEW, summary="Saw the missing children page", actor=request.user,
                          people=list(shown), request=request)  # fmt: skip
    return page(request, "care/missing.html", {"f": figures}, section="missing")


@require_GET
def requests_list(request: HttpRequest) -> HttpResponse:
    if not has_capability(request.user, Capability.PEOPLE_VIEW):
        return forbidden(request)
    rows = list(selectors.placement_requests(user=request.user).filter(status=RequestStatus.OPEN)[:200])
    recent = list(selectors.placement_requests(user=request.user).exclude(status=RequestStatus.OPEN)
                  .select_related("chosen").order_by("-requested_on")[:20])  # fmt: skip
    if rows or recent:
        audit_record_each(action=AuditAction.VIEW, summary="Saw the placement requests", actor=request.user,
                          people=[r.person for r in (*rows, *recent)], request=request)  # fmt: skip
    return page(request, "care/requests.html", {"open": rows, "recent": recent}, section="placements")


def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    """A placement request: the matches, our own carers first, and the choice with its reason."""
    found = selectors.placement_request_get(user=request.user, request_id=request_id)
    may_decide = found.status == RequestStatus.OPEN and can(request.user, Action.CHANGE, found)
    options = finding.matches(found) if found.status == RequestStatus.OPEN else []
    choices = [(str(m.provider.pk), m.provider.name) for m in options]
    form = DecideRequestForm(
        request.POST if request.method == "POST" and may_decide else None, options=choices
    )
    if form.is_bound and form.is_valid():
        provider = next(
            (m.provider for m in options if str(m.provider.pk) == form.cleaned_data["provider"]), None
        )
        try:
            finding.placement_request_decide(by=request.user, placement_request=found, provider=provider,
                                             reason=form.cleaned_data["reason"], request=request)  # fmt: skip
            messages.success(request, "Placement chosen. Record the move as a change of placement")
            return redirect("care:request", request_id=found.pk)
        except ValidationError as error:
            add_errors(form, error)
    if request.method == "GET":
        audit_record(action=AuditAction.VIEW, summary="Viewed a placement request", actor=request.user, obj=found,
                     person=found.person, request=request)  # fmt: skip
    needs = [finding.NEEDS.get(n, n) for n in found.needs]
    context = {"r": found, "options": options, "form": form, "may_decide": may_decide, "needs": needs}
    return page(request, "care/request.html", context, section="placements")


def adopters(request: HttpRequest) -> HttpResponse:
    """Prospective adopters of the regional adoption agency, by stage; a manager moves them on."""
    if not has_capability(request.user, Capability.PLACEMENTS):
        return forbidden(request)
    everyone = list(scoped(request.user, ProspectiveAdopter.objects.all()).order_by("name"))
    may_change = has_capability(request.user, Capability.PEOPLE_CHANGE)
    active = [a for a in everyone if a.stage not in {AdopterStage.WITHDRAWN, AdopterStage.ADOPTED}]
    form = AdopterStageForm(
        request.POST if request.method == "POST" and may_change else None, adopters=active
    )
    if form.is_bound and form.is_valid():
        chosen = form.adopters[form.cleaned_data["adopter"]]
        try:
            permanence.adopter_advance(by=request.user, adopter=chosen, stage=form.cleaned_data["stage"],
                                       on=form.cleaned_data["on"], request=request)  # fmt: skip
            messages.success(request, f"{chosen.name}: stage recorded")
            return redirect("care:adopters")
        except ValidationError as error:
            add_errors(form, error)
    stages = [
        (AdopterStage(s).label, [a for a in everyone if a.stage == s]) for s in [*ADOPTER_STAGES, "withdrawn"]
    ]
    context = {"stages": stages, "total": len(everyone), "form": form, "may_change": may_change}
    return page(request, "care/adopters.html", context, section="placements")


def provider_detail(request: HttpRequest, provider_id: int) -> HttpResponse:
    """A provider: its rates over time, and (for a team manager) a new rate from a date."""
    if not has_capability(request.user, Capability.PLACEMENTS):
        return forbidden(request)
    provider = get_for(request.user, Provider, pk=provider_id)
    may_set = has_capability(request.user, Capability.PEOPLE_CHANGE)
    form = RateForm(request.POST if request.method == "POST" and may_set else None)
    if form.is_bound and form.is_valid():
        try:
            costs.provider_rate_set(by=request.user, provider=provider, request=request, **form.cleaned_data)
            messages.success(request, "The new rate is set. The earlier rate is kept in the history")
            return redirect("care:provider", provider_id=provider.pk)
        except ValidationError as error:
            add_errors(form, error)
    today = timezone.localdate()
    rates = list(provider.rates.order_by("-starts_on"))
    weekly = costs.rate_on(provider, today)
    children = (
        selectors.current_placements(user=request.user).filter(provider=provider).select_related("person")
    )
    context = {"provider": provider, "rates": rates, "form": form, "may_set": may_set, "children": list(children),
               "weekly": weekly, "yearly": costs.yearly(weekly)}  # fmt: skip
    return page(request, "care/provider.html", context, section="placements")
