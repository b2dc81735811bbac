from __future__ import annotations

import pytest

from hearth.accounts.roles import Role
from hearth.core.access import Action
from hearth.core.tests.factories import UserFactory
from hearth.supporting import selectors
from hearth.supporting.tests.conftest import attach

pytestmark = pytest.mark.django_db


def test_a_worker_finds_only_people_they_may_change_to_lead_a_family(county, family, eastwold_family):
    assert [p.full_name for p in selectors.people_to_attach(user=county.social_worker, query="Mary")] == [
        "Mary Fenwick"
    ]
    assert (
        selectors.people_to_attach(user=county.business_support, query="Mary") == []
    )  # reads, cannot change
    assert selectors.people_to_attach(user=county.social_worker, query=" ") == []


def test_the_household_offers_its_other_current_members(county, family):
    household, others = selectors.household_of(user=county.social_worker, person=family.mother)
    assert household == family.household and others == family.children
    assert selectors.household_of(user=county.social_worker, person=county.unallocated_child) == (None, [])


def test_key_workers_are_the_district_s_practitioners_and_managers(county):
    workers = selectors.key_workers(user=county.social_worker)
    assert county.social_worker in workers and county.team_manager in workers
    assert county.other_district_worker not in workers and county.business_support not in workers


def test_a_family_s_members_show_names_and_whether_each_record_may_be_opened(county, family):
    a = attach(county, family)
    a.members.create(authority=county.authority, person=county.restricted_child)
    a.members.create(authority=county.authority, person=county.sealed_child)
    shown = selectors.members_of(user=county.social_worker, attachment=a)
    names = {p.full_name: may_open for p, may_open in shown}
    assert names["Rhea Restricted"] is False and names["Mary Fenwick"] is True and "Sid Sealed" not in names
    assert selectors.attachment_get(user=county.social_worker, attachment_id=a.pk, action=Action.CHANGE) == a


def test_the_list_is_filtered_by_status_district_and_key_worker(county, programme):
    see = lambda **kw: {a.pk for a in selectors.attachments_visible(user=county.analyst, **kw)}  # noqa: E731
    assert see(status="successful") == {programme["a"].pk, programme["b"].pk}
    assert see(status="open") == {programme["c"].pk}
    assert see(district_id=county.eastwold.pk) == {programme["b"].pk}
    assert see(key_worker=county.other_district_worker) == {programme["b"].pk}
    assert see(query="Eastly") == {programme["b"].pk}
    manager = UserFactory(team=county.eastwold_team, role=Role.TEAM_MANAGER, practitioner_kind="")
    assert {a.pk for a in selectors.attachments_visible(user=manager)} == {programme["b"].pk}
