"""Small hand-built records for pinning each indicator's definition. Each makes exactly the rows it says,
straight into the tables (no services), so a test states every date it depends on."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, cast

from django.utils import timezone

from hearth.care.models import CareLeaver, Episode, MissingEpisode, PeriodOfCare, Placement
from hearth.casework.models import (
    Assessment,
    AssessmentStatus,
    Conference,
    ConferenceKind,
    Involvement,
    ProtectionPlan,
    Referral,
    StrategyDiscussion,
)
from hearth.core.tests.factories import PersonFactory
from hearth.frontdoor.models import Contact, ContactStatus, ContactSubject
from hearth.people.models import Person


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    """A time on `day`, in the council's time zone (Europe/London)."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def child(district: Any, **kwargs: Any) -> Person:
    return cast(Person, PersonFactory(district=district, **kwargs))


def contact(received_at: datetime, *children: Person, status: str = ContactStatus.SIGNED_OFF) -> Contact:
    made = Contact.objects.create(authority=children[0].authority, status=status, received_at=received_at)
    for person in children:
        ContactSubject.objects.create(authority=person.authority, contact=made, person=person)
    return made


def referral(person: Person, on: date, *, flagged: bool = False) -> Referral:
    return Referral.objects.create(authority=person.authority, person=person, referred_on=on, source="6",
                                   is_re_referral=flagged)  # fmt: skip


def assessment(person: Person, *, referred_on: date, completed_on: date | None, worker: Any = None,
               status: str = AssessmentStatus.APPROVED) -> Assessment:  # fmt: skip
    return Assessment.objects.create(
        authority=person.authority, person=person, referral=referral(person, referred_on), worker=worker,
        started_on=referred_on, due_on=referred_on, status=status, completed_on=completed_on,
    )  # fmt: skip


def strategy(person: Person, on: date, *, section_47: bool = True, by: Any) -> StrategyDiscussion:
    return StrategyDiscussion.objects.create(authority=person.authority, person=person, held_on=on,
                                             section_47=section_47, attendees="Police, health", recorded_by=by)  # fmt: skip


def initial_conference(person: Person, *, discussed_on: date | None, held_on: date, by: Any) -> Conference:
    discussion = strategy(person, discussed_on, by=by) if discussed_on else None
    return Conference.objects.create(authority=person.authority, person=person, kind=ConferenceKind.INITIAL,
                                     strategy_discussion=discussion, due_on=held_on, held_on=held_on)  # fmt: skip


def plan(
    person: Person, started_on: date, ended_on: date | None = None, category: str = "NEG"
) -> ProtectionPlan:
    return ProtectionPlan.objects.create(authority=person.authority, person=person, category=category,
                                         started_on=started_on, ended_on=ended_on, core_group_due_on=started_on,
                                         next_review_due_on=started_on)  # fmt: skip


def involvement(person: Person, kind: str, started_on: date, ended_on: date | None = None) -> Involvement:
    return Involvement.objects.create(authority=person.authority, person=person, kind=kind, started_on=started_on,
                                      ended_on=ended_on)  # fmt: skip


def care(person: Person, started_on: date, ended_on: date | None = None, *, legal_status: str = "C2",
         placements: list[tuple[date, date | None, str]] | None = None) -> PeriodOfCare:  # fmt: skip
    """A period of care with its placements (start, end, placement type; one U1 placement by default) and
    one episode per placement, all with `legal_status`."""
    period = PeriodOfCare.objects.create(authority=person.authority, person=person, started_on=started_on,
                                         ended_on=ended_on)  # fmt: skip
    for start, end, kind in placements or [(started_on, ended_on, "U1")]:
        placed = Placement.objects.create(authority=person.authority, person=person, period=period,
                                          placement_type=kind, category="in_house", started_on=start,
                                          ended_on=end, carer=f"Carer from {start}")  # fmt: skip
        Episode.objects.create(authority=person.authority, person=person, period=period, placement=placed,
                               started_on=start, ended_on=end, reason_new="S" if start == started_on else "P",
                               legal_status=legal_status, category_of_need="N1")  # fmt: skip
    return period


def care_leaver(person: Person, *, ended_on: date | None = None) -> CareLeaver:
    return CareLeaver.objects.create(authority=person.authority, person=person, category="former_relevant",
                                     ended_on=ended_on)  # fmt: skip


def missing(person: Person, started_at: datetime, ended_at: datetime | None = None, *,
            offered_at: datetime | None = None, outcome: str = "", responsible: str = "home") -> MissingEpisode:  # fmt: skip
    return MissingEpisode.objects.create(authority=person.authority, person=person, kind="M", started_at=started_at,
                                         ended_at=ended_at, responsible=responsible, interview_offered_at=offered_at,
                                         interview_outcome=outcome)  # fmt: skip
