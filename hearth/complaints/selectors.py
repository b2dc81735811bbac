"""Reads of complaints and compliments, always through the access policy.

Complaints and compliments belong to the council, so `scoped()` keeps them to the user's own authority. The
child a complaint is about is read through `scoped()` on `ComplaintChild`, which applies the child's own
restrictions: a restricted child shows only their name, a sealed one is not shown at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import F, QuerySet

from hearth.complaints.models import (
    Complaint,
    ComplaintChild,
    ComplaintStage,
    Compliment,
    LearningAction,
    OmbudsmanReferral,
)
from hearth.core.access import Action, beyond_reach, get_for, scoped
from hearth.organisation.models import Team


def complaints(*, user: Any, today: date, status: str = "", kind: str = "", stage: int | None = None,
               overdue: bool = False, mine: bool = False) -> QuerySet[Complaint]:  # fmt: skip
    """The council's complaints, open ones first by when they are due, then the latest received."""
    qs = scoped(user, Complaint).select_related("team", "handled_by")
    if status == "open":
        qs = qs.filter(closed_on__isnull=True)
    elif status == "closed":
        qs = qs.filter(closed_on__isnull=False)
    if kind:
        qs = qs.filter(kind=kind)
    if stage:
        qs = qs.filter(stage=stage)
    if overdue:
        qs = qs.filter(closed_on__isnull=True, due_on__lt=today)
    if mine:
        qs = qs.filter(handled_by=user)
    return qs.order_by(F("due_on").asc(nulls_last=True), "-received_on", "-pk")


def complaint_get(*, user: Any, complaint_id: int) -> Complaint:
    """One complaint of the user's council (Http404 for any other)."""
    return get_for(user, Complaint.objects.select_related("team", "handled_by", "recorded_by"), Action.VIEW,
                   pk=complaint_id)  # fmt: skip


@dataclass(frozen=True)
class ChildShown:
    """What the complaint page may show of the child: the person when the user may see their name (`full`
    when they may see the whole record), or only that there is a child they cannot see."""

    person: Any = None
    full: bool = False
    hidden: bool = False


def child_of(*, user: Any, complaint: Complaint) -> ChildShown:
    named = scoped(
        user, ComplaintChild.objects.filter(complaint=complaint).select_related("child"), Action.VIEW_NAME
    ).first()
    if named is not None:
        full = scoped(user, ComplaintChild.objects.filter(complaint=complaint), Action.VIEW).exists()
        return ChildShown(person=named.child, full=full)
    # In the user's authority but out of their reach (never a sealed record, whose existence is not shown).
    return ChildShown(hidden=beyond_reach(user, ComplaintChild.objects.filter(complaint=complaint)).exists())


def stages_of(*, user: Any, complaint: Complaint) -> list[ComplaintStage]:
    return list(scoped(user, ComplaintStage.objects.filter(complaint=complaint)).order_by("number"))


def actions_of(*, user: Any, complaint: Complaint) -> list[LearningAction]:
    return list(scoped(user, LearningAction.objects.filter(complaint=complaint)).order_by("due_on", "pk"))


def ombudsman_of(*, user: Any, complaint: Complaint) -> OmbudsmanReferral | None:
    return scoped(user, OmbudsmanReferral.objects.filter(complaint=complaint)).first()


def compliments(*, user: Any, service: str = "") -> QuerySet[Compliment]:
    qs = scoped(user, Compliment).select_related("team")
    if service:
        qs = qs.filter(service=service)
    return qs.order_by("-received_on", "-pk")


def teams(*, user: Any) -> QuerySet[Team]:
    """Teams a complaint or compliment can be about: the user's council's, by name."""
    return scoped(user, Team).order_by("name")


def handlers(*, user: Any) -> QuerySet[Any]:
    """Staff who handle complaints: the user's council's complaints officers."""
    from hearth.accounts.models import User
    from hearth.accounts.roles import Role

    return scoped(user, User.objects.filter(role=Role.COMPLAINTS_OFFICER, is_active=True)).order_by(
        "last_name", "first_name"
    )
