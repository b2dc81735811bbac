"""The placements page for an analyst: every current placement of a county with its weekly cost by
category, district and provider, and the stability measures.

Run: .venv/bin/python bench/placements.py [--children 1255] [--repeat 20]
     DATABASE_URL=postgres://... .venv/bin/python bench/placements.py
Target (issue 5): a county of 1,255 children looked after, each with a history of placements, shows in well
under a second, with a query count that does not grow with the children.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

from harness import keep_one_connection, start_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=1255)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    start_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from hearth.accounts.models import User
    from hearth.accounts.roles import Role
    from hearth.care import codes
    from hearth.care.models import PeriodOfCare, Placement, Provider, ProviderRate
    from hearth.organisation.models import Authority, District, Team
    from hearth.people.models import Person

    setup_test_environment()
    keep_one_connection()
    rng = random.Random(5)
    authority = Authority.objects.create(name="Bench County Council", short_name="Bench", dfe_code="994")
    districts = [
        District.objects.create(authority=authority, name=f"District {n}", code=f"d{n}") for n in range(8)
    ]
    team = Team.objects.create(
        authority=authority, name="Performance", kind="performance", district=districts[0]
    )
    analyst = User.objects.create(
        username="analyst", authority=authority, team=team, role=Role.PERFORMANCE_ANALYST
    )
    kinds = [
        ("in_house_foster", "U6", 363),
        ("ifa", "U4", 762),
        ("childrens_home", "K2", 3314),
        ("connected", "U3", 363),
    ]
    providers = Provider.objects.bulk_create(
        Provider(authority=authority, kind=kind, name=f"Provider {n}", places=4) for n, (kind, _, _) in
        enumerate(kinds * 100)
    )  # fmt: skip
    today = date.today()
    ProviderRate.objects.bulk_create(
        ProviderRate(authority=authority, provider=p, weekly=Decimal(kinds[n % 4][2]), starts_on=today - timedelta(days=900))
        for n, p in enumerate(providers)
    )  # fmt: skip
    people = Person.objects.bulk_create(
        Person(authority=authority, district=rng.choice(districts), given_name=f"Child{n}", family_name="Bench",
               date_of_birth=today - timedelta(days=rng.randint(365, 17 * 365))) for n in range(args.children)
    )  # fmt: skip
    periods = PeriodOfCare.objects.bulk_create(
        PeriodOfCare(authority=authority, person=p, started_on=today - timedelta(days=rng.randint(30, 2000)))
        for p in people
    )  # fmt: skip
    placements = []
    for period in periods:  # two or three placements each, the last open
        moves = sorted(rng.sample(range(1, max(2, (today - period.started_on).days)), rng.choice((1, 2))))
        starts = [period.started_on] + [period.started_on + timedelta(days=d) for d in moves]
        for i, start in enumerate(starts):
            n = rng.randrange(len(providers))
            kind, place, _ = kinds[n % 4]
            placements.append(Placement(authority=authority, person=period.person, period=period, provider=providers[n],
                                        placement_type=place, category=codes.category_of(place, kind), started_on=start,
                                        ended_on=starts[i + 1] if i + 1 < len(starts) else None,
                                        change_reason="CARPL" if i + 1 < len(starts) else ""))  # fmt: skip
    Placement.objects.bulk_create(placements, batch_size=2000)
    client = Client()
    client.force_login(analyst)
    times, queries = [], 0
    for _ in range(args.repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get("/care/placements/")
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        queries = len(captured)
    print(f"placements page, {args.children:,} children, {len(placements):,} placements ({connection.vendor}): "
          f"median {statistics.median(times):.1f} ms, fastest {min(times):.1f} ms, {queries} queries")  # fmt: skip


if __name__ == "__main__":
    main()
