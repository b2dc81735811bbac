"""Placement finding: a request with the child's needs, matched against our own carers first and then
external providers, cheapest first; a dearer choice than the cheapest match needs a recorded reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from hearth.care.costs import rate_on
from hearth.care.models import IN_HOUSE_KINDS, PlacementRequest, Provider, ProviderKind, RequestStatus
from hearth.casework.services import casework_event
from hearth.chronology.models import EntryKind
from hearth.core.dates import age_on

NEEDS = {
    "siblings": "Brothers or sisters to be placed together",
    "disability": "Disability or complex health needs",
    "parent_and_child": "A parent and child placement",
    "solo": "Needs to be the only child in the placement",
    "emergency": "Needed today (an emergency)",
    "teenagers": "A teenager with high needs",
}
# Providers that take children through placement finding (not parents, adopters or secure homes).
FINDABLE = [
    k for k in ProviderKind if k not in {ProviderKind.PARENT, ProviderKind.ADOPTER, ProviderKind.SECURE}
]


@dataclass(frozen=True)
class Match:
    provider: Provider
    free: int
    weekly: Decimal | None
    in_house: bool


def matches(request: PlacementRequest, *, on: date | None = None) -> list[Match]:
    """Providers with a free place that take a child of this age and meet every need: our own carers
    first, then external providers, cheapest first within each."""
    on = on or timezone.localdate()
    age = age_on(request.person.date_of_birth, on)
    providers = (
        Provider.objects.filter(authority_id=request.authority_id, active=True, kind__in=FINDABLE)
        .annotate(
            used=Count("placements", filter=Q(placements__ended_on__isnull=True), distinct=True),
            hosting=Count("hosted", filter=Q(hosted__ended_on__isnull=True), distinct=True),
        )
        .prefetch_related("rates")
        .order_by("name")
    )
    if age is not None:
        providers = providers.filter(min_age__lte=age, max_age__gte=age)
    found = []
    for provider in providers:
        free = provider.places - provider.used - provider.hosting  # children placed by other councils too
        if free <= 0 or not set(request.needs) <= set(provider.offers):
            continue
        found.append(Match(provider, free, rate_on(provider, on), provider.kind in IN_HOUSE_KINDS))
    return sorted(
        found,
        key=lambda m: (not m.in_house, m.weekly if m.weekly is not None else Decimal(0), m.provider.name),
    )


@transaction.atomic
def placement_request_create(*, by: Any, person: Any, needed_by: date | None, needs: list[str], description: str,
                             request: Any = None) -> PlacementRequest:  # fmt: skip
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if needed_by is None:
        errors["needed_by"] = ["Enter the date the placement is needed by"]
    elif needed_by < today:
        errors["needed_by"] = ["The date needed must be today or in the future"]
    if unknown := set(needs) - set(NEEDS):
        errors["needs"] = [f"Unknown needs: {', '.join(sorted(unknown))}"]
    if not description.strip():
        errors["description"] = ["Describe the child and what the placement must offer"]
    if PlacementRequest.objects.filter(person=person, status=RequestStatus.OPEN).exists():
        errors["description"] = ["This child already has an open placement request"]
    if errors:
        raise ValidationError(errors)
    assert needed_by is not None
    made = PlacementRequest.objects.create(authority_id=person.authority_id, person=person, requested_on=today,
                                           needed_by=needed_by, needs=needs, description=description.strip(),
                                           requested_by=by)  # fmt: skip
    casework_event(by=by, person=person, source=made, kind=EntryKind.CARE, request=request,
                   title="Placement requested")  # fmt: skip
    return made


@transaction.atomic
def placement_request_decide(*, by: Any, placement_request: PlacementRequest, provider: Provider | None,
                             reason: str = "", request: Any = None) -> PlacementRequest:  # fmt: skip
    """Choose a provider from the matches. The child's move itself is recorded as a placement change."""
    found = PlacementRequest.objects.select_for_update().select_related("person").get(pk=placement_request.pk)
    if found.status != RequestStatus.OPEN:
        raise ValidationError("This request is already decided")
    options = matches(found)
    chosen = next((m for m in options if provider is not None and m.provider.pk == provider.pk), None)
    if chosen is None:
        raise ValidationError({"provider": ["Select a provider from the matches"]})
    cheapest = min((m.weekly for m in options if m.weekly is not None), default=None)
    dearer = cheapest is not None and chosen.weekly is not None and chosen.weekly > cheapest
    if dearer and not reason.strip():
        raise ValidationError({"reason": [f"This placement costs £{chosen.weekly:,.2f} a week, more than the "
                                          f"cheapest match (£{cheapest:,.2f}): say why it was chosen"]})  # fmt: skip
    found.status, found.chosen, found.decided_by = RequestStatus.PLACED, chosen.provider, by
    found.chosen_weekly, found.cheapest_weekly, found.costlier_reason = (
        chosen.weekly,
        cheapest,
        reason.strip(),
    )
    found.save()
    casework_event(by=by, person=found.person, source=found, kind=EntryKind.CARE, request=request,
                   title=f"Placement found: {chosen.provider.name}" + (" (not the cheapest match)" if dearer else ""))  # fmt: skip
    return found
