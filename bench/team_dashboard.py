"""The team manager's dashboard for a team of 15 workers with 300 open involvements.

Run: .venv/bin/python bench/team_dashboard.py [--repeat 30]
     DATABASE_URL=postgres://... .venv/bin/python bench/team_dashboard.py
Target (issue 4): median server time under 200 ms, with a query count that does not grow with the children.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, timedelta

from harness import keep_one_connection, start_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=15)
    parser.add_argument("--involvements", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    start_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from hearth.accounts.models import User
    from hearth.accounts.roles import Role
    from hearth.casework.models import (
        Assessment,
        CaseAction,
        Conference,
        Involvement,
        Meeting,
        ProtectionPlan,
    )
    from hearth.organisation.models import Authority, District, Team
    from hearth.people.models import Allocation, Person

    setup_test_environment()
    keep_one_connection()
    authority = Authority.objects.create(name="Bench County Council", short_name="Bench", dfe_code="995")
    district = District.objects.create(authority=authority, name="Bench", code="bench")
    team = Team.objects.create(
        authority=authority, name="Safeguarding 1", kind="safeguarding", district=district
    )
    manager = User.objects.create(username="tm", authority=authority, team=team, role=Role.TEAM_MANAGER)
    workers = [User.objects.create(username=f"sw{n}", authority=authority, team=team, role=Role.PRACTITIONER,
                                   last_name=f"Worker {n:02d}") for n in range(args.workers)]  # fmt: skip
    today = date.today()
    client = Client()
    client.force_login(manager)

    def add(count: int, offset: int) -> None:
        people = Person.objects.bulk_create(Person(authority=authority, district=district, given_name=f"Child{offset + n}",
                                                   family_name="Bench") for n in range(count))  # fmt: skip
        Allocation.objects.bulk_create(Allocation(authority=authority, person=p, worker=workers[n % len(workers)], team=team,
                                                  started_on=today) for n, p in enumerate(people))  # fmt: skip
        kinds = ["social_care", "social_care", "child_protection", "early_help", "social_care"]
        Involvement.objects.bulk_create(Involvement(authority=authority, person=p, kind=kinds[n % 5], started_on=today)
                                        for n, p in enumerate(people))  # fmt: skip
        ProtectionPlan.objects.bulk_create(
            ProtectionPlan(authority=authority, person=p, category="NEG", started_on=today - timedelta(days=30),
                           core_group_due_on=today, next_review_due_on=today + timedelta(days=60),
                           next_visit_due_on=today - timedelta(days=n % 3)) for n, p in enumerate(people) if n % 5 == 2
        )  # fmt: skip
        Conference.objects.bulk_create(Conference(authority=authority, person=p, kind="review", due_on=today)
                                       for n, p in enumerate(people) if n % 5 == 2)  # fmt: skip
        Assessment.objects.bulk_create(Assessment(authority=authority, person=p, worker=workers[n % len(workers)],
                                                  started_on=today - timedelta(days=50), due_on=today - timedelta(days=n % 2))
                                       for n, p in enumerate(people) if n % 4 == 0)  # fmt: skip
        # Every child has a meeting due (a core group or a plan review), some overdue, and two actions.
        meetings = Meeting.objects.bulk_create(
            Meeting(authority=authority, person=p, kind="core_group" if n % 5 == 2 else "cin_review",
                    due_on=today + timedelta(days=n % 7 - 2), held_on=None) for n, p in enumerate(people)
        )  # fmt: skip
        CaseAction.objects.bulk_create(
            CaseAction(authority=authority, person=m.person, meeting=m, description="Bench action",
                       owner=workers[(n + k) % len(workers)], due_on=today - timedelta(days=k), created_by=manager)
            for n, m in enumerate(meetings) for k in range(2)
        )  # fmt: skip

    add(30, 0)
    client.get("/team/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/team/")
    few = len(captured.captured_queries)
    add(args.involvements - 30, 30)
    client.get("/team/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/team/")
    many = len(captured.captured_queries)
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        response = client.get("/team/")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    print(f"database: {connection.vendor}")
    print(f"team dashboard, {args.workers} workers, {args.involvements} open involvements: median "
          f"{statistics.median(timings):.1f} ms, p95 {sorted(timings)[int(len(timings) * 0.95) - 1]:.1f} ms server time")  # fmt: skip
    print(f"queries: {few} with 30 involvements, {many} with {args.involvements}")


if __name__ == "__main__":
    main()
