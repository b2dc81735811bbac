"""Supporting Families (the council's "Building Resilient Families and Communities", BRFC; formerly
Troubled Families): families attached to the programme, the headline criteria they meet, their outcome plan,
the programme's payment-by-results claims, the attachment target and the districts' investment plans.

Seed 000 (the BRFC performance report, October 2019) counts families attached by district and by criterion,
successful closures split into significant and sustained progress (SSP) and continuous employment (CE), the
conversion rate against the attachment target, and recidivism. Its key worker stays with the whole family
(seed 000, paragraphs 58 and 59), so an attachment is a family with one key worker, not a child.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hearth.core.models import AuthorityOwned, PersonScope


class Criterion(models.TextChoices):
    """The programme's six headline criteria, in the order of the seed's "Presenting needs" table."""

    CHILDREN_IN_NEED = "children_in_need", "Children in need of help"
    CRIME = "crime", "Crime or anti-social behaviour"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    WORKLESSNESS = "worklessness", "Worklessness or financial exclusion"
    SCHOOL = "school", "School attendance"
    HEALTH = "health", "Health"


class ClosureReason(models.TextChoices):
    SUCCESSFUL = "successful", "Successful: a claim was made"  # set by a claim, never chosen by hand
    STEPPED_UP = "stepped_up", "Stepped up to children’s social care"
    MOVED_AWAY = "moved_away", "Moved out of the area"
    DISENGAGED = "disengaged", "The family stopped working with us"
    OTHER = "other", "Another reason"


class Attachment(AuthorityOwned):
    """A family taken on by the programme: a lead person (usually the main carer) and their family
    members, attached on a date, with a key worker who stays with the whole family."""

    person_scope = PersonScope("lead")

    lead = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="sf_attachments")
    household = models.ForeignKey(
        "people.Household", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Where the family lived when attached (the household's district, else the lead's): the figures' district.
    district = models.ForeignKey("organisation.District", on_delete=models.PROTECT, related_name="+")
    attached_on = models.DateField()
    # The programme year (1 April to 31 March) the family was attached in, named by the year it ends, as
    # hearth.returns.years.CollectionYear names years: 2026 is 2025/26.
    programme_year = models.PositiveSmallIntegerField()
    attached_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    key_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="sf_families"
    )
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=12, choices=ClosureReason.choices, blank=True)
    closure_note = models.CharField(max_length=300, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-attached_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["lead"], condition=Q(closed_on__isnull=True), name="sf_one_open_attachment_per_lead"
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "attached_on"]),
            models.Index(fields=["authority", "district", "attached_on"]),
        ]

    def __str__(self) -> str:
        return f"Supporting Families: {self.lead}"


class AttachmentMember(AuthorityOwned):
    """A person in an attached family (the lead is one too)."""

    person_scope = PersonScope("person")

    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="sf_memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attachment", "person"], name="sf_person_once_per_family")
        ]


class AttachmentCriterion(AuthorityOwned):
    """A headline criterion the family meets, and what shows it."""

    person_scope = PersonScope("attachment__lead")

    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="criteria")
    criterion = models.CharField(max_length=20, choices=Criterion.choices)
    note = models.CharField(max_length=300, blank=True)
    recorded_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["attachment", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["attachment", "criterion"], name="sf_criterion_once_per_family")
        ]


class Outcome(AuthorityOwned):
    """One outcome of the family's plan: what should change for a criterion the family meets, how it is
    measured, and the target that counts as significant and sustained progress."""

    person_scope = PersonScope("attachment__lead")

    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="outcomes")
    criterion = models.CharField(max_length=20, choices=Criterion.choices)
    description = models.CharField(max_length=300)  # "Every child goes to school every day"
    measure = models.CharField(max_length=300)  # "School attendance over a term"
    target = models.CharField(max_length=300)  # "At least 90% for 3 terms in a row"
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["attachment", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["attachment", "criterion"], name="sf_outcome_once_per_criterion")
        ]


class ClaimKind(models.TextChoices):
    SSP = "ssp", "Significant and sustained progress (SSP)"
    CE = "ce", "Continuous employment (CE)"


class ClaimStatus(models.TextChoices):
    MADE = "made", "Claimed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REJECTED = "rejected", "Rejected"


class Claim(AuthorityOwned):
    """A payment-by-results claim that the family made significant and sustained progress, or that an
    adult in it moved into continuous employment: a successful closure while it stands."""

    person_scope = PersonScope("attachment__lead")

    attachment = models.ForeignKey(Attachment, on_delete=models.PROTECT, related_name="claims")
    kind = models.CharField(max_length=3, choices=ClaimKind.choices)
    claimed_on = models.DateField()
    # The programme year the claim falls in (CollectionYear's end year). A family has one claim a period.
    period = models.PositiveSmallIntegerField()
    evidence = models.TextField()
    # SSP: the outcomes of the family's plan the claim evidences (every one of them).
    outcomes = models.ManyToManyField(Outcome, blank=True, related_name="claims")
    # CE: the adult who moved into work, and since when.
    employed_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    employed_from = models.DateField(null=True, blank=True)
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.MADE)
    status_on = models.DateField(null=True, blank=True)  # the day it was withdrawn or rejected
    status_reason = models.CharField(max_length=300, blank=True)
    status_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-claimed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["attachment"], condition=Q(status="made"), name="sf_one_standing_claim_per_family"
            ),
        ]
        indexes = [models.Index(fields=["authority", "claimed_on"])]


class AttachmentTarget(AuthorityOwned):
    """How many families the council aims to attach in a programme year (seed 000: 4,680 in all)."""

    year = models.PositiveSmallIntegerField()  # CollectionYear's end year: 2026 is 2025/26
    families = models.PositiveIntegerField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "year"], name="sf_one_target_per_year"),
        ]


class InvestmentPlan(AuthorityOwned):
    """A district's investment plan for a programme year: the money devolved to it ("earned autonomy",
    seed 000, Fig. 5) and the priorities it buys, one to a line."""

    district = models.ForeignKey("organisation.District", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    amount = models.PositiveIntegerField()  # whole pounds
    priorities = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "district__name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "year"], name="sf_one_plan_per_district_and_year"),
        ]

    @property
    def priority_list(self) -> list[str]:
        return [line.strip() for line in self.priorities.splitlines() if line.strip()]
