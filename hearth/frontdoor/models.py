"""Contacts at the front door: who called, about whom, what worries them, and the decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.models import AuthorityOwned, PersonScope
from hearth.people import codes


class ContactStatus(models.TextChoices):
    DRAFT = "draft", "Being recorded"
    AWAITING_DECISION = "awaiting_decision", "Awaiting a decision"
    DECIDED = "decided", "Decided, awaiting sign-off"
    SIGNED_OFF = "signed_off", "Signed off"


class Consent(models.TextChoices):
    YES = "yes", "Yes, the family agreed to the information being shared"
    NO = "no", "No, the family did not agree"
    NOT_ASKED = "not_asked", "Not asked, because asking could put a child at risk"


class Rag(models.TextChoices):
    RED = "red", "Red: a child may be at risk of significant harm now"
    AMBER = "amber", "Amber: needs a decision today"
    GREEN = "green", "Green: no immediate risk"


class Threshold(models.TextChoices):
    UNIVERSAL = "1", "Level 1: universal services"
    EARLY_HELP = "2", "Level 2: early help or targeted support"
    COMPLEX = "3", "Level 3: complex needs or child in need"
    PROTECTION = "4", "Level 4: child protection or specialist"


class Outcome(models.TextChoices):
    ADVICE = "advice", "Information and advice"
    SIGNPOST = "signpost", "Signpost to another service"
    EARLY_HELP = "early_help", "Early help"
    REFERRAL = "referral", "Referral to children’s social care"
    STRATEGY = "strategy", "Strategy discussion"


class Contact(AuthorityOwned):
    status = models.CharField(max_length=20, choices=ContactStatus.choices, default=ContactStatus.DRAFT)
    received_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Who got in touch
    caller_name = models.CharField(max_length=150, blank=True)
    caller_relationship = models.CharField(max_length=150, blank=True)  # to the child: "Class teacher"
    caller_phone = models.CharField(max_length=40, blank=True)
    source = models.CharField(max_length=2, choices=codes.REFERRAL_SOURCE, blank=True)
    partner = models.ForeignKey(
        "frontdoor.Partner", null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    partner_reference = models.CharField(max_length=60, blank=True)
    # When a partner's contact named someone Hearth could not match for certain: what it found.
    match_note = models.TextField(blank=True)
    # What worries them
    worries = models.TextField(blank=True)
    consent = models.CharField(max_length=10, choices=Consent.choices, blank=True)
    # Triage and decision
    decision_due_at = models.DateTimeField(null=True, blank=True)
    rag = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    threshold = models.CharField(max_length=1, choices=Threshold.choices, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    manager_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["decision_due_at", "received_at"]
        indexes = [models.Index(fields=["authority", "status", "decision_due_at"])]


class SubjectRole(models.TextChoices):
    CHILD = "child", "Child the contact is about"
    FAMILY = "family", "Family member"


class ContactSubject(AuthorityOwned):
    person_scope = PersonScope("person")

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="subjects")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="contacts")
    role = models.CharField(max_length=10, choices=SubjectRole.choices, default=SubjectRole.CHILD)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contact", "person"], name="person_once_per_contact")]


class Partner(AuthorityOwned):
    """A partner organisation (police, a school, health) that sends contacts through the API."""

    name = models.CharField(max_length=150)
    source = models.CharField(max_length=2, choices=codes.REFERRAL_SOURCE)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerToken(AuthorityOwned):
    """A partner's API token. Only a hash is kept; the token is shown once, when it is made."""

    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, unique=True)  # the first characters, to find the hash
    hashed = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
