"""Missing and absent episodes, for any child, with the return home interview and the escalation rules of
seed 001: an intervention meeting when a child reaches 3, 5 and 9 missing episodes in 90 days.

Only "missing" episodes count towards the thresholds; "away from placement without permission" is recorded
and reported but does not escalate. A threshold escalates once in any 90 days: a fourth episode after a
meeting at three does not call another, a fifth does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.care.models import HostedChild, InterviewOutcome, MissingEpisode, PeriodOfCare, Responsible
from hearth.care.timescales import MISSING_THRESHOLDS, MISSING_WINDOW, interview_due, missing_meeting_due
from hearth.casework.models import Meeting, MeetingKind
from hearth.casework.services import casework_event
from hearth.chronology.models import EntryKind
from hearth.core.jinja import govuk_date, govuk_time


def responsible_for(person: Any, at: datetime) -> tuple[str, str]:
    """Whose child they were at `at`: ours in care, another council's (and which), or living at home."""
    day = timezone.localdate(at)
    in_care = PeriodOfCare.objects.filter(person=person, started_on__lte=day).exclude(ended_on__lt=day)
    if in_care.exists():
        return Responsible.OURS_IN_CARE, ""
    hosted = HostedChild.objects.filter(person=person, started_on__lte=day).exclude(ended_on__lt=day).first()
    if hosted is not None:
        return Responsible.HOSTED, hosted.home_authority
    return Responsible.AT_HOME, ""


def missing_count(person: Any, at: datetime) -> int:
    """Missing episodes that started in the 90 days up to and including `at`."""
    return MissingEpisode.objects.filter(
        person=person, kind="M", started_at__gt=at - MISSING_WINDOW, started_at__lte=at
    ).count()


def escalation_for(person: Any, at: datetime) -> int:
    """The threshold (3, 5 or 9) an episode starting at `at` newly reaches, or 0."""
    count = missing_count(person, at)
    reached = max((t for t in MISSING_THRESHOLDS if count >= t), default=0)
    if not reached:
        return 0
    already = MissingEpisode.objects.filter(
        person=person, escalation__gte=reached, started_at__gt=at - MISSING_WINDOW, started_at__lt=at
    ).exists()
    return 0 if already else reached


def _check_times(started_at: datetime | None, ended_at: datetime | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    now = timezone.now()
    if started_at is None:
        errors["started"] = ["Enter the date and time the child went missing"]
    elif started_at > now:
        errors["started"] = ["The time the child went missing must be in the past"]
    if ended_at is not None and ended_at > now:
        errors["ended"] = ["The time the child came back must be in the past"]
    elif ended_at is not None and started_at is not None and ended_at < started_at:
        errors["ended"] = ["The child cannot come back before they went missing"]
    return errors


@transaction.atomic
def missing_record(*, by: Any, person: Any, kind: str, started_at: datetime | None, ended_at: datetime | None = None,
                   where_found: str = "", police_reference: str = "", request: Any = None) -> MissingEpisode:  # fmt: skip
    errors = _check_times(started_at, ended_at)
    if kind not in {"M", "A"}:
        errors["kind"] = ["Select whether the child was missing or away without permission"]
    if errors:
        raise ValidationError(errors)
    assert started_at is not None
    overlapping = MissingEpisode.objects.select_for_update().filter(
        person=person, started_at__lte=ended_at or timezone.now()
    )
    overlapping = overlapping.exclude(ended_at__lt=started_at)
    if overlapping.exists():
        clash = overlapping.first()
        assert clash is not None
        raise ValidationError({"started": [f"This child already has a missing episode from "
                                           f"{govuk_date(clash.started_at)} at {govuk_time(clash.started_at)}: "
                                           "record when they came back on that one"]})  # fmt: skip
    responsible, home = responsible_for(person, started_at)
    episode = MissingEpisode.objects.create(
        authority_id=person.authority_id, person=person, kind=kind, started_at=started_at, ended_at=ended_at,
        responsible=responsible, home_authority=home, where_found=where_found.strip(),
        police_reference=police_reference.strip(), recorded_by=by,
    )  # fmt: skip
    what = "Missing" if kind == "M" else "Away from placement without permission"
    title = f"{what} from {govuk_date(started_at)} at {govuk_time(started_at)}"
    if ended_at:
        title += f"; back {govuk_date(ended_at)} at {govuk_time(ended_at)}"
    if kind == "M":
        episode.escalation = escalation_for(person, started_at)
        if episode.escalation:
            episode.intervention = Meeting.objects.create(
                authority_id=person.authority_id, person=person, kind=MeetingKind.MISSING,
                reason=f"{episode.escalation} missing episodes in 90 days",
                due_on=missing_meeting_due(timezone.localdate()),
            )  # fmt: skip
            episode.save(update_fields=["escalation", "intervention"])
            title += f". {missing_count(person, started_at)} missing episodes in 90 days: intervention meeting due " \
                     f"{govuk_date(episode.intervention.due_on)}"  # fmt: skip
    casework_event(by=by, person=person, source=episode, kind=EntryKind.MISSING, title=title, request=request,
                   significant=bool(episode.escalation))  # fmt: skip
    return episode


@transaction.atomic
def missing_return(*, by: Any, episode: MissingEpisode, ended_at: datetime | None, where_found: str = "",
                   request: Any = None) -> MissingEpisode:  # fmt: skip
    episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    if episode.ended_at is not None:
        raise ValidationError("This child’s return is already recorded")
    errors = _check_times(episode.started_at, ended_at)
    if ended_at is None:
        errors["ended"] = ["Enter the date and time the child came back"]
    if errors:
        raise ValidationError(errors)
    assert ended_at is not None
    episode.ended_at, episode.where_found = ended_at, where_found.strip() or episode.where_found
    episode.save(update_fields=["ended_at", "where_found"])
    casework_event(by=by, person=episode.person, source=episode, kind=EntryKind.MISSING, request=request,
                   title=f"Back from missing {govuk_date(ended_at)} at {govuk_time(ended_at)}; return home "
                         f"interview to offer by {govuk_date(interview_due(ended_at))}")  # fmt: skip
    return episode


@transaction.atomic
def interview_record(*, by: Any, episode: MissingEpisode, offered_at: datetime | None, outcome: str,
                     held_on: Any = None, notes: str = "", request: Any = None) -> MissingEpisode:  # fmt: skip
    """The return home interview: when it was offered, and whether it was accepted and held."""
    episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    errors: dict[str, list[str]] = {}
    if episode.ended_at is None:
        raise ValidationError("Record when the child came back before the return home interview")
    if episode.interview_outcome:
        raise ValidationError("The return home interview for this episode is already recorded")
    if outcome not in InterviewOutcome.values:
        errors["outcome"] = ["Select what happened to the offer"]
    if outcome != InterviewOutcome.NOT_OFFERED:
        if offered_at is None:
            errors["offered"] = ["Enter when the interview was offered"]
        elif offered_at < episode.ended_at:
            errors["offered"] = ["The interview is offered after the child came back"]
        elif offered_at > timezone.now():
            errors["offered"] = ["The time it was offered must be in the past"]
    if outcome == InterviewOutcome.ACCEPTED:
        if held_on is None:
            errors["held_on"] = ["Enter the date the interview was held"]
        elif offered_at is not None and held_on < timezone.localdate(offered_at):
            errors["held_on"] = ["The interview is held on or after the day it was offered"]
        elif held_on > timezone.localdate():
            errors["held_on"] = ["The date the interview was held must be today or in the past"]
    if errors:
        raise ValidationError(errors)
    episode.interview_offered_at = None if outcome == InterviewOutcome.NOT_OFFERED else offered_at
    episode.interview_outcome = outcome
    episode.interview_on = held_on if outcome == InterviewOutcome.ACCEPTED else None
    episode.interview_notes = notes.strip()
    episode.save(
        update_fields=["interview_offered_at", "interview_outcome", "interview_on", "interview_notes"]
    )
    late = ""
    if episode.interview_offered_at and episode.interview_offered_at > interview_due(episode.ended_at):
        late = " (offered after 72 hours)"
    casework_event(by=by, person=episode.person, source=episode, kind=EntryKind.MISSING, request=request,
                   title=f"Return home interview: {InterviewOutcome(outcome).label.lower()}{late}")  # fmt: skip
    return episode


def interview_in_time(episode: MissingEpisode) -> bool | None:
    """Was the interview offered within 72 hours of the return? None while it cannot yet be said."""
    if episode.ended_at is None:
        return None
    if episode.interview_offered_at is None:
        return (
            False if timezone.now() > interview_due(episode.ended_at) or episode.interview_outcome else None
        )
    return episode.interview_offered_at <= interview_due(episode.ended_at)


@transaction.atomic
def hosted_record(*, by: Any, person: Any, home_authority: str, home_authority_code: str = "", started_on: Any,
                  provider: Any = None, request: Any = None) -> HostedChild:  # fmt: skip
    """A child another council looks after comes to live in our area."""
    errors: dict[str, list[str]] = {}
    if not home_authority.strip():
        errors["home_authority"] = ["Enter the council that looks after the child"]
    if home_authority_code and not (home_authority_code.isdigit() and len(home_authority_code) == 3):
        errors["home_authority_code"] = ["The council’s code is 3 digits, for example 861"]
    if started_on is None:
        errors["started_on"] = ["Enter the date the child came to live here"]
    elif started_on > timezone.localdate():
        errors["started_on"] = ["The date must be today or in the past"]
    if HostedChild.objects.filter(person=person, ended_on__isnull=True).exists():
        errors["home_authority"] = ["This child is already recorded as placed here by another council"]
    if PeriodOfCare.objects.filter(person=person, ended_on__isnull=True).exists():
        errors["home_authority"] = ["This child is looked after by us"]
    if errors:
        raise ValidationError(errors)
    hosted = HostedChild.objects.create(authority_id=person.authority_id, person=person,
                                        home_authority=home_authority.strip(), home_authority_code=home_authority_code,
                                        provider=provider, started_on=started_on)  # fmt: skip
    casework_event(by=by, person=person, source=hosted, kind=EntryKind.CARE, request=request,
                   title=f"Placed in our area by {hosted.home_authority}, which looks after them")  # fmt: skip
    return hosted
