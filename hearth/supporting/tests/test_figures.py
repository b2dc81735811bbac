from __future__ import annotations

from datetime import date

import pytest

from hearth.care.models import PeriodOfCare
from hearth.casework.models import Involvement, InvolvementKind, Referral
from hearth.core.reports import written
from hearth.core.tests.factories import AuthorityFactory
from hearth.supporting.claims import claim_withdraw
from hearth.supporting.figures import conversion_rate, programme_figures, quarter_ends

pytestmark = pytest.mark.django_db


def test_the_conversion_rate_is_successful_closures_against_the_attachment_target_as_the_seed_works_it():
    # Seed 000, paragraph 7: "2,796 families have successfully closed, giving a conversion rate of 60%", against
    # "our attachment target of 4,680" (not the 6,049 families attached, which would give 46%).
    assert conversion_rate(2796, 4680) == pytest.approx(59.74, abs=0.01)
    assert written(conversion_rate(2796, 4680), "percent") == "60%"
    assert written(conversion_rate(2625, 2796), "percent") == "94%"  # the SSP share of successful closures
    assert conversion_rate(12, 0) is None and written(conversion_rate(12, 0), "percent") == "no data"


def test_the_trend_is_shown_at_the_last_quarter_ends_and_the_day_itself():
    assert quarter_ends(date(2026, 11, 23), 4) == [date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30),
                                                   date(2026, 11, 23)]  # fmt: skip
    assert quarter_ends(date(2026, 1, 5), 3) == [date(2025, 9, 30), date(2025, 12, 31), date(2026, 1, 5)]
    assert quarter_ends(date(2026, 3, 31), 2) == [date(2025, 12, 31), date(2026, 3, 31)]


def test_a_council_with_no_families_or_target_has_no_data_not_zero_per_cent(county):
    f = programme_figures(authority_id=county.authority.pk, on=date(2026, 6, 1))
    assert f.families == 0 and f.successful == 0 and f.target == 0
    assert f.conversion is None and f.recidivism is None and f.years == []
    assert f.by_district == [("Aldermoor", 0), ("Eastwold", 0)]
    assert [n for _, n in f.by_criterion] == [0] * 6


def test_families_are_counted_by_the_district_they_lived_in_and_by_each_criterion_met(county, programme):
    f = programme_figures(authority_id=county.authority.pk, on=date(2026, 6, 1))
    assert f.families == 3 and f.people == 3 + 2 + 3 and f.children == 2 + 1 + 2
    assert f.by_district == [("Aldermoor", 2), ("Eastwold", 1)]
    assert dict(f.by_criterion) == {"Children in need of help": 2, "Crime or anti-social behaviour": 1,
                                    "Domestic abuse": 1, "Worklessness or financial exclusion": 1,
                                    "School attendance": 1, "Health": 1}  # fmt: skip
    assert f.children_share == pytest.approx(100 * 5 / (28_400 + 19_800))
    earlier = programme_figures(authority_id=county.authority.pk, on=date(2025, 5, 31))
    assert earlier.families == 1 and earlier.by_district == [("Aldermoor", 1), ("Eastwold", 0)]


def test_successful_closures_are_the_claims_standing_on_the_day_split_into_ssp_and_ce(county, programme):
    on = date(2026, 3, 1)
    f = programme_figures(authority_id=county.authority.pk, on=on)
    assert (f.ssp, f.ce, f.successful) == (1, 1, 2)
    assert programme_figures(authority_id=county.authority.pk, on=date(2026, 1, 31)).successful == 1
    claim_withdraw(by=county.analyst, claim=programme["ce"], on=date(2026, 5, 1), reason="Lost the job")
    assert programme_figures(authority_id=county.authority.pk, on=on).ce == 1  # still stood on 1 March
    assert programme_figures(authority_id=county.authority.pk, on=date(2026, 5, 1)).ce == 0


def test_the_target_adds_up_every_programme_year_started_by_the_day(county, programme):
    march = programme_figures(authority_id=county.authority.pk, on=date(2026, 3, 31))
    assert march.target == 4 and march.conversion == pytest.approx(50.0)
    april = programme_figures(authority_id=county.authority.pk, on=date(2026, 4, 1))
    assert april.target == 10 and april.conversion == pytest.approx(20.0)
    years = {y.year: y for y in april.years}
    assert (years[2026].target, years[2026].attached, years[2026].successful) == (4, 2, 2)
    assert years[2026].conversion == pytest.approx(50.0)
    assert (years[2027].target, years[2027].attached, years[2027].successful) == (6, 0, 0)
    assert [p.target for p in april.trend][-2:] == [4, 10] and april.trend[-1].successful == 2


def test_recidivism_counts_a_social_care_intervention_after_the_claim_and_by_the_day(county, programme):
    a_child, b_mother = programme["family"].children[1], programme["eastwold"].mother
    authority = county.authority
    # Before the claim, early help, or after the day: none of these count.
    Referral.objects.create(authority=authority, person=a_child, referred_on=date(2025, 12, 1), source="2A")
    Involvement.objects.create(authority=authority, person=a_child, kind=InvolvementKind.EARLY_HELP,
                               started_on=date(2026, 2, 1))  # fmt: skip
    Referral.objects.create(authority=authority, person=a_child, referred_on=date(2026, 9, 1), source="2A")
    f = programme_figures(authority_id=authority.pk, on=date(2026, 6, 1))
    assert (f.recidivist, f.successful, f.recidivism) == (0, 2, 0.0)
    # A referral of the SSP family's child after the claim counts; so does a child protection involvement.
    Referral.objects.create(authority=authority, person=a_child, referred_on=date(2026, 3, 2), source="2A")
    f = programme_figures(authority_id=authority.pk, on=date(2026, 6, 1))
    assert (f.recidivist_ssp, f.recidivist_ce, f.recidivism) == (1, 0, 50.0)
    Involvement.objects.create(authority=authority, person=b_mother, kind=InvolvementKind.CHILD_PROTECTION,
                               started_on=date(2026, 4, 1))  # fmt: skip
    f = programme_figures(authority_id=authority.pk, on=date(2026, 6, 1))
    assert (f.recidivist, f.recidivism) == (2, 100.0)
    assert programme_figures(authority_id=authority.pk, on=date(2026, 3, 1)).recidivist == 0


def test_recidivism_counts_a_child_starting_to_be_looked_after(county, programme):
    PeriodOfCare.objects.create(authority=county.authority, person=programme["eastwold"].children[0],
                                started_on=date(2026, 4, 1))  # fmt: skip
    f = programme_figures(authority_id=county.authority.pk, on=date(2026, 6, 1))
    assert (f.recidivist_ssp, f.recidivist_ce) == (0, 1)


def test_another_council_s_families_are_not_in_the_figures(county, programme):
    other = AuthorityFactory()
    assert programme_figures(authority_id=other.pk, on=date(2026, 6, 1)).families == 0
    assert programme_figures(authority_id=county.other.pk, on=date(2026, 6, 1)).successful == 0
