"""Starting care, changing a legal status or placement, and leaving care.

Each change appends to the child's period of care: the open episode ends on the day of the change and the
next begins that day, so episodes never overlap or leave gaps. The reason for the new episode is worked
out from what changed, and every SSDA903 rule in hearth.care.rules is checked before anything is saved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.care import codes
from hearth.care.models import (
    ACHIEVED_BY,
    AdoptionJourney,
    CareReview,
    Episode,
    PeriodOfCare,
    PermanencePlan,
    Placement,
    Provider,
    ProviderKind,
)
from hearth.care.rules import Row, check_period, placement_changes, reason_new_for
from hearth.care.timescales import review_due, visit_due
from hearth.casework.models import InvolvementKind
from hearth.casework.services import casework_event, involvement_open
from hearth.chronology.models import EntryKind
from hearth.core.dates import past_day_errors
from hearth.core.jinja import govuk_date

# The providers each placement type may be with; types not listed need no provider.
PROVIDER_KINDS: dict[str, set[str]] = {
    **{t: {ProviderKind.CONNECTED} for t in codes.FOSTER_CONNECTED},
    **{t: {ProviderKind.IN_HOUSE_FOSTER, ProviderKind.IFA} for t in codes.FOSTER_OTHER},
    "U5": {ProviderKind.IN_HOUSE_FOSTER, ProviderKind.IFA, ProviderKind.ADOPTER},  # fostering for adoption
    **{t: {ProviderKind.ADOPTER} for t in codes.ADOPTION},
    "K1": {ProviderKind.SECURE}, "K2": {ProviderKind.CHILDRENS_HOME}, "K3": {ProviderKind.SUPPORTED},
    "S1": {ProviderKind.RESIDENTIAL_SCHOOL}, "R3": {ProviderKind.PARENT_AND_CHILD},
    "R1": {ProviderKind.OTHER, ProviderKind.CHILDRENS_HOME}, "R2": {ProviderKind.OTHER},
}  # fmt: skip


@dataclass(frozen=True)
class NewPlacement:
    placement_type: str
    provider: Provider | None = None
    carer: str = ""  # who, when there is no provider: "Mother", "Grandparents"
    distance_miles: Decimal | None = None

    @property
    def carer_key(self) -> str:
        return f"provider:{self.provider.pk}" if self.provider else self.carer.strip().lower()


def _carer_key(placement: Placement) -> str:
    return f"provider:{placement.provider_id}" if placement.provider_id else placement.carer.strip().lower()


def _rows(period: PeriodOfCare) -> list[Row]:
    return episode_rows(
        Episode.objects.filter(period=period).select_related("placement").order_by("started_on", "pk")
    )


def episode_rows(episodes: Iterable[Episode]) -> list[Row]:
    """A period's episodes (in order, with their placements) as the rows `rules.check_period` reads. The
    returns' pre-submission check reads the same rows."""
    rows = []
    for e in episodes:
        ends_placement = e.placement.ended_on is not None and e.placement.ended_on == e.ended_on
        rows.append(Row(started_on=e.started_on, ended_on=e.ended_on, reason_new=e.reason_new,
                        legal_status=e.legal_status, placement_type=e.placement.placement_type,
                        carer=_carer_key(e.placement), reason_ceased=e.reason_ceased,
                        change_reason=e.placement.change_reason if ends_placement else ""))  # fmt: skip
    return rows


def _check_placement(new: NewPlacement) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if new.placement_type not in dict(codes.PLACEMENT_TYPE):
        return {"placement_type": ["Select the type of placement"]}
    allowed = PROVIDER_KINDS.get(new.placement_type)
    if allowed and new.provider is None:
        errors["provider"] = ["Select the carer or provider"]
    elif allowed and new.provider is not None and new.provider.kind not in allowed:
        kinds = " or ".join(ProviderKind(k).label.lower() for k in sorted(allowed))
        errors["provider"] = [f"{new.provider.name} is not a placement of this type: choose {kinds}"]
    if not allowed and new.provider is None and not new.carer.strip() and new.placement_type == "P1":
        errors["carer"] = ["Enter who the child lives with, for example Mother"]
    if new.provider is not None and not new.provider.active:
        errors["provider"] = [f"{new.provider.name} no longer takes placements"]
    return errors


def _raise(errors: dict[str, list[str]], rule_errors: Iterable[tuple[str, str]] = ()) -> None:
    for field, message in rule_errors:
        errors.setdefault(field, []).append(message)
    if errors:
        raise ValidationError(errors)


def _new_placement(person: Any, period: PeriodOfCare, new: NewPlacement, on: date) -> Placement:
    provider = new.provider
    no_provider = new.placement_type in codes.NO_PROVIDER
    return Placement.objects.create(
        authority_id=person.authority_id, person=person, period=period, provider=provider,
        carer=new.carer.strip() or (provider.name if provider else ""), placement_type=new.placement_type,
        place_provider="" if no_provider else ("PR0" if new.placement_type == "P1" and provider is None
                                                 else (provider.place_provider if provider else "")),
        category=codes.category_of(new.placement_type, provider.kind if provider else ""),
        urn=provider.ofsted_urn if provider and new.placement_type not in codes.NO_URN else "", postcode=provider.postcode if provider else "",
        in_area=provider.in_area if provider else True, distance_miles=new.distance_miles, started_on=on,
    )  # fmt: skip


def _describe(placement: Placement) -> str:
    return f"{placement.get_placement_type_display()} ({placement.carer})" if placement.carer else \
        placement.get_placement_type_display()  # fmt: skip


@transaction.atomic
def care_start(*, by: Any, person: Any, started_on: date | None, legal_status: str, category_of_need: str,
               placement: NewPlacement, home_postcode: str = "", unaccompanied: bool = False,
               request: Any = None) -> PeriodOfCare:  # fmt: skip
    """The child starts to be looked after: a period of care, its first episode and placement, and the
    first review and visit due."""
    errors: dict[str, list[str]] = {}
    errors.update(past_day_errors(started_on, "started_on", "the child started to be looked after"))
    if legal_status not in dict(codes.LEGAL_STATUS):
        errors["legal_status"] = ["Select the legal status"]
    if category_of_need not in dict(codes.CATEGORY_OF_NEED):
        errors["category_of_need"] = ["Select the category of need"]
    errors.update(_check_placement(placement))
    periods = PeriodOfCare.objects.select_for_update().filter(person=person).order_by("-started_on")
    latest = periods.first()
    if latest is not None and latest.ended_on is None:
        errors["started_on"] = [f"This child is already looked after (since {govuk_date(latest.started_on)})"]
    elif latest is not None and started_on is not None and latest.ended_on and started_on < latest.ended_on:
        errors["started_on"] = [f"Periods of care cannot overlap: the last one ended on "
                                f"{govuk_date(latest.ended_on)}, so a new one must start on or after that"]  # fmt: skip
    _raise(errors)
    assert started_on is not None
    row = Row(started_on=started_on, ended_on=None, reason_new="S", legal_status=legal_status,
              placement_type=placement.placement_type, carer=placement.carer_key)  # fmt: skip
    _raise({}, check_period([row], person.date_of_birth))
    period = PeriodOfCare.objects.create(
        authority_id=person.authority_id, person=person, started_on=started_on,
        home_postcode="" if unaccompanied else home_postcode.strip().upper(), unaccompanied=unaccompanied,
        next_review_due_on=review_due(period_start=started_on, number=1),
        next_visit_due_on=visit_due(placement_start=started_on, last_visit_on=None), started_by=by,
    )  # fmt: skip
    first = _new_placement(person, period, placement, started_on)
    Episode.objects.create(authority_id=person.authority_id, person=person, period=period, placement=first,
                           started_on=started_on, reason_new="S", legal_status=legal_status,
                           category_of_need=category_of_need, recorded_by=by)  # fmt: skip
    CareReview.objects.create(authority_id=person.authority_id, person=person, period=period, number=1,
                              due_on=review_due(period_start=started_on, number=1))  # fmt: skip
    involvement_open(
        by=by, person=person, kind=InvolvementKind.SOCIAL_CARE, started_on=started_on, request=request
    )
    casework_event(by=by, person=person, source=period, kind=EntryKind.CARE, request=request, significant=True,
                   title=f"Started to be looked after ({codes.label(codes.LEGAL_STATUS, legal_status)}); "
                         f"placed: {_describe(first)}; first review due {govuk_date(period.next_review_due_on)}")  # fmt: skip
    return period


def open_period(person: Any) -> PeriodOfCare:
    period = PeriodOfCare.objects.select_for_update().filter(person=person, ended_on__isnull=True).first()
    if period is None:
        raise ValidationError("This child is not looked after")
    return period


def _open_episode(person: Any) -> tuple[PeriodOfCare, Episode]:
    """The child's open period of care and its open episode, locked for the change."""
    period = open_period(person)
    current = (
        Episode.objects.select_for_update()
        .select_related("placement")
        .get(period=period, ended_on__isnull=True)
    )
    return period, current


@transaction.atomic
def care_change(*, by: Any, person: Any, on: date | None, legal_status: str = "", placement: NewPlacement | None = None,
                change_reason: str = "", request: Any = None) -> Episode:  # fmt: skip
    """A new legal status, a new placement, or both, from `on`."""
    period, current = _open_episode(person)
    errors: dict[str, list[str]] = {}
    errors.update(past_day_errors(on, "on", "of the change"))
    if on is not None and on <= current.started_on:
        errors["on"] = [
            f"The change must be after the current episode started ({govuk_date(current.started_on)})"
        ]
    if legal_status and legal_status not in dict(codes.LEGAL_STATUS):
        errors["legal_status"] = ["Select the legal status"]
    if placement is not None:
        errors.update(_check_placement(placement))
    _raise(errors)
    assert on is not None
    status = legal_status or current.legal_status
    kind = placement.placement_type if placement else current.placement.placement_type
    carer = placement.carer_key if placement else _carer_key(current.placement)
    previous = _rows(period)
    reason = reason_new_for(previous[-1], status, kind, carer)
    if reason is None:
        raise ValidationError(
            {"legal_status": ["Nothing has changed: choose a new legal status or placement"]}
        )
    moves = placement_changes(reason)
    ended = Row(**{**previous[-1].__dict__, "ended_on": on, "reason_ceased": "X1",
                   "change_reason": change_reason if moves else ""})  # fmt: skip
    new_row = Row(
        started_on=on, ended_on=None, reason_new=reason, legal_status=status, placement_type=kind, carer=carer
    )
    _raise({}, check_period([*previous[:-1], ended, new_row], person.date_of_birth))
    current.ended_on, current.reason_ceased = on, "X1"
    current.save(update_fields=["ended_on", "reason_ceased"])
    home = current.placement
    if moves:
        assert placement is not None
        home.ended_on, home.change_reason = on, change_reason
        home.save(update_fields=["ended_on", "change_reason"])
        home = _new_placement(person, period, placement, on)
        period.next_visit_due_on = visit_due(placement_start=on, last_visit_on=None)
        period.save(update_fields=["next_visit_due_on"])
    episode = Episode.objects.create(authority_id=person.authority_id, person=person, period=period, placement=home,
                                     started_on=on, reason_new=reason, legal_status=status,
                                     category_of_need=current.category_of_need, recorded_by=by)  # fmt: skip
    parts = []
    if status != current.legal_status:
        parts.append(f"legal status now {codes.label(codes.LEGAL_STATUS, status)}")
    if moves:
        why = f" ({codes.label(codes.REASON_PLACE_CHANGE, change_reason).lower()})" if change_reason else ""
        parts.append(f"moved to {_describe(home)}{why}")
    casework_event(by=by, person=person, source=episode, kind=EntryKind.CARE, request=request, significant=moves,
                   title=f"Care: {'; '.join(parts)}", changes={"reason_new": reason})  # fmt: skip
    return episode


@transaction.atomic
def care_end(*, by: Any, person: Any, on: date | None, reason: str, request: Any = None) -> PeriodOfCare:
    """The child stops being looked after. A permanence plan that this achieves is marked achieved."""
    period, current = _open_episode(person)
    errors: dict[str, list[str]] = {}
    errors.update(past_day_errors(on, "on", "the child stopped being looked after"))
    if on is not None and on < current.started_on:
        errors["on"] = [f"The child cannot leave care before the current episode started "
                        f"({govuk_date(current.started_on)})"]  # fmt: skip
    if reason == "X1" or reason not in dict(codes.REASON_CEASED):
        errors["reason"] = ["Select the reason the child stopped being looked after"]
    _raise(errors)
    assert on is not None
    previous = _rows(period)
    ended = Row(**{**previous[-1].__dict__, "ended_on": on, "reason_ceased": reason})
    _raise({}, check_period([*previous[:-1], ended], person.date_of_birth))
    current.ended_on, current.reason_ceased = on, reason
    current.save(update_fields=["ended_on", "reason_ceased"])
    Placement.objects.filter(pk=current.placement_id).update(ended_on=on)
    period.ended_on, period.reason_ceased = on, reason
    period.next_review_due_on = period.next_visit_due_on = None
    period.save(update_fields=["ended_on", "reason_ceased", "next_review_due_on", "next_visit_due_on"])
    CareReview.objects.filter(period=period, held_on__isnull=True).delete()  # no longer due
    plan = PermanencePlan.objects.filter(person=person, ended_on__isnull=True).first()
    if plan is not None:
        plan.ended_on, plan.achieved = on, reason in ACHIEVED_BY.get(plan.kind, set())
        plan.end_reason = f"Left care: {codes.label(codes.REASON_CEASED, reason)}"
        plan.save(update_fields=["ended_on", "achieved", "end_reason"])
    if reason in codes.ADOPTED:
        AdoptionJourney.objects.filter(period=period, ceased_on__isnull=True).update(adoption_order_on=on)
    casework_event(by=by, person=person, source=period, kind=EntryKind.CARE, request=request, significant=True,
                   title=f"Stopped being looked after: {codes.label(codes.REASON_CEASED, reason)}")  # fmt: skip
    return period
