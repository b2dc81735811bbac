"""Carers and providers for the demo county's children looked after, and their weekly rates.

Our own foster households (one to three places, some spare so placement finding has matches), agencies,
children's homes, supported accommodation, residential schools, a mother and baby unit, secure homes and
other providers, in the county and out of it, at real postcodes (hearth.synth.details: the county's are
Staffordshire's, the rest its neighbours'). The council's own provision (PR1: foster carers, connected
carers, its adopters, homes and secure unit) is all in the county, as is supported accommodation (903 rules
1015 and 241 as the validator applies them). Connected carers and adopters are made one per child or group
of brothers and sisters, as they are found. Current weekly rates are calibrated so that each budget
category's children cost, in a year, what Appendix 4 of seed 000 says they do.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hearth.care.codes import APPENDIX_4, Category
from hearth.care.models import ProviderKind as K
from hearth.synth import details
from hearth.synth.chance import weighted
from hearth.synth.names import FAMILY, GIVEN_FEMALE, GIVEN_MALE

COUNTY = "Brackenshire County Council"
KIND_CATEGORY: dict[str, str] = {
    K.CONNECTED: Category.RELATIVE_FRIEND, K.IN_HOUSE_FOSTER: Category.IN_HOUSE,
    K.IFA: Category.INDEPENDENT_FOSTERING, K.CHILDRENS_HOME: Category.HOMES,
    K.SUPPORTED: Category.INDEPENDENT_LIVING, K.RESIDENTIAL_SCHOOL: Category.RESIDENTIAL_SCHOOL,
    K.PARENT_AND_CHILD: Category.MOTHER_AND_BABY, K.SECURE: Category.OTHER, K.OTHER: Category.OTHER,
    K.ADOPTER: Category.ADOPTIVE,
}  # fmt: skip
# Before calibration, how a provider of "other" placements compares with the category's average.
OTHER_RELATIVE = {"K1": 1.9, "R1": 1.0, "R2": 1.3, "R5": 0.8, "Z": 0.55}
SPARE_IN_HOUSE = 0.13  # share of our foster carers' places left free
PLACES = ((1, 35), (2, 45), (3, 20))
PREFIXES = ("Larkspur", "Amberhill", "Quillfield", "Brackenvale", "Tallowmere", "Orrin Valley", "Fennick",
            "Marrowby", "Hollin Brook", "Whitlow Green", "Stavely Cross", "Ashcombe", "Kestrel Moor",
            "Wrenfield", "Copperbeech", "Saltmarsh", "Highgate Vale", "Emberton", "Millbrook", "Thornleigh")  # fmt: skip
HOUSES = ("Larch", "Rowan", "Beech", "Hazel", "Alder", "Holly", "Juniper", "Linden", "Maple", "Willow", "Elm",
          "Aspen", "Cedar", "Hawthorn", "Yew", "Birch", "Sycamore", "Poplar", "Chestnut", "Laurel")  # fmt: skip
HOUSE_KINDS = ("House", "Lodge", "Cottage", "Court", "View")
RELATIONS = (("Grandparents", 30), ("Grandmother", 20), ("Aunt and uncle", 18), ("Aunt", 12), ("Uncle", 5),
             ("Older sister", 5), ("Family friend", 10))  # fmt: skip


@dataclass(eq=False)
class Prov:
    """A provider about to be written."""

    pk: int
    kind: str
    name: str
    place_provider: str
    urn: str
    postcode: str
    in_area: bool
    district_id: int | None
    places: int
    min_age: int = 0
    max_age: int = 17
    offers: list[str] = field(default_factory=list)
    serves: tuple[str, ...] = ()  # for "other" providers: the placement types they offer
    active: bool = True
    used: int = 0  # places taken by children placed now (ours and hosted)
    weekly: float = 0.0  # before calibration, then current

    def fits(self, age: int) -> bool:
        return self.min_age <= age <= self.max_age and self.used < self.places


class Book:
    """Every provider, by kind; picks one for a child now (using a place) or in the past."""

    def __init__(self, rng: random.Random, ids: Any, districts: list[tuple[int, int, str]]) -> None:
        self.rng, self.ids = rng, ids
        self.districts = districts  # (district id, number for postcodes (1 to 8), name)
        self.all: list[Prov] = []
        self.by_kind: dict[str, list[Prov]] = defaultdict(list)
        self.groups: dict[Any, Prov] = {}  # brothers and sisters placed together
        self.urns: set[str] = set()

    # Making providers.
    def add(self, kind: str, name: str, place_provider: str, places: int, *, in_area: bool | None = None,
            urn: bool = True, district_id: int | None = None, **extra: Any) -> Prov:  # fmt: skip
        rng = self.rng
        inside = rng.random() < 0.45 if in_area is None else in_area
        if place_provider == "PR1" or kind == K.SUPPORTED:
            inside = True  # own provision, and supported accommodation, are in the county (see above)
        if inside:
            district = next((d for d in self.districts if d[0] == district_id), None) or rng.choice(
                self.districts
            )
            code, district_id = details.provider_postcode(rng, district[1]), district[0]
        else:
            code, district_id = details.out_of_area_postcode(rng), None
        prov = Prov(next(self.ids), kind, name[:150], place_provider, self._urn() if urn else "", code, inside,
                    district_id, places, **extra)  # fmt: skip
        self.all.append(prov)
        self.by_kind[kind].append(prov)
        return prov

    def _urn(self) -> str:
        while (urn := f"SC{self.rng.randint(100000, 999999)}") in self.urns:
            pass
        self.urns.add(urn)
        return urn

    def stock(self, targets: dict[str, int], other_types: dict[str, int], hosted: int) -> None:
        """The providers the county uses, sized to the children placed now."""
        rng = self.rng
        places = 0
        while places < math.ceil(targets[Category.IN_HOUSE] / (1 - SPARE_IN_HOUSE)) + 1:
            n = weighted(rng, PLACES)[0]
            roll = rng.random()
            ages = (0, 17) if roll < 0.7 else (0, 10) if roll < 0.85 else (8, 17)
            offers = [k for k, share in (("emergency", 0.25), ("disability", 0.1), ("parent_and_child", 0.04))
                      if rng.random() < share]  # fmt: skip
            if n > 1 and rng.random() < 0.7:
                offers.append("siblings")
            if n == 1 and rng.random() < 0.4:
                offers.append("solo")
            if ages[1] >= 13 and rng.random() < 0.45:
                offers.append("teenagers")
            self.add(K.IN_HOUSE_FOSTER, f"{_carers(rng)} (foster carers)", "PR1", n, in_area=True, urn=False,
                     min_age=ages[0], max_age=ages[1], offers=sorted(offers))  # fmt: skip
            places += n
        names = iter(rng.sample([f"{p} {s}" for p in PREFIXES for s in ("Fostering", "Family Placements",
                                 "Foster Care", "Fostering Partnership")], 80))  # fmt: skip
        self._fill(K.IFA, lambda: next(names), targets[Category.INDEPENDENT_FOSTERING] + hosted // 2, (20, 60),
                   ("siblings", "disability", "emergency", "teenagers", "parent_and_child", "solo"), 0.6)  # fmt: skip
        self._homes(targets[Category.HOMES] + hosted - hosted // 2)
        self._fill(K.SUPPORTED, lambda: f"{rng.choice(PREFIXES)} Supported Living", targets[Category.INDEPENDENT_LIVING],
                   (20, 60), ("teenagers", "solo", "parent_and_child", "emergency"), 1.0, min_age=16)  # fmt: skip
        self._fill(K.RESIDENTIAL_SCHOOL, lambda: f"{rng.choice(PREFIXES)} Hall School",
                   max(targets[Category.RESIDENTIAL_SCHOOL], 6), (10, 40), ("disability", "teenagers"), 0.2, min_age=8)  # fmt: skip
        self._fill(K.PARENT_AND_CHILD, lambda: f"{rng.choice(PREFIXES)} Mother and Baby Unit",
                   targets[Category.MOTHER_AND_BABY] + 2, (4, 8), ("parent_and_child",), 0.5, min_age=13, pp="PR4")  # fmt: skip
        # Another council's secure children's home (PR2: most are run by councils; 903 rule 529 forbids PR3).
        self.add(K.SECURE, f"{rng.choice(PREFIXES)} Secure Children’s Home", "PR2", 12, in_area=False, min_age=10,
                 offers=["solo"], serves=("K1",))  # fmt: skip
        if other_types.get("K1", 0) > 6:
            self.add(K.SECURE, "Brackenshire Secure Unit", "PR1", 8, in_area=True, min_age=10, serves=("K1",))
        for ptype, name, pp, size in (("R1", "Care Home", "PR4", 6), ("R2", "Adolescent Unit (NHS)", "PR3", 10),
                                      ("R5", "Young Offender Institution", "PR3", 40)):  # fmt: skip
            while (
                sum(p.places for p in self.by_kind[K.OTHER] if ptype in p.serves)
                < other_types.get(ptype, 0) + 1
            ):
                self.add(K.OTHER, f"{rng.choice(PREFIXES)} {name}", pp, size, urn=False, serves=(ptype,),
                         min_age=15 if ptype == "R5" else 0)  # fmt: skip
        z = sum(n for t, n in other_types.items() if t.startswith("Z"))
        while sum(p.places for p in self.by_kind[K.OTHER] if "Z11" in p.serves) < z + 2:
            self.add(K.OTHER, f"{rng.choice(PREFIXES)} Bespoke Care", "PR4", 6, urn=False,
                     serves=("Z11", "Z12", "Z13", "Z14"))  # fmt: skip

    def _fill(self, kind: str, name: Any, needed: int, size: tuple[int, int], offers: tuple[str, ...],
              in_area: float, min_age: int = 0, pp: str = "") -> None:  # fmt: skip
        rng = self.rng
        while sum(p.places for p in self.by_kind[kind]) < max(needed * 1.3, 1):
            chosen = [o for o in offers if rng.random() < 0.6] or [offers[0]]
            self.add(kind, name(), pp or ("PR4" if rng.random() < 0.75 else "PR5"), rng.randint(*size),
                     in_area=rng.random() < in_area, min_age=min_age, offers=chosen)  # fmt: skip

    def _homes(self, needed: int) -> None:
        rng = self.rng
        council = 0
        while sum(p.places for p in self.by_kind[K.CHILDRENS_HOME]) < max(needed / 0.9, 2):
            house = f"{rng.choice(HOUSES)} {rng.choice(HOUSE_KINDS)}"
            if council < 4 and rng.random() < 0.15:
                council += 1
                owner, pp, inside = COUNTY, "PR1", True
            else:
                owner, pp, inside = (
                    f"{rng.choice(PREFIXES)} Care",
                    weighted(rng, (("PR4", 85), ("PR5", 15)))[0],
                    None,
                )
            n = rng.randint(2, 6)
            offers = ["teenagers"] + [
                o for o, share in (("disability", 0.15), ("emergency", 0.2)) if rng.random() < share
            ]
            if n == 2 and rng.random() < 0.5:
                offers.append("solo")
            self.add(K.CHILDRENS_HOME, f"{house} ({owner})", pp, n, in_area=inside,
                     min_age=rng.choice((8, 10, 11)), offers=sorted(offers))  # fmt: skip

    # Choosing providers.
    def now(self, kind: str, age: int, ptype: str = "", group: Any = None) -> Prov:
        """A provider with a free place for a child placed now; a brother or sister's if it has room."""
        if group is not None and (same := self.groups.get((kind, group))) and same.used < same.places:
            same.used += 1
            return same
        pool = [p for p in self.by_kind[kind] if not p.serves or not ptype or ptype in p.serves]
        choices = [p for p in pool if p.fits(age)] or [p for p in pool if p.used < p.places]
        if choices:
            prov = self.rng.choice(choices)
        else:  # the stock ran out: approve one more
            base = pool[0] if pool else None
            prov = self.add(kind, base.name if base else kind, base.place_provider if base else "PR4",
                            base.places if base else 4, urn=bool(base and base.urn),
                            serves=base.serves if base else ())  # fmt: skip
        prov.used += 1
        if group is not None:
            self.groups[(kind, group)] = prov
        return prov

    def before(self, kind: str, ptype: str, avoid: Prov | None) -> Prov:
        """A provider a child lived with in the past: never `avoid` (the next one), nor one the return could
        not tell from it (the same postcode and provider code: 903 rule 435 needs a move to show)."""
        pool = [p for p in self.by_kind[kind] if (not p.serves or ptype in p.serves) and p is not avoid
                and not (avoid and (p.postcode, p.place_provider) == (avoid.postcode, avoid.place_provider))]  # fmt: skip
        if pool:
            return self.rng.choice(pool)
        like = avoid or next(iter(self.by_kind[kind]), None)  # the only one there is: one since closed
        name = f"{self.rng.choice(PREFIXES)} {kind.replace('_', ' ').title()}"
        return self.add(kind, name, like.place_provider if like else "PR4", like.places if like else 4,
                        urn=bool(like and like.urn), serves=like.serves if like else (), active=False,
                        min_age=like.min_age if like else 0)  # fmt: skip

    def connected(self, relation_of: str, district_id: int | None, places: int, active: bool) -> Prov:
        relation = weighted(self.rng, RELATIONS)[0]
        return self.add(K.CONNECTED, f"{relation} of {relation_of}", "PR1", places, urn=False,
                        in_area=True, district_id=district_id, active=active,
                        offers=["siblings"] if places > 1 else [])  # fmt: skip

    def adopter(self, name: str, district_id: int | None, places: int, active: bool) -> Prov:
        """Adopters the regional adoption agency approved: ours in the county (PR1), or, with no district,
        a household another council in the agency approved, out of the county (PR2)."""
        ours = district_id is not None
        return self.add(K.ADOPTER, name, "PR1" if ours else "PR2", places, urn=False, in_area=ours,
                        district_id=district_id, active=active)  # fmt: skip

    def hosting(self, age: int) -> Prov:
        """An in-county home or agency with room for a child another council looks after."""
        kind = K.CHILDRENS_HOME if self.rng.random() < 0.5 else K.IFA
        pool = [p for p in self.by_kind[kind] if p.in_area and p.fits(age)] or [
            p for p in self.all if p.in_area and p.kind in (K.CHILDRENS_HOME, K.IFA) and p.used < p.places
        ]
        if pool:
            prov = self.rng.choice(pool)
        else:  # every place in the county is taken: one more home or agency in the county approves a place
            base = self.by_kind[kind][0] if self.by_kind[kind] else None
            prov = self.add(kind, base.name if base else kind, base.place_provider if base else "PR4",
                            base.places if base else 4, in_area=True, urn=bool(base and base.urn))  # fmt: skip
        prov.used += 1
        return prov


def _carers(rng: random.Random) -> str:
    surname = rng.choice(FAMILY)
    first = rng.choice(GIVEN_FEMALE)
    roll = rng.random()
    if roll < 0.6:
        return f"{first} and {rng.choice(GIVEN_MALE)} {surname}"
    if roll < 0.7:
        return f"{first} and {rng.choice(GIVEN_FEMALE)} {surname}"
    return f"{first} {surname}"


def rate_rows(rng: random.Random, authority_id: int, book: Book, current: list[tuple[Prov | None, str]],
              today: date) -> tuple[list[tuple[Any, ...]], dict[str, float]]:  # fmt: skip
    """Each provider's previous and current weekly rate. `current` is (provider, category) of each placement
    open now: the current rates of each category are scaled so that those placements cost, in a year,
    Appendix 4's count times its average. Returns the rows and each category's yearly total."""
    for prov in book.all:
        category = KIND_CATEGORY[prov.kind]
        base = APPENDIX_4[category][1] / 52
        spread = 0.25 if prov.kind == K.CHILDRENS_HOME else 0.2
        serves = prov.serves[0] if prov.serves else ""
        relative = OTHER_RELATIVE.get("Z" if serves.startswith("Z") else serves, 1.0)
        prov.weekly = base * relative * rng.uniform(1 - spread, 1 + spread)
    wanted: dict[str, float] = defaultdict(float)
    raw: dict[str, float] = defaultdict(float)
    for placed, category in current:
        wanted[category] += APPENDIX_4[category][1] / 52
        raw[category] += placed.weekly if placed else 0.0
    factor = {c: wanted[c] / raw[c] if raw[c] else 1.0 for c in raw}
    fy = today.year if today >= date(today.year, 4, 1) else today.year - 1
    starts, before = date(fy, 4, 1), date(fy - 1, 4, 1)
    rows: list[tuple[Any, ...]] = []
    for prov in book.all:
        category = KIND_CATEGORY[prov.kind]
        weekly = (
            Decimal("0.00")
            if category == Category.ADOPTIVE
            else Decimal(f"{prov.weekly * factor.get(category, 1.0):.2f}")
        )
        prov.weekly = float(weekly)
        previous = Decimal(f"{float(weekly) / rng.uniform(1.03, 1.04):.2f}")
        rows.append((authority_id, prov.pk, previous, before, starts - timedelta(days=1)))
        rows.append((authority_id, prov.pk, weekly, starts, None))
    yearly: dict[str, float] = defaultdict(float)
    for placed, category in current:
        yearly[category] += placed.weekly * 52 if placed else 0.0
    return rows, dict(yearly)
