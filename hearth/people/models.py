"""People and who is allocated to them.

This is the foundation's person record: enough to scope, audit and show a person. Issue 3 adds
identifiers, addresses, relationships, households and duplicate detection to the same model.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.models import AuthorityOwned, PersonScope, Timestamped
from hearth.people import codes
from hearth.people.relationships import RelationshipType


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


class PersonKind(models.TextChoices):
    CHILD = "child", "Child or young person"
    UNBORN = "unborn", "Unborn child"
    ADULT = "adult", "Adult"
    PROFESSIONAL = "professional", "Professional"


class Person(AuthorityOwned, Timestamped):
    person_scope = PersonScope("")

    kind = models.CharField(max_length=12, choices=PersonKind.choices, default=PersonKind.CHILD)
    given_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    # For an unborn child; replaced by the date of birth once the child is born.
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    ethnicity = models.CharField(max_length=4, choices=codes.ETHNICITY, default="NOBT")
    first_language = models.CharField(max_length=60, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    disabilities = models.JSONField(default=list, blank=True)  # DfE disability codes
    # Professionals: their role and organisation ("Designated safeguarding lead, Fernbridge Academy").
    organisation = models.CharField(max_length=150, blank=True)
    # Set when this record was merged into another; the record stays so the merge can be undone.
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
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


class NameKind(models.TextChoices):
    PREVIOUS = "previous", "Previous name"
    ALIAS = "alias", "Also known as"
    BIRTH = "birth", "Name at birth"


class PersonName(AuthorityOwned):
    """A name the person has had or is known by, besides the current one on Person."""

    person_scope = PersonScope("person")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(max_length=10, choices=NameKind.choices, default=NameKind.PREVIOUS)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
    used_until = models.DateField(null=True, blank=True)


class IdentifierKind(models.TextChoices):
    NHS = "nhs", "NHS number"
    UPN = "upn", "Unique pupil number (UPN)"
    LA_CHILD_ID = "la_child_id", "Local authority child ID"


class Identifier(AuthorityOwned):
    person_scope = PersonScope("person")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(max_length=12, choices=IdentifierKind.choices)
    value = models.CharField(max_length=20)  # normalised by hearth.people.identifiers

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="one_identifier_of_each_kind"),
        ]
        indexes = [models.Index(fields=["authority", "kind", "value"])]


class Address(AuthorityOwned):
    """Where a person lives or lived. The current address has no end date."""

    person_scope = PersonScope("person")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line_1 = models.CharField(max_length=120)
    line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80)
    postcode = models.CharField(max_length=8)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["authority", "postcode"])]


class ContactKind(models.TextChoices):
    PHONE = "phone", "Phone"
    MOBILE = "mobile", "Mobile"
    EMAIL = "email", "Email"


class ContactDetail(AuthorityOwned):
    person_scope = PersonScope("person")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_details")
    kind = models.CharField(max_length=10, choices=ContactKind.choices)
    value = models.CharField(max_length=200)
    note = models.CharField(max_length=120, blank=True)


class FlagKind(models.TextChoices):
    WARNING = "warning", "Warning to staff"
    RISK = "risk", "Risk to the person"


class Flag(AuthorityOwned):
    """A warning (for example "do not visit alone") or a risk (for example "known to MACE panel")."""

    person_scope = PersonScope("person")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(max_length=10, choices=FlagKind.choices)
    text = models.CharField(max_length=200)
    raised_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )


class MatchKey(AuthorityOwned):
    """The duplicate-detection index: blocking keys of each person (hearth.people.matching).

    Finding candidates is a handful of indexed lookups on (authority, key) rather than a scan of every
    person; only the few hundred people sharing a key are then scored.
    """

    key = models.CharField(max_length=60)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="match_keys")

    class Meta:
        indexes = [models.Index(fields=["authority", "key"])]


class Relationship(AuthorityOwned):
    """`person` is the `type` of `other` (for example Mum is the parent of Ava). Stored once per pair."""

    person_scope = PersonScope("person")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_out")
    other = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_in")
    type = models.CharField(max_length=24, choices=RelationshipType.choices)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "other", "type"], name="relationship_once_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("other")), name="relationship_not_to_self"
            ),
        ]


class Household(AuthorityOwned, Timestamped):
    """People who live together: the family a key worker works with."""

    name = models.CharField(max_length=150)  # for example "Smith household, 12 Mill Lane"
    district = models.ForeignKey(
        "organisation.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class HouseholdMember(AuthorityOwned):
    person_scope = PersonScope("person")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="households")
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["household", "left_on"]), models.Index(fields=["person", "left_on"])]


class PersonMerge(AuthorityOwned):
    """Two records of one person made one: `merged` now points to `kept`. Everything moved is listed so
    that the merge can be undone exactly."""

    person_scope = PersonScope("kept")

    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_merged")
    moved = models.JSONField(default=dict)  # {"app.model.field": [row ids moved from merged to kept]}
    filled = models.JSONField(default=dict)  # {field: the kept record's value before the merge filled it}
    alias = models.ForeignKey(
        "PersonName", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=300)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at"]
