"""Involvements and referrals. The front door opens them; issue 4's casework (assessments, plans,
conferences, step-up and step-down) builds on the same records."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.models import AuthorityOwned, PersonScope
from hearth.people import codes


class InvolvementKind(models.TextChoices):
    EARLY_HELP = "early_help", "Early help"
    SOCIAL_CARE = "social_care", "Children’s social care"
    CHILD_PROTECTION = "child_protection", "Child protection"


class Involvement(AuthorityOwned):
    """A period in which a service works with a child."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="involvements")
    kind = models.CharField(max_length=20, choices=InvolvementKind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    referral = models.OneToOneField(
        "Referral", null=True, blank=True, on_delete=models.PROTECT, related_name="involvement"
    )
    closure_reason = models.CharField(max_length=3, choices=codes.CIN_CLOSURE_REASON, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on"]
        indexes = [models.Index(fields=["person", "ended_on"])]


class Referral(AuthorityOwned):
    """A referral to children's social care (CIN census: the referral date and source)."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    referred_on = models.DateField()
    source = models.CharField(max_length=2, choices=codes.REFERRAL_SOURCE)
    contact = models.ForeignKey(
        "frontdoor.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    strategy_discussion = models.BooleanField(default=False)
    # A referral within 12 months of a previous one (CIN census "re-referral").
    is_re_referral = models.BooleanField(default=False)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-referred_on"]
        indexes = [models.Index(fields=["person", "referred_on"])]


class NoteStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    RECORDED = "recorded", "Recorded"


class CaseNote(AuthorityOwned):
    """A case note, recorded once against everyone it is about. Edits keep every earlier version."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_notes")
    status = models.CharField(max_length=10, choices=NoteStatus.choices, default=NoteStatus.DRAFT)
    occurred_at = models.DateTimeField(null=True, blank=True)  # when what the note describes happened
    title = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    significant = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=0)  # 0 while a draft; each recorded edit adds one
    created_at = models.DateTimeField(auto_now_add=True)
    saved_at = models.DateTimeField(auto_now=True)
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]


class CaseNoteSubject(AuthorityOwned):
    person_scope = PersonScope("person")

    note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="subjects")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_notes")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["note", "person"], name="person_once_per_note")]


class CaseNoteVersion(AuthorityOwned):
    """What a recorded note said at each version, and who wrote it."""

    note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    occurred_at = models.DateTimeField()
    title = models.CharField(max_length=200)
    text = models.TextField()
    significant = models.BooleanField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["note", "version"], name="case_note_version_once")]


class OversightNote(AuthorityOwned):
    """A manager's oversight of a case note: what they read, what they want done."""

    note = models.ForeignKey(CaseNote, on_delete=models.CASCADE, related_name="oversight")
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Waiting for a manager"
    RETURNED = "returned", "Returned with comments"
    APPROVED = "approved", "Completed"


class AssessmentOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    EARLY_HELP = "early_help", "Step down to early help"
    CHILD_IN_NEED = "cin", "Child in need plan"
    STRATEGY = "strategy", "Strategy discussion (possible section 47 enquiry)"


class Assessment(AuthorityOwned):
    """The single (continuous) assessment that follows a referral, due in 45 working days."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="assessments")
    referral = models.OneToOneField(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="assessment"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="assessments"
    )
    started_on = models.DateField()
    due_on = models.DateField()
    child_seen_on = models.DateField(null=True, blank=True)
    child_seen_alone = models.BooleanField(default=False)
    factors = models.JSONField(default=list, blank=True)  # CIN census assessment factor codes
    primary_need = models.CharField(max_length=2, choices=codes.PRIMARY_NEED, blank=True)
    outcome = models.CharField(max_length=12, choices=AssessmentOutcome.choices, blank=True)
    summary = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    manager_comment = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1
    )  # refuses a stale form: two people cannot overwrite each other

    class Meta:
        ordering = ["due_on"]
        indexes = [
            models.Index(fields=["worker", "status", "due_on"]),
            models.Index(fields=["person", "started_on"]),
        ]


class StrategyDiscussion(AuthorityOwned):
    """Police, health and children's social care decide whether to start a section 47 enquiry."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="strategy_discussions")
    held_on = models.DateField()
    section_47 = models.BooleanField()
    attendees = models.CharField(max_length=300)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")


class ConferenceKind(models.TextChoices):
    INITIAL = "initial", "Initial child protection conference"
    REVIEW = "review", "Review child protection conference"


class AbuseCategory(models.TextChoices):
    NEGLECT = "NEG", "Neglect"
    PHYSICAL = "PHY", "Physical abuse"
    SEXUAL = "SAB", "Sexual abuse"
    EMOTIONAL = "EMO", "Emotional abuse"
    MULTIPLE = "MUL", "Multiple categories"


class Conference(AuthorityOwned):
    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="conferences")
    kind = models.CharField(max_length=10, choices=ConferenceKind.choices)
    strategy_discussion = models.ForeignKey(
        StrategyDiscussion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(
        "ProtectionPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    due_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    plan_needed = models.BooleanField(null=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on"]


class ProtectionPlan(AuthorityOwned):
    """A child protection plan, with the dates its statutory steps are due."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="protection_plans")
    category = models.CharField(max_length=3, choices=AbuseCategory.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    core_group_due_on = models.DateField()
    next_review_due_on = models.DateField()
    next_visit_due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]


class StatutoryVisit(AuthorityOwned):
    """A statutory visit to a child on a plan: seen, seen alone, and when the next one is due."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="statutory_visits")
    plan = models.ForeignKey(
        ProtectionPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField()
    child_seen = models.BooleanField()
    seen_alone = models.BooleanField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-visited_on"]


# Plans, meetings, actions, family group conferences and completed tools live in their own module.
from hearth.casework.meeting_models import (  # noqa: E402, F401
    PANEL_KINDS,
    CaseAction,
    FamilyGroupConference,
    FgcOutcome,
    Meeting,
    MeetingAttendee,
    MeetingKind,
    Plan,
    PlanKind,
    PlanStatus,
    ToolResponse,
)
