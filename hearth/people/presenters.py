"""What the people pages show, worked out here so that templates hold no logic."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from hearth.core.access import Action, scoped
from hearth.core.dates import age_on
from hearth.core.jinja import govuk_date
from hearth.people.models import AccessLevel, Address, IdentifierKind, Person, PersonKind


def date_of_birth_text(born: date | None) -> str:
    if born is None:
        return "Not known"
    age = age_on(born)
    return f"{govuk_date(born)} (age {age})" if age is not None and age >= 0 else govuk_date(born)


def format_identifier(kind: str, value: str) -> str:
    """NHS numbers in the 3-3-4 groups people read them in; others as stored."""
    return (
        f"{value[:3]} {value[3:6]} {value[6:]}" if kind == IdentifierKind.NHS and len(value) == 10 else value
    )


def person_summary(person: Person) -> dict[str, Any]:
    """Everything the person page shows. Expects the related lists prefetched (selectors.person_get)."""
    rows: list[tuple[str, str]] = [("Hearth ID", str(person.pk)), ("Who", person.get_kind_display())]
    if person.kind == PersonKind.UNBORN:
        rows.append(("Expected date of birth", govuk_date(person.expected_date_of_birth) or "Not known"))
    else:
        rows.append(("Date of birth", date_of_birth_text(person.date_of_birth)))
    if person.date_of_death:
        rows.append(("Date of death", govuk_date(person.date_of_death)))
    rows += [
        ("Sex", person.get_sex_display()),
        ("Ethnicity", person.get_ethnicity_display()),
        ("First language", person.first_language or "Not recorded"),
        ("District", person.district.name if person.district else "Not recorded"),
    ]
    labels = dict(IdentifierKind.choices)
    rows += [(labels[i.kind], format_identifier(i.kind, i.value)) for i in person.identifiers.all()]
    other_names = [f"{n.given_name} {n.family_name}".strip() + f" ({n.get_kind_display().lower()})"
                   for n in person.other_names.all()]  # fmt: skip
    if other_names:
        rows.append(("Other names", "; ".join(other_names)))
    addresses = list(person.addresses.all())
    current = next((a for a in addresses if a.ended_on is None), None)
    rows.append(("Address", _address_text(current) if current else "Not recorded"))
    rows += [(c.get_kind_display(), c.value) for c in person.contact_details.all()]
    rows.append(("Record access", person.get_access_level_display()))
    return {
        "pk": person.pk,
        "full_name": person.full_name,
        "rows": rows,
        "previous_addresses": [(_address_text(a), a.started_on, a.ended_on) for a in addresses if a.ended_on],
        "flags": [f for f in person.flags.all() if f.ended_on is None],
        "restricted": person.access_level != AccessLevel.OPEN,
    }


def _address_text(address: Address) -> str:
    return ", ".join(p for p in (address.line_1, address.line_2, address.town, address.postcode) if p)


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
