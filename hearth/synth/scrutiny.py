"""The demo county's scrutiny: the Children and Families Overview and Scrutiny Committee and the Corporate
Parenting Panel, their councillors (invented), a calendar of meetings for the municipal year, a work programme
in the style of the seed's (seed 000, lines 1425-1513), and the next meeting's agenda with the Supporting
Families (BRFC), complaints and performance reports on it, so the demo has an agenda pack ready to download.

A random stream of its own (ADR 12), so the rest of the county comes out the same. It reads the county (the
council's officers lead items) and changes nothing in it. Committees do not grow with the county, so `scale`
changes nothing here.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from hearth.accounts.models import User
from hearth.accounts.roles import Role
from hearth.core.calendar import is_working_day
from hearth.organisation.models import Authority
from hearth.scrutiny.models import (
    AgendaItem,
    AgendaKind,
    Committee,
    CommitteeMeeting,
    CommitteeMember,
    MeetingStatus,
    MemberRole,
    ProgrammeItem,
    ProgrammeKind,
)
from hearth.synth.chance import LONDON, start_of
from hearth.synth.names import FAMILY, GIVEN_FEMALE, GIVEN_MALE

PARTIES: tuple[tuple[str, int], ...] = (
    ("Conservative", 45), ("Labour", 25), ("Liberal Democrat", 15), ("Green", 8), ("Independent", 7)
)  # fmt: skip
VENUE = "Oak Room, County Buildings, Fernbridge"
CABINET_MEMBER = "Cabinet Member for Children and Young People"


@dataclass(frozen=True)
class CommitteeSpec:
    name: str
    remit: str
    venue: str
    starts: time
    councillors: int
    co_opted: int
    weekday: int  # the day of the week it usually meets (Monday 0)


COMMITTEES = (
    CommitteeSpec(
        "Children and Families Overview and Scrutiny Committee",
        "Scrutinises children’s social care, early help, the Supporting Families programme, education and "
        "safeguarding, so that children and families in Brackenshire feel safer, happier and more supported. "
        "It reviews its work programme at every meeting.", VENUE, time(10), 10, 2, 3,
    ),
    CommitteeSpec(
        "Corporate Parenting Panel",
        "Makes sure the council, as corporate parent, does for the children in its care and its care leavers "
        "what a good parent would: their homes, health, education and the move to adult life.",
        "Elm Room, County Buildings, Fernbridge", time(14), 8, 0, 1,
    ),
)  # fmt: skip
CO_OPTED = ("Diocesan representative (Church of England)", "Parent governor representative")


@dataclass(frozen=True)
class Item:
    """A work programme row: title, details, who leads, the report it is about (if one), and an outcome for
    when it has been considered."""

    title: str
    details: str
    lead: str  # a key of the lead officers
    report: str = ""
    outcome: str = ""


# The items the committee considers in a year, in the seed's words where it has them.
REPORT_ITEMS = (
    Item("Supporting Families (BRFC) performance report", "Reports brought twice a year: families attached by "
         "district and by criterion, successful closures against the target, the conversion rate and recidivism.",
         "supporting", "brfc", "Members noted the conversion rate against the attachment target and asked for the "
         "district investment plans to come to a future meeting."),
    Item("Customer feedback and complaints annual report – children’s social care", "Reports brought annually, "
         "in line with the Children Act 1989 Representations Procedure (England) Regulations 2006.", "complaints",
         "complaints", "Members noted the number and type of complaints and the share answered within the "
         "timescales, and asked for more real-time data on complaints."),
    Item("Children’s services performance scorecard", "Quarterly: contacts, referrals, assessments in time, "
         "child protection, children in care and care leavers, with rates per 10,000 children by district.",
         "performance", "performance", "Members asked for the re-referral rate to be compared with statistical "
         "neighbours."),
)  # fmt: skip
OTHER_ITEMS = (
    Item("Missing children", "At their last meeting members asked for a report in six months’ time on return home "
         "interviews and the missing children service.", "safeguarding", outcome="Members asked to see first hand "
         "the work of the return interview service."),
    Item("Ofsted inspection of children’s services: action plan", "Progress against the plan agreed after the "
         "inspection.", "director", outcome="Members noted the progress made and asked for an update in a year."),
    Item("Contextual safeguarding", "How the council and its partners respond to harm outside the home.",
         "safeguarding", outcome="Members welcomed the exploitation panel and asked how schools take part."),
    Item("Early help and family support", "Members asked for details of progress made with early help and family "
         "support, including the quality of family support and third sector services.", "supporting",
         outcome="Members asked for an update on progress in 12 months."),
    Item("Sufficiency of placements for children in care", "Where children in care live, and the plan to open more "
         "homes in the county.", "director", outcome="Members asked for the cost of placements out of the county."),
    Item("Work programme planning", "Members agree the priorities for the year.", "scrutiny",
         outcome="RESOLVED – That the work programme be agreed."),
)  # fmt: skip
UNSCHEDULED = (
    Item("LGSCO annual review letter", "The Local Government and Social Care Ombudsman’s annual letter would give "
         "the council’s complaints a national context.", "complaints"),
    Item("Progress with the children’s services improvement plan", "Requested at the last meeting.", "director"),
)  # fmt: skip
STANDING = (
    Item("Learning from child safeguarding practice reviews", "Where a review has taken place the committee will "
         "consider the learning that can be taken from it.", "safeguarding",
         outcome="Some areas picked up by the review process."),
    Item("Medium term financial strategy: savings said to have no impact", "To scrutinise the areas of the MTFS "
         "that promise “no impact”.", "director"),
)  # fmt: skip
BRIEFINGS = (
    Item("Visit to the front door (MASH)", "Members asked to see how contacts are decided.", "safeguarding",
         outcome="Visit held."),
    Item("Briefing note: children missing education", "A briefing note in place of a report.", "director",
         outcome="Circulated to members."),
)  # fmt: skip
WORKING_GROUPS = (
    Item("Transition and preparation for adulthood", "An inquiry day on the move from children’s to adults’ "
         "services for disabled young people.", "director"),
)  # fmt: skip
PANEL_ITEMS = (
    Item("Children in care: performance report", "Placement stability, health checks, personal education plans "
         "and missing episodes of children in care.", "performance", "performance",
         "Members asked about the timeliness of initial health assessments."),
    Item("Care leavers’ local offer", "What the council offers its care leavers, and what they say of it.",
         "director", outcome="Members agreed to champion the offer with employers."),
    Item("Virtual school head’s annual report", "How children in care do at school.", "director"),
)  # fmt: skip


def _name(rng: random.Random) -> str:
    given = rng.choice(GIVEN_FEMALE if rng.random() < 0.45 else GIVEN_MALE)
    return f"{given} {rng.choice(FAMILY)}"


def _party(rng: random.Random) -> str:
    return rng.choices([name for name, _ in PARTIES], [weight for _, weight in PARTIES])[0]


def _officers(rng: random.Random, authority: Authority) -> dict[str, str]:
    """Lead officers: the council's own staff where the county has them (the complaints and scrutiny
    officers, the head of service, an analyst), invented names for the directors."""

    def staff(role: str, title: str) -> str:
        user = User.objects.filter(authority=authority, role=role).order_by("pk").first()
        return f"{user.first_name} {user.last_name}, {title}" if user else f"{_name(rng)}, {title}"

    return {
        "director": f"{_name(rng)}, Director of Children’s Services",
        "safeguarding": f"{_name(rng)}, Head of Safeguarding",
        "supporting": staff(Role.HEAD_OF_SERVICE, "Head of Service (Supporting Families)"),
        "complaints": staff(Role.COMPLAINTS_OFFICER, "Customer Feedback and Complaints Officer"),
        "performance": staff(Role.PERFORMANCE_ANALYST, "Performance and Intelligence"),
        "scrutiny": staff(Role.SCRUTINY_OFFICER, "Scrutiny and Support Officer"),
    }


def _meeting_days(rng: random.Random, today: date, weekday: int) -> list[date]:
    """Meetings every six to eight weeks from June of the municipal year (none in August), to the end of April,
    going on into the next year until there are at least two still to come."""
    start_year = today.year if today.month >= 5 else today.year - 1
    day = date(start_year, 6, 1)
    year_end = date(start_year + 1, 4, 30)
    days: list[date] = []
    while day <= year_end or sum(d >= today for d in days) < 2:
        while day.weekday() != weekday or not is_working_day(day):
            day += timedelta(days=1)
        if day.month == 8:
            day = day.replace(day=1, month=9)
            continue
        days.append(day)
        day += timedelta(weeks=rng.choice((6, 7, 8)), days=-3)
    return days


def _published(day: date) -> date:
    """Agendas are published five clear working days before the meeting."""
    found, current = 0, day
    while found < 6:
        current -= timedelta(days=1)
        found += is_working_day(current)
    return current


def make_scrutiny(*, seed: int, authority: Authority, today: date, scale: float) -> dict[str, int]:
    """Committees, members, meetings, the work programme and agendas. Returns how many of each were made."""
    rng = random.Random(f"{seed}-scrutiny")
    now = start_of(today)
    officers = _officers(rng, authority)
    counts = {"committees": 0, "members": 0, "meetings": 0, "programme_items": 0, "agenda_items": 0}
    for spec in COMMITTEES:
        _committee(rng, authority, spec, now, officers, counts)
        counts["committees"] += 1
    return counts


def _committee(rng: random.Random, authority: Authority, spec: CommitteeSpec, now: datetime,
               officers: dict[str, str], counts: dict[str, int]) -> None:  # fmt: skip
    today = now.date()
    committee = Committee.objects.create(authority=authority, name=spec.name, remit=spec.remit, venue=spec.venue,
                                         contact=officers["scrutiny"])  # fmt: skip
    roles = [MemberRole.CHAIR, MemberRole.VICE_CHAIR] + [MemberRole.MEMBER] * (spec.councillors - 2)
    names: set[str] = set()
    members = []
    for role in roles + [MemberRole.CO_OPTED] * spec.co_opted:
        name = _name(rng)
        while name in names:
            name = _name(rng)
        names.add(name)
        party = "" if role == MemberRole.CO_OPTED else _party(rng)
        members.append(
            CommitteeMember(authority=authority, committee=committee, name=name, party=party, role=role)
        )
    CommitteeMember.objects.bulk_create(members)

    days = _meeting_days(rng, today, spec.weekday)
    meetings = []
    for day in days:
        starts_at = datetime.combine(day, spec.starts, tzinfo=LONDON)
        past = starts_at < now
        cancelled = past and rng.random() < 0.08
        meetings.append(CommitteeMeeting(
            authority=authority, committee=committee, starts_at=starts_at, venue=spec.venue,
            status=MeetingStatus.CANCELLED if cancelled else MeetingStatus.HELD if past else MeetingStatus.SCHEDULED,
            note="Not quorate" if cancelled else "", published_on=_published(day) if _published(day) < today else None,
        ))  # fmt: skip
    CommitteeMeeting.objects.bulk_create(meetings)
    coming = [m for m in meetings if m.status == MeetingStatus.SCHEDULED]
    following = coming[0] if coming else None
    held = [m for m in meetings if m.status != MeetingStatus.SCHEDULED]

    cabinet = f"Councillor {_name(rng)}, {CABINET_MEMBER}"
    programme: list[ProgrammeItem] = []
    agenda: dict[int, list[Item]] = {}

    def add(item: Item, kind: str, meeting: CommitteeMeeting | None = None, on: date | None = None,
            month_only: bool = False) -> None:  # fmt: skip
        considered = (meeting is not None and meeting.status == MeetingStatus.HELD) or (
            on is not None and on < today
        )
        programme.append(ProgrammeItem(
            authority=authority, committee=committee, kind=kind, meeting=meeting, on=on, month_only=month_only,
            title=item.title, details=item.details, lead_officer=officers[item.lead],
            cabinet_member=cabinet if item.lead != "scrutiny" else "", outcome=item.outcome if considered else "",
        ))  # fmt: skip
        if meeting is not None:
            agenda.setdefault(meeting.pk, []).append(item)

    if spec.co_opted:  # the overview and scrutiny committee: the seed's whole programme
        others = list(OTHER_ITEMS)
        rng.shuffle(others)
        for n, meeting in enumerate(m for m in meetings if m is not following):
            if n == 0:
                add(
                    next(i for i in others if i.title == "Work programme planning"),
                    ProgrammeKind.MEETING,
                    meeting,
                )
            pool = [i for i in others if i.title != "Work programme planning"]
            add(pool[n % len(pool)], ProgrammeKind.MEETING, meeting)
            if n % 2 == 1:
                add(REPORT_ITEMS[(n // 2) % len(REPORT_ITEMS)], ProgrammeKind.MEETING, meeting)
        for item in UNSCHEDULED:
            add(item, ProgrammeKind.MEETING)
        for item in STANDING:
            add(item, ProgrammeKind.STANDING)
        for n, item in enumerate(BRIEFINGS):
            add(item, ProgrammeKind.BRIEFING, on=today - timedelta(days=40 - 60 * n), month_only=n == 1)
        for item in WORKING_GROUPS:
            add(
                item,
                ProgrammeKind.WORKING_GROUP,
                on=(today + timedelta(days=75)).replace(day=1),
                month_only=True,
            )
        if following is not None:
            for item in REPORT_ITEMS:  # BRFC, complaints and performance: the pack ready to download
                add(item, ProgrammeKind.MEETING, following)
    else:
        for n, meeting in enumerate(meetings):
            add(PANEL_ITEMS[n % len(PANEL_ITEMS)], ProgrammeKind.MEETING, meeting)
    ProgrammeItem.objects.bulk_create(programme)

    items = []
    for meeting in held + coming[:1]:
        if meeting.status == MeetingStatus.CANCELLED:
            continue
        day = meeting.starts_at.date()
        as_at = min(meeting.published_on or today, today, day)
        plain = [(AgendaKind.APOLOGIES, "Apologies"), (AgendaKind.DECLARATIONS, "Declarations of interest"),
                 (AgendaKind.MINUTES, "Minutes of the last meeting")]  # fmt: skip
        rows: list[tuple[str, str, str, str, date | None]] = [
            (kind, title, "", "", None) for kind, title in plain
        ]
        for item in agenda.get(meeting.pk, []):
            note = f"Report of the {CABINET_MEMBER}. Lead officer: {officers[item.lead]}."
            if item.report:
                rows.append((AgendaKind.REPORT, item.title, note, item.report, as_at))
            else:
                rows.append((AgendaKind.OTHER, item.title, note, "", None))
        if spec.co_opted:
            rows.append((AgendaKind.WORK_PROGRAMME, "Work programme", "", "", None))
        items += [AgendaItem(authority=authority, meeting=meeting, position=n, kind=kind, title=title,
                             cover_note=note, report_key=key, as_at=on)
                  for n, (kind, title, note, key, on) in enumerate(rows, start=1)]  # fmt: skip
    AgendaItem.objects.bulk_create(items)

    counts["members"] += len(members)
    counts["meetings"] += len(meetings)
    counts["programme_items"] += len(programme)
    counts["agenda_items"] += len(items)
