"""Reads for the care pages, always through scoped(): the child's care journey at a glance, and the lists
of placements, missing children and placement requests a manager or analyst sees."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from hearth.care.costs import placement_cost, rate_on, yearly
from hearth.care.missing import interview_in_time, missing_count
from hearth.care.models import (
    AdoptionJourney,
    CareLeaver,
    CareReview,
    EducationPlan,
    Episode,
    HealthCheck,
    HostedChild,
    LeaverContact,
    MissingEpisode,
    PeriodOfCare,
    PermanencePlan,
    Placement,
    PlacementRequest,
)
from hearth.care.stability import Spell, long_term_stable, placements_in_year
from hearth.care.timescales import education_plan_due, health_due
from hearth.casework.selectors import my_people
from hearth.core.access import Action, get_for, scoped
from hearth.core.dates import age_on
from hearth.core.jinja import govuk_date


@dataclass
class PlacementLine:
    placement: Placement
    weekly: Decimal | None
    yearly: Decimal
    cost_to_date: Decimal


@dataclass
class CareJourney:
    periods: list[PeriodOfCare] = field(default_factory=list)
    current: PeriodOfCare | None = None
    episodes: list[Episode] = field(default_factory=list)
    placements: list[PlacementLine] = field(default_factory=list)
    reviews: list[CareReview] = field(default_factory=list)
    health: list[HealthCheck] = field(default_factory=list)
    health_due: dict[str, date | None] = field(default_factory=dict)
    education: list[EducationPlan] = field(default_factory=list)
    education_due: date | None = None
    missing: list[MissingEpisode] = field(default_factory=list)
    missing_in_90_days: int = 0
    hosted: list[HostedChild] = field(default_factory=list)
    permanence: list[PermanencePlan] = field(default_factory=list)
    adoption: AdoptionJourney | None = None
    leaver: CareLeaver | None = None
    leaver_contacts: list[LeaverContact] = field(default_factory=list)
    requests: list[PlacementRequest] = field(default_factory=list)
    placements_in_year: int = 0
    long_term_stable: bool | None = None
    total_cost: Decimal = Decimal(0)

    @property
    def any(self) -> bool:
        return bool(self.periods or self.missing or self.hosted or self.leaver)

    @property
    def health_due_lines(self) -> list[str]:
        words = {"initial": "Initial health assessment", "review": "Review health assessment", "dental": "Dental check",
                 "sdq": "SDQ"}  # fmt: skip
        return [
            f"{words[k]} due {govuk_date(day)}" for k, day in self.health_due.items() if day is not None
        ] or ["Nothing due"]

    @property
    def current_placement(self) -> PlacementLine | None:
        return next((p for p in self.placements if p.placement.ended_on is None), None)


def care_of(*, user: Any, person: Any) -> CareJourney:
    """The child's care journey at a glance, for the person page."""
    v = Action.VIEW
    today = timezone.localdate()
    journey = CareJourney()
    journey.periods = list(
        scoped(user, PeriodOfCare.objects.filter(person=person), v).order_by("-started_on")
    )
    journey.missing = list(
        scoped(user, MissingEpisode.objects.filter(person=person), v).order_by("-started_at")[:10]
    )
    journey.missing_in_90_days = missing_count(person, timezone.now()) if journey.missing else 0
    for episode in journey.missing:
        episode.in_time = interview_in_time(episode)  # type: ignore[attr-defined]
    journey.hosted = list(scoped(user, HostedChild.objects.filter(person=person), v))
    journey.leaver = (
        scoped(user, CareLeaver.objects.filter(person=person), v).select_related("adviser").first()
    )
    if journey.leaver is not None:
        journey.leaver_contacts = list(scoped(user, LeaverContact.objects.filter(person=person), v)[:5])
    if not journey.periods:
        return journey
    journey.current = next((p for p in journey.periods if p.ended_on is None), None)
    shown = journey.current or journey.periods[0]
    journey.episodes = list(scoped(user, Episode.objects.filter(period=shown), v).select_related("placement"))
    placements = list(
        scoped(user, Placement.objects.filter(person=person), v)
        .select_related("provider")
        .prefetch_related("provider__rates")
        .order_by("-started_on")
    )
    for p in placements:
        weekly = rate_on(p.provider, min(p.ended_on or today, today)) if p.provider else None
        journey.placements.append(PlacementLine(p, weekly, yearly(weekly), placement_cost(p, today)))
    journey.total_cost = sum((line.cost_to_date for line in journey.placements), Decimal(0))
    spells = [
        Spell(p.started_on, p.ended_on, p.placement_type, str(p.provider_id or p.carer)) for p in placements
    ]
    journey.placements_in_year = placements_in_year(spells, today)
    if journey.current is not None:
        journey.long_term_stable = long_term_stable(period_start=journey.current.started_on, spells=spells,
                                                    date_of_birth=person.date_of_birth, on=today)  # fmt: skip
    journey.reviews = list(scoped(user, CareReview.objects.filter(period=shown), v).select_related("chair"))
    journey.health = list(scoped(user, HealthCheck.objects.filter(period=shown), v)[:8])
    journey.education = list(scoped(user, EducationPlan.objects.filter(period=shown), v)[:3])
    journey.permanence = list(scoped(user, PermanencePlan.objects.filter(person=person), v)[:3])
    journey.adoption = (
        scoped(user, AdoptionJourney.objects.filter(person=person), v).select_related("adopter").first()
    )
    journey.requests = list(scoped(user, PlacementRequest.objects.filter(person=person), v)[:3])
    if journey.current is not None:
        age = age_on(person.date_of_birth, today) or 0
        for kind in ("initial", "review", "dental", "sdq"):
            last = max((h.done_on for h in journey.health if h.kind == kind), default=None)
            journey.health_due[kind] = health_due(
                kind=kind, period_start=shown.started_on, last_on=last, age=age
            )
        last_pep = journey.education[0].held_on if journey.education else None
        journey.education_due = education_plan_due(period_start=shown.started_on, last_on=last_pep, age=age)
    return journey


def current_placements(*, user: Any) -> QuerySet[Placement]:
    return scoped(user, Placement.objects.filter(ended_on__isnull=True), Action.VIEW)


def placements_counted(*, user: Any) -> QuerySet[Placement]:
    """Every placement in the user's reach, restricted and sealed records too, for figures that name nobody."""
    return scoped(user, Placement.objects.all(), Action.COUNT)


def missing_recent(*, user: Any, since: Any) -> QuerySet[MissingEpisode]:
    return scoped(user, MissingEpisode.objects.filter(started_at__gte=since), Action.VIEW)


def placement_requests(*, user: Any) -> QuerySet[PlacementRequest]:
    return scoped(user, PlacementRequest.objects.all(), Action.VIEW).select_related("person")


def placement_request_get(*, user: Any, request_id: int, action: Action = Action.VIEW) -> PlacementRequest:
    return get_for(user, PlacementRequest.objects.select_related("person"), action, pk=request_id)


def looked_after_due(*, user: Any) -> QuerySet[PeriodOfCare]:
    """The periods of care of children allocated to the user, soonest visit due first."""
    return (
        scoped(user, PeriodOfCare.objects.filter(ended_on__isnull=True, person_id__in=my_people(user)), Action.VIEW)
        .select_related("person").order_by("next_visit_due_on")
    )  # fmt: skip


def interviews_due(*, user: Any) -> QuerySet[MissingEpisode]:
    """Children allocated to the user who have come back from missing and have no return interview recorded."""
    return (
        scoped(user, MissingEpisode.objects.filter(ended_at__isnull=False, interview_outcome="",
                                                   person_id__in=my_people(user)), Action.VIEW)
        .select_related("person").order_by("ended_at")
    )  # fmt: skip


def reviews_to_chair(*, user: Any, within_days: int = 28) -> QuerySet[CareReview]:
    """For an independent reviewing officer: looked-after reviews overdue or due within four weeks that are
    theirs to chair, or that nobody has been given yet."""
    until = timezone.localdate() + timedelta(days=within_days)
    mine = Q(chair=user) | Q(chair__isnull=True)
    return (
        scoped(user, CareReview.objects.filter(mine, held_on__isnull=True, due_on__lte=until), Action.VIEW)
        .select_related("person").order_by("due_on")
    )  # fmt: skip
