from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from hearth.accounts.roles import PractitionerKind
from hearth.casework.models import Assessment, Involvement
from hearth.casework.services import involvement_open
from hearth.casework.steps import KEY_WORKER, involvement_close, step_down, step_up
from hearth.core.tests.factories import AllocationFactory, UserFactory
from hearth.people.models import Allocation


@pytest.fixture
def key_worker(county):
    return UserFactory(
        team=county.safeguarding, username="kw", practitioner_kind=PractitionerKind.EARLY_HELP_KEY_WORKER
    )


def test_a_closed_involvement_records_its_reason_and_cannot_be_changed(county):
    involvement = involvement_open(by=county.social_worker, person=county.allocated_child, kind="social_care",
                                   started_on=date(2026, 3, 1))  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        involvement_close(
            by=county.social_worker, involvement=involvement, ended_on=date(2026, 2, 1), reason="XX"
        )
    assert set(caught.value.message_dict) == {"ended_on", "reason"}
    involvement_close(
        by=county.social_worker, involvement=involvement, ended_on=date(2026, 6, 1), reason="RC8"
    )
    involvement.refresh_from_db()
    assert (involvement.ended_on, involvement.closure_reason) == (date(2026, 6, 1), "RC8")
    with pytest.raises(ValidationError, match="already closed"):
        involvement_close(
            by=county.social_worker, involvement=involvement, ended_on=date(2026, 6, 2), reason="RC7"
        )


def test_stepping_down_keeps_the_key_worker_and_ends_the_social_workers_allocation(county, key_worker):
    child = county.allocated_child  # allocated to the social worker
    AllocationFactory(person=child, worker=key_worker, role=KEY_WORKER)
    involvement_open(
        by=county.social_worker,
        person=child,
        kind="social_care",
        started_on=date.today() - timedelta(days=90),
    )
    step_down(by=county.social_worker, person=child)
    current = Allocation.objects.filter(person=child, ended_on__isnull=True)
    assert [(a.worker, a.role) for a in current] == [(key_worker, KEY_WORKER)]
    closed = Involvement.objects.get(person=child, kind="social_care")
    assert closed.closure_reason == "RC9" and closed.ended_on == date.today()
    assert Involvement.objects.filter(person=child, kind="early_help", ended_on__isnull=True).exists()


def test_stepping_down_without_a_key_worker_needs_one_chosen(county, key_worker):
    child = county.allocated_child
    involvement_open(by=county.social_worker, person=child, kind="social_care", started_on=date.today())
    with pytest.raises(ValidationError, match="Choose the early help key worker"):
        step_down(by=county.social_worker, person=child)
    step_down(by=county.social_worker, person=child, key_worker=key_worker)
    assert Allocation.objects.get(person=child, ended_on__isnull=True).worker == key_worker


def test_a_child_on_a_plan_cannot_step_straight_down_to_early_help(county):
    involvement_open(
        by=county.social_worker,
        person=county.allocated_child,
        kind="child_protection",
        started_on=date.today(),
    )
    with pytest.raises(ValidationError, match="End the child protection plan"):
        step_down(by=county.social_worker, person=county.allocated_child)


def test_stepping_up_is_a_referral_with_an_assessment_and_the_key_worker_stays(county, key_worker):
    child = county.allocated_child
    AllocationFactory(person=child, worker=key_worker, role=KEY_WORKER)
    with pytest.raises(ValidationError, match="from an open early help involvement"):
        step_up(by=key_worker, person=child)
    involvement_open(
        by=key_worker, person=child, kind="early_help", started_on=date.today() - timedelta(days=30)
    )
    referral = step_up(by=key_worker, person=child)
    assert referral.source == "5D"
    assert Assessment.objects.filter(referral=referral).exists()
    assert Allocation.objects.filter(person=child, worker=key_worker, ended_on__isnull=True).exists()


def test_the_step_pages_step_down_and_close_with_clear_errors(client, county, key_worker):
    from django.urls import reverse

    child = county.allocated_child
    involvement_open(
        by=county.social_worker, person=child, kind="social_care", started_on=date.today() - timedelta(days=5)
    )
    client.force_login(county.social_worker)
    down = reverse("people:details", kwargs={"person_id": child.pk, "change": "step-down"})
    assert "Choose the early help key worker" in client.post(down, {"key_worker": ""}).content.decode()
    assert client.post(down, {"key_worker": key_worker.pk}).status_code == 302
    close = reverse("people:details", kwargs={"person_id": child.pk, "change": "close-involvement"})
    early_help = Involvement.objects.get(person=child, kind="early_help")
    assert "Select the involvement to close" in client.post(close, {"involvement": ""}).content.decode()
    assert client.post(close, {"involvement": early_help.pk}).status_code == 302
    early_help.refresh_from_db()
    assert early_help.ended_on == date.today()
    up = reverse("people:details", kwargs={"person_id": child.pk, "change": "step-up"})
    assert "from an open early help involvement" in client.post(up, {"confirm": "on"}).content.decode()
