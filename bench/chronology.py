"""The chronology page of a person with 2,000 events: server time and query count.

Run: .venv/bin/python bench/chronology.py [--events 2000] [--repeat 30]
     DATABASE_URL=postgres://... .venv/bin/python bench/chronology.py
Target (issue 3): median under 150 ms server time, and a query count that does not grow with the events.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from harness import keep_one_connection, start_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    start_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from hearth.accounts.models import User
    from hearth.accounts.roles import Role
    from hearth.chronology.models import ChronologyEntry, EntryKind
    from hearth.organisation.models import Authority, District, Team
    from hearth.people.models import Allocation, Person
    from hearth.synth.rows import insert_rows

    setup_test_environment()
    authority = Authority.objects.create(name="Bench County Council", short_name="Bench", dfe_code="996")
    district = District.objects.create(authority=authority, name="Bench", code="bench")
    team = Team.objects.create(
        authority=authority, name="Safeguarding", kind="safeguarding", district=district
    )
    worker = User.objects.create(username="sw", authority=authority, team=team, role=Role.PRACTITIONER,
                                 first_name="Sam", last_name="Worker")  # fmt: skip
    child = Person.objects.create(
        authority=authority, district=district, given_name="Ava", family_name="Bench"
    )
    Allocation.objects.create(
        authority=authority, person=child, worker=worker, team=team, started_on="2024-01-01"
    )
    start = datetime(2020, 1, 1, 9, tzinfo=ZoneInfo("Europe/London"))
    kinds = [k for k, _ in EntryKind.choices]

    def add(count: int, offset: int) -> None:
        insert_rows(ChronologyEntry, ["authority", "person", "occurred_at", "kind", "title", "detail", "source_type",
                                      "source_id", "significant", "hidden", "recorded_by", "recorded_at"],
                    [(authority.pk, child.pk, start + timedelta(hours=7 * (offset + n)), kinds[n % len(kinds)],
                      f"Event {offset + n}: home visit, Ava seen alone", "Ava said school is going better. " * 3,
                      "", "", n % 9 == 0, False, worker.pk, start) for n in range(count)])  # fmt: skip

    keep_one_connection()
    client = Client()
    client.force_login(worker)
    url = f"/people/{child.pk}/chronology/"
    add(100, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    few = len(captured.captured_queries)  # read now: the slice is taken from the live query log
    add(args.events - 100, 100)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    many = len(captured.captured_queries)
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    print(f"database: {connection.vendor}")
    print(f"chronology page, {args.events:,} events: median {statistics.median(timings):.1f} ms, "
          f"p95 {sorted(timings)[int(len(timings) * 0.95) - 1]:.1f} ms server time ({args.repeat} requests)")  # fmt: skip
    print(f"queries: {few} with 100 events, {many} with {args.events:,}")


if __name__ == "__main__":
    main()
