"""Factories for the foundation's models. Other apps' factories build on these."""

from __future__ import annotations

from datetime import date

import factory

from hearth.accounts.models import User
from hearth.accounts.roles import PractitionerKind, Role
from hearth.organisation.models import Authority, District, PartnershipAgreement, Team, TeamKind
from hearth.people.models import AccessLevel, Allocation, Person, PersonAccessGrant

PASSWORD = "Correct-horse-battery-9"


class AuthorityFactory(factory.django.DjangoModelFactory[Authority]):
    class Meta:
        model = Authority

    name = factory.Sequence(lambda n: f"Testshire {n} County Council")
    short_name = factory.Sequence(lambda n: f"Testshire {n}")
    dfe_code = factory.Sequence(lambda n: f"{100 + n % 800:03d}")  # three digits, never 998 or 999 (conftest)


class DistrictFactory(factory.django.DjangoModelFactory[District]):
    class Meta:
        model = District

    authority = factory.SubFactory(AuthorityFactory)
    name = factory.Sequence(lambda n: f"District {n}")
    code = factory.Sequence(lambda n: f"district-{n}")
    child_population = 20_000


class TeamFactory(factory.django.DjangoModelFactory[Team]):
    class Meta:
        model = Team

    district = factory.SubFactory(DistrictFactory)
    authority = factory.SelfAttribute("district.authority")
    name = factory.Sequence(lambda n: f"Team {n}")
    kind = TeamKind.SAFEGUARDING


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    team = factory.SubFactory(TeamFactory)
    authority = factory.SelfAttribute("team.authority")
    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.PRACTITIONER
    practitioner_kind = PractitionerKind.SOCIAL_WORKER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    district = factory.SubFactory(DistrictFactory)
    authority = factory.SelfAttribute("district.authority")
    given_name = factory.Sequence(lambda n: f"Child{n}")
    family_name = "Example"
    date_of_birth = date(2015, 6, 1)
    access_level = AccessLevel.OPEN


class AllocationFactory(factory.django.DjangoModelFactory[Allocation]):
    class Meta:
        model = Allocation

    person = factory.SubFactory(PersonFactory)
    worker = factory.SubFactory(UserFactory)
    team = factory.SelfAttribute("worker.team")
    authority = factory.SelfAttribute("person.authority")
    started_on = date(2026, 1, 5)


class GrantFactory(factory.django.DjangoModelFactory[PersonAccessGrant]):
    class Meta:
        model = PersonAccessGrant

    person = factory.SubFactory(PersonFactory)
    user = factory.SubFactory(UserFactory)
    authority = factory.SelfAttribute("person.authority")
    reason = "Allocated worker"


class AgreementFactory(factory.django.DjangoModelFactory[PartnershipAgreement]):
    class Meta:
        model = PartnershipAgreement

    name = "Regional adoption partnership"
    record_kind = "people"
    starts_on = date(2020, 1, 1)
