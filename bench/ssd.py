"""The SSD round trip for the demo county: export, import into an empty Hearth, and the returns from both.

Run: .venv/bin/python bench/ssd.py [--scale 1.0] [--reuse DIR]
     (--reuse DIR: a folder from an earlier run; its county is used again instead of rebuilt)
Each step runs in a process of its own, so each peak is that step's: the process's maximum resident size
(tracemalloc is not used: it slows this much allocation several times over). Prints whether the SSDA903 return and CIN census came out identical.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEPS = ("export", "import", "import-again", "returns")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--reuse", default="")
    parser.add_argument("--step", default="")
    parser.add_argument("--side", default="from")
    args = parser.parse_args()
    if args.step:
        return step(args.step, Path(args.reuse), args.side, args.scale)
    work = Path(args.reuse or tempfile.mkdtemp(prefix="hearth-ssd-bench-"))
    print(f"folder {work}")
    if not (work / "from" / "hearth.sqlite3").exists():
        run(work, "build", "from", args.scale)
    run(work, "export", "from", args.scale)
    for database in (work / "into").glob("hearth.sqlite3*"):
        database.unlink()
    run(work, "import", "into", args.scale)
    run(work, "import-again", "into", args.scale)
    for side in ("from", "into"):
        run(work, "returns", side, args.scale)
    same_903 = not _differences(filecmp.dircmp(work / "from-903", work / "into-903"))
    same_cin = _body(work / "from-cin.xml") == _body(work / "into-cin.xml")
    print(f"SSDA903 identical: {same_903}; CIN census identical: {same_cin}")


def run(work: Path, name: str, side: str, scale: float) -> None:
    env = {**os.environ, "HEARTH_VAR_DIR": str(work / side)}
    (work / side).mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        __file__,
        "--step",
        name,
        "--reuse",
        str(work),
        "--side",
        side,
        "--scale",
        str(scale),
    ]
    subprocess.run(command, env=env, check=True)  # noqa: S603 (this script, run again for one step)


def step(name: str, work: Path, side: str, scale: float) -> None:
    from harness import start_django

    start_django(str(work / side))
    from hearth.organisation.models import Authority

    started = time.perf_counter()
    summary = ""
    if name == "build":
        from hearth.synth.county import synth_county

        synth_county(seed=1, scale=scale)
    elif name == "export":
        from hearth.returns.ssd.export import write_ssd

        counts = write_ssd(authority_id=Authority.objects.get().pk, out=work / "ssd")
        summary = f"{sum(counts.values()):,} rows in {len(counts)} tables, {counts['ssd_person']:,} people"
    elif name in {"import", "import-again"}:
        from hearth.returns.ssd.load import importer_for, ssd_import

        council = Authority.objects.first() or Authority.objects.create(
            name="Brackenshire County Council", short_name="Brackenshire", dfe_code="999"
        )
        result = ssd_import(by=importer_for(council), folder=work / "ssd")
        summary = (f"{result.people_added:,} people added, {result.people_already_imported:,} imported before, "
                   f"{sum(result.records.values()):,} records")  # fmt: skip
    else:
        from hearth.returns.cin import write_cin
        from hearth.returns.ssda903 import write_ssda903
        from hearth.returns.years import CollectionYear

        council = Authority.objects.get()
        write_ssda903(authority_id=council.pk, year=CollectionYear(2026), out=work / f"{side}-903")
        write_cin(authority=council, year=CollectionYear(2026), out=work / f"{side}-cin.xml")
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{name} ({side}): {seconds:.1f} s, maximum resident {rss:.0f} MiB"
          + (f"; {summary}" if summary else ""))  # fmt: skip


def _differences(comparison: filecmp.dircmp[str]) -> list[str]:
    found = comparison.left_only + comparison.right_only + comparison.diff_files
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found


def _body(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if "<DateTime>" not in line]


if __name__ == "__main__":
    main()
