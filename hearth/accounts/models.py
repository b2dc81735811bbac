"""Staff users. Every user belongs to one authority and (usually) one team."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from hearth.accounts.roles import PractitionerKind, Role


class User(AbstractUser):
    # Null only for platform operators created with createsuperuser, who see no records at all.
    authority = models.ForeignKey(
        "organisation.Authority", on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )
    team = models.ForeignKey(
        "organisation.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.PRACTITIONER)
    practitioner_kind = models.CharField(max_length=30, choices=PractitionerKind.choices, blank=True)
    job_title = models.CharField(max_length=120, blank=True)
    # Social Work England registration number, as the SSDA903 names social workers (SW_ID), e.g. SW12345.
    registration_number = models.CharField(max_length=20, blank=True)
    phone = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["authority", "role"]), models.Index(fields=["authority", "team"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def district_id(self) -> int | None:
        return self.team.district_id if self.team_id and self.team else None

    @property
    def role_label(self) -> str:
        if self.role == Role.PRACTITIONER and self.practitioner_kind:
            return PractitionerKind(self.practitioner_kind).label
        return Role(self.role).label if self.role in Role.values else self.role
