from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hearth.audit.models import AuditEvent
from hearth.chronology.models import ChronologyEntry
from hearth.core.tests.factories import PersonFactory
from hearth.supporting.models import (
    Attachment,
    AttachmentCriterion,
    AttachmentMember,
    ClosureReason,
    Criterion,
    Outcome,
)
from hearth.supporting.services import attachment_attach, attachment_close, criterion_add, outcome_record
from hearth.supporting.tests.conftest import CRITERIA, attach

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> list[str]:
    return [m for ms in error.message_dict.values() for m in ms]


def test_attaching_a_family_records_its_members_criteria_district_year_and_key_worker(county, family):
    a = attach(county, family, on=date(2025, 6, 2))
    assert a.lead == family.mother and a.household == family.household and a.district == county.aldermoor
    assert a.programme_year == 2026  # 1 April 2025 to 31 March 2026
    assert a.key_worker == county.social_worker and a.attached_by == county.social_worker
    assert set(AttachmentMember.objects.filter(attachment=a).values_list("person", flat=True)) == {
        p.pk for p in family.everyone
    }
    assert set(a.criteria.values_list("criterion", flat=True)) == set(CRITERIA)
    assert a.criteria.first().recorded_on == date(2025, 6, 2)
    assert ChronologyEntry.objects.filter(title="Attached to Supporting Families").count() == 3
    assert AuditEvent.objects.filter(summary="Attached a family of 3 to Supporting Families").exists()


def test_the_district_comes_from_the_household_and_else_from_the_lead(county, family):
    family.household.district = county.eastwold
    family.household.save()
    assert attach(county, family).district == county.eastwold
    loner = PersonFactory(district=county.eastwold, given_name="Lone", family_name="Parent")
    a = attachment_attach(
        by=county.social_worker, lead=loner, attached_on=date(2025, 6, 2), criteria=CRITERIA
    )
    assert a.district == county.eastwold and a.household is None


def test_a_criterion_chosen_twice_is_refused_and_nothing_is_saved(county, family):
    with pytest.raises(ValidationError) as error:
        attach(county, family, criteria=[Criterion.SCHOOL, Criterion.HEALTH, Criterion.SCHOOL])
    assert messages(error.value) == ["You chose ‘School attendance’ twice: choose each criterion once"]
    assert not Attachment.objects.exists() and not AttachmentMember.objects.exists()


def test_a_family_needs_at_least_two_criteria_of_the_programme(county, family):
    with pytest.raises(ValidationError, match="Select at least 2 criteria the family meets"):
        attach(county, family, criteria=[Criterion.SCHOOL])
    with pytest.raises(ValidationError, match="is not one of the programme’s criteria"):
        attach(county, family, criteria=[Criterion.SCHOOL, "gambling"])


def test_an_attachment_date_in_the_future_or_missing_is_refused(county, family):
    with pytest.raises(
        ValidationError, match="The date the family was attached must be today or in the past"
    ):
        attach(county, family, on=timezone.localdate() + timedelta(days=1))
    with pytest.raises(ValidationError, match="Enter the date the family was attached"):
        attachment_attach(by=county.social_worker, lead=family.mother, attached_on=None, criteria=CRITERIA)


def test_a_child_born_after_the_attachment_date_cannot_be_a_member(county, family):
    baby = PersonFactory(district=county.aldermoor, given_name="Baby", date_of_birth=date(2025, 9, 1))
    with pytest.raises(ValidationError, match="Baby Example was born after the date the family was attached"):
        attachment_attach(by=county.social_worker, lead=family.mother, attached_on=date(2025, 6, 2),
                          criteria=CRITERIA, members=[baby])  # fmt: skip


def test_someone_already_in_an_open_family_cannot_be_attached_again(county, family, attached):
    with pytest.raises(ValidationError, match="Mary Fenwick is already in a family on the programme"):
        attach(county, family)
    with pytest.raises(ValidationError, match="Kid0 Fenwick is already in a family on the programme"):
        attachment_attach(by=county.social_worker, lead=family.children[0], attached_on=date(2025, 7, 1),
                          criteria=CRITERIA)  # fmt: skip
    attachment_close(by=county.social_worker, attachment=attached, closed_on=date(2025, 8, 1),
                     reason=ClosureReason.MOVED_AWAY)  # fmt: skip
    assert attach(county, family, on=date(2025, 9, 1)).pk != attached.pk  # a later attachment is a new one


def test_another_council_s_people_cannot_join_the_family(county, family):
    with pytest.raises(ValidationError, match="Choose family members from this council’s records"):
        attachment_attach(by=county.social_worker, lead=family.mother, attached_on=date(2025, 6, 2),
                          criteria=CRITERIA, members=[county.other_child])  # fmt: skip


def test_a_criterion_met_later_is_added_once(county, attached):
    criterion_add(by=county.social_worker, attachment=attached, criterion=Criterion.DOMESTIC_ABUSE,
                  note="Disclosed at a home visit", on=date(2025, 7, 1))  # fmt: skip
    row = AttachmentCriterion.objects.get(criterion=Criterion.DOMESTIC_ABUSE)
    assert row.recorded_on == date(2025, 7, 1) and row.note == "Disclosed at a home visit"
    with pytest.raises(ValidationError, match="The family already meets ‘Domestic abuse’"):
        criterion_add(by=county.social_worker, attachment=attached, criterion=Criterion.DOMESTIC_ABUSE)
    with pytest.raises(ValidationError, match="on or after the family was attached"):
        criterion_add(
            by=county.social_worker, attachment=attached, criterion=Criterion.HEALTH, on=date(2025, 1, 1)
        )


def test_the_outcome_plan_has_one_outcome_per_criterion_met(county, attached):
    outcome_record(by=county.social_worker, attachment=attached, criterion=Criterion.SCHOOL,
                   description="Kid0 goes to school every day", measure="Attendance", target="90% for 3 terms")  # fmt: skip
    outcome_record(by=county.social_worker, attachment=attached, criterion=Criterion.SCHOOL,
                   description="Kid0 goes to school every day", measure="Attendance", target="95% for 3 terms")  # fmt: skip
    outcome = Outcome.objects.get()
    assert outcome.target == "95% for 3 terms"
    changed = AuditEvent.objects.get(summary="Changed an outcome of the family’s plan (School attendance)")
    assert changed.changes == {"target": ["90% for 3 terms", "95% for 3 terms"]}


def test_an_outcome_for_a_criterion_the_family_does_not_meet_is_refused(county, attached):
    with pytest.raises(ValidationError) as error:
        outcome_record(by=county.social_worker, attachment=attached, criterion=Criterion.HEALTH,
                       description="Healthier", measure="GP", target="Registered")  # fmt: skip
    assert messages(error.value) == [
        "The family does not meet ‘Health’: add the criterion first, or choose one it meets"
    ]
    with pytest.raises(ValidationError) as error:
        outcome_record(by=county.social_worker, attachment=attached, criterion=Criterion.SCHOOL,
                       description=" ", measure="", target="x" * 301)  # fmt: skip
    assert set(error.value.message_dict) == {"description", "measure", "target"}
    assert not Outcome.objects.exists()


def test_closing_a_family_needs_a_reason_and_a_date_after_it_was_attached(county, attached):
    with pytest.raises(ValidationError) as error:
        attachment_close(by=county.social_worker, attachment=attached, closed_on=date(2025, 1, 1),
                         reason=ClosureReason.SUCCESSFUL)  # fmt: skip
    assert set(error.value.message_dict) == {"closed_on", "reason"}
    with pytest.raises(ValidationError, match="Enter the reason the family is leaving"):
        attachment_close(by=county.social_worker, attachment=attached, closed_on=date(2025, 8, 1),
                         reason=ClosureReason.OTHER)  # fmt: skip
    attachment_close(by=county.social_worker, attachment=attached, closed_on=date(2025, 8, 1),
                     reason=ClosureReason.STEPPED_UP)  # fmt: skip
    attached.refresh_from_db()
    assert attached.closed_on == date(2025, 8, 1) and attached.closure_reason == ClosureReason.STEPPED_UP
    assert (
        ChronologyEntry.objects.filter(title__startswith="Left Supporting Families: stepped up").count() == 3
    )
    with pytest.raises(ValidationError, match="This family left the programme on 1 August 2025"):
        criterion_add(by=county.social_worker, attachment=attached, criterion=Criterion.HEALTH)
