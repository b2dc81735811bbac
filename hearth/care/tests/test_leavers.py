from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hearth.care.leavers import leaver_category, leaver_contact_record, leaver_open
from hearth.care.models import PeriodOfCare

BORN = date(2008, 6, 1)  # 14 on 1 June 2022, 16 on 1 June 2024, 18 on 1 June 2026


@pytest.mark.parametrize(
    ("periods", "on", "expected"),
    [
        ([(date(2023, 1, 1), None)], date(2025, 1, 1), "eligible"),  # in care at 16, since 14
        ([(date(2023, 1, 1), date(2025, 1, 1))], date(2025, 6, 1), "relevant"),  # left at 16
        ([(date(2023, 1, 1), date(2026, 6, 1))], date(2026, 9, 1), "former_relevant"),  # left at 18
        ([(date(2024, 9, 1), date(2024, 10, 1))], date(2025, 1, 1), "qualifying"),  # under 13 weeks, after 16
        ([(date(2020, 1, 1), date(2023, 1, 1))], date(2025, 1, 1), None),  # left before 16
        ([(date(2023, 1, 1), date(2026, 6, 1))], date(2033, 6, 2), None),  # 25
    ],
)
def test_the_care_leaver_category_comes_from_the_care_history(periods, on, expected):
    assert leaver_category(periods=periods, date_of_birth=BORN, on=on) == expected


def test_a_young_person_never_in_care_is_not_a_care_leaver(county):
    with pytest.raises(ValidationError, match="not a care leaver"):
        leaver_open(by=county.social_worker, person=county.allocated_child)


def test_keeping_in_touch_needs_activity_and_accommodation_when_in_touch(county):
    person = county.allocated_child
    person.date_of_birth = BORN
    person.save()
    PeriodOfCare.objects.create(authority=county.authority, person=person, started_on=date(2023, 1, 1),
                                ended_on=date(2026, 6, 1), reason_ceased="E17")  # fmt: skip
    leaver = leaver_open(by=county.social_worker, person=person, adviser=county.colleague)
    assert leaver.category == "former_relevant"
    with pytest.raises(ValidationError) as error:
        leaver_contact_record(
            by=county.colleague, person=person, contacted_on=date(2026, 9, 1), in_touch="YES"
        )
    assert set(error.value.message_dict) == {"activity", "accommodation"}
    contact = leaver_contact_record(by=county.colleague, person=person, contacted_on=date(2026, 9, 1), in_touch="YES",
                                    activity="F2", accommodation="Z1")  # fmt: skip
    assert contact.get_accommodation_display() == "With former foster carers (staying put): suitable"


def test_a_young_person_in_care_under_13_weeks_is_not_yet_a_care_leaver():
    assert (
        leaver_category(periods=[(date(2024, 9, 1), None)], date_of_birth=BORN, on=date(2024, 10, 1)) is None
    )
