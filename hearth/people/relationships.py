"""Relationship types with their inverses. A relationship is stored once, from one side:
"<person> is the <type> of <other>"; the other side reads it through the inverse."""

from __future__ import annotations

from django.db import models


class RelationshipType(models.TextChoices):
    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    GRANDPARENT = "grandparent", "Grandparent"
    CARER = "carer", "Carer"
    FOSTER_CARER = "foster_carer", "Foster carer"
    PRIVATE_FOSTER_CARER = "private_foster_carer", "Private foster carer"
    PARTNER = "partner", "Partner"
    HOUSEHOLD_MEMBER = "household_member", "Household member"
    PROFESSIONAL = "professional", "Professional involved"


# How the other person is described, seen from the person the relationship was recorded against.
INVERSE_LABEL = {
    RelationshipType.PARENT: "Child",
    RelationshipType.STEP_PARENT: "Step-child",
    RelationshipType.SIBLING: "Sibling",
    RelationshipType.HALF_SIBLING: "Half-sibling",
    RelationshipType.GRANDPARENT: "Grandchild",
    RelationshipType.CARER: "Cared for",
    RelationshipType.FOSTER_CARER: "Foster child",
    RelationshipType.PRIVATE_FOSTER_CARER: "Privately fostered child",
    RelationshipType.PARTNER: "Partner",
    RelationshipType.HOUSEHOLD_MEMBER: "Household member",
    RelationshipType.PROFESSIONAL: "Works with",
}
SYMMETRIC = {RelationshipType.SIBLING, RelationshipType.HALF_SIBLING, RelationshipType.PARTNER,
             RelationshipType.HOUSEHOLD_MEMBER}  # fmt: skip


def label_from(rel_type: str, *, seen_from_subject: bool) -> str:
    """The label for the *other* person in a relationship, seen from one side.

    Stored as (subject=Mum, other=Ava, PARENT). On Ava's page Mum is "Parent"; on Mum's page Ava is
    "Child".
    """
    kind = RelationshipType(rel_type)
    return INVERSE_LABEL[kind] if seen_from_subject else kind.label
