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
