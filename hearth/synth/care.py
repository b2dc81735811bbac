"""Children looked after in the demo county, calibrated to seed 000's Appendix 4: 1,255 children at scale 1,
in each budget category as many as the appendix counts, costing in a year what it says they cost.

Children come from those allocated to the children in care teams (then safeguarding and disabled
children's teams); each has a history of care (hearth.synth.care_history) with reviews, visits, health
checks and education plans, a permanence plan, and for some an adoption journey. Around them: about 300
children who left care in the last three years, the care leavers teams' young people, children other
councils look after in our area, and a year of missing episodes. Called by hearth.synth.county after
make_casework.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from hearth.accounts.models import User
from hearth.accounts.roles import Role
from hearth.care import codes
from hearth.care.codes import APPENDIX_4, Category
from hearth.care.models import Placement, Provider, ProviderRate, Responsible
from hearth.care.models import ProviderKind as K
from hearth.casework.models import ProtectionPlan
from hearth.core.dates import birthday
from hearth.organisation.models import Authority, District, Team, TeamKind
from hearth.people.models import Address, Person, Sex
from hearth.synth.care_history import PARENT_CARERS, Story, Want, build, with_worker, years
from hearth.synth.care_leavers import care_leaver_want, leaver_list, leaver_rows, left_care
from hearth.synth.care_missing import Missing, make_hosted, make_missing
from hearth.synth.care_permanence import Adoption, Journey, permanence_rows
from hearth.synth.care_providers import Book, rate_rows
from hearth.synth.care_reviews import make_reviews
from hearth.synth.care_workers import earlier_social_workers
from hearth.synth.care_write import CareRows, number, provider_rows, story_rows
from hearth.synth.chance import start_of, weighted
from hearth.synth.families import Family
from hearth.synth.meetings import SHOWCASE_WORKER, Casework

HOSTED = 80
UASC, CHURN = 0.05, 0.10  # shares of the children looked after
ADOPTION_WAITING, ADOPTION_MATCHED, ADOPTION_STOPPED = 25, 3, 5
MISSING_OURS, MISSING_HOME = 250, 360  # children with missing episodes in the last year, at scale 1
# Appendix 4's 26 "other" placements, and the ages (now) that fit each.
OTHER_TYPES = (("K1", 6), ("R5", 2), ("R1", 5), ("R2", 3), ("Z11", 3), ("Z12", 3), ("Z13", 2), ("Z14", 2))
OTHER_AGES = {"K1": (12, 17), "R5": (15, 17), "R1": (5, 17), "R2": (11, 17)}
FLEXIBLE = (Category.RELATIVE_FRIEND, Category.IN_HOUSE, Category.INDEPENDENT_FOSTERING, Category.PARENTS)
CURRENT: dict[str, tuple[tuple[Any, ...], ...]] = {
    Category.RELATIVE_FRIEND: ((("U1", K.CONNECTED), 50), (("U3", K.CONNECTED), 45), (("U2", K.CONNECTED), 5)),
    Category.IN_HOUSE: ((("U4", K.IN_HOUSE_FOSTER), 55), (("U6", K.IN_HOUSE_FOSTER), 40), (("U5", K.IN_HOUSE_FOSTER), 5)),
    Category.INDEPENDENT_FOSTERING: ((("U4", K.IFA), 55), (("U6", K.IFA), 45)),
    Category.HOMES: ((("K2", K.CHILDRENS_HOME), 1),), Category.PARENTS: ((("P1", None), 1),),
    Category.INDEPENDENT_LIVING: ((("K3", K.SUPPORTED), 1),), Category.RESIDENTIAL_SCHOOL: ((("S1", K.RESIDENTIAL_SCHOOL), 1),),
    Category.MOTHER_AND_BABY: ((("R3", K.PARENT_AND_CHILD), 1),), Category.ADOPTIVE: ((("A6", K.ADOPTER), 1),),
}  # fmt: skip
MISSING_WEIGHT = {Category.HOMES: 3, Category.INDEPENDENT_LIVING: 2.5, Category.OTHER: 2, Category.INDEPENDENT_FOSTERING: 1.3,
                  Category.PARENTS: 1.2, Category.IN_HOUSE: 1, Category.RELATIVE_FRIEND: 0.8}  # fmt: skip
CARER_ROLE = {Category.HOMES: "Residential key worker", Category.PARENTS: "Mother", Category.INDEPENDENT_LIVING: "Support worker",
              Category.RELATIVE_FRIEND: "Kinship carer"}  # fmt: skip


@dataclass
class Pick:
    child: Person
    family: Family
    category: str
    ptype: str = ""
    kind: str | None = None


Pool = list[tuple[Person, Family]]


def care_targets(scale: float) -> dict[str, int]:
    """Children looked after in each budget category at `scale`."""
    return {category: round(count * scale) for category, (count, _) in APPENDIX_4.items()}


def county_scale(districts: list[District]) -> float:
    return round(sum(d.child_population for d in districts) / 190_000, 4)


def make_care(rng: random.Random, authority: Authority, families: list[Family], members: list[tuple[User, Team]],
              today: date) -> dict[str, int]:  # fmt: skip
    """Write it all; returns counts for the summary (children looked after and by category, yearly cost,
    missing episodes, care leavers, hosted children...)."""
    districts = list(District.objects.filter(authority=authority).order_by("name"))
    scale = county_scale(districts)
    targets = care_targets(scale)
    rows = CareRows(authority.pk)
    work = Casework(authority.pk, today, start_of(today))
    book = Book(rng, rows.ids[Provider], [(d.pk, n, d.name) for n, d in enumerate(districts, start=1)])
    adoption = Adoption(rng, rows, [d.pk for d in districts], today)
    other = [t for t, n in OTHER_TYPES for _ in range(n)]  # the placement type of each "other" placement
    wanted = targets[Category.OTHER]
    other = (
        rng.sample(other, wanted)
        if wanted <= len(other)
        else other + rng.choices(other, k=wanted - len(other))
    )
    book.stock(targets, Counter(other), round(HOSTED * scale))
    cic, teams, leavers_team, home = _pools(authority, families, today)
    picks, leftover = _choose(rng, cic, teams, targets, other, today)
    stories = _looked_after(rng, picks, book, adoption, today)
    taken = {s.child.pk for s in stories}
    ended = left_care(
        rng, leftover, [p for p in teams if p[0].pk not in taken], families, book, adoption, scale, today
    )
    leavers = [(c, f) for c, f in leavers_team if c.date_of_birth and birthday(c.date_of_birth, 18) < today]
    for child, family in leavers:
        ended.append(with_worker(build(rng, child, care_leaver_want(rng, child, today), book), family))
    everyone = stories + ended
    _postcodes(authority, everyone)
    hosted = make_hosted(
        rng, authority, rows, book, {d.pk: d for d in districts}, round(HOSTED * scale), today
    )
    rates, yearly = rate_rows(
        rng, authority.pk, book, [(s.current.provider, s.category) for s in stories], today
    )
    number(rows, everyone)
    reviews = make_reviews(rng, rows, stories, [u for u, _ in members if u.role == Role.IRO], today)
    episodes = story_rows(rows, work, everyone)
    counts = permanence_rows(rng, rows, everyone, today)
    counts |= leaver_rows(rng, rows, leaver_list(stories, ended, leavers, today), today)
    missing = _missing(rng, stories, everyone, hosted, home, members, scale, today)
    counts |= make_missing(rng, rows, work, missing, today)
    adoption.pipeline(scale)
    earlier_social_workers(rng, authority, everyone, members)
    provider_rows(rows, book, rates)
    work.write()
    rows.write()
    by_category = Counter(s.category for s in stories)
    return {
        "looked_after": len(stories), "yearly_cost": round(sum(yearly.values())), "hosted": len(hosted),
        "providers": len(book.all), "episodes": episodes, "reviews_held": reviews, "adopters": adoption.households,
        "left_care": sum(1 for s in ended if s.end and s.end >= today - timedelta(days=3 * 365)),
        **counts, **{f"category_{c}": by_category[c] for c in APPENDIX_4},
    }  # fmt: skip


def figures(authority: Authority) -> dict[str, Any]:
    """Children looked after now in each budget category and what their placements cost in a year at the
    providers' current rates (weekly times 52): what the demo county is calibrated to."""
    rates = dict(
        ProviderRate.objects.filter(authority=authority, ends_on__isnull=True).values_list(
            "provider_id", "weekly"
        )
    )
    counts: Counter[str] = Counter()
    yearly: dict[str, float] = defaultdict(float)
    placements = Placement.objects.filter(authority=authority, ended_on__isnull=True)
    for category, provider in placements.values_list("category", "provider_id"):
        counts[category] += 1
        yearly[category] += float(rates.get(provider, 0)) * 52
    return {"counts": dict(counts), "yearly": dict(yearly), "children": sum(counts.values()),
            "total": round(sum(yearly.values()), 2)}  # fmt: skip


def _pools(authority: Authority, families: list[Family], today: date) -> tuple[Pool, Pool, Pool, Pool]:
    """Children of the children in care teams; of safeguarding and disabled children's teams (not on a
    protection plan, not the showcase worker's); the care leavers teams' young people; and every child
    11 to 17 held by a team, who might go missing from home."""
    on_plan = set(
        ProtectionPlan.objects.filter(authority=authority, ended_on__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    cic: Pool = []
    teams: Pool = []
    leavers: Pool = []
    home: Pool = []
    for family in families:
        if family.team is None or family.worker is None:
            continue
        kind = family.team.kind
        for child in family.children:
            born = child.date_of_birth
            if born is None:
                continue
            if kind == TeamKind.CARE_LEAVERS:
                leavers.append((child, family))
                continue
            if (today - born).days < 30 or years(born, today) >= 18:
                continue
            if kind == TeamKind.CHILDREN_IN_CARE:
                cic.append((child, family))
            elif (kind in (TeamKind.SAFEGUARDING, TeamKind.DISABLED_CHILDREN) and child.pk not in on_plan
                  and family.worker.username != SHOWCASE_WORKER):  # fmt: skip
                teams.append((child, family))
            if kind != TeamKind.CHILDREN_IN_CARE and years(born, today) >= 11:
                home.append((child, family))
    return cic, teams, leavers, home


def _take(rng: random.Random, pools: tuple[Pool, ...], taken: set[int], n: int, weight: Any) -> Pool:
    """n children, weighted, from the first pool and then the next if the first runs short."""
    out: Pool = []
    for pool in pools:
        keyed = []
        for i, (child, _) in enumerate(pool):
            if child.pk not in taken and (w := weight(child)) > 0:
                keyed.append((rng.random() ** (1 / w), i))
        keyed.sort(reverse=True)
        for _, i in keyed[: n - len(out)]:
            out.append(pool[i])
            taken.add(pool[i][0].pk)
    return out


def _choose(rng: random.Random, cic: Pool, teams: Pool, targets: dict[str, int], other: list[str],
            today: date) -> tuple[list[Pick], Pool]:  # fmt: skip
    """Who is looked after, in which category: those whose age fits the narrow categories first, then
    families of brothers and sisters for foster care, kinship care and placements with parents."""
    soon = today - timedelta(days=7)

    def age(child: Person) -> int:
        return years(child.date_of_birth, soon) if child.date_of_birth else 0

    taken: set[int] = set()
    picks: list[Pick] = []
    pools = (cic, teams)

    def take(category: str, n: int, weight: Any, ptype: str = "") -> None:
        for child, family in _take(rng, pools, taken, n, weight):
            picks.append(Pick(child, family, category, ptype))

    take(
        Category.MOTHER_AND_BABY,
        targets[Category.MOTHER_AND_BABY],
        lambda c: c.sex == Sex.FEMALE and age(c) >= 16,
    )
    for ptype in other:
        low, high = OTHER_AGES.get(ptype, (10, 17))
        take(Category.OTHER, 1, lambda c, low=low, high=high: low <= age(c) <= high, ptype)
    take(Category.INDEPENDENT_LIVING, targets[Category.INDEPENDENT_LIVING], lambda c: age(c) >= 16)
    adoptive = {1: 1.0, 2: 1.0, 3: 0.8, 4: 0.6, 5: 0.4, 6: 0.2}
    take(Category.ADOPTIVE, targets[Category.ADOPTIVE], lambda c: adoptive.get(age(c), 0))
    take(Category.RESIDENTIAL_SCHOOL, targets[Category.RESIDENTIAL_SCHOOL], lambda c: age(c) >= 8)
    take(
        Category.HOMES,
        targets[Category.HOMES],
        lambda c: 0.3 if 9 <= age(c) <= 11 else 0.8 if 12 <= age(c) <= 13 else 1.2 if age(c) >= 14 else 0,
    )
    remaining = {c: targets[c] for c in FLEXIBLE}
    for pool in pools:
        groups: dict[int, list[tuple[Person, Family]]] = {}
        for child, family in pool:
            if child.pk not in taken:
                groups.setdefault(id(family), []).append((child, family))
        order = list(groups.values())
        rng.shuffle(order)
        for group in order:
            if not sum(remaining.values()):
                break
            fits = tuple((c, remaining[c]) for c in FLEXIBLE if remaining[c] >= len(group))
            category = weighted(rng, fits)[0] if fits else max(FLEXIBLE, key=lambda c: remaining[c])
            for child, family in group[: remaining[category]]:
                picks.append(Pick(child, family, category))
                taken.add(child.pk)
            remaining[category] -= min(len(group), remaining[category])
    for pick in picks:
        if not pick.ptype:
            pick.ptype, pick.kind = weighted(rng, CURRENT[pick.category])[0]
        elif pick.category == Category.OTHER:
            pick.kind = K.SECURE if pick.ptype == "K1" else K.OTHER
        if pick.ptype == "U5" and age(pick.child) > 2:
            pick.ptype = "U6"
    return picks, [p for p in cic if p[0].pk not in taken]


def _looked_after(
    rng: random.Random, picks: list[Pick], book: Book, adoption: Adoption, today: date
) -> list[Story]:
    total = len(picks)

    def born(p: Pick) -> date:
        assert p.child.date_of_birth is not None
        return p.child.date_of_birth

    teen = [p for p in picks if p.category in (Category.INDEPENDENT_FOSTERING, Category.IN_HOUSE, Category.HOMES,
                                               Category.INDEPENDENT_LIVING) and years(born(p), today - timedelta(days=60)) >= 14]  # fmt: skip
    uasc = {id(p) for p in rng.sample(teen, min(len(teen), round(total * UASC)))}
    young = [p for p in picks if p.category in (Category.IN_HOUSE, Category.INDEPENDENT_FOSTERING)
             and 450 <= (today - born(p)).days < 7 * 365 and id(p) not in uasc]  # fmt: skip
    scale = total / sum(n for n, _ in APPENDIX_4.values())
    waiting, stopped = round(ADOPTION_WAITING * scale), round(ADOPTION_STOPPED * scale)
    chosen = rng.sample(young, min(len(young), waiting + stopped))
    journeys = {id(p): (n < waiting, n < round(ADOPTION_MATCHED * scale)) for n, p in enumerate(chosen)}
    plain = [p for p in picks if p.category not in (Category.ADOPTIVE, Category.MOTHER_AND_BABY, Category.RESIDENTIAL_SCHOOL)
             and id(p) not in journeys]  # fmt: skip
    keyed = sorted(((rng.random() ** (1 / (2.0 if years(born(p), today) >= 11 else 1.0)), n) for n, p in enumerate(plain)),
                   reverse=True)  # fmt: skip
    churn = {id(plain[n]) for _, n in keyed[: round(total * CHURN)]}
    stories = []
    for pick in picks:
        child, b = pick.child, born(pick)
        age = years(b, today)
        remand = pick.ptype in ("K1", "R5") and age >= 12 and rng.random() < 0.5
        long = age >= 3 and rng.random() < 0.5 and id(pick) not in uasc and not remand
        want = Want(pick.category, pick.ptype, pick.kind, today, long=long, churn=id(pick) in churn and not remand,
                    stable=long and age < 16 and id(pick) not in churn and rng.random() < 0.8,
                    relation_of=f"{child.given_name} {child.family_name}", district_id=child.district_id,
                    group=(id(pick.family), pick.category) if pick.kind in (K.CONNECTED, K.IN_HOUSE_FOSTER, K.IFA) else None,
                    carer=weighted(rng, PARENT_CARERS)[0] if pick.ptype == "P1" else "")  # fmt: skip
        if pick.ptype in codes.MIN_AGE or pick.ptype == "R3":  # K3 and R5: not before 16 (15); R3 lately
            want.last_from = birthday(b, codes.MIN_AGE.get(pick.ptype, 16))
            if pick.ptype == "R3":
                want.last_from = max(want.last_from, today - timedelta(days=150))
        if id(pick) in uasc:
            want.legal, want.long, want.stable = "uasc", False, False
            want.start = max(birthday(b, 14), today - timedelta(days=3 * 365)) + timedelta(
                days=rng.randint(0, 300)
            )
            want.start = min(want.start, today - timedelta(days=14))
        if remand:
            want.legal = "remand"
            want.start = want.last_from = want.last_to = today - timedelta(days=rng.randint(7, 120))
        journey: Journey | None = None
        if pick.category == Category.ADOPTIVE:
            journey = adoption.placed(b)
            want.provider = book.adopter(journey.adopter_name, journey.adopter_district, 1, True)
            want.provider.used = 1
            want.start, want.last_from, want.last_to = journey.start, journey.placed_on, journey.placed_on
            want.order_on, want.long, want.stable, want.churn = (
                journey.placement_order_on,
                False,
                False,
                False,
            )
        elif id(pick) in journeys:
            waits, matched = journeys[id(pick)]
            journey = adoption.waiting(b, matched) if waits else adoption.stopped(b)
            want.start, want.long, want.stable = journey.start, False, False
            want.order_on = journey.placement_order_on
        story = with_worker(build(rng, child, want, book), pick.family)
        story.unaccompanied = id(pick) in uasc
        if journey:
            story.extra["journey"] = journey
        stories.append(story)
    return stories


def _postcodes(authority: Authority, stories: list[Story]) -> None:
    """Where each child lived before care: their address (none for unaccompanied asylum-seeking children)."""
    ids = [s.child.pk for s in stories]
    found: dict[int, str] = {}
    for i in range(0, len(ids), 900):
        found.update(Address.objects.filter(authority=authority, person_id__in=ids[i : i + 900], ended_on__isnull=True)
                     .values_list("person_id", "postcode"))  # fmt: skip
    for story in stories:
        story.home_postcode = "" if story.unaccompanied else found.get(story.child.pk, "")


def _missing(rng: random.Random, stories: list[Story], everyone: list[Story], hosted: list[tuple[Person, str, date]], home: Pool,
             members: list[tuple[User, Team]], scale: float, today: date) -> list[Missing]:  # fmt: skip
    in_care = {s.child.pk for s in everyone}  # at home: never looked after
    teens = [s for s in stories if s.child.date_of_birth and years(s.child.date_of_birth, today) >= 11]
    keyed = sorted(teens, key=lambda s: -(rng.random() ** (1 / MISSING_WEIGHT.get(s.category, 0.5))))
    out = [Missing(s.child, Responsible.OURS_IN_CARE, s.start, s.worker, carer_role=CARER_ROLE.get(s.category, "Foster carer"),
                   open_after=max(s.current.start, s.legal[-1][0])) for s in keyed[: round(MISSING_OURS * scale)]]  # fmt: skip
    at_home = [(c, f) for c, f in home if c.pk not in in_care]
    for child, family in rng.sample(at_home, min(len(at_home), round(MISSING_HOME * scale))):
        out.append(
            Missing(
                child, Responsible.AT_HOME, today - timedelta(days=365), family.worker, carer_role="Mother"
            )
        )
    workers: dict[int, list[User]] = {}
    for user, team in members:
        if team.kind == TeamKind.CHILDREN_IN_CARE and user.role == Role.PRACTITIONER:
            workers.setdefault(team.district_id, []).append(user)
    anyone = [u for us in workers.values() for u in us]
    for child, council, placed in hosted[: max(1, round(len(hosted) * 0.5))]:
        worker = rng.choice(workers.get(child.district_id or 0) or anyone) if anyone else None
        out.append(
            Missing(
                child,
                Responsible.HOSTED,
                placed,
                worker,
                home_authority=council,
                carer_role="Carer",
                open_after=placed,
            )
        )
    return out
