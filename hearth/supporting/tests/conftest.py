"""A family in Aldermoor to attach (mother and two children in one household), another in Eastwold, and the
council's Supporting Families lead (an analyst: claims, targets and plans, county-wide, read only)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from hearth.core.tests.factories import PersonFactory
from hearth.people.models import Household, HouseholdMember, PersonKind
from hearth.supporting.claims import claim_make, target_set
from hearth.supporting.models import ClaimKind, Criterion, Outcome
from hearth.supporting.services import attachment_attach, outcome_record


def household(county, district, surname, children=2):
    home = Household.objects.create(
        authority=county.authority, district=district, name=f"{surname} household"
    )
    mother = PersonFactory(district=district, given_name="Mary", family_name=surname, kind=PersonKind.ADULT,
                           date_of_birth=date(1990, 2, 3))  # fmt: skip
    kids = [PersonFactory(district=district, given_name=f"Kid{n}", family_name=surname, date_of_birth=date(2014 + n, 5, 1))
            for n in range(children)]  # fmt: skip
    for person in (mother, *kids):
        HouseholdMember.objects.create(authority=county.authority, household=home, person=person)
    return SimpleNamespace(household=home, mother=mother, children=kids, everyone=[mother, *kids])


@pytest.fixture
def family(county: SimpleNamespace) -> SimpleNamespace:
    return household(county, county.aldermoor, "Fenwick")


@pytest.fixture
def eastwold_family(county: SimpleNamespace) -> SimpleNamespace:
    return household(county, county.eastwold, "Eastly", children=1)


CRITERIA = [Criterion.CHILDREN_IN_NEED, Criterion.SCHOOL]


def attach(county: SimpleNamespace, fam: SimpleNamespace, on: date = date(2025, 6, 2),
           criteria: list[str] | None = None, by=None):  # fmt: skip
    return attachment_attach(by=by or county.social_worker, lead=fam.mother, attached_on=on,
                             criteria=criteria or CRITERIA, members=fam.children, household=fam.household)  # fmt: skip


def plan(county: SimpleNamespace, attachment) -> list[Outcome]:
    """An outcome for each criterion the family meets."""
    return [
        outcome_record(by=county.social_worker, attachment=attachment, criterion=c.criterion,
                       description=f"Better: {c.criterion}", measure="Measured", target="Met for 6 months")
        for c in attachment.criteria.all()
    ]  # fmt: skip


@pytest.fixture
def attached(county: SimpleNamespace, family: SimpleNamespace):
    return attach(county, family)


@pytest.fixture
def programme(county, family, eastwold_family):
    """Three families: two claimed (SSP and CE), one still open; a target for two programme years."""
    a = attach(county, family, on=date(2025, 5, 1), criteria=[Criterion.CHILDREN_IN_NEED, Criterion.SCHOOL])
    b = attach(county, eastwold_family, on=date(2025, 6, 1), by=county.other_district_worker,
               criteria=[Criterion.CHILDREN_IN_NEED, Criterion.WORKLESSNESS, Criterion.HEALTH])  # fmt: skip
    late = household(county, county.aldermoor, "Later")
    c = attach(county, late, on=date(2026, 5, 1), criteria=[Criterion.DOMESTIC_ABUSE, Criterion.CRIME])
    plan(county, a)
    ssp = claim_make(by=county.analyst, attachment=a, kind=ClaimKind.SSP, claimed_on=date(2026, 1, 10), evidence="x",
                     outcomes=list(a.outcomes.all()))  # fmt: skip
    ce = claim_make(by=county.analyst, attachment=b, kind=ClaimKind.CE, claimed_on=date(2026, 2, 1), evidence="x",
                    employed_person=eastwold_family.mother, employed_from=date(2025, 7, 1))  # fmt: skip
    target_set(by=county.analyst, year=2026, families=4)
    target_set(by=county.analyst, year=2027, families=6)
    return {"a": a, "b": b, "c": c, "ssp": ssp, "ce": ce, "family": family, "eastwold": eastwold_family}
