"""Complaints officers for the `county` fixture (conftest.py at the root): one in Brackenshire's customer
relations team, one in Westmarch's. A helper records a complaint through the service, on a day in the past."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from hearth.accounts.roles import Role
from hearth.complaints.services import complaint_record
from hearth.core.tests.factories import TeamFactory, UserFactory
from hearth.organisation.models import TeamKind


@pytest.fixture
def officers(county: SimpleNamespace) -> SimpleNamespace:
    relations = TeamFactory(district=county.aldermoor, name="Customer relations", kind=TeamKind.CUSTOMER_RELATIONS,
                            county_wide=True)  # fmt: skip
    officer = UserFactory(team=relations, username="cleo", first_name="Cleo", last_name="Park",
                          role=Role.COMPLAINTS_OFFICER, practitioner_kind="")  # fmt: skip
    colleague = UserFactory(
        team=relations, username="cass", role=Role.COMPLAINTS_OFFICER, practitioner_kind=""
    )
    westmarch = TeamFactory(district=county.other_district, name="Westmarch customer relations",
                            kind=TeamKind.CUSTOMER_RELATIONS)  # fmt: skip
    other = UserFactory(
        team=westmarch, username="westcomplaints", role=Role.COMPLAINTS_OFFICER, practitioner_kind=""
    )
    return SimpleNamespace(officer=officer, colleague=colleague, other=other, team=relations)


def record(
    by: Any,
    *,
    kind: str = "statutory",
    received_on: date = date(2026, 1, 5),
    child: Any = None,
    team: Any = None,
    service: str = "safeguarding",
    **extra: Any,
) -> Any:
    values = {"how_received": "email", "complainant_name": "Pat Example", "complainant_is": "parent",
              "subject": "communication", "summary": "Nobody returned my calls."} | extra  # fmt: skip
    return complaint_record(
        by=by, kind=kind, received_on=received_on, child=child, team=team, service=service, **values
    )
