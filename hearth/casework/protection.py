"""Child protection: strategy discussion, initial conference, plan, reviews; and stepping down.

Each function runs in a transaction, checks dates are in order, and writes the audit log and the
chronology. Due dates come from hearth.casework.timescales.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.casework.models import (
    AbuseCategory,
    Conference,
    ConferenceKind,
    Involvement,
    InvolvementKind,
    Meeting,
    MeetingKind,
    ProtectionPlan,
    StatutoryVisit,
    StrategyDiscussion,
)
from hearth.casework.services import casework_event, involvement_open
from hearth.casework.timescales import (
    core_group_due,
    cp_visit_due,
    initial_conference_due,
    review_conference_due,
)
from hearth.core.jinja import govuk_date


def _note(by: Any, person: Any, obj: Any, title: str, request: Any, significant: bool = False) -> None:
    casework_event(by=by, person=person, source=obj, title=title, request=request, significant=significant)


@transaction.atomic
def strategy_discussion_record(*, by: Any, person: Any, held_on: date | None, section_47: bool, attendees: str,
                               notes: str = "", request: Any = None) -> StrategyDiscussion:  # fmt: skip
    errors: dict[str, list[str]] = {}
    if held_on is None:
        errors["held_on"] = ["Enter the date of the strategy discussion"]
    elif held_on > timezone.localdate():
        errors["held_on"] = ["The strategy discussion must be today or in the past"]
    if not attendees.strip():
        errors["attendees"] = ["Enter who took part, for example police, health and children’s social care"]
    if errors:
        raise ValidationError(errors)
    assert held_on is not None
    discussion = StrategyDiscussion.objects.create(authority_id=person.authority_id, person=person, held_on=held_on,
                                                   section_47=section_47, attendees=attendees.strip(),
                                                   notes=notes.strip(), recorded_by=by)  # fmt: skip
    if section_47:
        due = initial_conference_due(held_on)
        Conference.objects.create(authority_id=person.authority_id, person=person, kind=ConferenceKind.INITIAL,
                                  strategy_discussion=discussion, due_on=due)  # fmt: skip
        title = f"Strategy discussion: section 47 enquiry started; initial conference due {govuk_date(due)}"
    else:
        title = "Strategy discussion: no section 47 enquiry"
    _note(by, person, discussion, title, request, significant=section_47)
    return discussion


@transaction.atomic
def conference_record(*, by: Any, conference: Conference, held_on: date | None, plan_needed: bool,
                      category: str = "", request: Any = None) -> Conference:  # fmt: skip
    """Record a conference's outcome. An initial conference may start a plan (its core group and first
    review are then due); a review continues the plan (next review in 6 months) or ends it (the child steps
    down to child in need)."""
    conference = (
        # Lock only the conference row: PostgreSQL cannot lock the nullable side of the outer joins.
        Conference.objects.select_for_update(of=("self",))
        .select_related("person", "strategy_discussion", "plan")
        .get(pk=conference.pk)
    )
    person = conference.person
    errors: dict[str, list[str]] = {}
    if conference.held_on is not None:
        raise ValidationError("This conference has already been recorded")
    if held_on is None:
        errors["held_on"] = ["Enter the date of the conference"]
    elif held_on > timezone.localdate():
        errors["held_on"] = ["The conference must be today or in the past"]
    elif conference.strategy_discussion and held_on < conference.strategy_discussion.held_on:
        errors["held_on"] = [f"The conference must be on or after the strategy discussion "
                             f"({govuk_date(conference.strategy_discussion.held_on)})"]  # fmt: skip
    elif conference.plan and held_on < conference.plan.started_on:
        errors["held_on"] = [
            f"The review must be on or after the plan started ({govuk_date(conference.plan.started_on)})"
        ]
    starting = conference.kind == ConferenceKind.INITIAL and plan_needed
    if starting and category not in AbuseCategory.values:
        errors["category"] = ["Select the category of abuse"]
    if starting and ProtectionPlan.objects.filter(person=person, ended_on__isnull=True).exists():
        errors["plan_needed"] = [
            "This child already has a child protection plan. Record a review conference instead"
        ]
    if errors:
        raise ValidationError(errors)
    assert held_on is not None
    conference.held_on, conference.plan_needed, conference.recorded_by = held_on, plan_needed, by
    conference.save(update_fields=["held_on", "plan_needed", "recorded_by"])
    Meeting.objects.filter(conference=conference).update(held_on=held_on, recorded_by=by)
    if starting:
        plan = ProtectionPlan.objects.create(authority_id=person.authority_id, person=person, category=category,
                                             started_on=held_on, core_group_due_on=core_group_due(held_on),
                                             next_review_due_on=review_conference_due(held_on),
                                             next_visit_due_on=cp_visit_due(held_on))  # fmt: skip
        Conference.objects.create(authority_id=person.authority_id, person=person, kind=ConferenceKind.REVIEW,
                                  plan=plan, due_on=plan.next_review_due_on)  # fmt: skip
        Meeting.objects.create(authority_id=person.authority_id, person=person, kind=MeetingKind.CORE_GROUP,
                               protection_plan=plan, due_on=plan.core_group_due_on)  # fmt: skip
        involvement_open(
            by=by, person=person, kind=InvolvementKind.CHILD_PROTECTION, started_on=held_on, request=request
        )
        title = (f"Child protection plan started ({plan.get_category_display()}); core group due "
                 f"{govuk_date(plan.core_group_due_on)}, first review due {govuk_date(plan.next_review_due_on)}")  # fmt: skip
    elif conference.kind == ConferenceKind.REVIEW and conference.plan is not None:
        plan = conference.plan
        if plan_needed:
            plan.next_review_due_on = review_conference_due(plan.started_on, previous_review_on=held_on)
            plan.save(update_fields=["next_review_due_on"])
            Conference.objects.create(authority_id=person.authority_id, person=person, kind=ConferenceKind.REVIEW,
                                      plan=plan, due_on=plan.next_review_due_on)  # fmt: skip
            title = f"Review conference: the plan continues; next review due {govuk_date(plan.next_review_due_on)}"
        else:
            plan.ended_on = held_on
            plan.save(update_fields=["ended_on"])
            # Core groups still to hold are no longer needed once the plan ends.
            Meeting.objects.filter(protection_plan=plan, held_on__isnull=True).delete()
            Involvement.objects.filter(
                person=person, kind=InvolvementKind.CHILD_PROTECTION, ended_on__isnull=True
            ).update(ended_on=held_on)
            involvement_open(
                by=by, person=person, kind=InvolvementKind.SOCIAL_CARE, started_on=held_on, request=request
            )
            title = (
                "Review conference: the child protection plan ended; the child steps down to child in need"
            )
    else:
        title = "Initial conference: no child protection plan needed"
    _note(by, person, conference, title, request, significant=True)
    return conference


@transaction.atomic
def statutory_visit_record(*, by: Any, person: Any, visited_on: date | None, child_seen: bool, seen_alone: bool,
                           request: Any = None) -> StatutoryVisit:  # fmt: skip
    """A visit to a child on a plan; the next is due 10 working days later."""
    plan = ProtectionPlan.objects.select_for_update().filter(person=person, ended_on__isnull=True).first()
    errors: dict[str, list[str]] = {}
    if plan is None:
        raise ValidationError("Statutory visits are recorded for a child on a child protection plan")
    if visited_on is None:
        errors["visited_on"] = ["Enter the date of the visit"]
    elif visited_on > timezone.localdate():
        errors["visited_on"] = ["The visit must be today or in the past"]
    elif visited_on < plan.started_on:
        errors["visited_on"] = [
            f"The visit must be on or after the plan started ({govuk_date(plan.started_on)})"
        ]
    if seen_alone and not child_seen:
        errors["seen_alone"] = ["A child seen alone was seen: select yes for ‘Was the child seen?’"]
    if errors:
        raise ValidationError(errors)
    assert visited_on is not None
    visit = StatutoryVisit.objects.create(authority_id=person.authority_id, person=person, plan=plan,
                                          visited_on=visited_on, child_seen=child_seen, seen_alone=seen_alone,
                                          recorded_by=by)  # fmt: skip
    latest = StatutoryVisit.objects.filter(plan=plan).order_by("-visited_on").first()
    assert latest is not None
    plan.next_visit_due_on = cp_visit_due(latest.visited_on)
    plan.save(update_fields=["next_visit_due_on"])
    seen = "seen alone" if seen_alone else "seen" if child_seen else "not seen"
    _note(
        by,
        person,
        visit,
        f"Statutory visit, child {seen}; next visit due {govuk_date(plan.next_visit_due_on)}",
        request,
    )
    return visit
