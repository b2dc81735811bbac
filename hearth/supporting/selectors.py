"""Reads for the Supporting Families pages, always through the access policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from hearth.accounts.models import User
from hearth.accounts.roles import Role
from hearth.core.access import Action, get_for, scoped
from hearth.people.models import Household, HouseholdMember, Person
from hearth.supporting.models import (
    Attachment,
    AttachmentCriterion,
    AttachmentMember,
    AttachmentTarget,
    Claim,
    ClaimStatus,
    Criterion,
    InvestmentPlan,
    Outcome,
)

OPEN, CLOSED, SUCCESSFUL = "open", "closed", "successful"


def attachments_visible(*, user: Any, query: str = "", district_id: int | None = None, status: str = "",
                        key_worker: Any = None) -> QuerySet[Attachment]:  # fmt: skip
    """Attached families whose lead the user may see, newest first, with what the list shows (a fixed number
    of queries however many rows)."""
    # The council's own families only (partnership agreements share person records, not the programme), which
    # also lets the database start from the families rather than from every person of the council.
    qs = scoped(user, Attachment.objects.filter(authority_id=user.authority_id), Action.VIEW)
    qs = qs.select_related("lead", "district", "key_worker")
    for word in query.split()[:4]:
        qs = qs.filter(Q(lead__given_name__icontains=word) | Q(lead__family_name__icontains=word))
    if district_id:
        qs = qs.filter(district_id=district_id)
    if status == OPEN:
        qs = qs.filter(closed_on__isnull=True)
    elif status == CLOSED:
        qs = qs.filter(closed_on__isnull=False)
    elif status == SUCCESSFUL:
        qs = qs.filter(claims__status=ClaimStatus.MADE)
    if key_worker is not None:
        qs = qs.filter(key_worker=key_worker)
    return qs.prefetch_related(
        # Members for the count of people in each family: one query for the page, not a count per row.
        Prefetch("members", queryset=AttachmentMember.objects.only("pk", "attachment_id")),
        Prefetch("criteria", queryset=AttachmentCriterion.objects.order_by("criterion")),
        Prefetch("claims", queryset=Claim.objects.filter(status=ClaimStatus.MADE), to_attr="standing"),
    ).order_by("-attached_on", "-pk")


def attachment_get(*, user: Any, attachment_id: int, action: Action = Action.VIEW) -> Attachment:
    """One attached family of the user's own council the user may `action` (Http404 or PermissionDenied
    otherwise). A partnership agreement shares people, not another council's programme."""
    return get_for(
        user,
        Attachment.objects.filter(authority_id=user.authority_id).select_related(
            "lead", "district", "key_worker", "attached_by", "household"
        ),
        action,
        pk=attachment_id,
    )


def members_of(*, user: Any, attachment: Attachment) -> list[tuple[Person, bool]]:
    """The family's members whose names the user may see, oldest first, each with whether the user may open
    their record."""
    rows = list(
        scoped(user, AttachmentMember.objects.filter(attachment=attachment), Action.VIEW_NAME)
        .select_related("person")
        .order_by("person__date_of_birth", "pk")
    )
    ids = [m.person_id for m in rows]
    full = set(scoped(user, Person.objects.filter(pk__in=ids), Action.VIEW).values_list("pk", flat=True))
    return [(m.person, m.person_id in full) for m in rows]


def plan_of(*, user: Any, attachment: Attachment) -> dict[str, Any]:
    """The family's criteria, outcomes and claims (each with the outcomes it claimed)."""
    order = [c.value for c in Criterion]  # the programme's order, as the report lists them
    criteria = sorted(scoped(user, AttachmentCriterion.objects.filter(attachment=attachment)),
                      key=lambda c: order.index(c.criterion))  # fmt: skip
    outcomes = sorted(scoped(user, Outcome.objects.filter(attachment=attachment)),
                      key=lambda o: order.index(o.criterion))  # fmt: skip
    claims = list(
        scoped(user, Claim.objects.filter(attachment=attachment))
        .select_related("claimed_by", "status_by", "employed_person")
        .prefetch_related(Prefetch("outcomes", queryset=Outcome.objects.order_by("criterion")))
        .order_by("-claimed_on", "-pk")
    )
    return {"criteria": criteria, "outcomes": outcomes, "claims": claims}


def people_to_attach(*, user: Any, query: str, limit: int = 25) -> list[Person]:
    """People matching a name whom the user may change: the lead of a family they could attach."""
    qs = scoped(
        user, Person.objects.filter(merged_into__isnull=True, date_of_death__isnull=True), Action.CHANGE
    )
    words = query.split()[:4]
    if not words:
        return []
    for word in words:
        qs = qs.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
    return list(qs.select_related("district").order_by("family_name", "given_name", "pk")[:limit])


def household_of(*, user: Any, person: Person) -> tuple[Household | None, list[Person]]:
    """The person's current household and its other current members whose names the user may see."""
    found = (
        scoped(user, HouseholdMember.objects.filter(person=person, left_on__isnull=True), Action.VIEW_NAME)
        .select_related("household", "household__district")
        .first()
    )
    if found is None:
        return None, []
    others = (
        scoped(user, HouseholdMember.objects.filter(household_id=found.household_id, left_on__isnull=True),
               Action.VIEW_NAME)
        .exclude(person=person)
        .select_related("person")
        .order_by("person__date_of_birth", "pk")
    )  # fmt: skip
    return found.household, [m.person for m in others]


def key_workers(*, user: Any) -> list[User]:
    """Workers who can be a family's key worker: practitioners and team managers in the user's district."""
    district_id = user.team.district_id if getattr(user, "team", None) else None
    qs = scoped(user, User.objects.filter(is_active=True, role__in=[Role.PRACTITIONER, Role.TEAM_MANAGER]))
    if district_id:
        qs = qs.filter(Q(team__district_id=district_id) | Q(pk=user.pk))
    return list(qs.order_by("last_name", "first_name", "pk"))


def targets(*, user: Any) -> QuerySet[AttachmentTarget]:
    return scoped(user, AttachmentTarget).order_by("-year")


def investment_plans(*, user: Any) -> QuerySet[InvestmentPlan]:
    return scoped(user, InvestmentPlan).select_related("district").order_by("-year", "district__name")
