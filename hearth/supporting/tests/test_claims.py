from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from hearth.audit.models import AuditEvent
from hearth.core.tests.factories import DistrictFactory, PersonFactory
from hearth.people.models import PersonKind
from hearth.supporting.claims import (
    claim_make,
    claim_reject,
    claim_withdraw,
    investment_plan_set,
    target_set,
)
from hearth.supporting.models import (
    AttachmentTarget,
    Claim,
    ClaimKind,
    ClaimStatus,
    ClosureReason,
    InvestmentPlan,
)
from hearth.supporting.services import attachment_close
from hearth.supporting.tests.conftest import attach, plan

pytestmark = pytest.mark.django_db


def ssp(county, attachment, on=date(2026, 1, 5), outcomes=None, evidence="Attendance 96% for 3 terms"):
    outcomes = list(attachment.outcomes.all()) if outcomes is None else outcomes
    return claim_make(by=county.analyst, attachment=attachment, kind=ClaimKind.SSP, claimed_on=on, evidence=evidence,
                      outcomes=outcomes)  # fmt: skip


def test_a_claim_for_every_outcome_of_the_plan_closes_the_family_as_successful(county, attached):
    outcomes = plan(county, attached)
    claim = ssp(county, attached)
    assert claim.period == 2026 and claim.status == ClaimStatus.MADE and claim.claimed_by == county.analyst
    assert set(claim.outcomes.all()) == set(outcomes)
    attached.refresh_from_db()
    assert attached.closed_on == date(2026, 1, 5) and attached.closure_reason == ClosureReason.SUCCESSFUL
    assert AuditEvent.objects.filter(
        summary="Made a claim: Significant and sustained progress (SSP)"
    ).exists()


def test_a_claim_before_the_family_was_attached_is_refused(county, attached):
    plan(county, attached)
    with pytest.raises(ValidationError) as error:
        ssp(county, attached, on=date(2025, 5, 1))
    assert error.value.message_dict["claimed_on"] == [
        "The date of the claim must be on or after the family was attached (2 June 2025)"
    ]
    assert not Claim.objects.exists()


def test_a_second_successful_claim_for_the_same_family_is_refused(county, attached):
    plan(county, attached)
    ssp(county, attached)
    with pytest.raises(ValidationError, match="This family already has a successful claim"):
        ssp(county, attached, on=date(2026, 2, 1))
    assert Claim.objects.count() == 1


def test_a_family_attached_again_cannot_be_claimed_twice_in_one_period(county, family, attached):
    plan(county, attached)
    ssp(county, attached, on=date(2025, 12, 1))
    again = attach(county, family, on=date(2025, 12, 10))
    plan(county, again)
    with pytest.raises(ValidationError) as error:
        ssp(county, again, on=date(2026, 3, 1))
    assert error.value.message_dict["claimed_on"][0].startswith(
        "This family already has a successful claim in 2025/26 (made on 1 December 2025)"
    )
    assert ssp(county, again, on=date(2026, 4, 1)).period == 2027  # the next programme year


def test_a_claim_for_an_outcome_the_plan_does_not_have_is_refused(county, family, eastwold_family, attached):
    plan(county, attached)
    other = attach(county, eastwold_family, by=county.other_district_worker)
    foreign = plan(county, other)[0]
    with pytest.raises(ValidationError) as error:
        ssp(county, attached, outcomes=[*attached.outcomes.all(), foreign])
    assert error.value.message_dict["outcomes"] == [
        f"‘{foreign.description}’ is not an outcome in this family’s plan: choose from the family’s outcomes"
    ]


def test_significant_and_sustained_progress_is_against_every_outcome_and_needs_a_plan(county, attached):
    with pytest.raises(ValidationError, match="The family’s plan has no outcomes"):
        ssp(county, attached)
    outcomes = plan(county, attached)
    with pytest.raises(ValidationError, match="progress against every outcome in the family’s plan"):
        ssp(county, attached, outcomes=outcomes[:1])
    with pytest.raises(ValidationError, match="Enter the evidence for the claim"):
        ssp(county, attached, evidence="  ")


def test_continuous_employment_is_an_adult_of_the_family_in_work_for_26_weeks(county, family, attached):
    def ce(person, since, on=date(2026, 1, 5)):
        return claim_make(by=county.analyst, attachment=attached, kind=ClaimKind.CE, claimed_on=on,
                          evidence="Payslips", employed_person=person, employed_from=since)  # fmt: skip

    stranger = PersonFactory(district=county.aldermoor, kind=PersonKind.ADULT, date_of_birth=date(1980, 1, 1))
    with pytest.raises(ValidationError, match="is not in this family"):
        ce(stranger, date(2025, 6, 30))
    with pytest.raises(ValidationError, match="Kid0 Fenwick is 11: continuous employment is for an adult"):
        ce(family.children[0], date(2025, 6, 30))
    with pytest.raises(ValidationError, match="on or after the family was attached"):
        ce(family.mother, date(2025, 5, 30))
    with pytest.raises(
        ValidationError, match="Continuous employment is 26 weeks in work: claim on or after 5 January"
    ):
        ce(family.mother, date(2025, 7, 7), on=date(2026, 1, 4))
    claim = ce(family.mother, date(2025, 7, 7), on=date(2026, 1, 5))
    assert claim.employed_person == family.mother and not claim.outcomes.exists()


def test_a_withdrawn_or_rejected_claim_no_longer_stands_and_the_family_opens_again(county, attached):
    plan(county, attached)
    claim = ssp(county, attached)
    with pytest.raises(ValidationError, match="Enter why the claim was withdrawn"):
        claim_withdraw(by=county.analyst, claim=claim, on=date(2026, 2, 1), reason="")
    with pytest.raises(ValidationError, match="on or after the claim was made"):
        claim_withdraw(by=county.analyst, claim=claim, on=date(2026, 1, 1), reason="Made in error")
    claim_withdraw(by=county.analyst, claim=claim, on=date(2026, 2, 1), reason="Attendance fell again")
    claim.refresh_from_db()
    attached.refresh_from_db()
    assert claim.status == ClaimStatus.WITHDRAWN and claim.status_on == date(2026, 2, 1)
    assert attached.closed_on is None and attached.closure_reason == ""
    with pytest.raises(ValidationError, match="This claim was withdrawn on 1 February 2026"):
        claim_reject(by=county.analyst, claim=claim, on=date(2026, 2, 2), reason="Audit")
    second = ssp(county, attached, on=date(2026, 3, 1))  # a new claim can be made once the first is gone
    claim_reject(by=county.analyst, claim=second, on=date(2026, 3, 20), reason="Evidence missing at audit")
    assert Claim.objects.get(pk=second.pk).status == ClaimStatus.REJECTED


def test_a_family_closed_for_another_reason_stays_closed_when_its_claim_is_withdrawn(county, attached):
    plan(county, attached)
    attachment_close(by=county.social_worker, attachment=attached, closed_on=date(2025, 12, 1),
                     reason=ClosureReason.MOVED_AWAY)  # fmt: skip
    claim = ssp(county, attached, on=date(2026, 1, 5))
    claim_withdraw(by=county.analyst, claim=claim, on=date(2026, 2, 1), reason="Made in error")
    attached.refresh_from_db()
    assert attached.closed_on == date(2025, 12, 1) and attached.closure_reason == ClosureReason.MOVED_AWAY


@pytest.mark.parametrize("families", [0, -5, 4680.5, "4680", True, None])
def test_a_target_that_is_not_a_positive_whole_number_is_refused(county, families):
    with pytest.raises(ValidationError) as error:
        target_set(by=county.analyst, year=2026, families=families)
    assert error.value.message_dict == {
        "families": ["The attachment target must be a whole number more than 0"]
    }
    assert not AttachmentTarget.objects.exists()


def test_a_target_is_set_once_a_year_and_changed_with_its_history_in_the_audit_log(county):
    target_set(by=county.analyst, year=2026, families=936)
    target_set(by=county.analyst, year=2026, families=1000)
    assert AttachmentTarget.objects.get().families == 1000
    assert AuditEvent.objects.filter(summary="Set the attachment target for 2025/26 to 1,000 families",
                                     changes={"families": [936, 1000]}).exists()  # fmt: skip
    with pytest.raises(ValidationError, match="Select a programme year"):
        target_set(by=county.analyst, year=1999, families=10)


def test_a_district_investment_plan_records_the_amount_and_what_it_buys(county):
    investment_plan_set(by=county.analyst, district=county.aldermoor, year=2026, amount=250_000,
                        priorities="Children’s mental wellbeing\n\n  Reducing anti-social behaviour  ")  # fmt: skip
    plan_ = InvestmentPlan.objects.get()
    assert plan_.priority_list == ["Children’s mental wellbeing", "Reducing anti-social behaviour"]
    investment_plan_set(
        by=county.analyst, district=county.aldermoor, year=2026, amount=300_000, priorities="Debt"
    )
    assert InvestmentPlan.objects.get().amount == 300_000


def test_a_bad_investment_plan_is_refused_with_every_problem(county):
    westmarch = DistrictFactory(authority=county.other, name="Elsewhere", code="elsewhere")
    with pytest.raises(ValidationError) as error:
        investment_plan_set(by=county.analyst, district=westmarch, year=2026, amount=0, priorities=" \n ")
    assert set(error.value.message_dict) == {"district", "amount", "priorities"}
    assert not InvestmentPlan.objects.exists()


def test_the_database_also_refuses_a_second_standing_claim_for_a_family(county, attached):
    plan(county, attached)
    ssp(county, attached)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(authority=county.authority, attachment=attached, kind=ClaimKind.CE,
                             claimed_on=date(2026, 2, 1), period=2026, evidence="x", claimed_by=county.analyst)  # fmt: skip
    assert Claim.objects.count() == 1


def test_another_council_can_neither_open_nor_claim_for_nor_end_a_claim_of_a_family(county, programme):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from hearth.accounts.roles import Role
    from hearth.core.tests.factories import UserFactory
    from hearth.supporting.selectors import attachment_get

    outsider = UserFactory(team=county.other_team, username="westlead", role=Role.PERFORMANCE_ANALYST,
                           practitioner_kind="")  # fmt: skip
    with pytest.raises(Http404):
        attachment_get(user=outsider, attachment_id=programme["c"].pk)
    with pytest.raises(PermissionDenied):
        claim_make(by=outsider, attachment=programme["c"], kind="ce", claimed_on=date(2026, 3, 1), evidence="x",
                   employed_person=programme["c"].lead, employed_from=date(2025, 8, 1))  # fmt: skip
    with pytest.raises(PermissionDenied):
        claim_reject(by=outsider, claim=programme["ssp"], on=date(2026, 3, 1), reason="x")
    assert Claim.objects.filter(claimed_by=outsider).count() == 0
