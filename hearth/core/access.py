"""The access policy: the one place that answers "may this user do this action on this record".

Two questions, one set of rules:
- `can(user, action, record)` for a single record;
- `scoped(user, queryset, action)` for lists. Every view and selector reaches person records through
  `scoped()` (or `get_for()`), and `hearth lint-scoping` fails the build when one does not.

`can()` is answered by running `scoped()` for that one record, so the two can never disagree.

Rules (docs/adr/0005-access-policy.md):
1. A user sees only their own authority's records, plus records that a partnership agreement shares with
   one of their teams (read only).
2. Within the authority, each role has a reach: the whole authority, their district, or only the people
   allocated to them or their team. Anyone allocated to a person, or named on a grant, reaches them.
3. A restricted record shows only its name to people who are not named on a grant; a sealed record is not
   shown at all to them.
4. Capabilities (view people, change people, see the audit log, ...) come from the role.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from hearth.accounts.roles import Role
from hearth.core.models import PersonScope

if TYPE_CHECKING:
    from hearth.accounts.models import User

M = TypeVar("M", bound=models.Model)


class Action(StrEnum):
    VIEW_NAME = "view_name"  # know the record exists and see the person's name, nothing more
    # Count the record in figures that show nothing about any person (a total, a cost by category). Every
    # record in the user's reach counts, restricted and sealed ones too, so totals are the whole truth.
    COUNT = "count"
    VIEW = "view"
    CHANGE = "change"


class Capability(StrEnum):
    PEOPLE_VIEW = "people.view"
    PEOPLE_CHANGE = "people.change"
    STAFF_VIEW = "staff.view"
    AUDIT_VIEW = "audit.view"
    TEAM_CASELOADS = "team.caseloads"
    COUNTY_FIGURES = "county.figures"
    FRONT_DOOR = "frontdoor.work"  # record contacts and decide them
    FRONT_DOOR_SIGN_OFF = "frontdoor.sign_off"  # a front door manager's sign-off of decisions
    CARE_REVIEWS = "care.reviews"  # chair and record looked-after children's reviews (IROs)
    PLACEMENTS = "care.placements"  # see placements and their costs, and the providers' rates
    # Produce the statutory returns and run their pre-submission check. A return holds every child of the
    # council, so only roles that reach the whole authority have it.
    RETURNS = "returns.statutory"
    # The demand and cost model's pages: forecasts and the financial case, figures that name nobody.
    INSIGHT = "insight.view"
    # The performance dashboards: counts and rates by district and team, naming nobody.
    PERFORMANCE = "performance.view"
    # Reports for members (hearth.core.reports): performance, Supporting Families, complaints. Aggregate only.
    REPORTS = "reports.view"
    # Supporting Families: attach a family to the programme and record its outcome plan (on families the
    # user may change), and see the programme's families and figures.
    SUPPORTING_FAMILIES = "supporting_families.work"
    # Make and withdraw the programme's payment-by-results claims (the council's Supporting Families lead).
    SUPPORTING_FAMILIES_CLAIMS = "supporting_families.claims"
    # Record and answer complaints and compliments (the customer relations team).
    COMPLAINTS = "complaints.record"
    # Committees, their meetings and work programme, and agenda packs (democratic services).
    SCRUTINY = "scrutiny.manage"


class Reach(StrEnum):
    AUTHORITY = "authority"  # every record of the user's authority
    DISTRICT = "district"  # records of the user's district, and anyone allocated to them or their team
    ALLOCATED = "allocated"  # only people allocated to them or their team
    NONE = "none"


_EVERYONE = {Capability.STAFF_VIEW}

ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.PRACTITIONER: frozenset(
        {*_EVERYONE, Capability.PEOPLE_VIEW, Capability.PEOPLE_CHANGE, Capability.SUPPORTING_FAMILIES}
    ),
    Role.TEAM_MANAGER: frozenset(
        {
            *_EVERYONE,
            Capability.PEOPLE_VIEW,
            Capability.PEOPLE_CHANGE,
            Capability.TEAM_CASELOADS,
            Capability.PLACEMENTS,
            Capability.PERFORMANCE,
            Capability.SUPPORTING_FAMILIES,
        }
    ),
    Role.FRONT_DOOR_OFFICER: frozenset({*_EVERYONE, Capability.PEOPLE_VIEW, Capability.PEOPLE_CHANGE}),
    Role.IRO: frozenset({*_EVERYONE, Capability.PEOPLE_VIEW, Capability.CARE_REVIEWS}),
    Role.BUSINESS_SUPPORT: frozenset({*_EVERYONE, Capability.PEOPLE_VIEW}),
    Role.PERFORMANCE_ANALYST: frozenset(
        {
            *_EVERYONE,
            Capability.PEOPLE_VIEW,
            Capability.COUNTY_FIGURES,
            Capability.PLACEMENTS,
            Capability.RETURNS,
            Capability.INSIGHT,
            Capability.PERFORMANCE,
            Capability.REPORTS,
            Capability.SUPPORTING_FAMILIES,
            Capability.SUPPORTING_FAMILIES_CLAIMS,
        }
    ),
    Role.ADMINISTRATOR: frozenset({*_EVERYONE, Capability.AUDIT_VIEW, Capability.COUNTY_FIGURES}),
    Role.HEAD_OF_SERVICE: frozenset(
        {
            *_EVERYONE,
            Capability.PEOPLE_VIEW,
            Capability.COUNTY_FIGURES,
            Capability.PLACEMENTS,
            Capability.RETURNS,
            Capability.INSIGHT,
            Capability.PERFORMANCE,
            Capability.REPORTS,
            Capability.SUPPORTING_FAMILIES,
        }
    ),
    # Complaints officers read any child's record in the council (to find the child a complaint is about, and
    # see what happened), but change none; restricted and sealed records stay hidden unless granted.
    Role.COMPLAINTS_OFFICER: frozenset(
        {*_EVERYONE, Capability.PEOPLE_VIEW, Capability.COMPLAINTS, Capability.REPORTS}
    ),
    # Scrutiny officers see no person records: only the reports' figures, which name nobody.
    Role.SCRUTINY_OFFICER: frozenset({*_EVERYONE, Capability.SCRUTINY, Capability.REPORTS}),
}

# Why these reaches: the front door checks history across the whole county before deciding; IROs chair
# reviews county-wide; analysts clean data for the returns county-wide (read only); a head of service
# oversees every district (read only: changes are for the workers and managers who hold the case).
# Practitioners, team managers and business support work in a district. Administrators run the system.
ROLE_REACH: dict[str, Reach] = {
    Role.PRACTITIONER: Reach.DISTRICT,
    Role.TEAM_MANAGER: Reach.DISTRICT,
    Role.FRONT_DOOR_OFFICER: Reach.AUTHORITY,
    Role.IRO: Reach.AUTHORITY,
    Role.BUSINESS_SUPPORT: Reach.DISTRICT,
    Role.PERFORMANCE_ANALYST: Reach.AUTHORITY,
    Role.ADMINISTRATOR: Reach.NONE,
    Role.HEAD_OF_SERVICE: Reach.AUTHORITY,
    Role.COMPLAINTS_OFFICER: Reach.AUTHORITY,
    Role.SCRUTINY_OFFICER: Reach.NONE,
}

# The record kinds a partnership agreement can share. Each maps to the filter that picks those records
# from the sharing authority's people. Later issues add kinds (adoption, ...).
SHAREABLE_KINDS: dict[str, tuple[str, Q]] = {
    "people": ("All person records", Q()),
}


def _active(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active and getattr(user, "authority_id", None))


def _manages_front_door(user: Any) -> bool:
    team = getattr(user, "team", None)
    return user.role == Role.TEAM_MANAGER and team is not None and team.kind == "front_door"


def has_capability(user: Any, capability: Capability) -> bool:
    if not _active(user):
        return False
    if capability == Capability.FRONT_DOOR:
        return user.role == Role.FRONT_DOOR_OFFICER or _manages_front_door(user)
    if capability == Capability.FRONT_DOOR_SIGN_OFF:
        return _manages_front_door(user)
    return capability in ROLE_CAPABILITIES.get(user.role, frozenset())


def reach_of(user: Any) -> Reach:
    """The role's reach; the front door's manager, like its officers, reaches the whole authority."""
    return Reach.AUTHORITY if _manages_front_door(user) else ROLE_REACH.get(user.role, Reach.NONE)


def _capability_for(action: Action) -> Capability:
    return Capability.PEOPLE_CHANGE if action == Action.CHANGE else Capability.PEOPLE_VIEW


def person_filter(user: User, action: Action, scope: PersonScope) -> Q:
    """The filter that keeps only the person records `user` may `action`, for a model with `scope`."""
    from hearth.people.models import Allocation, PersonAccessGrant

    nothing = Q(pk__in=[])
    if not has_capability(user, _capability_for(action)):
        return nothing
    person_pk = OuterRef(scope.field("pk"))
    allocated = Q(
        Exists(
            Allocation.objects.filter(person=person_pk, ended_on__isnull=True).filter(
                Q(worker=user) | Q(team_id=user.team_id) if user.team_id else Q(worker=user)
            )
        )
    )
    granted = Q(
        Exists(PersonAccessGrant.objects.filter(person=person_pk, user=user, revoked_at__isnull=True))
    )
    own = Q(**{scope.field("authority_id"): user.authority_id})

    reach = reach_of(user)
    if reach == Reach.AUTHORITY:
        reached: Q = own
    elif reach == Reach.DISTRICT:
        reached = own & (Q(**{scope.field("district_id"): user.district_id}) | allocated | granted)
    elif reach == Reach.ALLOCATED:
        reached = own & (allocated | granted)
    else:
        reached = own & granted

    level = scope.field("access_level")
    if action == Action.COUNT:
        visible = reached
    elif action == Action.VIEW_NAME:
        visible = reached & (~Q(**{level: "sealed"}) | granted)
    else:
        visible = reached & (Q(**{level: "open"}) | granted)

    if action in (Action.CHANGE, Action.COUNT) or not user.team_id:
        return visible
    # Partnership sharing: read only, open records only, to the named teams of the partner authority.
    shared = Q()
    any_shared = False
    for authority_id, record_kind in _agreements_for(user):
        kind = SHAREABLE_KINDS.get(record_kind)
        if kind is None:
            continue
        any_shared = True
        shared |= Q(**{scope.field("authority_id"): authority_id}) & _prefixed(kind[1], scope)
    if not any_shared:
        return visible
    return visible | (shared & Q(**{level: "open"}))


def _agreements_for(user: User) -> list[tuple[int, str]]:
    """(sharing authority, record kind) of the agreements in force for the user's team.

    Kept on the user object, which lives for one request, so a page that scopes several lists asks once.
    """
    from hearth.organisation.models import PartnershipAgreement

    cached: list[tuple[int, str]] | None = getattr(user, "_hearth_agreements", None)
    if cached is None:
        today = timezone.localdate()
        cached = list(
            PartnershipAgreement.objects.filter(
                partner_id=user.authority_id, teams=user.team_id, starts_on__lte=today
            )
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .values_list("authority_id", "record_kind")
        )
        user._hearth_agreements = cached  # type: ignore[attr-defined]
    return cached


def _prefixed(q: Q, scope: PersonScope) -> Q:
    """Rewrite a Q written against Person so that it applies through `scope.path`."""
    if not scope.path:
        return q
    children: list[Any] = []
    for child in q.children:
        if isinstance(child, Q):
            children.append(_prefixed(child, scope))
        elif isinstance(child, tuple):
            key, value = child
            children.append((scope.field(key), value))
        else:
            raise TypeError(f"Cannot apply {child!r} through {scope.path}")
    clone = Q(*children, _connector=q.connector, _negated=q.negated)
    return clone


def person_scope_of(model: type[models.Model]) -> PersonScope | None:
    scope = getattr(model, "person_scope", None)
    return scope if isinstance(scope, PersonScope) else None


def scoped(
    user: Any, queryset: models.QuerySet[M] | type[M], action: Action = Action.VIEW
) -> models.QuerySet[M]:
    """Only the rows of `queryset` that `user` may `action`. Every list of records starts here."""
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    if not _active(user):
        return qs.none()
    scope = person_scope_of(qs.model)
    if scope is not None:
        return qs.filter(person_filter(user, action, scope))
    if any(f.name == "authority" for f in qs.model._meta.get_fields()):
        return qs.filter(authority_id=user.authority_id)
    raise TypeError(f"{qs.model.__name__} has no authority and no person scope; it cannot be scoped")


def can(user: Any, action: Action, record: models.Model) -> bool:
    """May `user` do `action` on `record`? The same rules as `scoped()`, for one record."""
    return scoped(user, type(record)._default_manager.filter(pk=record.pk), action).exists()


def beyond_reach(user: Any, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """Rows of `queryset` in the user's own authority that the user may not see, never sealed ones.

    For telling a user that something exists without showing it, as `get_for()` does with a 403, for
    example "1 more possible match you cannot open: ask the front door". Callers must show no details.
    """
    if not _active(user):
        return queryset.none()
    scope = person_scope_of(queryset.model)
    if scope is None:
        raise TypeError(f"{queryset.model.__name__} has no person scope")
    visible = scoped(user, queryset.model._default_manager.all(), Action.VIEW_NAME).values("pk")
    return (
        queryset.filter(**{scope.field("authority_id"): user.authority_id})
        .exclude(**{scope.field("access_level"): "sealed"})
        .exclude(pk__in=visible)
    )


def get_for(
    user: Any, queryset: models.QuerySet[M] | type[M], action: Action = Action.VIEW, **lookup: Any
) -> M:
    """Fetch one record the user may act on.

    Raises Http404 when the record does not exist or belongs to an authority the user has no dealings
    with (so that its existence is not disclosed), and PermissionDenied when it is in the user's own
    authority but outside what they may see or do.
    """
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    try:
        return scoped(user, qs, action).get(**lookup)
    except ObjectDoesNotExist:
        pass
    if _active(user):
        in_authority = qs.filter(**lookup).filter(authority_id=user.authority_id)
        scope = person_scope_of(qs.model)
        if scope is not None:
            # A sealed record's existence is itself confidential: refuse it as if it were not there.
            in_authority = in_authority.exclude(**{scope.field("access_level"): "sealed"})
        if in_authority.exists():
            raise PermissionDenied("Your role, team and district do not give you access to this record.")
    raise Http404("No such record.")
