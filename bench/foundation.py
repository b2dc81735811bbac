"""Figures for the foundation: demo county creation, audit append and verify, a person page.

Run: .venv/bin/python bench/foundation.py [--scale 1] [--repeat 5]
Uses a throwaway SQLite file (or DATABASE_URL if set). Prints medians; machines are shared and noisy,
so compare ratios between runs on the same machine, not absolute numbers between machines.
"""

from __future__ import annotations

import argparse
import statistics
import time

from harness import start_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    workdir = start_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from hearth.accounts.models import User
    from hearth.audit.models import AuditAction
    from hearth.audit.services import audit_record, audit_verify
    from hearth.people.models import Allocation
    from hearth.synth.county import synth_county

    setup_test_environment()
    print(f"database: {connection.vendor} ({workdir})")

    started = time.perf_counter()
    summary = synth_county(seed=1, scale=args.scale)
    print(f"synth --scale {args.scale}: {time.perf_counter() - started:.2f} s "
          f"({summary.staff} staff, {summary.people} people, {summary.allocations} allocations)")  # fmt: skip

    worker = User.objects.get(username="sw.aldermoor")
    batch = 500
    per_entry = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        for _ in range(batch):
            audit_record(action=AuditAction.VIEW, summary="Benchmark", actor=worker)
        per_entry.append((time.perf_counter() - started) / batch * 1000)
    print(
        f"audit append: median {statistics.median(per_entry):.3f} ms per entry ({args.repeat} runs of {batch})"
    )

    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        counts, problems = audit_verify()
        timings.append(time.perf_counter() - started)
    total = sum(counts.values())
    median = statistics.median(timings)
    print(f"audit verify: median {median:.3f} s for {total} entries ({total / median:,.0f} entries/s), "
          f"{len(problems)} problems")  # fmt: skip

    client = Client()
    client.force_login(worker)
    person_id = Allocation.objects.filter(worker=worker).values_list("person_id", flat=True).first()
    for name, path in (("my work", "/"), ("person page", f"/people/{person_id}/"), ("people search", "/people/?q=smith"),
                       ("staff directory", "/staff/")):  # fmt: skip
        client.get(path)  # warm
        timings = []
        for _ in range(args.repeat * 4):
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        print(f"{name}: median {statistics.median(timings):.1f} ms, {len(queries)} queries")


if __name__ == "__main__":
    main()
