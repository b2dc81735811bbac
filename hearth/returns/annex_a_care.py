"""Annex A lists 8 to 11: children looked after, care leavers, children with a plan for adoption, and
adopters. Same shape as `annex_a_lists` (whole-council queries, no query per row); the rules for what each
list holds and which columns stay blank are in `hearth.returns.annex_a`."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count
from django.utils import timezone

from hearth.care.leavers import leaver_category
from hearth.care.models import (
    AdoptionJourney,
    CareLeaver,
    CareReview,
    CareVisit,
    Episode,
    HealthCheck,
    HealthKind,
    InterviewOutcome,
    LeaverContact,
    MissingEpisode,
    PeriodOfCare,
    PermanencePlan,
    Placement,
    ProspectiveAdopter,
    Responsible,
)
from hearth.care.stability import Spell, placements_in_year
from hearth.core.dates import age_on
from hearth.returns.annex_a_lists import (
    ABSENT,
    ACCEPTED,
    ELIGIBILITY,
    FOSTERING_FOR_ADOPTION,
    GENDER,
    IN_TOUCH,
    MISSING,
    NO,
    OFFERED,
    PERMANENCE,
    SEXES,
    SUITABILITY,
    YES,
    Row,
    Window,
    _common,
    _grouped,
    _latest,
    _people,
)

CHILD_ATTENDED = {"PN1", "PN2", "PN3", "PN4"}  # review participation codes for a child at their review
HEALTH_ASSESSMENT: dict[str, str] = {
    HealthKind.INITIAL: "health",
    HealthKind.REVIEW: "health",
    HealthKind.DENTAL: "dental",
}


def list_8(w: Window) -> list[Row]:
    """Children looked after at any time in the six months: each child's latest period of care."""
    periods = PeriodOfCare.objects.filter(authority=w.authority, started_on__lte=w.on).exclude(
        ended_on__lt=w.since
    )
    ids, period_ids = periods.values("person_id"), periods.values("pk")
    people = _people(ids)
    latest = _latest(
        periods.order_by("person_id", "started_on", "pk")
        .values_list("person_id", "pk", "started_on", "ended_on", "reason_ceased")
    )  # fmt: skip
    history = _grouped(
        PeriodOfCare.objects.filter(person_id__in=ids, started_on__lte=w.on)
        .values_list("person_id", "started_on", "ended_on", "unaccompanied")
    )  # fmt: skip
    episodes = _grouped(
        Episode.objects.filter(period_id__in=period_ids, started_on__lte=w.on).order_by("started_on", "pk")
        .values_list("period_id", "started_on", "legal_status", "category_of_need")
    )  # fmt: skip
    placements = _grouped(
        Placement.objects.filter(person_id__in=ids, started_on__lte=w.on).order_by("started_on", "pk")
        .values_list("person_id", "period_id", "started_on", "ended_on", "placement_type", "place_provider",
                     "postcode", "urn", "in_area")
    )  # fmt: skip
    reviews = _grouped(
        CareReview.objects.filter(period_id__in=period_ids, held_on__lte=w.on).order_by("held_on")
        .values_list("period_id", "held_on", "participation")
    )  # fmt: skip
    visits = _latest(
        CareVisit.objects.filter(period_id__in=period_ids, visited_on__lte=w.on).order_by("period_id", "visited_on")
        .values_list("period_id", "visited_on")
    )  # fmt: skip
    health = {
        (period_id, HEALTH_ASSESSMENT[kind]): done
        for period_id, kind, done in HealthCheck.objects.filter(
            period_id__in=period_ids, kind__in=list(HEALTH_ASSESSMENT), done_on__lte=w.on
        ).order_by("done_on").values_list("period_id", "kind", "done_on")
    }  # fmt: skip
    plans = _grouped(
        PermanencePlan.objects.filter(person_id__in=ids, agreed_on__lte=w.on).order_by("agreed_on", "pk")
        .values_list("person_id", "agreed_on", "ended_on", "kind")
    )  # fmt: skip
    missing = _grouped(
        MissingEpisode.objects.filter(person_id__in=ids, responsible=Responsible.OURS_IN_CARE,
                                      started_at__lt=w.end_of(w.on)).order_by("started_at", "pk")
        .values_list("person_id", "kind", "started_at", "interview_offered_at", "interview_outcome")
    )  # fmt: skip
    rows = []
    for person_id, (_, pk, started, ended, reason) in sorted(latest.items(), key=lambda i: (i[1][2], i[0])):
        left = w.by(ended)
        day = left or w.on
        recent = [p for p in history[person_id] if p[1] is None or p[1] >= w.year_ago]
        mine = episodes.get(pk, [])
        status_since, legal, need = mine[-1][:3] if mine else (None, "", "")
        for earlier_start, earlier_legal, _ in reversed(mine[:-1]):
            if earlier_legal != legal:
                break
            status_since = earlier_start
        spells = [Spell(p[1], p[2], p[3]) for p in placements.get(person_id, [])]
        placed = [p for p in placements.get(person_id, []) if p[0] == pk]
        held = reviews.get(pk, [])
        plan = [p for p in plans.get(person_id, []) if p[0] <= day and (p[1] is None or p[1] >= day)]
        away = [m for m in missing.get(person_id, []) if timezone.localdate(m[1]) >= w.year_ago]
        last_missing = next((m for m in reversed(missing.get(person_id, [])) if m[0] == "M"), None)
        rows.append({
            **_common(w, person_id, people[person_id]),
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)":
                YES if any(p[2] for p in recent) else NO,
            "Date Started to be Looked After": started, "Child's Category of Need": need,
            "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)":
                YES if len(recent) > 1 else NO,
            "Start date of current legal status": status_since, "Child's Legal Status": legal,
            "Date of Latest Statutory Review": held[-1][0] if held else None,
            "Date of Last Social Work Visit": visits[pk][1] if pk in visits else None,
            "What is the permanence plan for this child?": PERMANENCE.get(plan[-1][2], "") if plan else "",
            "Date of Last IRO Visit / Contact to the Child":
                max((d for d, took_part in held if took_part in CHILD_ATTENDED), default=None),
            "Date of Last Health Assessment": health.get((pk, "health")),
            "Date of Last Dental Check": health.get((pk, "dental")),
            "Number of Placements in the Last 12 months": placements_in_year(spells, w.on),
            "Date Ceased to be Looked After": left, "Reason Ceased to be Looked After": reason if left else "",
            **_placement(w, placed[-1] if placed else None),
            MISSING: sum(1 for m in away if m[0] == "M"), ABSENT: sum(1 for m in away if m[0] == "A"),
            **_interview(w, last_missing), **w.team(person_id, left),
        })  # fmt: skip
    return rows


def _placement(w: Window, placement: tuple[Any, ...] | None) -> Row:
    if placement is None:
        return {}
    _, started, _, kind, provider, postcode, urn, in_area = placement
    return {"Start Date of Most Recent Placement": started, "Placement Type": kind, "Placement Provider": provider,
            "Placement postcode": postcode, "URN of Placement": urn, "Placement Location": "a) In" if in_area else "b) Out",
            "LA of Placement": w.authority.name if in_area else ""}  # fmt: skip


def _interview(w: Window, episode: tuple[Any, ...] | None) -> Row:
    """The return home interview after the child's last missing episode."""
    if episode is None:
        return {}
    _, _, offered_at, outcome = episode
    offered = (
        YES
        if offered_at and offered_at < w.end_of(w.on)
        else NO
        if outcome == InterviewOutcome.NOT_OFFERED
        else ""
    )
    accepted = {InterviewOutcome.ACCEPTED: YES, InterviewOutcome.DECLINED: NO}.get(outcome, "")
    return {OFFERED: offered, ACCEPTED: accepted}


def list_9(w: Window) -> list[Row]:
    """Care leavers aged 17 to 21 on the inspection date whose support had not ended."""
    leavers = CareLeaver.objects.filter(authority=w.authority).exclude(ended_on__lte=w.on)
    ids = leavers.values("person_id")
    people = _people(ids)
    periods = _grouped(
        PeriodOfCare.objects.filter(person_id__in=ids, started_on__lte=w.on)
        .values_list("person_id", "started_on", "ended_on")
    )  # fmt: skip
    contacts = _latest(
        LeaverContact.objects.filter(person_id__in=ids, contacted_on__lte=w.on).order_by("person_id", "contacted_on", "pk")
        .values_list("person_id", "in_touch", "activity", "accommodation")
    )  # fmt: skip
    rows = []
    for person_id, stored, *adviser in leavers.order_by("person_id").values_list(
        "person_id", "category", "adviser__team__name", "adviser__first_name", "adviser__last_name",
        "adviser__username",
    ):  # fmt: skip
        born = people[person_id][2]
        age = age_on(born, w.on) if born else None
        if age is None or not 17 <= age <= 21 or person_id not in periods:
            continue
        cared = [(start, w.by(end)) for start, end in periods[person_id]]
        category = leaver_category(periods=cared, date_of_birth=born, on=w.on) or stored
        team = w.team(person_id, worker=tuple(adviser))  # no allocation: their personal adviser
        _, in_touch, activity, accommodation = contacts.get(person_id, (None, "", "", ""))
        rows.append({**_common(w, person_id, people[person_id]), **team,
                     "Eligibility Category": ELIGIBILITY.get(category, ""), "LA in Touch": IN_TOUCH.get(in_touch, ""),
                     "Type of Accommodation": accommodation[:1] if accommodation != "0" else "",
                     "Suitability of Accommodation": SUITABILITY.get(accommodation[1:], ""),
                     "Activity Status": activity if activity != "0" else ""})  # fmt: skip
    return rows


def list_10(w: Window) -> list[Row]:
    """Children with a decision that they should be placed for adoption, unless they were adopted or the
    plan stopped before the last 12 months."""
    journeys = AdoptionJourney.objects.filter(authority=w.authority, should_be_placed_on__lte=w.on)
    people = _people(journeys.values("person_id"))
    fostered = _latest(  # the first fostering for adoption or concurrent planning placement in the period
        Placement.objects.filter(period_id__in=journeys.values("period_id"), placement_type__in=FOSTERING_FOR_ADOPTION,
                                 started_on__lte=w.on).order_by("period_id", "-started_on")
        .values_list("period_id", "started_on")
    )  # fmt: skip
    rows = []
    for (person_id, period_id, entered, decided, order, matched, adopter, placed, adopted, ceased,
         reason) in journeys.order_by("should_be_placed_on", "pk").values_list(
        "person_id", "period_id", "period__started_on", "should_be_placed_on", "placement_order_on", "matched_on",
        "adopter_id", "placed_on", "adoption_order_on", "ceased_on", "ceased_reason",
    ):  # fmt: skip
        adopted, ceased, matched = w.by(adopted), w.by(ceased), w.by(matched)
        if (adopted or ceased or w.on) < w.year_ago:
            continue
        rows.append({**_common(w, person_id, people[person_id]),
                     "Family identifier": str(adopter) if adopter and matched else "",
                     "Date the Child Entered Care": entered,
                     "Date of Decision that Child Should be Placed for Adoption": decided,
                     "Date of Placement Order": w.by(order), "Date of Matching Child and Prospective Adopters": matched,
                     "Date Placed for Adoption": w.by(placed), "Date of Adoption Order": adopted,
                     "Date of Decision that Child Should No Longer be Placed for Adoption": ceased,
                     "Reason Why Child No Longer Placed for Adoption": reason if ceased else "",
                     "Date the child was placed for fostering in FFA or concurrent planning placement":
                         fostered[period_id][1] if period_id in fostered else None})  # fmt: skip
    return rows


def list_11(w: Window) -> list[Row]:
    """Adopters: each prospective adopter of a household in the adoption process at any time in the last
    12 months, one row per adopter."""
    placed = dict(
        AdoptionJourney.objects.filter(authority=w.authority, adopter__isnull=False, placed_on__lte=w.on)
        .values("adopter_id").annotate(n=Count("pk")).values_list("adopter_id", "n")
    )  # fmt: skip
    rows: list[Row] = []
    for pk, stage_dates, number, sex in (
        ProspectiveAdopter.objects.filter(authority=w.authority).order_by("pk")
        .values_list("pk", "stage_dates", "number", "sex")
    ):  # fmt: skip
        reached = {stage: date.fromisoformat(day) for stage, day in (stage_dates or {}).items()}
        dates = {stage: day for stage, day in reached.items() if day <= w.on}
        finished = dates.get("adopted") or dates.get("withdrawn")
        if not dates or (finished and finished < w.year_ago):
            continue
        for n, letter in enumerate(SEXES.get(sex) or "U" * max(number, 1), start=1):
            rows.append({"Individual adopter identifier": f"{pk}-{n}", "Family identifier": str(pk),
                         "Gender": GENDER[letter], "Date enquiry received": dates.get("enquiry"),
                         "Date Stage 1 started": dates.get("stage_one"), "Date Stage 2 started": dates.get("stage_two"),
                         "Date application approved": dates.get("approved"),
                         "Date adopter matched with child(ren)": dates.get("matched"),
                         "Date child/children placed with adopter(s)": dates.get("placed"),
                         "No. of children placed": placed.get(pk, 0), "Date of Adoption Order": dates.get("adopted"),
                         "Date of leaving adoption process": dates.get("withdrawn")})  # fmt: skip
    return rows
