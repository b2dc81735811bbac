"""What "My work" shows each role. Later issues add their own panels here (contacts, visits, reviews)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.utils import timezone

from hearth.accounts.roles import Role
from hearth.care import selectors as care
from hearth.care.missing import interview_in_time
from hearth.casework import selectors as casework
from hearth.core.access import Action, Capability, has_capability, scoped
from hearth.organisation import selectors as org
from hearth.people.models import Person
from hearth.people.selectors import allocations_of_worker


def my_work(*, user: Any) -> dict[str, Any]:
    context: dict[str, Any] = {"user": user, "panels": set()}
    if has_capability(user, Capability.PEOPLE_VIEW):
        context["panels"].add("search")
    if user.role in (Role.PRACTITIONER, Role.TEAM_MANAGER):
        context["panels"].add("caseload")
        context["caseload"] = list(allocations_of_worker(user=user, worker=user)[:200])
        today = timezone.localdate()
        context["assessments"] = [
            {
                "assessment": a,
                "overdue": a.due_on < today,
                "due_soon": today <= a.due_on <= today + timedelta(days=7),
            }
            for a in casework.my_assessments(user=user)[:100]
        ]
        context["visits"] = [
            {"plan": p, "overdue": bool(p.next_visit_due_on and p.next_visit_due_on < today)}
            for p in casework.visits_due(user=user)[:100]
        ]
        context["conferences"] = [
            {"conference": c, "overdue": c.due_on < today} for c in casework.conferences_due(user=user)[:100]
        ]
        context["meetings"] = [
            {"meeting": m, "overdue": bool(m.due_on and m.due_on < today and not m.starts_at)}
            for m in casework.meetings_due(user=user)[:100]
        ]
        context["actions"] = [
            {"action": a, "overdue": a.due_on < today} for a in casework.my_actions(user=user)[:100]
        ]
        context["fgcs"] = list(casework.my_family_conferences(user=user)[:50])
        context["looked_after"] = [
            {"period": p, "overdue": bool(p.next_visit_due_on and p.next_visit_due_on < today),
             "review_overdue": bool(p.next_review_due_on and p.next_review_due_on < today)}
            for p in care.looked_after_due(user=user)[:100]
        ]  # fmt: skip
        context["interviews"] = [
            {"episode": e, "late": interview_in_time(e) is False}
            for e in care.interviews_due(user=user)[:100]
        ]
    if has_capability(user, Capability.CARE_REVIEWS):
        today = timezone.localdate()
        context["reviews"] = [
            {"review": r, "overdue": r.due_on < today} for r in care.reviews_to_chair(user=user)[:100]
        ]
    if user.role == Role.TEAM_MANAGER:
        context["to_approve"] = list(casework.assessments_to_approve(user=user)[:100])
        context["plans_to_approve"] = list(casework.plans_to_approve(user=user)[:100])
    if has_capability(user, Capability.TEAM_CASELOADS):
        context["panels"].add("team")
        context["team_caseloads"] = list(org.team_caseloads(user=user))
    if has_capability(user, Capability.COUNTY_FIGURES):
        context["panels"].add("county")
        context["district_rows"] = _district_rows(user)
    if user.role == Role.ADMINISTRATOR:
        context["panels"].add("admin")
        context["staff_by_role"] = org.staff_counts_by_role(user=user)
    return context


def _district_rows(user: Any) -> list[dict[str, Any]]:
    """Children living in each district, staff based there and people Hearth holds there."""
    staff = {r["team__district__name"]: r["total"] for r in org.staff_counts_by_district(user=user)}
    people: dict[Any, int] = {}
    if has_capability(user, Capability.PEOPLE_VIEW):
        people = {
            r["district_id"]: r["total"]
            for r in scoped(user, Person, Action.VIEW_NAME).values("district_id").annotate(total=Count("pk"))
        }
    rows = []
    for district in org.districts(user=user):
        rows.append(
            {
                "name": district.name,
                "child_population": district.child_population,
                "staff": staff.get(district.name, 0),
                "people": people.get(district.pk, 0) if people else None,
            }
        )
    return rows
