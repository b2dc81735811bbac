"""Every change to complaints and compliments: each in one transaction that checks, writes and audits.

Errors are `ValidationError`s keyed by the form field they are about, in words a complaints officer can act
on; nothing is saved when one is raised. Stages go in order, one open at a time: stage 2 starts only after
stage 1 has its response, stage 3 only after stage 2, and no date is in the future or before the complaint
was received. Complaint records are kept apart from the child's case record, as the DfES guidance "Getting
the best from complaints" asks, so nothing here writes to the child's chronology; the audit log names the
child.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.audit.models import AuditAction
from hearth.audit.services import audit_record
from hearth.complaints import procedures
from hearth.complaints.models import (
    Complainant,
    Complaint,
    ComplaintChild,
    ComplaintKind,
    ComplaintStage,
    Compliment,
    ComplimentFrom,
    HowReceived,
    LearningAction,
    OmbudsmanDecision,
    OmbudsmanReferral,
    Outcome,
    Service,
    Theme,
)
from hearth.core.dates import past_day_errors
from hearth.core.jinja import govuk_date
from hearth.people.models import PersonKind

Errors = dict[str, list[str]]


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


def _choice(errors: Errors, value: str, choices: Any, field: str, message: str) -> None:
    if value not in choices.values:
        errors[field] = [message]


def _text(errors: Errors, value: str, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        errors[field] = [message]
    return text


def _team_errors(by: Any, team: Any) -> Errors:
    if team is not None and team.authority_id != by.authority_id:
        return {"team": ["Select a team from the list"]}
    return {}


def _stage_rule(complaint: Complaint, number: int) -> procedures.Stage:
    rule = procedures.stage_rule(complaint.kind, number)
    assert rule is not None, f"{complaint.kind} has no stage {number}"
    return rule


def _done(stage: ComplaintStage) -> dict[str, date | None]:
    return {"panel": stage.panel_on, "findings": stage.findings_on, procedures.RESPONSE: stage.responded_on}


@transaction.atomic
def complaint_record(*, by: Any, kind: str, received_on: date | None, how_received: str, complainant_name: str,
                     complainant_is: str, service: str, subject: str, summary: str, team: Any = None,
                     child: Any = None, handled_by: Any = None, request: Any = None) -> Complaint:  # fmt: skip
    """Record a complaint: its first stage starts on the day it was received, and is due by the procedure.

    `child` must already have been fetched through the access policy (the view uses `get_for`)."""
    errors: Errors = {}
    _choice(errors, kind, ComplaintKind, "kind", "Select whether the complaint is statutory or corporate")
    errors.update(past_day_errors(received_on, "received_on", "the complaint was received"))
    _choice(errors, how_received, HowReceived, "how_received", "Select how the complaint was received")
    name = _text(errors, complainant_name, "complainant_name", "Enter the complainant’s name")
    _choice(errors, complainant_is, Complainant, "complainant_is", "Select who the complainant is")
    _choice(errors, service, Service, "service", "Select the service the complaint is about")
    _choice(errors, subject, Theme, "subject", "Select what the complaint is mainly about")
    text = _text(errors, summary, "summary", "Enter a summary of the complaint")
    errors.update(_team_errors(by, team))
    if child is not None and (
        child.authority_id != by.authority_id or child.kind not in (PersonKind.CHILD, PersonKind.UNBORN)
    ):
        errors["child"] = ["Enter the Hearth ID of a child: that record is not a child’s"]  # fmt: skip
    handler = handled_by or by
    if handler.authority_id != by.authority_id:
        errors["handled_by"] = ["Select who is handling the complaint from the list"]
    _raise(errors)
    assert received_on is not None
    complaint = Complaint.objects.create(
        authority_id=by.authority_id, kind=kind, received_on=received_on, how_received=how_received,
        complainant_name=name, complainant_is=complainant_is, service=service, team=team, subject=subject,
        summary=text, handled_by=handler, recorded_by=by, recorded_at=timezone.now(), stage=1,
    )  # fmt: skip
    stage = _stage_create(complaint, 1, received_on)
    if child is not None:
        ComplaintChild.objects.create(authority_id=by.authority_id, complaint=complaint, child=child)
    rule = _stage_rule(complaint, 1)
    audit_record(action=AuditAction.CREATE, actor=by, obj=complaint, person=child, request=request,
                 summary=f"Recorded a {complaint.get_kind_display().lower()} complaint; {rule.label.lower()} due "
                         f"{govuk_date(stage.due_on)}",
                 changes={"kind": kind, "service": service, "received_on": received_on.isoformat()})  # fmt: skip
    return complaint


def _stage_create(complaint: Complaint, number: int, started_on: date) -> ComplaintStage:
    rule = _stage_rule(complaint, number)
    due = procedures.next_due(rule, started_on, {})
    response_due = procedures.step_dues(rule, started_on, {})[procedures.RESPONSE]
    stage = ComplaintStage.objects.create(
        authority_id=complaint.authority_id, complaint=complaint, number=number, started_on=started_on,
        first_due_on=response_due, due_on=due,
    )  # fmt: skip
    complaint.stage, complaint.due_on, complaint.closed_on = number, due, None
    complaint.save(update_fields=["stage", "due_on", "closed_on"])
    return stage


def _locked(complaint: Complaint) -> tuple[Complaint, list[ComplaintStage]]:
    """The complaint, locked for the change, and its stages in order."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    return locked, list(ComplaintStage.objects.filter(complaint=locked).order_by("number"))


def _open_stage(complaint: Complaint, stage_number: int | None = None) -> tuple[Complaint, ComplaintStage]:
    locked, stages = _locked(complaint)
    current = stages[-1]
    if not current.is_open:
        raise ValidationError(f"No stage of this complaint is open: stage {current.number} was answered on "
                              f"{govuk_date(current.responded_on)}")  # fmt: skip
    if stage_number is not None and current.number != stage_number:
        raise ValidationError(f"Stage {stage_number} is not the open stage: stage {current.number} is")
    return locked, current


@transaction.atomic
def complaint_stage_start(
    *, by: Any, complaint: Complaint, started_on: date | None, request: Any = None
) -> ComplaintStage:
    """The complainant asked for the next stage: it starts on the day the council received the request."""
    locked, stages = _locked(complaint)
    last = stages[-1]
    number = last.number + 1
    rule = procedures.stage_rule(locked.kind, number)
    if last.is_open:
        raise ValidationError({"started_on": [f"Stage {last.number} is still open: record its response before "
                                              f"starting stage {number}"]})  # fmt: skip
    if rule is None:
        kind = locked.get_kind_display().split(" (")[0].lower()
        raise ValidationError({"started_on": [f"A {kind} complaint has {number - 1} stages: stage {last.number} "
                                              "was the last. The complainant may go to the Ombudsman"]})  # fmt: skip
    if last.outcome == Outcome.WITHDRAWN:
        raise ValidationError({"started_on": [f"The complaint was withdrawn at stage {last.number}: record a new "
                                              "complaint instead"]})  # fmt: skip
    if OmbudsmanReferral.objects.filter(complaint=locked).exists():
        raise ValidationError(
            {"started_on": ["The complaint has gone to the Ombudsman: it cannot start another stage"]}
        )
    assert last.responded_on is not None
    _raise(past_day_errors(started_on, "started_on", f"the request for stage {number} was received",
                           since=last.responded_on, since_what=f"the stage {last.number} response"))  # fmt: skip
    assert started_on is not None
    stage = _stage_create(locked, number, started_on)
    audit_record(action=AuditAction.CHANGE, actor=by, obj=locked, person=_child_of(locked), request=request,
                 summary=f"Started {rule.label.lower()} of complaint {locked.pk}; due {govuk_date(stage.due_on)}")  # fmt: skip
    return stage


@transaction.atomic
def complaint_stage_extend(*, by: Any, complaint: Complaint, new_due_on: date | None, reason: str,
                           request: Any = None) -> ComplaintStage:  # fmt: skip
    """Give the open stage more time, within the limit its procedure sets, for a reason."""
    locked, stage = _open_stage(complaint)
    rule = _stage_rule(locked, stage.number)
    latest = procedures.latest_extension(rule, stage.started_on)
    if latest is None:
        raise ValidationError({"new_due_on": [f"{rule.label} cannot be extended: its timescales are fixed"]})
    errors: Errors = {}
    why = _text(errors, reason, "reason", "Enter why the stage needs more time")
    if new_due_on is None:
        errors["new_due_on"] = ["Enter the new due date"]
    elif new_due_on <= stage.due_on:
        errors["new_due_on"] = [
            f"The new due date must be after the current one ({govuk_date(stage.due_on)})"
        ]
    elif new_due_on > latest:
        assert rule.response.extend_to is not None
        errors["new_due_on"] = [f"{rule.label} can be extended to no more than {rule.response.extend_to} working "
                                f"days: the latest due date is {govuk_date(latest)}"]  # fmt: skip
    _raise(errors)
    assert new_due_on is not None
    was = stage.due_on
    stage.due_on = stage.extended_to = new_due_on
    stage.extension_reason = why
    stage.save(update_fields=["due_on", "extended_to", "extension_reason"])
    locked.due_on = new_due_on
    locked.save(update_fields=["due_on"])
    audit_record(action=AuditAction.CHANGE, actor=by, obj=locked, person=_child_of(locked), request=request,
                 summary=f"Extended stage {stage.number} of complaint {locked.pk} to {govuk_date(new_due_on)}",
                 changes={"due_on": [was.isoformat(), new_due_on.isoformat()]})  # fmt: skip
    return stage


@transaction.atomic
def complaint_panel_record(*, by: Any, complaint: Complaint, panel_on: date | None, findings_on: date | None,
                           request: Any = None) -> ComplaintStage:  # fmt: skip
    """Stage 3: the review panel met, and (when it has) sent its findings. The next step's due date follows."""
    locked, stage = _open_stage(complaint)
    rule = _stage_rule(locked, stage.number)
    if "panel" not in {s.key for s in rule.steps}:
        raise ValidationError({"panel_on": [f"{rule.label} has no review panel"]})
    errors = past_day_errors(panel_on, "panel_on", "the review panel met", since=stage.started_on,
                             since_what=f"the request for stage {stage.number}")  # fmt: skip
    if findings_on is not None and panel_on is not None and not errors:
        errors.update(past_day_errors(findings_on, "findings_on", "the panel sent its findings", since=panel_on,
                                      since_what="the panel met"))  # fmt: skip
    _raise(errors)
    stage.panel_on, stage.findings_on = panel_on, findings_on
    stage.due_on = procedures.next_due(rule, stage.started_on, _done(stage))
    stage.save(update_fields=["panel_on", "findings_on", "due_on"])
    locked.due_on = stage.due_on
    locked.save(update_fields=["due_on"])
    audit_record(action=AuditAction.CHANGE, actor=by, obj=locked, person=_child_of(locked), request=request,
                 summary=f"Recorded the review panel of complaint {locked.pk}; next step due {govuk_date(stage.due_on)}")  # fmt: skip
    return stage


@transaction.atomic
def complaint_stage_respond(*, by: Any, complaint: Complaint, responded_on: date | None, outcome: str,
                            summary: str = "", request: Any = None) -> ComplaintStage:  # fmt: skip
    """The council answered the open stage (or the complainant withdrew): the complaint closes until they ask
    for the next stage."""
    locked, stage = _open_stage(complaint)
    rule = _stage_rule(locked, stage.number)
    errors: Errors = {}
    _choice(errors, outcome, Outcome, "outcome", "Select the outcome")
    what = "the complaint was withdrawn" if outcome == Outcome.WITHDRAWN else "of the response"
    since = stage.findings_on or stage.panel_on or stage.started_on
    errors.update(past_day_errors(responded_on, "responded_on", what, since=since,
                                  since_what="the panel’s findings" if stage.findings_on else
                                  ("the panel met" if stage.panel_on else f"stage {stage.number} started")))  # fmt: skip
    missing = [s for s in rule.steps[:-1] if not _done(stage).get(s.key)]
    if missing and outcome != Outcome.WITHDRAWN:
        errors.setdefault("responded_on", []).append(
            f"Record when {missing[0].name[0].lower()}{missing[0].name[1:]} first"
        )
    _raise(errors)
    assert responded_on is not None
    stage.responded_on, stage.outcome, stage.response_summary = responded_on, outcome, (summary or "").strip()
    stage.in_time = None if outcome == Outcome.WITHDRAWN else procedures.answered_in_time(
        rule, stage.started_on, _done(stage), stage.extended_to)  # fmt: skip
    stage.save(update_fields=["responded_on", "outcome", "response_summary", "in_time"])
    locked.due_on, locked.closed_on = None, responded_on
    locked.save(update_fields=["due_on", "closed_on"])
    timing = {True: "in time", False: "late", None: ""}[stage.in_time]
    audit_record(action=AuditAction.CHANGE, actor=by, obj=locked, person=_child_of(locked), request=request,
                 summary=f"Recorded the stage {stage.number} response to complaint {locked.pk}: "
                         f"{stage.get_outcome_display().lower()}{', ' + timing if timing else ''}")  # fmt: skip
    return stage


@transaction.atomic
def learning_action_add(*, by: Any, complaint: Complaint, theme: str, learning: str, action: str, owner: str,
                        due_on: date | None, request: Any = None) -> LearningAction:  # fmt: skip
    """What the council learned from the complaint, and the action it agreed."""
    errors: Errors = {}
    _choice(errors, theme, Theme, "theme", "Select what the learning is about")
    lesson = _text(errors, learning, "learning", "Enter what the council learned")
    what = _text(errors, action, "action", "Enter the action agreed")
    who = _text(errors, owner, "owner", "Enter who owns the action, for example Service manager, Aldermoor")
    if due_on is None:
        errors["due_on"] = ["Enter the date the action is due"]
    elif due_on < complaint.received_on:
        errors["due_on"] = [
            f"The action cannot be due before the complaint was received ({govuk_date(complaint.received_on)})"
        ]
    _raise(errors)
    assert due_on is not None
    made = LearningAction.objects.create(
        authority_id=complaint.authority_id, complaint=complaint, theme=theme, learning=lesson, action=what,
        owner=who, due_on=due_on, recorded_on=timezone.localdate(), recorded_by=by,
    )  # fmt: skip
    audit_record(action=AuditAction.CREATE, actor=by, obj=complaint, person=_child_of(complaint), request=request,
                 summary=f"Added a learning action to complaint {complaint.pk}, due {govuk_date(due_on)}")  # fmt: skip
    return made


@transaction.atomic
def learning_action_done(
    *, by: Any, action: LearningAction, done_on: date | None, request: Any = None
) -> LearningAction:
    locked = LearningAction.objects.select_for_update().select_related("complaint").get(pk=action.pk)
    if locked.done_on is not None:
        raise ValidationError({"action": [f"That action was already done on {govuk_date(locked.done_on)}"]})
    _raise(past_day_errors(done_on, "done_on", "the action was done", since=locked.complaint.received_on,
                           since_what="the complaint was received"))  # fmt: skip
    locked.done_on = done_on
    locked.save(update_fields=["done_on"])
    audit_record(action=AuditAction.CHANGE, actor=by, obj=locked.complaint, person=_child_of(locked.complaint),
                 request=request, summary=f"Marked a learning action of complaint {locked.complaint_id} done")  # fmt: skip
    return locked


@transaction.atomic
def ombudsman_refer(
    *, by: Any, complaint: Complaint, referred_on: date | None, request: Any = None
) -> OmbudsmanReferral:
    """The complainant went to the Local Government and Social Care Ombudsman, once the council's procedure
    had answered them (the Ombudsman may send back a complaint that did not go through every stage)."""
    locked, stages = _locked(complaint)
    last = stages[-1]
    if OmbudsmanReferral.objects.filter(complaint=locked).exists():
        raise ValidationError({"referred_on": ["This complaint has already gone to the Ombudsman"]})
    if last.is_open:
        raise ValidationError({"referred_on": [f"Stage {last.number} is still open: the Ombudsman looks at a "
                                               "complaint once the council has answered it"]})  # fmt: skip
    assert last.responded_on is not None
    _raise(past_day_errors(referred_on, "referred_on", "the complaint went to the Ombudsman", since=last.responded_on,
                           since_what=f"the stage {last.number} response"))  # fmt: skip
    assert referred_on is not None
    referral = OmbudsmanReferral.objects.create(
        authority_id=locked.authority_id, complaint=locked, referred_on=referred_on
    )
    audit_record(action=AuditAction.CHANGE, actor=by, obj=locked, person=_child_of(locked), request=request,
                 summary=f"Recorded that complaint {locked.pk} went to the Ombudsman")  # fmt: skip
    return referral


@transaction.atomic
def ombudsman_decide(*, by: Any, complaint: Complaint, decision: str, decided_on: date | None, remedy: str = "",
                     request: Any = None) -> OmbudsmanReferral:  # fmt: skip
    referral = OmbudsmanReferral.objects.select_for_update().filter(complaint=complaint).first()
    if referral is None:
        raise ValidationError({"decision": ["Record that the complaint went to the Ombudsman first"]})
    if referral.decided_on is not None:
        raise ValidationError(
            {"decision": [f"The Ombudsman’s decision was recorded on {govuk_date(referral.decided_on)}"]}
        )
    errors: Errors = {}
    _choice(errors, decision, OmbudsmanDecision, "decision", "Select the Ombudsman’s decision")
    errors.update(past_day_errors(decided_on, "decided_on", "of the Ombudsman’s decision", since=referral.referred_on,
                                  since_what="the complaint went to the Ombudsman"))  # fmt: skip
    _raise(errors)
    referral.decision, referral.decided_on, referral.remedy = decision, decided_on, (remedy or "").strip()
    referral.save(update_fields=["decision", "decided_on", "remedy"])
    audit_record(action=AuditAction.CHANGE, actor=by, obj=complaint, person=_child_of(complaint), request=request,
                 summary=f"Recorded the Ombudsman’s decision on complaint {complaint.pk}: "
                         f"{referral.get_decision_display().lower()}")  # fmt: skip
    return referral


@transaction.atomic
def compliment_record(*, by: Any, received_on: date | None, service: str, from_who: str, summary: str,
                      team: Any = None, request: Any = None) -> Compliment:  # fmt: skip
    errors: Errors = {}
    errors.update(past_day_errors(received_on, "received_on", "the compliment was received"))
    _choice(errors, service, Service, "service", "Select the service the compliment is about")
    _choice(errors, from_who, ComplimentFrom, "from_who", "Select who the compliment is from")
    text = _text(errors, summary, "summary", "Enter what the compliment said")
    errors.update(_team_errors(by, team))
    _raise(errors)
    assert received_on is not None
    compliment = Compliment.objects.create(
        authority_id=by.authority_id, received_on=received_on, service=service, team=team, from_who=from_who,
        summary=text, recorded_by=by, recorded_at=timezone.now(),
    )  # fmt: skip
    audit_record(action=AuditAction.CREATE, actor=by, obj=compliment, request=request,
                 summary=f"Recorded a compliment about {compliment.get_service_display()}")  # fmt: skip
    return compliment


def _child_of(complaint: Complaint) -> Any:
    """The child the complaint is about, for the audit entry (written inside a service, never shown)."""
    link = ComplaintChild.objects.filter(complaint=complaint).select_related("child").first()
    return link.child if link else None
