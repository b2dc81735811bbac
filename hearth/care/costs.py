"""What placements cost: a provider's weekly rate on a day, kept with its history, and the yearly figure
(52 weeks, as the council's budget counts it in seed 000, Appendix 4)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.care.models import Placement, Provider, ProviderRate
from hearth.core.jinja import govuk_date

WEEKS_A_YEAR = 52


def yearly(weekly: Decimal | None) -> Decimal:
    return (weekly or Decimal(0)) * WEEKS_A_YEAR


def rates_on(day: date) -> QuerySet[ProviderRate]:
    return ProviderRate.objects.filter(starts_on__lte=day).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day)
    )


def rate_on(provider: Provider | None, day: date) -> Decimal | None:
    """The provider's weekly rate on `day`. Reads `provider.rates`, so a list of providers fetched with
    `prefetch_related("rates")` costs one query, not one each."""
    if provider is None:
        return None
    rate = next((r for r in provider.rates.all() if r.starts_on <= day and (r.ends_on is None or r.ends_on >= day)),
                None)  # fmt: skip
    return rate.weekly if rate else None


def weekly_on(day: date) -> Subquery:
    """For annotating placements with their provider's weekly rate on `day` (None without a provider)."""
    return Subquery(
        rates_on(day).filter(provider=OuterRef("provider")).values("weekly")[:1],
        output_field=DecimalField(max_digits=9, decimal_places=2),
    )


def placement_cost(placement: Placement, until: date) -> Decimal:
    """What a placement has cost from its start to its end (or `until`), each day at the rate in force."""
    if placement.provider is None:
        return Decimal(0)
    end = min(placement.ended_on or until, until)
    total = Decimal(0)
    for rate in placement.provider.rates.all():  # prefetched by the caller for a list of placements  # each day from the start up to (not including) the end, at the rate in force
        first = max(rate.starts_on, placement.started_on)
        after = min(rate.ends_on + timedelta(days=1) if rate.ends_on else end, end)
        if after > first:
            total += rate.weekly * Decimal((after - first).days) / 7
    return total.quantize(Decimal("0.01"))


@transaction.atomic
def provider_rate_set(*, by: Any, provider: Provider, weekly: Decimal | None, starts_on: date | None,
                      request: Any = None) -> ProviderRate:  # fmt: skip
    """A new weekly rate from a date. The current rate ends the day before; earlier rates are kept."""
    errors: dict[str, list[str]] = {}
    if weekly is None or weekly < 0:
        errors["weekly"] = ["Enter the weekly rate in pounds, for example 850.00"]
    if starts_on is None:
        errors["starts_on"] = ["Enter the date the rate starts"]
    current = ProviderRate.objects.select_for_update().filter(provider=provider, ends_on__isnull=True).first()
    if current is not None and starts_on is not None and starts_on <= current.starts_on:
        errors["starts_on"] = [
            f"The new rate must start after the current one ({govuk_date(current.starts_on)})"
        ]
    if errors:
        raise ValidationError(errors)
    assert weekly is not None and starts_on is not None
    if current is not None:
        current.ends_on = starts_on - timedelta(days=1)
        current.save(update_fields=["ends_on"])
    rate = ProviderRate.objects.create(
        authority_id=provider.authority_id, provider=provider, weekly=weekly, starts_on=starts_on
    )
    audit_record(action=AuditAction.CHANGE, summary=f"Set the weekly rate of {provider.name} to £{weekly:,.2f} "
                 f"from {govuk_date(starts_on)}", actor=by, obj=rate, request=request)  # fmt: skip
    return rate
