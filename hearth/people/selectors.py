"""Reads of people, always through the access policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from hearth.core.access import Action, can, get_for, scoped
from hearth.people.models import Allocation, Person, PersonMerge


def people_visible(*, user: Any, query: str = "", district_id: int | None = None) -> QuerySet[Person]:
    """People whose names the user may see, best match first. Restricted records show only a name."""
    qs = scoped(
        user, Person.objects.filter(merged_into__isnull=True).select_related("district"), Action.VIEW_NAME
    )
    for word in query.split()[:4]:
        qs = qs.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
    if district_id:
        qs = qs.filter(district_id=district_id)
    return qs.order_by("family_name", "given_name", "pk")


def person_get(*, user: Any, person_id: int, action: Action = Action.VIEW) -> Person:
    """One person the user may `action` (Http404 or PermissionDenied otherwise)."""
    return get_for(
        user,
        Person.objects.select_related("district").prefetch_related(
            "identifiers", "other_names", "addresses", "contact_details", "flags"
        ),
        action,
        pk=person_id,
    )


def person_may_view_in_full(*, user: Any, person: Person) -> bool:
    return can(user, Action.VIEW, person)


def allocations_of_person(*, user: Any, person: Person) -> QuerySet[Allocation]:
    return scoped(user, Allocation.objects.filter(person=person), Action.VIEW).select_related(
        "worker", "team", "team__district"
    )


def allocations_of_worker(*, user: Any, worker: Any) -> QuerySet[Allocation]:
    """Current allocations of `worker` that `user` may see (their own caseload, or a team member's)."""
    return (
        scoped(user, Allocation.objects.filter(worker=worker, ended_on__isnull=True), Action.VIEW_NAME)
        .select_related("person", "person__district", "team")
        .order_by("person__family_name", "person__given_name")
    )


def merges_of(*, user: Any, person: Person) -> QuerySet[PersonMerge]:
    """Merges into this record, newest first, for the person page (with their undo buttons)."""
    return scoped(user, PersonMerge.objects.filter(kept=person), Action.VIEW).select_related(
        "merged", "merged_by"
    )


def merge_get(*, user: Any, merge_id: int) -> PersonMerge:
    return get_for(user, PersonMerge.objects.select_related("kept", "merged"), Action.CHANGE, pk=merge_id)
