"""Children looked after: providers and their rates, periods of care made of SSDA903 episodes, placements,
reviews, health and education, children hosted for other councils.

An episode is the SSDA903 unit: one legal status in one placement. A placement is one carer or provider
and one placement type, from its start to its end; it may span several episodes when only the legal status
changes. Missing episodes, permanence and care leavers live in `more_models.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hearth.care import codes
from hearth.core.models import AuthorityOwned, PersonScope


class ProviderKind(models.TextChoices):
    IN_HOUSE_FOSTER = "in_house_foster", "Our foster carers"
    CONNECTED = "connected", "Connected carers (family and friends)"
    IFA = "ifa", "Independent fostering agency"
    CHILDRENS_HOME = "childrens_home", "Children’s home"
    SUPPORTED = "supported", "Supported accommodation"
    PARENT = "parent", "Parents or people with parental responsibility"
    ADOPTER = "adopter", "Adopters"
    RESIDENTIAL_SCHOOL = "residential_school", "Residential school"
    PARENT_AND_CHILD = "parent_and_child", "Mother and baby unit"
    SECURE = "secure", "Secure children’s home"
    OTHER = "other", "Other provider"


# What placement finding offers first: our own carers, then everyone else.
IN_HOUSE_KINDS = (ProviderKind.IN_HOUSE_FOSTER, ProviderKind.CONNECTED)


class Provider(AuthorityOwned):
    """A carer or provider the council places children with: a foster household, an agency, a home."""

    kind = models.CharField(max_length=20, choices=ProviderKind.choices)
    name = models.CharField(max_length=150)
    place_provider = models.CharField(max_length=3, choices=codes.PLACE_PROVIDER, blank=True)
    ofsted_urn = models.CharField(max_length=8, blank=True)  # SC123456; "XXXXXXX" for some foster carers
    postcode = models.CharField(max_length=8, blank=True)
    in_area = models.BooleanField(default=True)  # inside the council's own area
    district = models.ForeignKey(
        "organisation.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    places = models.PositiveSmallIntegerField(default=1)  # how many children it can care for at once
    min_age = models.PositiveSmallIntegerField(default=0)
    max_age = models.PositiveSmallIntegerField(default=17)
    offers = models.JSONField(default=list, blank=True)  # needs it can meet, keys of placement_finding.NEEDS
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProviderRate(AuthorityOwned):
    """A provider's weekly rate from a date. Rates are never edited: a new rate ends the old one."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="rates")
    weekly = models.DecimalField(max_digits=9, decimal_places=2)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)  # the day before the next rate starts

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider"], condition=Q(ends_on__isnull=True), name="one_current_rate"
            )
        ]


class PeriodOfCare(AuthorityOwned):
    """From the day a child starts to be looked after to the day they stop."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_periods")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason_ceased = models.CharField(max_length=3, choices=codes.REASON_CEASED, blank=True)
    home_postcode = models.CharField(max_length=8, blank=True)  # where the child lived before care
    unaccompanied = models.BooleanField(default=False)  # an unaccompanied asylum-seeking child
    next_review_due_on = models.DateField(null=True, blank=True)
    next_visit_due_on = models.DateField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(ended_on__isnull=True), name="one_open_period_of_care"
            )
        ]
        indexes = [models.Index(fields=["person", "started_on"])]


class Placement(AuthorityOwned):
    """One carer or provider and one placement type, from start to end."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="placements")
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="placements")
    provider = models.ForeignKey(
        Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="placements"
    )
    carer = models.CharField(max_length=150, blank=True)  # a named carer, e.g. "Grandmother", for parents
    placement_type = models.CharField(max_length=3, choices=codes.PLACEMENT_TYPE)
    place_provider = models.CharField(max_length=3, choices=codes.PLACE_PROVIDER, blank=True)
    category = models.CharField(max_length=20, choices=codes.CATEGORIES)
    urn = models.CharField(max_length=8, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    distance_miles = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    in_area = models.BooleanField(default=True)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    change_reason = models.CharField(max_length=6, choices=codes.REASON_PLACE_CHANGE, blank=True)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(ended_on__isnull=True), name="one_open_placement"
            )
        ]
        indexes = [
            models.Index(fields=["ended_on", "category"]),
            models.Index(fields=["person", "started_on"]),
        ]

    @property
    def temporary(self) -> bool:
        return self.placement_type in codes.TEMPORARY


class Episode(AuthorityOwned):
    """An SSDA903 episode: one legal status in one placement. Episodes of a period join end to start."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_episodes")
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="episodes")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="episodes")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason_new = models.CharField(max_length=1, choices=codes.RNE)
    legal_status = models.CharField(max_length=2, choices=codes.LEGAL_STATUS)
    category_of_need = models.CharField(max_length=2, choices=codes.CATEGORY_OF_NEED)
    reason_ceased = models.CharField(max_length=3, blank=True)  # X1 (a new episode follows) or REASON_CEASED
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(ended_on__isnull=True), name="one_open_episode"
            )
        ]


class CareReview(AuthorityOwned):
    """A statutory review of a looked-after child's care plan, chaired by an independent reviewing officer."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_reviews")
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="reviews")
    number = models.PositiveSmallIntegerField()  # 1 for the first review of this period of care
    due_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    participation = models.CharField(max_length=3, choices=codes.REVIEW_PARTICIPATION, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decisions = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["period", "number"], name="review_number_once")]
        indexes = [models.Index(fields=["held_on", "due_on"])]


class HealthKind(models.TextChoices):
    INITIAL = "initial", "Initial health assessment"
    REVIEW = "review", "Review health assessment"
    DENTAL = "dental", "Dental check"
    SDQ = "sdq", "Strengths and difficulties questionnaire (SDQ)"
    IMMUNISATIONS = "immunisations", "Immunisations up to date"


class HealthCheck(AuthorityOwned):
    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="health_checks")
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="health_checks")
    kind = models.CharField(max_length=15, choices=HealthKind.choices)
    done_on = models.DateField()
    sdq_score = models.PositiveSmallIntegerField(null=True, blank=True)  # 0 to 40
    sdq_reason = models.CharField(max_length=4, choices=codes.SDQ_REASON, blank=True)  # why no score
    notes = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-done_on"]


class EducationPlan(AuthorityOwned):
    """A personal education plan (PEP) meeting, held each term with the school and the virtual school."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="education_plans")
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="education_plans")
    held_on = models.DateField()
    school = models.CharField(max_length=150)
    targets = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]


class CareVisit(AuthorityOwned):
    """A social worker's statutory visit to a looked-after child in their placement."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="care_visits")
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="visits")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField()
    seen_alone = models.BooleanField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-visited_on"]


class HostedChild(AuthorityOwned):
    """A child living in our area whom another council looks after. They are not in our returns, but their
    missing episodes and return interviews are ours to record (seed 001)."""

    person_scope = PersonScope("person")

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="hosted_spells")
    home_authority = models.CharField(max_length=100)  # the council responsible, e.g. "Stoke-on-Trent"
    home_authority_code = models.CharField(max_length=3, blank=True)  # its DfE code, e.g. 861
    provider = models.ForeignKey(
        Provider, null=True, blank=True, on_delete=models.PROTECT, related_name="hosted"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]


# Missing episodes, permanence and care leavers.
from hearth.care.more_models import (  # noqa: E402, F401
    ACHIEVED_BY,
    ADOPTER_STAGES,
    AdopterStage,
    AdoptionJourney,
    CareLeaver,
    InterviewOutcome,
    LeaverCategory,
    LeaverContact,
    MissingEpisode,
    PermanenceKind,
    PermanencePlan,
    PlacementRequest,
    ProspectiveAdopter,
    RequestStatus,
    Responsible,
)
