from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from hearth.accounts.roles import Role
from hearth.care.episodes import NewPlacement, care_start
from hearth.care.models import MissingEpisode
from hearth.care.tests.factories import provider
from hearth.core.tests.factories import AllocationFactory, UserFactory


def test_my_work_lists_looked_after_children_interviews_and_reviews_to_chair(client, county):
    child = county.allocated_child
    AllocationFactory(person=child, worker=county.social_worker)
    care_start(by=county.social_worker, person=child, started_on=date(2026, 6, 1), legal_status="V2",
               category_of_need="N1", placement=NewPlacement("U6", provider(county.authority)))  # fmt: skip
    back = timezone.now() - timedelta(days=5)
    MissingEpisode.objects.create(authority=county.authority, person=child, kind="M", started_at=back - timedelta(hours=4),
                                  ended_at=back, responsible="ours")  # fmt: skip
    client.force_login(county.social_worker)
    page = client.get("/").content.decode()
    assert "Children looked after" in page and "Overdue: due 8 June 2026" in page
    assert "Return home interviews" in page and "Not offered in 72 hours" in page
    client.force_login(UserFactory(team=county.central, username="iro", role=Role.IRO, practitioner_kind=""))
    page = client.get("/").content.decode()
    assert "Looked-after reviews to chair" in page and "Overdue: due 29 June 2026" in page
    client.force_login(county.other_district_worker)
    assert "Ava Allocated" not in client.get("/").content.decode()
