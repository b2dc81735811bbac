"""The front door: contacts about children, referrals to children's social care, and re-referrals."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count

from hearth.casework.models import Referral
from hearth.casework.services import RE_REFERRAL_WINDOW
from hearth.frontdoor.models import ContactStatus, ContactSubject, SubjectRole
from hearth.performance.figures import Counter, Figures, Selection
from hearth.performance.indicators.base import Indicator, count_flow, period_counts

GROUP = "Front door"


def contacts(selection: Selection) -> Figures:
    rows = ContactSubject.objects.filter(authority_id=selection.authority_id, role=SubjectRole.CHILD).exclude(
        contact__status=ContactStatus.DRAFT
    )
    return count_flow(selection, rows, "contact__received_at", "person__district_id", timed=True)


def referrals(selection: Selection) -> Figures:
    rows = Referral.objects.filter(authority_id=selection.authority_id)
    return count_flow(selection, rows, "referred_on", "person__district_id")


def re_referrals(selection: Selection) -> Figures:
    """Each referral in the range, and whether the same child was referred in the 12 months before it. Reads
    the referral dates (from a year before the range) rather than the flag stored when it was recorded, so a
    referral recorded late still counts for the one after it. Only children referred more than once from a
    year before the range to its end can have a re-referral: only their referrals are read one by one."""
    counter = Counter(selection)
    council = Referral.objects.filter(authority_id=selection.authority_id)
    for district, day, count in period_counts(selection, council, "referred_on", "person__district_id"):
        counter.flow(district, day, 0, count)
    window = council.filter(
        referred_on__gte=selection.start - RE_REFERRAL_WINDOW, referred_on__lte=selection.end
    )
    again = window.order_by().values("person_id").annotate(referrals=Count("pk")).filter(referrals__gt=1)
    rows = (
        window.filter(person_id__in=again.values("person_id"))
        .order_by()
        .values_list("person_id", "person__district_id", "referred_on")
    )
    by_child: dict[int, list[tuple[date, int | None]]] = defaultdict(list)
    for person, district, on in rows:
        by_child[person].append((on, district))
    for dates in by_child.values():
        dates.sort()
        for n, (on, district) in enumerate(dates):
            if on >= selection.start and any(
                on - RE_REFERRAL_WINDOW <= earlier < on for earlier, _ in dates[:n]
            ):
                counter.flow(district, on, 1, 0)
    return counter.figures()


INDICATORS = (
    Indicator(
        "contacts", "Contacts about children", GROUP,
        "Contacts received at the front door in the period, counted once for each child they are about (a "
        "contact about two brothers counts twice), in the district of the child. Contacts still being "
        "recorded, and contacts that name no child, are not counted.",
        "count", contacts, counted="Contacts",
    ),
    Indicator(
        "referrals", "Referrals to children’s social care", GROUP,
        "Referrals to children’s social care made in the period, by the date of the referral, in the "
        "district of the child.",
        "count", referrals, counted="Referrals",
    ),
    Indicator(
        "re-referrals", "Re-referrals within 12 months", GROUP,
        "Of the referrals made in the period, the share that came within 12 months (365 days) of an earlier "
        "referral of the same child. Worked out from the dates of the child’s referrals, as the children in "
        "need census counts them.",
        "percent", re_referrals, counted="Re-referrals", base="Referrals",
    ),
)  # fmt: skip
