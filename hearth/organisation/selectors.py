"""Reads of the organisation: districts, teams, staff. All scoped to the user's authority."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from hearth.accounts.models import User
from hearth.accounts.roles import Role
from hearth.core.access import scoped
from hearth.organisation.models import District, Team


def districts(*, user: Any) -> QuerySet[District]:
    return scoped(user, District).order_by("name")


def teams(*, user: Any) -> QuerySet[Team]:
    return scoped(user, Team).select_related("district").order_by("district__name", "name")


def staff_directory(
    *, user: Any, query: str = "", district_id: int | None = None, team_id: int | None = None, role: str = ""
) -> QuerySet[User]:
    qs = scoped(user, User.objects.filter(is_active=True)).select_related("team", "team__district")
    for word in query.split()[:4]:
        qs = qs.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(job_title__icontains=word)
        )
    if district_id:
        qs = qs.filter(team__district_id=district_id)
    if team_id:
        qs = qs.filter(team_id=team_id)
    if role:
        qs = qs.filter(role=role)
    return qs.order_by("last_name", "first_name", "pk")


def team_caseloads(*, user: Any) -> QuerySet[User]:
    """The members of the user's team with the number of people currently allocated to each."""
    if not user.team_id:
        return User.objects.none()
    return (
        scoped(user, User.objects.filter(team_id=user.team_id, is_active=True))
        .exclude(role=Role.TEAM_MANAGER)
        .annotate(caseload=Count("allocations", filter=Q(allocations__ended_on__isnull=True)))
        .order_by("last_name", "first_name")
    )


def staff_counts_by_district(*, user: Any) -> list[dict[str, Any]]:
    rows = (
        scoped(user, User.objects.filter(is_active=True, team__isnull=False))
        .values("team__district__name")
        .annotate(total=Count("pk"))
        .order_by("team__district__name")
    )
    return [dict(row) for row in rows]


def staff_counts_by_role(*, user: Any) -> list[tuple[str, int]]:
    rows = scoped(user, User.objects.filter(is_active=True)).values("role").annotate(total=Count("pk"))
    labels = dict(Role.choices)
    return sorted(((labels.get(r["role"], r["role"]), r["total"]) for r in rows), key=lambda r: r[0])
