"""Duplicate-candidate search at scale: median and p95 per query, and how often the right person is first.

Run: .venv/bin/python bench/person_search.py --people 1000000 [--queries 300]
     DATABASE_URL=postgres://... .venv/bin/python bench/person_search.py --people 1000000
A throwaway SQLite file is used unless DATABASE_URL is set (then a fresh database is created on that
server: the URL's database name with "_bench" added). Target (issue 3): p95 under 100 ms at 1,000,000.

Names follow a long tail like the real population's (the commonest hundred surnames cover about a fifth
of people); each query is a real person typed with a mistake (a typo in a name, day and month swapped,
no NHS number), as at the front door.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta

from harness import start_django

SYLLABLES = ("al an ar ash bar bel ber bo bram brook by car chester cole cot dale den don dun el en er "
             "far ford gar gate ham har hart hay hol ing ken kin la lan ley lin low mar mere mil mor nel ney "
             "or ow pen per ridge ro ros sel shaw son stan ston ter thorn ton tree val vin wal well wick win "
             "wood worth").split()  # fmt: skip


def nhs_number(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(9)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check == 11:
            check = 0
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def typo(rng: random.Random, name: str) -> str:
    if len(name) < 4:
        return name
    i = rng.randint(1, len(name) - 2)
    how = rng.choice(("swap", "drop", "double", "vowel"))
    if how == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if how == "drop":
        return name[:i] + name[i + 1 :]
    if how == "double":
        return name[:i] + name[i] + name[i:]
    return name[:i] + rng.choice("aeiouy") + name[i + 1 :]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", help="a folder from an earlier SQLite run: skip loading, query its people")
    args = parser.parse_args()

    workdir = start_django(args.reuse)
    from django.db import connection

    from hearth.accounts.models import User
    from hearth.accounts.roles import Role
    from hearth.organisation.models import Authority, District, Team
    from hearth.people.duplicates import duplicate_candidates
    from hearth.people.matching import Probe, index_keys
    from hearth.people.models import Address, Identifier, MatchKey, Person
    from hearth.synth.names import FAMILY, GIVEN_FEMALE, GIVEN_MALE

    rng = random.Random(args.seed)
    if Authority.objects.filter(dfe_code="997").exists():
        print(f"database: {connection.vendor}; reusing {Person.objects.count():,} people in {workdir}")
        user = User.objects.get(username="fd")
        _query(rng, args.queries, user, Person.objects.count(), duplicate_candidates, Person, Probe)
        return
    authority = Authority.objects.create(name="Bench County Council", short_name="Bench", dfe_code="997")
    district = District.objects.create(authority=authority, name="Bench", code="bench", child_population=0)
    team = Team.objects.create(authority=authority, name="Front door", kind="front_door", district=district)
    user = User.objects.create(username="fd", authority=authority, team=team, role=Role.FRONT_DOOR_OFFICER)

    def family_name() -> str:
        if rng.random() < 0.2:
            return rng.choice(FAMILY)
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3)))).capitalize()

    def given_name(sex: str) -> str:
        pool = GIVEN_FEMALE if sex == "F" else GIVEN_MALE
        return (
            rng.choice(pool)
            if rng.random() < 0.6
            else typo(rng, rng.choice(pool)) + rng.choice(("", "a", "e", "o"))
        )

    postcodes = [f"B{rng.randint(1, 99)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
                 f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" for _ in range(args.people // 25 + 1)]  # fmt: skip
    today = date(2026, 11, 22)
    started = time.perf_counter()
    batch = 20_000
    next_id = 1
    for start in range(0, args.people, batch):
        people, idents, addresses, keys = [], [], [], []
        for pk in range(next_id, next_id + min(batch, args.people - start)):
            sex = rng.choice("FM")
            born = today - timedelta(days=rng.randint(0, 60 * 365))
            probe = Probe(given_name(sex), family_name(), born, sex,
                          {"nhs": nhs_number(rng)} if rng.random() < 0.6 else {}, (rng.choice(postcodes),))  # fmt: skip
            people.append(Person(pk=pk, authority=authority, district=district, given_name=probe.given_name,
                                 family_name=probe.family_name, date_of_birth=born, sex=sex))  # fmt: skip
            idents.extend(
                Identifier(authority=authority, person_id=pk, kind=k, value=v)
                for k, v in probe.identifiers.items()
            )
            addresses.append(Address(authority=authority, person_id=pk, line_1="1 Bench Road", town="Bench",
                                     postcode=probe.postcodes[0]))  # fmt: skip
            keys.extend(MatchKey(authority=authority, person_id=pk, key=k) for k in index_keys(probe))
        next_id += len(people)
        Person.objects.bulk_create(people, batch_size=5000)
        Identifier.objects.bulk_create(idents, batch_size=5000)
        Address.objects.bulk_create(addresses, batch_size=5000)
        MatchKey.objects.bulk_create(keys, batch_size=5000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"database: {connection.vendor}; loaded {args.people:,} people and "
          f"{MatchKey.objects.count():,} index keys in {time.perf_counter() - started:.0f} s")  # fmt: skip

    print(f"(folder {workdir}; rerun with --reuse {workdir} to query the same people again)")
    _query(rng, args.queries, user, args.people, duplicate_candidates, Person, Probe)


def _query(rng: random.Random, count: int, user, people: int, duplicate_candidates, Person, Probe) -> None:
    """Time `count` searches, each for a real person typed with a mistake."""
    chosen = sorted(rng.sample(range(1, people + 1), count))
    held_people = Person.objects.filter(pk__in=chosen).values_list(
        "pk", "given_name", "family_name", "date_of_birth", "sex"
    )
    queries = [(pk, Probe(g, f, d, s)) for pk, g, f, d, s in held_people]
    timings, first, shown = [], 0, 0
    for pk, held in queries:
        how = rng.random()
        probe = Probe(
            typo(rng, held.given_name) if how < 0.3 else held.given_name,
            typo(rng, held.family_name) if how >= 0.3 else held.family_name,
            held.date_of_birth.replace(day=held.date_of_birth.month, month=held.date_of_birth.day)
            if how > 0.85 and held.date_of_birth.day <= 12 else held.date_of_birth,
            held.sex,
        )  # fmt: skip
        t0 = time.perf_counter()
        found, _ = duplicate_candidates(user=user, probe=probe)
        timings.append((time.perf_counter() - t0) * 1000)
        ids = [c.person.pk for c in found]
        first += bool(ids) and ids[0] == pk
        shown += pk in ids
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"duplicate search over {people:,} people, {len(timings)} queries typed with a mistake: "
          f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms")  # fmt: skip
    print(
        f"the right person ranked first in {first / len(timings):.0%} of queries, shown at all in {shown / len(timings):.0%}"
    )


if __name__ == "__main__":
    main()
