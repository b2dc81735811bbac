"""SSD tables about people, teams and workers: ssd_person, ssd_address, ssd_disability,
ssd_immigration_status, ssd_mother, ssd_department, ssd_professionals and ssd_involvements.

- Districts are departments with no parent; teams are departments whose parent is their district
  (district IDs are written as D<Hearth ID> so they cannot clash with team IDs).
- ssd_address holds each person's addresses, and one row per period of care of the type
  "Home when care began" holding the home postcode the SSDA903 reports (HOME_POST).
- ssd_immigration_status holds a row of status UASC for each period of care of an unaccompanied child.
- ssd_mother pairs a child in the cohort who is a mother with her own child, where both are in it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from hearth.accounts.models import User
from hearth.care.models import CareLeaver, MissingEpisode, PeriodOfCare
from hearth.casework.models import (
    Assessment,
    Conference,
    Involvement,
    Plan,
    ProtectionPlan,
    StrategyDiscussion,
)
from hearth.frontdoor.models import ContactSubject, SubjectRole
from hearth.organisation.models import District, Team
from hearth.people.models import Address, Allocation, Identifier, IdentifierKind, Person, PersonKind
from hearth.people.relationships import RelationshipType
from hearth.returns.ids import worker_id

if TYPE_CHECKING:
    from hearth.returns.ssd.export import Extract

Row = dict[str, Any]
HOME_WHEN_CARE_BEGAN = "Home when care began"
UASC = "UASC"


def cohort(authority_id: int) -> list[int]:
    """Every child Hearth holds social care records for, in the order they were added."""
    ids: set[int] = set()
    for model in (
        Involvement,
        PeriodOfCare,
        CareLeaver,
        MissingEpisode,
        Assessment,
        Plan,
        ProtectionPlan,
        StrategyDiscussion,
        Conference,
    ):
        ids.update(model.objects.filter(authority_id=authority_id).values_list("person_id", flat=True))
    ids.update(
        ContactSubject.objects.filter(authority_id=authority_id, role=SubjectRole.CHILD).values_list(
            "person_id", flat=True
        )
    )
    kept = Person.objects.filter(authority_id=authority_id, kind=PersonKind.CHILD, merged_into__isnull=True)
    return sorted(set(kept.values_list("pk", flat=True)) & ids)


def tables(x: Extract) -> Iterator[tuple[str, Iterator[Row]]]:
    yield "ssd_department", _departments(x)
    yield "ssd_professionals", _professionals(x)
    yield "ssd_person", _people(x)
    yield "ssd_address", _addresses(x)
    yield "ssd_disability", _disabilities(x)
    yield "ssd_immigration_status", _immigration(x)
    yield "ssd_mother", _mothers(x)
    yield "ssd_involvements", _involvements(x)


def _people(x: Extract) -> Iterator[Row]:
    wanted = set(x.cohort)
    numbers: dict[int, dict[str, str]] = {}
    for person_id, kind, value in Identifier.objects.filter(
        authority_id=x.authority_id, kind__in=[IdentifierKind.NHS, IdentifierKind.UPN]
    ).values_list("person_id", "kind", "value"):
        if person_id in wanted:
            numbers.setdefault(person_id, {})[kind] = value
    people = Person.objects.filter(authority_id=x.authority_id, kind=PersonKind.CHILD).order_by("pk")
    for p in people.iterator(chunk_size=5000):
        if p.pk not in wanted:
            continue
        held = numbers.get(p.pk, {})
        yield {
            "pers_person_id": x.pid(p.pk), "pers_upn": held.get(IdentifierKind.UPN, ""),
            "pers_forename": p.given_name, "pers_surname": p.family_name, "pers_sex": p.sex, "pers_gender": p.sex,
            "pers_ethnicity": p.ethnicity, "pers_dob": p.date_of_birth,
            "pers_single_unique_id": held.get(IdentifierKind.NHS, ""),
            "pers_expected_dob": p.expected_date_of_birth, "pers_death_date": p.date_of_death,
        }  # fmt: skip


def _addresses(x: Extract) -> Iterator[Row]:
    wanted = set(x.cohort)
    for a in Address.objects.filter(authority_id=x.authority_id).order_by("person_id", "pk").iterator(5000):
        if a.person_id in wanted:
            parts = {"line_1": a.line_1, "line_2": a.line_2, "town": a.town}
            yield {"addr_table_id": a.pk, "addr_person_id": x.pid(a.person_id), "addr_address_type": "Home",
                   "addr_address_start_date": a.started_on, "addr_address_end_date": a.ended_on,
                   "addr_address_postcode": a.postcode, "addr_address_json": json.dumps(parts)}  # fmt: skip
    for period in (
        PeriodOfCare.objects.filter(authority_id=x.authority_id).exclude(home_postcode="").order_by("pk")
    ):
        yield {"addr_table_id": f"P{period.pk}", "addr_person_id": x.pid(period.person_id),
               "addr_address_type": HOME_WHEN_CARE_BEGAN, "addr_address_start_date": period.started_on,
               "addr_address_end_date": period.started_on, "addr_address_postcode": period.home_postcode}  # fmt: skip


def _disabilities(x: Extract) -> Iterator[Row]:
    wanted = set(x.cohort)
    found = Person.objects.filter(authority_id=x.authority_id).exclude(disabilities=[]).order_by("pk")
    for pk, codes in found.values_list("pk", "disabilities").iterator(5000):
        if pk in wanted:
            for code in codes:
                yield {
                    "disa_table_id": f"{pk}-{code}",
                    "disa_person_id": x.pid(pk),
                    "disa_disability_code": code,
                }


def _immigration(x: Extract) -> Iterator[Row]:
    for period in PeriodOfCare.objects.filter(authority_id=x.authority_id, unaccompanied=True).order_by("pk"):
        yield {"immi_immigration_status_id": period.pk, "immi_person_id": x.pid(period.person_id),
               "immi_immigration_status_start_date": period.started_on,
               "immi_immigration_status_end_date": period.ended_on, "immi_immigration_status": UASC}  # fmt: skip


def _mothers(x: Extract) -> Iterator[Row]:
    from hearth.people.models import Relationship

    wanted = set(x.cohort)
    links = Relationship.objects.filter(
        authority_id=x.authority_id, type=RelationshipType.PARENT, person__sex="F", person_id__in=wanted
    ).select_related("other")
    for link in links.order_by("pk"):  # the person is the parent of the other
        if link.other_id in wanted:
            yield {"moth_table_id": link.pk, "moth_person_id": x.pid(link.person_id),
                   "moth_childs_person_id": x.pid(link.other_id), "moth_childs_dob": link.other.date_of_birth}  # fmt: skip


def _departments(x: Extract) -> Iterator[Row]:
    districts = {d.pk: d for d in District.objects.filter(authority_id=x.authority_id)}
    for d in sorted(districts.values(), key=lambda d: d.pk):
        yield {"dept_team_id": f"D{d.pk}", "dept_team_name": d.name}
    for t in Team.objects.filter(authority_id=x.authority_id).order_by("pk"):
        yield {"dept_team_id": t.pk, "dept_team_name": t.name, "dept_team_parent_id": f"D{t.district_id}",
               "dept_team_parent_name": districts[t.district_id].name}  # fmt: skip


def _professionals(x: Extract) -> Iterator[Row]:
    for u in User.objects.filter(authority_id=x.authority_id).order_by("pk"):
        yield {"prof_professional_id": u.pk, "prof_staff_id": u.username, "prof_professional_name": u.display_name,
               "prof_social_worker_registration_no": worker_id(u), "prof_agency_worker_flag": "N",
               "prof_professional_job_title": u.job_title or u.role_label,
               "prof_professional_department": u.team_id}  # fmt: skip


def _involvements(x: Extract) -> Iterator[Row]:
    wanted = set(x.cohort)
    for a in Allocation.objects.filter(authority_id=x.authority_id).order_by("pk").iterator(5000):
        if a.person_id in wanted:
            yield {"invo_involvements_id": a.pk, "invo_professional_id": a.worker_id,
                   "invo_professional_role_id": a.role, "invo_professional_team": a.team_id,
                   "invo_person_id": x.pid(a.person_id), "invo_involvement_start_date": a.started_on,
                   "invo_involvement_end_date": a.ended_on}  # fmt: skip
