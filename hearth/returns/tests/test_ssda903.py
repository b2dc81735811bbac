from __future__ import annotations

import csv
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.care.episodes import NewPlacement, care_change, care_end, care_start
from hearth.care.missing import missing_record
from hearth.care.models import CareLeaver, HealthCheck, PeriodOfCare, ProviderKind
from hearth.care.tests.factories import provider
from hearth.returns.ssda903 import COLUMNS, ssda903_tables, write_ssda903
from hearth.returns.years import CollectionYear

YEAR = CollectionYear(2026)  # 1 April 2025 to 31 March 2026


@pytest.fixture
def carers(county):
    return provider(county.authority, name="The Hills"), provider(
        county.authority, kind=ProviderKind.CHILDRENS_HOME, name="Hill House", ofsted_urn="SC123456",
        place_provider="PR4", postcode="ST16 1AA",
    )  # fmt: skip


def tables(county):
    return ssda903_tables(authority_id=county.authority.pk, year=YEAR)


def test_a_year_of_care_becomes_episodes_reviews_missing_and_prev_perm(county, carers):
    child = county.allocated_child  # born 1 June 2015
    foster, home = carers
    care_start(by=county.social_worker, person=child, started_on=date(2025, 6, 2), legal_status="V2",
               category_of_need="N1", placement=NewPlacement("U6", foster), home_postcode="WS11 0AA")  # fmt: skip
    care_change(by=county.social_worker, person=child, on=date(2025, 9, 1), legal_status="C2",
                placement=NewPlacement("K2", home), change_reason="CREQB")  # fmt: skip
    missing_record(by=county.social_worker, person=child, kind="M",
                   started_at=datetime(2025, 10, 3, 21, tzinfo=ZoneInfo("Europe/London")),
                   ended_at=datetime(2025, 10, 4, 9, tzinfo=ZoneInfo("Europe/London")))  # fmt: skip
    t = tables(county)
    assert [(e["DECOM"], e["RNE"], e["LS"], e["PLACE"], e["DEC"], e["REC"], e["REASON_PLACE_CHANGE"], e["URN"])
            for e in t["episodes"]] == [
        ("02/06/2025", "S", "V2", "U6", "01/09/2025", "X1", "CREQB", "XXXXXXX"),
        ("01/09/2025", "B", "C2", "K2", "", "", "", "SC123456"),
    ]  # fmt: skip
    assert t["episodes"][1]["PL_POST"] == "ST16 1AA" and t["episodes"][0]["HOME_POST"] == "WS11 0AA"
    assert t["header"][0] | {} == {"CHILD": str(child.pk), "SEX": "U", "DOB": "01/06/2015", "ETHNIC": "NOBT",
                                   "UPN": "UN2", "MOTHER": "", "MC_DOB": ""}  # fmt: skip
    assert t["prev_perm"] == [{"CHILD": str(child.pk), "DOB": "01/06/2015", "PREV_PERM": "Z1", "LA_PERM": "",
                               "DATE_PERM": ""}]  # fmt: skip
    assert t["missing"] == [{"CHILD": str(child.pk), "DOB": "01/06/2015", "MISSING": "M", "MIS_START": "03/10/2025",
                             "MIS_END": "04/10/2025"}]  # fmt: skip
    assert t["oc2"] == []  # not yet looked after for 12 months at 31 March


def test_an_episode_ending_after_the_year_is_open_in_the_return(county, carers):
    child = county.allocated_child
    care_start(by=county.social_worker, person=child, started_on=date(2026, 1, 5), legal_status="V2",
               category_of_need="N1", placement=NewPlacement("U6", carers[0]))  # fmt: skip
    care_end(by=county.social_worker, person=child, on=date(2026, 6, 1), reason="E4A")
    (episode,) = tables(county)["episodes"]
    assert (episode["DEC"], episode["REC"]) == ("", "")


def test_oc2_for_children_looked_after_12_months_with_no_sdq_fields_under_4(county, carers):
    child, baby = county.allocated_child, county.unallocated_child
    baby.date_of_birth = date(2023, 1, 1)
    baby.save()
    for person in (child, baby):
        care_start(by=county.social_worker, person=person, started_on=date(2024, 6, 3), legal_status="C2",
                   category_of_need="N1", placement=NewPlacement("U6", carers[0]))  # fmt: skip
    PeriodOfCare.objects.update(started_on=date(2024, 6, 3))
    period = PeriodOfCare.objects.get(person=child)
    HealthCheck.objects.create(authority=county.authority, person=child, period=period, kind="sdq",
                               done_on=date(2025, 11, 1), sdq_score=14)  # fmt: skip
    rows = {r["CHILD"]: r for r in tables(county)["oc2"]}
    assert (rows[str(child.pk)]["SDQ_SCORE"], rows[str(child.pk)]["SDQ_REASON"]) == ("14", "")
    assert (rows[str(baby.pk)]["SDQ_SCORE"], rows[str(baby.pk)]["SDQ_REASON"]) == (
        "",
        "",
    )  # under 4: rule 188


@pytest.mark.parametrize(
    "ended_on, legal_status, in_oc2",
    [
        (None, "C2", True),
        (date(2026, 3, 31), "C2", True),  # leaving on 31 March itself still counts (validator rule 191)
        (date(2026, 3, 30), "C2", False),
        (None, "V3", False),  # short breaks are not continuous care (rule 190)
    ],
)
def test_the_oc2_cohort_is_the_dfe_s_continuously_looked_after(
    county, carers, ended_on, legal_status, in_oc2
):
    child = county.allocated_child
    care_start(by=county.social_worker, person=child, started_on=date(2025, 2, 3), legal_status=legal_status,
               category_of_need="N1", placement=NewPlacement("U6", carers[0]))  # fmt: skip
    if ended_on:
        care_end(by=county.social_worker, person=child, on=ended_on, reason="E4A")
    assert [r["CHILD"] for r in tables(county)["oc2"]] == ([str(child.pk)] if in_oc2 else [])


@pytest.mark.parametrize(
    "born, reason",
    [
        (date(2008, 3, 31), ""),  # 17 before 1 April 2025, 18 on 31 March 2026 when care ends: rule 189
        (date(2008, 4, 1), "SDQ1"),  # 17 on 1 April 2025 itself: a score or reason is due (rule 197B)
        (date(2015, 6, 1), "SDQ4"),  # 4 to 16: a score, or a reason there is none
    ],
)
def test_sdq_fields_follow_the_child_s_age_over_the_year(county, carers, born, reason):
    child = county.allocated_child
    child.date_of_birth = born
    child.save()
    care_start(by=county.social_worker, person=child, started_on=date(2024, 9, 2), legal_status="C2",
               category_of_need="N1", placement=NewPlacement("U6", carers[0]))  # fmt: skip
    if born == date(2008, 3, 31):
        care_end(by=county.social_worker, person=child, on=date(2026, 3, 31), reason="E8")
    (row,) = tables(county)["oc2"]
    assert (row["SDQ_SCORE"], row["SDQ_REASON"]) == ("", reason)


def test_care_leavers_are_in_oc3_only_if_they_left_care_before_their_birthday(county):
    left_before, left_on = county.allocated_child, county.unallocated_child
    for person, ended in ((left_before, date(2025, 5, 1)), (left_on, date(2025, 6, 1))):
        person.date_of_birth = date(2007, 6, 1)  # 18 on 1 June 2025
        person.save()
        PeriodOfCare.objects.create(authority=county.authority, person=person, started_on=date(2020, 1, 1),
                                    ended_on=ended, reason_ceased="E5")  # fmt: skip
        CareLeaver.objects.create(authority=county.authority, person=person, category="former_relevant")
    rows = tables(county)["oc3"]
    assert [r["CHILD"] for r in rows] == [str(left_before.pk)]  # leaving on the birthday: rule 1016
    assert rows[0] | {} == {"CHILD": str(left_before.pk), "DOB": "01/06/2007", "IN_TOUCH": "NO", "ACTIV": "0",
                            "ACCOM": "0"}  # fmt: skip


def test_files_have_the_exact_headers_and_empty_tables_are_left_out(county, carers, tmp_path):
    care_start(by=county.social_worker, person=county.allocated_child, started_on=date(2025, 6, 2), legal_status="V2",
               category_of_need="N1", placement=NewPlacement("U6", carers[0]))  # fmt: skip
    counts = write_ssda903(authority_id=county.authority.pk, year=YEAR, out=tmp_path)
    assert counts == {"episodes": 1, "header": 1, "prev_perm": 1, "social_worker": 1}
    written = sorted(p.name for p in (tmp_path / "2026").iterdir())
    assert written == ["episodes.csv", "header.csv", "prev_perm.csv", "social_worker.csv"]
    with (tmp_path / "2026" / "episodes.csv").open() as handle:
        assert next(csv.reader(handle)) == COLUMNS["episodes"]
    assert not list((tmp_path / "2025").iterdir())  # nothing last year


def test_social_worker_episodes_start_with_care_skip_short_ones_and_leave_the_latest_open(county, carers):
    from hearth.core.tests.factories import AllocationFactory
    from hearth.people.models import Allocation

    child = county.allocated_child
    Allocation.objects.filter(person=child).update(started_on=date(2024, 1, 1), ended_on=date(2025, 7, 1))
    AllocationFactory(
        person=child, worker=county.colleague, started_on=date(2025, 7, 1), ended_on=date(2025, 7, 2)
    )
    AllocationFactory(
        person=child, worker=county.team_manager, started_on=date(2025, 7, 2), ended_on=date(2025, 12, 1)
    )
    care_start(by=county.social_worker, person=child, started_on=date(2025, 6, 2), legal_status="V2",
               category_of_need="N1", placement=NewPlacement("U6", carers[0]))  # fmt: skip
    rows = tables(county)["social_worker"]
    assert [(r["SW_DECOM"], r["SW_DEC"], r["SW_REASON"]) for r in rows] == [
        ("02/06/2025", "01/07/2025", "FCONTA"),  # from the start of care, not the allocation's start
        ("02/07/2025", "", "CHCHAN"),  # the one-day allocation is left out; the latest is open
    ]
