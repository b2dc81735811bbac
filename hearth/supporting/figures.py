"""The programme's figures as at a date, from the records (seed 000, the BRFC performance report).

- Families attached: attachments made on or before the date, whether open or closed since ("worked with").
  People: everyone in those families; children: those recorded as children.
- By district: the district the family lived in when attached. By criterion: families meeting each headline
  criterion by the date (a family meets several, so the shares add up to more than 100%).
- Successful closures: claims made on or before the date and not withdrawn or rejected by then, split into
  significant and sustained progress (SSP) and continuous employment (CE).
- Attachment target: the targets of every programme year that has started by the date, added up.
- Conversion rate: successful closures ÷ attachment target (seed 000, paragraph 7: 2,796 ÷ 4,680 = 60%), not
  ÷ families attached.
- Recidivism: successful closures after which someone in the family had a children's social care
  intervention start (a referral; a social care, child protection or looked-after involvement) after the
  claim and on or before the date, as a share of successful closures (seed 000, paragraph 9).

Figures name nobody, so they are for a council, not through a user's scope (hearth.core.reports). A zero
denominator gives None: "no data".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from hearth.care.models import PeriodOfCare
from hearth.casework.models import Involvement, InvolvementKind, Referral
from hearth.core.reports import percent
from hearth.organisation.models import District
from hearth.people.models import PersonKind
from hearth.supporting.models import (
    Attachment,
    AttachmentCriterion,
    AttachmentMember,
    AttachmentTarget,
    Claim,
    ClaimKind,
    ClaimStatus,
    Criterion,
)
from hearth.supporting.programme import programme_year, year_start

SOCIAL_CARE_KINDS = (InvolvementKind.SOCIAL_CARE, InvolvementKind.CHILD_PROTECTION)
TREND_QUARTERS = 8


def conversion_rate(successful: int, target: int) -> float | None:
    """Successful closures as a percentage of the attachment target; None ("no data") with no target."""
    return percent(successful, target)


def standing_on(claims: QuerySet[Claim], on: date) -> QuerySet[Claim]:
    """Claims that stood on `on`: made by then, and not withdrawn or rejected by then."""
    return claims.filter(claimed_on__lte=on).filter(Q(status=ClaimStatus.MADE) | Q(status_on__gt=on))


def target_on(targets: dict[int, int], on: date) -> int:
    """The attachment target as at `on`: every programme year that has started by then, added up."""
    return sum(families for year, families in targets.items() if year_start(year) <= on)


def later_intervention(claims: QuerySet[Claim], on: date) -> QuerySet[Claim]:
    """The claims after which someone in the family had a children's social care intervention start, after the
    claim date and on or before `on`."""
    family = OuterRef("attachment_id")
    after = {"gt": OuterRef("claimed_on"), "lte": on}
    referral = Referral.objects.filter(person__sf_memberships__attachment_id=family,
                                       **{f"referred_on__{k}": v for k, v in after.items()})  # fmt: skip
    involvement = Involvement.objects.filter(person__sf_memberships__attachment_id=family, kind__in=SOCIAL_CARE_KINDS,
                                             **{f"started_on__{k}": v for k, v in after.items()})  # fmt: skip
    care = PeriodOfCare.objects.filter(person__sf_memberships__attachment_id=family,
                                       **{f"started_on__{k}": v for k, v in after.items()})  # fmt: skip
    return claims.filter(Q(Exists(referral)) | Q(Exists(involvement)) | Q(Exists(care)))


@dataclass(frozen=True)
class YearFigures:
    year: int
    target: int | None  # None: no target set for the year
    attached: int
    successful: int  # successful closures of the families attached that year

    @property
    def conversion(self) -> float | None:
        return conversion_rate(self.successful, self.target or 0)


@dataclass(frozen=True)
class TrendPoint:
    on: date
    successful: int
    target: int

    @property
    def conversion(self) -> float | None:
        return conversion_rate(self.successful, self.target)


@dataclass(frozen=True)
class Figures:
    on: date
    families: int
    people: int
    children: int
    child_population: int
    by_district: list[tuple[str, int]]  # every district, in name order
    by_criterion: list[tuple[str, int]]  # every criterion, in the seed's order
    ssp: int
    ce: int
    recidivist_ssp: int
    recidivist_ce: int
    target: int
    years: list[YearFigures]
    trend: list[TrendPoint]
    open_now: int

    @property
    def successful(self) -> int:
        return self.ssp + self.ce

    @property
    def conversion(self) -> float | None:
        return conversion_rate(self.successful, self.target)

    @property
    def recidivist(self) -> int:
        return self.recidivist_ssp + self.recidivist_ce

    @property
    def recidivism(self) -> float | None:
        return percent(self.recidivist, self.successful)

    @property
    def children_share(self) -> float | None:
        return percent(self.children, self.child_population)


def quarter_ends(on: date, count: int = TREND_QUARTERS) -> list[date]:
    """The last `count` days a figure is shown for: quarter ends (31 March, 30 June, 30 September,
    31 December) before `on`, then `on` itself."""
    ends: list[date] = []
    year, month = on.year, (on.month - 1) // 3 * 3  # the quarter before the one `on` is in ends this month
    while len(ends) < count - 1:
        if month == 0:
            year, month = year - 1, 12
        end = date(year, month, 1) + timedelta(days=31)
        ends.append(end.replace(day=1) - timedelta(days=1))
        month -= 3
    return [*reversed(ends), on]


def programme_figures(*, authority_id: int, on: date) -> Figures:
    attached = Attachment.objects.filter(authority_id=authority_id, attached_on__lte=on)
    rows = list(attached.values_list("district_id", "programme_year"))
    members = AttachmentMember.objects.filter(attachment__in=attached)
    districts = list(District.objects.filter(authority_id=authority_id).order_by("name"))
    by_district_id = Counter(district for district, _ in rows)
    criteria = dict(
        AttachmentCriterion.objects.filter(attachment__in=attached, recorded_on__lte=on)
        .values("criterion")
        .annotate(n=Count("attachment_id", distinct=True))
        .values_list("criterion", "n")
    )
    claims = Claim.objects.filter(authority_id=authority_id)
    standing = standing_on(claims, on)
    kinds = dict(standing.values("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    again = dict(
        later_intervention(standing, on).values("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    targets = dict(AttachmentTarget.objects.filter(authority_id=authority_id).values_list("year", "families"))
    cohort = Counter(standing.values_list("attachment__programme_year", flat=True))
    attached_in = Counter(year for _, year in rows)
    this_year = programme_year(on)
    known_years = [
        y for y in (*attached_in, *cohort, *(y for y in targets if year_start(y) <= on)) if y <= this_year
    ]
    years = [
        YearFigures(year, targets.get(year), attached_in[year], cohort[year])
        for year in range(min(known_years), this_year + 1)
    ] if known_years else []  # fmt: skip
    return Figures(
        on=on, families=len(rows), people=members.count(),
        children=members.filter(person__kind=PersonKind.CHILD).count(),
        child_population=sum(d.child_population for d in districts),
        by_district=[(d.name, by_district_id[d.pk]) for d in districts],
        by_criterion=[(c.label, criteria.get(c.value, 0)) for c in Criterion],
        ssp=kinds.get(ClaimKind.SSP, 0), ce=kinds.get(ClaimKind.CE, 0),
        recidivist_ssp=again.get(ClaimKind.SSP, 0), recidivist_ce=again.get(ClaimKind.CE, 0),
        target=target_on(targets, on), years=years, trend=_trend(claims, targets, on),
        open_now=attached.filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on)).count(),
    )  # fmt: skip


def _trend(claims: QuerySet[Claim], targets: dict[int, int], on: date) -> list[TrendPoint]:
    """Successful closures, target and conversion rate at each of the last quarter ends and on `on`."""
    rows = list(claims.filter(claimed_on__lte=on).values_list("claimed_on", "status", "status_on"))
    points = []
    for day in quarter_ends(on):
        standing = sum(
            1
            for made, status, ended in rows
            if made <= day and (status == ClaimStatus.MADE or (ended is not None and ended > day))
        )
        points.append(TrendPoint(day, standing, target_on(targets, day)))
    return points
