"""What the people pages show, worked out here so that templates hold no logic."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils import timezone

from hearth.core.access import Action, scoped
from hearth.core.jinja import govuk_date
from hearth.people.models import AccessLevel, Person


def age_on(born: date | None, today: date | None = None) -> int | None:
    if born is None:
        return None
    today = today or timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def date_of_birth_text(born: date | None) -> str:
    if born is None:
        return "Not known"
    age = age_on(born)
    return f"{govuk_date(born)} (age {age})" if age is not None and age >= 0 else govuk_date(born)


def person_summary(person: Person) -> dict[str, Any]:
    return {
        "pk": person.pk,
        "full_name": person.full_name,
        "rows": [
            ("Hearth ID", str(person.pk)),
            ("Date of birth", date_of_birth_text(person.date_of_birth)),
            ("Sex", person.get_sex_display()),
            ("District", person.district.name if person.district else "Not recorded"),
            ("Record access", person.get_access_level_display()),
        ],
        "restricted": person.access_level != AccessLevel.OPEN,
    }


def person_rows(*, user: Any, people: Iterable[Person]) -> list[dict[str, Any]]:
    """Search results: restricted records the user cannot open show the name and nothing else."""
    people = list(people)
    full = set(
        scoped(user, Person.objects.filter(pk__in=[p.pk for p in people]), Action.VIEW).values_list(
            "pk", flat=True
        )
    )
    rows = []
    for person in people:
        open_to_user = person.pk in full
        rows.append(
            {
                "pk": person.pk,
                "name": person.full_name,
                "date_of_birth": date_of_birth_text(person.date_of_birth) if open_to_user else "Restricted",
                "district": (person.district.name if person.district else "")
                if open_to_user
                else "Restricted",
                "restricted": not open_to_user,
            }
        )
    return rows
