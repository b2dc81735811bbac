"""Children missing from care or home in the last year, and children other councils look after in our area.

About 1,900 missing episodes for some 650 children (ours in care, children living at home, and children
hosted for other councils). A few children go missing again and again: the episode that takes a child to
3, 5 or 9 missing episodes in 90 days calls an intervention meeting (seed 001). Return home interviews are
offered within 72 hours for most; the hosted children's own councils hold most of theirs.

A few children are missing now: only since the last two days, and only from the placement (and legal
status) they still have (903 rules 575 and 577). No episode runs over a 31 March: a year's return would show
it open at the year end, and the 903 validator, which fills in 31 March as the end of every episode still
open then, reads that as outlasting the placement.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from hearth.accounts.models import User
from hearth.care.models import HostedChild, InterviewOutcome, MissingEpisode, Responsible
from hearth.care.timescales import MISSING_THRESHOLDS, MISSING_WINDOW, missing_meeting_due
from hearth.casework.models import MeetingKind
from hearth.chronology.models import EntryKind
from hearth.organisation.models import Authority
from hearth.people.matching import Probe, index_keys
from hearth.people.models import Address, Identifier, MatchKey, Person, PersonKind, Sex
from hearth.synth import details
from hearth.synth.care_providers import Book
from hearth.synth.care_write import CareRows
from hearth.synth.chance import weighted
from hearth.synth.meetings import LONDON, Attendee, Casework, at, attendance, name_of, staff_name, working_day
from hearth.synth.names import FAMILY, GIVEN_FEMALE, GIVEN_MALE
from hearth.synth.rows import insert_rows

# Invented councils whose children live in Brackenshire's homes and foster families, with invented codes.
HOME_AUTHORITIES = (("Marlowe Vale", "951"), ("Ashdown Borough", "952"), ("Kingsreach City", "953"),
                    ("North Tallowshire", "954"), ("Wrenmouth", "955"), ("Corrington", "956"),
                    ("East Fennick", "957"), ("Halbury and Stowe", "958"))  # fmt: skip
EPISODES = ((1, 42), (2, 21), (3, 13), (4, 9), (5, 6), (6, 5), (7, 3), (8, 2.5), (10, 1.5), (12, 1.2), (15, 0.6),
            (20, 0.2))  # fmt: skip
BURST = {5: 0.2, 9: 0.35}  # chance that a child with this many or more goes missing in a burst of weeks
HOURS = (((1, 6), 35), ((6, 24), 40), ((24, 72), 20), ((72, 240), 5))
FOUND = ("With friends in {town}", "At a friend’s house in {town}", "In {town} town centre", "Came back on their own",
         "Found by police at {town} railway station", "At a relative’s address", "In a park in {town}",
         "Stopped by police in another county", "At an older friend’s flat in {town}")  # fmt: skip
NOTES = ("{first} said they went to see friends and lost track of time. Agreed to text their carer next time.",
         "{first} talked about arguments at home. Referred to the young people’s worker.",
         "{first} would not say where they had been. Concerns about exploitation shared with the police.",
         "{first} said they were bored and wanted to be with friends. Safety plan updated.")  # fmt: skip


@dataclass
class Missing:
    """A child who went missing in the last year: who, why they count, since when."""

    child: Person
    responsible: str
    since: date  # episodes fall after this day
    worker: User | None
    home_authority: str = ""
    carer_role: str = "Carer"
    # Missing now only if it began after this day, when the child's current placement and legal status began.
    open_after: date | None = None


def make_hosted(rng: random.Random, authority: Authority, rows: CareRows, book: Book, districts: dict[int, Any],
                count: int, today: date) -> list[tuple[Person, str, date]]:  # fmt: skip
    """Children other councils look after, placed in our area. Returns (child, their council, placed on)."""
    people, spells = [], []
    for _ in range(count):
        sex = Sex.FEMALE if rng.random() < 0.45 else Sex.MALE
        born = today - timedelta(days=rng.randint(8 * 365 + 30, 17 * 365 + 300))
        prov = book.hosting((today - born).days // 365)
        district = districts.get(prov.district_id or 0) or rng.choice(list(districts.values()))
        people.append(Person(authority=authority, kind=PersonKind.CHILD, sex=sex, date_of_birth=born,
                             given_name=rng.choice(GIVEN_FEMALE if sex == Sex.FEMALE else GIVEN_MALE),
                             family_name=rng.choice(FAMILY), district=district, ethnicity="WBRI"))  # fmt: skip
        placed = today - timedelta(days=rng.randint(20, min(3 * 365, (today - born).days - 8 * 365)))
        spells.append((prov, rng.choice(HOME_AUTHORITIES), placed))
    Person.objects.bulk_create(people)
    a, hosted, addresses, ids, keys = authority.pk, [], [], [], []
    issued = details.Issued(
        set(Identifier.objects.filter(authority=authority, kind="nhs").values_list("value", flat=True))
    )
    for person, (prov, (council, code), placed) in zip(people, spells, strict=True):
        town = person.district.name if person.district else "Brackenshire"
        addresses.append((a, person.pk, prov.name[:120], "", town, prov.postcode, placed))
        nhs = issued.nhs(rng)
        ids.append((a, person.pk, "nhs", nhs))
        probe = Probe(person.given_name, person.family_name, person.date_of_birth, person.sex, {"nhs": nhs},
                      (prov.postcode,))  # fmt: skip
        keys += [(a, key, person.pk) for key in sorted(index_keys(probe))]
        hosted.append((person, f"{council} Council", placed))
        rows.add(HostedChild, person.pk, f"{council} Council", code, prov.pk, placed, None)
    insert_rows(
        Address, ["authority", "person", "line_1", "line_2", "town", "postcode", "started_on"], addresses
    )
    insert_rows(Identifier, ["authority", "person", "kind", "value"], ids)
    insert_rows(MatchKey, ["authority", "key", "person"], keys)
    return hosted


def make_missing(rng: random.Random, rows: CareRows, work: Casework, children: list[Missing], today: date) -> dict[str, int]:  # fmt: skip
    """Each child's missing episodes, escalations and meetings, return interviews and chronology."""
    now = at(today, 6)  # the demo's "now": episodes still open started before it
    counts = {"missing": 0, "missing_children": 0, "missing_open": 0, "missing_meetings": 0}
    for who in children:
        episodes = _times(rng, who, today, now)
        if not episodes:
            continue
        counts["missing_children"] += 1
        recent: list[tuple[datetime, int]] = []  # missing episodes in the last 90 days, with their escalation
        for started, ended in episodes:
            kind = "A" if who.responsible != Responsible.AT_HOME and rng.random() < 0.2 else "M"
            escalation = 0
            if kind == "M":  # as hearth.care.missing.escalation_for: each threshold once in any 90 days
                recent = [(s, e) for s, e in recent if s > started - MISSING_WINDOW]
                reached = max((t for t in MISSING_THRESHOLDS if len(recent) + 1 >= t), default=0)
                escalation = 0 if any(e >= reached for _, e in recent) else reached
                recent.append((started, escalation))
            meeting = _meeting(rng, work, who, started, escalation, today) if escalation else None
            pk = rows.id(MissingEpisode)
            rows.add(MissingEpisode, pk, who.child.pk, kind, started, ended, who.responsible, who.home_authority,
                     *_found_and_interview(rng, who, kind, started, ended, now), escalation, meeting,
                     who.worker.pk if who.worker else None)  # fmt: skip
            counts["missing"] += 1
            counts["missing_open"] += ended is None
            counts["missing_meetings"] += meeting is not None
            _chronicle(work, who, pk, kind, started, ended, escalation)
    return counts


def _times(
    rng: random.Random, who: Missing, today: date, now: datetime
) -> list[tuple[datetime, datetime | None]]:
    """When each episode started and ended, one after another; a child with many goes missing in bursts."""
    lo = at(max(today - timedelta(days=365), who.since + timedelta(days=1)), 0)
    hi = now - timedelta(hours=4)
    if hi <= lo:
        return []
    count = weighted(rng, EPISODES)[0]
    if count >= 5 and rng.random() < BURST[9 if count >= 9 else 5]:  # a burst of weeks
        length = timedelta(days=rng.randint(50, 85) if count >= 9 else rng.randint(60, 170))
        first = lo + (hi - lo - length) * rng.random() if hi - lo > length else lo
        lo, hi = first, min(hi, first + length)
    starts = sorted(lo + (hi - lo) * rng.random() for _ in range(count))
    out: list[tuple[datetime, datetime | None]] = []
    for start in starts:
        start = start.replace(hour=rng.choice((14, 16, 17, 18, 19, 20, 21, 22, 23)), minute=rng.choice((0, 15, 30, 45)),
                              second=0, microsecond=0)  # fmt: skip
        if out and (previous := out[-1][1]) is not None and start < previous + timedelta(hours=3):
            start = previous + timedelta(hours=rng.randint(3, 30))
        low, high = weighted(rng, HOURS)[0]
        end = start + timedelta(hours=rng.uniform(low, high))
        if end >= (cut := _year_end(start)):  # found before the year ends
            start, end = min(start, cut - timedelta(hours=2)), cut - timedelta(minutes=rng.randint(10, 50))
        if end >= now - timedelta(hours=1):
            break
        out.append((start.astimezone(LONDON), end.astimezone(LONDON)))
    if out and rng.random() < 0.012:  # missing now
        start = now - timedelta(hours=rng.randint(2, 40))
        settled = who.open_after is None or start.date() > who.open_after
        if start > (out[-1][1] or start) + timedelta(hours=3) and settled and _year_end(start) > now:
            out.append((start, None))
    return out


def _year_end(start: datetime) -> datetime:
    """The end of the SSDA903 year (to 31 March) that `start` falls in, with an hour to spare, in London."""
    year = start.year + (start.month > 3)
    return datetime(year, 3, 31, 23, tzinfo=LONDON)


def _found_and_interview(rng: random.Random, who: Missing, kind: str, started: datetime, ended: datetime | None,
                         now: datetime) -> tuple[Any, ...]:  # fmt: skip
    """where_found, police_reference, interview_offered_at, interview_outcome, interview_on, interview_notes."""
    police = f"BKP-{started.year}-{rng.randint(10000, 99999)}" if kind == "M" else ""
    if ended is None:
        return "", police, None, "", None, ""
    town = who.child.district.name if who.child.district else "Fernbridge"
    found = rng.choice(FOUND).format(town=town)
    if who.responsible == Responsible.HOSTED:
        outcome = weighted(rng, ((InterviewOutcome.HOME_AUTHORITY, 75), (InterviewOutcome.ACCEPTED, 15),
                                 (InterviewOutcome.DECLINED, 10)))[0]  # fmt: skip
    elif rng.random() < 0.04:
        return found, police, None, InterviewOutcome.NOT_OFFERED, None, ""
    else:
        outcome = weighted(rng, ((InterviewOutcome.ACCEPTED, 64), (InterviewOutcome.DECLINED, 36)))[0]
    hours = rng.uniform(2, 70) if rng.random() < 0.92 else rng.uniform(73, 120)
    offered = ended + timedelta(hours=hours)
    if offered >= now:  # back too recently: offered, no answer yet
        offered = ended + (now - ended) * rng.random()
        return found, police, offered, "", None, ""
    interview_on, notes = None, ""
    if outcome == InterviewOutcome.ACCEPTED:
        interview_on = min(offered.date() + timedelta(days=rng.randint(0, 3)), now.date())
        notes = rng.choice(NOTES).format(first=who.child.given_name)
    return found, police, offered, outcome, interview_on, notes


def _meeting(
    rng: random.Random, work: Casework, who: Missing, started: datetime, count: int, today: date
) -> int:
    due = missing_meeting_due(started.date())
    reason = f"{count} missing episodes in 90 days"
    cast = [Attendee(staff_name(who.worker), "Social worker", who.worker)] if who.worker else []
    cast += [Attendee(name_of(who.child), "Child"), Attendee(f"{who.carer_role}", who.carer_role),
             Attendee("Missing persons coordinator", "Police")]  # fmt: skip
    created = at(started.date() + timedelta(days=1), 9)
    if due < today - timedelta(days=2) and rng.random() < 0.85:
        on = max(working_day(min(due - timedelta(days=rng.randint(0, 3)), today - timedelta(days=1))),
                 started.date() + timedelta(days=1))  # fmt: skip
        starts = at(on, rng.choice((10, 13, 15)))
        decisions = (f"Safety plan agreed with {who.child.given_name}. Exploitation screening to be completed; "
                     "police to share intelligence about where they go.")  # fmt: skip
        return work.held_meeting(rng, person=who.child, kind=MeetingKind.MISSING, due_on=due, held_on=on,
                                 starts_at=starts, by=who.worker, attendees=attendance(rng, cast), decisions=decisions,
                                 title=f"Missing intervention meeting held ({reason})", location="Online (Microsoft Teams)",
                                 created_at=created, reason=reason)  # fmt: skip
    return work.meeting(
        person=who.child, kind=MeetingKind.MISSING, created_at=created, due_on=due, reason=reason
    )


def _chronicle(work: Casework, who: Missing, pk: int, kind: str, started: datetime, ended: datetime | None,
               escalation: int) -> None:  # fmt: skip
    where = {"ours": "care", "hosted": "their placement", "home": "home"}[who.responsible]
    what = "Away from placement without permission" if kind == "A" else f"Missing from {where}"
    if ended is None:
        title = f"{what}: not yet found"
    else:
        hours = max(1, round((ended - started).total_seconds() / 3600))
        title = f"{what} for {hours} hour{'s' if hours != 1 else ''}"
    if escalation:
        title += f" ({escalation} in 90 days)"
    long = ended is None or ended - started >= timedelta(hours=24)
    work.chronicle(who.child, started, EntryKind.MISSING, title, "care.missingepisode", pk, who.worker,
                   bool(escalation) or long)  # fmt: skip
