"""People and who is allocated to them.

This is the foundation's person record: enough to scope, audit and show a person. Issue 3 adds
identifiers, addresses, relationships, households and duplicate detection to the same model.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.models import AuthorityOwned, PersonScope, Timestamped


class AccessLevel(models.TextChoices):
    OPEN = "open", "Open"
    # Others who would otherwise see the record see only the name.
    RESTRICTED = "restricted", "Restricted"
    # Others do not see the record at all (for example adoption records, staff's relatives).
    SEALED = "sealed", "Sealed"


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    UNKNOWN = "U", "Not known"


class Person(AuthorityOwned, Timestamped):
    person_scope = PersonScope("")

    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    # The district responsible for the person's case: the default reach of district staff.
    district = models.ForeignKey(
        "organisation.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    access_level = models.CharField(max_length=10, choices=AccessLevel.choices, default=AccessLevel.OPEN)

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [
            models.Index(fields=["authority", "district"]),
            models.Index(fields=["authority", "family_name", "given_name"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Allocation(AuthorityOwned):
    """A worker (and their team) allocated to a person. Casework services open and end these."""

    person_scope = PersonScope("person")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="allocations"
    )
    team = models.ForeignKey("organisation.Team", on_delete=models.PROTECT, related_name="allocations")
    role = models.CharField(max_length=60, default="Allocated worker")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]
        indexes = [
            models.Index(fields=["person", "ended_on"]),
            models.Index(fields=["worker", "ended_on"]),
            models.Index(fields=["team", "ended_on"]),
        ]


class PersonAccessGrant(AuthorityOwned):
    """Names a user who may see a restricted or sealed record in full."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="access_grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_grants")
    reason = models.CharField(max_length=300)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "user", "revoked_at"])]
