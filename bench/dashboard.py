"""The performance dashboards (issue 8) on the full demo county: each page's server time, signed in as an
analyst, through Django's test client.

Run: .venv/bin/python bench/dashboard.py [--database var/validate-returns-2026-11-23.sqlite3] [--repeat 5]
                                         [--reuse DIR] [--on 2026-11-23] [--district NAME]
     --database: a demo county made by `hearth demo` or scripts/validate-returns; it is COPIED to a new folder
       and migrated there (the original is never written to). --reuse DIR: a folder from an earlier run.
Target (issue 8): under 1 s server time per page, with a query count that does not grow with the records.
Each page shows the 12 months to --on (default: today), for the whole council or --district. Times are
medians of --repeat requests after one to warm up; the query count is the warm-up's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from harness import keep_one_connection, start_django

DEFAULT_DATABASE = Path(__file__).resolve().parents[1] / "var" / "validate-returns-2026-11-23.sqlite3"


def with_query_count(connection: Any, fetch: Callable[[], Any]) -> tuple[Any, int]:
    """What `fetch` returns, and how many queries it ran (counted as they run, whatever DEBUG says)."""
    queries = []

    def note(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        result = fetch()
    return result, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default=str(DEFAULT_DATABASE))
    parser.add_argument("--reuse", default="")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--on", default="")
    parser.add_argument("--district", default="")
    args = parser.parse_args()
    if os.environ.get("DATABASE_URL"):
        raise SystemExit("This benchmark reads a copy of a demo county's SQLite file: unset DATABASE_URL")
    workdir = args.reuse
    if not workdir:
        workdir = tempfile.mkdtemp(prefix="hearth-bench-dashboard-")
        started = time.perf_counter()
        shutil.copyfile(args.database, Path(workdir, "hearth.sqlite3"))
        print(f"copied {args.database} to {workdir} in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    start_django(workdir)
    print(f"migrated the copy in {time.perf_counter() - started:.0f} s")

    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from hearth.accounts.models import User
    from hearth.accounts.roles import Role
    from hearth.organisation.models import District
    from hearth.performance.indicators import INDICATORS
    from hearth.performance.periods import twelve_months_to

    setup_test_environment()
    keep_one_connection()
    analyst = User.objects.filter(role=Role.PERFORMANCE_ANALYST, is_active=True).order_by("pk").first()
    if analyst is None:
        raise SystemExit("The county has no performance analyst to sign in as")
    client = Client()
    client.force_login(analyst)
    start, end = twelve_months_to(date.fromisoformat(args.on) if args.on else timezone.localdate())
    query = {"start_0": start.day, "start_1": start.month, "start_2": start.year,
             "end_0": end.day, "end_1": end.month, "end_2": end.year, "district": ""}  # fmt: skip
    if args.district:
        query["district"] = District.objects.get(authority_id=analyst.authority_id, name=args.district).pk
    pages = {"/performance/": "Index (every headline figure)"}
    pages |= {f"/performance/{key}/": indicator.name for key, indicator in INDICATORS.items()}
    pages["/performance/referrals/trend.csv"] = "A table as CSV (referrals each month)"
    print(f"database: {connection.vendor}; {start} to {end}, {args.district or 'all districts'}; "
          f"median of {args.repeat}")  # fmt: skip
    medians = []
    report = {"on_0": end.day, "on_1": end.month, "on_2": end.year}
    requests = [(url, name, query) for url, name in pages.items()]
    requests.append(("/reports/performance/", "The report for members (/reports/performance/)", report))
    for url, name, asked in requests:
        response, queries = with_query_count(connection, partial(client.get, url, asked))
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(url, asked)
            times.append(time.perf_counter() - started)
        medians.append(statistics.median(times))
        print(f"  {name:<58} {medians[-1] * 1000:6.0f} ms  {queries:3} queries")
    print(f"slowest page {max(medians) * 1000:.0f} ms; target under 1,000 ms per page")


if __name__ == "__main__":
    main()
