"""Identifiers and addresses for invented people, each passing the same checks as typed ones.

Postcodes are real: Brackenshire sits on Staffordshire's postcode geography, so the DfE validators can
place each address in a real council and measure distances. `data/postcodes.csv` holds a sample from the
ONS Postcode Directory (Open Government Licence v3.0; written by `data/make_postcodes.py`): about 250
postcodes for each of Staffordshire's eight districts, which the demo's eight districts take in name order,
and about 40 from each of a few councils around it for out-of-area providers.
"""

from __future__ import annotations

import csv
import math
import random
from collections import defaultdict
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from stdnum.gb import upn

STREETS = (
    "Mill Lane", "Church Street", "Station Road", "Meadow View", "Orchard Close", "Brook Street", "Victoria Road",
    "Cedar Avenue", "Kiln Way", "Canal Side", "Market Street", "Park Crescent", "Chase View", "Ashgrove",
    "Foundry Lane", "Heath Road", "Willow Walk", "Potters Row", "Moorland Road", "School Lane",
)  # fmt: skip
# UPNs are issued by the school's authority, so real LA codes appear in them (validators check them).
UPN_LA_CODES = ("860", "861", "893", "894", "885", "937")


def nhs_number(rng: random.Random) -> str:
    """Ten digits with a valid modulus 11 check digit. Numbers starting 999 are never issued."""
    while True:
        digits = [9, 9, 9, *(rng.randint(0, 9) for _ in range(6))]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)


class Issued:
    """Numbers no two people share. Each is drawn from the county's random stream as before; one already
    issued is drawn again from a stream of its own, so the rest of the county comes out the same."""

    def __init__(self, used: set[str] | None = None) -> None:
        self.used = set(used or ())
        self.spare = random.Random(31)

    def nhs(self, rng: random.Random) -> str:
        return self._keep(nhs_number(rng), nhs_number)

    def upn(self, rng: random.Random, born: date) -> str:
        return self._keep(unique_pupil_number(rng, born), lambda spare: unique_pupil_number(spare, born))

    def _keep(self, value: str, draw: Any) -> str:
        while value in self.used:
            value = draw(self.spare)
        self.used.add(value)
        return value


def unique_pupil_number(rng: random.Random, born: date) -> str:
    body = f"{rng.choice(UPN_LA_CODES)}{rng.randint(1000, 7999)}{(born.year + 5) % 100:02d}{rng.randint(0, 999):03d}"
    return str(upn.calc_check_digit(body)) + body


POSTCODES = Path(__file__).parent / "data" / "postcodes.csv"
OUT_OF_AREA = "out"
DISTRICTS = 8
# Every fifth postcode of a district is kept for carers and providers, the rest for families' homes, so no
# child is placed at the postcode of the home they came from (903 rule 392d, except with parents).
PROVIDER_SHARE = 5


@cache
def _postcodes() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, int, int]]]:
    """The sample's postcodes by area ("1" to "8", or "out"), and each one's area, easting and northing."""
    by_area: dict[str, list[str]] = defaultdict(list)
    where: dict[str, tuple[str, int, int]] = {}
    with POSTCODES.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_area[row["area"]].append(row["postcode"])
            where[row["postcode"]] = (row["area"], int(row["easting"]), int(row["northing"]))
    return {area: tuple(codes) for area, codes in by_area.items()}, where


def district_postcodes(district_number: int) -> tuple[str, ...]:
    """Every postcode the district (1 to 8, the demo's districts in name order) may use."""
    if not 1 <= district_number <= DISTRICTS:
        raise ValueError(f"No district {district_number}: the demo county has districts 1 to {DISTRICTS}")
    return _postcodes()[0][str(district_number)]


def postcode(rng: random.Random, district_number: int) -> str:
    """A real postcode for a home in the district (1 to 8, the demo's districts in name order): Aldermoor
    takes Cannock Chase's, Brackenford East Staffordshire's, and so on to Hallow Heath, which takes
    Tamworth's."""
    codes = district_postcodes(district_number)
    while (i := rng.randrange(len(codes))) % PROVIDER_SHARE == 0:
        pass
    return codes[i]


def provider_postcode(rng: random.Random, district_number: int) -> str:
    """A real postcode in the district for a carer or provider: never one a family's home has."""
    return rng.choice(district_postcodes(district_number)[::PROVIDER_SHARE])


def out_of_area_postcode(rng: random.Random) -> str:
    """A real postcode outside the county: a neighbouring council's, now and then one further away."""
    return rng.choice(_postcodes()[0][OUT_OF_AREA])


def nearby_postcode(rng: random.Random, near: str) -> str:
    """A carer's or provider's postcode in the same district as `near` (any district, if it is not in the
    county)."""
    area = _postcodes()[1].get(near, (OUT_OF_AREA, 0, 0))[0]
    return provider_postcode(rng, int(area) if area != OUT_OF_AREA else rng.randint(1, DISTRICTS))


def in_county(code: str) -> bool:
    return _postcodes()[1].get(code, (OUT_OF_AREA, 0, 0))[0] != OUT_OF_AREA


def miles_between(a: str, b: str) -> float | None:
    """Miles between two of the sample's postcodes, as the DfE's guidance and the SSDA903 validator measure
    them (straight line between the ONS grid references, metres to miles by 1.6093, to one decimal place);
    None when either is blank or not in the sample."""
    where = _postcodes()[1]
    if a not in where or b not in where:
        return None
    (_, e1, n1), (_, e2, n2) = where[a], where[b]
    return round(math.sqrt((e1 - e2) ** 2 + (n1 - n2) ** 2) / 1000 / 1.6093 * 10) / 10


def street_address(rng: random.Random) -> str:
    return f"{rng.randint(1, 180)} {rng.choice(STREETS)}"
