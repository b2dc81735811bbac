"""Reads for the front door, through the access policy."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from hearth.casework.models import Involvement, Referral
from hearth.casework.services import RE_REFERRAL_WINDOW
from hearth.core.access import Action, Capability, get_for, has_capability, scoped
from hearth.frontdoor.models import Contact, ContactStatus, ContactSubject
from hearth.people.models import Allocation


def _with_subjects(qs: QuerySet[Contact]) -> QuerySet[Contact]:
    return qs.select_related("recorded_by", "decided_by", "signed_off_by", "partner").prefetch_related(
        Prefetch("subjects", queryset=ContactSubject.objects.select_related("person").order_by("role", "pk"))
    )


def contacts_awaiting_decision(*, user: Any) -> QuerySet[Contact]:
    if not has_capability(user, Capability.FRONT_DOOR):
        return Contact.objects.none()
    return _with_subjects(
        scoped(user, Contact.objects.filter(status=ContactStatus.AWAITING_DECISION))
    ).order_by("decision_due_at", "received_at")


def contacts_awaiting_sign_off(*, user: Any) -> QuerySet[Contact]:
    if not has_capability(user, Capability.FRONT_DOOR_SIGN_OFF):
        return Contact.objects.none()
    return _with_subjects(scoped(user, Contact.objects.filter(status=ContactStatus.DECIDED))).order_by(
        "decided_at"
    )


def my_drafts(*, user: Any) -> QuerySet[Contact]:
    return _with_subjects(scoped(user, Contact.objects.filter(status=ContactStatus.DRAFT, recorded_by=user)))


def contact_get(*, user: Any, contact_id: int) -> Contact:
    """A contact for the front door, or for someone who may see a person it is about."""
    if has_capability(user, Capability.FRONT_DOOR):
        return get_for(user, _with_subjects(Contact.objects.all()), pk=contact_id)
    about = scoped(user, ContactSubject.objects.filter(contact_id=contact_id), Action.VIEW)
    if not about.exists():
        raise PermissionDenied("Only the front door and people working with the family can see this contact.")
    return get_for(user, _with_subjects(Contact.objects.all()), pk=contact_id)


@dataclass
class History:
    """What the decider needs to know about one person the contact is about."""

    subject: ContactSubject
    contacts: list[Contact] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    involvements: list[Involvement] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)

    @property
    def referred_in_last_12_months(self) -> Referral | None:
        since = timezone.localdate() - RE_REFERRAL_WINDOW
        return next((r for r in self.referrals if r.referred_on >= since), None)


def history_for(*, user: Any, contact: Contact) -> list[History]:
    """Four queries for the whole contact, whoever it is about, grouped by person here."""
    subjects = list(contact.subjects.all())
    people = [s.person_id for s in subjects]
    contacts: dict[int, list[Contact]] = defaultdict(list)
    past = (
        scoped(
            user, ContactSubject.objects.filter(person_id__in=people).exclude(contact=contact), Action.VIEW
        )
        .exclude(contact__status=ContactStatus.DRAFT)
        .select_related("contact")
        .order_by("-contact__received_at")
    )
    for row in past:
        contacts[row.person_id].append(row.contact)
    referrals: dict[int, list[Referral]] = defaultdict(list)
    for referral in scoped(user, Referral.objects.filter(person_id__in=people), Action.VIEW):
        referrals[referral.person_id].append(referral)
    involvements: dict[int, list[Involvement]] = defaultdict(list)
    for involvement in scoped(
        user, Involvement.objects.filter(person_id__in=people, ended_on__isnull=True), Action.VIEW
    ):
        involvements[involvement.person_id].append(involvement)
    allocations: dict[int, list[Allocation]] = defaultdict(list)
    open_allocations = scoped(
        user, Allocation.objects.filter(person_id__in=people, ended_on__isnull=True), Action.VIEW
    )
    for allocation in open_allocations.select_related("worker", "team"):
        allocations[allocation.person_id].append(allocation)
    return [
        History(subject=s, contacts=contacts[s.person_id][:10], referrals=referrals[s.person_id][:10],
                involvements=involvements[s.person_id], allocations=allocations[s.person_id])
        for s in subjects
    ]  # fmt: skip


def subjects_visible(*, user: Any, contact: Contact) -> list[ContactSubject]:
    """The people on a contact whose names the user may see (a sealed record is left out for everyone
    not named on it, front door included)."""
    return list(
        scoped(user, ContactSubject.objects.filter(contact=contact), Action.VIEW_NAME)
        .select_related("person", "person__district")
        .order_by("role", "pk")
    )
