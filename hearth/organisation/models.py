"""Local authorities, their districts and teams, and partnership agreements between authorities."""

from __future__ import annotations

from django.db import models

from hearth.core.models import AuthorityOwned


class Authority(models.Model):
    """A local authority: the tenant. Everything else in Hearth belongs to exactly one."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=100)
    # The DfE's three-digit local authority code, used in the statutory returns.
    dfe_code = models.CharField("DfE local authority code", max_length=3, unique=True)

    class Meta:
        verbose_name_plural = "authorities"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(AuthorityOwned):
    name = models.CharField(max_length=100)
    code = models.SlugField(max_length=40)
    # Children aged 0 to 17 living in the district: the denominator of every "rate per 10,000".
    child_population = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "code"], name="district_code_unique_in_authority")
        ]

    def __str__(self) -> str:
        return self.name


class TeamKind(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door (MASH)"
    EARLY_HELP = "early_help", "Early help"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    DISABLED_CHILDREN = "disabled_children", "Disabled children"
    FOSTERING_ADOPTION = "fostering_adoption", "Fostering and adoption"
    REVIEWING = "reviewing", "Independent reviewing"
    PERFORMANCE = "performance", "Performance and intelligence"
    BUSINESS_SUPPORT = "business_support", "Business support"
    SYSTEMS = "systems", "Systems administration"
    CUSTOMER_RELATIONS = "customer_relations", "Customer relations (complaints)"
    DEMOCRATIC_SERVICES = "democratic_services", "Democratic services (scrutiny)"


class Team(AuthorityOwned):
    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=30, choices=TeamKind.choices)
    # Where the team is based. County-wide services (the front door, fostering and adoption) are based
    # in one district but serve them all.
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="teams")
    county_wide = models.BooleanField(default=False)

    class Meta:
        ordering = ["district__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="team_name_unique_in_authority")
        ]

    def __str__(self) -> str:
        return self.name


class PartnershipAgreement(AuthorityOwned):
    """`authority` shares one kind of its records, read only, with named teams of `partner`.

    For example the regional adoption and permanency partnership of seed 000: each council keeps its
    statutory responsibilities and shares its adoption records with the partnership's teams.
    """

    name = models.CharField(max_length=200)
    partner = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="agreements_received")
    record_kind = models.CharField(max_length=40)
    teams = models.ManyToManyField(Team, related_name="shared_agreements")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
