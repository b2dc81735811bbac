"""Shared fixtures: an authority with two districts, the named personas and their people.

The personas, with what each may do (hearth.core.access decides; these tests check it):
- social_worker: practitioner in Aldermoor's safeguarding team; sees Aldermoor's people and their caseload.
- team_manager: manages that team; same reach, plus the team's caseloads.
- other_district_worker: practitioner in Eastwold; must be refused Aldermoor's records.
- front_door_officer: sees every record in the authority; records and decides contacts.
- front_door_manager: the front door's team manager; sees every record and signs off decisions.
- business_support: reads Aldermoor's records, cannot change them.
- analyst: reads every record, cannot change them.
- administrator: staff directory and audit log; no person records at all.
- second_authority_worker: a front door officer of another authority in the same Hearth; sees nothing of ours.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from hearth.accounts.roles import PractitionerKind, Role
from hearth.core.tests.factories import (
    AllocationFactory,
    AuthorityFactory,
    DistrictFactory,
    GrantFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)
from hearth.organisation.models import TeamKind
from hearth.people.models import AccessLevel, Person


@pytest.fixture
def county(db: None) -> SimpleNamespace:
    authority = AuthorityFactory(
        name="Brackenshire County Council", short_name="Brackenshire", dfe_code="999"
    )
    aldermoor = DistrictFactory(
        authority=authority, name="Aldermoor", code="aldermoor", child_population=28_400
    )
    eastwold = DistrictFactory(authority=authority, name="Eastwold", code="eastwold", child_population=19_800)
    safeguarding = TeamFactory(district=aldermoor, name="Aldermoor Safeguarding 1")
    eastwold_team = TeamFactory(district=eastwold, name="Eastwold Safeguarding 1")
    front_door = TeamFactory(
        district=aldermoor, name="Front door (MASH)", kind=TeamKind.FRONT_DOOR, county_wide=True
    )
    support = TeamFactory(
        district=aldermoor, name="Aldermoor Business support", kind=TeamKind.BUSINESS_SUPPORT
    )
    central = TeamFactory(district=aldermoor, name="Performance and intelligence", kind=TeamKind.PERFORMANCE)
    systems = TeamFactory(district=aldermoor, name="Systems administration", kind=TeamKind.SYSTEMS)

    social_worker = UserFactory(team=safeguarding, username="sw", first_name="Sam", last_name="Okoro")
    team_manager = UserFactory(team=safeguarding, username="tm", role=Role.TEAM_MANAGER, practitioner_kind="")
    colleague = UserFactory(
        team=safeguarding, username="colleague", practitioner_kind=PractitionerKind.FAMILY_SUPPORT_WORKER
    )
    other_district_worker = UserFactory(team=eastwold_team, username="ew")
    front_door_officer = UserFactory(
        team=front_door, username="fd", role=Role.FRONT_DOOR_OFFICER, practitioner_kind=""
    )
    front_door_manager = UserFactory(
        team=front_door,
        username="fdm",
        first_name="Frankie",
        last_name="Dale",
        role=Role.TEAM_MANAGER,
        practitioner_kind="",
    )
    business_support = UserFactory(
        team=support, username="bs", role=Role.BUSINESS_SUPPORT, practitioner_kind=""
    )
    analyst = UserFactory(
        team=central, username="analyst", role=Role.PERFORMANCE_ANALYST, practitioner_kind=""
    )
    administrator = UserFactory(team=systems, username="admin", role=Role.ADMINISTRATOR, practitioner_kind="")

    other = AuthorityFactory(name="Westmarch Borough Council", short_name="Westmarch", dfe_code="998")
    other_district = DistrictFactory(authority=other, name="Westmarch", code="westmarch")
    other_team = TeamFactory(district=other_district, name="Westmarch Front door", kind=TeamKind.FRONT_DOOR)
    adoption_team = TeamFactory(
        district=other_district, name="Regional adoption team", kind=TeamKind.FOSTERING_ADOPTION
    )
    second_authority_worker = UserFactory(
        team=other_team, username="westmarch", role=Role.FRONT_DOOR_OFFICER, practitioner_kind=""
    )
    partner_worker = UserFactory(team=adoption_team, username="partner", role=Role.PRACTITIONER)

    allocated_child = PersonFactory(district=aldermoor, given_name="Ava", family_name="Allocated")
    AllocationFactory(person=allocated_child, worker=social_worker)
    unallocated_child = PersonFactory(district=aldermoor, given_name="Una", family_name="Unallocated")
    eastwold_child = PersonFactory(district=eastwold, given_name="Eli", family_name="Eastwold")
    moved_child = PersonFactory(district=eastwold, given_name="Mo", family_name="Moved")
    AllocationFactory(person=moved_child, worker=social_worker)
    restricted_child = PersonFactory(district=aldermoor, given_name="Rhea", family_name="Restricted",
                                     access_level=AccessLevel.RESTRICTED)  # fmt: skip
    GrantFactory(person=restricted_child, user=colleague)
    sealed_child = PersonFactory(
        district=aldermoor, given_name="Sid", family_name="Sealed", access_level=AccessLevel.SEALED
    )
    GrantFactory(person=sealed_child, user=colleague)
    other_child = PersonFactory(district=other_district, given_name="Otto", family_name="Otherside")

    return SimpleNamespace(**locals())


@pytest.fixture
def jayden(county: SimpleNamespace) -> Person:
    """Jayden Smith of Aldermoor, born 4 March 2016, filed in the match index: the child a misspelt
    "Jaden Smtih" should find."""
    from datetime import date

    from hearth.people.services import match_index_refresh

    person = PersonFactory(district=county.aldermoor, given_name="Jayden", family_name="Smith",
                           date_of_birth=date(2016, 3, 4), sex="M")  # fmt: skip
    match_index_refresh(person)
    return person
