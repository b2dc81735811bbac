"""Reads for the Returns page. A return holds every child of the council, so these read the user's whole
council: only roles that reach the whole authority have `Capability.RETURNS` (hearth.core.access)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from hearth.core.access import Action, scoped
from hearth.people.models import Person
from hearth.returns import files
from hearth.returns.checks import Problem, return_checks
from hearth.returns.years import CollectionYear


def returns_problems(*, user: Any, year: CollectionYear) -> list[Problem]:
    """The pre-submission check of the user's council's returns for `year`."""
    return return_checks(authority=user.authority, year=year)


def children_named(*, user: Any, person_ids: Iterable[int]) -> dict[int, Person]:
    """Of these children, those whose names the user may see (not sealed records, unless named on a
    grant), for the links to their records."""
    return {
        p.pk: p
        for p in scoped(user, Person.objects.filter(pk__in=list(person_ids)), Action.VIEW_NAME).only(
            "given_name", "family_name", "authority_id", "access_level"
        )
    }


def ssda903_file(*, user: Any, year: CollectionYear) -> tuple[str, bytes]:
    """The download's file name and content."""
    code = user.authority.dfe_code
    return f"ssda903-{code}-{year.end_year}.zip", files.ssda903_zip(authority=user.authority, year=year)


def cin_file(*, user: Any, year: CollectionYear) -> tuple[str, bytes]:
    code = user.authority.dfe_code
    return f"cin-census-{code}-{year.end_year}.xml", files.cin_xml(authority=user.authority, year=year)


def annex_a_file(*, user: Any, on: date) -> tuple[str, bytes]:
    code = user.authority.dfe_code
    return f"annex-a-{code}-{on.isoformat()}.xlsx", files.annex_a_xlsx(authority=user.authority, on=on)
