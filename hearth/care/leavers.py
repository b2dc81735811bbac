"""Care leavers: who qualifies and in which category, their personal adviser, pathway plan, keeping in
touch (SSDA903 OC3 codes) and staying put.

Categories (Children (Leaving Care) Act 2000): looked after for at least 13 weeks in all from the age of
14, some of it after 16, makes a young person *eligible* while still looked after at 16 or 17, *relevant*
if they leave care at 16 or 17, and *former relevant* from 18. Looked after after 16 but for less than
that (or under a special guardianship order made after 16) makes them *qualifying*.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hearth.care import codes
from hearth.care.models import CareLeaver, LeaverCategory, LeaverContact, PeriodOfCare
from hearth.care.timescales import pathway_review_due
from hearth.casework.services import casework_event
from hearth.chronology.models import EntryKind
from hearth.core.dates import age_on, birthday
from hearth.core.jinja import govuk_date

QUALIFYING_TIME = timedelta(weeks=13)


def leaver_category(
    *, periods: list[tuple[date, date | None]], date_of_birth: date | None, on: date
) -> str | None:
    """The care leaver category on `on`, from the periods of care (start, end or None), or None."""
    if date_of_birth is None:
        return None
    fourteen, sixteen = birthday(date_of_birth, 14), birthday(date_of_birth, 16)
    since_14 = timedelta(0)
    after_16 = False
    in_care = False
    for start, end in periods:
        last = min(end or on, on)
        if last > fourteen and last > start:
            since_14 += last - max(start, fourteen)
        after_16 = after_16 or (last > sixteen and (end is None or end > sixteen))
        in_care = in_care or (end is None and start <= on)
    age = age_on(date_of_birth, on)
    assert age is not None
    if not after_16 or age < 16 or age >= 25:
        return None
    if since_14 < QUALIFYING_TIME:  # qualifying once they leave care; not a care leaver while still in it
        return None if in_care else LeaverCategory.QUALIFYING
    if in_care:
        return LeaverCategory.ELIGIBLE if age < 18 else None
    return LeaverCategory.RELEVANT if age < 18 else LeaverCategory.FORMER_RELEVANT


@transaction.atomic
def leaver_open(*, by: Any, person: Any, adviser: Any = None, request: Any = None) -> CareLeaver:
    """Start supporting a young person as a care leaver, in the category their care history gives."""
    periods = list(PeriodOfCare.objects.filter(person=person).values_list("started_on", "ended_on"))
    category = leaver_category(periods=periods, date_of_birth=person.date_of_birth, on=timezone.localdate())
    if category is None:
        raise ValidationError("This young person is not a care leaver: they need to have been looked after at 16 "
                              "or over, and be under 25")  # fmt: skip
    if CareLeaver.objects.filter(person=person).exists():
        raise ValidationError("This young person is already supported as a care leaver")
    leaver = CareLeaver.objects.create(authority_id=person.authority_id, person=person, category=category,
                                       adviser=adviser)  # fmt: skip
    casework_event(by=by, person=person, source=leaver, kind=EntryKind.CARE, request=request,
                   title=f"Supported as a care leaver: {leaver.get_category_display().lower()}"
                         + (f"; personal adviser {adviser.get_full_name()}" if adviser else ""))  # fmt: skip
    return leaver


@transaction.atomic
def pathway_plan_record(*, by: Any, leaver: CareLeaver, on: date | None, staying_put: bool,
                        request: Any = None) -> CareLeaver:  # fmt: skip
    leaver = CareLeaver.objects.select_for_update().get(pk=leaver.pk)
    if on is None or on > timezone.localdate():
        raise ValidationError({"on": ["Enter the date of the pathway plan, today or in the past"]})
    leaver.pathway_plan_on, leaver.pathway_review_due_on = on, pathway_review_due(on)
    leaver.staying_put = staying_put
    leaver.save(update_fields=["pathway_plan_on", "pathway_review_due_on", "staying_put"])
    casework_event(by=by, person=leaver.person, source=leaver, kind=EntryKind.CARE, request=request,
                   title=f"Pathway plan written; review due {govuk_date(leaver.pathway_review_due_on)}"
                         + ("; staying put with former foster carers" if staying_put else ""))  # fmt: skip
    return leaver


@transaction.atomic
def leaver_contact_record(*, by: Any, person: Any, contacted_on: date | None, in_touch: str, activity: str = "",
                          accommodation: str = "", request: Any = None) -> LeaverContact:  # fmt: skip
    errors: dict[str, list[str]] = {}
    if not CareLeaver.objects.filter(person=person).exists():
        raise ValidationError("Start supporting this young person as a care leaver first")
    if contacted_on is None or contacted_on > timezone.localdate():
        errors["contacted_on"] = ["Enter the date of contact, today or in the past"]
    if in_touch not in dict(codes.IN_TOUCH):
        errors["in_touch"] = ["Select whether you are in touch"]
    if in_touch == "YES":
        if activity not in dict(codes.ACTIVITY):
            errors["activity"] = ["Select what they are doing"]
        if accommodation not in dict(codes.ACCOMMODATION):
            errors["accommodation"] = ["Select where they are living"]
    elif activity or accommodation:
        errors["in_touch"] = ["Activity and accommodation are only recorded when you are in touch"]
    if errors:
        raise ValidationError(errors)
    assert contacted_on is not None
    contact = LeaverContact.objects.create(authority_id=person.authority_id, person=person, contacted_on=contacted_on,
                                           in_touch=in_touch, activity=activity, accommodation=accommodation,
                                           recorded_by=by)  # fmt: skip
    casework_event(by=by, person=person, source=contact, kind=EntryKind.CARE, request=request,
                   title=f"Care leaver contact: {contact.get_in_touch_display().lower()}")  # fmt: skip
    return contact
