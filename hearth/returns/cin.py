"""The children in need census, built from Hearth's records for a collection year, as the DfE's XML.

Each child with a children's social care involvement (an episode of need) open at any time in the year has
one CINdetails per involvement, holding only the modules active in the year: assessments started or
authorised in it, child in need plans and child protection plans that overlap it, section 47 enquiries
started in it, reviews held in it. Elements follow the DfE schema's order (spec 2.2); dates are ISO.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.db.models import Q
from django.utils import timezone

from hearth.casework.models import (
    Assessment,
    Conference,
    ConferenceKind,
    Involvement,
    InvolvementKind,
    Plan,
    PlanKind,
    ProtectionPlan,
)
from hearth.organisation.models import Authority
from hearth.people.models import Identifier, IdentifierKind, Person
from hearth.returns.ids import child_ids
from hearth.returns.years import CollectionYear, iso, upn_unknown


def _add(parent: ET.Element, tag: str, value: Any = None) -> ET.Element | None:
    """A child element with text, or nothing when the value is empty (optional elements are left out)."""
    if value is None or value == "":
        return None
    element = ET.SubElement(parent, tag)
    element.text = str(value)
    return element


def cin_census(*, authority: Authority, year: CollectionYear, now: datetime | None = None) -> ET.Element:
    episodes = list(
        Involvement.objects.filter(authority=authority, kind=InvolvementKind.SOCIAL_CARE, started_on__lte=year.end)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=year.start))
        .exclude(person__date_of_birth__gt=year.end)  # not born by the census date: not in this census
        .select_related("referral").order_by("person_id", "started_on")
    )  # fmt: skip
    people_ids = {e.person_id for e in episodes}
    people = {p.pk: p for p in Person.objects.filter(pk__in=people_ids)}
    upns = dict(
        Identifier.objects.filter(person_id__in=people_ids, kind=IdentifierKind.UPN).values_list(
            "person_id", "value"
        )
    )
    modules = _modules(people_ids, year)
    ids = child_ids(authority_id=authority.pk, person_ids=people_ids)
    message = ET.Element("Message")
    header = ET.SubElement(message, "Header")
    details = ET.SubElement(header, "CollectionDetails")
    _add(details, "Collection", "CIN")
    _add(details, "Year", year.end_year)
    _add(details, "ReferenceDate", year.end.isoformat())
    source = ET.SubElement(header, "Source")
    for tag, value in (("SourceLevel", "L"), ("LEA", authority.dfe_code), ("SoftwareCode", "Hearth"),
                       ("Release", "1"), ("SerialNo", "001"),
                       ("DateTime", (now or timezone.now()).replace(microsecond=0).isoformat(timespec="seconds"))):  # fmt: skip
        _add(source, tag, value)
    children = ET.SubElement(message, "Children")
    by_person: dict[int, list[Involvement]] = defaultdict(list)
    for e in episodes:
        by_person[e.person_id].append(e)
    for person_id in sorted(by_person):
        _child(
            children,
            people[person_id],
            ids[person_id],
            upns.get(person_id),
            by_person[person_id],
            modules,
            year,
        )
    return message


def _modules(people_ids: set[int], year: CollectionYear) -> dict[str, dict[int, list[Any]]]:
    found: dict[str, dict[int, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for a in Assessment.objects.filter(person_id__in=people_ids, started_on__lte=year.end).order_by(
        "started_on"
    ):
        if year.holds(a.started_on) or year.holds(a.completed_on):
            found["assessments"][a.person_id].append(a)
    for p in Plan.objects.filter(
        person_id__in=people_ids, kind=PlanKind.CHILD_IN_NEED, status__in=["agreed", "ended"]
    ):
        if year.overlaps(p.started_on, p.ended_on):
            found["cin_plans"][p.person_id].append(p)
    for c in Conference.objects.filter(person_id__in=people_ids, kind=ConferenceKind.INITIAL).select_related(
        "strategy_discussion"
    ):
        if c.strategy_discussion and year.holds(c.strategy_discussion.held_on):
            found["section47"][c.person_id].append(c)
        elif year.holds(c.held_on):  # the enquiry began last year: the conference goes on the episode itself
            found["icpc_only"][c.person_id].append(c)
    plans = list(ProtectionPlan.objects.filter(person_id__in=people_ids).order_by("started_on"))
    for cpp in plans:
        if year.overlaps(cpp.started_on, cpp.ended_on):
            found["cpp"][cpp.person_id].append(cpp)
        found["all_cpp"][cpp.person_id].append(cpp)
    for r in Conference.objects.filter(
        person_id__in=people_ids, kind=ConferenceKind.REVIEW, held_on__isnull=False
    ):
        if year.holds(r.held_on):
            found["reviews"][r.plan_id or 0].append(r)
    return found


def _child(parent: ET.Element, person: Person, la_child_id: str, upn: str | None, episodes: list[Involvement],
           modules: dict[str, dict[int, list[Any]]], year: CollectionYear) -> None:  # fmt: skip
    child = ET.SubElement(parent, "Child")
    ids = ET.SubElement(child, "ChildIdentifiers")
    _add(ids, "LAchildID", la_child_id)
    if upn:
        _add(ids, "UPN", upn)
    else:
        _add(ids, "UPNunknown", upn_unknown(person.date_of_birth, year.end))
    _add(ids, "PersonBirthDate", iso(person.date_of_birth))
    if person.date_of_birth is None:
        _add(ids, "ExpectedPersonBirthDate", iso(person.expected_date_of_birth))
    _add(ids, "Sex", person.sex)
    _add(ids, "PersonDeathDate", iso(person.date_of_death))
    characteristics = ET.SubElement(child, "ChildCharacteristics")
    _add(characteristics, "Ethnicity", person.ethnicity)
    disabilities = ET.SubElement(characteristics, "Disabilities")
    for code in person.disabilities or ["NONE"]:
        _add(disabilities, "Disability", code)
    for episode in episodes:
        _episode(child, person, episode, modules, year)


def _within(day: date | None, episode: Involvement) -> bool:
    return (
        day is not None
        and episode.started_on <= day
        and (episode.ended_on is None or day <= episode.ended_on)
    )


def _episode(parent: ET.Element, person: Person, episode: Involvement, modules: dict[str, dict[int, list[Any]]],
             year: CollectionYear) -> None:  # fmt: skip
    node = ET.SubElement(parent, "CINdetails")
    referral = episode.referral
    closed = episode.ended_on if episode.ended_on and episode.ended_on <= year.end else None
    assessments = [a for a in modules["assessments"][person.pk] if _within(a.started_on, episode)]
    need = next((a.primary_need for a in reversed(assessments) if a.primary_need), "") or "N1"
    _add(node, "CINreferralDate", iso(referral.referred_on if referral else episode.started_on))
    _add(node, "ReferralSource", referral.source if referral else "10")
    _add(node, "PrimaryNeedCode", need)
    _add(node, "CINclosureDate", iso(closed))
    _add(node, "ReasonForClosure", (episode.closure_reason or "RC7") if closed else None)
    # An initial conference in the year after a section 47 enquiry that began before it is recorded here,
    # not in a Section47 block (rule 2884: one or the other).
    icpc = [c.held_on for c in modules["icpc_only"][person.pk] if _within(c.held_on, episode)]
    _add(node, "DateOfInitialCPC", iso(min(icpc)) if icpc else None)
    for a in assessments:
        block = ET.SubElement(node, "Assessments")
        _add(block, "AssessmentActualStartDate", iso(a.started_on))
        _add(
            block, "AssessmentAuthorisationDate", iso(a.completed_on if year.holds(a.completed_on) else None)
        )
        if a.completed_on and year.holds(a.completed_on):
            factors = ET.SubElement(block, "FactorsIdentifiedAtAssessment")
            for code in a.factors or ["21"]:
                _add(factors, "AssessmentFactors", code)
    for plan in modules["cin_plans"][person.pk]:
        if _within(plan.started_on, episode):
            block = ET.SubElement(node, "CINPlanDates")
            _add(block, "CINPlanStartDate", iso(plan.started_on))
            _add(
                block,
                "CINPlanEndDate",
                iso(plan.ended_on if plan.ended_on and plan.ended_on <= year.end else None),
            )
    for conference in modules["section47"][person.pk]:
        discussion = conference.strategy_discussion
        if discussion is None or not _within(discussion.held_on, episode):
            continue
        block = ET.SubElement(node, "Section47")
        _add(block, "S47ActualStartDate", iso(discussion.held_on))
        _add(block, "InitialCPCtarget", iso(conference.due_on))
        _add(block, "DateOfInitialCPC", iso(conference.held_on if year.holds(conference.held_on) else None))
        _add(block, "ICPCnotRequired", "false")
    _add(node, "ReferralNFA", "false")
    for plan in modules["cpp"][person.pk]:
        if not _within(plan.started_on, episode):
            continue
        block = ET.SubElement(node, "ChildProtectionPlans")
        _add(block, "CPPstartDate", iso(plan.started_on))
        _add(block, "CPPendDate", iso(plan.ended_on if plan.ended_on and plan.ended_on <= year.end else None))
        _add(block, "InitialCategoryOfAbuse", plan.category)
        _add(block, "LatestCategoryOfAbuse", plan.category)
        earlier = [p for p in modules["all_cpp"][person.pk] if p.started_on < plan.started_on]
        _add(block, "NumberOfPreviousCPP", len(earlier))
        reviews = modules["reviews"].get(plan.pk, [])
        if reviews:
            dates = ET.SubElement(block, "Reviews")
            for review in sorted(reviews, key=lambda r: r.held_on):
                _add(dates, "CPPreviewDate", iso(review.held_on))


def write_cin(*, authority: Authority, year: CollectionYear, out: Path) -> int:
    """Write the census to `out`; returns the number of children."""
    message = cin_census(authority=authority, year=year)
    ET.indent(message)
    out.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(message).write(out, encoding="utf-8", xml_declaration=True)
    return len(message.find("Children") or [])
