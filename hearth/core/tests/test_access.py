from __future__ import annotations

from datetime import date, timedelta
from itertools import product

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from hearth.core.access import Action, can, get_for, scoped
from hearth.core.tests.factories import AgreementFactory
from hearth.people.models import Allocation, Person


def visible(user, action=Action.VIEW) -> set[str]:
    return set(scoped(user, Person, action).values_list("given_name", flat=True))


def test_a_social_worker_sees_their_district_and_their_caseload_elsewhere(county):
    assert visible(county.social_worker) == {"Ava", "Una", "Mo"}


def test_a_worker_from_another_district_is_refused(county):
    assert not can(county.other_district_worker, Action.VIEW, county.allocated_child)
    with pytest.raises(PermissionDenied):
        get_for(county.other_district_worker, Person, pk=county.allocated_child.pk)


def test_the_allocated_workers_whole_team_reaches_the_person(county):
    assert can(county.team_manager, Action.VIEW, county.moved_child)
    assert can(county.colleague, Action.VIEW, county.moved_child)


def test_an_ended_allocation_no_longer_reaches_the_person(county):
    Allocation.objects.filter(person=county.moved_child).update(ended_on=date.today())
    assert not can(county.social_worker, Action.VIEW, county.moved_child)


def test_a_restricted_record_shows_only_its_name_to_people_not_named_on_it(county):
    assert can(county.social_worker, Action.VIEW_NAME, county.restricted_child)
    assert not can(county.social_worker, Action.VIEW, county.restricted_child)
    assert not can(county.social_worker, Action.CHANGE, county.restricted_child)


def test_figures_count_restricted_and_sealed_records_in_reach_and_nothing_beyond(county):
    assert visible(county.social_worker, Action.COUNT) == {"Ava", "Una", "Mo", "Rhea", "Sid"}
    assert "Ava" not in visible(county.other_district_worker, Action.COUNT)
    assert visible(county.administrator, Action.COUNT) == set()  # no people capability


def test_a_person_named_on_a_restricted_or_sealed_record_sees_it_in_full(county):
    assert can(county.colleague, Action.VIEW, county.restricted_child)
    assert can(county.colleague, Action.VIEW, county.sealed_child)


def test_a_sealed_record_does_not_exist_for_people_not_named_on_it(county):
    assert not can(county.front_door_officer, Action.VIEW_NAME, county.sealed_child)
    with pytest.raises(Http404):
        get_for(county.social_worker, Person, Action.VIEW_NAME, pk=county.sealed_child.pk)


def test_the_front_door_sees_every_open_record_in_the_authority(county):
    assert visible(county.front_door_officer) == {"Ava", "Una", "Eli", "Mo"}


def test_business_support_and_analysts_read_but_cannot_change(county):
    assert can(county.business_support, Action.VIEW, county.unallocated_child)
    assert not can(county.business_support, Action.CHANGE, county.unallocated_child)
    assert can(county.analyst, Action.VIEW, county.eastwold_child)
    assert not can(county.analyst, Action.CHANGE, county.eastwold_child)


def test_an_administrator_sees_no_person_records(county):
    assert visible(county.administrator, Action.VIEW_NAME) == set()


def test_a_user_of_a_second_authority_sees_none_of_the_first_authoritys_records(county):
    outsider = county.second_authority_worker
    assert visible(outsider, Action.VIEW_NAME) == {"Otto"}
    assert not scoped(outsider, Allocation).exists()
    with pytest.raises(Http404):  # not even told that the record exists
        get_for(outsider, Person, pk=county.allocated_child.pk)


def test_a_partnership_agreement_shares_the_named_kind_with_the_named_teams_only(county):
    agreement = AgreementFactory(authority=county.authority, partner=county.other)
    agreement.teams.set([county.adoption_team])
    assert visible(county.partner_worker) == {"Otto", "Ava", "Una", "Eli", "Mo"}
    assert visible(county.second_authority_worker) == {"Otto"}  # not a named team
    assert not can(county.partner_worker, Action.CHANGE, county.allocated_child)  # read only
    assert not can(county.partner_worker, Action.VIEW_NAME, county.sealed_child)


def test_an_ended_partnership_agreement_shares_nothing(county):
    agreement = AgreementFactory(
        authority=county.authority, partner=county.other, ends_on=date.today() - timedelta(days=1)
    )
    agreement.teams.set([county.adoption_team])
    assert visible(county.partner_worker) == {"Otto"}


def test_an_inactive_or_anonymous_user_sees_nothing(county):
    from django.contrib.auth.models import AnonymousUser

    county.social_worker.is_active = False
    assert visible(county.social_worker, Action.VIEW_NAME) == set()
    assert visible(AnonymousUser(), Action.VIEW_NAME) == set()


def test_can_always_agrees_with_scoped(county):
    people = list(Person.objects.all())
    users = [county.social_worker, county.team_manager, county.colleague, county.other_district_worker,
             county.front_door_officer, county.business_support, county.analyst, county.administrator,
             county.second_authority_worker, county.partner_worker]  # fmt: skip
    for user, action in product(users, Action):
        allowed = set(scoped(user, Person, action).values_list("pk", flat=True))
        for person in people:
            assert can(user, action, person) == (person.pk in allowed), (user.username, action, person)


def test_scoping_a_model_with_no_authority_is_refused(county):
    from hearth.audit.models import AuditChainHead

    with pytest.raises(TypeError):
        scoped(county.social_worker, AuditChainHead)
