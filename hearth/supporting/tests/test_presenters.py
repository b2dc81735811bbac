from __future__ import annotations

from datetime import date

import pytest
from django import forms

from hearth.supporting.claims import claim_reject
from hearth.supporting.forms import whole_number, year_choices
from hearth.supporting.models import Attachment, ClosureReason
from hearth.supporting.presenters import claim_lines, claim_status, family_rows, status_of
from hearth.supporting.programme import programme_year, year_label, year_start
from hearth.supporting.selectors import attachments_visible

pytestmark = pytest.mark.django_db


def test_programme_years_run_from_april_and_are_named_as_the_returns_name_them():
    assert programme_year(date(2026, 3, 31)) == 2026 and programme_year(date(2026, 4, 1)) == 2027
    assert year_label(2026) == "2025/26" and year_start(2026) == date(2025, 4, 1)


def test_a_family_s_status_says_whether_it_is_open_closed_or_successful(county, programme):
    assert status_of(programme["c"]) == ("Open", "govuk-tag--blue")
    assert status_of(programme["a"], programme["ssp"]) == ("Successful (SSP)", "govuk-tag--green")
    moved = Attachment(closed_on=date(2026, 1, 1), closure_reason=ClosureReason.MOVED_AWAY)
    assert status_of(moved) == ("Closed: moved out of the area", "govuk-tag--grey")


def test_a_claim_shows_its_evidence_outcomes_or_job_and_whether_it_stands(county, programme):
    assert claim_lines(programme["ssp"], set()) == [
        "x",
        "Outcome: Better: children_in_need",
        "Outcome: Better: school",
    ]
    ce = programme["ce"]
    assert claim_lines(ce, {ce.employed_person_id}) == ["x", "Mary Eastly, in work since 1 July 2025"]
    # someone the user may not see by name (a sealed record) is not named through the claim
    assert claim_lines(ce, set()) == ["x", "An adult in the family, in work since 1 July 2025"]
    assert claim_status(programme["ce"]) == "Stands: a successful closure"
    claim_reject(by=county.analyst, claim=programme["ce"], on=date(2026, 3, 1), reason="Payslips missing")
    programme["ce"].refresh_from_db()
    assert claim_status(programme["ce"]) == "Rejected on 1 March 2026: Payslips missing"


def test_the_list_rows_count_each_family_s_people_and_name_its_criteria(county, programme):
    rows = {r.attachment.pk: r for r in family_rows(list(attachments_visible(user=county.analyst)))}
    row = rows[programme["b"].pk]
    assert row.people == 2 and row.year == "2025/26"
    assert row.criteria == ["Children in need of help", "Worklessness or financial exclusion", "Health"]


@pytest.mark.parametrize(("typed", "number"), [("4,680", 4680), (" 936 ", 936), ("£250,000", 250_000)])
def test_whole_numbers_are_read_with_or_without_commas_and_pounds(typed, number):
    assert whole_number(typed, "target", "1,200") == number


@pytest.mark.parametrize("typed", ["0", "-3", "4.5", "lots", ""])
def test_anything_but_a_whole_number_over_0_is_refused_with_an_example(typed):
    with pytest.raises(
        forms.ValidationError, match="Enter the target as a whole number more than 0, like 1,200"
    ):
        whole_number(typed, "target", "1,200")


def test_targets_can_be_set_for_the_last_five_years_this_one_and_the_next():
    years = [value for value, _ in year_choices()[1:]]
    this = programme_year(date.today())
    assert years == [str(y) for y in range(this + 1, this - 6, -1)]
