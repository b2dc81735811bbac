"""A year of front door contacts for the demo county, with decisions, referrals and chronologies.

Rates per 10,000 children a year: about 1,600 contacts, of which about 27% become referrals or strategy
discussions (about 430 referrals per 10,000). The last working day's contacts are still in the queue,
some of them overdue; most older decisions are signed off.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from hearth.accounts.models import User
from hearth.accounts.roles import Role
from hearth.casework.models import Involvement, InvolvementKind, Referral
from hearth.chronology.models import ChronologyEntry, EntryKind
from hearth.core.calendar import add_working_days
from hearth.frontdoor.models import Consent, Contact, ContactStatus, ContactSubject, Outcome, SubjectRole
from hearth.organisation.models import Authority, TeamKind
from hearth.people.codes import REFERRAL_SOURCE
from hearth.people.models import Person
from hearth.synth.chance import LONDON, start_of, weighted
from hearth.synth.families import Family
from hearth.synth.rows import insert_rows

CONTACTS_PER_10000 = 1600
SOURCES = (("6", 28), ("2A", 18), ("3B", 5), ("3A", 5), ("3E", 4), ("3F", 4), ("5A", 5), ("5D", 5), ("1A", 8),
           ("1C", 2), ("9", 3), ("4", 3), ("7", 2), ("8", 8))  # fmt: skip
OUTCOMES = ((Outcome.ADVICE, 30, "1", "green"), (Outcome.SIGNPOST, 15, "1", "green"),
            (Outcome.EARLY_HELP, 28, "2", "green"), (Outcome.REFERRAL, 24, "3", "amber"),
            (Outcome.STRATEGY, 3, "4", "red"))  # fmt: skip
WORRIES = {
    "6": [
        "Police attended a domestic incident at the home; the children were present.",
        "Found walking alone late at night; returned home by officers.",
        "Officers concerned about the state of the home during a welfare check.",
    ],
    "2A": [
        "Attendance has fallen to 70% this term and the child seems hungry in the mornings.",
        "Child disclosed to a teacher that they are scared of a parent's partner.",
        "Unexplained bruising seen during PE.",
    ],
    "3B": [
        "Health visitor worried about the baby's weight and mother's low mood.",
        "Missed health appointments and the family has not been seen at home.",
    ],
}
DEFAULT_WORRIES = ["Worried about the care the children are getting at home.",
                   "Family asking for help with a child's behaviour and their own stress.",
                   "Concern that the child is spending time with older young people and going missing."]  # fmt: skip
CALLERS = {"6": ("PC", "Attending officer"), "2A": ("Ms", "Designated safeguarding lead"),
           "3B": ("", "Health visitor"), "3A": ("Dr", "GP")}  # fmt: skip


def make_contacts(rng: random.Random, authority: Authority, families: list[Family], staff: list[User],
                  children: int, today: date) -> dict[str, int]:  # fmt: skip
    officers = [u for u in staff if u.role == Role.FRONT_DOOR_OFFICER]
    manager = next(
        (u for u in staff if u.role == Role.TEAM_MANAGER and u.team and u.team.kind == TeamKind.FRONT_DOOR),
        None,
    )
    known = [f for f in families if f.worker is not None and f.adults]
    everyone = [f for f in families if f.worker is None]
    now = start_of(today)
    count = round(children * CONTACTS_PER_10000 / 10_000)
    plans = []
    for _ in range(count):
        family = rng.choice(known if known and rng.random() < 0.35 else everyone or known)
        received = _received(rng, today)
        plans.append((received, family))
    plans.sort(key=lambda p: p[0])
    contacts: list[Contact] = []
    subjects_of: list[list[tuple[Any, str]]] = []
    for received, family in plans:
        source = weighted(rng, SOURCES)[0]
        outcome, _, threshold, rag = weighted(rng, OUTCOMES)
        title, role = CALLERS.get(source, ("", ""))
        due = add_working_days(timezone.localtime(received), 1)
        decided_at = received + timedelta(hours=rng.uniform(1, 30))
        # The last working day's contacts wait in the queue, and a few older ones are overdue.
        still_waiting = decided_at > now - timedelta(hours=2) or due > now
        still_waiting = still_waiting or (received > now - timedelta(days=4) and rng.random() < 0.05)
        contact = Contact(
            authority=authority, received_at=received, source=source, consent=rng.choice(
                [Consent.YES] * 6 + [Consent.NO] + [Consent.NOT_ASKED] * 3),
            caller_name="" if source == "9" else f"{title} {rng.choice(['Shah', 'Brown', 'Okafor', 'Hughes', 'Patel'])}".strip(),
            caller_relationship=role, worries=rng.choice(WORRIES.get(source, DEFAULT_WORRIES)),
            decision_due_at=due, recorded_by=rng.choice(officers) if officers else None,
        )  # fmt: skip
        if still_waiting:
            contact.status = ContactStatus.AWAITING_DECISION
        else:
            contact.status = ContactStatus.DECIDED
            contact.outcome, contact.threshold, contact.rag = outcome, threshold, rag
            contact.decision_reasons = "Decided on the information from the caller and agency checks."
            contact.decided_by = rng.choice(officers) if officers else None
            contact.decided_at = decided_at
            if manager is not None and (decided_at < now - timedelta(days=14) or rng.random() < 0.5):
                contact.status = ContactStatus.SIGNED_OFF
                contact.signed_off_by, contact.signed_off_at = (
                    manager,
                    decided_at + timedelta(hours=rng.uniform(2, 48)),
                )
        contacts.append(contact)
        # A contact is about the children born by then; one about an unborn baby is about the mother.
        born = [c for c in family.children if c.date_of_birth is None or c.date_of_birth <= received.date()]
        chosen = born if rng.random() < 0.3 else [rng.choice(born)] if born else []
        people: list[tuple[Any, str]] = [(c, SubjectRole.CHILD) for c in chosen]
        if family.adults and (not chosen or rng.random() < 0.5):
            people.append((family.adults[0], SubjectRole.FAMILY))
        subjects_of.append(people)
    Contact.objects.bulk_create(contacts, batch_size=2000)

    a = authority.pk
    subject_rows, chronology, referrals = [], [], []
    referred: dict[int, list[date]] = defaultdict(list)
    sources = dict(REFERRAL_SOURCE)
    for contact, people in zip(contacts, subjects_of, strict=True):
        for person, role in people:
            subject_rows.append((a, contact.pk, person.pk, role))
            chronology.append((a, person.pk, contact.received_at, EntryKind.CONTACT,
                               f"Contact from {contact.caller_name or 'an anonymous caller'} ({sources[contact.source]})",
                               contact.worries, "frontdoor.contact", str(contact.pk), False, False,
                               contact.recorded_by_id, now))  # fmt: skip
            if contact.decided_at:
                chronology.append((a, person.pk, contact.decided_at, EntryKind.DECISION,
                                   f"Front door decision: {Outcome(contact.outcome).label}", contact.decision_reasons,
                                   "frontdoor.contact", str(contact.pk), False, False, contact.decided_by_id, now))  # fmt: skip
            if (
                contact.outcome in (Outcome.REFERRAL, Outcome.STRATEGY)
                and role == SubjectRole.CHILD
                and contact.decided_at
            ):
                on = timezone.localtime(contact.decided_at).date()
                again = any(on - timedelta(days=365) <= d < on for d in referred[person.pk])
                referred[person.pk].append(on)
                referrals.append(Referral(authority=authority, person=person, referred_on=on, source=contact.source,
                                          contact=contact, strategy_discussion=contact.outcome == Outcome.STRATEGY,
                                          is_re_referral=again, referred_by_id=contact.decided_by_id))  # fmt: skip
    insert_rows(ContactSubject, ["authority", "contact", "person", "role"], subject_rows)
    Referral.objects.bulk_create(referrals, batch_size=2000)
    for referral in referrals:
        at = datetime.combine(referral.referred_on, time(12), tzinfo=LONDON)
        title = "Referred to children’s social care" + (
            " (a re-referral within 12 months)" if referral.is_re_referral else ""
        )
        chronology.append((a, referral.person_id, at, EntryKind.REFERRAL, title, "", "casework.referral",
                           str(referral.pk), True, False, referral.referred_by_id, now))  # fmt: skip
    _assessments(rng, authority, referrals, staff, today, chronology, now)
    insert_rows(ChronologyEntry, ["authority", "person", "occurred_at", "kind", "title", "detail", "source_type",
                                  "source_id", "significant", "hidden", "recorded_by", "recorded_at"], chronology)  # fmt: skip
    return {"contacts": len(contacts), "referrals": len(referrals), "chronology": len(chronology)}


def _received(rng: random.Random, today: date) -> datetime:
    """A time in the last year, mostly in office hours on working days."""
    now = start_of(today)
    while True:
        day = today - timedelta(days=rng.randint(0, 364))
        if day.weekday() >= 5 and rng.random() < 0.8:
            continue
        moment = datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59)), tzinfo=LONDON)
        if moment <= now:
            return moment


ASSESSMENT_OUTCOMES = (("nfa", 40), ("early_help", 20), ("cin", 30), ("strategy", 10))
FACTORS = ("16A", "3B", "4B", "2B", "1B", "17A", "10A", "14A", "24A", "21")
CLOSED_AFTER = (0, 5)  # days from an assessment's completion to the episode's closure


def _assessments(rng: random.Random, authority: Authority, referrals: list[Referral], staff: list[User], today: date,
                 chronology: list[tuple[Any, ...]], now: datetime) -> None:  # fmt: skip
    """Each referral's assessment and episode of need, a child's referrals in date order: recent assessments
    in progress with a social worker of the child's district, older ones completed (some after their due
    date). A child nobody holds has an episode from the referral that closes once the assessment is done;
    a referral while that episode is open joins it (no second assessment or episode). A child a team
    holds already has their open episode (hearth.synth.families); a referral starts an assessment unless
    one is still in progress. So a child's episodes never overlap, only the latest is open, and a closed
    episode's assessment was completed by its closure (the CIN census rules 8820, 8815, 8565, 8867, 8896)."""
    from hearth.casework.models import Assessment
    from hearth.casework.timescales import assessment_due
    from hearth.core.calendar import add_working_days as working_days_after

    workers: dict[int, list[User]] = defaultdict(list)
    for user in staff:
        if user.role == Role.PRACTITIONER and user.team and user.team.kind == TeamKind.SAFEGUARDING:
            workers[user.team.district_id].append(user)
    people = {
        p.pk: p
        for p in Person.objects.filter(pk__in=[r.person_id for r in referrals]).only("pk", "district_id")
    }
    held = set(
        Involvement.objects.filter(
            authority=authority, kind=InvolvementKind.SOCIAL_CARE, ended_on__isnull=True
        ).values_list("person_id", flat=True)
    )
    busy: dict[int, date] = {}  # child: the day their assessment (or, if nobody holds them, episode) ends
    turn: dict[int, int] = defaultdict(int)
    rows: list[tuple[Any, ...]] = []
    involvements: list[tuple[Any, ...]] = []
    a = authority.pk
    for referral in sorted(referrals, key=lambda r: (r.referred_on, r.pk)):
        person = referral.person_id
        if referral.referred_on <= busy.get(person, date.min):
            continue  # still being assessed, or the episode is still open: this referral joins it
        district = people[person].district_id or 0
        pool = workers.get(district) or [u for ws in workers.values() for u in ws]
        worker = pool[turn[district] % len(pool)] if pool else None
        turn[district] += 1
        due = assessment_due(referral.referred_on)
        finished = working_days_after(referral.referred_on, rng.choice((10, 20, 30, 40, 44, 50, 60)))
        assert isinstance(finished, date)
        if finished <= today - timedelta(days=2):
            outcome = weighted(rng, ASSESSMENT_OUTCOMES)[0]
            factor = (
                rng.sample(FACTORS[:-1], rng.randint(1, 3)) if outcome != "nfa" else [rng.choice(FACTORS)]
            )
            rows.append((a, person, referral.pk, worker.pk if worker else None, referral.referred_on, due,
                         referral.referred_on + timedelta(days=rng.randint(1, 10)), rng.random() < 0.8, factor, "N1",
                         outcome, "Assessment completed; see the case notes.", "approved", finished, 2, ""))  # fmt: skip
            chronology.append((a, person, datetime.combine(finished, time(15), tzinfo=LONDON),
                               EntryKind.REFERRAL, "Assessment completed" + (" (after its due date)" if finished > due else ""),
                               "", "casework.assessment", "", False, False, worker.pk if worker else None, now))  # fmt: skip
            # A child nobody holds: the episode closes once the assessment is done (RC8, or RC9 to early help).
            closed: date | None = min(
                finished + timedelta(days=rng.randint(*CLOSED_AFTER)), today - timedelta(days=1)
            )
            reason = "RC9" if outcome == "early_help" else "RC8"
        else:
            rows.append((a, person, referral.pk, worker.pk if worker else None, referral.referred_on, due,
                         None, False, [], "", "", "", "in_progress", None, 1, ""))  # fmt: skip
            closed, reason = None, ""
        if person in held:
            busy[person] = finished if closed else date.max
        else:
            busy[person] = closed or date.max
            involvements.append((a, person, InvolvementKind.SOCIAL_CARE, referral.referred_on, closed, referral.pk,
                                 reason))  # fmt: skip
    insert_rows(Assessment, ["authority", "person", "referral", "worker", "started_on", "due_on", "child_seen_on",
                             "child_seen_alone", "factors", "primary_need", "outcome", "summary", "status",
                             "completed_on", "version", "manager_comment"], rows)  # fmt: skip
    insert_rows(Involvement, ["authority", "person", "kind", "started_on", "ended_on", "referral", "closure_reason"],
                involvements)  # fmt: skip
