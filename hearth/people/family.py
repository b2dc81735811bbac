"""Reads for relationships, households and the whole-family page, through the access policy.

People the user may not see are left out; people whose names only the user may see are shown by name,
without a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q

from hearth.casework.models import Involvement
from hearth.core.access import Action, get_for, scoped
from hearth.people.models import Allocation, Household, HouseholdMember, Person, Relationship
from hearth.people.relationships import label_from


@dataclass
class Related:
    person: Person
    label: str
    may_open: bool


def relationships_of(*, user: Any, person: Person) -> list[Related]:
    rows = scoped(user, Relationship.objects.filter(Q(person=person) | Q(other=person), ended_on__isnull=True),
                  Action.VIEW_NAME).select_related("person", "other")  # fmt: skip
    others = {r.other_id if r.person_id == person.pk else r.person_id for r in rows}
    names = set(
        scoped(user, Person.objects.filter(pk__in=others), Action.VIEW_NAME).values_list("pk", flat=True)
    )
    full = set(scoped(user, Person.objects.filter(pk__in=names), Action.VIEW).values_list("pk", flat=True))
    related = []
    for r in rows:
        seen_from_subject = r.person_id == person.pk
        other = r.other if seen_from_subject else r.person
        if other.pk in names:
            related.append(
                Related(other, label_from(r.type, seen_from_subject=seen_from_subject), other.pk in full)
            )
    return sorted(related, key=lambda r: (r.label, r.person.family_name, r.person.given_name))


def households_of(*, user: Any, person: Person) -> list[Household]:
    ids = scoped(user, HouseholdMember.objects.filter(person=person, left_on__isnull=True), Action.VIEW_NAME)
    return list(scoped(user, Household.objects.filter(pk__in=ids.values("household_id"))))


@dataclass
class FamilyMember:
    person: Person
    may_open: bool
    allocations: list[Allocation]
    involvements: list[Any]


def family_get(*, user: Any, household_id: int) -> tuple[Household, list[FamilyMember]]:
    """A household and the members the user may see, with who is working with each.

    Refused (403) when the household is in the user's authority but none of its members is visible."""
    household = get_for(user, Household, pk=household_id)
    rows = (
        scoped(
            user, HouseholdMember.objects.filter(household=household, left_on__isnull=True), Action.VIEW_NAME
        )
        .select_related("person", "person__district")
        .prefetch_related(
            Prefetch(
                "person__allocations",
                queryset=Allocation.objects.filter(ended_on__isnull=True).select_related("worker", "team"),
                to_attr="current_allocations",
            ),
            Prefetch(
                "person__involvements",
                queryset=Involvement.objects.filter(ended_on__isnull=True),
                to_attr="current_involvements",
            ),
        )
        .order_by("person__date_of_birth")
    )
    members = list(rows)
    if not members:
        raise PermissionDenied("You cannot see anyone in this household.")
    full = set(
        scoped(user, Person.objects.filter(pk__in=[m.person_id for m in members]), Action.VIEW).values_list(
            "pk", flat=True
        )
    )
    result = []
    for m in members:
        allocations: list[Allocation] = getattr(m.person, "current_allocations", [])
        involvements: list[Any] = getattr(m.person, "current_involvements", [])
        may_open = m.person_id in full
        result.append(
            FamilyMember(
                m.person, may_open, allocations if may_open else [], involvements if may_open else []
            )
        )
    return household, result
