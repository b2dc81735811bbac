from __future__ import annotations

from datetime import date

import pytest

from hearth.care.episodes import NewPlacement, care_end, care_start
from hearth.care.models import ProviderKind
from hearth.care.tests.factories import provider
from hearth.core.tests.factories import PersonFactory


@pytest.fixture
def looked_after(county):
    """Twelve children who came into care in 2024 and 2025; three have left."""
    foster = provider(county.authority, name="The Hills")
    agency = provider(county.authority, kind=ProviderKind.IFA, name="Agency carers", place_provider="PR4")
    children = []
    for n in range(12):
        child = PersonFactory(district=county.aldermoor, date_of_birth=date(2010 + n % 6, 1 + n, 10))
        care_start(by=county.social_worker, person=child, started_on=date(2024, 1 + n, 3), legal_status="C2",
                   category_of_need="N1", placement=NewPlacement("U6", agency if n % 2 else foster))  # fmt: skip
        children.append(child)
    for child in children[:3]:
        care_end(by=county.social_worker, person=child, on=date(2025, 2, 1), reason="E4A")
    return children
