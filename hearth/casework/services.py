"""Opening involvements and referrals. Each records an audit entry and a chronology entry."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.casework.models import Involvement, InvolvementKind, Referral
from hearth.chronology.models import EntryKind
from hearth.chronology.services import chronology_record

RE_REFERRAL_WINDOW = timedelta(days=365)  # CIN census: a referral within 12 months of the previous one


def casework_event(*, by: Any, person: Any, source: Any, title: str, kind: str = EntryKind.REFERRAL,
                   request: Any = None, significant: bool = False, changes: dict[str, Any] | None = None) -> None:  # fmt: skip
    """A casework step, in the same words on the child's chronology and in the audit log. Runs in the
    caller's transaction."""
    chronology_record(people=[person], occurred_at=timezone.now(), kind=kind, title=title, source=source, by=by,
                      significant=significant)  # fmt: skip
    audit_record(action=AuditAction.CHANGE, summary=title, actor=by, obj=source, person=person, changes=changes,
                 request=request)  # fmt: skip


def is_re_referral(*, person: Any, on: date) -> bool:
    # The person reached here through a scoped selector or service; these are their own referrals.
    return Referral.objects.filter(
        person=person, referred_on__lt=on, referred_on__gte=on - RE_REFERRAL_WINDOW
    ).exists()


@transaction.atomic
def involvement_open(*, by: Any, person: Any, kind: str, started_on: date, referral: Referral | None = None,
                     request: Any = None) -> Involvement:  # fmt: skip
    """Open an involvement, or return the one of that kind already open (no second, overlapping one)."""
    existing = Involvement.objects.filter(person=person, kind=kind, ended_on__isnull=True).first()
    if existing is not None:
        return existing
    involvement = Involvement.objects.create(authority_id=person.authority_id, person=person, kind=kind,
                                             started_on=started_on, referral=referral, opened_by=by)  # fmt: skip
    label = InvolvementKind(kind).label
    chronology_record(people=[person], occurred_at=timezone.now(), kind=EntryKind.REFERRAL, source=involvement,
                      by=by, title=f"{label} involvement opened")  # fmt: skip
    audit_record(action=AuditAction.CREATE, summary=f"Opened a {label.lower()} involvement", actor=by,
                 obj=involvement, person=person, request=request)  # fmt: skip
    return involvement


@transaction.atomic
def referral_open(*, by: Any, person: Any, referred_on: date, source: str, contact: Any = None,
                  strategy_discussion: bool = False, request: Any = None) -> Referral:  # fmt: skip
    """Refer a child to children's social care, which opens a social care involvement."""
    again = is_re_referral(person=person, on=referred_on)
    referral = Referral.objects.create(
        authority_id=person.authority_id, person=person, referred_on=referred_on, source=source, contact=contact,
        strategy_discussion=strategy_discussion, is_re_referral=again, referred_by=by,
    )  # fmt: skip
    title = "Referred to children’s social care" + (
        " for a strategy discussion" if strategy_discussion else ""
    )
    if again:
        title += " (a re-referral within 12 months)"
    chronology_record(people=[person], occurred_at=timezone.now(), kind=EntryKind.REFERRAL, source=referral, by=by,
                      title=title, significant=True)  # fmt: skip
    audit_record(action=AuditAction.CREATE, summary="Referred to children’s social care", actor=by, obj=referral,
                 person=person, changes={"re_referral": again}, request=request)  # fmt: skip
    involvement_open(by=by, person=person, kind=InvolvementKind.SOCIAL_CARE, started_on=referred_on,
                     referral=referral, request=request)  # fmt: skip
    from hearth.casework.assessments import assessment_start  # the assessment module imports this one

    assessment_start(by=by, referral=referral, request=request)
    return referral
