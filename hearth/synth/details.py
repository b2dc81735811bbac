"""Identifiers and addresses for invented people, each passing the same checks as typed ones."""

from __future__ import annotations

import random
from datetime import date

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


def unique_pupil_number(rng: random.Random, born: date) -> str:
    body = f"{rng.choice(UPN_LA_CODES)}{rng.randint(1000, 7999)}{(born.year + 5) % 100:02d}{rng.randint(0, 999):03d}"
    return str(upn.calc_check_digit(body)) + body


def postcode(rng: random.Random, district_number: int) -> str:
    """In the invented BK (Brackenshire) postcode area, which no real address uses."""
    unit = "".join(rng.choice("ABDEFGHJLNPQRSTUWXY") for _ in range(2))
    return f"BK{district_number * 3 + rng.randint(1, 3)} {rng.randint(1, 9)}{unit}"


def street_address(rng: random.Random) -> str:
    return f"{rng.randint(1, 180)} {rng.choice(STREETS)}"
