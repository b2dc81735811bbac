"""Chronology entries: one per person per event, written by the services that record the events."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.models import AuthorityOwned, PersonScope


class EntryKind(models.TextChoices):
    PERSON = "person", "Record"
    CONTACT = "contact", "Contact"
    DECISION = "decision", "Front door decision"
    REFERRAL = "referral", "Referral"
    CASE_NOTE = "case_note", "Case note"
    RELATIONSHIP = "relationship", "Family and relationships"
    PLAN = "plan", "Plan"
    MEETING = "meeting", "Meeting"
    TOOL = "tool", "Assessment tool"
    CARE = "care", "Looked after"
    MISSING = "missing", "Missing episode"
    SUPPORTING = "supporting", "Supporting Families"


class ChronologyEntry(AuthorityOwned):
    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="chronology")
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    # The record the entry came from ("frontdoor.contact", "42"): one event about several people shares it.
    source_type = models.CharField(max_length=60, blank=True)
    source_id = models.CharField(max_length=40, blank=True)
    significant = models.BooleanField(default=False)
    # Left out of the court-ready view by a practitioner curating the chronology; still in the full one.
    hidden = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["person", "-occurred_at"]),
            models.Index(fields=["source_type", "source_id"]),
        ]
