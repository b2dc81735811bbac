"""A child's history of care for the demo county: when they started to be looked after, the placements they
have had (moves, a respite week, a short-term foster placement made long term), their legal statuses, and
the SSDA903 episodes these make.

An episode starts whenever the placement or the legal status changes; its reason for starting follows from
what changed (hearth.care.rules.reason_new_for, as the services record it), so the episodes of a period
join end to start by construction. A temporary move (respite, hospital, a holiday) is never the first
placement, never coincides with a change of legal status, and the child goes back to the same carer after
it (903 rules 380 and 383). Most children under 16 looked after for two and a half years have been in the
same placement for two; about one child in ten has had three placements or more in the last year (the
DfE's two stability measures).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from hearth.care import codes
from hearth.care.models import ProviderKind as K
from hearth.care.rules import Row, reason_new_for
from hearth.core.dates import age_on
from hearth.people.models import Person
from hearth.synth import details
from hearth.synth.care_providers import Book, Prov
from hearth.synth.chance import weighted

YEAR = timedelta(days=365)
CHANGE_REASONS = (("CARPL", 40), ("CREQB", 12), ("CREQO", 10), ("CHILD", 8), ("LAREQ", 6), ("STAND", 3),
                  ("ALLEG", 3), ("CLOSE", 3), ("APPRR", 2), ("OTHER", 6))  # fmt: skip
NEEDS = (("N1", 62), ("N2", 3), ("N3", 4), ("N4", 9), ("N5", 14), ("N6", 3), ("N7", 1), ("N8", 4))
TEMPORARY = (("T4", 60, "Respite foster carer", (2, 7)), ("T3", 20, "Respite foster carer (carer’s holiday)", (5, 14)),
             ("T1", 15, "Hospital", (2, 10)), ("T2", 5, "Holiday", (3, 10)))  # fmt: skip
URN_NOT_USED = frozenset({"P1", "P3", "R1", "R2", "R5"}) | codes.NO_PROVIDER  # 903 rules 218 and 222


@dataclass(eq=False)
class Spell:
    """One placement: a carer or provider and a placement type."""

    start: date
    ptype: str
    kind: str | None  # provider kind; None for parents and temporary moves
    provider: Prov | None = None
    carer: str = ""
    end: date | None = None
    change_reason: str = ""
    postcode: str = ""  # where a temporary move was to (a placement with a provider is at the provider's)
    pk: int = 0

    @property
    def carer_key(self) -> tuple[str, Any]:
        return ("provider", self.provider.pk) if self.provider else ("carer", self.carer)

    @property
    def carer_text(self) -> str:
        """Who the child lives with, as hearth.care.rules.Row names them."""
        return f"provider:{self.provider.pk}" if self.provider else self.carer.strip().lower()


@dataclass
class Want:
    """What a child's history must end with."""

    category: str
    ptype: str  # of the last placement
    kind: str | None  # of the last placement's provider
    ref: date  # today, or the day care ended
    ended: bool = False
    reason: str = ""  # why care ended
    start: date | None = None  # when care started, if it must be then
    last_from: date | None = None  # the last placement starts on or after
    last_to: date | None = None  # ... and on or before
    long: bool = False  # looked after for two and a half years or more
    stable: bool = False  # ... and in the same placement for two of them
    churn: bool = False  # three placements or more in the last year
    legal: str = ""  # "uasc" (section 20 throughout) or "remand"
    order_on: date | None = None  # placement order (E1) made
    provider: Prov | None = None  # the last provider, if already chosen (adopters)
    group: Any = None  # brothers and sisters placed together now
    carer: str = ""  # for placements with parents
    relation_of: str = ""  # "Ava Smith", for naming connected carers
    district_id: int | None = None


@dataclass(eq=False)
class Story:
    """A period of care about to be written."""

    child: Person
    category: str
    start: date
    spells: list[Spell]
    legal: list[tuple[date, str]]
    need: str
    end: date | None = None
    reason: str = ""
    unaccompanied: bool = False
    home_postcode: str = ""
    worker: Any = None
    pk: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def current(self) -> Spell:
        return self.spells[-1]


PARENT_CARERS = (("Mother", 65), ("Father", 15), ("Mother and father", 15),
                 ("Grandmother (parental responsibility)", 5))  # fmt: skip


def with_worker(story: Story, family: Any) -> Story:
    """The story, with the allocated worker of the child's family."""
    story.worker = family.worker if family else None
    story.extra["family"] = family
    return story


def years(born: date, on: date) -> int:
    """Age in whole years (a date of birth is always known here)."""
    return age_on(born, on) or 0


def _day(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def build(rng: random.Random, child: Person, want: Want, book: Book) -> Story:
    born = child.date_of_birth
    assert born is not None
    start = want.start or _start(rng, born, want)
    last = _last_start(rng, start, want)
    before_type, before_from = "", None  # short term with the same carer, before a long-term placement
    if want.ptype in ("U4", "U1") and rng.random() < 0.4:
        conversion = _conversion(rng, last, want)
        if conversion:
            before_type, before_from, last = ("U6" if want.ptype == "U4" else "U3"), last, conversion
    upto: date = before_from or last
    spells = [
        Spell(day, *_earlier_type(rng, years(born, day), want)) for day in _earlier(rng, start, upto, want)
    ]
    for one, two in pairwise(spells):  # never parents twice running
        if one.ptype == two.ptype == "P1":
            two.ptype, two.kind = "U6", K.IN_HOUSE_FOSTER
    if spells and spells[-1].ptype == "P1" and want.ptype == "P1":
        spells[-1].ptype, spells[-1].kind = "U6", K.IN_HOUSE_FOSTER
    final = Spell(last, want.ptype, want.kind, want.provider, want.carer)
    if final.provider is None and want.kind is not None:
        age = years(born, want.ref)
        if want.kind == K.CONNECTED:
            key = (K.CONNECTED, want.group)
            final.provider = book.groups.get(key) if want.group is not None else None
            if final.provider is None:
                final.provider = book.connected(want.relation_of, want.district_id, 1, not want.ended)
                book.groups[key] = final.provider
            else:
                final.provider.places += 1
            final.provider.used += 1
        elif want.ended:
            final.provider = book.before(want.kind, want.ptype, None)
        else:
            final.provider = book.now(want.kind, age, want.ptype, want.group)
    if before_type and before_from:
        spells.append(Spell(before_from, before_type, want.kind, final.provider, want.carer))
    spells.append(final)
    for i in range(len(spells) - 2, -1, -1):  # earlier providers, never the same as the next one's
        spell, following = spells[i], spells[i + 1]
        if spell.provider is not None or spell.kind is None:
            spell.carer = spell.carer or ("Mother" if spell.ptype == "P1" else "")
            continue
        if spell.kind == K.CONNECTED:
            spell.provider = book.connected(want.relation_of, want.district_id, 1, False)
        else:
            spell.provider = book.before(spell.kind, spell.ptype, following.provider)
    legal = _legal(rng, born, start, spells, want)
    spells = _respite(rng, spells, want.ref, {day for day, _ in legal})
    _ends(rng, born, spells, want)
    if want.legal == "uasc":
        need = "N8"
    elif want.legal == "remand":
        need = "N6"
    elif want.kind in (K.RESIDENTIAL_SCHOOL,) or want.ptype == "R1":
        need = "N2" if rng.random() < 0.7 else "N1"
    else:
        need = weighted(rng, NEEDS)[0]
    return Story(
        child, want.category, start, spells, legal, need, want.ref if want.ended else None, want.reason
    )


def _start(rng: random.Random, born: date, want: Want) -> date:
    span = (want.ref - born).days
    if want.long:
        days = rng.randint(int(2.55 * 365), max(int(2.55 * 365), min(10 * 365, span - 1)))
    else:
        low, high = weighted(rng, (((7, 365), 55), ((365, int(2.45 * 365)), 45)))[0]
        days = rng.randint(low, high)
    return max(born + timedelta(days=rng.randint(0, 20)), want.ref - timedelta(days=min(days, span)))


def _last_start(rng: random.Random, start: date, want: Want) -> date:
    ref = want.ref
    lo = max(start, want.last_from or start)
    hi = min(want.last_to or ref, ref - timedelta(days=3 if want.ended else 1))
    if want.last_from and want.last_from == want.last_to:
        return want.last_from
    if want.stable:
        hi = min(hi, ref - 2 * YEAR - timedelta(days=2))
    elif want.long and not want.ended:  # looked after long, but moved in the last two years
        lo = max(lo, ref - 2 * YEAR + timedelta(days=2))
    if want.churn:
        lo = max(lo, ref - timedelta(days=120))
    if lo >= hi:
        return max(start, min(lo, ref - timedelta(days=1)))
    if not want.churn and lo == start and rng.random() < 0.35:
        return start  # still in the first placement
    return lo + timedelta(days=int((hi - lo).days * rng.random() ** 0.8))


def _conversion(rng: random.Random, last: date, want: Want) -> date | None:
    """When a short-term placement with the same carer became long term, if it can without breaking the
    child's stability figures."""
    ref = want.ref
    lo, hi = last + timedelta(days=60), ref - timedelta(days=30)
    if want.stable:
        hi = min(hi, ref - 2 * YEAR - timedelta(days=1))
    elif not want.churn and last > ref - YEAR:
        return None
    return _day(rng, lo, hi) if lo <= hi else None


def _earlier(rng: random.Random, start: date, upto: date, want: Want) -> list[date]:
    """The start of each placement before the last (and before the one with the same carer)."""
    if upto <= start:
        return []
    days = {start}
    year_start = want.ref - YEAR
    if want.churn:
        lo, hi = max(start, year_start) + timedelta(days=5), upto - timedelta(days=5)
        for _ in range(rng.randint(2, 3)):
            if lo < hi:
                days.add(_day(rng, lo, hi))
    lo, hi = start + timedelta(days=7), min(upto, year_start) - timedelta(days=7)
    if lo < hi:
        moves = sum(rng.random() < 0.3 for _ in range(min(6, (hi - lo).days // 365 + 1)))
        days.update(_day(rng, lo, hi) for _ in range(moves))
    ordered = sorted(d for d in days if d < upto)
    spaced = [ordered[0]]
    for day in ordered[1:]:
        if (day - spaced[-1]).days >= 5:
            spaced.append(day)
    return spaced


def _earlier_type(rng: random.Random, age: int, want: Want) -> tuple[str, str | None]:
    if age >= 16:
        options: tuple[tuple[Any, ...], ...] = ((("K3", K.SUPPORTED), 30), (("K2", K.CHILDRENS_HOME), 30),
                                                (("U6", K.IFA), 20), (("U6", K.IN_HOUSE_FOSTER), 15),
                                                (("U3", K.CONNECTED), 5))  # fmt: skip
    elif age >= 10:
        options = ((("U6", K.IN_HOUSE_FOSTER), 30), (("U6", K.IFA), 30), (("K2", K.CHILDRENS_HOME), 25),
                   (("U3", K.CONNECTED), 10), (("U4", K.IN_HOUSE_FOSTER), 5))  # fmt: skip
    else:
        options = ((("U6", K.IN_HOUSE_FOSTER), 45), (("U6", K.IFA), 30), (("U3", K.CONNECTED), 15),
                   (("P1", None), 5), (("U4", K.IN_HOUSE_FOSTER), 5))  # fmt: skip
    if want.legal == "uasc":
        options = tuple(o for o in options if o[0][1] != K.CONNECTED and o[0][0] != "P1")
    choice: tuple[str, str | None] = weighted(rng, options)[0]
    return choice


def _respite(rng: random.Random, spells: list[Spell], ref: date, legal_days: set[date]) -> list[Spell]:
    """A temporary move (respite, hospital, a holiday) in some placements that ended over a year ago, never
    on or across a day the legal status changed; the child went back to the same carer afterwards."""
    out: list[Spell] = []
    for i, spell in enumerate(spells):
        following = spells[i + 1] if i + 1 < len(spells) else None
        end = following.start if following else None
        if (end is None or end > ref - YEAR or (end - spell.start).days < 45 or rng.random() >= 0.1
                or (following is not None and following.carer_key == spell.carer_key)):  # fmt: skip
            out.append(spell)
            continue
        ptype, _, carer, (low, high) = weighted(rng, TEMPORARY)
        away = spell.start + timedelta(days=rng.randint(14, (end - spell.start).days - 20))
        back = away + timedelta(days=rng.randint(low, high))
        if any(away <= day <= back for day in legal_days):
            out.append(spell)
            continue
        near = spell.provider.postcode if spell.provider else ""
        where = details.out_of_area_postcode(rng) if ptype == "T2" else details.nearby_postcode(rng, near)
        out += [spell, Spell(away, ptype, None, None, carer, postcode=where), replace(spell, start=back)]
    return out


def _ends(rng: random.Random, born: date, spells: list[Spell], want: Want) -> None:
    """Each placement ends the day the next starts, with the reason it changed."""
    for spell, following in pairwise(spells):
        spell.end = following.start
        if spell.ptype in codes.TEMPORARY or following.ptype in codes.TEMPORARY:
            spell.change_reason = ""  # 903 rule 226
        elif spell.provider is not None and spell.provider is following.provider:
            spell.change_reason = "PLACE"  # the same carer; only the placement's status changed
        elif following.ptype == "R5" and years(born, following.start) >= 10 and rng.random() < 0.5:
            spell.change_reason = "CUSTOD"
        else:
            spell.change_reason = weighted(rng, CHANGE_REASONS)[0]
    spells[-1].end = want.ref if want.ended else None


def _legal(
    rng: random.Random, born: date, start: date, spells: list[Spell], want: Want
) -> list[tuple[date, str]]:
    """Legal statuses from the start: police protection or an emergency order for a few days, section 20 or
    an interim care order, then a full care order (or a placement order) when the court decides."""
    if want.legal == "remand":
        return [(start, "J1")]
    if want.legal == "uasc":
        return [(start, "V2")]
    last_day = want.ref - timedelta(days=1)
    older = years(born, start) >= 13
    no_v2 = want.order_on is not None or any(s.ptype == "P1" for s in spells)
    first = weighted(rng, (("V2", 45 if older else 18), ("C1", 45 if older else 66), ("L1", 5 if older else 7),
                           ("L2", 5 if older else 9)))[0]  # fmt: skip
    if first == "V2" and no_v2:
        first = "C1"
    seq = [(start, first)]
    day = start
    if first in ("L1", "L2"):
        day += timedelta(days=rng.randint(1, 3) if first == "L1" else rng.randint(2, 8))
        seq.append((day, "C1"))
    elif first == "V2" and rng.random() < 0.5:
        day += timedelta(days=rng.randint(30, 200))
        seq.append((day, "C1"))
    if seq[-1][1] == "C1":
        if want.order_on and want.order_on > day:
            seq.append((want.order_on, "E1"))
        else:
            seq.append((day + timedelta(days=rng.randint(100, 220)), "C2"))  # about 26 weeks in court
    return [(d, s) for d, s in seq if d <= last_day or d == start]


def episodes(story: Story) -> list[tuple[date, date | None, Spell, str, str, str]]:
    """(start, end, placement, legal status, reason new, reason ceased) of each episode, joined end to start."""
    days = sorted({s.start for s in story.spells} | {d for d, _ in story.legal})
    out: list[tuple[date, date | None, Spell, str, str, str]] = []
    for i, day in enumerate(days):
        spell = [s for s in story.spells if s.start <= day][-1]
        legal = [s for d, s in story.legal if d <= day][-1]
        end = days[i + 1] if i + 1 < len(days) else story.end
        if out:
            was_start, _, was, was_legal, _, _ = out[-1]
            before = Row(was_start, day, "", was_legal, was.ptype, was.carer_text)
            rne = reason_new_for(before, legal, spell.ptype, spell.carer_text)
            assert rne is not None, (story.child.pk, day)  # something changes on every episode's first day
        else:
            rne = "S"
        out.append((day, end, spell, legal, rne, "X1" if i + 1 < len(days) else story.reason))
    return out
