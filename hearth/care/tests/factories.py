from __future__ import annotations

from decimal import Decimal

import factory

from hearth.care.models import Provider, ProviderKind, ProviderRate
from hearth.core.tests.factories import AuthorityFactory


class ProviderFactory(factory.django.DjangoModelFactory[Provider]):
    class Meta:
        model = Provider

    authority = factory.SubFactory(AuthorityFactory)
    kind = ProviderKind.IN_HOUSE_FOSTER
    name = factory.Sequence(lambda n: f"Foster carers {n}")
    place_provider = "PR1"
    postcode = "BK1 2AB"
    places = 2
    max_age = 17


def provider(authority, kind=ProviderKind.IN_HOUSE_FOSTER, weekly="363.27", **kwargs):
    """A provider with a current weekly rate since 1 April 2025."""
    from datetime import date

    made = ProviderFactory(authority=authority, kind=kind, **kwargs)
    ProviderRate.objects.create(
        authority=authority, provider=made, weekly=Decimal(weekly), starts_on=date(2025, 4, 1)
    )
    return made
