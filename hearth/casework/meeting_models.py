"""Plans, meetings and their actions, family group conferences and completed tools.

Imported by hearth.casework.models, so Django registers them with the casework app. A child protection
plan keeps its own model (ProtectionPlan: a conference decides it); child in need plans and early help
family plans share `Plan`, which a team manager approves.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hearth.core.models import AuthorityOwned, PersonScope


class PlanKind(models.TextChoices):
    CHILD_IN_NEED = "cin", "Child in need plan"
    FAMILY = "family", "Early help family plan"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for a manager"
    RETURNED = "returned", "Returned with comments"
    AGREED = "agreed", "Agreed"
    ENDED = "ended", "Ended"


class Plan(AuthorityOwned):
    """A child in need plan or an early help family plan: what needs to change, reviewed on a cycle."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="plans")
    involvement = models.ForeignKey("casework.Involvement", on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=10, choices=PlanKind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)
    needs = models.TextField(blank=True)  # what we are worried about; the child's and family's needs
    outcomes = models.TextField(blank=True)  # what needs to change, and how we will know
    next_review_due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    manager_comment = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)  # refuses a stale form

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"], condition=Q(ended_on__isnull=True), name="one_open_plan_per_kind"
            )
        ]


class MeetingKind(models.TextChoices):
    CONFERENCE = "conference", "Child protection conference"
    CORE_GROUP = "core_group", "Core group meeting"
    CIN_REVIEW = "cin_review", "Child in need review"
    FAMILY_REVIEW = "family_review", "Team around the family review"
    FGC = "fgc", "Family group conference"
    FGC_REVIEW = "fgc_review", "Family group conference review"
    MARAC = "marac", "MARAC (domestic abuse risk conference)"
    EXPLOITATION = "exploitation", "Exploitation panel"
    MISSING = "missing", "Missing from home or care: intervention meeting"


PANEL_KINDS = (MeetingKind.MARAC, MeetingKind.EXPLOITATION)


class Meeting(AuthorityOwned):
    """A meeting about a child: when it is due, when it is arranged (start and finish), who is invited,
    what it decided and the actions it set."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=15, choices=MeetingKind.choices)
    reason = models.CharField(max_length=300, blank=True)  # why it was called, e.g. the tool result
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings")
    protection_plan = models.ForeignKey(
        "casework.ProtectionPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    conference = models.OneToOneField(
        "casework.Conference", null=True, blank=True, on_delete=models.PROTECT, related_name="meeting"
    )
    fgc = models.ForeignKey(
        "casework.FamilyGroupConference", null=True, blank=True, on_delete=models.PROTECT,
        related_name="meetings",
    )  # fmt: skip
    due_on = models.DateField(null=True, blank=True)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    held_on = models.DateField(null=True, blank=True)
    decisions = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "starts_at"]
        indexes = [models.Index(fields=["person", "held_on"]), models.Index(fields=["kind", "held_on"])]


class MeetingAttendee(AuthorityOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120)  # their role or agency, e.g. "Mother", "School", "Police"
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attended = models.BooleanField(null=True)

    class Meta:
        ordering = ["pk"]


class CaseAction(AuthorityOwned):
    """Who will do what by when: set at a meeting or written into a plan."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="case_actions")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.PROTECT, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="case_actions"
    )
    owner_name = models.CharField(max_length=120, blank=True)  # a parent or partner, when not staff
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_on", "due_on"])]


class FgcOutcome(models.TextChoices):
    PLAN_AGREED = "plan_agreed", "The family made a plan that was agreed"
    PLAN_NOT_AGREED = "plan_not_agreed", "The family made a plan that was not agreed"
    NO_PLAN = "no_plan", "The family did not make a plan"
    DECLINED = "declined", "The family declined a conference"


class FamilyGroupConference(AuthorityOwned):
    """A family group conference: requested at any level of need; a coordinator helps the family meet and
    make their own plan, which is then reviewed."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="family_conferences")
    requested_on = models.DateField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=40)  # the level of need when requested, e.g. "Early help"
    reason = models.TextField()
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="fgcs"
    )
    family_plan = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=FgcOutcome.choices, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_on"]


class ToolResponse(AuthorityOwned):
    """A completed structured tool: the definition key and version it used, the answers and the score."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="tool_responses")
    key = models.CharField(max_length=40)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    answers = models.JSONField()
    professional_judgement = models.BooleanField(default=False)
    level = models.CharField(max_length=20)
    score = models.IntegerField(null=True)
    summary = models.CharField(max_length=500)
    details = models.JSONField(default=dict)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    completed_at = models.DateTimeField()

    class Meta:
        ordering = ["-completed_at"]
