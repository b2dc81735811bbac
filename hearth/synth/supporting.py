"""Supporting Families (BRFC) in the demo county, at the volumes of seed 000's BRFC Performance Report
(October 2019), scaled: 6,049 families attached over the programme, 2,796 successful closures (2,625
significant and sustained progress, 171 continuous employment) against an attachment target of 4,680 (60%),
and recidivism of 2.5%. The families are the county's own households, split between districts as the seed's
table splits Staffordshire's (Brackenshire's districts take Staffordshire's postcodes in name order), with the
seed's presenting needs, outcome plans, claims with their evidence, a target for each programme year, and
district investment plans with the seed's priorities (Fig. 5).

It reads the county that is already made and changes none of it. Recidivism comes from the county's own
records: the few families with a later social care intervention are families whose referral or involvement
really did start after their claim; every other successful family has no social care intervention at all.
A random stream of its own (ADR 12), so the rest of the county comes out the same.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from hearth.accounts.models import User
from hearth.accounts.roles import PractitionerKind, Role
from hearth.care.models import PeriodOfCare
from hearth.casework.models import Involvement, InvolvementKind, Referral
from hearth.chronology.models import ChronologyEntry, EntryKind
from hearth.organisation.models import Authority, District, TeamKind
from hearth.people.models import Allocation, Household, HouseholdMember, PersonKind
from hearth.supporting.models import (
    Attachment,
    AttachmentCriterion,
    AttachmentMember,
    AttachmentTarget,
    Claim,
    ClaimKind,
    ClaimStatus,
    ClosureReason,
    Criterion,
    InvestmentPlan,
    Outcome,
)
from hearth.supporting.programme import CONTINUOUS_EMPLOYMENT, MIN_CRITERIA, programme_year, year_start
from hearth.synth.chance import LONDON, start_of
from hearth.synth.meetings import SHOWCASE_WORKER
from hearth.synth.rows import insert_rows, next_ids, reset_sequences

FAMILIES, SSP, CE, TARGET = 6049, 2625, 171, 4680  # seed 000, paragraphs 5, 7 and 8
RECIDIVISM = 0.025  # seed 000, paragraph 9
# Seed 000's district table, for Brackenshire's districts in name order (hearth.synth.county).
DISTRICT_FAMILIES = (964, 1055, 525, 815, 568, 719, 524, 879)
# Seed 000's presenting needs table: families meeting each criterion, of the 6,049.
CRITERIA: dict[str, int] = {Criterion.CHILDREN_IN_NEED: 5320, Criterion.CRIME: 903, Criterion.DOMESTIC_ABUSE: 1656,
            Criterion.WORKLESSNESS: 2852, Criterion.SCHOOL: 2847, Criterion.HEALTH: 1869}  # fmt: skip
YEARS = 5  # programme years: this one and the four before (the seed's phase ran five years)
WITHDRAWN, REJECTED = 0.02, 0.015  # claims that did not stand, of all claims [assumption: not in the seed]
# Earned autonomy money devolved to districts a year, county-wide [assumption: the seed gives no amounts].
INVESTMENT = 2_000_000

# What shows a family meets each criterion, the outcomes their plans set, and the evidence behind a claim.
CRITERION_NOTES: dict[str, tuple[str, ...]] = {
    Criterion.CHILDREN_IN_NEED: ("Early help assessment: needs in parenting and routines", "Child in need plan ended last year",
                                 "Referred by the health visitor", "Step down from children's social care"),
    Criterion.CRIME: ("Anti-social behaviour warning for the eldest child", "Youth caution in the last year",
                      "Reported by the housing officer for anti-social behaviour"),
    Criterion.DOMESTIC_ABUSE: ("Police notification of a domestic incident", "Disclosed to the school",
                               "Discussed at MARAC"),
    Criterion.WORKLESSNESS: ("Parent claiming out-of-work benefits", "Rent arrears and a notice seeking possession",
                             "Debts to several lenders"),
    Criterion.SCHOOL: ("Attendance below 90% for three terms", "Two fixed-term exclusions this year",
                       "Not on a school roll"),
    Criterion.HEALTH: ("Parent's low mood affects the children", "Alcohol use reported by the GP",
                       "Child waiting for CAMHS"),
}  # fmt: skip
OUTCOMES: dict[str, tuple[tuple[str, str, str], ...]] = {  # (outcome, measure, target)
    Criterion.CHILDREN_IN_NEED: (("The children have a settled routine and their needs are met at home",
                                  "Early help review", "Needs met at two reviews in a row and no new referral"),
                                 ("The family no longer needs a child in need plan", "Children's social care records",
                                  "No social care involvement for 6 months")),
    Criterion.CRIME: (("No more anti-social behaviour from the family", "Police and housing reports",
                       "No incidents for 6 months"),
                      ("The young person does not reoffend", "Youth justice records", "No offences for 6 months")),
    Criterion.DOMESTIC_ABUSE: (("The family is safe from domestic abuse", "Police notifications and MARAC",
                                "No incidents for 6 months, safety plan in place"),
                               ("The adults have finished a domestic abuse programme", "Programme attendance",
                                "Programme completed")),
    Criterion.WORKLESSNESS: (("A parent is looking for work with support", "Work coach appointments",
                              "Attending every appointment for 3 months"),
                             ("The family's debts are manageable", "Money advice plan", "Repayments kept up for 6 months")),
    Criterion.SCHOOL: (("Every child goes to school every day", "School attendance", "At least 90% for 3 terms in a row"),
                       ("No more exclusions", "School records", "No exclusions for 3 terms")),
    Criterion.HEALTH: (("The parent's mental health is supported", "GP and talking therapies",
                        "Engaging with treatment for 6 months"),
                       ("The family is registered with a GP and dentist", "Registrations", "Registered and attending")),
}  # fmt: skip
CLAIM_EVIDENCE: dict[str, tuple[str, ...]] = {
    ClaimKind.SSP: ("School attendance records for three terms; police and housing checks show no incidents",
                    "Closing review with the family; partner checks confirm progress held for 6 months",
                    "Attendance 94% over three terms; no police notifications since the plan began"),
    ClaimKind.CE: ("DWP confirmation: off out-of-work benefits and in work for 26 weeks",
                   "Payslips for 26 weeks, checked by the employment adviser"),
}  # fmt: skip
# Seed 000, Fig. 5 "Earned Autonomy District Investment Plans", in the order of Brackenshire's districts.
PRIORITIES = (
    ("Improving children's mental wellbeing and resilience", "Reducing anti-social behaviour and exclusions"),
    ("Increase employment", "Improve children's good level of development (early learning goals)",
     "Reduce families in debt", "Improve collaboration between statutory organisations and communities"),
    ("Improve children's wellbeing and resilience", "Tackle persistent absence and reduce exclusions",
     "Improve financial understanding to reduce cycles of debt and family conflict"),
    ("Emotional and wellbeing support", "Support for financial exclusion", "Workforce development"),
    ("Improve the emotional wellbeing of pre-school and primary age children",),
    ("Improve the emotional wellbeing of parents, carers, children and young people",
     "Increase the number of children achieving a good level of development", "Reduce the number of children missing school"),
    ("Children and young people missing or absent from education",),
    ("Families in debt", "Absence from school and its impact on the local community",
     "Emotional wellbeing for children and young people", "Anti-social behaviour"),
)  # fmt: skip


@dataclass
class Home:
    pk: int
    district_id: int
    members: list[tuple[int, str, date | None]] = field(default_factory=list)  # person, kind, date of birth

    def family_on(self, day: date) -> tuple[int, list[int]] | None:
        """The lead (the eldest adult) and everyone born by `day`, if a child under 18 was in the family."""
        born = [m for m in self.members if m[2] is None or m[2] <= day]
        children = [m for m in born if m[1] == PersonKind.CHILD and m[2] and (day - m[2]).days < 18 * 365]
        adults = sorted((m for m in born if m[1] == PersonKind.ADULT), key=lambda m: m[2] or date.min)
        if not children or not adults:
            return None
        return adults[0][0], [m[0] for m in born]


@dataclass
class Family:
    home: Home
    lead: int
    people: list[int]
    attached_on: date
    key_worker: int
    criteria: list[str] = field(default_factory=list)
    closed_on: date | None = None
    closure: str = ""
    claim: tuple[str, date, int | None, date | None] | None = None  # kind, claimed on, employed person, from
    failed: tuple[str, date, str, date] | None = None  # kind, claimed on, status, status on
    plan: bool = True


class Writer:
    """Collects the rows and writes them with insert_rows."""

    def __init__(self, authority: Authority, today: date, lead_user: int) -> None:
        self.a, self.today, self.now, self.lead_user = authority.pk, today, start_of(today), lead_user
        self.attachment_ids, self.outcome_ids, self.claim_ids = (
            next_ids(Attachment), next_ids(Outcome), next_ids(Claim)
        )  # fmt: skip
        self.rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        self.times: dict[tuple[date, int], Any] = {}

    def at(self, day: date, hour: int = 10) -> Any:
        """`hour` on `day` (never later than the demo's "now"), as the database takes it: tens of thousands of
        rows share a few hundred days, so each is converted once."""
        key = (day, hour)
        if key not in self.times:
            moment = min(datetime.combine(day, time(hour), tzinfo=LONDON), self.now)
            self.times[key] = connection.ops.adapt_datetimefield_value(moment)
        return self.times[key]

    def family(self, rng: random.Random, f: Family) -> None:
        a, pk = self.a, next(self.attachment_ids)
        by = f.key_worker
        self.rows["attachment"].append((pk, a, f.lead, f.home.pk, f.home.district_id, f.attached_on,
                                        programme_year(f.attached_on), by, by, f.closed_on, f.closure, "",
                                        (self.lead_user if f.closure == ClosureReason.SUCCESSFUL else by) if f.closed_on else None,
                                        self.at(f.attached_on)))  # fmt: skip
        self.rows["member"] += [(a, pk, person) for person in f.people]
        self.rows["criterion"] += [
            (a, pk, c, rng.choice(CRITERION_NOTES[c]), f.attached_on, by) for c in f.criteria
        ]
        outcomes = []
        if f.plan:
            planned = min(f.attached_on + timedelta(days=rng.randint(7, 28)), self.today)
            for c in f.criteria:
                outcome = next(self.outcome_ids)
                outcomes.append(outcome)
                self.rows["outcome"].append((outcome, a, pk, c, *rng.choice(OUTCOMES[c]), by, self.at(planned, 14),
                                             self.at(planned, 14)))  # fmt: skip
        labels = ", ".join(Criterion(c).label.lower() for c in f.criteria)
        self.chronology(
            f.people, f.attached_on, "Attached to Supporting Families", f"Criteria met: {labels}.", pk, by
        )
        if f.failed is not None:
            kind, on, status, status_on = f.failed
            why = "Attendance evidence covered two terms, not three" if status == ClaimStatus.REJECTED else \
                "Made in error: the progress was not sustained"  # fmt: skip
            self.claim(rng, pk, kind, on, None, None, outcomes, status, status_on, why)
        if f.claim is not None:
            kind, on, person, since = f.claim
            self.claim(rng, pk, kind, on, person, since, outcomes, ClaimStatus.MADE, None, "")
        if f.closed_on is not None:
            title = f"Left Supporting Families: {ClosureReason(f.closure).label.lower()}"
            self.chronology(f.people, f.closed_on, title, "", pk, by)

    def claim(self, rng: random.Random, attachment: int, kind: str, on: date, person: int | None, since: date | None,
              outcomes: list[int], status: str, status_on: date | None, why: str) -> None:  # fmt: skip
        pk = next(self.claim_ids)
        evidence = rng.choice(CLAIM_EVIDENCE[kind])
        self.rows["claim"].append((pk, self.a, attachment, kind, on, programme_year(on), evidence, person, since,
                                   self.lead_user, status, status_on, why, self.lead_user if status_on else None,
                                   self.at(on, 15)))  # fmt: skip
        if kind == ClaimKind.SSP:
            self.rows["claim_outcome"] += [(pk, outcome) for outcome in outcomes]

    def chronology(self, people: list[int], day: date, title: str, detail: str, source: int, by: int) -> None:
        self.rows["chronology"] += [(self.a, person, self.at(day), EntryKind.SUPPORTING, title, detail, "supporting.attachment",
                                     str(source), False, False, by, self.at(day)) for person in people]  # fmt: skip

    def write(self) -> None:
        insert_rows(Attachment, ["id", "authority", "lead", "household", "district", "attached_on", "programme_year",
                                 "attached_by", "key_worker", "closed_on", "closure_reason", "closure_note",
                                 "closed_by", "recorded_at"], self.rows["attachment"])  # fmt: skip
        insert_rows(AttachmentMember, ["authority", "attachment", "person"], self.rows["member"])
        insert_rows(AttachmentCriterion, ["authority", "attachment", "criterion", "note", "recorded_on", "recorded_by"],
                    self.rows["criterion"])  # fmt: skip
        insert_rows(Outcome, ["id", "authority", "attachment", "criterion", "description", "measure", "target",
                              "recorded_by", "recorded_at", "updated_at"], self.rows["outcome"])  # fmt: skip
        insert_rows(Claim, ["id", "authority", "attachment", "kind", "claimed_on", "period", "evidence",
                            "employed_person", "employed_from", "claimed_by", "status", "status_on", "status_reason",
                            "status_by", "recorded_at"], self.rows["claim"])  # fmt: skip
        insert_rows(Claim.outcomes.through, ["claim", "outcome"], self.rows["claim_outcome"])
        insert_rows(ChronologyEntry, ["authority", "person", "occurred_at", "kind", "title", "detail", "source_type",
                                      "source_id", "significant", "hidden", "recorded_by", "recorded_at"],
                    self.rows["chronology"])  # fmt: skip
        reset_sequences(Attachment, Outcome, Claim)


def _split(total: int, weights: tuple[int, ...] | list[int]) -> list[int]:
    """`total` split in proportion to `weights`, whole numbers adding up to `total` (largest remainders)."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    parts = [int(x) for x in exact]
    for i in sorted(range(len(weights)), key=lambda i: parts[i] - exact[i])[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _dates_by_person(*querysets: QuerySet[Any]) -> dict[int, list[date]]:
    found: dict[int, list[date]] = defaultdict(list)
    for qs in querysets:
        for person, day in qs:
            found[person].append(day)
    return found


def _homes(authority: Authority, ids: list[int], district_of: dict[int, int]) -> dict[int, Home]:
    """The households `ids` with their current members, read 900 at a time."""
    homes = {pk: Home(pk, district_of[pk]) for pk in ids}
    for n in range(0, len(ids), 900):
        # By household only: the authority's own index would make SQLite read every member of the county.
        rows = HouseholdMember.objects.filter(household_id__in=ids[n : n + 900], left_on__isnull=True)
        for home, person, kind, born in rows.values_list("household_id", "person_id", "person__kind",
                                                          "person__date_of_birth").order_by("pk"):  # fmt: skip
            homes[home].members.append((person, kind, born))
    return homes


def _criteria(rng: random.Random, families: list[Family]) -> None:
    """Each family's criteria: the seed's count of families for each criterion (scaled), given first to
    families that still meet fewer than 2 (the programme's minimum), then at random."""
    counts = {c: round(n * len(families) / FAMILIES) for c, n in CRITERIA.items()}
    for criterion, count in sorted(counts.items(), key=lambda item: -item[1]):
        order = sorted(families, key=lambda f: (len(f.criteria) >= MIN_CRITERIA, rng.random()))
        for f in order[:count]:
            f.criteria.append(criterion)
    for f in families:
        f.criteria.sort(key=list(CRITERIA).index)


@dataclass
class County:
    """What the generator reads of the county already made."""

    start: date  # the first day of the programme's first year
    districts: list[District]
    homes: list[tuple[int, int]]  # every household and its district, in the stream's order
    lead_user: int  # the Supporting Families lead: makes the claims, sets the targets
    showcase_worker: int | None
    key_workers: dict[int, list[int]]  # early help workers by district
    helped: dict[int, int]  # household: its early help key worker
    touched: dict[int, list[tuple[int, date]]]  # household: (person, day a social care intervention started)
    showcase_homes: list[int]


def _read_county(rng: random.Random, authority: Authority, start: date) -> County:
    staff = list(User.objects.filter(authority=authority, is_active=True).order_by("pk")
                 .values_list("pk", "username", "role", "practitioner_kind", "team__kind", "team__district_id"))  # fmt: skip
    analysts = [u[0] for u in staff if u[1] == "analyst"] + [
        u[0] for u in staff if u[2] == Role.PERFORMANCE_ANALYST
    ]
    key_workers: dict[int, list[int]] = defaultdict(list)
    for pk, _, role, kind, team_kind, district in staff:
        if role == Role.PRACTITIONER and (
            kind == PractitionerKind.EARLY_HELP_KEY_WORKER or team_kind == TeamKind.EARLY_HELP
        ):
            key_workers[district].append(pk)
    showcase_worker = next((u[0] for u in staff if u[1] == SHOWCASE_WORKER), None)
    # Children's social care interventions, by household: a family's recidivism is one of these after its claim.
    social_care = Involvement.objects.filter(authority=authority, kind__in=[InvolvementKind.SOCIAL_CARE,
                                                                           InvolvementKind.CHILD_PROTECTION])  # fmt: skip
    referrals = Referral.objects.filter(authority=authority)
    care = PeriodOfCare.objects.filter(authority=authority)
    days = _dates_by_person(referrals.values_list("person_id", "referred_on"),
                            social_care.values_list("person_id", "started_on"), care.values_list("person_id", "started_on"))  # fmt: skip
    # Everyone's current household, read once; the joins below are made here rather than in SQL, because a
    # subquery over rows made moments ago (no planner statistics yet) took PostgreSQL seconds each.
    homes_of: dict[int, list[int]] = defaultdict(list)
    for home, person in (
        HouseholdMember.objects.filter(authority=authority, left_on__isnull=True)
        .order_by("pk")
        .values_list("household_id", "person_id")
    ):
        homes_of[person].append(home)
    touched: dict[int, list[tuple[int, date]]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for source in (referrals, social_care, care):
        for person in sorted(set(source.values_list("person_id", flat=True))):
            for home in homes_of.get(person, ()):
                if (home, person) not in seen:
                    seen.add((home, person))
                    touched[home] += [(person, day) for day in days[person]]
    early_help = Allocation.objects.filter(
        authority=authority, ended_on__isnull=True, team__kind=TeamKind.EARLY_HELP
    )
    worker_of = dict(early_help.order_by("pk").values_list("person_id", "worker_id"))
    pairs = sorted((home, person) for person in worker_of for home in homes_of.get(person, ()))
    helped = {home: worker_of[person] for home, person in pairs}
    showcase_homes: list[int] = []
    if showcase_worker is not None:
        allocated = Allocation.objects.filter(worker_id=showcase_worker, ended_on__isnull=True)
        showcase_homes = sorted(
            {
                home
                for person in allocated.values_list("person_id", flat=True)
                for home in homes_of.get(person, ())
            }
        )
    homes = list(
        Household.objects.filter(authority=authority).order_by("pk").values_list("pk", "district_id")
    )
    rng.shuffle(homes)
    return County(start, list(District.objects.filter(authority=authority).order_by("name")), homes, analysts[0],
                  showcase_worker, key_workers, helped, touched, showcase_homes)  # fmt: skip


class Programme:
    """Chooses the county's households for the programme, district by district, and what happens to each."""

    def __init__(
        self, rng: random.Random, authority: Authority, county: County, today: date, scale: float
    ) -> None:
        self.rng, self.authority, self.county, self.today = rng, authority, county, today
        self.start, self.district_of = county.start, dict(county.homes)
        weights = DISTRICT_FAMILIES[: len(county.districts)] or [1] * len(county.districts)
        total = max(len(county.districts), round(FAMILIES * scale))
        self.left = dict(zip([d.pk for d in county.districts], _split(total, weights), strict=True))
        successful, self.ce_left = round((SSP + CE) * scale), round(CE * scale)
        self.ssp_left, self.recidivists = successful - self.ce_left, round(RECIDIVISM * successful)
        self.taken: set[int] = set()
        self.families: list[Family] = []

    def homes(self, ids: list[int]) -> dict[int, Home]:
        return _homes(self.authority, ids, self.district_of)

    def take(self, home: Home, attached_on: date) -> Family | None:
        """The household's family attached on the day, if it is free, has a child and its district needs more."""
        found = home.family_on(attached_on)
        if found is None or home.pk in self.taken or self.left.get(home.district_id, 0) <= 0:
            return None
        workers = self.county.key_workers.get(home.district_id) or [self.county.lead_user]
        f = Family(
            home, found[0], found[1], attached_on, self.county.helped.get(home.pk) or self.rng.choice(workers)
        )
        self.taken.add(home.pk)
        self.left[home.district_id] -= 1
        self.families.append(f)
        return f

    def succeed(self, f: Family, claimed: date) -> None:
        """A successful claim, SSP or CE in the seed's proportions until the counts are used up."""
        ce = self.ce_left > 0 and (self.ssp_left <= 0 or self.rng.random() < CE / (SSP + CE))
        _successful(self.rng, f, ClaimKind.CE if ce else ClaimKind.SSP, claimed)
        self.ce_left -= ce
        self.ssp_left -= not ce

    def showcase(self) -> int:
        """sw.aldermoor's own families, so that the persona's pages have something to show."""
        homes = list(self.homes(self.county.showcase_homes[:20]).values())
        made = _showcase(
            self.rng, homes, self.take, self.today, self.county.showcase_worker, self.county.touched
        )
        self.ssp_left -= made["ssp"]
        self.ce_left -= made["ce"]
        return made["families"]

    def recidivist_families(self) -> None:
        """Families in which someone's social care intervention started at least 200 days after they were in the
        family and it could have been attached, so that a claim fits between the two."""
        after = self.start + timedelta(days=200)
        candidates = [
            pk for pk, _ in self.county.homes if any(d > after for _, d in self.county.touched.get(pk, ()))
        ]
        candidates = candidates[: self.recidivists * 4 + 20]
        homes = self.homes(candidates)
        for pk in candidates:
            if self.recidivists <= 0:
                break
            born = {person: dob or self.start for person, _, dob in homes[pk].members}
            windows = sorted((max(self.start, born[person]), day) for person, day in self.county.touched[pk]
                             if person in born and day - timedelta(days=200) >= max(self.start, born[person]))  # fmt: skip
            if not windows:
                continue
            earliest, later = windows[0]
            f = self.take(
                homes[pk], earliest + timedelta(days=self.rng.randint(0, (later - earliest).days - 200))
            )
            if f is not None:
                self.succeed(
                    f, f.attached_on + timedelta(days=self.rng.randint(183, (later - f.attached_on).days - 1))
                )
                self.recidivists -= 1

    def other_families(self) -> None:
        """Successful families from households with no social care intervention at all (so no recidivism), the
        rest from any household, attached more often lately; early help families keep their key worker."""
        rng, today, start = self.rng, self.today, self.start
        pool = [pk for pk, _ in self.county.homes if pk not in self.taken][
            : int(sum(self.left.values()) * 2.5) + 50
        ]
        homes = self.homes(pool)
        for pk in pool:
            if sum(self.left.values()) <= 0:
                break
            home = homes[pk]
            if pk not in self.county.touched and (self.ssp_left > 0 or self.ce_left > 0):
                f = self.take(home, start + timedelta(days=rng.randint(0, (today - start).days - 200)))
                if f is not None:
                    room = (today - f.attached_on).days - 1
                    claimed = f.attached_on + timedelta(
                        days=rng.randint(183, min(room, 183 + rng.choice((90, 200, 400))))
                    )
                    self.succeed(f, claimed)
            else:
                f = self.take(home, start + timedelta(days=round((today - start).days * rng.random() ** 0.6)))
                if f is not None:
                    _unsuccessful(rng, f, today, [d for _, d in self.county.touched.get(pk, ())])


def make_supporting_families(*, seed: int, authority: Authority, today: date, scale: float) -> dict[str, int]:
    """Families attached over the programme's five years to `today`, their plans, claims, targets and investment
    plans. Returns counts for the demo's summary."""
    rng = random.Random(f"{seed}-supporting")
    this_year = programme_year(today)
    first_year = this_year - YEARS + 1
    county = _read_county(rng, authority, year_start(first_year))
    programme = Programme(rng, authority, county, today, scale)
    showcase = programme.showcase()
    programme.recidivist_families()
    programme.other_families()
    _criteria(rng, programme.families)
    writer = Writer(authority, today, county.lead_user)
    for f in sorted(programme.families, key=lambda f: (f.attached_on, f.home.pk)):
        f.plan = f.plan and (today - f.attached_on).days > 21  # a plan is made in the first three weeks
        writer.family(rng, f)
    writer.write()
    targets = _split(round(TARGET * scale), [1] * YEARS)
    insert_rows(AttachmentTarget, ["authority", "year", "families", "set_by", "set_at"],
                [(authority.pk, first_year + n, t, county.lead_user, writer.at(year_start(first_year + n) - timedelta(days=20)))
                 for n, t in enumerate(targets)])  # fmt: skip
    plans = _investment_plans(rng, authority, county.districts, this_year, scale, county.lead_user, writer)
    rows = writer.rows
    standing = [r for r in rows["claim"] if r[10] == ClaimStatus.MADE]  # (..., kind 3, ..., status 10, ...)
    return {"families": len(rows["attachment"]), "people": len(rows["member"]), "criteria": len(rows["criterion"]),
            "outcomes": len(rows["outcome"]), "claims": len(rows["claim"]), "successful": len(standing),
            "ce": sum(1 for r in standing if r[3] == ClaimKind.CE), "target": sum(targets), "investment_plans": plans,
            "showcase": showcase}  # fmt: skip


def _successful(rng: random.Random, f: Family, kind: str, claimed: date) -> None:
    """The claim, and the family closed as successful on its date. Continuous employment: the lead (the family's
    eldest adult) moved into work after the family was attached, 26 weeks or more before the claim."""
    if kind == ClaimKind.CE:
        since = max(f.attached_on, claimed - CONTINUOUS_EMPLOYMENT - timedelta(days=rng.randint(0, 60)))
        claimed = max(claimed, since + CONTINUOUS_EMPLOYMENT)
        f.claim = (kind, claimed, f.lead, since)
    else:
        f.claim = (kind, claimed, None, None)
    f.closed_on, f.closure = claimed, ClosureReason.SUCCESSFUL


def _unsuccessful(rng: random.Random, f: Family, today: date, interventions: list[date]) -> None:
    """Still being worked with, or closed without a claim; a few had a claim that did not stand."""
    days = (today - f.attached_on).days
    if rng.random() < WITHDRAWN + REJECTED and days > 240:
        on = f.attached_on + timedelta(days=rng.randint(183, days - 40))
        status = (
            ClaimStatus.WITHDRAWN
            if rng.random() < WITHDRAWN / (WITHDRAWN + REJECTED)
            else ClaimStatus.REJECTED
        )
        f.failed = (ClaimKind.SSP, on, status, on + timedelta(days=rng.randint(5, 35)))
    if rng.random() > min(0.9, days / 700):
        return  # still being worked with
    stepped_up = sorted(d for d in interventions if f.attached_on + timedelta(days=30) < d < today)
    earliest = f.failed[3] + timedelta(days=1) if f.failed else f.attached_on + timedelta(days=60)
    if earliest >= today:
        return
    if stepped_up and stepped_up[0] > earliest:
        f.closed_on, f.closure = stepped_up[0], ClosureReason.STEPPED_UP
        return
    f.closed_on = min(
        today, earliest + timedelta(days=rng.randint(30, max(31, min(600, (today - earliest).days))))
    )
    f.closure = rng.choices(
        [ClosureReason.DISENGAGED, ClosureReason.MOVED_AWAY, ClosureReason.OTHER], [5, 4, 1]
    )[0]


def _showcase(rng: random.Random, homes: list[Home], take: Any, today: date, worker: int | None,
              touched: dict[int, list[tuple[int, date]]]) -> dict[str, int]:  # fmt: skip
    """Up to four of sw.aldermoor's families, key-worked by them: one in continuous employment since its claim
    (when none of its social care started after), one whose claim was rejected, and two open, one of them
    attached this month with no plan yet."""
    made = {"families": 0, "ssp": 0, "ce": 0}
    if worker is None:
        return made
    specs = ["ce", "rejected", "open", "new"]
    for home in homes:
        if not specs:
            break
        spec = specs[0]
        ago = {"ce": 420, "rejected": 330, "open": 120, "new": 6}[spec]
        attached_on = today - timedelta(days=ago)
        if spec == "ce":
            claimed = today - timedelta(days=14)
            if any(d >= claimed for _, d in touched.get(home.pk, ())):
                continue
        f = take(home, attached_on)
        if f is None:
            continue
        f.key_worker = worker
        specs.pop(0)
        made["families"] += 1
        if spec == "ce":
            _successful(rng, f, ClaimKind.CE, claimed)
            made["ce"] += 1
        elif spec == "rejected":
            on = attached_on + timedelta(days=200)
            f.failed = (ClaimKind.SSP, on, ClaimStatus.REJECTED, on + timedelta(days=21))
        elif spec == "new":
            f.plan = False
    return made


def _investment_plans(rng: random.Random, authority: Authority, districts: list[District], this_year: int,
                      scale: float, lead_user: int, writer: Writer) -> int:  # fmt: skip
    """Each district's plan for the last three programme years: the money in proportion to its families and
    the seed's priorities for the Staffordshire district whose postcodes it has."""
    rows = []
    shares = _split(
        round(INVESTMENT * scale / 1000), DISTRICT_FAMILIES[: len(districts)] or [1] * len(districts)
    )
    for year in range(this_year - 2, this_year + 1):
        for n, (district, share) in enumerate(zip(districts, shares, strict=True)):
            amount = max(1000, round(share * rng.uniform(0.92, 1.08)) * 1000)
            priorities = "\n".join(PRIORITIES[n % len(PRIORITIES)])
            rows.append((authority.pk, district.pk, year, amount, priorities, lead_user,
                         writer.at(year_start(year) - timedelta(days=30))))  # fmt: skip
    insert_rows(InvestmentPlan, ["authority", "district", "year", "amount", "priorities", "recorded_by",
                                 "recorded_at"], rows)  # fmt: skip
    return len(rows)
