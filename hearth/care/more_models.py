"""Missing episodes, placement requests, permanence and adoption, care leavers.

Imported by hearth.care.models, so Django registers them with the care app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hearth.care import codes
from hearth.core.models import AuthorityOwned, PersonScope


class Responsible(models.TextChoices):
    """Whose child was missing: reports separate our own children from those we host (seed 001)."""

    OURS_IN_CARE = "ours", "Looked after by us"
    HOSTED = "hosted", "Looked after by another council"
    AT_HOME = "home", "Not looked after"


class InterviewOutcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted and held"
    DECLINED = "declined", "The child declined"
    HOME_AUTHORITY = "home_authority", "The child’s own council held it"
    NOT_OFFERED = "not_offered", "Not offered"


class MissingEpisode(AuthorityOwned):
    """A child missing, or away from their placement without permission, and their return home interview."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="missing_episodes")
    kind = models.CharField(max_length=1, choices=codes.MISSING_KIND)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)  # when they were found or came back
    responsible = models.CharField(max_length=6, choices=Responsible.choices)
    home_authority = models.CharField(max_length=100, blank=True)  # for a hosted child
    where_found = models.CharField(max_length=200, blank=True)
    police_reference = models.CharField(max_length=30, blank=True)
    # The return home interview: offered within 72 hours of the child's return.
    interview_offered_at = models.DateTimeField(null=True, blank=True)
    interview_outcome = models.CharField(max_length=15, choices=InterviewOutcome.choices, blank=True)
    interview_on = models.DateField(null=True, blank=True)
    interview_notes = models.TextField(blank=True)
    # 3, 5 or 9 when this episode took the child to that many missing episodes in 90 days.
    escalation = models.PositiveSmallIntegerField(default=0)
    intervention = models.ForeignKey(
        "casework.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["person", "started_at"]), models.Index(fields=["started_at"])]


class RequestStatus(models.TextChoices):
    OPEN = "open", "Looking for a placement"
    PLACED = "placed", "Placed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class PlacementRequest(AuthorityOwned):
    """A request for a placement: the child's needs, the search, and what was chosen and why."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="placement_requests")
    requested_on = models.DateField()
    needed_by = models.DateField()
    needs = models.JSONField(default=list)  # keys of placement_finding.NEEDS
    description = models.TextField()
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    chosen = models.ForeignKey(
        "care.Provider", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chosen_weekly = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    cheapest_weekly = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    costlier_reason = models.TextField(blank=True)  # why a placement dearer than the cheapest match
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["needed_by"]


class PermanenceKind(models.TextChoices):
    RETURN_HOME = "return_home", "Return home to parents"
    SGO = "sgo", "Special guardianship order"
    CAO = "cao", "Child arrangements order"
    ADOPTION = "adoption", "Adoption"
    LONG_TERM_FOSTERING = "long_term_fostering", "Long-term fostering"
    INDEPENDENCE = "independence", "Supported move to independence"


# The reasons for leaving care that achieve each permanence plan.
ACHIEVED_BY: dict[str, set[str]] = {
    PermanenceKind.RETURN_HOME: {"E4A"},
    PermanenceKind.SGO: set(codes.SPECIAL_GUARDIANSHIP),
    PermanenceKind.CAO: {"E41"},
    PermanenceKind.ADOPTION: set(codes.ADOPTED),
    PermanenceKind.INDEPENDENCE: {"E5", "E6", "E17"},
}


class PermanencePlan(AuthorityOwned):
    """The plan for where a looked-after child will grow up, agreed at a review."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="permanence_plans")
    period = models.ForeignKey("care.PeriodOfCare", on_delete=models.PROTECT, related_name="permanence_plans")
    kind = models.CharField(max_length=20, choices=PermanenceKind.choices)
    agreed_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    achieved = models.BooleanField(null=True)  # True when the child left care the way the plan meant
    end_reason = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-agreed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(ended_on__isnull=True), name="one_open_permanence_plan"
            )
        ]


class AdopterStage(models.TextChoices):
    ENQUIRY = "enquiry", "Enquiry"
    STAGE_ONE = "stage_one", "Stage 1: registration and checks"
    STAGE_TWO = "stage_two", "Stage 2: assessment"
    APPROVED = "approved", "Approved, waiting for a match"
    MATCHED = "matched", "Matched with a child"
    PLACED = "placed", "Child placed"
    ADOPTED = "adopted", "Adoption order made"
    WITHDRAWN = "withdrawn", "Withdrawn"


ADOPTER_STAGES: list[str] = [s.value for s in AdopterStage if s != AdopterStage.WITHDRAWN]


class ProspectiveAdopter(AuthorityOwned):
    """A household approved, or being assessed, to adopt, through the regional adoption agency."""

    name = models.CharField(max_length=150)  # the household, e.g. "Mr and Mrs Kaur"
    agency = models.CharField(max_length=150)
    stage = models.CharField(max_length=10, choices=AdopterStage.choices, default=AdopterStage.ENQUIRY)
    stage_dates = models.JSONField(default=dict)  # stage -> ISO date it was reached
    number = models.PositiveSmallIntegerField(default=2)  # AD1 NB_ADOPTR: 1 or 2
    sex = models.CharField(max_length=2, blank=True)  # AD1 SEX_ADOPTR: M1, F1, MM, FF, MF
    legal_status = models.CharField(max_length=3, blank=True)  # AD1 LS_ADOPTR: L0, L11, L12, L2, L3, L4
    district = models.ForeignKey(
        "organisation.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AdoptionJourney(AuthorityOwned):
    """A looked-after child's steps to adoption (SSDA903 PlacedAdoption and AD1)."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="adoption_journeys")
    period = models.ForeignKey(
        "care.PeriodOfCare", on_delete=models.PROTECT, related_name="adoption_journeys"
    )
    should_be_placed_on = models.DateField()  # the decision that the child should be placed for adoption
    placement_order_on = models.DateField(null=True, blank=True)
    matched_on = models.DateField(null=True, blank=True)
    adopter = models.ForeignKey(
        ProspectiveAdopter, null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    placed_on = models.DateField(null=True, blank=True)
    adoption_order_on = models.DateField(null=True, blank=True)
    ceased_on = models.DateField(null=True, blank=True)  # the plan for adoption stopped
    ceased_reason = models.CharField(max_length=3, choices=codes.REASON_PLACED_CEASED, blank=True)

    class Meta:
        ordering = ["-should_be_placed_on"]


class LeaverCategory(models.TextChoices):
    ELIGIBLE = "eligible", "Eligible (16 or 17, still looked after)"
    RELEVANT = "relevant", "Relevant (16 or 17, left care)"
    FORMER_RELEVANT = "former_relevant", "Former relevant (18 to 25)"
    QUALIFYING = "qualifying", "Qualifying (looked after for less than 13 weeks from 14)"


class CareLeaver(AuthorityOwned):
    """A young person the council supports as a care leaver, with their personal adviser and pathway plan."""

    person_scope = PersonScope("person")

    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="care_leaver")
    category = models.CharField(max_length=16, choices=LeaverCategory.choices)
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="care_leavers"
    )
    pathway_plan_on = models.DateField(null=True, blank=True)
    pathway_review_due_on = models.DateField(null=True, blank=True)
    staying_put = models.BooleanField(default=False)  # living on with their former foster carers after 18
    ended_on = models.DateField(null=True, blank=True)  # support ended (at 25, or earlier by choice)


class LeaverContact(AuthorityOwned):
    """Keeping in touch: what the personal adviser learned (SSDA903 OC3 codes)."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="leaver_contacts")
    contacted_on = models.DateField()
    in_touch = models.CharField(max_length=4, choices=codes.IN_TOUCH)
    activity = models.CharField(max_length=2, choices=codes.ACTIVITY, blank=True)
    accommodation = models.CharField(max_length=2, choices=codes.ACCOMMODATION, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-contacted_on"]
