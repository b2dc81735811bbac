"""Complaints and compliments about children's services.

A complaint is the council's record of what someone complained about and how it was answered. It belongs to
the council (`AuthorityOwned`), not to a child: many complaints name no child at all, and a complaint stays
the complaints team's record whoever the child is. The child a complaint is about, when there is one, is a
separate row (`ComplaintChild`) that declares a `person_scope`, so that the access policy decides who may see
which child: a restricted child shows only their name, a sealed one does not show at all (ADR 5).

Stages and their due dates follow `hearth.complaints.procedures` (the timescales are in
`data/procedures.csv`). Only the services in `services.py` write these tables.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.models import AuthorityOwned, PersonScope


class ComplaintKind(models.TextChoices):
    STATUTORY = "statutory", "Statutory (children’s social care)"
    CORPORATE = "corporate", "Corporate"


class HowReceived(models.TextChoices):
    ONLINE = "online", "Online form"
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"


class Complainant(models.TextChoices):
    CHILD = "child", "The child or young person"
    PARENT = "parent", "A parent or carer"
    ADVOCATE = "advocate", "An advocate on the child’s behalf"
    OTHER = "other", "Someone else"


class ComplimentFrom(models.TextChoices):
    CHILD = "child", "A child or young person"
    PARENT = "parent", "A parent or carer"
    PROFESSIONAL = "professional", "A professional or partner agency"
    OTHER = "other", "Someone else"


class Service(models.TextChoices):
    """The services the annual report counts complaints and compliments by (seed 000, minute 16)."""

    FRONT_DOOR = "front_door", "Front door and assessment"
    SAFEGUARDING = "safeguarding", "Safeguarding and targeted services"
    CHILDREN_IN_CARE = "children_in_care", "Children in care and disability"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    FOSTERING_ADOPTION = "fostering_adoption", "Fostering and adoption"
    EARLY_HELP = "early_help", "Early help and family support"
    SEND = "send", "Special educational needs and disabilities (SEND)"


class Theme(models.TextChoices):
    """What a complaint was mainly about, and what its learning is about."""

    COMMUNICATION = "communication", "Communication"
    DELAY = "delay", "Delay in providing a service"
    DECISION = "decision", "Disagreement with a decision"
    QUALITY = "quality", "Quality of service"
    STAFF = "staff", "Staff conduct or attitude"
    RECORDS = "records", "Records and sharing information"
    MONEY = "money", "Money and financial support"
    POLICY = "policy", "Policy or procedure"


class Outcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    WITHDRAWN = "withdrawn", "Withdrawn"


class OmbudsmanDecision(models.TextChoices):
    UPHELD = "upheld", "Upheld: fault found"
    NOT_UPHELD = "not_upheld", "Not upheld: no fault found"
    CLOSED = "closed", "Closed after initial enquiries"
    PREMATURE = "premature", "Sent back to the council: the procedure was not finished"


class Complaint(AuthorityOwned):
    kind = models.CharField(max_length=12, choices=ComplaintKind.choices)
    received_on = models.DateField()
    how_received = models.CharField(max_length=12, choices=HowReceived.choices)
    complainant_name = models.CharField(max_length=150)
    complainant_is = models.CharField(max_length=12, choices=Complainant.choices)
    service = models.CharField(max_length=20, choices=Service.choices)
    team = models.ForeignKey(
        "organisation.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    subject = models.CharField("main area of complaint", max_length=20, choices=Theme.choices)
    summary = models.TextField()
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    # Kept by the services so that lists filter without reading the stages: the latest stage, when its next
    # step is due (none while no stage is open), and the day the last response closed the complaint.
    stage = models.PositiveSmallIntegerField(default=1)
    due_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["authority", "closed_on", "due_on"]),
            models.Index(fields=["authority", "received_on"]),
        ]

    def __str__(self) -> str:
        return f"Complaint {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class ComplaintChild(AuthorityOwned):
    """The child a complaint is about. Read only through `scoped()`, like every record about a person."""

    person_scope = PersonScope("child")

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="child_link")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="complaints")


class ComplaintStage(AuthorityOwned):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="stages")
    number = models.PositiveSmallIntegerField()
    started_on = models.DateField()
    first_due_on = models.DateField()  # the response's due date before any extension
    due_on = models.DateField()  # when the next step is due (the response's, with any extension)
    extended_to = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    panel_on = models.DateField(null=True, blank=True)  # stage 3: the review panel met
    findings_on = models.DateField(null=True, blank=True)  # stage 3: the panel sent its findings
    responded_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    response_summary = models.TextField(blank=True)
    in_time = models.BooleanField(null=True)  # set with the response; None for a withdrawn complaint

    class Meta:
        ordering = ["complaint", "number"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "number"], name="complaint_stage_once"),
        ]
        indexes = [
            models.Index(fields=["authority", "started_on"]),
            models.Index(fields=["authority", "responded_on"]),
        ]

    @property
    def is_open(self) -> bool:
        return self.responded_on is None


class LearningAction(AuthorityOwned):
    """What the council learned from a complaint and the action it agreed, with who owns it."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="actions")
    theme = models.CharField(max_length=20, choices=Theme.choices)
    learning = models.TextField()
    action = models.CharField(max_length=300)
    owner = models.CharField(max_length=150)  # a post, such as "Service manager, Aldermoor"
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["authority", "recorded_on"])]


class OmbudsmanReferral(AuthorityOwned):
    """The complainant took the complaint to the Local Government and Social Care Ombudsman."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="ombudsman")
    referred_on = models.DateField()  # the day the council heard of it
    decision = models.CharField(max_length=12, choices=OmbudsmanDecision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    remedy = models.TextField(blank=True)  # what the Ombudsman asked the council to do

    class Meta:
        indexes = [
            models.Index(fields=["authority", "referred_on"]),
            models.Index(fields=["authority", "decided_on"]),
        ]


class Compliment(AuthorityOwned):
    received_on = models.DateField()
    service = models.CharField(max_length=20, choices=Service.choices)
    team = models.ForeignKey(
        "organisation.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="compliments"
    )
    from_who = models.CharField(max_length=12, choices=ComplimentFrom.choices)
    summary = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["authority", "received_on"])]
