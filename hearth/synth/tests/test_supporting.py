"""Supporting Families in the demo county: one small county, built once for the module with the programme
added, and rolled back after it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from types import SimpleNamespace
from unittest.mock import patch

import pytest
from django.db import transaction
from django.db.models import Count, Max
from pytest_django import DjangoDbBlocker

from hearth.accounts.models import User
from hearth.casework.models import Involvement, Referral
from hearth.core.reports import written
from hearth.organisation.models import Authority, District
from hearth.people.models import Household, HouseholdMember, Person
from hearth.supporting.figures import programme_figures
from hearth.supporting.models import (
    Attachment,
    AttachmentMember,
    AttachmentTarget,
    Claim,
    ClaimKind,
    ClaimStatus,
    ClosureReason,
    InvestmentPlan,
    Outcome,
)
from hearth.supporting.programme import CONTINUOUS_EMPLOYMENT, MIN_CRITERIA
from hearth.supporting.report import brfc_section
from hearth.synth.county import synth_county
from hearth.synth.supporting import CRITERIA, DISTRICT_FAMILIES, FAMILIES, _split, make_supporting_families

SCALE = 0.1


def _fingerprint() -> tuple[object, ...]:
    """Enough of the county to tell whether anything already made was changed."""
    return (Person.objects.count(), Person.objects.aggregate(m=Max("updated_at"))["m"], Household.objects.count(),
            HouseholdMember.objects.count(), Involvement.objects.count(), Referral.objects.count())  # fmt: skip


@pytest.fixture(scope="module")
def county(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[SimpleNamespace]:
    with django_db_blocker.unblock(), transaction.atomic():
        today = date.today()
        with patch(
            "hearth.synth.county.make_supporting_families", return_value={}
        ):  # made below, to be measured
            synth_county(seed=11, scale=SCALE, today=today)
        authority = Authority.objects.get(dfe_code="999")
        before = _fingerprint()
        made = make_supporting_families(seed=11, authority=authority, today=today, scale=SCALE)
        yield SimpleNamespace(
            today=today, authority=authority, made=made, before=before, after=_fingerprint()
        )
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_the_programme_has_the_seed_s_volumes_scaled(county):
    made = county.made
    assert made["families"] == Attachment.objects.count() == round(FAMILIES * SCALE)
    assert made["successful"] == round(2796 * SCALE) and made["ce"] == round(171 * SCALE)
    assert (
        made["target"]
        == sum(AttachmentTarget.objects.values_list("families", flat=True))
        == round(4680 * SCALE)
    )
    assert AttachmentTarget.objects.count() == 5
    f = programme_figures(authority_id=county.authority.pk, on=county.today)
    assert (f.successful, f.ce, f.target) == (made["successful"], made["ce"], round(4680 * SCALE))
    assert written(f.conversion, "percent") == "60%"
    assert f.people == made["people"] and 3 <= f.people / f.families <= 4.5  # the seed: 3.9 people a family


def test_families_are_split_between_districts_as_the_seed_s_table(county):
    names = list(
        District.objects.filter(authority=county.authority).order_by("name").values_list("pk", flat=True)
    )
    counts = Counter(Attachment.objects.values_list("district_id", flat=True))
    assert [counts[pk] for pk in names] == _split(round(FAMILIES * SCALE), DISTRICT_FAMILIES)


def test_each_family_meets_two_or_more_criteria_in_the_seed_s_proportions(county):
    per_family = Counter(Attachment.objects.annotate(n=Count("criteria")).values_list("n", flat=True))
    assert min(per_family) >= MIN_CRITERIA
    f = programme_figures(authority_id=county.authority.pk, on=county.today)
    for (_, n), seed in zip(f.by_criterion, CRITERIA.values(), strict=True):
        assert n / f.families == pytest.approx(seed / FAMILIES, abs=0.06)


def test_recidivism_comes_from_the_county_s_own_later_social_care_at_the_seed_s_rate(county):
    f = programme_figures(authority_id=county.authority.pk, on=county.today)
    assert f.recidivist == round(0.025 * f.successful)
    assert f.recidivism == pytest.approx(2.5, abs=0.5)


def test_families_are_the_county_s_households_which_are_left_unchanged(county):
    assert county.before == county.after
    for a in Attachment.objects.select_related("household", "lead").prefetch_related("members__person")[:200]:
        assert a.district_id == a.household.district_id
        members = {m.person_id for m in a.members.all()}
        assert a.lead_id in members and a.lead.kind == "adult"
        household = set(
            HouseholdMember.objects.filter(household=a.household).values_list("person_id", flat=True)
        )
        assert members <= household
        assert all(
            m.person.date_of_birth is None or m.person.date_of_birth <= a.attached_on for m in a.members.all()
        )


def test_claims_follow_the_programme_s_rules(county):
    for claim in Claim.objects.select_related("attachment").prefetch_related("outcomes"):
        a = claim.attachment
        assert a.attached_on < claim.claimed_on <= county.today
        if claim.kind == ClaimKind.SSP:
            assert set(claim.outcomes.all()) == set(Outcome.objects.filter(attachment=a))
        else:
            assert claim.employed_from >= a.attached_on
            assert claim.employed_from + CONTINUOUS_EMPLOYMENT <= claim.claimed_on
        if claim.status == ClaimStatus.MADE:
            assert a.closure_reason == ClosureReason.SUCCESSFUL and a.closed_on == claim.claimed_on
        else:
            assert claim.status_on > claim.claimed_on and claim.status_reason
    assert Claim.objects.exclude(status=ClaimStatus.MADE).exists()
    open_leads = Counter(Attachment.objects.filter(closed_on__isnull=True).values_list("lead_id", flat=True))
    assert max(open_leads.values()) == 1


def test_every_family_but_the_newest_has_an_outcome_per_criterion(county):
    without = Attachment.objects.annotate(n=Count("outcomes")).filter(n=0)
    assert all(
        (county.today - a.attached_on).days <= 21 or a.key_worker.username == "sw.aldermoor" for a in without
    )
    with_plan = Attachment.objects.annotate(
        o=Count("outcomes", distinct=True), c=Count("criteria", distinct=True)
    )
    assert all(a.o in (0, a.c) for a in with_plan)


def test_the_social_worker_persona_has_families_to_show(county):
    worker = User.objects.get(username="sw.aldermoor")
    mine = Attachment.objects.filter(key_worker=worker)
    assert mine.count() == county.made["showcase"] >= 3
    assert mine.filter(claims__status=ClaimStatus.MADE, claims__kind=ClaimKind.CE).exists()
    assert mine.filter(closed_on__isnull=True).exists()
    assert mine.filter(claims__status=ClaimStatus.REJECTED).exists()


def test_investment_plans_and_the_report_are_there_for_every_district(county):
    districts = District.objects.filter(authority=county.authority).count()
    assert InvestmentPlan.objects.count() == county.made["investment_plans"] == 3 * districts
    section = brfc_section(authority_id=county.authority.pk, on=county.today)
    assert all(row[1] is not None for row in section.table("investment").rows)
    assert AttachmentMember.objects.count() == county.made["people"]
