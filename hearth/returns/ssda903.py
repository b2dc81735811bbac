"""The SSDA903 return (children looked after), built from Hearth's records for a collection year.

Tables and columns exactly as the 2025/26 specification (`../shared/specs/statutory-returns.md`, 1.2): the
validator recognises each CSV by its exact header set. Codes come straight from the records (Hearth stores
the 903 codes); dates are dd/mm/YYYY. Children are identified by the council's child ID (`returns.ids`).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hearth.care import codes
from hearth.care.models import (
    AdoptionJourney,
    CareLeaver,
    CareReview,
    Episode,
    HealthCheck,
    LeaverContact,
    MissingEpisode,
    PeriodOfCare,
    Responsible,
)
from hearth.core.dates import age_on, birthday
from hearth.people.models import Allocation, Identifier, IdentifierKind, Person
from hearth.returns.ids import child_ids, worker_id
from hearth.returns.years import CollectionYear, dmy, upn_unknown

COLUMNS: dict[str, list[str]] = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                 "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "uasc": ["CHILD", "SEX", "DOB", "DUC"],
    "oc2": ["CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
            "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
    "ad1": ["CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
    "placed_for_adoption": ["CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
    "prev_perm": ["CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"],
    "missing": ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"],
    "social_worker": ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"],
}  # fmt: skip

URN_NOT_NEEDED = codes.NO_URN  # 903 rules 218 and 222
URN_UNKNOWN_ALLOWED = codes.ADOPTION | codes.FOSTER  # "XXXXXXX" allowed (rule 242)
STAYING_PUT = {"E17"}
# OC3: the keeping-in-touch contact nearest the birthday, within three months of it
CONTACT_NEAR = timedelta(days=91)

Rows = list[dict[str, str]]


def ssda903_tables(*, authority_id: int, year: CollectionYear) -> dict[str, Rows]:
    """Every table of the return for `year`. Tables with no rows are returned empty (and not written)."""
    episodes = list(
        Episode.objects.filter(authority_id=authority_id, started_on__lte=year.end)
        .exclude(ended_on__lt=year.start)
        .select_related("placement", "period")
        .order_by("person_id", "started_on", "pk")
    )
    children = {e.person_id for e in episodes}
    long_term = _continuously_looked_after(episodes, year)
    leavers = _oc3(authority_id, year, long_term=long_term)
    people = {p.pk: p for p in Person.objects.filter(pk__in=children | set(leavers))}
    upns = dict(
        Identifier.objects.filter(person_id__in=people, kind=IdentifierKind.UPN).values_list(
            "person_id", "value"
        )
    )
    tables: dict[str, Rows] = {
        "episodes": [_episode(e, year) for e in episodes],
        "header": [_header(people[pk], upns.get(pk), year, in_care=pk in children) for pk in sorted(people)],
        "reviews": _reviews(authority_id, year, people),
        "uasc": _uasc(episodes, people),
        "oc2": _oc2(year, people, long_term),
        "oc3": [
            {"CHILD": str(pk), "DOB": dmy(people[pk].date_of_birth), **row}
            for pk, row in sorted(leavers.items())
        ],
        "ad1": _ad1(authority_id, year, people),
        "placed_for_adoption": _placed(authority_id, year, people, children),
        "prev_perm": _prev_perm(episodes, year, people),
        "missing": _missing(authority_id, year, people, children),
        "social_worker": _social_workers(year, people, children),
    }
    # Rows are built with Hearth IDs and given the council's child ID last.
    ids = child_ids(authority_id=authority_id, person_ids=people)
    for rows in tables.values():
        for row in rows:
            row["CHILD"] = ids[int(row["CHILD"])]
    return tables


def _prev_perm(episodes: Iterable[Episode], year: CollectionYear, people: dict[int, Person]) -> Rows:
    """Children who started to be looked after in the year. Hearth does not yet record an earlier permanence
    order, so each is Z1 (none, or not known)."""
    return [{"CHILD": str(e.person_id), "DOB": dmy(people[e.person_id].date_of_birth), "PREV_PERM": "Z1",
             "LA_PERM": "", "DATE_PERM": ""}
            for e in episodes if e.reason_new == "S" and year.holds(e.started_on)]  # fmt: skip


def _episode(e: Episode, year: CollectionYear) -> dict[str, str]:
    placement, closed = e.placement, e.ended_on is not None and e.ended_on <= year.end
    kind = placement.placement_type
    urn = placement.urn
    if kind in URN_NOT_NEEDED:
        urn = ""
    elif not urn and kind in URN_UNKNOWN_ALLOWED:
        urn = "XXXXXXX"
    moved = closed and e.reason_ceased == "X1" and placement.ended_on == e.ended_on
    return {
        "CHILD": str(e.person_id), "DECOM": dmy(e.started_on), "RNE": e.reason_new, "LS": e.legal_status,
        "CIN": e.category_of_need, "PLACE": kind,
        "PLACE_PROVIDER": "" if kind in codes.NO_PROVIDER else placement.place_provider,
        "DEC": dmy(e.ended_on) if closed else "", "REC": e.reason_ceased if closed else "",
        "REASON_PLACE_CHANGE": placement.change_reason if moved and kind not in codes.TEMPORARY else "",
        "HOME_POST": "" if e.period.unaccompanied else e.period.home_postcode,
        "PL_POST": placement.postcode, "URN": urn,
    }  # fmt: skip


def _header(person: Person, upn: str | None, year: CollectionYear, *, in_care: bool) -> dict[str, str]:
    mother = "0" if in_care and person.sex == "F" else ""  # required for every looked-after female (rule 393)
    return {"CHILD": str(person.pk), "SEX": person.sex, "DOB": dmy(person.date_of_birth), "ETHNIC": person.ethnicity,
            "UPN": upn or upn_unknown(person.date_of_birth, year.end), "MOTHER": mother, "MC_DOB": ""}  # fmt: skip


def _reviews(authority_id: int, year: CollectionYear, people: dict[int, Person]) -> Rows:
    held = CareReview.objects.filter(authority_id=authority_id, held_on__range=(year.start, year.end),
                                     person_id__in=people).order_by("person_id", "held_on")  # fmt: skip
    return [{"CHILD": str(r.person_id), "DOB": dmy(people[r.person_id].date_of_birth), "REVIEW": dmy(r.held_on),
             "REVIEW_CODE": r.participation} for r in held]  # fmt: skip


def _uasc(episodes: Iterable[Episode], people: dict[int, Person]) -> Rows:
    unaccompanied = sorted({e.person_id for e in episodes if e.period.unaccompanied})
    rows = []
    for pk in unaccompanied:
        born = people[pk].date_of_birth
        rows.append({"CHILD": str(pk), "SEX": people[pk].sex, "DOB": dmy(born),
                     "DUC": dmy(birthday(born, 18)) if born else ""})  # fmt: skip
    return rows


def _oc2(year: CollectionYear, people: dict[int, Person], long_term: set[int]) -> Rows:
    """Children looked after continuously for 12 months or more at 31 March (`_continuously_looked_after`)."""
    cohort = sorted(long_term & people.keys())
    checks: dict[int, dict[str, Any]] = defaultdict(dict)
    for check in HealthCheck.objects.filter(person_id__in=cohort,
                                            done_on__range=(year.end - timedelta(days=364), year.end)).order_by("done_on"):  # fmt: skip
        checks[check.person_id][check.kind] = check
    rows = []
    for person_id in cohort:
        person = people[person_id]
        age = age_on(person.date_of_birth, year.end) or 0
        mine = checks[person.pk]
        sdq = mine.get("sdq")
        score = str(sdq.sdq_score) if sdq and sdq.sdq_score is not None and 4 <= age <= 16 else ""
        # Under 4 at 31 March, or 17 before 1 April: neither a score nor a reason (903 rules 188 and 189).
        seventeen = birthday(person.date_of_birth, 17) if person.date_of_birth else None
        if age < 4 or (seventeen is not None and seventeen < year.start):
            score = reason = ""
        elif score:
            reason = ""
        elif age > 16:
            reason = "SDQ1"
        else:
            reason = sdq.sdq_reason if sdq and sdq.sdq_reason else "SDQ4"
        rows.append({
            "CHILD": str(person.pk), "DOB": dmy(person.date_of_birth), "SDQ_SCORE": score, "SDQ_REASON": reason,
            "CONVICTED": "0" if age >= 10 else "", "HEALTH_CHECK": _flag("review" in mine) if age < 5 else "",
            "IMMUNISATIONS": _flag("immunisations" in mine), "TEETH_CHECK": _flag("dental" in mine),
            "HEALTH_ASSESSMENT": _flag("review" in mine or "initial" in mine), "SUBSTANCE_MISUSE": "0",
            "INTERVENTION_RECEIVED": "", "INTERVENTION_OFFERED": "",
        })  # fmt: skip
    return rows


def _flag(value: bool) -> str:
    return "1" if value else "0"


def _continuously_looked_after(episodes: Iterable[Episode], year: CollectionYear) -> set[int]:
    """Children looked after continuously for the 12 months to 31 March (the OC2 cohort), derived from the
    year's episodes as the 903 guidance and the DfE's validator derive it: looked after in the year, with no
    period of care starting after 1 April, none ending before 31 March, and no short-break (V3, V4) episode.
    A period that ends on 31 March itself still counts as 12 months (rules 185, 190 and 191)."""
    children, broken = set(), set()
    for e in episodes:
        children.add(e.person_id)
        ended = e.ended_on if e.ended_on is not None and e.ended_on <= year.end else None
        starts = e.reason_new == "S" and year.start < e.started_on <= year.end
        leaves = ended is not None and e.reason_ceased != "X1" and ended < year.end
        if starts or leaves or e.legal_status in codes.SHORT_BREAKS:
            broken.add(e.person_id)
    return children - broken


def _oc3(authority_id: int, year: CollectionYear, *, long_term: set[int]) -> dict[int, dict[str, str]]:
    """Care leavers whose 17th to 21st birthday falls in the year, with what we knew around that birthday."""
    found: dict[int, dict[str, str]] = {}
    # Not for anyone looked after on the birthday or leaving care on or after it (903 rules 1007 and 1016),
    # nor for the OC2 cohort (rules 187 and 215).
    leavers = CareLeaver.objects.filter(authority_id=authority_id).exclude(person_id__in=long_term)
    leavers = leavers.select_related("person")
    left_care: dict[int, Any] = {}  # the day each young person was last looked after (after the year: still)
    for person_id, ended in PeriodOfCare.objects.filter(authority_id=authority_id).values_list(
        "person_id", "ended_on"
    ):
        last = ended or year.end + timedelta(days=1)
        left_care[person_id] = max(left_care.get(person_id, last), last)
    contacts: dict[int, list[LeaverContact]] = defaultdict(list)
    for contact in LeaverContact.objects.filter(authority_id=authority_id).order_by("contacted_on"):
        contacts[contact.person_id].append(contact)
    for leaver in leavers:
        born = leaver.person.date_of_birth
        if born is None:
            continue
        due = leaver_birthday(born, year)
        if due is None or leaver.category == "eligible" or left_care.get(leaver.person_id, due) >= due:
            continue
        near = [c for c in contacts[leaver.person_id] if abs(c.contacted_on - due) <= CONTACT_NEAR]
        if near:
            contact = min(near, key=lambda c: abs((c.contacted_on - due).days))
            found[leaver.person_id] = {"IN_TOUCH": contact.in_touch, "ACTIV": contact.activity or "0",
                                       "ACCOM": contact.accommodation or "0"}  # fmt: skip
        else:
            found[leaver.person_id] = {"IN_TOUCH": "NO", "ACTIV": "0", "ACCOM": "0"}
    return found


def leaver_birthday(born: date, year: CollectionYear) -> date | None:
    """The 17th to 21st birthday in `year` that a care leaver's OC3 row reports on, if one falls in it."""
    return next((b for b in (birthday(born, age) for age in range(17, 22)) if year.holds(b)), None)


def _ad1(authority_id: int, year: CollectionYear, people: dict[int, Person]) -> Rows:
    adopted = PeriodOfCare.objects.filter(authority_id=authority_id, person_id__in=people,
                                          ended_on__range=(year.start, year.end), reason_ceased__in=codes.ADOPTED)  # fmt: skip
    journeys = {
        j.period_id: j for j in AdoptionJourney.objects.filter(period__in=adopted).select_related("adopter")
    }
    rows = []
    for period in adopted.order_by("person_id"):
        journey = journeys.get(period.pk)
        adopter = journey.adopter if journey else None
        rows.append({
            "CHILD": str(period.person_id), "DOB": dmy(people[period.person_id].date_of_birth),
            "DATE_INT": dmy(journey.should_be_placed_on) if journey else "",
            "DATE_MATCH": dmy(journey.matched_on) if journey else "", "FOSTER_CARE": "0",
            "NB_ADOPTR": str(adopter.number) if adopter else "", "SEX_ADOPTR": adopter.sex if adopter else "",
            "LS_ADOPTR": adopter.legal_status if adopter else "",
        })  # fmt: skip
    return rows


def _placed(authority_id: int, year: CollectionYear, people: dict[int, Person], children: set[int]) -> Rows:
    journeys = AdoptionJourney.objects.filter(authority_id=authority_id, person_id__in=children,
                                              should_be_placed_on__lte=year.end).exclude(ceased_on__lt=year.start)  # fmt: skip
    rows = []
    for j in journeys.order_by("person_id", "should_be_placed_on"):
        ceased = j.ceased_on if j.ceased_on and j.ceased_on <= year.end else None
        rows.append({"CHILD": str(j.person_id), "DOB": dmy(people[j.person_id].date_of_birth),
                     "DATE_PLACED": dmy(j.should_be_placed_on), "DATE_PLACED_CEASED": dmy(ceased),
                     "REASON_PLACED_CEASED": j.ceased_reason if ceased else ""})  # fmt: skip
    return rows


def _missing(authority_id: int, year: CollectionYear, people: dict[int, Person], children: set[int]) -> Rows:
    episodes = MissingEpisode.objects.filter(authority_id=authority_id, person_id__in=children,
                                             responsible=Responsible.OURS_IN_CARE,
                                             started_at__date__range=(year.start, year.end)).order_by("person_id", "started_at")  # fmt: skip
    rows = []
    for m in episodes:
        ended = m.ended_at.date() if m.ended_at and m.ended_at.date() <= year.end else None
        rows.append({"CHILD": str(m.person_id), "DOB": dmy(people[m.person_id].date_of_birth), "MISSING": m.kind,
                     "MIS_START": dmy(m.started_at.date()), "MIS_END": dmy(ended)})  # fmt: skip
    return rows


def _social_workers(year: CollectionYear, people: dict[int, Person], children: set[int]) -> Rows:
    """Each child's social workers in the year, from their allocations, counted from the start of care.

    As the SW rules want: episodes of 3 days or more (SW09), none ending before it starts (SW18), no two
    starting the same day (SW19), and the latest left open (SW17): the child's social worker at 31 March,
    or the last one they had in care."""
    allocations = (
        Allocation.objects.filter(person_id__in=children, worker__isnull=False, started_on__lte=year.end)
        .exclude(ended_on__lt=year.start).select_related("worker").order_by("person_id", "started_on", "pk")
    )  # fmt: skip
    cared = {p.person_id: p for p in PeriodOfCare.objects.filter(person_id__in=children, started_on__lte=year.end)
             .exclude(ended_on__lt=year.start).order_by("started_on")}  # fmt: skip
    by_child: dict[int, list[tuple[Any, Any, Any]]] = defaultdict(list)
    for a in allocations:
        period = cared.get(a.person_id)
        if period is not None and period.ended_on and a.started_on > period.ended_on:
            continue  # allocated after care ended: not a looked-after social worker episode
        start = max(a.started_on, period.started_on) if period else a.started_on
        ended = a.ended_on if a.ended_on and a.ended_on <= year.end else None
        if ended is not None and (ended - start).days < 3:
            continue
        mine = by_child[a.person_id]
        if mine and mine[-1][0] == start:
            continue
        mine.append((start, ended, worker_id(a.worker)))
    rows: Rows = []
    for person_id, episodes in sorted(by_child.items()):
        for n, (start, ended, sw_id) in enumerate(episodes):
            last = n == len(episodes) - 1
            rows.append({"CHILD": str(person_id), "DOB": dmy(people[person_id].date_of_birth),
                         "SW_ID": sw_id, "SW_DECOM": dmy(start), "SW_DEC": "" if last else dmy(ended),
                         "SW_REASON": "FCONTA" if n == 0 else "CHCHAN"})  # fmt: skip
    return rows


def write_ssda903(*, authority_id: int, year: CollectionYear, out: Path) -> dict[str, int]:
    """Write this year's tables to OUT/<year>/ and last year's to OUT/<year - 1>/; returns rows per table."""
    counts: dict[str, int] = {}
    for which in (year, year.previous):
        folder = out / str(which.end_year)
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in ssda903_tables(authority_id=authority_id, year=which).items():
            path = folder / f"{name}.csv"
            path.unlink(missing_ok=True)
            if not rows:  # an empty file breaks the validator: leave it out
                continue
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=COLUMNS[name])
                writer.writeheader()
                writer.writerows(rows)
            if which == year:
                counts[name] = len(rows)
    return counts
