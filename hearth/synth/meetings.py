"""Rows for the demo county's plans, meetings, actions, family group conferences and completed tools.

In use these are made one at a time by the services (hearth.casework.plans, meetings, fgc and
tools.responses); the demo writes a year or two of them at once. `Casework` collects the rows, numbering
plans, meetings, conferences and tool responses itself so that an attendee, an action or a chronology
entry can point at its meeting before anything is written, then writes them all with insert_rows. What a
row holds follows the service that would have made it: a held meeting has its start and finish times,
place, invitations, attendees and decisions; the next meeting of a cycle is due from the date the last
was held (hearth.casework.timescales).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from hearth.accounts.models import User
from hearth.casework.models import (
    CaseAction,
    FamilyGroupConference,
    Meeting,
    MeetingAttendee,
    Plan,
    ToolResponse,
)
from hearth.casework.tools.engine import Result, definition, score
from hearth.chronology.models import ChronologyEntry, EntryKind
from hearth.core.calendar import is_working_day
from hearth.people.models import Person
from hearth.synth.chance import LONDON
from hearth.synth.families import Family
from hearth.synth.names import FAMILY, GIVEN_FEMALE, GIVEN_MALE
from hearth.synth.rows import insert_rows, next_ids, reset_sequences

# The demo's sign-ins (hearth/synth/county.py PERSONAS) whose screens must have something to show.
SHOWCASE_WORKER = "sw.aldermoor"
SHOWCASE_TEAM = "Aldermoor Safeguarding 1"
# Meetings are held on their due date or a few days either side, more often early than late.
JITTER = (-4, -3, -2, -1, -1, 0, 0, 0, 0, 1, 2, 3)

PLAN_FIELDS = ("id", "authority", "person", "involvement", "kind", "started_on", "ended_on", "end_reason", "needs",
               "outcomes", "next_review_due_on", "status", "created_by", "submitted_at", "decided_by", "decided_at",
               "manager_comment", "version")  # fmt: skip
MEETING_FIELDS = ("id", "authority", "person", "kind", "reason", "plan", "protection_plan", "conference", "fgc",
                  "due_on", "starts_at", "ends_at", "location", "invitations_sent_at", "held_on", "decisions",
                  "recorded_by", "created_at")  # fmt: skip
FGC_FIELDS = ("id", "authority", "person", "requested_on", "requested_by", "level", "reason", "coordinator",
              "family_plan", "outcome", "closed_on")  # fmt: skip
TOOL_FIELDS = ("id", "authority", "person", "key", "version", "title", "answers", "professional_judgement", "level",
               "score", "summary", "details", "completed_by", "completed_at")  # fmt: skip
CHRONOLOGY_FIELDS = ("authority", "person", "occurred_at", "kind", "title", "detail", "source_type", "source_id",
                     "significant", "hidden", "recorded_by", "recorded_at")  # fmt: skip


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


def name_of(person: Person) -> str:
    return f"{person.given_name} {person.family_name}"


def staff_name(user: User) -> str:
    return f"{user.first_name} {user.last_name}"


def professional(rng: random.Random, title: str = "") -> str:
    given = rng.choice(GIVEN_FEMALE if rng.random() < 0.75 else GIVEN_MALE)
    return f"{title} {rng.choice(FAMILY)}".strip() if title else f"{given} {rng.choice(FAMILY)}"


def age(person: Person, today: date) -> int:
    return (today - person.date_of_birth).days // 365 if person.date_of_birth else 0


def working_day(day: date, *, later: bool = False) -> date:
    """`day` if it is a working day, else the one before it (or after it, with `later`)."""
    while not is_working_day(day):
        day += timedelta(days=1 if later else -1)
    return day


def cycle(rng: random.Random, first_due: date, after: Callable[[date], date], today: date, *, earliest: date,
          late: bool = False, exact: bool = False) -> tuple[list[tuple[date, date]], date]:  # fmt: skip
    """The meetings of a cycle so far, as (due, held) pairs, and the due date of the next one, which is
    not held yet. Each is held near its due date and the next falls due from the day it was held. With
    `late`, a meeting that fell due in the last four weeks has not been held: it is overdue."""
    held: list[tuple[date, date]] = []
    due = first_due
    while due < today:
        if late and due >= today - timedelta(days=28):
            break
        on = due if exact else due + timedelta(days=rng.choice(JITTER))
        on = min(
            max(on, earliest, held[-1][1] + timedelta(days=7) if held else earliest),
            today - timedelta(days=1),
        )
        on = max(working_day(on), earliest)
        held.append((due, on))
        due = after(on)
    return held, due


HOURS = (9, 10, 10, 13, 14)


@dataclass
class Schedule:
    """A cycle of meetings so far: when each fell due, was held, started and where; then when the next is
    due and, if it is close, arranged for. Brothers and sisters share one: their reviews are held together."""

    held: list[tuple[date, date, datetime, str]]
    next_due: date
    next_starts: datetime | None
    next_where: str


def schedule(rng: random.Random, today: date, first_due: date, after: Callable[[date], date], *, earliest: date,
             places: Sequence[str], late: bool = False, exact: bool = False) -> Schedule:  # fmt: skip
    held, next_due = cycle(rng, first_due, after, today, earliest=earliest, late=late, exact=exact)
    slots = [
        (due, on, at(on, rng.choice(HOURS), rng.choice((0, 0, 30))), rng.choice(places)) for due, on in held
    ]
    return Schedule(slots, next_due, arranged(rng, today, next_due), rng.choice(places))


def arranged(rng: random.Random, today: date, due_on: date | None) -> datetime | None:
    """When a meeting not held yet is arranged for: most of those due in the next two weeks (or overdue,
    or with no due date) are; later ones are not arranged yet."""
    if (due_on is not None and due_on > today + timedelta(days=14)) or rng.random() < 0.4:
        return None
    on = working_day(max(today + timedelta(days=rng.randint(1, 4)), due_on or today), later=True)
    return at(on, rng.choice(HOURS), rng.choice((0, 30)))


@dataclass
class Attendee:
    name: str
    role: str
    user: User | None = None
    attended: bool | None = None


ATTENDS = {"Mother": 0.9, "Father": 0.65, "Mother’s partner": 0.6, "Police": 0.7}


def cast_of(
    rng: random.Random, family: Family, child: Person, worker: User | None, today: date
) -> list[Attendee]:
    """Who is invited to a child's meetings: the worker, the parents, and the professionals around the child
    for their age. The same names meeting after meeting."""
    people = [Attendee(staff_name(worker), worker_role(worker), worker)] if worker else []
    for n, adult in enumerate(family.adults):
        role = (
            "Mother" if n == 0 else "Father" if adult.family_name == child.family_name else "Mother’s partner"
        )
        people.append(Attendee(name_of(adult), role))
    years = age(child, today)
    if years < 5:
        people.append(Attendee(professional(rng), "Health visitor"))
    else:
        people.append(Attendee(professional(rng), "School"))
        if years >= 11 and rng.random() < 0.4:
            people.append(Attendee(professional(rng), "School nurse"))
    return people


def attendance(rng: random.Random, cast: Sequence[Attendee]) -> list[Attendee]:
    """Who came: staff always, the family and other agencies mostly."""
    return [Attendee(a.name, a.role, a.user, a.user is not None or rng.random() < ATTENDS.get(a.role, 0.85))
            for a in cast]  # fmt: skip


def worker_role(user: User) -> str:
    return {"social_worker": "Social worker", "early_help_key_worker": "Key worker"}.get(
        user.practitioner_kind, "Family support worker"
    )


@dataclass
class Known:
    """What the earlier steps made, looked up once."""

    families: list[Family]
    family_of: dict[int, Family]  # child's id: their family
    managers: dict[int, User]  # team id: the team manager
    key_workers: dict[int, list[User]]  # district id: early help practitioners
    # Open child protection plans: id, child, start, first core group due, category.
    protection: list[tuple[int, Person, date, date, str]]
    # (child's id, kind): the open involvement's id and start.
    involvements: dict[tuple[int, str], tuple[int, date]]
    on_plan: set[int]  # children on a CP plan


@dataclass
class Casework:
    """Rows to write, with ids given as they are made."""

    authority_id: int
    today: date
    now: datetime
    plans: list[tuple[Any, ...]] = field(default_factory=list)
    meetings: list[tuple[Any, ...]] = field(default_factory=list)
    attendees: list[tuple[Any, ...]] = field(default_factory=list)
    actions: list[tuple[Any, ...]] = field(default_factory=list)
    fgcs: list[tuple[Any, ...]] = field(default_factory=list)
    tools: list[tuple[Any, ...]] = field(default_factory=list)
    chronology: list[tuple[Any, ...]] = field(default_factory=list)
    held: dict[str, int] = field(default_factory=dict)  # held meetings by kind, for the summary

    def __post_init__(self) -> None:
        self._ids = {model: next_ids(model) for model in (Plan, Meeting, FamilyGroupConference, ToolResponse)}

    def plan(self, *, person: Person, involvement: int, kind: str, started_on: date, needs: str, outcomes: str,
             status: str, created_by: User, next_review_due_on: date | None = None, submitted_at: datetime | None = None,
             decided_by: User | None = None, decided_at: datetime | None = None, manager_comment: str = "",
             version: int = 1) -> int:  # fmt: skip
        pk = next(self._ids[Plan])
        self.plans.append((pk, self.authority_id, person.pk, involvement, kind, started_on, None, "", needs, outcomes,
                           next_review_due_on, status, created_by.pk, submitted_at,
                           decided_by.pk if decided_by else None, decided_at, manager_comment, version))  # fmt: skip
        return pk

    def meeting(self, *, person: Person, kind: str, created_at: datetime, due_on: date | None = None, reason: str = "",
                plan: int | None = None, protection_plan: int | None = None, fgc: int | None = None,
                starts_at: datetime | None = None, minutes: int = 90, location: str = "",
                invitations_sent_at: datetime | None = None, held_on: date | None = None, decisions: str = "",
                recorded_by: User | None = None, attendees: Sequence[Attendee] = ()) -> int:  # fmt: skip
        pk = next(self._ids[Meeting])
        ends_at = starts_at + timedelta(minutes=minutes) if starts_at else None
        self.meetings.append((pk, self.authority_id, person.pk, kind, reason[:300], plan, protection_plan, None, fgc,
                              due_on, starts_at, ends_at, location[:200], invitations_sent_at, held_on, decisions,
                              recorded_by.pk if recorded_by else None, created_at))  # fmt: skip
        for a in attendees:
            self.attendees.append((self.authority_id, pk, a.name[:120], a.role[:120], a.user.pk if a.user else None,
                                   a.attended if held_on else None))  # fmt: skip
        if held_on:
            self.held[kind] = self.held.get(kind, 0) + 1
        return pk

    def held_meeting(self, rng: random.Random, *, person: Person, kind: str, due_on: date | None, held_on: date,
                     starts_at: datetime, by: User | None, attendees: list[Attendee], decisions: str, title: str,
                     location: str, created_at: datetime, significant: bool = True, **links: Any) -> int:  # fmt: skip
        """A meeting that was arranged, invited to and recorded, with its chronology entry."""
        invitations = max(created_at, at(held_on - timedelta(days=rng.randint(5, 12)), 9, 30))
        pk = self.meeting(person=person, kind=kind, created_at=created_at, due_on=due_on, starts_at=starts_at,
                          location=location, invitations_sent_at=min(invitations, starts_at), held_on=held_on,
                          decisions=decisions, recorded_by=by, attendees=attendees, **links)  # fmt: skip
        self.chronicle(person, starts_at + timedelta(hours=2), EntryKind.MEETING, title, "casework.meeting", pk, by,
                       significant)  # fmt: skip
        return pk

    def due_meeting(self, rng: random.Random, *, person: Person, kind: str, due_on: date | None, created_at: datetime,
                    starts_at: datetime | None, attendees: list[Attendee], location: str, reason: str = "",
                    **links: Any) -> int:  # fmt: skip
        """A meeting not held yet: arranged, with the invitations sent, if `starts_at` is given."""
        if starts_at is None:
            return self.meeting(
                person=person, kind=kind, created_at=created_at, due_on=due_on, reason=reason, **links
            )
        invitations = max(created_at, self.now - timedelta(days=rng.randint(1, 6)))
        return self.meeting(person=person, kind=kind, created_at=created_at, due_on=due_on, reason=reason,
                            starts_at=starts_at, location=location, invitations_sent_at=invitations,
                            attendees=attendees, **links)  # fmt: skip

    def action(self, *, person: Person, description: str, due_on: date, created_by: User, owner: User | None = None,
               owner_name: str = "", meeting: int | None = None, plan: int | None = None,
               done_on: date | None = None) -> None:  # fmt: skip
        self.actions.append((self.authority_id, person.pk, meeting, plan, description[:300],
                             owner.pk if owner else None, "" if owner else owner_name[:120], due_on, done_on,
                             created_by.pk))  # fmt: skip

    def done_or_not(self, rng: random.Random, due_on: date, done_share: float, since: date) -> date | None:
        """When an action set on `since` was done: most by their due date, some late, some not yet (then
        overdue, mostly those that fell due in the last four weeks); of those due later, a few are done."""
        if due_on >= self.today:
            done = None if rng.random() < 0.85 else self.today - timedelta(days=rng.randint(1, 5))
        elif rng.random() >= (
            done_share if due_on >= self.today - timedelta(days=28) else max(done_share, 0.96)
        ):
            return None  # overdue: mostly those that fell due in the last four weeks
        else:
            done = due_on + timedelta(days=rng.randint(-10, 6))
        return None if done is None else max(since, min(done, self.today - timedelta(days=1)))

    def fgc(self, *, person: Person, requested_on: date, requested_by: User, level: str, reason: str,
            coordinator: User | None, family_plan: str = "", outcome: str = "", closed_on: date | None = None) -> int:  # fmt: skip
        pk = next(self._ids[FamilyGroupConference])
        self.fgcs.append((pk, self.authority_id, person.pk, requested_on, requested_by.pk, level, reason,
                          coordinator.pk if coordinator else None, family_plan, outcome, closed_on))  # fmt: skip
        return pk

    def tool(self, *, person: Person, key: str, answers: dict[str, Any], by: User, completed_at: datetime) -> tuple[int, Result]:  # fmt: skip
        """A completed tool, scored by its definition as tool_complete does, with its chronology entry."""
        tool = definition(key)
        result = score(tool, answers)
        pk = next(self._ids[ToolResponse])
        self.tools.append((pk, self.authority_id, person.pk, tool.key, tool.version, tool.title, answers, False,
                           result.level, result.score, result.summary[:500], result.details, by.pk, completed_at))  # fmt: skip
        self.chronicle(person, completed_at, EntryKind.TOOL, f"{tool.title}: {result.summary}",
                       "casework.toolresponse", pk, by, bool(result.triggers))  # fmt: skip
        return pk, result

    def chronicle(self, person: Person, occurred_at: datetime, kind: str, title: str, source_type: str, source_id: int,
                  by: User | None, significant: bool = False) -> None:  # fmt: skip
        self.chronology.append((self.authority_id, person.pk, occurred_at, kind, title[:200], "", source_type,
                                str(source_id), significant, False, by.pk if by else None, self.now))  # fmt: skip

    def write(self) -> None:
        insert_rows(Plan, PLAN_FIELDS, self.plans)
        insert_rows(FamilyGroupConference, FGC_FIELDS, self.fgcs)
        insert_rows(Meeting, MEETING_FIELDS, self.meetings)
        insert_rows(
            MeetingAttendee, ["authority", "meeting", "name", "role", "user", "attended"], self.attendees
        )
        insert_rows(CaseAction, ["authority", "person", "meeting", "plan", "description", "owner", "owner_name",
                                 "due_on", "done_on", "created_by"], self.actions)  # fmt: skip
        insert_rows(ToolResponse, TOOL_FIELDS, self.tools)
        insert_rows(ChronologyEntry, CHRONOLOGY_FIELDS, self.chronology)
        reset_sequences(Plan, FamilyGroupConference, Meeting, ToolResponse)
