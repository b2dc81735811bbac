"""Each statutory return for the demo county: time and peak memory.

Run: .venv/bin/python bench/returns.py [--scale 1.0] [--repeat 3] [--reuse DIR]
     (--reuse DIR: a folder from an earlier run, whose SQLite county is used again instead of rebuilt)
Target (issue 6): each return under 30 s for the demo county; peak memory reported.
Times are taken without tracemalloc (it slows this much allocation several times over); one more run of
each, traced, gives its peak Python memory.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from harness import start_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", default="")
    args = parser.parse_args()
    workdir = start_django(args.reuse or None)
    from hearth.organisation.models import Authority
    from hearth.returns.annex_a import write_annex_a
    from hearth.returns.cin import write_cin
    from hearth.returns.dfe_api import write_api_payloads
    from hearth.returns.ssda903 import write_ssda903
    from hearth.returns.years import CollectionYear
    from hearth.synth.county import synth_county

    if not Authority.objects.exists():
        started = time.perf_counter()
        synth_county(seed=1, scale=args.scale)
        print(
            f"built the county (scale {args.scale}) in {time.perf_counter() - started:.0f} s; folder {workdir}"
        )
    authority = Authority.objects.get()
    year = CollectionYear(2026)
    out = Path(tempfile.mkdtemp(prefix="hearth-returns-"))
    returns = {
        "SSDA903 (this year and last)": lambda: write_ssda903(
            authority_id=authority.pk, year=year, out=out / "903"
        ),
        "CIN census": lambda: write_cin(authority=authority, year=year, out=out / "cin.xml"),
        "Annex A (inspection on 31 March 2026)": lambda: write_annex_a(
            authority=authority, on=year.end, out=out / "annex-a.xlsx"
        ),
        "DfE API records (31 March 2026, all new)": lambda: write_api_payloads(
            authority=authority, on=year.end, out=out / "api", previous=out / "none"
        ),
    }
    for name, produce in returns.items():
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            produce()
            times.append(time.perf_counter() - started)
        tracemalloc.start()
        produce()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"{name}: median {statistics.median(times):.2f} s, fastest {min(times):.2f} s, "
              f"peak Python memory {peak:.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
